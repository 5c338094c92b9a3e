from . import product_pricelist, product_pricelist_item, product_product, res_company, res_users
