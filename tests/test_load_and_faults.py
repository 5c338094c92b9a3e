"""Load and faults against a real --workers=4 server, bounded in time.

Eight resellers, each with its own session, submit and cancel orders in a
loop over JSON-RPC. Meanwhile a worker is SIGKILLed, or every database
connection of the server is dropped. Whatever a request answered, the money
invariants hold afterwards: every wallet's ledger sums to its balance, no
balance is negative, every paid order has exactly one debit, every cancelled
one exactly one refund, and nothing is half-written. Last, upgrading every
addon keeps all of it."""

import os
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import psutil
import pytest
import requests
from conftest import (
    ADDONS,
    REPO,
    RpcError,
    free_port,
    odoo_command,
    start_server,
    stop_server,
)

RESELLERS = 8
ORDERS_EACH = 40
PRICE = 10.0
LOAD_SECONDS = 20
# What a request may answer while the server is being hurt: a refused or
# broken connection, or a clean error from the server. Never a half-write.
ACCEPTED_FAULTS = ("ConnectionError", "odoo.exceptions.UserError")


@pytest.fixture(scope="module")
def busy_server(odoo_server):
    """A second server with four workers on the same database: two servers
    on one PostgreSQL is also how CIM scales out."""
    server = start_server(odoo_server.db, 4, odoo_server.log_path)
    yield server
    stop_server(server)


def retrying(call, attempts=5):
    """An integrator's call that survives the database connections it used
    being cut: each dead pooled connection answers one error, then the server
    opens a new one."""

    def wrapped(*args, **kwargs):
        for attempt in range(attempts):
            try:
                return call(*args, **kwargs)
            except RpcError as error:
                if not error.name.startswith("psycopg2.") or attempt == attempts - 1:
                    raise
                time.sleep(0.2)
        raise AssertionError("unreachable")

    return wrapped


@pytest.fixture(scope="module")
def load_world(odoo_server, tenants):
    admin = retrying(odoo_server.admin)
    ctx = {"context": {"allowed_company_ids": [tenants["acme"]], "no_reset_password": True}}
    product = admin(
        "product.product",
        "create",
        {"name": "Load mug", "list_price": PRICE, "cim_is_published": True, "taxes_id": [(5,)]},
    )
    [company] = admin("res.company", "read", [tenants["acme"]], ["currency_id"])
    resellers = []
    for index in range(RESELLERS):
        name = f"load{index}"
        user = admin(
            "res.users",
            "create",
            {
                "name": f"Load {index}",
                "cim_login_name": name,
                "company_id": tenants["acme"],
                "password": f"{name}-secret-pw",
            },
            **ctx,
        )
        [row] = admin("res.users", "read", [user], ["partner_id"])
        partner = row["partner_id"][0]
        wallet = admin(
            "cim.wallet",
            "create",
            {
                "partner_id": partner,
                "company_id": tenants["acme"],
                "currency_id": company["currency_id"][0],
            },
            **ctx,
        )
        admin(
            "cim.wallet.transaction",
            "create",
            {"wallet_id": wallet, "type": "topup", "amount": PRICE * ORDERS_EACH * 3},
            **ctx,
        )
        resellers.append({"login": f"{name}@acme", "password": f"{name}-secret-pw",
                          "partner": partner, "wallet": wallet})  # fmt: skip
    return {
        "admin": admin,
        "ctx": ctx,
        "tenant": tenants["acme"],
        "product": product,
        "resellers": resellers,
    }


def new_drafts(world, reseller, count):
    vals = {
        "partner_id": reseller["partner"],
        "company_id": world["tenant"],
        "order_line": [(0, 0, {"product_id": world["product"], "product_uom_qty": 1})],
    }
    return world["admin"]("sale.order", "create", [vals] * count, **world["ctx"])


def log_in(server, reseller, outcomes, attempts=10):
    """A session for the reseller; a login the server could not serve while
    it was hurt is an outcome like any other, and the reseller tries again."""
    for _ in range(attempts):
        browser = server.browser()
        try:
            browser.authenticate(reseller["login"], reseller["password"])
            return browser
        except requests.ConnectionError:
            outcomes.append(("ConnectionError", "authenticate"))
        except RpcError as error:
            outcomes.append((error.name, str(error)))
        time.sleep(0.5)
    raise AssertionError(f"{reseller['login']} could not log in again")


