from collections import defaultdict

from odoo import api, fields, models
from odoo.fields import Command


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    cim_reseller_ids = fields.Many2many(
        "res.users",
        string="Resellers Using It",
        compute="_compute_cim_reseller_ids",
        help="Resellers who buy at this price list: their own, or their tenant's default.",
    )

    def _compute_cim_reseller_ids(self):
        domain = [("cim_login_name", "!=", False), ("share", "=", True)]
        if all(pricelist.company_id for pricelist in self):
            domain.append(("company_id", "in", self.company_id.ids))
        users_by_pricelist = defaultdict(list)
        for user in self.env["res.users"].search(domain):
            users_by_pricelist[user._cim_get_pricelist().id].append(user.id)
        for pricelist in self:
            pricelist.cim_reseller_ids = [Command.set(users_by_pricelist.get(pricelist.id, []))]

    @api.model
    def _get_partner_pricelist_multi(self, partner_ids):
        """A tenant's default price list comes before Odoo's fallbacks
        (country groups, first price list found) for the contacts without a
        price list of their own, so that the price check, the portal and
        sale orders of the tenant all agree."""
        result = super()._get_partner_pricelist_multi(partner_ids)
        if not self.env["res.groups"]._is_feature_enabled("product.group_product_pricelist"):
            return result
        # Company settings: a reseller's order reads its tenant's default
        # price list without rights on companies.
        tenant_default = self.env.company.sudo().cim_pricelist_id
        if not tenant_default.active:
            return result
        partners = self.env["res.partner"].with_context(active_test=False).browse(partner_ids)
        for partner in partners:
            own = partner.specific_property_product_pricelist
            if not own._get_partner_pricelist_multi_filter_hook():
                result[partner.id] = tenant_default.with_env(self.env)
        return result
