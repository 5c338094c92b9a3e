from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CimWalletCase


@tagged("post_install", "-at_install")
class TestSubmit(CimWalletCase):
    def test_submit_debits_the_total_and_confirms(self):
        self._topup(self.wallet_ann, 500.0)
        order = self._order(self.ann, quantity=3)
        paid = order.with_user(self.ann).action_cim_submit()
        self.assertEqual(paid, order.ids)
        self.assertEqual(order.state, "sale")
        self.assertEqual(self.wallet_ann.balance, 200.0)
        debit = self._transactions(order)
        self.assertEqual(debit.type, "debit")
        self.assertEqual(debit.amount, -300.0)
        self.assertEqual(debit.balance_after, 200.0)
        self.assertEqual(debit.reference, order.name)
        self.assertEqual(debit.user_id, self.ann)
        self.assertEqual(order.cim_amount_debited, 300.0)

    def test_submit_recomputes_prices_on_the_server(self):
        self._topup(self.wallet_ann, 500.0)
        order = self._order(self.ann, quantity=2)
        order.order_line.write({"price_unit": 1.0, "discount": 50.0})
        self.assertEqual(order.amount_total, 1.0)
        order.with_user(self.ann).action_cim_submit()
        self.assertEqual(order.order_line.price_unit, 100.0)
        self.assertEqual(order.order_line.discount, 0.0)
        self.assertEqual(order.amount_total, 200.0)
        self.assertEqual(self._transactions(order).amount, -200.0)
        self.assertEqual(self.wallet_ann.balance, 300.0)

    def test_short_balance_changes_nothing_and_says_what_is_missing(self):
        self._topup(self.wallet_ann, 150.0)
        order = self._order(self.ann, quantity=2)
        with self.assertRaises(UserError) as caught:
            order.with_user(self.ann).action_cim_submit()
        message = caught.exception.args[0]
        for amount in ("150.00", "200.00", "50.00"):
            self.assertIn(amount, message)
        self.assertEqual(order.state, "draft")
        self.assertFalse(self._transactions(order))
        self.assertEqual(self.wallet_ann.balance, 150.0)

    def test_submit_without_wallet_says_what_is_missing(self):
        order = self._order(self.ben)
        with self.assertRaises(UserError) as caught:
            order.with_user(self.ben).action_cim_submit()
        self.assertIn("100.00", caught.exception.args[0])
        self.assertEqual(order.state, "draft")

    def test_submitting_twice_debits_once(self):
        self._topup(self.wallet_ann, 500.0)
        order = self._order(self.ann)
        self.assertEqual(order.with_user(self.ann).action_cim_submit(), order.ids)
        self.assertEqual(order.with_user(self.ann).action_cim_submit(), [])
        self.assertEqual(order.with_user(self.clerk_a).action_cim_submit(), [])
        self.assertEqual(len(self._transactions(order)), 1)
        self.assertEqual(self.wallet_ann.balance, 400.0)

    def test_batch_pays_each_order_or_leaves_it_and_never_overdraws(self):
        self._topup(self.wallet_ann, 250.0)
        orders = self._order(self.ann) | self._order(self.ann) | self._order(self.ann)
        paid = orders.with_user(self.ann).action_cim_submit()
        self.assertEqual(paid, orders[:2].ids)
        self.assertEqual(orders.mapped("state"), ["sale", "sale", "draft"])
        self.assertFalse(self._transactions(orders[2]))
        self.assertEqual(self.wallet_ann.balance, 50.0)

    def test_batch_of_which_none_can_be_paid_raises(self):
        self._topup(self.wallet_ann, 50.0)
        orders = self._order(self.ann) | self._order(self.ann)
        with self.assertRaises(UserError):
            orders.with_user(self.ann).action_cim_submit()
        self.assertEqual(orders.mapped("state"), ["draft", "draft"])
        self.assertEqual(self.wallet_ann.balance, 50.0)

    def test_batch_skips_an_order_that_fails_for_another_reason(self):
        self._topup(self.wallet_ann, 500.0)
        cancelled = self._order(self.ann)
        cancelled.action_cancel()
        good = self._order(self.ann)
        paid = (cancelled | good).with_user(self.ann).action_cim_submit()
        self.assertEqual(paid, good.ids)
        self.assertEqual(cancelled.state, "cancel")
        self.assertEqual(self.wallet_ann.balance, 400.0)

    def test_cancelled_order_cannot_be_submitted(self):
        self._topup(self.wallet_ann, 500.0)
        order = self._order(self.ann)
        order.action_cancel()
        with self.assertRaises(UserError):
            order.with_user(self.ann).action_cim_submit()
        self.assertEqual(self.wallet_ann.balance, 500.0)

    def test_empty_and_free_orders_are_refused(self):
        self._topup(self.wallet_ann, 500.0)
        empty = self.env["sale.order"].create(
            {"partner_id": self.ann.partner_id.id, "company_id": self.tenant_a.id}
        )
        with self.assertRaises(UserError):
            empty.action_cim_submit()
        self.product.list_price = 0.0
        free = self._order(self.ann)
        with self.assertRaises(UserError):
            free.action_cim_submit()
        self.assertEqual((empty.state, free.state), ("draft", "draft"))
        self.assertEqual(self.wallet_ann.balance, 500.0)

    def test_only_reseller_orders_are_paid_from_a_wallet(self):
        customer = self.env["res.partner"].create({"name": "Walk-in", "company_id": False})
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "company_id": self.tenant_a.id,
                "order_line": [(0, 0, {"product_id": self.product.id})],
            }
        )
        with self.assertRaises(UserError):
            order.with_user(self.clerk_a).action_cim_submit()
        # Such an order is confirmed the usual way.
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_reseller_order_cannot_be_confirmed_without_payment(self):
        self._topup(self.wallet_ann, 500.0)
        order = self._order(self.ann)
        with self.assertRaises(UserError):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        self.assertEqual(self.wallet_ann.balance, 500.0)

    def test_staff_cart_entry_is_paid_like_a_portal_one(self):
        self._topup(self.wallet_ann, 500.0)
        order = self._order(self.ann)  # created by staff for the reseller
        self.assertEqual(order.with_user(self.clerk_a).action_cim_submit(), order.ids)
        self.assertEqual(order.state, "sale")
        self.assertEqual(self._transactions(order).user_id, self.clerk_a)
        self.assertEqual(self.wallet_ann.balance, 400.0)

    def test_backend_button_notifies(self):
        self._topup(self.wallet_ann, 500.0)
        order = self._order(self.ann)
        action = order.with_user(self.clerk_a).action_cim_submit_button()
        self.assertEqual(action["params"]["type"], "success")
        action = order.with_user(self.clerk_a).action_cim_submit_button()
        self.assertEqual(action["params"]["type"], "warning")
        self.assertEqual(self.wallet_ann.balance, 400.0)