def reseller_loop(server, world, reseller, orders, deadline):
    """Submit each draft, cancel every other paid one; returns the outcomes."""
    outcomes = []
    browser = log_in(server, reseller, outcomes)
    for index, order in enumerate(orders):
        if time.monotonic() > deadline:
            break
        methods = ["action_cim_submit"] + (["action_cim_cancel"] if index % 2 else [])
        for method in methods:
            try:
                outcomes.append(browser.call_kw_outcome("sale.order", method, [order]))
            except requests.ConnectionError:
                outcomes.append(("ConnectionError", method))
                time.sleep(0.5)
                browser = log_in(server, reseller, outcomes)
    return outcomes


def run_load(server, world, seconds, fault=None):
    drafts = [new_drafts(world, reseller, ORDERS_EACH) for reseller in world["resellers"]]
    deadline = time.monotonic() + seconds
    with ThreadPoolExecutor(RESELLERS) as pool:
        futures = [
            pool.submit(reseller_loop, server, world, reseller, orders, deadline)
            for reseller, orders in zip(world["resellers"], drafts, strict=True)
        ]
        if fault:
            time.sleep(seconds / 4)
            fault()
        outcomes = [outcome for future in futures for outcome in future.result()]
    return outcomes


def assert_invariants(world):
    admin, ctx = world["admin"], world["ctx"]
    wallets = [r["wallet"] for r in world["resellers"]]
    partners = [r["partner"] for r in world["resellers"]]
    balances = {
        w["id"]: w["balance"] for w in admin("cim.wallet", "read", wallets, ["balance"], **ctx)
    }
    lines = admin(
        "cim.wallet.transaction",
        "search_read",
        [("wallet_id", "in", wallets)],
        ["wallet_id", "type", "amount", "sale_order_id"],
        **ctx,
    )
    for wallet, balance in balances.items():
        assert balance >= 0
        ledger = sum(line["amount"] for line in lines if line["wallet_id"][0] == wallet)
        assert round(ledger, 2) == round(balance, 2), (
            f"wallet {wallet}: ledger {ledger} != {balance}"
        )
    orders = admin("sale.order", "search_read", [("partner_id", "in", partners)], ["state"], **ctx)
    by_order = {}
    for line in lines:
        if line["sale_order_id"]:
            by_order.setdefault(line["sale_order_id"][0], []).append(line["type"])
    for order in orders:
        kinds = sorted(by_order.get(order["id"], []))
        expected = {"draft": [], "sale": ["debit"], "cancel": ["debit", "refund"]}[order["state"]]
        assert kinds == expected, f"order {order['id']} ({order['state']}) has {kinds}"
    return orders


def assert_clean(outcomes):
    unexpected = [o for o in outcomes if o[0] not in ("ok", *ACCEPTED_FAULTS)]
    assert not unexpected, unexpected[:5]


