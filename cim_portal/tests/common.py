from odoo import http
from odoo.fields import Command
from odoo.tests import HttpCase

from odoo.addons.cim_customer.tests.common import CimTenantCase

from ..models.res_partner import RECIPIENT_CHOICES


class CimPortalCase(CimTenantCase, HttpCase):
    """The CIM tenants, served over HTTP."""

    def login(self, user):
        self.authenticate(user.login, f"{user.cim_login_name}-password")

    def post(self, url, data=None, csrf=True, **kwargs):
        """A form POST as the browser sends it: with the session's CSRF token."""
        data = dict(data or {})
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data, method="POST", allow_redirects=False, **kwargs)


class CimShopCase(CimPortalCase):
    """The tenants with a catalog, prices, wallets and end customers:

    - acme sells at its default price list (the tee at 80 instead of 100);
    - tee (star, newest), hoodie in two sizes (recommended) and mug (needs a
      customisation) are offered to everyone; the "Bob Only Cap" to bob only,
      the "Globex Bag" to globex only, the "Draft Scarf" to nobody;
    - alice has 500 in her wallet and a customer Zhang Wei; bob has Liu Yang.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.currency = cls.acme.currency_id
        Template = cls.env["product.template"]
        size = cls.env["product.attribute"].create(
            {
                "name": "Size",
                "value_ids": [Command.create({"name": "S"}), Command.create({"name": "M"})],
            }
        )
        cls.tee = Template.create(
            cls._product_vals(
                "Star Tee",
                default_code="TEE-01",
                cim_is_star=True,
                cim_description_short="Soft cotton tee",
            )
        )
        cls.hoodie = Template.create(
            cls._product_vals(
                "Cosy Hoodie",
                cim_is_recommended=True,
                attribute_line_ids=[
                    Command.create(
                        {"attribute_id": size.id, "value_ids": [Command.set(size.value_ids.ids)]}
                    )
                ],
            )
        )
        cls.mug = Template.create(
            cls._product_vals(
                "Photo Mug",
                list_price=20.0,
                cim_customisation_required=True,
                cim_customisation_hint="The text to print",
            )
        )
        cls.bob_cap = Template.create(
            cls._product_vals(
                "Bob Only Cap",
                company_id=cls.acme.id,
                cim_reseller_ids=[Command.set(cls.bob.ids)],
            )
        )
        cls.globex_bag = Template.create(cls._product_vals("Globex Bag", company_id=cls.globex.id))
        cls.draft_scarf = Template.create(cls._product_vals("Draft Scarf", cim_is_published=False))
        cls.pricelist = cls.env["product.pricelist"].create(
            {
                "name": "ACME Prices",
                "company_id": cls.acme.id,
                "currency_id": cls.currency.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "1_product",
                            "product_tmpl_id": cls.tee.id,
                            "compute_price": "fixed",
                            "fixed_price": 80.0,
                        }
                    )
                ],
            }
        )
        cls.acme.cim_pricelist_id = cls.pricelist
        cls.zhang = cls._new_end_customer(cls.alice, "Zhang Wei", city="Shanghai")
        cls.liu = cls._new_end_customer(cls.bob, "Liu Yang", city="Wuhan")
        cls.wang = cls._new_end_customer(cls.carol, "Wang Fang")
        cls.wallet_alice = cls._wallet(cls.alice)
        cls._topup(cls.wallet_alice, 500.0)

    @classmethod
    def _product_vals(cls, name, **vals):
        return {
            "name": name,
            "type": "consu",
            "list_price": 100.0,
            "cim_is_published": True,
            "taxes_id": [Command.clear()],
            **vals,
        }

    @classmethod
    def _wallet(cls, reseller):
        return cls.env["cim.wallet"].create(
            {
                "partner_id": reseller.partner_id.commercial_partner_id.id,
                "company_id": reseller.company_id.id,
                "currency_id": reseller.company_id.currency_id.id,
            }
        )

    @classmethod
    def _topup(cls, wallet, amount):
        return cls.env["cim.wallet.transaction"].create(
            {"wallet_id": wallet.id, "type": "topup", "amount": amount, "reason": "Test"}
        )

    @classmethod
    def _cart_entry(cls, reseller, product, quantity=1, recipient=None, note=False):
        """A cart entry made the way the portal makes it."""
        recipient = recipient or cls.env["res.partner"].search(
            [("cim_is_end_customer", "=", True), ("parent_id", "=", reseller.partner_id.id)],
            limit=1,
        )
        return (
            cls.env["sale.order"]
            .with_user(reseller)
            .cim_cart_add(
                {
                    "product_id": product.product_variant_ids[0].id,
                    "quantity": quantity,
                    "customisation_note": note,
                    "recipient_id": recipient.id,
                }
            )
            .with_env(cls.env)
        )

    @classmethod
    def _paid_order(cls, reseller, product, quantity=1):
        order = cls._cart_entry(reseller, product, quantity)
        order.with_user(reseller).action_cim_submit()
        return order

    def _orders(self, reseller, states=None):
        domain = [("partner_id", "=", reseller.partner_id.id)]
        if states:
            domain.append(("state", "in", states))
        return self.env["sale.order"].search(domain)


class CimRecipientCase(CimShopCase):
    """alice has more end customers than a recipient choice offers: Sun Li
    (Nanjing) and Zhou Min (Qingdao) are among the oldest, so that only the
    search or a recent order brings them into the choice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sun = cls._new_end_customer(cls.alice, "Sun Li", city="Nanjing", phone="025-555")
        cls.zhou = cls._new_end_customer(
            cls.alice, "Zhou Min", city="Qingdao", street="Harbour Road 8"
        )
        cls.crowd = cls._new_end_customers(cls.alice, "Customer", RECIPIENT_CHOICES + 10)

    @classmethod
    def _new_end_customers(cls, reseller, prefix, count):
        Partner = cls.env["res.partner"]
        defaults = Partner._cim_end_customer_defaults(reseller)
        return Partner.create(
            [dict(defaults, name=f"{prefix} {n:02d}", city="Beijing") for n in range(count)]
        )

    def _newest(self, reseller, count):
        """The newest end customers of ``reseller``: created in one
        transaction, they share their create_date and the id decides."""
        return self.env["res.partner"].search(
            [("cim_is_end_customer", "=", True), ("parent_id", "=", reseller.partner_id.id)],
            order="id desc",
            limit=count,
        )

    def _choices(self, reseller, **kwargs):
        return (
            self.env["res.partner"].with_user(reseller)._cim_recipient_choices(reseller, **kwargs)
        )
