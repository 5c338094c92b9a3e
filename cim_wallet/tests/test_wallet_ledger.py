from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CimWalletCase


@tagged("post_install", "-at_install")
class TestWalletLedger(CimWalletCase):
    def test_topup_raises_balance_and_records_balance_after(self):
        first = self._topup(self.wallet_ann, 300.0)
        second = self._topup(self.wallet_ann, 200.0)
        self.assertEqual(self.wallet_ann.balance, 500.0)
        self.assertEqual((first.balance_after, second.balance_after), (300.0, 500.0))
        self.assertEqual(second.partner_id, self.ann.partner_id)
        self.assertEqual(second.company_id, self.tenant_a)
        self.assertEqual(second.user_id, self.env.user)
        self.assertTrue(second.date)

    def test_balance_after_ignores_the_callers_value(self):
        txn = self.Transaction.create(
            {
                "wallet_id": self.wallet_ann.id,
                "type": "topup",
                "amount": 50.0,
                "balance_after": 99999.0,
            }
        )
        self.assertEqual(txn.balance_after, 50.0)
        self.assertEqual(self.wallet_ann.balance, 50.0)

    def test_create_several_transactions_chains_balances(self):
        txns = self.Transaction.create(
            [
                {"wallet_id": self.wallet_ann.id, "type": "topup", "amount": 100.0},
                {"wallet_id": self.wallet_ann.id, "type": "topup", "amount": 40.0},
                {
                    "wallet_id": self.wallet_ann.id,
                    "type": "adjustment",
                    "amount": -30.0,
                    "reason": "Fee",
                },
            ]
        )
        self.assertEqual(txns.mapped("balance_after"), [100.0, 140.0, 110.0])
        self.assertEqual(self.wallet_ann.balance, 110.0)

    def test_negative_adjustment_cannot_go_below_zero(self):
        self._topup(self.wallet_ann, 100.0)
        with self.assertRaises(UserError):
            self.Transaction.create(
                {
                    "wallet_id": self.wallet_ann.id,
                    "type": "adjustment",
                    "amount": -100.01,
                    "reason": "Too much",
                }
            )
        self.assertEqual(self.wallet_ann.balance, 100.0)
        self.Transaction.create(
            {
                "wallet_id": self.wallet_ann.id,
                "type": "adjustment",
                "amount": -100.0,
                "reason": "Everything back",
            }
        )
        self.assertEqual(self.wallet_ann.balance, 0.0)

    def test_adjustment_needs_a_reason(self):
        with self.assertRaises(ValidationError):
            self.Transaction.create(
                {"wallet_id": self.wallet_ann.id, "type": "adjustment", "amount": 10.0}
            )
        with self.assertRaises(ValidationError):
            self.Transaction.create(
                {
                    "wallet_id": self.wallet_ann.id,
                    "type": "adjustment",
                    "amount": 10.0,
                    "reason": "   ",
                }
            )
        self.assertEqual(self.wallet_ann.balance, 0.0)

    def test_amount_sign_follows_the_type(self):
        for txn_type, amount in [
            ("topup", 0.0),
            ("topup", -5.0),
            ("adjustment", 0.0),
        ]:
            with self.subTest(type=txn_type, amount=amount), self.assertRaises(ValidationError):
                self.Transaction.create(
                    {
                        "wallet_id": self.wallet_ann.id,
                        "type": txn_type,
                        "amount": amount,
                        "reason": "Test",
                    }
                )
        self.assertFalse(self.wallet_ann.transaction_ids)

    def test_transactions_cannot_be_changed_even_by_superuser(self):
        txn = self._topup(self.wallet_ann, 100.0)
        for vals in ({"amount": 1000.0}, {"reason": "Rewritten"}, {"balance_after": 0.0}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                txn.sudo().write(vals)
        self.assertEqual((txn.amount, txn.reason), (100.0, "Bank transfer"))
        self.assertEqual(self.wallet_ann.balance, 100.0)

    def test_transactions_cannot_be_deleted_even_by_superuser(self):
        txn = self._topup(self.wallet_ann, 100.0)
        with self.assertRaises(UserError):
            txn.sudo().unlink()
        with self.assertRaises(UserError):
            txn.sudo().copy()
        self.assertTrue(txn.exists())
        self.assertEqual(len(self.wallet_ann.transaction_ids), 1)

    def test_wallet_balance_cannot_be_written(self):
        self._topup(self.wallet_ann, 100.0)
        with self.assertRaises(UserError):
            self.wallet_ann.sudo().write({"balance": 1000.0})
        self.assertEqual(self.wallet_ann.balance, 100.0)

    def test_wallet_opens_empty(self):
        with self.assertRaises(UserError):
            self.Wallet.create(
                {
                    "partner_id": self.ben.partner_id.id,
                    "company_id": self.tenant_a.id,
                    "currency_id": self.currency.id,
                    "balance": 500.0,
                }
            )

    def test_wallet_with_transactions_keeps_its_owner(self):
        self._topup(self.wallet_ann, 100.0)
        with self.assertRaises(UserError):
            self.wallet_ann.write({"partner_id": self.ben.partner_id.id})
        with self.assertRaises(UserError):
            self.wallet_ann.unlink()
        self.assertEqual(self.wallet_ann.partner_id, self.ann.partner_id)

    def test_wallet_belongs_to_a_reseller_of_its_tenant(self):
        with self.assertRaises(ValidationError):
            self.Wallet.create(
                {
                    "partner_id": self.clerk_a.partner_id.id,
                    "company_id": self.tenant_a.id,
                    "currency_id": self.currency.id,
                }
            )
        with self.assertRaises(ValidationError):
            self.Wallet.create(
                {
                    "partner_id": self.ben.partner_id.id,
                    "company_id": self.tenant_b.id,
                    "currency_id": self.currency.id,
                }
            )

    def test_find_or_create_reuses_the_wallet(self):
        wallet = self.Wallet._cim_find_or_create(self.ann.partner_id, self.tenant_a, self.currency)
        self.assertEqual(wallet, self.wallet_ann)
        new = self.Wallet._cim_find_or_create(self.ben.partner_id, self.tenant_a, self.currency)
        self.assertEqual((new.partner_id, new.balance), (self.ben.partner_id, 0.0))

    def test_debits_and_refunds_are_not_booked_by_hand(self):
        self._topup(self.wallet_ann, 100.0)
        order = self._order(self.ann)
        for txn_type, amount in [("debit", -100.0), ("refund", 100.0)]:
            with self.subTest(type=txn_type), self.assertRaises(AccessError):
                self.Transaction.with_user(self.manager_a).create(
                    {
                        "wallet_id": self.wallet_ann.id,
                        "type": txn_type,
                        "amount": amount,
                        "sale_order_id": order.id,
                    }
                )
        self.assertEqual(self.wallet_ann.balance, 100.0)

    def test_ledger_check_finds_a_tampered_balance(self):
        self._topup(self.wallet_ann, 100.0)
        self.assertEqual(self.wallet_ann._cim_check_ledger(), [])
        result = self.wallet_ann.with_user(self.clerk_a).action_check_balance()
        self.assertEqual(result["params"]["type"], "success")
        self.env.cr.execute(
            "UPDATE cim_wallet SET balance = balance + 1 WHERE id = %s", [self.wallet_ann.id]
        )
        self.wallet_ann.invalidate_recordset(["balance"])
        errors = self.wallet_ann._cim_check_ledger()
        self.assertEqual(len(errors), 1)
        self.assertIn("101", errors[0])
        result = self.wallet_ann.with_user(self.clerk_a).action_check_balance()
        self.assertEqual(result["params"]["type"], "danger")
        self.env.cr.execute(
            "UPDATE cim_wallet SET balance = balance - 1 WHERE id = %s", [self.wallet_ann.id]
        )
        self.wallet_ann.invalidate_recordset(["balance"])

    def test_ledger_check_finds_a_broken_chain(self):
        self._topup(self.wallet_ann, 100.0)
        txn = self._topup(self.wallet_ann, 50.0)
        self.env.cr.execute(
            "UPDATE cim_wallet_transaction SET balance_after = 10 WHERE id = %s", [txn.id]
        )
        errors = self.wallet_ann._cim_check_ledger()
        self.assertEqual(len(errors), 1)
        self.assertIn(str(txn.id), errors[0])
        self.env.cr.execute(
            "UPDATE cim_wallet_transaction SET balance_after = 150 WHERE id = %s", [txn.id]
        )

    def test_low_balance_filter_uses_each_tenants_threshold(self):
        self._topup(self.wallet_ann, 100.0)
        self._topup(self.wallet_cat, 100.0)
        self.tenant_a.cim_wallet_low_balance = 150.0
        self.tenant_b.cim_wallet_low_balance = 50.0
        wallets = self.wallet_ann | self.wallet_cat
        low = self.Wallet.search([("id", "in", wallets.ids), ("is_low_balance", "=", True)])
        self.assertEqual(low, self.wallet_ann)
        not_low = self.Wallet.search([("id", "in", wallets.ids), ("is_low_balance", "=", False)])
        self.assertEqual(not_low, self.wallet_cat)
        self.assertTrue(self.wallet_ann.is_low_balance)
        self.assertFalse(self.wallet_cat.is_low_balance)
