{
    "name": "CIM Wallet",
    "summary": "Prepaid account ledger that pays and refunds resellers' sale orders",
    "version": "19.0.1.0.0",
    "category": "Sales/Customer Interaction",
    "license": "LGPL-3",
    "author": "CIM Developers",
    "website": "https://github.com/cim-odoo/cim",
    "depends": ["cim_catalog", "sale"],
    "data": [
        "security/ir.model.access.csv",
        "security/cim_wallet_rules.xml",
        "views/cim_wallet_transaction_views.xml",
        "views/cim_wallet_views.xml",
        "views/sale_order_views.xml",
        "views/res_company_views.xml",
        "wizards/cim_wallet_operation_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/cim_wallet_demo.xml",
    ],
}
