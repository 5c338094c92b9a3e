"""Black-box fixtures: a real Odoo server in multi-worker mode on a fresh
database, and clients that talk to it over HTTP and JSON-RPC exactly as a
browser or an integration script would. Nothing here imports Odoo."""

import itertools
import os
import pathlib
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid

import pytest
import requests

REPO = pathlib.Path(__file__).resolve().parent.parent
LOGS = REPO / ".test-logs"
# The addons to install: scripts/lib.sh names them once for every tool.
ADDONS = os.environ.get("CIM_ADDONS") or re.search(
    r'^CIM_ADDONS="([^"]+)"', (REPO / "scripts" / "lib.sh").read_text(), re.M
).group(1)
ADMIN = ("admin", "admin")
STARTUP_TIMEOUT = 120


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _odoo_launcher():
    """The installed `odoo` Python script, else `python -m odoo`. The script
    matters: a multi-worker server starts its websocket (gevent) process by
    running its own argv[0] again, which fails for odoo/__main__.py and
    would respawn forever."""
    path = shutil.which("odoo")
    if path:
        with open(path, "rb") as script:
            if b"python" in script.readline():
                return [sys.executable, path]
    return [sys.executable, "-m", "odoo"]


def odoo_command(*args):
    return [*_odoo_launcher(), "-c", "odoo.conf", *args]


class RpcError(Exception):
    """An error answered by the server to a JSON-RPC call."""

    def __init__(self, error):
        self.error = error
        data = error.get("data") or {}
        self.name = data.get("name", "")
        super().__init__(data.get("message") or error.get("message"))


class OdooServer:
    def __init__(self, db, port, process, log_path):
        self.db = db
        self.url = f"http://127.0.0.1:{port}"
        self.process = process
        self.log_path = log_path
        self._ids = itertools.count(1)
        self._admin_uid = None

    def log(self):
        return self.log_path.read_text(errors="replace")

    def jsonrpc(self, service, method, *args):
        """The external API (/jsonrpc) an integration script uses."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": args},
            "id": next(self._ids),
        }
        reply = requests.post(f"{self.url}/jsonrpc", json=payload, timeout=60).json()
        if "error" in reply:
            raise RpcError(reply["error"])
        return reply["result"]

    def admin(self, model, method, *args, **kwargs):
        # Logging in hashes the password (most of a second): once is enough,
        # each call still sends the password, as the external API wants.
        if self._admin_uid is None:
            self._admin_uid = self.jsonrpc("common", "login", self.db, *ADMIN)
        return self.jsonrpc(
            "object", "execute_kw", self.db, self._admin_uid, ADMIN[1], model, method,
            list(args), kwargs,
        )  # fmt: skip

    def browser(self):
        return Browser(self)


class Browser:
    """A session the way the web client holds one: a cookie, CSRF tokens
    read from pages, JSON-RPC calls to /web/..."""

    def __init__(self, server):
        self.server = server
        self.session = requests.Session()
        self._ids = itertools.count(1)

    def get(self, path, **kwargs):
        return self.session.get(self.server.url + path, timeout=60, **kwargs)

    def post(self, path, **kwargs):
        return self.session.post(self.server.url + path, timeout=60, **kwargs)

    def csrf_token(self, path):
        page = self.get(path)
        match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert match, f"no CSRF token on {path} ({page.status_code})"
        return match.group(1)

    def login_form(self, login, password):
        """Log in through the login page, as a person would."""
        token = self.csrf_token("/web/login")
        return self.post(
            "/web/login",
            data={"login": login, "password": password, "csrf_token": token},
            allow_redirects=False,
        )

    def call(self, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "params": params, "id": next(self._ids)}
        response = self.post(path, json=payload)
        try:
            reply = response.json()
        except requests.JSONDecodeError:
            # Not a JSON-RPC answer at all (an error page): a failure of its own kind.
            raise RpcError(
                {"data": {"name": f"HTTP {response.status_code}", "message": response.text[:200]}}
            ) from None
        if "error" in reply:
            raise RpcError(reply["error"])
        return reply["result"]

    def authenticate(self, login, password):
        return self.call(
            "/web/session/authenticate",
            {"db": self.server.db, "login": login, "password": password},
        )

    def call_kw(self, model, method, *args, **kwargs):
        return self.call(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def call_kw_outcome(self, model, method, *args, retries=5):
        """("ok", result) or (error class name, message), retrying what a
        client retries: a worker that lost a race for a row answers with a
        serialization error once Odoo's own retries are spent."""
        for attempt in range(retries):
            try:
                return ("ok", self.call_kw(model, method, *args))
            except RpcError as error:
                if "serializ" in str(error).lower() and attempt < retries - 1:
                    continue
                return (error.name, str(error))
        raise AssertionError("unreachable")


