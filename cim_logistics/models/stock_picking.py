from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.cim_customer.models.res_partner import MARKUP_RE

SHIPMENT_STATES = [
    ("requested", "Requested"),
    ("preparing", "Being Prepared"),
    ("shipped", "Shipped"),
    ("delivered", "Delivered"),
    ("cancelled", "Cancelled"),
]
# A shipment can still change (recipient, note, carrier) or be cancelled.
OPEN_STATES = ("requested", "preparing")
NOTE_MAX_LENGTH = 1000
TRACKING_REF_MAX_LENGTH = 64
# What a shipment's recipient and note are; they never change once it has
# shipped or was cancelled, whoever writes.
FROZEN_FIELDS = ("partner_id", "cim_delivery_note")
# What cim_write_shipment accepts.
SHIPMENT_WRITE_KEYS = frozenset({"partner_id", "cim_delivery_note", "carrier_id", "recipient"})


def is_unset(value):
    """Whether a record id a caller sent means "none": None or False, as in
    Odoo's many2one values. Anything else must be a real id: an empty string
    or list is refused, not read as "none"."""
    return value is None or value is False


def clean_text(env, value, max_length=NOTE_MAX_LENGTH, label=None):
    """Text a reseller typed: stripped, bounded, without markup; False if empty."""
    if value is None or value is False:
        return False
    if not isinstance(value, str):
        raise ValidationError(env._("%(field)s must be text.", field=label or env._("The note")))
    value = value.strip()
    if len(value) > max_length:
        raise ValidationError(
            env._(
                "%(field)s is too long: at most %(max)s characters.",
                field=label or env._("The note"),
                max=max_length,
            )
        )
    if MARKUP_RE.search(value):
        raise ValidationError(
            env._("%(field)s cannot contain < or >.", field=label or env._("The note"))
        )
    return value or False


