"""Real concurrency: each thread works in its own database cursor on
committed data, as Odoo workers do. Odoo retries a request that fails with a
serialization error; the threads do the same (see ``_call``).

The fixtures are committed in setUpClass and removed in the class cleanup.
"""

import random
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from psycopg2 import errors

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tests import tagged
from odoo.tests.common import BaseCase, get_db_name
from odoo.tools import mute_logger

from .common import NO_MAIL, create_tenant_fixtures

RETRYABLE = (errors.SerializationFailure, errors.DeadlockDetected, errors.LockNotAvailable)
MAX_ATTEMPTS = 60


@tagged("post_install", "-at_install")
class TestWalletConcurrency(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.suffix = uuid.uuid4().hex[:8]
        cls.order_ids = []
        cls.addClassCleanup(cls._cleanup_committed_fixtures)
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, dict(NO_MAIL))
            fixtures = create_tenant_fixtures(env, cls.suffix)
            cls.company_ids = (fixtures["tenant_a"] | fixtures["tenant_b"]).ids
            cls.user_ids = [
                fixtures[key].id
                for key in (
                    "ann",
                    "ben",
                    "cat",
                    "manager_a",
                    "clerk_a",
                    "manager_b",
                    "clerk_b",
                    "salesman_a",
                )
            ]
            cls.partner_ids = env["res.users"].browse(cls.user_ids).partner_id.ids
            cls.product_id = fixtures["product"].id
            cls.currency_id = fixtures["currency"].id
            cls.tenant_id = fixtures["tenant_a"].id
            cls.ann_id = fixtures["ann"].id
            cls.ben_id = fixtures["ben"].id
            cls.clerk_id = fixtures["clerk_a"].id
            cls.cat_id = fixtures["cat"].id
            cls.manager_b_id = fixtures["manager_b"].id
            cls.tenant_b_id = fixtures["tenant_b"].id
            wallets = env["cim.wallet"].create(
                [
                    {
                        "partner_id": fixtures[name].partner_id.id,
                        "company_id": cls.tenant_id,
                        "currency_id": cls.currency_id,
                    }
                    for name in ("ann", "ben")
                ]
            )
            wallets |= env["cim.wallet"].create(
                {
                    "partner_id": fixtures["cat"].partner_id.id,
                    "company_id": cls.tenant_b_id,
                    "currency_id": cls.currency_id,
                }
            )
            cls.wallet_ann_id, cls.wallet_ben_id, cls.wallet_cat_id = wallets.ids
            cls.wallet_ids = wallets.ids

    @classmethod
    def _cleanup_committed_fixtures(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, dict(NO_MAIL))
            if cls.wallet_ids:
                # The ledger is append-only for the ORM, for everyone: only raw
                # SQL removes the rows these tests committed.
                cr.execute(
                    "DELETE FROM cim_wallet_transaction WHERE wallet_id IN %s",
                    [tuple(cls.wallet_ids)],
                )
            orders = env["sale.order"].browse(cls.order_ids).exists()
            orders.write({"state": "cancel"})
            orders.unlink()
            env["cim.wallet"].browse(cls.wallet_ids).exists().unlink()
            users = env["res.users"].browse(getattr(cls, "user_ids", [])).exists()
            users.unlink()
            env["res.partner"].browse(getattr(cls, "partner_ids", [])).exists().unlink()
            product = env["product.product"].browse(getattr(cls, "product_id", None)).exists()
            product.product_tmpl_id.unlink()
            companies = env["res.company"].browse(getattr(cls, "company_ids", [])).exists()
            company_partners = companies.partner_id
            try:
                with cr.savepoint(), mute_logger("odoo.sql_db"):
                    companies.unlink()
                    company_partners.unlink()
            except errors.ForeignKeyViolation:
                # Other installed addons (stock, payment, ...) attach records
                # to every company that Odoo cannot delete with it: archive
                # the tenants instead. Their codes are unique to this run.
                companies.write({"active": False})

    # Helpers

    def _commit(self, func):
        """Run ``func(env)`` as superuser in a committed transaction."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, dict(NO_MAIL))
            return func(env)

    def _new_orders(self, user_id, count, quantity=1, company_id=None):
        def create(env):
            partner = env["res.users"].browse(user_id).partner_id
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": partner.id,
                        "company_id": company_id or self.tenant_id,
                        "order_line": [
                            Command.create(
                                {"product_id": self.product_id, "product_uom_qty": quantity}
                            )
                        ],
                    }
                    for _i in range(count)
                ]
            )
            return orders.ids

        ids = self._commit(create)
        type(self).order_ids += ids
        return ids

    def _topup(self, wallet_id, amount):
        self._commit(
            lambda env: env["cim.wallet.transaction"].create(
                {"wallet_id": wallet_id, "type": "topup", "amount": amount, "reason": "Test"}
            )
        )

    def _balance(self, wallet_id):
        return self._commit(lambda env: env["cim.wallet"].browse(wallet_id).balance)

    def _call(self, env, func, barrier):
        """Call ``func(env)`` and commit, retrying on serialization failures
        as Odoo's RPC layer does (odoo.service.model.retrying: roll back,
        clear the caches, wait a random bit, call again). Returns
        ("ok", result), ("refused", message) or ("gave up", None)."""
        barrier.wait(timeout=60)
        for attempt in range(MAX_ATTEMPTS):
            try:
                result = func(env)
                env.cr.commit()
                return "ok", result
            except RETRYABLE:
                env.cr.rollback()
                env.transaction.clear()
            except UserError as error:
                env.cr.rollback()
                env.transaction.clear()
                return "refused", error.args[0]
            time.sleep(random.uniform(0, min(0.02 * (attempt + 1), 0.5)))
        return "gave up", None

    def _run_concurrently(self, calls):
        """Start every (uid, func) at the same moment, each in its own thread
        and its own database cursor.

        The environments are made here, in the main thread: making one looks
        the registry up under a lock the test runner holds while tests run.
        """
        cursors = [self.registry.cursor() for _call in calls]
        try:
            envs = [
                api.Environment(cr, uid, dict(NO_MAIL))
                for cr, (uid, _func) in zip(cursors, calls, strict=True)
            ]
            barrier = threading.Barrier(len(calls))
            with ThreadPoolExecutor(max_workers=len(calls)) as executor:
                futures = [
                    executor.submit(self._call, env, func, barrier)
                    for env, (_uid, func) in zip(envs, calls, strict=True)
                ]
                return [future.result(timeout=300) for future in futures]
        finally:
            for cr in cursors:
                cr.close()

    def _ledger(self, wallet_id):
        def read(env):
            wallet = env["cim.wallet"].browse(wallet_id)
            txns = env["cim.wallet.transaction"].search([("wallet_id", "=", wallet_id)])
            return {
                "balance": wallet.balance,
                "sum": sum(txns.mapped("amount")),
                "errors": wallet._cim_check_ledger(),
                "debits": txns.filtered(lambda t: t.type == "debit").sale_order_id.ids,
                "refunds": txns.filtered(lambda t: t.type == "refund").sale_order_id.ids,
            }

        return self._commit(read)

    def _states(self, order_ids):
        return self._commit(lambda env: env["sale.order"].browse(order_ids).mapped("state"))

    def assertLedgerConsistent(self, ledger):
        self.assertEqual(ledger["errors"], [])
        self.assertAlmostEqual(ledger["balance"], ledger["sum"], places=2)
        self.assertGreaterEqual(ledger["balance"], 0.0)

    # Tests

    @mute_logger("odoo.sql_db")
    def test_concurrent_submits_of_different_orders_never_overdraw(self):
        self._topup(self.wallet_ann_id, 1050.0)
        start = self._balance(self.wallet_ann_id)
        affordable = int(start // 100)
        order_ids = self._new_orders(self.ann_id, affordable + 15)
        results = self._run_concurrently(
            [
                (
                    self.ann_id,
                    lambda env, oid=oid: env["sale.order"].browse(oid).action_cim_submit(),
                )
                for oid in order_ids
            ]
        )
        outcomes = [outcome for outcome, _result in results]
        self.assertNotIn("gave up", outcomes)
        paid = [result[0] for outcome, result in results if outcome == "ok"]
        self.assertEqual(len(paid), affordable, results)
        self.assertEqual(outcomes.count("refused"), 15)
        ledger = self._ledger(self.wallet_ann_id)
        self.assertLedgerConsistent(ledger)
        self.assertAlmostEqual(ledger["balance"], start - 100 * affordable, places=2)
        self.assertEqual(sorted(ledger["debits"]), sorted(paid))
        states = dict(zip(order_ids, self._states(order_ids), strict=True))
        self.assertEqual(
            sorted(oid for oid, state in states.items() if state == "sale"), sorted(paid)
        )

    @mute_logger("odoo.sql_db")
    def test_concurrent_submits_of_the_same_order_debit_once(self):
        self._topup(self.wallet_ben_id, 1000.0)
        start = self._balance(self.wallet_ben_id)
        (order_id,) = self._new_orders(self.ben_id, 1, quantity=3)
        uids = [self.ben_id] * 10 + [self.clerk_id] * 10
        results = self._run_concurrently(
            [
                (uid, lambda env: env["sale.order"].browse(order_id).action_cim_submit())
                for uid in uids
            ]
        )
        self.assertEqual({outcome for outcome, _result in results}, {"ok"}, results)
        self.assertEqual(sorted(result for _outcome, result in results), [[]] * 19 + [[order_id]])
        ledger = self._ledger(self.wallet_ben_id)
        self.assertLedgerConsistent(ledger)
        self.assertEqual(ledger["debits"].count(order_id), 1)
        self.assertAlmostEqual(ledger["balance"], start - 300.0, places=2)
        self.assertEqual(self._states([order_id]), ["sale"])

    @mute_logger("odoo.sql_db")
    def test_concurrent_cancels_refund_once(self):
        self._topup(self.wallet_ben_id, 500.0)
        (order_id,) = self._new_orders(self.ben_id, 1, quantity=2)
        self._commit(lambda env: env["sale.order"].browse(order_id).action_cim_submit())
        start = self._balance(self.wallet_ben_id)
        uids = [self.ben_id] * 10 + [self.clerk_id] * 10
        results = self._run_concurrently(
            [
                (uid, lambda env: env["sale.order"].browse(order_id).action_cim_cancel())
                for uid in uids
            ]
        )
        self.assertEqual({outcome for outcome, _result in results}, {"ok"}, results)
        ledger = self._ledger(self.wallet_ben_id)
        self.assertLedgerConsistent(ledger)
        self.assertEqual(ledger["refunds"].count(order_id), 1)
        self.assertAlmostEqual(ledger["balance"], start + 200.0, places=2)
        self.assertEqual(self._states([order_id]), ["cancel"])

    @mute_logger("odoo.sql_db")
    def test_concurrent_topups_and_debits_lose_no_update(self):
        self._topup(self.wallet_cat_id, 500.0)
        start = self._balance(self.wallet_cat_id)
        order_ids = self._new_orders(self.cat_id, 10, company_id=self.tenant_b_id)

        def topup(env):
            return (
                env["cim.wallet.transaction"]
                .create({"wallet_id": self.wallet_cat_id, "type": "topup", "amount": 10.0})
                .id
            )

        calls = [(self.manager_b_id, topup)] * 10 + [
            (self.cat_id, lambda env, oid=oid: env["sale.order"].browse(oid).action_cim_submit())
            for oid in order_ids
        ]
        results = self._run_concurrently(calls)
        self.assertTrue(all(outcome == "ok" for outcome, _result in results[:10]), results)
        self.assertNotIn("gave up", [outcome for outcome, _result in results[10:]])
        paid = [result[0] for outcome, result in results[10:] if outcome == "ok"]
        # Whatever the order the bookings ran in, every top-up and every paid
        # order is in the balance: none overwrote another.
        self.assertIn(len(paid), (5, 6))
        ledger = self._ledger(self.wallet_cat_id)
        self.assertLedgerConsistent(ledger)
        self.assertAlmostEqual(ledger["balance"], start + 100.0 - 100 * len(paid), places=2)
        self.assertEqual(sorted(ledger["debits"]), sorted(paid))
