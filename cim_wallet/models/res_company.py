from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    cim_wallet_low_balance = fields.Monetary(
        string="Low Balance Threshold",
        currency_field="currency_id",
        help="Resellers of this tenant whose wallet balance is below this amount show "
        "under the Low Balance filter of the wallets.",
    )

    @api.model
    def _cim_demo_tenant_warehouses(self):
        """Demo data only. When the stock app is installed (cim_logistics
        brings it), Odoo confirms an order only for a company that has a
        warehouse; cim_logistics gives every tenant one, but its data loads
        after this addon's demo orders are paid."""
        if "stock.warehouse" not in self.env:
            return
        # Warehouses are Inventory administrators' records; demo loads as superuser anyway.
        Warehouse = self.env["stock.warehouse"].sudo()
        tenants = self.search([("cim_tenant_code", "!=", False)])
        for company in tenants - Warehouse.search([("company_id", "in", tenants.ids)]).company_id:
            Warehouse.create({"company_id": company.id})
