from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class CimShipmentShip(models.TransientModel):
    _name = "cim.shipment.ship"
    _description = "Mark Shipments as Shipped"

    carrier_id = fields.Many2one(
        "delivery.carrier",
        help="The carrier of every shipment below that names none of its own.",
    )
    line_ids = fields.One2many("cim.shipment.ship.line", "wizard_id", string="Shipments")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "line_ids" in fields_list and self.env.context.get("active_model") == "stock.picking":
            shipments = self.env["stock.picking"].browse(self.env.context.get("active_ids", []))
            shipments = shipments.filtered(
                lambda s: s.cim_shipment_state in ("requested", "preparing")
            )
            if not shipments:
                raise UserError(self.env._("Select shipments that are waiting to ship."))
            values["line_ids"] = [
                Command.create(
                    {
                        "picking_id": shipment.id,
                        "carrier_id": shipment.carrier_id.id,
                        "tracking_ref": shipment.carrier_tracking_ref,
                    }
                )
                for shipment in shipments
            ]
        return values

    def action_confirm(self):
        self.ensure_one()
        # Check every line first, so that a batch ships all or nothing with a
        # message naming the shipment to fix.
        for line in self.line_ids:
            carrier = line.carrier_id or self.carrier_id
            if not carrier:
                raise UserError(
                    self.env._(
                        "Choose the carrier of the shipment %(shipment)s before shipping it.",
                        shipment=line.picking_id.name,
                    )
                )
            if not (line.tracking_ref or "").strip() and not carrier.cim_not_tracked:
                raise UserError(
                    self.env._(
                        "Enter the tracking number of the shipment %(shipment)s: %(carrier)s "
                        "tracks its parcels.",
                        shipment=line.picking_id.name,
                        carrier=carrier.name,
                    )
                )
        for line in self.line_ids:
            line.picking_id.cim_mark_shipped(
                (line.carrier_id or self.carrier_id).id, line.tracking_ref
            )
        shipments = self.line_ids.picking_id
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s shipment(s) marked as shipped.", count=len(shipments)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }


class CimShipmentShipLine(models.TransientModel):
    _name = "cim.shipment.ship.line"
    _description = "Shipment to Mark as Shipped"

    wizard_id = fields.Many2one("cim.shipment.ship", required=True, ondelete="cascade")
    picking_id = fields.Many2one("stock.picking", string="Shipment", required=True)
    partner_id = fields.Many2one(related="picking_id.partner_id", string="Recipient")
    origin = fields.Char(related="picking_id.origin")
    carrier_id = fields.Many2one("delivery.carrier")
    tracking_ref = fields.Char(string="Tracking Number")
