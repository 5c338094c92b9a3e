"""`make run`'s database: every addon installs with its demo data and
Chinese, and the demo shows what the README promises. Odoo only warns when
a demo file fails, so this test reads the log for it."""

import subprocess
import uuid

import pytest
from conftest import ADDONS, LOGS, REPO, free_port, odoo_command


@pytest.fixture(scope="module")
def demo_db():
    LOGS.mkdir(exist_ok=True)
    db = f"cim_demo_{uuid.uuid4().hex[:8]}"
    log = LOGS / f"demo-{db}.log"
    with open(log, "w") as out:
        install = subprocess.run(
            odoo_command(
                "-d", db, "-i", ADDONS, "--with-demo", "--load-language=zh_CN",
                "--stop-after-init", "--http-port", str(free_port()),
            ),
            cwd=REPO, stdout=out, stderr=subprocess.STDOUT, timeout=1800,
        )  # fmt: skip
    try:
        yield db, install.returncode, log.read_text(errors="replace")
    finally:
        subprocess.run(["dropdb", "--if-exists", db], check=False)


def sql(db, query):
    out = subprocess.run(
        ["psql", "-d", db, "-AtF", "|", "-c", query], check=True, capture_output=True, text=True
    )
    return [line.split("|") for line in out.stdout.splitlines()]


def test_demo_installs_cleanly(demo_db):
    _db, returncode, log = demo_db
    assert returncode == 0, log[-3000:]
    assert "demo data failed" not in log
    assert " ERROR " not in log and " CRITICAL " not in log


def test_demo_holds_what_the_readme_says(demo_db):
    db, _returncode, _log = demo_db
    logins = {
        row[0] for row in sql(db, "SELECT login FROM res_users WHERE cim_login_name IS NOT NULL")
    }
    assert logins == {"alice@acme", "bob@acme", "carol@globex"}
    assert int(sql(db, "SELECT count(*) FROM product_template WHERE cim_is_published")[0][0]) >= 30
    states = {
        row[0]
        for row in sql(
            db,
            "SELECT DISTINCT cim_shipment_state FROM stock_picking"
            " WHERE cim_shipment_state IS NOT NULL",
        )
    }
    assert states == {"requested", "preparing", "shipped", "delivered", "cancelled"}
    kinds = {row[0] for row in sql(db, "SELECT DISTINCT type FROM cim_wallet_transaction")}
    assert {"topup", "debit", "refund"} <= kinds
    [[ok]] = sql(
        db,
        "SELECT bool_and(w.balance = (SELECT coalesce(sum(t.amount), 0)"
        " FROM cim_wallet_transaction t WHERE t.wallet_id = w.id)) FROM cim_wallet w",
    )
    assert ok == "t", "every demo wallet's balance is the sum of its ledger"
    [[menu]] = sql(
        db,
        "SELECT name->>'zh_CN' FROM ir_ui_menu WHERE id = (SELECT res_id FROM ir_model_data"
        " WHERE module = 'cim_customer' AND name = 'cim_menu_root')",
    )
    assert menu == "客户交互后台管理"
