from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class ResUsers(models.Model):
    _inherit = "res.users"

    cim_pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Own Price List",
        compute="_compute_cim_pricelist_id",
        inverse="_inverse_cim_pricelist_id",
        help="A price list for this reseller only. Without one, the reseller buys at "
        "its tenant's default price list.",
    )
    cim_effective_pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Price List in Use",
        compute="_compute_cim_pricelist_id",
    )

    @api.depends("partner_id", "company_id")
    def _compute_cim_pricelist_id(self):
        for user in self:
            if not user.cim_login_name:
                user.cim_pricelist_id = user.cim_effective_pricelist_id = False
                continue
            partner = user._cim_pricing_partner()
            user.cim_pricelist_id = partner.specific_property_product_pricelist.id
            user.cim_effective_pricelist_id = user._cim_get_pricelist().id

    def _inverse_cim_pricelist_id(self):
        for user in self:
            user._cim_set_pricelist(user.cim_pricelist_id.id)

    @api.model_create_multi
    def create(self, vals_list):
        pricelists = [vals.pop("cim_pricelist_id", None) for vals in vals_list]
        users = super().create(vals_list)
        for user, pricelist_id in zip(users, pricelists, strict=True):
            if pricelist_id is not None:
                user._cim_set_pricelist(pricelist_id)
        return users

    def write(self, vals):
        # The reseller's own price list lives on its contact (Odoo's
        # company-dependent partner price list), not on the user: it is set
        # here so that the whitelist of what CIM Managers may change on a
        # user stays as it is.
        if "cim_pricelist_id" in vals:
            vals = dict(vals)
            self._cim_set_pricelist(vals.pop("cim_pricelist_id"))
            if not vals:
                return True
        return super().write(vals)

    def _cim_pricing_partner(self):
        """The contact that carries the reseller's price list, in its tenant."""
        self.ensure_one()
        # Portal resellers cannot read price lists, and staff may work in
        # another company than the reseller's tenant.
        return self.sudo().partner_id.commercial_partner_id.with_company(self.company_id)

    def _cim_set_pricelist(self, pricelist_id):
        if not self.env.su and not self.env.user.has_group("cim_customer.group_cim_manager"):
            raise AccessError(self.env._("Only CIM Managers can change a reseller's price list."))
        pricelist = self.env["product.pricelist"].browse(pricelist_id or [])
        for user in self:
            if not user.cim_login_name:
                raise ValidationError(self.env._("Only resellers have a price list of their own."))
            if pricelist and pricelist.company_id not in (user.company_id, self.env["res.company"]):
                raise ValidationError(
                    self.env._(
                        "The price list %(pricelist)s does not belong to the tenant of "
                        "%(reseller)s.",
                        pricelist=pricelist.display_name,
                        reseller=user.name,
                    )
                )
            # Writing the contact of a reseller of the manager's tenant; the
            # checks above are what a CIM Manager may do.
            user._cim_pricing_partner().specific_property_product_pricelist = pricelist
        self.invalidate_recordset(["cim_pricelist_id", "cim_effective_pricelist_id"])

    def _cim_get_pricelist(self):
        """The price list this reseller buys with: its own if it has one, else
        its tenant's default price list. The same one a sale order of the
        reseller gets (see product.pricelist._get_partner_pricelist_multi)."""
        self.ensure_one()
        return self._cim_pricing_partner().property_product_pricelist.with_env(self.env)
