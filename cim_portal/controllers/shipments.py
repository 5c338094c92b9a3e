from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.cim_logistics.models.stock_picking import OPEN_STATES, SHIPMENT_STATES, clean_text
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..tools import is_small_number
from .orders import CimOrderPortal

SHIPMENTS_PER_PAGE = 20
# The shipping states of an order (sale.order.cim_shipping_state) that the
# order list filters on and shows as badges.
SHIPPING = ("requested", "preparing")
SHIPPED = ("shipped", "delivered")


def _id_or_raw(value):
    """A posted id as a number; anything else as sent, for the model to refuse."""
    value = (value or "").strip()
    return int(value) if is_small_number(value) else value


class CimShipmentPortal(CimOrderPortal):
    """发货查询 and the 发货 button of the order page. cim_logistics' model
    methods check ownership, validate and act; this controller finds the
    shipment among the reseller's own, parses the form and renders."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "cim_shipment_count" in counters:
            values["cim_shipment_count"] = (
                request.env["stock.picking"].search_count(self._cim_shipments_domain())
                if request.env.user.cim_login_name
                else 0
            )
        return values

    # Helpers ------------------------------------------------------------

    def _cim_shipments_domain(self):
        reseller = request.env.user
        return (
            Domain("cim_date_requested", "!=", False)
            & Domain("cim_reseller_id", "=", reseller.partner_id.commercial_partner_id.id)
            & Domain("company_id", "=", reseller.company_id.id)
        )

    def _cim_shipment_or_404(self, shipment_id):
        """The reseller's own shipment, read with the reseller's rights."""
        self._cim_reseller_or_404()
        shipment = request.env["stock.picking"].search(
            Domain("id", "=", shipment_id) & self._cim_shipments_domain(), limit=1
        )
        if not shipment:
            raise NotFound()
        return shipment

    def _cim_shipment_filters(self):
        states = dict(SHIPMENT_STATES)
        labels = dict(
            request.env["stock.picking"]
            ._fields["cim_shipment_state"]
            ._description_selection(request.env)
        )
        filters = {"all": {"label": request.env._("All"), "domain": Domain.TRUE}}
        for state in states:
            filters[state] = {
                "label": labels[state],
                "domain": Domain("cim_shipment_state", "=", state),
            }
        return filters

    def _cim_order_filters(self):
        filters = super()._cim_order_filters()
        filters["shipping"] = {
            "label": request.env._("Shipping"),
            "domain": Domain("state", "=", "sale") & Domain("cim_shipping_state", "in", SHIPPING),
        }
        filters["shipped"] = {
            "label": request.env._("Shipped"),
            "domain": Domain("state", "=", "sale") & Domain("cim_shipping_state", "in", SHIPPED),
        }
        return filters

    @staticmethod
    def _cim_carriers():
        """The carriers this reseller may choose, by id."""
        return {
            carrier["id"]: carrier for carrier in request.env["delivery.carrier"].cim_get_carriers()
        }

    @staticmethod
    def _cim_shipment_form_values(form):
        """The posted shipment form as cim_write_shipment's values."""
        values = {}
        if "recipient_id" in form:
            values["partner_id"] = _id_or_raw(form["recipient_id"])
        if "carrier_id" in form:
            values["carrier_id"] = _id_or_raw(form["carrier_id"]) or False
        if "note" in form:
            values["cim_delivery_note"] = form["note"]
        return values

    @staticmethod
    def _cim_shipment_field_errors(values, reseller, company):
        """Each bad value's message, by form field, from the validators that
        cim_logistics' shipment methods run (they raise the first only)."""
        env = request.env
        checks = {
            "recipient_id": (
                "partner_id",
                lambda v: env["res.partner"]._cim_get_end_customer(v, reseller),
            ),
            "carrier_id": (
                "carrier_id",
                lambda v: env["delivery.carrier"]._cim_get_carrier(v, company),
            ),
            "note": ("cim_delivery_note", lambda v: clean_text(env, v)),
        }
        errors = {}
        for field, (key, check) in checks.items():
            if key in values:
                try:
                    check(values[key])
                except (ValidationError, AccessError) as error:
                    errors[field] = error.args[0]
        return errors

    def _cim_shipment_values(self, shipments):
        """What the pages show of shipments: their carriers' names and
        tracking links. Portal resellers hold no read access on carriers;
        cim_get_carriers gives their names, the link is Odoo's own."""
        carriers = self._cim_carriers()
        # Reading the tracking link reads the carrier, which portal users may
        # not read (ACL on delivery.carrier): the shipments were found among
        # the reseller's own under its rights, only the link is read as su.
        links = {s.id: s.carrier_tracking_url for s in shipments.sudo()}
        return {"carriers": carriers, "tracking_links": links}

    # 发货查询 Shipments ----------------------------------------------------

    @http.route(["/my/shipments", "/my/shipments/page/<int:page>"], type="http", auth="user",
                website=True, readonly=True)  # fmt: skip
    def portal_my_shipments(self, page=1, filterby="all", search=None, message=None, **kw):
        self._cim_reseller_or_404()
        Picking = request.env["stock.picking"]
        filters = self._cim_shipment_filters()
        if filterby not in filters:
            filterby = "all"
        domain = self._cim_shipments_domain() & filters[filterby]["domain"]
        search = (search or "").strip()[:100]
        if search:
            domain &= (
                Domain("name", "ilike", search)
                | Domain("origin", "ilike", search)
                | Domain("partner_id.name", "ilike", search)
                | Domain("carrier_tracking_ref", "ilike", search)
            )
        url_args = {"filterby": filterby}
        if search:
            url_args["search"] = search
        pager = portal_pager(
            url="/my/shipments",
            url_args=url_args,
            total=self._cim_search_own(Picking, domain, count=True),
            page=page,
            step=SHIPMENTS_PER_PAGE,
        )
        shipments = self._cim_search_own(
            Picking,
            domain,
            order="cim_date_requested desc, id desc",
            limit=SHIPMENTS_PER_PAGE,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(self._cim_shipment_values(shipments))
        values.update(
            {
                "page_name": "cim_shipments",
                "shipments": shipments,
                "pager": pager,
                "filters": filters,
                "filterby": filterby,
                "search": search,
                "message": message,
                "default_url": "/my/shipments",
            }
        )
        return request.render("cim_portal.portal_my_shipments", values)

    def _cim_render_shipment(self, shipment, template, form=None, errors=None, error=None,
                             message=None, status=200):  # fmt: skip
        values = self._prepare_portal_layout_values()
        values.update(self._cim_shipment_values(shipment))
        values.update(
            {
                "page_name": "cim_shipment",
                "shipment": shipment,
                "can_change": shipment.cim_shipment_state in OPEN_STATES,
                "customers": request.env["res.partner"]._cim_recipient_choices(
                    request.env.user,
                    selected=(form or {}).get("recipient_id") or shipment.partner_id,
                ),
                "form": form or {},
                "errors": errors or {},
                "error": error,
                "message": message,
            }
        )
        return request.render(template, values, status=status)

    @http.route("/my/shipments/<int:shipment_id>", type="http", auth="user", website=True,
                readonly=True)  # fmt: skip
    def portal_my_shipment(self, shipment_id, message=None, **kw):
        shipment = self._cim_shipment_or_404(shipment_id)
        return self._cim_render_shipment(shipment, "cim_portal.portal_my_shipment", message=message)

    @http.route("/my/shipments/<int:shipment_id>/edit", type="http", auth="user", website=True,
                methods=["GET"], readonly=True)  # fmt: skip
    def portal_my_shipment_edit(self, shipment_id, **kw):
        shipment = self._cim_shipment_or_404(shipment_id)
        if shipment.cim_shipment_state not in OPEN_STATES:
            return request.redirect(f"/my/shipments/{shipment.id}")
        return self._cim_render_shipment(shipment, "cim_portal.portal_my_shipment_form")

    @http.route("/my/shipments/<int:shipment_id>/edit", type="http", auth="user", website=True,
                methods=["POST"])  # fmt: skip
    def portal_my_shipment_write(self, shipment_id, **form):
        shipment = self._cim_shipment_or_404(shipment_id)
        values = self._cim_shipment_form_values(form)
        # The shipment was found among this reseller's own (cim_reseller_id).
        errors = self._cim_shipment_field_errors(
            values, request.env.user.partner_id.commercial_partner_id, shipment.company_id
        )
        if not errors:
            try:
                shipment.cim_write_shipment(values)
            except UserError as error:
                return self._cim_render_shipment(
                    shipment,
                    "cim_portal.portal_my_shipment",
                    error=error.args[0],
                    status=400,
                )
            return request.redirect(f"/my/shipments/{shipment.id}?message=saved")
        return self._cim_render_shipment(
            shipment, "cim_portal.portal_my_shipment_form", form, errors, status=400
        )

    @http.route("/my/shipments/<int:shipment_id>/delete", type="http", auth="user",
                website=True, methods=["POST"])  # fmt: skip
    def portal_my_shipment_delete(self, shipment_id, **kw):
        shipment = self._cim_shipment_or_404(shipment_id)
        try:
            shipment.action_cim_cancel_shipment()
        except UserError as error:
            return self._cim_render_shipment(
                shipment, "cim_portal.portal_my_shipment", error=error.args[0], status=400
            )
        return request.redirect(f"/my/shipments/{shipment.id}?message=cancelled")

    # 发货 Ship, on the order page -----------------------------------------

    def _cim_order_page_values(self, order):
        values = super()._cim_order_page_values(order)
        shipments = order.picking_ids.filtered("cim_shipment_state").sorted("id", reverse=True)
        values.update(self._cim_shipment_values(shipments))
        can_ship = order.state == "sale" and order.cim_shipping_state in ("none", "cancelled")
        values.update(
            {
                "shipments": shipments,
                "can_ship": can_ship,
                "customers": (
                    request.env["res.partner"]._cim_recipient_choices(
                        request.env.user, selected=order.partner_shipping_id
                    )
                    if can_ship
                    else request.env["res.partner"]
                ),
                "ship_form": {},
                "ship_errors": {},
            }
        )
        return values

    @http.route("/my/orders/<int:order_id>/ship", type="http", auth="user", website=True,
                methods=["POST"])  # fmt: skip
    def portal_my_order_ship(self, order_id, **form):
        order = self._cim_order_or_404(order_id, self._cim_orders_domain())
        values = self._cim_shipment_form_values(form)
        errors = self._cim_shipment_field_errors(
            values, order.partner_id.commercial_partner_id, order.company_id
        )
        if errors:
            return self._cim_render_order(
                order,
                status=400,
                ship_form=form,
                ship_errors=errors,
                customers=request.env["res.partner"]._cim_recipient_choices(
                    request.env.user, selected=form.get("recipient_id")
                ),
            )
        try:
            order.action_cim_request_shipment(
                carrier_id=values.get("carrier_id") or None,
                recipient_id=values.get("partner_id") or None,
                note=values.get("cim_delivery_note") or None,
            )
        except UserError as error:
            return self._cim_render_order(order, error=error.args[0], status=400)
        return request.redirect(f"/my/orders/{order.id}?message=shipment_requested")
