{
    "name": "CIM Portal",
    "summary": "The reseller portal: home, search, orders, cart, customers, shipments, wallet",
    "version": "19.0.1.0.0",
    "category": "Sales/Customer Interaction",
    "license": "LGPL-3",
    "author": "CIM Developers",
    "website": "https://github.com/cim-odoo/cim",
    "depends": [
        "cim_customer",
        "cim_catalog",
        "cim_pricing",
        "cim_wallet",
        "cim_logistics",
        "portal",
        "website",
    ],
    "data": [
        "data/website_data.xml",
        "views/web_login_templates.xml",
        "views/portal_templates.xml",
        "views/end_customer_templates.xml",
        "views/catalog_templates.xml",
        "views/order_templates.xml",
        "views/shipment_templates.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "cim_portal/static/src/interactions/*.js",
        ],
        "web.assets_tests": [
            "cim_portal/static/tests/tours/*.js",
        ],
    },
    "application": True,
}
