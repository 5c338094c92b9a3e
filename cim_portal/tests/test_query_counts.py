from odoo.tests import tagged

from odoo.addons.cim_logistics.tests.common import create_carriers

from .common import CimShopCase

# Queries per page, measured warm: the page was requested once before.
PAGE_QUERIES = {
    "home": 25,
    "search": 23,
    "product": 35,
    "cart": 16,
    "cart_entry": 19,
    "orders": 14,
    "order": 20,
    "wallet": 16,
    "wallet_csv": 7,
    "my": 16,
    "shipments": 16,
    "shipment": 18,
}


@tagged("post_install", "-at_install")
class TestQueryCounts(CimShopCase):
    """Each page costs a fixed number of queries, however many products,
    orders and transactions there are, the reseller's own included."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Every kind of product and transaction is on the pages from the
        # start: what grows afterwards is only their number.
        cls.draft = cls._cart_entry(cls.alice, cls.hoodie, 1)
        cls._cart_entry(cls.alice, cls.mug, 1, note="Text")
        cls.paid = cls._paid_order(cls.alice, cls.hoodie, 1)
        cls._paid_order(cls.alice, cls.tee, 1).with_user(cls.alice).action_cim_cancel()
        cls.carrier, _own = create_carriers(cls.env)
        cls.shipment = cls._shipment(cls.alice, cls.paid)
        cls._ship(cls._shipment(cls.alice, cls._paid_order(cls.alice, cls.tee, 1)))
        cls._more_products("Base")

    @classmethod
    def _shipment(cls, reseller, order):
        ids = order.with_user(reseller).action_cim_request_shipment(carrier_id=cls.carrier.id)
        return cls.env["stock.picking"].browse(ids)

    @classmethod
    def _ship(cls, shipment):
        shipment.with_user(cls.acme_user).cim_mark_shipped(cls.carrier.id, f"SF{shipment.id}")

    def _urls(self):
        return {
            "home": "/",
            "search": "/cim/search?q=e",
            "product": f"/cim/product/{self.hoodie.id}",
            "cart": "/my/cart",
            "cart_entry": f"/my/cart/{self.draft.id}",
            "orders": "/my/orders",
            "order": f"/my/orders/{self.paid.id}",
            "wallet": "/my/wallet",
            "wallet_csv": "/my/wallet/transactions.csv",
            "my": "/my",
            "shipments": "/my/shipments",
            "shipment": f"/my/shipments/{self.shipment.id}",
        }

    def _assert_page_queries(self):
        for name, url in self._urls().items():
            with self.subTest(page=name):
                self.assertEqual(self.url_open(url).status_code, 200)
                with self.assertQueryCount(PAGE_QUERIES[name]):
                    reply = self.url_open(url)
                self.assertEqual(reply.status_code, 200)

    @classmethod
    def _more_products(cls, prefix):
        """More than a page of search results and of each home section."""
        cls.env["product.template"].create(
            [
                cls._product_vals(f"{prefix} Tee {n}", cim_is_star=True, cim_is_recommended=True)
                for n in range(13)
            ]
        )

    def _more_data(self):
        """More of everything: products in every home section, orders,
        shipments, transactions and end customers (more than a recipient
        choice offers) of alice and of other resellers."""
        self._more_products("More")
        Partner = self.env["res.partner"]
        customers = Partner.create(
            [
                dict(Partner._cim_end_customer_defaults(reseller), name=f"More Customer {n}")
                for reseller in (self.alice, self.bob)
                for n in range(40)
            ]
        )
        self._cart_entry(self.alice, self.tee, 1, recipient=customers[0])
        self._topup(self._wallet(self.bob), 1000.0)
        self._topup(self.wallet_alice, 1000.0)
        for _n in range(3):
            self._ship(self._shipment(self.bob, self._paid_order(self.bob, self.tee, 1)))
            self._shipment(self.alice, self._paid_order(self.alice, self.hoodie, 1))
            self._ship(self._shipment(self.alice, self._paid_order(self.alice, self.tee, 1)))
            self._cart_entry(self.alice, self.mug, 1, note="Text")
            self._cart_entry(self.bob, self.tee, 1)
            self._topup(self.wallet_alice, 10.0)

    def test_page_queries_are_fixed(self):
        self.login(self.alice)
        self._assert_page_queries()
        self._more_data()
        self._assert_page_queries()
