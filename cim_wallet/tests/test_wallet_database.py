"""The money rules hold in the database itself: these tests go around the
ORM's Python checks with raw SQL, or with ORM calls whose Python checks let
the value through, and expect PostgreSQL to refuse."""

import psycopg2.errors

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CimWalletCase


@tagged("post_install", "-at_install")
class TestWalletDatabaseConstraints(CimWalletCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._topup(cls.wallet_ann, 500.0)
        cls.order = cls._order(cls.ann, quantity=2)
        cls.order.action_cim_submit()

    def _insert(self, **values):
        row = {
            "wallet_id": self.wallet_ann.id,
            "partner_id": self.ann.partner_id.id,
            "company_id": self.tenant_a.id,
            "currency_id": self.currency.id,
            "type": "topup",
            "amount": 10.0,
            "balance_after": 310.0,
            "sale_order_id": None,
            "user_id": self.env.uid,
            "date": "2026-01-01 00:00:00",
        }
        row.update(values)
        columns = ", ".join(row)
        placeholders = ", ".join(["%s"] * len(row))
        self.env.cr.execute(
            f"INSERT INTO cim_wallet_transaction ({columns}) VALUES ({placeholders})",
            list(row.values()),
        )

    def test_fixture_inserts_when_valid(self):
        """The raw insert used below is accepted when nothing is wrong, so each
        refusal is the constraint's doing."""
        self._insert()
        self.env.cr.execute(
            "SELECT count(*) FROM cim_wallet_transaction WHERE wallet_id = %s",
            [self.wallet_ann.id],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 3)
        # Keep the ledger consistent for the check run after every test.
        self.env.cr.execute(
            "UPDATE cim_wallet SET balance = 310 WHERE id = %s", [self.wallet_ann.id]
        )
        self.wallet_ann.invalidate_recordset(["balance"])

    @mute_logger("odoo.sql_db")
    def test_db_refuses_negative_wallet_balance(self):
        with self.assertRaises(psycopg2.errors.CheckViolation):
            self.env.cr.execute(
                "UPDATE cim_wallet SET balance = -0.01 WHERE id = %s", [self.wallet_ann.id]
            )

    @mute_logger("odoo.sql_db")
    def test_db_refuses_negative_balance_after(self):
        with self.assertRaises(psycopg2.errors.CheckViolation):
            self._insert(type="adjustment", amount=-400.0, balance_after=-100.0)

    @mute_logger("odoo.sql_db")
    def test_db_refuses_amounts_of_the_wrong_sign(self):
        for txn_type, amount, order in [
            ("topup", -10.0, None),
            ("topup", 0.0, None),
            ("adjustment", 0.0, None),
            ("debit", 10.0, "other"),
            ("refund", -10.0, "order"),
        ]:
            order_id = None
            if order == "order":
                order_id = self.order.id
            elif order == "other":
                order_id = self._order(self.ann).id
            with (
                self.subTest(type=txn_type, amount=amount),
                self.assertRaises(psycopg2.errors.CheckViolation),
            ):
                self._insert(type=txn_type, amount=amount, sale_order_id=order_id)

    @mute_logger("odoo.sql_db")
    def test_db_refuses_debit_or_refund_without_order(self):
        for txn_type, amount in [("debit", -10.0), ("refund", 10.0)]:
            with (
                self.subTest(type=txn_type),
                self.assertRaises(psycopg2.errors.CheckViolation),
            ):
                self._insert(type=txn_type, amount=amount)
        with self.assertRaises(psycopg2.errors.CheckViolation):
            self._insert(type="topup", amount=10.0, sale_order_id=self.order.id)

    @mute_logger("odoo.sql_db")
    def test_db_refuses_a_second_debit_for_an_order(self):
        with self.assertRaises(psycopg2.errors.UniqueViolation):
            self._insert(
                type="debit", amount=-200.0, balance_after=100.0, sale_order_id=self.order.id
            )

    @mute_logger("odoo.sql_db")
    def test_db_refuses_a_second_refund_for_an_order(self):
        self.order.action_cim_cancel()
        with self.assertRaises(psycopg2.errors.UniqueViolation):
            self._insert(
                type="refund", amount=200.0, balance_after=700.0, sale_order_id=self.order.id
            )

    @mute_logger("odoo.sql_db")
    def test_db_refuses_a_second_debit_through_the_orm(self):
        """Even a superuser ORM create that skips the order's own checks meets
        the unique index (the Python pre-check is patched away)."""
        Transaction = type(self.env["cim.wallet.transaction"])
        original = Transaction.search_count

        def no_precheck(records, domain, *args, **kwargs):
            if any(isinstance(term, tuple) and term[0] == "sale_order_id" for term in domain):
                return 0
            return original(records, domain, *args, **kwargs)

        self.patch(Transaction, "search_count", no_precheck)
        with self.assertRaises(psycopg2.errors.UniqueViolation):
            self.wallet_ann.sudo()._cim_book("debit", -200.0, sale_order=self.order)

    @mute_logger("odoo.sql_db")
    def test_db_refuses_a_second_wallet_for_the_same_owner(self):
        with self.assertRaises(psycopg2.errors.UniqueViolation):
            self.Wallet.create(
                {
                    "partner_id": self.ann.partner_id.id,
                    "company_id": self.tenant_a.id,
                    "currency_id": self.currency.id,
                }
            )

    @mute_logger("odoo.sql_db")
    def test_db_keeps_transactions_of_an_order(self):
        with self.assertRaises(psycopg2.errors.ForeignKeyViolation):
            self.env.cr.execute("DELETE FROM sale_order WHERE id = %s", [self.order.id])
        with self.assertRaises(psycopg2.errors.ForeignKeyViolation):
            self.env.cr.execute("DELETE FROM cim_wallet WHERE id = %s", [self.wallet_ann.id])
