import re

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.fields import Command, Domain

from odoo.addons.cim_customer.exceptions import FieldValidationError

from ..tools import is_small_number

MAX_QUANTITY = 10000
CUSTOMISATION_MAX_LENGTH = 1000
MARKUP_RE = re.compile(r"[<>]")
QUANTITY_RE = re.compile(r"^\s*([-+]?)(\d+)\s*$")
# Fields of a recipient created on the spot, as end customers know them.
NEW_RECIPIENT_FIELDS = ("name", "phone", "street", "city", "zip", "country_id")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # Reseller-facing API: the portal pages and RPC clients of resellers call
    # these. Resellers only read orders (sale's portal rights); these methods
    # check that the order is the reseller's own cart entry, validate what the
    # reseller sends, then write as superuser.

    @api.model
    def _cim_current_reseller(self):
        user = self.env.user
        if not user.cim_login_name:
            raise AccessError(self.env._("Only resellers have a cart."))
        return user

    @api.model
    def _cim_reseller_orders_domain(self, reseller):
        """Orders of ``reseller``: its commercial partner's, in its tenant."""
        return Domain("partner_id", "=", reseller.partner_id.commercial_partner_id.id) & Domain(
            "company_id", "=", reseller.company_id.id
        )

    def _cim_check_cart_owner(self):
        reseller = self._cim_current_reseller()
        commercial = reseller.partner_id.commercial_partner_id
        # Read as superuser to judge records the reseller may not read at all
        # (sale's portal rule): nothing read here leaves this method.
        for order in self.sudo():
            if (
                order.partner_id != commercial
                or order.company_id != reseller.company_id
                or order.state != "draft"
            ):
                raise AccessError(self.env._("This cart entry does not exist or is not yours."))
        return reseller

    @api.model
    def cim_cart_add(self, vals):
        """Create a cart entry of the current reseller: one draft order of one
        product for one recipient.

        :param dict vals: ``product_id`` (variant id), ``quantity``,
            ``customisation_note``, and either ``recipient_id`` (one of the
            reseller's end customers) or ``new_recipient`` (values of an end
            customer to create, see :data:`NEW_RECIPIENT_FIELDS`).
        :raises FieldValidationError: with one message per bad field; nothing
            is created then.
        :return: the draft ``sale.order``, read with the reseller's rights
        """
        reseller = self._cim_current_reseller()
        errors = {}
        product = self._cim_clean_product(reseller, vals.get("product_id"), errors)
        quantity = self._cim_clean_quantity(vals.get("quantity"), "quantity", errors)
        note = self._cim_clean_note(
            vals.get("customisation_note"), product.product_tmpl_id, "customisation_note", errors
        )
        recipient = self._cim_clean_recipient(reseller, vals, errors)
        if errors:
            raise FieldValidationError(errors)
        if not recipient:
            recipient = self.env["res.partner"].cim_create_end_customer(vals["new_recipient"])
        # Resellers cannot create orders (sale's portal access is read-only):
        # the product, the recipient and the values were checked above.
        order = (
            self.sudo()
            .with_company(reseller.company_id)
            .create(
                {
                    "partner_id": reseller.partner_id.commercial_partner_id.id,
                    "partner_shipping_id": recipient.id,
                    "company_id": reseller.company_id.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": quantity,
                                "cim_customisation_note": note,
                            }
                        )
                    ],
                }
            )
        )
        return order.sudo(False)

    @api.model
    def cim_buy_now(self, vals):
        """Create a cart entry and pay it from the wallet at once. When it
        cannot be paid, nothing is left behind (no cart entry, no new
        recipient) and the UserError of :meth:`action_cim_submit` says why.
        """
        with self.env.cr.savepoint():
            order = self.cim_cart_add(vals)
            order.action_cim_submit()
        return order

    def cim_cart_write(self, vals):
        """Change a cart entry of the current reseller.

        :param dict vals: optional ``recipient_id``, and ``lines``: a dict
            line id -> {``quantity``, ``customisation_note``}
        :raises FieldValidationError: keys ``recipient_id``,
            ``quantity_<line id>``, ``customisation_note_<line id>``
        """
        self.ensure_one()
        reseller = self._cim_check_cart_owner()
        # Resellers cannot write orders (sale's portal access is read-only):
        # the order is the reseller's own draft, checked just above.
        order = self.sudo()
        errors, line_values = {}, {}
        lines = order.order_line.filtered(lambda line: not line.display_type)
        for line_id, line_vals in (vals.get("lines") or {}).items():
            line = lines.filtered(lambda ln, line_id=line_id: ln.id == line_id)
            if not line:
                raise AccessError(self.env._("This cart line does not exist or is not yours."))
            values = {}
            if "quantity" in line_vals:
                values["product_uom_qty"] = self._cim_clean_quantity(
                    line_vals["quantity"], f"quantity_{line.id}", errors
                )
            if "customisation_note" in line_vals:
                values["cim_customisation_note"] = self._cim_clean_note(
                    line_vals["customisation_note"],
                    line.product_id.product_tmpl_id,
                    f"customisation_note_{line.id}",
                    errors,
                )
            line_values[line] = values
        recipient = None
        if "recipient_id" in vals:
            recipient = self._cim_clean_recipient(
                reseller, {"recipient_id": vals["recipient_id"]}, errors
            )
        if errors:
            raise FieldValidationError(errors)
        for line, values in line_values.items():
            if values:
                line.write(values)
        if recipient:
            order.partner_shipping_id = recipient
        return True

    def cim_cart_delete(self):
        """Delete cart entries of the current reseller."""
        self._cim_check_cart_owner()
        # Resellers hold no unlink access on orders; ownership and the draft
        # state were checked above.
        return self.sudo().unlink()

    def cim_cart_submit(self):
        """Pay the current reseller's cart entries from the wallet; see
        ``action_cim_submit`` (which checks that they are the reseller's)."""
        self._cim_check_cart_owner()
        return self.action_cim_submit()

    def _cim_payment_preview(self, reseller):
        """What paying these orders would take: their total, the wallet
        balance and what is missing, all in the orders' currency (the
        reseller's price list). The check that counts is the one of
        ``action_cim_submit``; this only lets a page explain it beforehand.
        """
        currency = self[:1].currency_id or reseller.company_id.currency_id
        total = currency.round(sum(self.mapped("amount_total")))
        # cim_wallet's lookup of the paying wallet runs as superuser; the
        # wallet is read back with the caller's rights (its own wallet only).
        wallet = (
            self.env["cim.wallet"]
            .sudo()
            ._cim_find(reseller.partner_id, reseller.company_id, currency)
            .sudo(False)
        )
        balance = wallet.balance if wallet else 0.0
        missing = max(currency.round(total - balance), 0.0)
        return {"total": total, "balance": balance, "missing": missing, "currency": currency}

    def _cim_portal_can_cancel(self):
        """Whether the reseller may still cancel this paid order (撤单)."""
        self.ensure_one()
        # Whether the goods left is a fact about the order the reseller
        # reads; cim_logistics answers it from pickings resellers cannot read.
        return self.state == "sale" and not self.sudo()._cim_is_shipped()

    # Validation of what resellers send

    @api.model
    def _cim_clean_product(self, reseller, value, errors):
        product = self.env["product.product"]
        product_id = value if isinstance(value, int) and not isinstance(value, bool) else None
        if isinstance(value, str) and is_small_number(value.strip()):
            product_id = int(value)
        if product_id:
            # An id the reseller cannot read must answer like an unknown one:
            # exists() and the catalog's visibility domain judge it as
            # superuser, and only a product visible to the reseller is kept.
            product = product.sudo().browse(product_id).exists()
            product = product._cim_filter_visible(reseller).sudo(False) if product else product
        if not product:
            errors["product_id"] = self.env._("This product is not available.")
        return product

    @api.model
    def _cim_clean_quantity(self, value, key, errors):
        if isinstance(value, bool) or value in (None, ""):
            errors[key] = self.env._("Enter a quantity.")
            return 0
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        match = isinstance(value, str) and QUANTITY_RE.match(value)
        if match:
            # More digits than any allowed quantity: out of range, whatever
            # they say (and never an int() of a huge string).
            digits = match.group(2)
            value = int(match.group(1) + digits) if len(digits) <= 9 else MAX_QUANTITY + 1
        if not isinstance(value, int):
            errors[key] = self.env._("The quantity must be a whole number.")
            return 0
        if not 1 <= value <= MAX_QUANTITY:
            errors[key] = self.env._(
                "The quantity must be between 1 and %(max)s.", max=MAX_QUANTITY
            )
            return 0
        return value

    @api.model
    def _cim_clean_note(self, value, product_tmpl, key, errors):
        if value is None or value is False:
            value = ""
        if not isinstance(value, str):
            errors[key] = self.env._("The customisation must be text.")
            return False
        value = value.strip()
        if len(value) > CUSTOMISATION_MAX_LENGTH:
            errors[key] = self.env._(
                "The customisation is too long: at most %(max)s characters.",
                max=CUSTOMISATION_MAX_LENGTH,
            )
        elif MARKUP_RE.search(value):
            errors[key] = self.env._("The customisation cannot contain < or >.")
        # The product was checked visible; its flag is read whatever the caller.
        elif not value and product_tmpl and product_tmpl.sudo().cim_customisation_required:
            errors[key] = self.env._("This product needs a customisation: say what you want.")
        return value or False

    @api.model
    def _cim_clean_recipient(self, reseller, vals, errors):
        """The reseller's end customer chosen in ``vals['recipient_id']``, or
        None when ``vals['new_recipient']`` is to be created (its values are
        checked here, errors under ``new_recipient_<field>``)."""
        Partner = self.env["res.partner"]
        new_recipient = vals.get("new_recipient")
        if new_recipient is not None and not vals.get("recipient_id"):
            unknown = set(new_recipient) - set(NEW_RECIPIENT_FIELDS)
            if unknown:
                raise AccessError(
                    self.env._(
                        "These customer fields cannot be set: %(fields)s",
                        fields=", ".join(sorted(unknown)),
                    )
                )
            try:
                Partner._cim_clean_end_customer_vals(new_recipient, creating=True)
            except FieldValidationError as error:
                errors.update({f"new_recipient_{k}": v for k, v in error.errors.items()})
            return None
        value = vals.get("recipient_id")
        recipient = Partner
        if isinstance(value, str) and is_small_number(value.strip()):
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            recipient = Partner.search(
                [
                    ("id", "=", value),
                    ("cim_is_end_customer", "=", True),
                    ("parent_id", "=", reseller.partner_id.commercial_partner_id.id),
                ],
                limit=1,
            )
        if not recipient:
            errors["recipient_id"] = self.env._("Choose one of your customers as the recipient.")
        return recipient
