from odoo import api, models
from odoo.exceptions import AccessError, ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _cim_end_customer_reference_domains(self):
        domains = super()._cim_end_customer_reference_domains()
        domains["stock.picking"] = ["partner_id"]
        return domains

    def _cim_is_end_customer_of(self, reseller):
        """Whether this partner is an active end customer of ``reseller`` (a
        commercial partner)."""
        self.ensure_one()
        partner = self.sudo()
        return bool(
            partner.active
            and partner.cim_is_end_customer
            and partner.parent_id
            and partner.parent_id == reseller.commercial_partner_id
        )

    @api.model
    def _cim_get_end_customer(self, partner_id, reseller):
        """The end customer ``partner_id`` of ``reseller``; anything else, such
        as another reseller's customer, answers as if it did not exist."""
        if isinstance(partner_id, models.BaseModel):
            partner_id = partner_id.id
        if not isinstance(partner_id, int) or isinstance(partner_id, bool):
            raise ValidationError(self.env._("The recipient is not valid."))
        # Existence is checked whatever the caller may read: the answer is the
        # same for a missing id and for someone else's customer.
        partner = self.sudo().browse(partner_id).exists()
        if not partner or not partner._cim_is_end_customer_of(reseller):
            raise AccessError(self.env._("This customer does not exist or is not yours."))
        return partner.sudo(self.env.su)
