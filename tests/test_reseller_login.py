"""Resellers log in as user@tenant over HTTP and JSON-RPC against a real
multi-worker server."""

import pytest
from conftest import RpcError


def test_server_runs_with_two_workers(odoo_server):
    assert odoo_server.process.poll() is None
    assert "--workers=2" in " ".join(odoo_server.process.args)
    log = odoo_server.log()
    assert "Worker WorkerHTTP" in log, "the server forked HTTP workers"
    assert "attempted relative import" not in log, "the websocket process starts once"


def test_login_page_logs_a_reseller_in(odoo_server, tenants):
    browser = odoo_server.browser()
    reply = browser.login_form("ALICE@ACME", "alice-secret-pw")
    assert reply.status_code in (302, 303), reply.text[:500]
    assert "/web/login" not in reply.headers["Location"]
    info = browser.call("/web/session/get_session_info", {})
    assert info["uid"] == tenants["alice"]
    [user] = browser.call_kw(
        "res.users", "read", [tenants["alice"]], fields=["login", "company_id"]
    )
    assert user["login"] == "alice@acme"
    assert user["company_id"][0] == tenants["acme"]


@pytest.mark.parametrize(
    "login, password",
    [
        ("alice@acme", "wrong-password"),
        ("nobody@acme", "alice-secret-pw"),
        ("alice@nowhere", "alice-secret-pw"),
        ("alice@globex", "alice-secret-pw"),
    ],
)
def test_login_page_gives_one_answer_to_every_failure(odoo_server, tenants, login, password):
    browser = odoo_server.browser()
    reply = browser.login_form(login, password)
    assert reply.status_code == 200
    assert "Wrong login/password" in reply.text
    with pytest.raises(RpcError) as caught:
        browser.call("/web/session/get_session_info", {})
    assert caught.value.name == "odoo.http.SessionExpiredException", "still anonymous"


def test_jsonrpc_authenticate_gives_the_tenant_company(odoo_server, tenants):
    browser = odoo_server.browser()
    result = browser.authenticate("carol@GLOBEX", "carol-secret-pw")
    assert result["uid"] == tenants["carol"]
    [user] = browser.call_kw(
        "res.users", "read", [result["uid"]], fields=["company_id", "company_ids"]
    )
    assert user["company_id"][0] == tenants["globex"]
    assert user["company_ids"] == [tenants["globex"]]


def test_jsonrpc_refuses_a_wrong_tenant(odoo_server, tenants):
    browser = odoo_server.browser()
    with pytest.raises(RpcError) as caught:
        browser.authenticate("carol@acme", "carol-secret-pw")
    assert caught.value.name == "odoo.exceptions.AccessDenied"


def test_external_api_login_is_case_insensitive_for_resellers(odoo_server, tenants):
    uid = odoo_server.jsonrpc("common", "login", odoo_server.db, "Bob@Acme", "bob-secret-pw")
    assert uid == tenants["bob"]
    assert not odoo_server.jsonrpc("common", "login", odoo_server.db, "bob@globex", "bob-secret-pw")