def _wait_until_up(server):
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"Odoo exited at startup:\n{server.log()[-3000:]}")
        try:
            if requests.get(f"{server.url}/web/health", timeout=5).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"Odoo did not answer within {STARTUP_TIMEOUT}s:\n{server.log()[-3000:]}")


def start_server(db, workers, log_path):
    """Serve ``db`` with ``workers`` HTTP workers on a free loopback port."""
    port = free_port()
    with open(log_path, "a") as log:
        process = subprocess.Popen(
            odoo_command(
                "-d", db,
                f"--db-filter=^{db}$",
                f"--workers={workers}",
                "--max-cron-threads=0",
                "--http-interface=127.0.0.1",
                "--http-port", str(port),
                "--gevent-port", str(free_port()),
                # The access log then shows each request's cursor mode (ro/rw).
                "--dev=replica",
            ),
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    server = OdooServer(db, port, process, log_path)
    try:
        _wait_until_up(server)
    except Exception:
        stop_server(server)
        raise
    return server


def stop_server(server):
    server.process.terminate()
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="session")
def odoo_server():
    """A fresh database with the CIM addons, served by --workers=2."""
    LOGS.mkdir(exist_ok=True)
    db = f"cim_bb_{uuid.uuid4().hex[:10]}"
    log_path = LOGS / f"server-{db}.log"
    with open(log_path, "w") as log:
        subprocess.run(
            odoo_command(
                "-d", db, "-i", ADDONS, "--stop-after-init", "--http-port", str(free_port())
            ),
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
            timeout=1200,
        )
    server = start_server(db, 2, log_path)
    try:
        yield server
    finally:
        stop_server(server)
        subprocess.run(["dropdb", "--if-exists", db], check=False)


@pytest.fixture(scope="session")
def tenants(odoo_server):
    """Two tenants and three resellers, created over JSON-RPC by the admin,
    as an integrator would."""
    admin = odoo_server.admin
    acme = admin("res.company", "create", {"name": "ACME BB", "cim_tenant_code": "acme"})
    globex = admin("res.company", "create", {"name": "Globex BB", "cim_tenant_code": "globex"})
    ctx = {"context": {"no_reset_password": True}}
    users = {}
    for name, company in [("alice", acme), ("bob", acme), ("carol", globex)]:
        users[name] = admin(
            "res.users",
            "create",
            {
                "name": name.title(),
                "cim_login_name": name,
                "company_id": company,
                "password": f"{name}-secret-pw",
            },
            **ctx,
        )
    return {"acme": acme, "globex": globex, **users}


@pytest.fixture(scope="session")
def alice_wallet(odoo_server, tenants):
    """alice@acme's wallet in acme, created once by the admin as an
    integrator would: one wallet per reseller, tenant and currency."""
    admin = odoo_server.admin
    ctx = {"context": {"allowed_company_ids": [tenants["acme"]]}}
    [user] = admin("res.users", "read", [tenants["alice"]], ["partner_id"])
    [company] = admin("res.company", "read", [tenants["acme"]], ["currency_id"])
    return admin(
        "cim.wallet",
        "create",
        {
            "partner_id": user["partner_id"][0],
            "company_id": tenants["acme"],
            "currency_id": company["currency_id"][0],
        },
        **ctx,
    )
