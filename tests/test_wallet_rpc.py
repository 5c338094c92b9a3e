"""Money over the wire: one reseller's parallel JSON-RPC submits and cancels
against a real multi-worker server never debit or refund twice and never
overdraw the wallet; the ledger always sums to the balance."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import RpcError

PRICE = 100.0
PARALLEL = 8


@pytest.fixture(scope="module")
def shop(odoo_server, tenants, alice_wallet):
    """A product, alice's wallet and a way to make her draft orders."""
    admin = odoo_server.admin
    ctx = {"context": {"allowed_company_ids": [tenants["acme"]]}}
    product = admin(
        "product.product",
        "create",
        {
            "name": "Black-box mug",
            "list_price": PRICE,
            "cim_is_published": True,
            "taxes_id": [(5, 0, 0)],
        },
    )
    [alice] = admin("res.users", "read", [tenants["alice"]], ["partner_id"])
    partner = alice["partner_id"][0]
    wallet = alice_wallet

    def new_orders(count):
        return [
            admin(
                "sale.order",
                "create",
                {
                    "partner_id": partner,
                    "company_id": tenants["acme"],
                    "order_line": [(0, 0, {"product_id": product, "product_uom_qty": 1})],
                },
                **ctx,
            )
            for _ in range(count)
        ]

    def top_up(amount):
        admin(
            "cim.wallet.transaction",
            "create",
            {"wallet_id": wallet, "type": "topup", "amount": amount, "reason": "black-box"},
            **ctx,
        )

    def ledger():
        [row] = admin("cim.wallet", "read", [wallet], ["balance"], **ctx)
        lines = admin(
            "cim.wallet.transaction",
            "search_read",
            [("wallet_id", "=", wallet)],
            ["type", "amount", "sale_order_id"],
            **ctx,
        )
        return row["balance"], lines

    return {"new_orders": new_orders, "top_up": top_up, "ledger": ledger, "wallet": wallet}


def alice_sessions(odoo_server, count):
    sessions = []
    for _ in range(count):
        browser = odoo_server.browser()
        browser.authenticate("alice@acme", "alice-secret-pw")
        sessions.append(browser)
    return sessions


def assert_ledger_consistent(balance, lines):
    assert balance >= 0
    assert round(sum(line["amount"] for line in lines), 2) == round(balance, 2)
    for kind in ("debit", "refund"):
        orders = [line["sale_order_id"][0] for line in lines if line["type"] == kind]
        assert len(orders) == len(set(orders)), f"one {kind} per order at most"


def test_parallel_submits_of_one_order_debit_once(odoo_server, shop):
    shop["top_up"](PRICE * 3)
    [order] = shop["new_orders"](1)
    sessions = alice_sessions(odoo_server, PARALLEL)
    with ThreadPoolExecutor(PARALLEL) as pool:
        results = list(
            pool.map(
                lambda s: s.call_kw_outcome("sale.order", "action_cim_submit", [order]), sessions
            )
        )
    assert [r for r in results if r == ("ok", [order])] == [("ok", [order])], results
    assert all(r == ("ok", []) for r in results if r != ("ok", [order])), results
    balance, lines = shop["ledger"]()
    assert len([x for x in lines if x["sale_order_id"] and x["sale_order_id"][0] == order]) == 1
    assert_ledger_consistent(balance, lines)


def test_parallel_submits_of_many_orders_never_overdraw(odoo_server, shop):
    balance, _lines = shop["ledger"]()
    affordable = 3
    shop["top_up"](round(PRICE * affordable - balance + PRICE / 2, 2))
    orders = shop["new_orders"](PARALLEL)
    sessions = alice_sessions(odoo_server, PARALLEL)
    with ThreadPoolExecutor(PARALLEL) as pool:
        results = list(
            pool.map(
                lambda pair: pair[0].call_kw_outcome("sale.order", "action_cim_submit", [pair[1]]),
                zip(sessions, orders, strict=True),
            )
        )
    paid = [r for r in results if r[0] == "ok" and r[1]]
    refused = [r for r in results if r[0] == "odoo.exceptions.UserError"]
    assert len(paid) == affordable, results
    assert len(refused) == PARALLEL - affordable, results
    assert all("missing" in message.lower() for _name, message in refused), refused
    balance, lines = shop["ledger"]()
    assert balance == pytest.approx(PRICE / 2)
    assert_ledger_consistent(balance, lines)


def test_parallel_cancels_refund_once(odoo_server, shop):
    shop["top_up"](PRICE)
    [order] = shop["new_orders"](1)
    [browser] = alice_sessions(odoo_server, 1)
    assert browser.call_kw("sale.order", "action_cim_submit", [order]) == [order]
    sessions = alice_sessions(odoo_server, PARALLEL)
    with ThreadPoolExecutor(PARALLEL) as pool:
        results = list(
            pool.map(
                lambda s: s.call_kw_outcome("sale.order", "action_cim_cancel", [order]), sessions
            )
        )
    assert all(r == ("ok", True) for r in results), results
    balance, lines = shop["ledger"]()
    refunds = [x for x in lines if x["type"] == "refund" and x["sale_order_id"][0] == order]
    assert len(refunds) == 1 and refunds[0]["amount"] == pytest.approx(PRICE)
    assert_ledger_consistent(balance, lines)


def test_other_resellers_cannot_pay_or_touch_the_wallet(odoo_server, tenants, shop):
    [order] = shop["new_orders"](1)
    for login in ("bob@acme", "carol@globex"):
        browser = odoo_server.browser()
        browser.authenticate(login, f"{login.split('@')[0]}-secret-pw")
        with pytest.raises(RpcError) as caught:
            browser.call_kw("sale.order", "action_cim_submit", [order])
        assert caught.value.name == "odoo.exceptions.AccessError"
        with pytest.raises(RpcError):
            browser.call_kw(
                "cim.wallet.transaction",
                "create",
                {"wallet_id": shop["wallet"], "type": "topup", "amount": 1000},
            )
    [alice] = alice_sessions(odoo_server, 1)
    with pytest.raises(RpcError):
        alice.call_kw(
            "cim.wallet.transaction",
            "create",
            {"wallet_id": shop["wallet"], "type": "topup", "amount": 1000},
        )
    wallets = alice.call_kw("cim.wallet", "search_read", [], fields=["balance"])
    assert [w["id"] for w in wallets] == [shop["wallet"]]