class StockPicking(models.Model):
    _inherit = "stock.picking"

    cim_shipment_state = fields.Selection(
        SHIPMENT_STATES,
        string="Shipment State",
        compute="_compute_cim_shipment_state",
        store=True,
        index=True,
        tracking=True,
        help="Set on the shipments of resellers' orders (发货单): requested by the reseller "
        "or staff, being prepared, shipped (validated, with carrier and tracking number), "
        "delivered; or cancelled.",
    )
    cim_date_requested = fields.Datetime(
        string="Requested On", readonly=True, copy=False, index=True
    )
    cim_date_preparing = fields.Datetime(string="Preparation Started On", readonly=True, copy=False)
    cim_date_delivered = fields.Datetime(string="Delivered On", readonly=True, copy=False)
    cim_reseller_id = fields.Many2one(
        "res.partner",
        string="Reseller",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The reseller whose order this shipment delivers: the sender on the delivery slip.",
    )
    # 发货查询 lists a reseller's shipments, newest request first, a page at a
    # time.
    _cim_reseller_requested_idx = models.Index(
        "(cim_reseller_id, company_id, cim_date_requested DESC, id DESC)"
        " WHERE cim_date_requested IS NOT NULL"
    )
    cim_delivery_note = fields.Text(
        string="Delivery Note",
        copy=False,
        help="The reseller's note for the delivery, printed on the delivery slip.",
    )
    cim_carrier_not_tracked = fields.Boolean(related="carrier_id.cim_not_tracked")
    cim_is_late = fields.Boolean(
        string="Late",
        compute="_compute_cim_is_late",
        search="_search_cim_is_late",
        help="Requested more than the tenant's number of days ago and not shipped yet.",
    )
    cim_shipped_today = fields.Boolean(
        string="Shipped Today",
        compute="_compute_cim_shipped_today",
        search="_search_cim_shipped_today",
    )

    @api.depends("state", "cim_date_requested", "cim_date_preparing", "cim_date_delivered")
    def _compute_cim_shipment_state(self):
        # Derived from the picking's own state, so that however a shipment is
        # cancelled or validated (the order's cancel, Odoo's buttons), its CIM
        # state follows.
        for picking in self:
            if not picking.cim_date_requested:
                picking.cim_shipment_state = False
            elif picking.state == "cancel":
                picking.cim_shipment_state = "cancelled"
            elif picking.state == "done":
                picking.cim_shipment_state = (
                    "delivered" if picking.cim_date_delivered else "shipped"
                )
            elif picking.cim_date_preparing:
                picking.cim_shipment_state = "preparing"
            else:
                picking.cim_shipment_state = "requested"

    @api.depends("cim_shipment_state", "cim_date_requested", "company_id.cim_shipment_late_days")
    def _compute_cim_is_late(self):
        now = fields.Datetime.now()
        for picking in self:
            picking.cim_is_late = bool(
                picking.cim_shipment_state in OPEN_STATES
                and picking.cim_date_requested
                < now - timedelta(days=picking.company_id.cim_shipment_late_days)
            )

    def _search_cim_is_late(self, operator, value):
        if operator != "in":
            return NotImplemented
        # Each tenant has its own delay; the setting is read whatever company
        # rules hide from the caller, its shipments stay filtered by them.
        now = fields.Datetime.now()
        late = Domain.FALSE
        for company in self.env["res.company"].sudo().search([]):
            late |= Domain("company_id", "=", company.id) & Domain(
                "cim_date_requested", "<", now - timedelta(days=company.cim_shipment_late_days)
            )
        late &= Domain("cim_shipment_state", "in", OPEN_STATES)
        if True in value and False in value:
            return Domain.TRUE
        return late if True in value else ~late

    def _cim_today_start(self):
        """Midnight of the user's today, in UTC."""
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        today = fields.Datetime.now().replace(tzinfo=pytz.utc).astimezone(tz).date()
        start = tz.localize(datetime.combine(today, time.min))
        return start.astimezone(pytz.utc).replace(tzinfo=None)

    @api.depends("date_done", "cim_shipment_state")
    def _compute_cim_shipped_today(self):
        start = self._cim_today_start()
        for picking in self:
            picking.cim_shipped_today = bool(
                picking.cim_shipment_state in ("shipped", "delivered")
                and picking.date_done
                and picking.date_done >= start
            )

    def _search_cim_shipped_today(self, operator, value):
        if operator != "in":
            return NotImplemented
        today = Domain("cim_shipment_state", "in", ("shipped", "delivered")) & Domain(
            "date_done", ">=", self._cim_today_start()
        )
        if True in value and False in value:
            return Domain.TRUE
        return today if True in value else ~today

    @api.constrains("partner_id", "cim_reseller_id")
    def _check_cim_recipient(self):
        for picking in self.filtered("cim_date_requested"):
            if not picking.partner_id or not picking.partner_id._cim_is_end_customer_of(
                picking.cim_reseller_id
            ):
                raise ValidationError(
                    self.env._(
                        "The recipient of the shipment %(shipment)s must be one of the "
                        "customers of its reseller %(reseller)s.",
                        shipment=picking.name,
                        reseller=picking.cim_reseller_id.name,
                    )
                )

    def write(self, vals):
        frozen = [name for name in FROZEN_FIELDS if name in vals]
        if frozen:
            closed = self.filtered(
                lambda p: (
                    p.cim_shipment_state
                    and p.cim_shipment_state not in OPEN_STATES
                    and any(
                        p._fields[name].convert_to_write(p[name], p) != vals[name]
                        for name in frozen
                    )
                )
            )
            if closed:
                raise UserError(
                    self.env._(
                        "The shipment %(shipments)s has shipped or was cancelled: its "
                        "recipient and delivery note can no longer change.",
                        shipments=", ".join(closed.mapped("name")),
                    )
                )
        return super().write(vals)

    def _action_done(self):
        for picking in self.filtered("cim_date_requested"):
            picking._cim_check_can_ship()
        return super()._action_done()

    def _add_delivery_cost_to_so(self):
        # A reseller's order was paid from its wallet for its exact total; the
        # carrier's cost never adds a line to it afterwards.
        if self.cim_date_requested:
            return
        return super()._add_delivery_cost_to_so()

    # Public API: the portal (发货查询), RPC clients and staff.

    def cim_write_shipment(self, vals):
        """Change shipments that have not shipped yet. ``vals`` may hold:

        - ``partner_id``: the id of another end customer of the reseller;
        - ``cim_delivery_note``: text (no markup, at most 1000 characters);
        - ``carrier_id``: the id of a carrier, or False;
        - ``recipient``: a dict of address fields of the recipient (the fields
          ``res.partner.cim_write_end_customer`` accepts), written on the end
          customer itself.

        Callable by the order's own reseller and by staff of its tenant.
        """
        self._cim_check_shipment_access()
        unknown = set(vals) - SHIPMENT_WRITE_KEYS
        if unknown:
            raise AccessError(
                self.env._(
                    "These shipment fields cannot be set: %(fields)s",
                    fields=", ".join(sorted(unknown)),
                )
            )
        # Portal resellers hold no write access on pickings nor contacts; the
        # ownership check above lets them change their own open shipments.
        shipments = self.sudo()._cim_lock()
        for shipment in shipments:
            shipment._cim_check_open()
            values = {}
            if "partner_id" in vals:
                values["partner_id"] = (
                    self.env["res.partner"]
                    ._cim_get_end_customer(vals["partner_id"], shipment.cim_reseller_id)
                    .id
                )
            if "cim_delivery_note" in vals:
                values["cim_delivery_note"] = clean_text(self.env, vals["cim_delivery_note"])
            if "carrier_id" in vals:
                values["carrier_id"] = (
                    self.env["delivery.carrier"]
                    ._cim_get_carrier(vals["carrier_id"], shipment.company_id)
                    .id
                )
            if values:
                shipment.write(values)
            if vals.get("recipient"):
                if not isinstance(vals["recipient"], dict):
                    raise ValidationError(self.env._("The recipient's address is not valid."))
                partner = self.env["res.partner"]
                address = partner._cim_clean_end_customer_vals(vals["recipient"], creating=False)
                shipment.partner_id.write(address)
        return True

    def action_cim_cancel_shipment(self):
        """Cancel shipment requests that have not shipped (the 删除 of 发货查询);
        the order stays paid and can be shipped again later. Cancelling twice
        changes nothing. Callable by the order's own reseller and by staff."""
        self._cim_check_shipment_access()
        # Same as cim_write_shipment: ownership checked, resellers cannot write.
        shipments = self.sudo()._cim_lock()
        for shipment in shipments.filtered(lambda s: s.cim_shipment_state != "cancelled"):
            shipment._cim_check_open()
        shipments.filtered(lambda s: s.cim_shipment_state != "cancelled").action_cancel()
        return True

    def action_cim_prepare(self):
        """Staff: the warehouse starts preparing the shipments."""
        self._cim_check_staff_access()
        shipments = self._cim_lock()
        for shipment in shipments:
            if shipment.cim_shipment_state == "preparing":
                continue
            shipment._cim_check_open()
            shipment.cim_date_preparing = fields.Datetime.now()
        return True

    def cim_mark_shipped(self, carrier_id, tracking_ref=None):
        """Staff: the shipments left with ``carrier_id`` under the tracking
        number ``tracking_ref`` (required unless the carrier is not tracked).
        Validates the pickings for their whole quantities, without looking at
        the stock on hand: the goods are made to order."""
        self._cim_check_staff_access()
        shipments = self._cim_lock()
        for shipment in shipments:
            shipment._cim_ship(carrier_id, tracking_ref)
        return True

    def action_cim_mark_delivered(self):
        """Staff: the carrier delivered the shipments."""
        self._cim_check_staff_access()
        shipments = self._cim_lock()
        for shipment in shipments:
            if shipment.cim_shipment_state == "delivered":
                continue
            if shipment.cim_shipment_state != "shipped":
                raise UserError(
                    self.env._(
                        "The shipment %(shipment)s has not shipped: it cannot be delivered.",
                        shipment=shipment.name,
                    )
                )
            shipment.cim_date_delivered = fields.Datetime.now()
        return True

    def action_cim_open_ship_wizard(self):
        """Staff: open Mark as Shipped for the selected shipments."""
        self._cim_check_staff_access()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cim_logistics.cim_shipment_ship_action"
        )
        action["context"] = {"active_model": "stock.picking", "active_ids": self.ids}
        return action

    def action_cim_print_slip(self):
        return self.env.ref("cim_logistics.stock_picking_report_cim_delivery_slip").report_action(
            self
        )

    # Business methods

    def _cim_get_action(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cim_logistics.stock_picking_action_cim_shipment"
        )
        if len(self) == 1:
            action.update(res_id=self.id, view_mode="form", views=[(False, "form")])
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action

    def _cim_check_shipment_access(self):
        """Acting on shipments is for the order's own reseller and for staff
        of the shipment's tenant; for nobody else. A missing id and someone
        else's shipment get the same answer."""
        if self.env.su:
            return
        shipments = self.sudo()
        if len(shipments.exists()) != len(self) or not all(shipments.mapped("cim_date_requested")):
            raise AccessError(self.env._("This shipment does not exist or is not yours."))
        user = self.env.user
        if user._is_internal() and user.has_group("cim_customer.group_cim_user"):
            if any(shipment.company_id not in user.company_ids for shipment in shipments):
                raise AccessError(self.env._("This shipment belongs to another tenant."))
            return
        if user.cim_login_name and user._is_portal():
            partner = user.partner_id.commercial_partner_id
            if any(
                shipment.cim_reseller_id != partner or shipment.company_id != user.company_id
                for shipment in shipments
            ):
                raise AccessError(self.env._("This shipment does not exist or is not yours."))
            return
        raise AccessError(
            self.env._("Only the order's reseller and its tenant's staff can change a shipment.")
        )

    def _cim_check_staff_access(self):
        if self.env.su:
            return
        if not self.env.user._is_internal() or not self.env.user.has_group(
            "cim_customer.group_cim_user"
        ):
            raise AccessError(self.env._("Only CIM staff prepare, ship and deliver shipments."))
        self._cim_check_shipment_access()

    def _cim_lock(self):
        """Lock the shipments' orders, then the shipments, each in id order
        (the order every path that changes an order or its shipment takes),
        and return the shipments re-read from the locked rows.

        Under REPEATABLE READ, a transaction that waited for a row another one
        changed (e.g. the order was cancelled while staff shipped it) fails
        with a serialization error and is retried by Odoo with fresh data.
        """
        if not self.ids:
            return self
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            """
            SELECT DISTINCT m.picking_id, l.order_id
              FROM stock_move m
              JOIN sale_order_line l ON l.id = m.sale_line_id
             WHERE m.picking_id IN %s
            """,
            [tuple(self.ids)],
        )
        order_ids = sorted({order_id for _picking_id, order_id in cr.fetchall()})
        if order_ids:
            cr.execute(
                "SELECT id FROM sale_order WHERE id IN %s ORDER BY id FOR UPDATE",
                [tuple(order_ids)],
            )
        cr.execute(
            "SELECT id FROM stock_picking WHERE id IN %s ORDER BY id FOR UPDATE",
            [tuple(self.ids)],
        )
        self.env.invalidate_all()
        return self.browse(sorted(self.ids))

    def _cim_check_open(self):
        self.ensure_one()
        if self.cim_shipment_state not in OPEN_STATES:
            state = dict(self._fields["cim_shipment_state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "The shipment %(shipment)s is %(state)s: only a shipment that has not "
                    "shipped yet can change.",
                    shipment=self.name,
                    state=state.get(self.cim_shipment_state, self.cim_shipment_state),
                )
            )

    def _cim_ship(self, carrier_id, tracking_ref):
        """Ship one locked shipment."""
        self.ensure_one()
        self._cim_check_open()
        carrier = self.env["delivery.carrier"]._cim_get_carrier(carrier_id, self.company_id)
        tracking_ref = clean_text(
            self.env,
            tracking_ref,
            max_length=TRACKING_REF_MAX_LENGTH,
            label=self.env._("The tracking number"),
        )
        self.write({"carrier_id": carrier.id, "carrier_tracking_ref": tracking_ref})
        for move in self.move_ids.filtered(lambda m: m.state not in ("done", "cancel")):
            # Made to order: the whole demand leaves, whatever the stock says.
            move.quantity = move.product_uom_qty
            move.picked = True
        self.with_context(cancel_backorder=True)._action_done()

    def _cim_check_can_ship(self):
        """A shipment leaves only for a paid order, with a carrier, and with a
        tracking number unless its carrier does not track parcels."""
        self.ensure_one()
        order = self.sale_id
        if order and order.state != "sale":
            raise UserError(
                self.env._(
                    "The order %(order)s of the shipment %(shipment)s is not paid or was "
                    "cancelled: the shipment cannot ship.",
                    order=order.name,
                    shipment=self.name,
                )
            )
        if not self.carrier_id:
            raise UserError(
                self.env._(
                    "Choose the carrier of the shipment %(shipment)s before shipping it.",
                    shipment=self.name,
                )
            )
        if not self.carrier_tracking_ref and not self.carrier_id.cim_not_tracked:
            raise UserError(
                self.env._(
                    "Enter the tracking number of the shipment %(shipment)s: %(carrier)s "
                    "tracks its parcels.",
                    shipment=self.name,
                    carrier=self.carrier_id.name,
                )
            )

    def _cim_sender(self):
        """The sender printed on the delivery slip: the reseller, never the
        tenant running CIM (white label)."""
        self.ensure_one()
        return self.sudo().cim_reseller_id
