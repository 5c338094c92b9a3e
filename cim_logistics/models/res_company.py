from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    cim_shipment_late_days = fields.Integer(
        string="Shipments Late After (Days)",
        default=3,
        help="A shipment requested more than this many days ago and not shipped yet shows "
        "under the Late filter of the Logistics.",
    )

    _cim_shipment_late_days_positive = models.Constraint(
        "CHECK (cim_shipment_late_days >= 0)",
        lambda env, diag=None: env._(
            "The number of days after which a shipment is late cannot be negative."
        ),
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._cim_create_missing_warehouses()
        return companies

    def write(self, vals):
        result = super().write(vals)
        if vals.get("cim_tenant_code"):
            self._cim_create_missing_warehouses()
        return result

    @api.model
    def _cim_create_missing_warehouses(self):
        """Give every tenant (all of them when called on no company) a
        warehouse to ship its resellers' orders from: Odoo 19 creates one for
        a new company only in tests, and confirming an order of goods needs it."""
        tenants = (self or self.search([])).filtered("cim_tenant_code")
        if not tenants:
            return
        # Warehouses are Inventory administrators' records; a tenant needs one
        # whoever creates it (an Access Rights administrator, an install).
        Warehouse = self.env["stock.warehouse"].sudo().with_context(active_test=False)
        equipped = Warehouse.search([("company_id", "in", tenants.ids)]).company_id
        for company in tenants - equipped:
            Warehouse.create({"company_id": company.id})
