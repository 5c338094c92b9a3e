from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .stock_picking import is_unset


class DeliveryCarrier(models.Model):
    _inherit = "delivery.carrier"

    cim_not_tracked = fields.Boolean(
        string="Not Tracked",
        help="Parcels of this carrier have no tracking number (e.g. own courier, pick-up): "
        "shipments can be marked shipped without one.",
    )

    @api.model
    def cim_get_carriers(self):
        """Carriers a reseller or a CIM staff member may choose for a shipment
        of its (current) tenant: list of {id, name, not_tracked, tracking_url}."""
        user = self.env.user
        if not (user.cim_login_name or user.has_group("cim_customer.group_cim_user")):
            raise AccessError(self.env._("Only resellers and CIM staff choose carriers."))
        # Portal resellers hold no read access on carriers (their pricing set-up
        # is not theirs to see); this returns only names and tracking flags.
        carriers = self.sudo().search(
            [("company_id", "in", [False, self.env.company.id])], order="sequence, name"
        )
        return [
            {
                "id": carrier.id,
                "name": carrier.name,
                "not_tracked": carrier.cim_not_tracked,
                "tracking_url": carrier.tracking_url or False,
            }
            for carrier in carriers
        ]

    @api.model
    def _cim_get_carrier(self, carrier_id, company):
        """The active carrier ``carrier_id`` usable by ``company``, or an error."""
        if isinstance(carrier_id, models.BaseModel):
            carrier_id = carrier_id.id
        if is_unset(carrier_id):
            return self.browse()
        if not isinstance(carrier_id, int) or isinstance(carrier_id, bool):
            raise ValidationError(self.env._("This carrier is not valid."))
        # Whether a carrier exists for a tenant does not depend on the caller's
        # read rights on carriers, which portal resellers lack.
        carrier = self.sudo().browse(carrier_id).exists()
        if (
            not carrier
            or not carrier.active
            or (carrier.company_id and carrier.company_id != company)
        ):
            raise ValidationError(self.env._("This carrier does not exist or is not available."))
        return carrier.sudo(self.env.su)
