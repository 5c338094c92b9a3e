import csv
import io
from datetime import datetime, time

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import format_amount

from odoo.addons.cim_customer.exceptions import FieldValidationError
from odoo.addons.cim_wallet.models.cim_wallet_transaction import TRANSACTION_TYPES
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.sale.controllers.portal import CustomerPortal as SaleCustomerPortal

from ..tools import is_small_number
from .portal import CimCustomerPortal

ORDERS_PER_PAGE = 20
TRANSACTIONS_PER_PAGE = 20
CSV_MAX_ROWS = 100000


def _csv_text(value):
    """Text for a CSV cell that a spreadsheet will not run as a formula."""
    value = value or ""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


def _reseller_readonly(controller, rule, args):
    """Read-only for resellers, whose order pages only read; sale's own
    pages for other users assign access tokens and must write."""
    return bool(request.session.uid and request.env.user.cim_login_name)


class CimOrderPortal(SaleCustomerPortal, CimCustomerPortal):
    """购物车, 我的订单 and 现金管理 of the reseller portal. The model methods
    (cim_portal's cart API, cim_wallet's submit and cancel) check and act;
    this controller finds records among the reseller's own and renders."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        reseller = request.env.user
        if not reseller.cim_login_name:
            for name in ("cim_cart_count", "cim_order_count", "cim_wallet_balance"):
                if name in counters:
                    values[name] = 0
            return values
        # sale's own cards (quotations, "Your Orders") would repeat My Orders.
        for name in ("quotation_count", "order_count"):
            if name in counters:
                values[name] = 0
        SaleOrder = request.env["sale.order"]
        if "cim_cart_count" in counters:
            values["cim_cart_count"] = SaleOrder.search_count(self._cim_cart_domain())
        if "cim_order_count" in counters:
            values["cim_order_count"] = SaleOrder.search_count(self._cim_orders_domain())
        if "cim_wallet_balance" in counters:
            wallet = self._cim_wallets()[:1]
            currency = wallet.currency_id or reseller.company_id.currency_id
            values["cim_wallet_balance"] = format_amount(
                request.env, wallet.balance if wallet else 0.0, currency
            )
        return values

    # Helpers ------------------------------------------------------------

    def _cim_own_orders_domain(self):
        return request.env["sale.order"]._cim_reseller_orders_domain(request.env.user)

    def _cim_cart_domain(self):
        return self._cim_own_orders_domain() & Domain("state", "=", "draft")

    def _cim_orders_domain(self):
        return self._cim_own_orders_domain() & Domain("state", "in", ("sale", "cancel"))

    def _cim_order_or_404(self, order_id, domain):
        """The reseller's own order matching ``domain``, read with its rights."""
        self._cim_reseller_or_404()
        order = request.env["sale.order"].search(Domain("id", "=", order_id) & domain, limit=1)
        if not order:
            raise NotFound()
        return order

    def _cim_wallets(self):
        reseller = request.env.user
        return request.env["cim.wallet"].search(
            [
                ("partner_id", "=", reseller.partner_id.commercial_partner_id.id),
                ("company_id", "=", reseller.company_id.id),
            ]
        )

    # 购物车 Cart ----------------------------------------------------------

    def _cim_render_cart(self, message=None, error=None, status=200):
        reseller = self._cim_reseller_or_404()
        orders = self._cim_search_own(
            request.env["sale.order"], self._cim_cart_domain(), order="id desc"
        )
        # The page shows the reseller's own entries with their lines, as
        # sale's portal shows a customer's order: read as superuser (sale's
        # order line rule would be checked again for every line).
        orders_sudo = orders.sudo()
        orders_sudo.order_line.mapped("name")
        # Only the recipients' names are shown: a full read of a contact
        # also computes its company-dependent fields.
        orders_sudo.partner_shipping_id.fetch(["name"])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "cim_cart",
                "orders": orders_sudo,
                "preview": orders_sudo._cim_payment_preview(reseller),
                "message": message,
                "error": error,
            }
        )
        return request.render("cim_portal.portal_my_cart", values, status=status)

    @http.route("/my/cart", type="http", auth="user", website=True, readonly=True,
                methods=["GET"])  # fmt: skip
    def portal_my_cart(self, message=None, **kw):
        return self._cim_render_cart(message=message)

    def _cim_render_cart_entry(self, order, form=None, errors=None, status=200):
        reseller = self._cim_reseller_or_404()
        form = form or {}
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "cim_cart_entry",
                "order": order,
                "lines": order.order_line.filtered(lambda line: not line.display_type),
                "customers": request.env["res.partner"]._cim_recipient_choices(
                    reseller, selected=form.get("recipient_id", order.partner_shipping_id)
                ),
                "preview": order._cim_payment_preview(reseller),
                "form": form,
                "errors": errors or {},
            }
        )
        return request.render("cim_portal.portal_my_cart_entry", values, status=status)

    @http.route("/my/cart/<int:order_id>", type="http", auth="user", website=True,
                readonly=True, methods=["GET"])  # fmt: skip
    def portal_my_cart_entry(self, order_id, **kw):
        order = self._cim_order_or_404(order_id, self._cim_cart_domain())
        return self._cim_render_cart_entry(order)

    @http.route("/my/cart/<int:order_id>/edit", type="http", auth="user", website=True,
                methods=["POST"])  # fmt: skip
    def portal_my_cart_entry_write(self, order_id, **form):
        order = self._cim_order_or_404(order_id, self._cim_cart_domain())
        lines = {}
        for line in order.order_line.filtered(lambda ln: not ln.display_type):
            line_vals = {}
            if f"quantity_{line.id}" in form:
                line_vals["quantity"] = form[f"quantity_{line.id}"]
            if f"customisation_note_{line.id}" in form:
                line_vals["customisation_note"] = form[f"customisation_note_{line.id}"]
            if line_vals:
                lines[line.id] = line_vals
        vals = {"lines": lines}
        if "recipient_id" in form:
            vals["recipient_id"] = form["recipient_id"]
        try:
            order.cim_cart_write(vals)
        except FieldValidationError as error:
            return self._cim_render_cart_entry(order, form, error.errors, status=400)
        return request.redirect("/my/cart?message=saved")

    @http.route("/my/cart/<int:order_id>/delete", type="http", auth="user", website=True,
                methods=["POST"])  # fmt: skip
    def portal_my_cart_entry_delete(self, order_id, **kw):
        order = self._cim_order_or_404(order_id, self._cim_cart_domain())
        order.cim_cart_delete()
        return request.redirect("/my/cart?message=deleted")

    @http.route("/my/cart/submit", type="http", auth="user", website=True, methods=["POST"])
    def portal_my_cart_submit(self, **kw):
        self._cim_reseller_or_404()
        raw_ids = request.httprequest.form.getlist("order_ids")
        if not raw_ids:
            return self._cim_render_cart(error="nothing_selected", status=400)
        if not all(is_small_number(raw) for raw in raw_ids):
            raise NotFound()
        ids = {int(raw) for raw in raw_ids}
        orders = request.env["sale.order"].search(
            Domain("id", "in", list(ids)) & self._cim_cart_domain()
        )
        if len(orders) != len(ids):
            raise NotFound()
        try:
            paid = orders.cim_cart_submit()
        except UserError as error:
            return self._cim_render_cart(error=error.args[0], status=400)
        if len(paid) == 1:
            return request.redirect(f"/my/orders/{paid[0]}?message=paid")
        return request.redirect(f"/my/orders?message=paid&paid={len(paid)}")

    @http.route("/my/cart/<int:order_id>/submit", type="http", auth="user", website=True,
                methods=["POST"])  # fmt: skip
    def portal_my_cart_entry_submit(self, order_id, **kw):
        order = self._cim_order_or_404(order_id, self._cim_cart_domain())
        try:
            order.cim_cart_submit()
        except UserError as error:
            return self._cim_render_cart_entry(order, errors={"payment": error.args[0]}, status=400)
        return request.redirect(f"/my/orders/{order.id}?message=paid")

    # 我的订单 My orders ----------------------------------------------------

    def _cim_order_filters(self):
        return {
            "all": {"label": request.env._("All"), "domain": Domain.TRUE},
            "paid": {"label": request.env._("Paid"), "domain": Domain("state", "=", "sale")},
            "cancel": {
                "label": request.env._("Cancelled"),
                "domain": Domain("state", "=", "cancel"),
            },
        }

    @http.route(["/my/orders", "/my/orders/page/<int:page>"], type="http", auth="user",
                website=True, readonly=_reseller_readonly)  # fmt: skip
    def portal_my_orders(self, page=1, filterby="all", search=None, message=None, **kwargs):
        if not request.env.user.cim_login_name:
            return super().portal_my_orders(page=page, **kwargs)
        SaleOrder = request.env["sale.order"]
        filters = self._cim_order_filters()
        if filterby not in filters:
            filterby = "all"
        domain = self._cim_orders_domain() & filters[filterby]["domain"]
        search = (search or "").strip()[:100]
        if search:
            domain &= (
                Domain("name", "ilike", search)
                | Domain("partner_shipping_id.name", "ilike", search)
                | Domain("order_line.product_id.name", "ilike", search)
            )
        url_args = {"filterby": filterby}
        if search:
            url_args["search"] = search
        pager = portal_pager(
            url="/my/orders",
            url_args=url_args,
            total=self._cim_search_own(SaleOrder, domain, count=True),
            page=page,
            step=ORDERS_PER_PAGE,
        )
        orders = self._cim_search_own(
            SaleOrder,
            domain,
            order="date_order desc, id desc",
            limit=ORDERS_PER_PAGE,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "cim_orders",
                # The reseller's own orders, rendered as superuser (as the cart).
                "orders": orders.sudo(),
                "pager": pager,
                "filters": filters,
                "filterby": filterby,
                "search": search,
                "message": message,
                "paid_count": kwargs.get("paid"),
                "default_url": "/my/orders",
            }
        )
        return request.render("cim_portal.portal_my_orders", values)

    def _cim_order_page_values(self, order):
        """What the order page shows besides the order; a hook for 发货."""
        return {}

    def _cim_render_order(self, order, message=None, error=None, status=200, **extra):
        values = self._prepare_portal_layout_values()
        values.update(self._cim_order_page_values(order))
        # The reseller's own order (found by _cim_order_or_404), rendered as
        # superuser like sale's portal renders a customer's order.
        order_sudo = order.sudo()
        values.update(
            {
                "page_name": "cim_order",
                "order": order_sudo,
                "lines": order_sudo.order_line.filtered(lambda line: not line.display_type),
                "can_cancel": order._cim_portal_can_cancel(),
                "message": message,
                "error": error,
                **extra,
            }
        )
        return request.render("cim_portal.portal_my_order", values, status=status)

    @http.route(["/my/orders/<int:order_id>"], type="http", auth="public", website=True,
                readonly=_reseller_readonly)  # fmt: skip
    def portal_order_page(self, order_id, access_token=None, message=None, **kw):
        user = request.env.user
        if not user.cim_login_name:
            if user._is_public() and not access_token:
                return request.redirect(f"/web/login?redirect=/my/orders/{order_id}")
            return super().portal_order_page(
                order_id, access_token=access_token, message=message, **kw
            )
        order = self._cim_order_or_404(order_id, self._cim_own_orders_domain())
        if order.state in ("draft", "sent"):
            return request.redirect(f"/my/cart/{order.id}")
        return self._cim_render_order(order, message=message)

    @http.route("/my/orders/<int:order_id>/cancel", type="http", auth="user", website=True,
                methods=["POST"])  # fmt: skip
    def portal_my_order_cancel(self, order_id, **kw):
        order = self._cim_order_or_404(order_id, self._cim_orders_domain())
        try:
            order.action_cim_cancel()
        except UserError as error:
            return self._cim_render_order(order, error=error.args[0], status=400)
        return request.redirect(f"/my/orders/{order.id}?message=cancelled")

    # 现金管理 Wallet -------------------------------------------------------

    @staticmethod
    def _cim_parse_date(value):
        try:
            return datetime.strptime((value or "").strip(), "%Y-%m-%d").date()
        except ValueError:
            return None

    def _cim_transactions_domain(self, wallets, date_from, date_to, txn_type):
        domain = Domain("wallet_id", "in", wallets.ids)
        if date_from:
            domain &= Domain("date", ">=", datetime.combine(date_from, time.min))
        if date_to:
            domain &= Domain("date", "<=", datetime.combine(date_to, time.max))
        if txn_type:
            domain &= Domain("type", "=", txn_type)
        return domain

    def _cim_wallet_filters(self, kw):
        date_from = self._cim_parse_date(kw.get("date_from"))
        date_to = self._cim_parse_date(kw.get("date_to"))
        types = dict(TRANSACTION_TYPES)
        txn_type = kw.get("type") if kw.get("type") in types else ""
        return date_from, date_to, txn_type

    @http.route(["/my/wallet", "/my/wallet/page/<int:page>"], type="http", auth="user",
                website=True, readonly=True)  # fmt: skip
    def portal_my_wallet(self, page=1, **kw):
        self._cim_reseller_or_404()
        Transaction = request.env["cim.wallet.transaction"]
        wallets = self._cim_wallets()
        date_from, date_to, txn_type = self._cim_wallet_filters(kw)
        domain = self._cim_transactions_domain(wallets, date_from, date_to, txn_type)
        url_args = {
            "date_from": (date_from and date_from.isoformat()) or "",
            "date_to": (date_to and date_to.isoformat()) or "",
            "type": txn_type,
        }
        pager = portal_pager(
            url="/my/wallet",
            url_args={k: v for k, v in url_args.items() if v},
            total=self._cim_search_own(Transaction, domain, count=True),
            page=page,
            step=TRANSACTIONS_PER_PAGE,
        )
        transactions = self._cim_search_own(
            Transaction, domain, limit=TRANSACTIONS_PER_PAGE, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "cim_wallet",
                "wallets": wallets,
                "transactions": transactions,
                "types": Transaction._fields["type"]._description_selection(request.env),
                "filters": url_args,
                "pager": pager,
                "csv_query": "&".join(f"{k}={v}" for k, v in url_args.items() if v),
            }
        )
        return request.render("cim_portal.portal_my_wallet", values)

    @http.route("/my/wallet/transactions.csv", type="http", auth="user", readonly=True,
                methods=["GET"])  # fmt: skip
    def portal_my_wallet_csv(self, **kw):
        self._cim_reseller_or_404()
        Transaction = request.env["cim.wallet.transaction"]
        date_from, date_to, txn_type = self._cim_wallet_filters(kw)
        domain = self._cim_transactions_domain(self._cim_wallets(), date_from, date_to, txn_type)
        labels = dict(Transaction._fields["type"]._description_selection(request.env))
        output = io.StringIO()
        writer = csv.writer(output)
        env = request.env
        writer.writerow(
            [
                env._("Date"),
                env._("Type"),
                env._("Order"),
                env._("Amount"),
                env._("Balance After"),
                env._("Currency"),
                env._("Reference"),
            ]
        )
        for txn in Transaction.search(domain, limit=CSV_MAX_ROWS):
            writer.writerow(
                [
                    txn.date.isoformat(sep=" "),
                    labels.get(txn.type, txn.type),
                    _csv_text(txn.sale_order_id.name),
                    txn.amount,
                    txn.balance_after,
                    txn.currency_id.name,
                    _csv_text(txn.reference),
                ]
            )
        return request.make_response(
            output.getvalue().encode("utf-8-sig"),
            headers=[
                ("Content-Type", "text/csv; charset=utf-8"),
                ("Content-Disposition", 'attachment; filename="wallet-transactions.csv"'),
            ],
        )