def wait_for_health(server, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{server.url}/web/health", timeout=5).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    raise AssertionError("the server did not recover")


def test_concurrent_resellers_keep_every_invariant(busy_server, load_world):
    outcomes = run_load(busy_server, load_world, LOAD_SECONDS)
    assert_clean([o for o in outcomes if o[0] != "ConnectionError"])
    assert not [o for o in outcomes if o[0] == "ConnectionError"], "no fault was injected"
    orders = assert_invariants(load_world)
    assert {"sale", "cancel"} <= {o["state"] for o in orders}, "the load paid and cancelled"
    paid = [o for o in outcomes if o[0] == "ok" and o[1] not in ([], True)]
    assert len(paid) >= RESELLERS, "each reseller paid at least one order"


def http_workers(server):
    return [
        child
        for child in psutil.Process(server.process.pid).children()
        if child.is_running() and child.status() != psutil.STATUS_ZOMBIE
    ]


def test_worker_killed_mid_load_recovers(busy_server, load_world):
    killed = []

    def kill_a_worker():
        victim = http_workers(busy_server)[0]
        os.kill(victim.pid, signal.SIGKILL)
        killed.append(victim.pid)

    outcomes = run_load(busy_server, load_world, LOAD_SECONDS, fault=kill_a_worker)
    assert killed
    assert_clean(outcomes)
    wait_for_health(busy_server)
    assert killed[0] not in [w.pid for w in http_workers(busy_server)]
    assert_invariants(load_world)


def test_database_connections_dropped_mid_load(busy_server, load_world):
    def drop_connections():
        for _ in range(3):
            subprocess.run(
                ["psql", "-d", "postgres", "-Atc",
                 "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                 f"WHERE datname = '{busy_server.db}' AND pid <> pg_backend_pid()"],
                check=True, capture_output=True,
            )  # fmt: skip
            time.sleep(1)

    outcomes = run_load(busy_server, load_world, LOAD_SECONDS, fault=drop_connections)
    # A request whose connection was cut answers with the driver's error, or
    # with an error page when the cut hit the database lookup itself.
    cut = [o for o in outcomes if o[0].startswith(("psycopg2.", "HTTP "))]
    assert_clean([o for o in outcomes if o not in cut])
    wait_for_health(busy_server)
    assert_invariants(load_world)
    browser = busy_server.browser()
    reseller = load_world["resellers"][0]
    browser.authenticate(reseller["login"], reseller["password"])
    [order] = new_drafts(load_world, reseller, 1)
    assert browser.call_kw_outcome("sale.order", "action_cim_submit", [order]) == ("ok", [order])


# What an upgrade must neither lose nor duplicate, counted over every
# company and archived records included.
COUNTED_MODELS = (
    "res.company",
    "res.users",
    "res.partner",
    "product.template",
    "product.product",
    "product.pricelist.item",
    "sale.order",
    "sale.order.line",
    "stock.picking",
    "cim.wallet",
    "cim.wallet.transaction",
    "ir.ui.menu",
    "ir.ui.view",
    "ir.actions.act_window",
    "res.groups",
)


PERMS = ("perm_read", "perm_write", "perm_create", "perm_unlink")


def cim_records(admin, model):
    """Ids of the records of ``model`` that the CIM addons define."""
    rows = admin(
        "ir.model.data",
        "search_read",
        [("model", "=", model), ("module", "=like", "cim\\_%")],
        ["res_id"],
    )
    return sorted(row["res_id"] for row in rows)


def test_upgrade_keeps_all_data(odoo_server, load_world):
    admin = load_world["admin"]
    companies = admin("res.company", "search", [])
    every = {"allowed_company_ids": companies, "active_test": False}
    chinese = {"allowed_company_ids": companies, "lang": "zh_CN"}
    # A translation a user made, which no .po file holds.
    admin(
        "product.product",
        "write",
        [load_world["product"]],
        {"name": "负载测试杯"},
        context=chinese,
    )
    menus = cim_records(admin, "ir.ui.menu")
    fields = cim_records(admin, "ir.model.fields")

    def snapshot():
        wallets = [r["wallet"] for r in load_world["resellers"]]
        return {
            "counts": {
                model: admin(model, "search_count", [], context=every) for model in COUNTED_MODELS
            },
            "balances": admin("cim.wallet", "read", wallets, ["balance"], context=every),
            "ledger": admin(
                "cim.wallet.transaction",
                "search_read",
                [],
                ["wallet_id", "type", "amount", "balance_after", "sale_order_id"],
                context=every,
            ),
            "resellers": admin(
                "res.users",
                "search_read",
                [("cim_login_name", "!=", False)],
                ["login", "active", "company_id", "group_ids"],
                context=every,
            ),
            "rules": admin(
                "ir.rule",
                "search_read",
                [],
                ["name", "model_id", "domain_force", "groups", "global", "active", *PERMS],
                context=every,
            ),
            "access": admin(
                "ir.model.access",
                "search_read",
                [],
                ["model_id", "group_id", *PERMS],
                context=every,
            ),
            "menus_zh": admin("ir.ui.menu", "read", menus, ["name"], context=chinese),
            "fields_zh": admin(
                "ir.model.fields", "read", fields, ["field_description"], context=chinese
            ),
            "product_zh": admin(
                "product.product", "read", [load_world["product"]], ["name"], context=chinese
            ),
        }

    before = snapshot()
    # The snapshot holds real Chinese, not English read under another name.
    assert before["product_zh"][0]["name"] == "负载测试杯"
    english = admin("ir.ui.menu", "read", menus, ["name"], context={"lang": "en_US"})
    assert menus and before["menus_zh"] != english, "CIM menus have Chinese names"
    upgrade = subprocess.run(
        odoo_command(
            "-d", odoo_server.db, "-u", ADDONS, "--stop-after-init", "--http-port", str(free_port())
        ),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert upgrade.returncode == 0, upgrade.stdout[-3000:] + upgrade.stderr[-3000:]
    assert " ERROR " not in upgrade.stdout + upgrade.stderr
    after = snapshot()
    for key in before:
        assert after[key] == before[key], key
    assert_invariants(load_world)


def test_load_ran_against_four_workers(busy_server):
    assert "--workers=4" in " ".join(busy_server.process.args)
    assert len(http_workers(busy_server)) >= 4
