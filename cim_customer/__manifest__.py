{
    "name": "CIM Customer Center",
    "summary": "Tenants, resellers (user@tenant logins) and their end customers",
    "version": "19.0.1.0.0",
    "category": "Sales/Customer Interaction",
    "license": "LGPL-3",
    "author": "CIM Developers",
    "website": "https://github.com/cim-odoo/cim",
    "depends": ["portal", "sale"],
    "data": [
        "security/cim_customer_groups.xml",
        "security/ir.model.access.csv",
        "views/res_company_views.xml",
        "views/res_users_views.xml",
        "views/res_partner_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/res_users_demo.xml",
        "demo/res_partner_demo.xml",
    ],
}
