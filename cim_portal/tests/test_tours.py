from odoo.tests import tagged

from .common import CimRecipientCase, CimShopCase


@tagged("post_install", "-at_install")
class TestShopTours(CimShopCase):
    """What a reseller clicks, in Chromium."""

    def test_tour_search_and_buy_now(self):
        self.start_tour("/", "cim_portal_buy_now", login="alice@acme")
        order = self._orders(self.alice, ["sale"])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.partner_shipping_id, self.zhang)
        self.assertEqual(order.order_line.product_uom_qty, 2)
        self.assertEqual(self.wallet_alice.balance, 340.0)

    def test_tour_cart(self):
        self.start_tour("/", "cim_portal_cart", login="alice@acme")
        orders = self._orders(self.alice)
        self.assertEqual(orders.mapped("state"), ["sale"], "the hoodie entry was deleted")
        self.assertEqual(orders.order_line.product_id.product_tmpl_id, self.tee)
        self.assertEqual(orders.order_line.product_uom_qty, 3)
        self.assertEqual(self.wallet_alice.balance, 260.0)

    def test_tour_cancel_a_paid_order(self):
        order = self._paid_order(self.alice, self.tee)
        self.assertEqual(self.wallet_alice.balance, 420.0)
        self.start_tour("/my/orders", "cim_portal_cancel_order", login="alice@acme")
        self.assertEqual(order.state, "cancel")
        self.assertEqual(self.wallet_alice.balance, 500.0)

    def test_tour_wallet(self):
        self._paid_order(self.alice, self.tee)
        self.start_tour("/my", "cim_portal_wallet", login="alice@acme")


@tagged("post_install", "-at_install")
class TestRecipientSearchTour(CimRecipientCase):
    """The recipient search, in Chromium."""

    def test_tour_recipient_search(self):
        self.start_tour("/", "cim_portal_recipient_search", login="alice@acme")
        order = self._orders(self.alice)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.partner_shipping_id, self.zhou)
        self.assertEqual(self.wallet_alice.balance, 420.0)
