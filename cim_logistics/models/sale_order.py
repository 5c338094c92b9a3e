from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

from .stock_picking import SHIPMENT_STATES, clean_text, is_unset

SHIPPING_STATES = [("none", "Not Requested"), *SHIPMENT_STATES]


class SaleOrder(models.Model):
    _inherit = "sale.order"

    cim_shipping_state = fields.Selection(
        SHIPPING_STATES,
        string="Shipping State",
        compute="_compute_cim_shipping_state",
        store=True,
        index=True,
        help="The state of the order's current shipment: the newest one that is not "
        "cancelled, else the newest cancelled one.",
    )
    cim_date_shipment_requested = fields.Datetime(
        string="Shipment Requested On",
        readonly=True,
        copy=False,
        help="When the reseller or staff last asked for the order to be shipped.",
    )
    cim_shipment_count = fields.Integer(
        string="Shipment Count", compute="_compute_cim_shipping_state", store=True
    )

    @api.depends("picking_ids.cim_shipment_state")
    def _compute_cim_shipping_state(self):
        for order in self:
            shipments = order.picking_ids.filtered("cim_shipment_state").sorted("id")
            current = shipments.filtered(lambda s: s.cim_shipment_state != "cancelled")[-1:]
            current = current or shipments[-1:]
            order.cim_shipping_state = current.cim_shipment_state or "none"
            order.cim_shipment_count = len(shipments)

    # Public API: the portal's Ship (发货) button, RPC clients and staff.

    def action_cim_request_shipment(self, carrier_id=None, recipient_id=None, note=None):
        """Ask for paid orders to be shipped to their end customers.

        Creates, per order, one outgoing shipment (a ``stock.picking`` with the
        order's goods) addressed to ``recipient_id`` (an end customer of the
        order's reseller; by default the order's delivery address when it is
        one), with the optional carrier ``carrier_id`` and delivery ``note``.
        An order that already has a shipment that is not cancelled keeps it:
        requesting twice, or from two workers at once, creates one shipment.

        Callable by the order's own reseller and by staff of its tenant.

        :return: ids of the orders' shipments
        """
        self._cim_check_shipment_access()
        # Resellers hold no write access on orders nor create access on
        # pickings; the ownership check above is what lets them ask for their
        # own orders to ship. Staff go the same way so both get the same shipment.
        orders = self.sudo()._cim_lock_orders()
        shipments = self.env["stock.picking"].sudo()
        for order in orders:
            shipments |= order._cim_request_shipment(carrier_id, recipient_id, note)
        return shipments.ids

    def action_cim_request_shipment_button(self):
        """Back-office button: request the shipment and open it."""
        self.ensure_one()
        shipment_ids = self.action_cim_request_shipment()
        return self.env["stock.picking"].browse(shipment_ids)._cim_get_action()

    def action_view_cim_shipments(self):
        self.ensure_one()
        shipments = self.picking_ids.filtered("cim_shipment_state")
        return shipments._cim_get_action()

    # Hooks

    def _cim_is_shipped(self):
        """The goods have left once a shipment of the order was validated."""
        self.ensure_one()
        return any(
            picking.state == "done" and picking.picking_type_code == "outgoing"
            for picking in self.sudo().picking_ids
        )

    # Business methods

    def _cim_check_shipment_access(self):
        """Shipping is for the order's own reseller and its tenant's staff."""
        self._cim_check_order_access(
            self.env._("Only the order's reseller and its tenant's staff can ship an order.")
        )

    def _cim_request_shipment(self, carrier_id, recipient_id, note):
        """Request the shipment of one locked order; returns its shipment."""
        self.ensure_one()
        # What the caller sent is checked first: a bad value is refused even
        # when the order already has its shipment.
        reseller = self.partner_id.commercial_partner_id
        recipient = (
            None
            if is_unset(recipient_id)
            else self.env["res.partner"]._cim_get_end_customer(recipient_id, reseller)
        )
        carrier = self.env["delivery.carrier"]._cim_get_carrier(carrier_id, self.company_id)
        note = clean_text(self.env, note)
        current = self.picking_ids.filtered(
            lambda p: p.cim_shipment_state and p.cim_shipment_state != "cancelled"
        )
        if current:
            return current
        self._cim_check_shippable()
        recipient = recipient or self._cim_default_recipient()
        shipment = self._cim_create_shipment(recipient, carrier, note)
        # Writing the order row is what makes a concurrent request that waited
        # on the lock retry (see _cim_lock_orders).
        self.cim_date_shipment_requested = shipment.cim_date_requested
        return shipment

    def _cim_check_shippable(self):
        self.ensure_one()
        if self.state == "cancel":
            raise UserError(
                self.env._(
                    "The order %(order)s is cancelled: it cannot be shipped.", order=self.name
                )
            )
        if self.state != "sale" or not self._cim_debit():
            raise UserError(
                self.env._(
                    "The order %(order)s has not been paid: submit it before asking for "
                    "its shipment.",
                    order=self.name,
                )
            )

    def _cim_default_recipient(self):
        """Where a shipment of this order goes when the caller names nobody:
        the order's delivery address, when it is one of the reseller's end
        customers."""
        self.ensure_one()
        recipient = self.partner_shipping_id
        if not recipient or not recipient._cim_is_end_customer_of(
            self.partner_id.commercial_partner_id
        ):
            raise UserError(
                self.env._(
                    "Choose who receives the order %(order)s: one of the reseller's customers.",
                    order=self.name,
                )
            )
        return recipient

    def _cim_create_shipment(self, recipient, carrier, note):
        """Create the outgoing picking of this order's goods, confirmed, in the
        order's warehouse. Goods are made to order: the picking takes no route
        and waits for no stock on hand; it is validated when it ships."""
        self.ensure_one()
        order = self.with_company(self.company_id)
        picking_type = order.warehouse_id.out_type_id
        if not picking_type:
            raise UserError(
                self.env._(
                    "The tenant %(tenant)s has no warehouse to ship from.",
                    tenant=order.company_id.name,
                )
            )
        location = picking_type.default_location_src_id
        location_dest = picking_type.default_location_dest_id or self.env.ref(
            "stock.stock_location_customers"
        )
        lines = order.order_line.filtered(
            lambda line: (
                not line.display_type
                and line.product_id.type == "consu"
                and line.product_uom_id.compare(line.product_uom_qty, 0.0) > 0
            )
        )
        if not lines:
            raise UserError(
                self.env._("The order %(order)s has no goods to ship.", order=order.name)
            )
        picking = (
            self.env["stock.picking"]
            .with_company(order.company_id)
            .with_context(mail_create_nosubscribe=True)
            .create(
                {
                    "picking_type_id": picking_type.id,
                    "partner_id": recipient.id,
                    "location_id": location.id,
                    "location_dest_id": location_dest.id,
                    "origin": order.name,
                    "company_id": order.company_id.id,
                    "user_id": False,
                    "carrier_id": carrier.id,
                    "cim_date_requested": fields.Datetime.now(),
                    "cim_reseller_id": order.partner_id.commercial_partner_id.id,
                    "cim_delivery_note": note,
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": line.product_id.id,
                                "product_uom_qty": line.product_uom_qty,
                                "product_uom": line.product_uom_id.id,
                                "location_id": location.id,
                                "location_dest_id": location_dest.id,
                                "sale_line_id": line.id,
                                "origin": order.name,
                                "company_id": order.company_id.id,
                            }
                        )
                        for line in lines
                    ],
                }
            )
        )
        picking.action_confirm()
        return picking
