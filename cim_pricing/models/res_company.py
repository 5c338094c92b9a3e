from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    cim_pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Default Price List",
        domain="[('company_id', '=', id)]",
        help="The price list of the tenant's resellers who have no price list of their own.",
    )

    @api.constrains("cim_pricelist_id")
    def _check_cim_pricelist_id(self):
        for company in self:
            pricelist = company.cim_pricelist_id
            if pricelist and pricelist.company_id != company:
                raise ValidationError(
                    self.env._(
                        "The default price list of the tenant %(tenant)s must belong to "
                        "that tenant.",
                        tenant=company.name,
                    )
                )