@tagged("post_install", "-at_install")
class TestCancel(CimWalletCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._topup(cls.wallet_ann, 1000.0)
        cls.order = cls._order(cls.ann, quantity=3)
        cls.order.action_cim_submit()

    def test_cancel_refunds_exactly_the_debit(self):
        self.assertEqual(self.wallet_ann.balance, 700.0)
        self.order.with_user(self.ann).action_cim_cancel()
        self.assertEqual(self.order.state, "cancel")
        refund = self._transactions(self.order, "refund")
        self.assertEqual(refund.amount, 300.0)
        self.assertEqual(refund.balance_after, 1000.0)
        self.assertEqual(refund.user_id, self.ann)
        self.assertEqual(self.wallet_ann.balance, 1000.0)
        self.assertEqual(self.order.cim_amount_refunded, 300.0)

    def test_refund_is_the_debit_even_if_the_order_changed(self):
        # Staff add a line after payment: the refund is what was paid.
        self.order.write({"order_line": [(0, 0, {"product_id": self.product.id})]})
        self.assertEqual(self.order.amount_total, 400.0)
        self.order.with_user(self.clerk_a).action_cim_cancel()
        self.assertEqual(self._transactions(self.order, "refund").amount, 300.0)
        self.assertEqual(self.wallet_ann.balance, 1000.0)

    def test_cancelling_twice_refunds_once(self):
        self.order.with_user(self.ann).action_cim_cancel()
        self.order.with_user(self.ann).action_cim_cancel()
        self.order.with_user(self.clerk_a).action_cim_cancel()
        self.order.action_cancel()
        self.assertEqual(len(self._transactions(self.order, "refund")), 1)
        self.assertEqual(self.wallet_ann.balance, 1000.0)

    def test_shipped_order_refuses_to_cancel(self):
        with (
            # The registry's class: cim_logistics overrides the hook as well.
            patch.object(type(self.env["sale.order"]), "_cim_is_shipped", lambda order: True),
            self.assertRaises(UserError),
        ):
            self.order.with_user(self.ann).action_cim_cancel()
        self.assertEqual(self.order.state, "sale")
        self.assertFalse(self._transactions(self.order, "refund"))
        self.assertEqual(self.wallet_ann.balance, 700.0)

    def test_standard_cancel_refunds_too(self):
        self.order.action_cancel()
        self.assertEqual(self._transactions(self.order, "refund").amount, 300.0)
        self.assertEqual(self.wallet_ann.balance, 1000.0)

    def test_unpaid_order_is_not_cancelled_by_the_wallet(self):
        draft = self._order(self.ann)
        with self.assertRaises(UserError):
            draft.with_user(self.ann).action_cim_cancel()
        self.assertEqual(draft.state, "draft")

    def test_refunded_order_cannot_go_back_to_the_cart(self):
        self.order.action_cim_cancel()
        with self.assertRaises(UserError):
            self.order.action_draft()
        self.assertEqual(self.order.state, "cancel")
        with self.assertRaises(UserError):
            self.order.action_cim_submit()
        self.assertEqual(len(self._transactions(self.order)), 2)
        self.assertEqual(self.wallet_ann.balance, 1000.0)

    def test_paid_order_cannot_be_deleted(self):
        self.order.action_cim_cancel()
        with self.assertRaises(UserError):
            self.order.unlink()
        self.assertTrue(self.order.exists())

    def test_drill_down_from_order_and_wallet(self):
        self.order.action_cim_cancel()
        action = self.order.with_user(self.clerk_a).action_view_cim_wallet_transactions()
        found = self.Transaction.with_user(self.clerk_a).search(action["domain"])
        self.assertEqual(found, self._transactions(self.order))
        self.assertEqual(self.order.cim_wallet_transaction_count, 2)
        action = self.wallet_ann.with_user(self.clerk_a).action_view_transactions()
        found = self.Transaction.with_user(self.clerk_a).search(action["domain"])
        self.assertEqual(len(found), 3)
        self.assertEqual(self.wallet_ann.transaction_count, 3)
