from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import format_amount

from odoo.addons.cim_customer.exceptions import FieldValidationError
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.website.controllers.main import Website

from ..models.sale_order import MAX_QUANTITY, NEW_RECIPIENT_FIELDS
from ..tools import is_small_number

HOME_SECTION_SIZE = 8
SEARCH_PER_PAGE = 12


def _reseller_readonly(controller, rule, args):
    """Read-only for resellers, whose home page only reads; the website's
    own home page for others may write (page views, visitors)."""
    return bool(request.session.uid and request.env.user.cim_login_name)


def template_prices(reseller, templates):
    """Template id -> the reseller's price of its first variant, with one
    batch price computation for the whole page."""
    prices = templates.product_variant_id._cim_get_reseller_prices(reseller)
    return {
        template.id: prices[template.product_variant_id.id]
        for template in templates
        if template.product_variant_id
    }


class CimWebsite(Website):
    @http.route(readonly=_reseller_readonly)
    def index(self, **kw):
        # The portal is for logged-in resellers only: visitors log in first.
        if request.env.user._is_public():
            return request.redirect("/web/login?redirect=/")
        reseller = request.env.user
        if not reseller.cim_login_name:
            return super().index(**kw)
        Template = request.env["product.template"]
        # Section key, which products, in which order.
        specs = [
            ("new", "cim_is_new", "cim_published_date desc, id desc"),
            ("star", "cim_is_star", "cim_home_sequence, id"),
            ("recommended", "cim_is_recommended", "cim_home_sequence, id"),
        ]
        sections = [
            (
                key,
                Template._cim_search_visible(
                    reseller, Domain(flag, "=", True), order=order, limit=HOME_SECTION_SIZE
                ),
            )
            for key, flag, order in specs
        ]
        products = Template.union(*(records for _key, records in sections))
        values = {
            "sections": sections,
            "prices": template_prices(reseller, products),
        }
        return request.render("cim_portal.cim_home", values)

    def _login_redirect(self, uid, redirect=None):
        # A reseller lands on the portal home page, not on /my.
        if not redirect and request.env["res.users"].browse(uid).sudo().cim_login_name:
            redirect = "/"
        return super()._login_redirect(uid, redirect=redirect)


