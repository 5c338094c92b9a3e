{
    "name": "CIM runner self-test (fails on purpose)",
    "summary": "One passing and one failing test, for the runner's own test",
    "version": "19.0.1.0.0",
    "category": "Hidden/Tests",
    "license": "LGPL-3",
    "author": "CIM Developers",
    "website": "https://github.com/cim-odoo/cim",
    "depends": ["base"],
}
