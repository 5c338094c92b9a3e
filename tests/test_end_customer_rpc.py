"""A reseller's RPC client sees and changes only its own end customers."""

import pytest
from conftest import RpcError


@pytest.fixture(scope="module")
def sessions(odoo_server, tenants):
    alice, bob = odoo_server.browser(), odoo_server.browser()
    alice.authenticate("alice@acme", "alice-secret-pw")
    bob.authenticate("bob@acme", "bob-secret-pw")
    return alice, bob


def test_reseller_manages_its_own_customers_over_rpc(sessions):
    alice, _bob = sessions
    customer = alice.call_kw(
        "res.partner", "cim_create_end_customer", {"name": "Zhang Wei", "city": "Shanghai"}
    )
    customer_id = customer[0] if isinstance(customer, list) else customer
    alice.call_kw("res.partner", "cim_write_end_customer", [customer_id], {"city": "Hangzhou"})
    [row] = alice.call_kw("res.partner", "read", [customer_id], fields=["name", "city"])
    assert row == {"id": customer_id, "name": "Zhang Wei", "city": "Hangzhou"}


def test_other_reseller_gets_nothing(sessions):
    alice, bob = sessions
    created = bob.call_kw("res.partner", "cim_create_end_customer", {"name": "Liu Yang"})
    liu = created[0] if isinstance(created, list) else created
    found = alice.call_kw(
        "res.partner", "search_read", [["cim_is_end_customer", "=", True]], fields=["name"]
    )
    assert liu not in [row["id"] for row in found]
    for method, args in [
        ("read", [[liu], ["name"]]),
        ("cim_write_end_customer", [[liu], {"name": "Hijacked"}]),
        ("cim_delete_end_customer", [[liu]]),
        ("write", [[liu], {"name": "Hijacked"}]),
    ]:
        with pytest.raises(RpcError) as caught:
            alice.call_kw("res.partner", method, *args)
        assert caught.value.name == "odoo.exceptions.AccessError", method
    [row] = bob.call_kw("res.partner", "read", [liu], fields=["name"])
    assert row["name"] == "Liu Yang"


def test_bad_input_gets_a_clear_message_and_changes_nothing(sessions):
    alice, _bob = sessions
    before = alice.call_kw("res.partner", "search_count", [["cim_is_end_customer", "=", True]])
    with pytest.raises(RpcError) as caught:
        alice.call_kw("res.partner", "cim_create_end_customer", {"name": "<b>bold</b>"})
    assert caught.value.name == "odoo.addons.cim_customer.exceptions.FieldValidationError"
    assert "cannot contain" in str(caught.value)
    after = alice.call_kw("res.partner", "search_count", [["cim_is_end_customer", "=", True]])
    assert after == before
