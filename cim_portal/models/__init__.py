from . import product_template, res_partner, sale_order, sale_order_line, website
