from odoo.fields import Command

from odoo.addons.cim_customer.tests.common import CimTenantCase

NO_MAIL = {"no_reset_password": True, "mail_create_nosubscribe": True, "tracking_disable": True}


def create_carriers(env, suffix=""):
    """A tracked carrier and one that does not track parcels, shared by all
    tenants."""
    product = env["product.product"].create(
        {"name": f"Shipping{suffix}", "type": "service", "list_price": 0.0, "company_id": False}
    )
    return env["delivery.carrier"].create(
        [
            {
                "name": f"SF Express{suffix}",
                "delivery_type": "fixed",
                "integration_level": "rate",
                "product_id": product.id,
                "tracking_url": "https://www.sf-express.com/chn/sc/waybill/waybill-detail/"
                "<shipmenttrackingnumber>",
            },
            {
                "name": f"Own Courier{suffix}",
                "delivery_type": "fixed",
                "integration_level": "rate",
                "product_id": product.id,
                "cim_not_tracked": True,
            },
        ]
    )


class CimLogisticsCase(CimTenantCase):
    """The acme / globex world of cim_customer, with funded wallets, a
    product, carriers and end customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **NO_MAIL))
        cls.product = cls.env["product.product"].create(
            {
                "name": "Logistics Test Tee",
                "type": "consu",
                "list_price": 123.45,
                "taxes_id": [Command.clear()],
            }
        )
        cls.carrier_sf, cls.carrier_own = create_carriers(cls.env)
        cls.carrier_globex = cls.env["delivery.carrier"].create(
            {
                "name": "Globex Van",
                "delivery_type": "fixed",
                "integration_level": "rate",
                "product_id": cls.env["product.product"]
                .create({"name": "Globex Shipping", "type": "service", "company_id": cls.globex.id})
                .id,
            }
        )
        for reseller in (cls.alice, cls.bob, cls.carol):
            wallet = cls.env["cim.wallet"].create(
                {
                    "partner_id": reseller.partner_id.id,
                    "company_id": reseller.company_id.id,
                    "currency_id": reseller.company_id.currency_id.id,
                }
            )
            cls.env["cim.wallet.transaction"].create(
                {"wallet_id": wallet.id, "type": "topup", "amount": 10000.0, "reason": "Test"}
            )
        cls.alice_customer = cls._new_end_customer(
            cls.alice, "Zhang Wei", street="1 Nanjing Road", city="Shanghai", phone="123"
        )
        cls.alice_customer_2 = cls._new_end_customer(cls.alice, "Liu Yang", city="Beijing")
        cls.bob_customer = cls._new_end_customer(cls.bob, "Zhao Lei", city="Shenzhen")
        cls.carol_customer = cls._new_end_customer(cls.carol, "Wu Hao", city="Hangzhou")

    @classmethod
    def _order(cls, reseller, recipient=None, quantity=2, product=None):
        """A draft order (cart entry) of ``reseller`` shipping to ``recipient``,
        or to the reseller itself (Odoo would pick one of its delivery
        contacts, i.e. an end customer, by default)."""
        values = {
            "partner_id": reseller.partner_id.id,
            "partner_shipping_id": (recipient or reseller.partner_id).id,
            "company_id": reseller.company_id.id,
            "order_line": [
                Command.create(
                    {"product_id": (product or cls.product).id, "product_uom_qty": quantity}
                )
            ],
        }
        return cls.env["sale.order"].create(values)

    @classmethod
    def _paid_order(cls, reseller, recipient=None, quantity=2, product=None):
        order = cls._order(reseller, recipient, quantity, product)
        order.with_user(reseller).action_cim_submit()
        return order

    @classmethod
    def _shipment(cls, reseller, recipient=None, carrier=None, **kwargs):
        """A paid order of ``reseller`` and its requested shipment."""
        order = cls._paid_order(reseller, recipient or None, **kwargs)
        ids = order.with_user(reseller).action_cim_request_shipment(
            carrier_id=carrier.id if carrier else None,
            recipient_id=None if recipient else cls._default_recipient(reseller).id,
        )
        return order, cls.env["stock.picking"].browse(ids)

    @classmethod
    def _default_recipient(cls, reseller):
        return {
            cls.alice: cls.alice_customer,
            cls.bob: cls.bob_customer,
            cls.carol: cls.carol_customer,
        }[reseller]

    def _ship(self, shipment, carrier=None, ref="SF0001", user=None):
        shipment.with_user(user or self.acme_user).cim_mark_shipped(
            (carrier or self.carrier_sf).id, ref
        )
