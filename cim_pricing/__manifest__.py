{
    "name": "CIM Prices",
    "summary": "Price management on Odoo price lists: tenant and reseller prices, price check",
    "version": "19.0.1.0.0",
    "category": "Sales/Customer Interaction",
    "license": "LGPL-3",
    "author": "CIM Developers",
    "website": "https://github.com/cim-odoo/cim",
    "depends": ["cim_catalog", "product"],
    "data": [
        "security/cim_pricing_groups.xml",
        "security/ir.model.access.csv",
        "views/product_pricelist_item_views.xml",
        "views/res_company_views.xml",
        "views/res_users_views.xml",
        "wizards/cim_price_check_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/product_pricelist_demo.xml",
    ],
}
