"""The reseller's two ways to order, over plain HTTP as a browser sends
them: a session cookie from the login form, the CSRF token read from each
page, form posts and redirects. The wallet balance tells the result."""

import re

import pytest

PRICE = 50.0
TOP_UP = 300.0


def csrf_from(page):
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match, page.text[:300]
    return match.group(1)


@pytest.fixture(scope="module")
def portal(odoo_server, tenants, alice_wallet):
    admin = odoo_server.admin
    ctx = {"context": {"allowed_company_ids": [tenants["acme"]]}}
    template = admin(
        "product.template",
        "create",
        {
            "name": "Black-box printed bag",
            "list_price": PRICE,
            "cim_is_published": True,
            "taxes_id": [(5,)],
        },
    )
    browser = odoo_server.browser()
    reply = browser.login_form("alice@acme", "alice-secret-pw")
    assert reply.status_code in (302, 303)
    customer = browser.call_kw(
        "res.partner", "cim_create_end_customer", {"name": "Flow Customer", "city": "Suzhou"}
    )
    customer_id = customer[0] if isinstance(customer, list) else customer
    admin(
        "cim.wallet.transaction",
        "create",
        {"wallet_id": alice_wallet, "type": "topup", "amount": TOP_UP},
        **ctx,
    )
    return {"browser": browser, "template": template, "customer": customer_id}


def balance(browser):
    [wallet] = browser.call_kw("cim.wallet", "search_read", [], fields=["balance"])
    return wallet["balance"]


def order_form(browser, template, customer, action, quantity):
    page = browser.get(f"/cim/product/{template}")
    assert page.status_code == 200
    variant = re.search(r'name="product_id"[^>]*value="(\d+)"', page.text) or re.search(
        r'<option[^>]*value="(\d+)"', page.text
    )
    return browser.post(
        f"/cim/product/{template}",
        data={
            "csrf_token": csrf_from(page),
            "product_id": variant.group(1),
            "quantity": str(quantity),
            "recipient_id": str(customer),
            "customisation_note": "",
            "action": action,
        },
        allow_redirects=False,
    )


def test_buy_now_pays_from_the_wallet(portal):
    browser = portal["browser"]
    before = balance(browser)
    reply = order_form(browser, portal["template"], portal["customer"], "buy", 2)
    assert reply.status_code == 303, reply.text[:500]
    location = reply.headers["Location"]
    order_id = int(re.search(r"/my/orders/(\d+)", location).group(1))
    page = browser.get(location)
    assert page.status_code == 200
    assert balance(browser) == pytest.approx(before - 2 * PRICE)
    [order] = browser.call_kw("sale.order", "read", [order_id], fields=["state", "amount_total"])
    assert order["state"] == "sale" and order["amount_total"] == pytest.approx(2 * PRICE)


def test_cart_collects_drafts_then_submits_them(portal):
    browser = portal["browser"]
    before = balance(browser)
    for _ in range(2):
        reply = order_form(browser, portal["template"], portal["customer"], "cart", 1)
        assert reply.status_code == 303 and "/my/cart" in reply.headers["Location"]
    assert balance(browser) == pytest.approx(before), "nothing is charged for a cart entry"
    cart = browser.get("/my/cart")
    assert cart.status_code == 200
    drafts = sorted(set(re.findall(r'name="order_ids"[^>]*value="(\d+)"', cart.text)))
    assert len(drafts) == 2, drafts
    reply = browser.post(
        "/my/cart/submit",
        data=[("csrf_token", csrf_from(cart))] + [("order_ids", d) for d in drafts],
        allow_redirects=False,
    )
    assert reply.status_code == 303, reply.text[:500]
    assert balance(browser) == pytest.approx(before - 2 * PRICE)
    states = browser.call_kw("sale.order", "read", [int(d) for d in drafts], fields=["state"])
    assert {row["state"] for row in states} == {"sale"}


def test_short_balance_is_explained_and_charges_nothing(portal):
    browser = portal["browser"]
    before = balance(browser)
    quantity = int(before // PRICE) + 1
    reply = order_form(browser, portal["template"], portal["customer"], "buy", quantity)
    assert reply.status_code == 400
    assert "missing" in reply.text.lower() or "缺少" in reply.text
    assert balance(browser) == pytest.approx(before)


def test_posting_without_the_csrf_token_is_refused(portal):
    browser = portal["browser"]
    before = balance(browser)
    reply = browser.post(
        f"/cim/product/{portal['template']}",
        data={"quantity": "1", "recipient_id": str(portal["customer"]), "action": "buy"},
        allow_redirects=False,
    )
    assert reply.status_code == 400
    assert balance(browser) == pytest.approx(before)
