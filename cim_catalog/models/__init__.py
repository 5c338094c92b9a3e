from . import cim_product_image, product_product, product_template, res_company
