{
    "name": "CIM Products",
    "summary": "Product center: style flags, image galleries, tenant and reseller visibility",
    "version": "19.0.1.0.0",
    "category": "Sales/Customer Interaction",
    "license": "LGPL-3",
    "author": "CIM Developers",
    "website": "https://github.com/cim-odoo/cim",
    "depends": ["cim_customer", "product", "sale"],
    "data": [
        "security/cim_catalog_groups.xml",
        "security/ir.model.access.csv",
        "security/cim_catalog_rules.xml",
        "views/cim_product_image_views.xml",
        "views/product_template_views.xml",
        "views/res_company_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/product_category_demo.xml",
        "demo/product_attribute_demo.xml",
        "demo/product_template_demo.xml",
    ],
}
