from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.cim_customer.exceptions import FieldValidationError
from odoo.addons.cim_customer.models.res_partner import END_CUSTOMER_FIELDS
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..tools import is_small_number

CUSTOMERS_PER_PAGE = 20


class CimCustomerPortal(CustomerPortal):
    """我的客户: the reseller's end customers. The model methods of
    cim_customer check ownership and validate; this controller only parses
    the form, finds the record among the reseller's own, and renders."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "cim_customer_count" in counters:
            reseller = request.env.user
            values["cim_customer_count"] = (
                request.env["res.partner"].search_count(self._cim_customers_domain())
                if reseller.cim_login_name
                else 0
            )
        return values

    # Helpers ------------------------------------------------------------

    @staticmethod
    def _cim_search_own(model, own_domain, count=False, **search_kwargs):
        """The reseller's own records of ``model`` (``own_domain``, which
        must select only records the reseller owns), in the reseller's
        environment; their number when ``count``.

        The search runs as superuser: the ownership domain is narrower than
        the model's portal rule (sale orders and shipments: the reseller's
        commercial partner; wallet transactions: its wallets), and leaving
        the rule's joins and ORs out lets PostgreSQL answer from CIM's
        indexes. The records found come back without superuser rights, so
        reading them still goes through the rule."""
        if count:
            return model.sudo().search_count(own_domain)
        return model.sudo().search(own_domain, **search_kwargs).sudo(False)

    def _cim_reseller_or_404(self):
        if not request.env.user.cim_login_name:
            raise NotFound()
        return request.env.user

    def _cim_customers_domain(self, search=None):
        domain = [
            ("cim_is_end_customer", "=", True),
            ("parent_id", "=", request.env.user.commercial_partner_id.id),
        ]
        if search:
            domain += [
                "|",
                "|",
                "|",
                ("name", "ilike", search),
                ("phone", "ilike", search),
                ("city", "ilike", search),
                ("street", "ilike", search),
            ]
        return domain

    def _cim_customer_or_404(self, customer_id):
        """The reseller's own end customer, read with the reseller's rights;
        anything else, another reseller's included, is a 404."""
        self._cim_reseller_or_404()
        customer = request.env["res.partner"].search(
            [("id", "=", customer_id), *self._cim_customers_domain()], limit=1
        )
        if not customer:
            raise NotFound()
        return customer

    @staticmethod
    def _cim_customer_form_values(form):
        """The posted form as model values; ids stay as sent when they are
        not numbers, so that the model reports them as invalid."""
        values = {name: form.get(name, "") for name in END_CUSTOMER_FIELDS if name in form}
        for name in ("country_id", "state_id"):
            raw = values.get(name)
            if raw is not None:
                values[name] = int(raw) if is_small_number(raw) else (raw.strip() or False)
        return values

    def _cim_render_customer_form(self, customer, form=None, errors=None, status=200):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "cim_customer_form",
                "customer": customer,
                "form": form or {},
                "errors": errors or {},
                # Countries are shared reference data; portal users may not list them.
                "countries": request.env["res.country"].sudo().search([]),
            }
        )
        return request.render("cim_portal.portal_my_customer_form", values, status=status)

    # Routes -------------------------------------------------------------

    @http.route(
        ["/my/customers", "/my/customers/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_customers(self, page=1, search=None, message=None, **kw):
        self._cim_reseller_or_404()
        Partner = request.env["res.partner"]
        domain = self._cim_customers_domain(search)
        total = Partner.search_count(domain)
        pager = portal_pager(
            url="/my/customers",
            url_args={"search": search} if search else {},
            total=total,
            page=page,
            step=CUSTOMERS_PER_PAGE,
        )
        customers = Partner.search(
            domain, order="name, id", limit=CUSTOMERS_PER_PAGE, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "cim_customers",
                "customers": customers,
                "pager": pager,
                "search": search or "",
                "message": message,
                "default_url": "/my/customers",
            }
        )
        return request.render("cim_portal.portal_my_customers", values)

    @http.route("/my/customers/<int:customer_id>", type="http", auth="user", website=True,
                readonly=True)  # fmt: skip
    def portal_my_customer(self, customer_id, **kw):
        customer = self._cim_customer_or_404(customer_id)
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "cim_customer", "customer": customer})
        return request.render("cim_portal.portal_my_customer", values)

    @http.route("/my/customers/new", type="http", auth="user", website=True, methods=["GET"],
                readonly=True)  # fmt: skip
    def portal_my_customer_new(self, **kw):
        self._cim_reseller_or_404()
        return self._cim_render_customer_form(request.env["res.partner"])

    @http.route("/my/customers/new", type="http", auth="user", website=True, methods=["POST"])
    def portal_my_customer_create(self, **form):
        self._cim_reseller_or_404()
        try:
            customer = request.env["res.partner"].cim_create_end_customer(
                self._cim_customer_form_values(form)
            )
        except FieldValidationError as error:
            return self._cim_render_customer_form(
                request.env["res.partner"], form, error.errors, status=400
            )
        return request.redirect(f"/my/customers/{customer.id}")

    @http.route("/my/customers/<int:customer_id>/edit", type="http", auth="user", website=True,
                methods=["GET"], readonly=True)  # fmt: skip
    def portal_my_customer_edit(self, customer_id, **kw):
        customer = self._cim_customer_or_404(customer_id)
        return self._cim_render_customer_form(customer)

    @http.route("/my/customers/<int:customer_id>/edit", type="http", auth="user", website=True,
                methods=["POST"])  # fmt: skip
    def portal_my_customer_write(self, customer_id, **form):
        customer = self._cim_customer_or_404(customer_id)
        try:
            customer.cim_write_end_customer(self._cim_customer_form_values(form))
        except FieldValidationError as error:
            return self._cim_render_customer_form(customer, form, error.errors, status=400)
        return request.redirect(f"/my/customers/{customer.id}")

    @http.route("/my/customers/<int:customer_id>/delete", type="http", auth="user",
                website=True, methods=["POST"])  # fmt: skip
    def portal_my_customer_delete(self, customer_id, **kw):
        customer = self._cim_customer_or_404(customer_id)
        archived = customer.cim_delete_end_customer()
        return request.redirect(f"/my/customers?message={'archived' if archived else 'deleted'}")
