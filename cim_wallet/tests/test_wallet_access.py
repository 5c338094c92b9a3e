from odoo.exceptions import AccessError, UserError
from odoo.service.model import call_kw
from odoo.tests import new_test_user, tagged

from .common import NO_MAIL, CimWalletCase


@tagged("post_install", "-at_install")
class TestWalletAccess(CimWalletCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wallet_ben = cls.Wallet.create(
            {
                "partner_id": cls.ben.partner_id.id,
                "company_id": cls.tenant_a.id,
                "currency_id": cls.currency.id,
            }
        )
        cls.txn_ann = cls._topup(cls.wallet_ann, 500.0)
        cls.txn_ben = cls._topup(cls.wallet_ben, 500.0)
        cls.txn_cat = cls._topup(cls.wallet_cat, 500.0)

    # Reading

    def test_reseller_reads_only_its_own_wallet_and_transactions(self):
        Wallet = self.Wallet.with_user(self.ann)
        Transaction = self.Transaction.with_user(self.ann)
        self.assertEqual(Wallet.search([]), self.wallet_ann)
        self.assertEqual(Transaction.search([]), self.txn_ann)
        self.assertEqual(self.wallet_ann.with_user(self.ann).balance, 500.0)
        for record in (self.wallet_ben, self.wallet_cat, self.txn_ben, self.txn_cat):
            with self.subTest(record=record), self.assertRaises(AccessError):
                record.with_user(self.ann).read(["partner_id"])

    def test_reseller_rpc_reads_only_its_own(self):
        rows = call_kw(
            self.Transaction.with_user(self.ann),
            "search_read",
            [[]],
            {"fields": ["type", "amount", "balance_after", "sale_order_id"]},
        )
        self.assertEqual([row["id"] for row in rows], self.txn_ann.ids)
        with self.assertRaises(AccessError):
            call_kw(self.Wallet.with_user(self.ann), "read", [self.wallet_ben.ids], {})

    def test_other_tenants_staff_see_nothing(self):
        for user in (self.manager_b, self.clerk_b):
            with self.subTest(user=user.login):
                self.assertEqual(self.Wallet.with_user(user).search([]), self.wallet_cat)
                self.assertEqual(self.Transaction.with_user(user).search([]), self.txn_cat)
                with self.assertRaises(AccessError):
                    self.wallet_ann.with_user(user).read(["balance"])
                with self.assertRaises(AccessError):
                    self.txn_ann.with_user(user).read(["amount"])

    def test_staff_read_their_tenants_wallets(self):
        wallets = self.Wallet.with_user(self.clerk_a).search([])
        self.assertEqual(wallets, self.wallet_ann | self.wallet_ben)
        self.assertEqual(
            self.Transaction.with_user(self.clerk_a).search([]), self.txn_ann | self.txn_ben
        )

    def test_internal_users_outside_cim_see_nothing(self):
        with self.assertRaises(AccessError):
            self.Wallet.with_user(self.salesman_a).search([])
        with self.assertRaises(AccessError):
            self.Transaction.with_user(self.salesman_a).search([])

    # Booking money

    def test_cim_user_cannot_top_up(self):
        with self.assertRaises(AccessError):
            self.Transaction.with_user(self.clerk_a).create(
                {"wallet_id": self.wallet_ann.id, "type": "topup", "amount": 10.0}
            )
        with self.assertRaises(AccessError):
            self.env["cim.wallet.operation"].with_user(self.clerk_a).create(
                {
                    "operation": "topup",
                    "company_id": self.tenant_a.id,
                    "partner_id": self.ann.partner_id.id,
                    "amount": 10.0,
                    "reason": "Test",
                }
            )
        self.assertEqual(self.wallet_ann.balance, 500.0)

    def test_reseller_cannot_top_up_itself(self):
        with self.assertRaises(AccessError):
            self.Transaction.with_user(self.ann).create(
                {"wallet_id": self.wallet_ann.id, "type": "topup", "amount": 10.0}
            )
        with self.assertRaises(AccessError):
            self.Wallet.with_user(self.ann).create(
                {
                    "partner_id": self.ann.partner_id.id,
                    "company_id": self.tenant_a.id,
                    "currency_id": self.env.ref("base.EUR").id,
                }
            )
        self.assertEqual(self.wallet_ann.balance, 500.0)

    def test_manager_tops_up_its_tenant_only(self):
        txn = self.Transaction.with_user(self.manager_a).create(
            {"wallet_id": self.wallet_ann.id, "type": "topup", "amount": 10.0}
        )
        self.assertEqual(txn.user_id, self.manager_a)
        self.assertEqual(self.wallet_ann.balance, 510.0)
        with self.assertRaises(AccessError):
            self.Transaction.with_user(self.manager_a).create(
                {"wallet_id": self.wallet_cat.id, "type": "topup", "amount": 10.0}
            )
        self.assertEqual(self.wallet_cat.balance, 500.0)

    def test_nobody_has_write_or_delete_rights_on_the_ledger(self):
        for user in (self.manager_a, self.clerk_a, self.ann):
            for operation in ("write", "unlink"):
                with self.subTest(user=user.login, operation=operation):
                    self.assertFalse(self.txn_ann.with_user(user).has_access(operation))
                    self.assertFalse(self.wallet_ann.with_user(user).has_access(operation))
            with self.subTest(user=user.login), self.assertRaises(UserError):
                call_kw(
                    self.Transaction.with_user(user), "write", [self.txn_ann.ids, {"amount": 1}], {}
                )
            with self.subTest(user=user.login), self.assertRaises(UserError):
                call_kw(self.Transaction.with_user(user), "unlink", [self.txn_ann.ids], {})
        self.assertEqual(self.txn_ann.amount, 500.0)

    # Paying and cancelling orders

    def test_submit_and_cancel_by_the_orders_reseller(self):
        order = self._order(self.ann)
        self.assertEqual(
            call_kw(
                self.env["sale.order"].with_user(self.ann), "action_cim_submit", [order.ids], {}
            ),
            order.ids,
        )
        call_kw(self.env["sale.order"].with_user(self.ann), "action_cim_cancel", [order.ids], {})
        self.assertEqual(order.state, "cancel")
        self.assertEqual(self.wallet_ann.balance, 500.0)

    def test_another_reseller_cannot_submit_or_cancel(self):
        order = self._order(self.ann)
        for user in (self.ben, self.cat):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                order.with_user(user).action_cim_submit()
        self.assertEqual(order.state, "draft")
        order.action_cim_submit()
        for user in (self.ben, self.cat):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                order.with_user(user).action_cim_cancel()
        self.assertEqual(order.state, "sale")
        self.assertEqual(self.wallet_ann.balance, 400.0)

    def test_other_tenants_staff_cannot_submit_or_cancel(self):
        order = self._order(self.ann)
        for user in (self.manager_b, self.clerk_b):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                order.with_user(user).action_cim_submit()
        order.with_user(self.clerk_a).action_cim_submit()
        for user in (self.manager_b, self.clerk_b):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                order.with_user(user).action_cim_cancel()
        self.assertEqual(order.state, "sale")

    def test_users_outside_cim_cannot_submit_or_cancel(self):
        order = self._order(self.ann)
        portal = new_test_user(
            self.env, login="wallet.portal", groups="base.group_portal", context=NO_MAIL
        )
        for user in (self.salesman_a, portal, self.env.ref("base.public_user")):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                order.with_user(user).action_cim_submit()
        self.assertEqual(order.state, "draft")
        order.action_cim_submit()
        for user in (self.salesman_a, portal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                order.with_user(user).action_cim_cancel()
        self.assertEqual(order.state, "sale")

    def test_staff_of_the_tenant_cancels(self):
        order = self._order(self.ann)
        order.with_user(self.ann).action_cim_submit()
        order.with_user(self.clerk_a).action_cim_cancel()
        self.assertEqual(order.state, "cancel")
        self.assertEqual(self.wallet_ann.balance, 500.0)