class CimCatalog(http.Controller):
    """Search, product page and the order-detail form of the portal."""

    @staticmethod
    def _cim_reseller_or_404():
        if not request.env.user.cim_login_name:
            raise NotFound()
        return request.env.user

    def _cim_product_or_404(self, reseller, product_tmpl_id):
        product = request.env["product.template"]._cim_search_visible(
            reseller, Domain("id", "=", product_tmpl_id), limit=1
        )
        if not product:
            raise NotFound()
        return product

    @http.route(
        ["/cim/search", "/cim/search/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
        sitemap=False,
    )
    def cim_search(self, q="", page=1, **kw):
        reseller = self._cim_reseller_or_404()
        Template = request.env["product.template"]
        domain = Template._cim_portal_search_domain(q)
        total = Template.search_count(domain & Template._cim_visible_domain(reseller))
        pager = portal_pager(
            url="/cim/search",
            url_args={"q": q},
            total=total,
            page=page,
            step=SEARCH_PER_PAGE,
        )
        products = (
            Template._cim_search_visible(
                reseller,
                domain,
                order="name, id",
                limit=SEARCH_PER_PAGE,
                offset=pager["offset"],
            )
            if total
            else Template
        )
        values = {
            "q": q,
            "products": products,
            "total": total,
            "pager": pager,
            "prices": template_prices(reseller, products),
        }
        return request.render("cim_portal.cim_search", values)

    # Product page and order-detail form -----------------------------------

    def _cim_render_product(self, reseller, product, form=None, errors=None, status=200):
        form = form or {}
        variants = product.product_variant_ids
        variant = variants[:1]
        variant_id = form.get("product_id")
        if variant_id and is_small_number(str(variant_id)):
            variant = variants.filtered(lambda v: v.id == int(variant_id)) or variant
        quantity = form.get("quantity", "1")
        price_quantity = (
            int(quantity) if is_small_number(str(quantity)) and 0 < int(quantity) <= 10000 else 1
        )
        price = (
            variant._cim_get_reseller_price(reseller, quantity=price_quantity) if variant else {}
        )
        customers = request.env["res.partner"]._cim_recipient_choices(
            reseller, selected=form.get("recipient_id")
        )
        values = {
            "product": product,
            "variants": variants,
            "variant": variant,
            "price": price,
            "price_quantity": price_quantity,
            "customers": customers,
            # Countries are shared reference data (as on the customer form).
            "countries": request.env["res.country"].sudo().search([]),
            "form": form,
            "errors": errors or {},
            "new_recipient_fields": NEW_RECIPIENT_FIELDS,
        }
        return request.render("cim_portal.cim_product", values, status=status)

    @http.route(
        "/cim/product/<int:product_tmpl_id>",
        type="http",
        auth="user",
        website=True,
        readonly=True,
        methods=["GET"],
        sitemap=False,
    )
    def cim_product(self, product_tmpl_id, **kw):
        reseller = self._cim_reseller_or_404()
        product = self._cim_product_or_404(reseller, product_tmpl_id)
        form = {k: kw[k] for k in ("product_id", "quantity") if k in kw}
        return self._cim_render_product(reseller, product, form)

    @http.route(
        "/cim/product/price",
        type="jsonrpc",
        auth="user",
        website=True,
        readonly=True,
    )
    def cim_product_price(self, product_id, quantity=1):
        """This reseller's unit price of a variant when ordering ``quantity``
        (out-of-range quantities count as 1, as on the page)."""
        reseller = self._cim_reseller_or_404()
        if not is_small_number(str(product_id)):
            raise NotFound()
        variant = request.env["product.product"]._cim_search_visible(
            reseller, Domain("id", "=", int(product_id)), limit=1
        )
        if not variant:
            raise NotFound()
        quantity = str(quantity).strip()
        valid = is_small_number(quantity) and 0 < int(quantity) <= MAX_QUANTITY
        quantity = int(quantity) if valid else 1
        price = variant._cim_get_reseller_price(reseller, quantity=quantity)
        return {
            "price": format_amount(request.env, price["price"], price["currency"]),
            "quantity": quantity,
        }

    @http.route(
        "/cim/recipients",
        type="jsonrpc",
        auth="user",
        website=True,
        readonly=True,
    )
    def cim_recipients(self, q=""):
        """The reseller's end customers whose name, phone, city or street
        holds ``q`` (at most RECIPIENT_CHOICES, by name), for the recipient
        choice of the product and cart entry pages."""
        reseller = self._cim_reseller_or_404()
        customers = request.env["res.partner"]._cim_search_recipients(reseller, q)
        return [
            {"id": customer.id, "name": customer.name, "city": customer.city or ""}
            for customer in customers
        ]

    @staticmethod
    def _cim_order_form_values(form):
        """The posted order-detail form as values of sale.order.cim_cart_add."""
        values = {
            "product_id": form.get("product_id", ""),
            "quantity": form.get("quantity", ""),
            "customisation_note": form.get("customisation_note", ""),
        }
        if form.get("recipient_id") == "new":
            new_recipient = {
                name: form.get(f"new_recipient_{name}", "")
                for name in NEW_RECIPIENT_FIELDS
                if f"new_recipient_{name}" in form
            }
            raw = new_recipient.get("country_id")
            if raw is not None:
                raw = raw.strip()
                new_recipient["country_id"] = int(raw) if is_small_number(raw) else (raw or False)
            values["new_recipient"] = new_recipient
        else:
            values["recipient_id"] = form.get("recipient_id", "")
        return values

    @http.route(
        "/cim/product/<int:product_tmpl_id>",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def cim_product_order(self, product_tmpl_id, **form):
        """加入购物车 (action=cart) or 立即购买 (action=buy)."""
        reseller = self._cim_reseller_or_404()
        product = self._cim_product_or_404(reseller, product_tmpl_id)
        values = self._cim_order_form_values(form)
        # The variant must be one of this product's: another visible product's
        # id posted here is refused like an unknown one.
        variant_id = str(values["product_id"]).strip()
        if is_small_number(variant_id) and int(variant_id) not in product.product_variant_ids.ids:
            values["product_id"] = ""
        SaleOrder = request.env["sale.order"]
        try:
            if form.get("action") == "buy":
                order = SaleOrder.cim_buy_now(values)
                return request.redirect(f"/my/orders/{order.id}?message=paid")
            SaleOrder.cim_cart_add(values)
        except FieldValidationError as error:
            return self._cim_render_product(reseller, product, form, error.errors, status=400)
        except UserError as error:
            return self._cim_render_product(
                reseller, product, form, {"payment": error.args[0]}, status=400
            )
        return request.redirect("/my/cart?message=added")
