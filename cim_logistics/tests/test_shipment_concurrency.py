"""Real concurrency: each thread works in its own database cursor on
committed data, as Odoo workers do, and retries on serialization failures
as Odoo's RPC layer does. The fixtures are committed in setUpClass and
removed in the class cleanup."""

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
from odoo.orm.environments import Transaction
from odoo.tests import tagged
from odoo.tests.common import BaseCase, get_db_name
from odoo.tools import mute_logger

from .common import NO_MAIL, create_carriers

RETRYABLE = (errors.SerializationFailure, errors.DeadlockDetected, errors.LockNotAvailable)
MAX_ATTEMPTS = 60


@tagged("post_install", "-at_install")
class TestShipmentConcurrency(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.suffix = uuid.uuid4().hex[:8]
        cls.ids = {}
        cls.addClassCleanup(cls._cleanup_committed_fixtures)
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, dict(NO_MAIL))
            # The main company serves as tenant: a company of its own would
            # bring a warehouse, routes and locations that cannot be removed
            # afterwards. Its tenant code is put back in the cleanup.
            company = env.ref("base.main_company")
            cls.ids["company"] = company.id
            cls.ids["tenant_code"] = company.cim_tenant_code
            if not company.cim_tenant_code:
                company.cim_tenant_code = f"lr{cls.suffix}"
            reseller = env["res.users"].create(
                {"name": f"Rita {cls.suffix}", "cim_login_name": "rita", "company_id": company.id}
            )
            cls.ids["reseller"] = reseller.id
            clerk = env["res.users"].create(
                {
                    "name": f"Clerk {cls.suffix}",
                    "login": f"clerk.{cls.suffix}",
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                    "group_ids": [Command.set(env.ref("cim_customer.group_cim_user").ids)],
                }
            )
            cls.ids["clerk"] = clerk.id
            customer = (
                env["res.partner"]
                .with_user(reseller)
                .cim_create_end_customer({"name": f"Race Customer {cls.suffix}"})
            )
            cls.ids["customer"] = customer.id
            cls.ids["carriers"] = create_carriers(env, cls.suffix).ids
            product = env["product.product"].create(
                {"name": f"Race Tee {cls.suffix}", "type": "consu", "list_price": 10.0}
            )
            cls.ids["product"] = product.id
            wallet = env["cim.wallet"].create(
                {
                    "partner_id": reseller.partner_id.id,
                    "company_id": company.id,
                    "currency_id": company.currency_id.id,
                }
            )
            cls.ids["wallet"] = wallet.id
            env["cim.wallet.transaction"].create(
                {"wallet_id": wallet.id, "type": "topup", "amount": 1000.0, "reason": "Test"}
            )
            order = env["sale.order"].create(
                {
                    "partner_id": reseller.partner_id.id,
                    "partner_shipping_id": customer.id,
                    "company_id": company.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": 2})
                    ],
                }
            )
            order.with_user(reseller).action_cim_submit()
            cls.ids["order"] = order.id

    @classmethod
    def _cleanup_committed_fixtures(cls):
        ids = cls.ids
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, dict(NO_MAIL))
            order = env["sale.order"].browse(ids.get("order")).exists()
            pickings = order.picking_ids
            # Done moves and the append-only ledger are removed with raw SQL:
            # the ORM refuses to delete them, rightly, in any real database.
            if pickings:
                cr.execute(
                    "DELETE FROM stock_move_line WHERE picking_id IN %s", [tuple(pickings.ids)]
                )
                cr.execute("DELETE FROM stock_move WHERE picking_id IN %s", [tuple(pickings.ids)])
                cr.execute("DELETE FROM stock_picking WHERE id IN %s", [tuple(pickings.ids)])
            if ids.get("wallet"):
                cr.execute(
                    "DELETE FROM cim_wallet_transaction WHERE wallet_id = %s", [ids["wallet"]]
                )
            env.invalidate_all()
            if order:
                cr.execute("DELETE FROM sale_order_line WHERE order_id = %s", [order.id])
                cr.execute("DELETE FROM sale_order WHERE id = %s", [order.id])
            env["cim.wallet"].browse(ids.get("wallet")).exists().unlink()
            customer = env["res.partner"].browse(ids.get("customer")).exists()
            customer.unlink()
            users = env["res.users"].browse([ids.get("reseller"), ids.get("clerk")]).exists()
            partners = users.partner_id
            users.unlink()
            partners.unlink()
            carriers = env["delivery.carrier"].browse(ids.get("carriers", [])).exists()
            carrier_products = carriers.product_id
            carriers.unlink()
            products = env["product.product"].browse(ids.get("product")).exists() | carrier_products
            products.product_tmpl_id.unlink()
            company = env["res.company"].browse(ids.get("company")).exists()
            if company and company.cim_tenant_code != ids.get("tenant_code"):
                company.cim_tenant_code = ids.get("tenant_code") or False

    def _thread_env(self, cr, uid):
        """An environment on ``cr`` for a worker thread. The test server holds
        the registry lock while tests run (``server.run``), and looking the
        registry up by name takes that lock: the thread is given it directly."""
        cr.transaction = Transaction(self.registry)
        return api.Environment(cr, uid, dict(NO_MAIL))

    def _call(self, uid, func, barrier):
        barrier.wait(timeout=60)
        for attempt in range(MAX_ATTEMPTS):
            with self.registry.cursor() as cr:
                env = self._thread_env(cr, uid)
                try:
                    result = func(env)
                    # Each thread plays an Odoo worker: its request ends with
                    # a commit, as the RPC layer does.
                    cr.commit()  # pylint: disable=invalid-commit
                    return "ok", result
                except RETRYABLE:
                    cr.rollback()
                except UserError as error:
                    cr.rollback()
                    return "refused", error.args[0]
            time.sleep(random.uniform(0, min(0.02 * (attempt + 1), 0.5)))
        return "gave up", None

    def _run_concurrently(self, calls):
        barrier = threading.Barrier(len(calls))
        with ThreadPoolExecutor(max_workers=len(calls)) as executor:
            futures = [executor.submit(self._call, uid, func, barrier) for uid, func in calls]
            return [future.result(timeout=300) for future in futures]

    @mute_logger("odoo.sql_db")
    def test_concurrent_requests_create_one_shipment(self):
        order_id = self.ids["order"]

        def request(env):
            return env["sale.order"].browse(order_id).action_cim_request_shipment()

        uids = [self.ids["reseller"]] * 4 + [self.ids["clerk"]] * 4
        results = self._run_concurrently([(uid, request) for uid in uids])
        self.assertEqual({outcome for outcome, _result in results}, {"ok"}, results)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            shipments = env["sale.order"].browse(order_id).picking_ids
            self.assertEqual(len(shipments), 1, "two workers asking at once create one shipment")
            self.assertEqual(shipments.cim_shipment_state, "requested")
            self.assertEqual(
                {tuple(result) for _outcome, result in results}, {tuple(shipments.ids)}
            )
