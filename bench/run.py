"""Measure CIM's portal pages and money actions against stock Odoo.

    python3 bench/run.py --db bench_small

Starts a real Odoo server in multi-worker mode on the benchmark database
(loopback, free ports, no cron), logs in like a browser (login form, CSRF
token, session cookie), then for each page runs ``wrk`` — a load generator
in a separate process — for a fixed time after a warm-up, and records the
median and 95th percentile latency and the requests per second. The money
actions are timed over JSON-RPC (``/web/dataset/call_kw``) on fresh orders
created for the run. Results go to ``.bench/<db>-run.json``.

Nothing here imports Odoo: the server is driven over HTTP only.
"""

import argparse
import itertools
import json
import math
import pathlib
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from datetime import datetime

import requests

REPO = pathlib.Path(__file__).resolve().parent.parent
RESULTS = REPO / ".bench"
LUA = REPO / "bench" / "report.lua"
PASSWORD = "bench-pw"
ADMIN = ("admin", "admin")
SEARCH = "mug"
RPC_ORDERS = 20
PER_PAGE = 20


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def odoo_command():
    """The installed `odoo` Python script, else `python -m odoo` (the same
    choice as tests/conftest.py). The script matters: under ``python -m odoo``
    the prefork server's gevent process is started as ``python .../__main__.py``,
    which fails and is retried every second, eating the CPU being measured."""
    path = shutil.which("odoo")
    if path:
        with open(path, "rb") as script:
            if b"python" in script.readline():
                return [sys.executable, path]
    return [sys.executable, "-m", "odoo"]


class Server:
    def __init__(self, db, workers):
        self.db = db
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = RESULTS / f"{db}-server.log"
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [*odoo_command(), "-c", "odoo.conf", "-d", db,
             f"--db-filter=^{db}$", f"--workers={workers}", "--max-cron-threads=0",
             "--http-interface=127.0.0.1", "--http-port", str(self.port),
             "--gevent-port", str(free_port()), "--log-level=warn"],
            cwd=REPO, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Odoo exited at startup, see {self.log_path}")
            try:
                if requests.get(f"{self.url}/web/health", timeout=5).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"Odoo did not start, see {self.log_path}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


class Browser:
    """A logged-in session, as a browser holds one."""

    def __init__(self, server, login, password):
        self.server = server
        self.session = requests.Session()
        self._ids = itertools.count(1)
        page = self.get("/web/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        reply = self.session.post(
            f"{server.url}/web/login",
            data={"login": login, "password": password, "csrf_token": token},
            allow_redirects=False,
            timeout=60,
        )
        if reply.status_code != 303 or "/web/login" in reply.headers.get("Location", ""):
            raise RuntimeError(f"login of {login} failed ({reply.status_code})")
        self.cookie = f"session_id={self.session.cookies['session_id']}"

    def get(self, path, **kwargs):
        return self.session.get(self.server.url + path, timeout=120, **kwargs)

    def call_kw(self, model, method, *args, **kwargs):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            "id": next(self._ids),
        }
        reply = self.session.post(
            f"{self.server.url}/web/dataset/call_kw/{model}/{method}", json=payload, timeout=120
        ).json()
        if "error" in reply:
            raise RuntimeError(f"{model}.{method}: {reply['error']['data']['message']}")
        return reply["result"]


def wrk(url, cookie, seconds, connections):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "60s",
               "-s", str(LUA), url]  # fmt: skip
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("{"))
    figures = json.loads(line)
    return {
        "p50_ms": round(figures["p50_us"] / 1000, 1),
        "p95_ms": round(figures["p95_us"] / 1000, 1),
        "rps": round(figures["requests"] / (figures["duration_us"] / 1e6), 1),
        "requests": figures["requests"],
        "errors": figures["errors_status"] + figures["errors_timeout"],
    }


def timed_calls(calls):
    """Median and p95 (ms) of the wall time of each call."""
    times = []
    for call in calls:
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(p95, 1),
        "rps": round(1000 / statistics.mean(times), 1),
        "requests": len(times),
        "errors": 0,
    }


def find(admin, model, domain, fields=("id",), **kwargs):
    return admin.call_kw(model, "search_read", domain, list(fields), **kwargs)


def plan(server, admin):
    """The pages to measure: (key, label, path, who, counterpart)."""
    bench0 = find(admin, "res.users", [("login", "=", "bench0@tenant0")], ["partner_id"])[0]
    stock0 = find(admin, "res.users", [("login", "=", "stock0")], ["partner_id"])[0]
    product = find(
        admin,
        "product.template",
        [("cim_is_published", "=", True), ("is_published", "=", True)],
        ["website_url"],
        limit=1,
        order="id",
    )[0]
    cim_order = find(
        admin,
        "sale.order",
        [("partner_id", "=", bench0["partner_id"][0]), ("state", "=", "sale")],
        limit=1,
        order="id desc",
    )[0]
    stock_order = find(
        admin,
        "sale.order",
        [("partner_id", "=", stock0["partner_id"][0]), ("state", "=", "sale")],
        limit=1,
        order="id desc",
    )[0]
    transactions = admin.call_kw(
        "cim.wallet.transaction", "search_count", [("partner_id", "=", bench0["partner_id"][0])]
    )
    last = max(1, math.ceil(transactions / PER_PAGE))

    def page_200(partner):
        count = admin.call_kw(
            "sale.order", "search_count", [("partner_id", "=", partner), ("state", "=", "sale")]
        )
        pages = max(1, math.ceil(count / PER_PAGE))
        # The pager shows the last page for a page number past the end.
        return "page 200" if pages >= 200 else f"page 200 (= last page, {pages})"

    cim_200 = page_200(bench0["partner_id"][0])
    stock_200 = page_200(stock0["partner_id"][0])
    stock_list = "stock_orders_p1"
    return [
        ("home", "Portal home", "/", "bench0", "stock_shop"),
        ("search", f"Search ({SEARCH})", f"/cim/search?q={SEARCH}", "bench0", "stock_search"),
        ("product", "Product page", f"/cim/product/{product['id']}", "bench0", "stock_product"),
        ("cart", "/my/cart (20 drafts)", "/my/cart", "bench0", "stock_quotes"),
        ("orders_p1", "/my/orders page 1", "/my/orders", "bench0", "stock_orders_p1"),
        ("orders_p200", f"/my/orders {cim_200}", "/my/orders/page/200", "bench0",
         "stock_orders_p200"),
        ("order", "Order page", f"/my/orders/{cim_order['id']}", "bench0", "stock_order"),
        ("customers", "/my/customers", "/my/customers", "bench0", stock_list),
        ("shipments", "/my/shipments", "/my/shipments", "bench0", stock_list),
        ("wallet_p1", "/my/wallet page 1", "/my/wallet", "bench0", stock_list),
        ("wallet_last", f"/my/wallet last page ({last})", f"/my/wallet/page/{last}", "bench0",
         "stock_orders_p200"),
        ("stock_shop", "/shop", "/shop", "stock0", None),
        ("stock_search", f"/shop?search={SEARCH}", f"/shop?search={SEARCH}", "stock0", None),
        ("stock_product", "/shop product page", product["website_url"], "stock0", None),
        ("stock_quotes", "/my/quotes (20 quotations)", "/my/quotes", "stock0", None),
        ("stock_orders_p1", "sale /my/orders page 1", "/my/orders", "stock0", None),
        ("stock_orders_p200", f"sale /my/orders {stock_200}", "/my/orders/page/200", "stock0",
         None),
        ("stock_order", "sale order page", f"/my/orders/{stock_order['id']}", "stock0", None),
        ("floor", "/web/health (floor)", "/web/health", None, None),
    ]  # fmt: skip


def measure_pages(server, browsers, pages, seconds, connections):
    results = {}
    for key, label, path, who, counterpart in pages:
        browser = browsers.get(who)
        getter = browser.get if browser else lambda p, **kw: requests.get(server.url + p, **kw)
        probe = getter(path, allow_redirects=False)
        entry = {"label": label, "path": path, "who": who, "counterpart": counterpart,
                 "status": probe.status_code}  # fmt: skip
        if probe.status_code != 200:
            print(f"   {label}: {probe.status_code}, not measured", flush=True)
            results[key] = entry
            continue
        entry["bytes"] = len(probe.content)
        cookie = browser.cookie if browser else None
        wrk(server.url + path, cookie, 2, connections)  # warm-up, every worker
        entry.update(wrk(server.url + path, cookie, seconds, connections))
        print(f"   {label}: p50 {entry['p50_ms']} ms, p95 {entry['p95_ms']} ms, "
              f"{entry['rps']} req/s", flush=True)  # fmt: skip
        results[key] = entry
    return results


def draft_orders(admin, partner_id, company_id, product_id, count):
    return [
        admin.call_kw(
            "sale.order",
            "create",
            {
                "partner_id": partner_id,
                "company_id": company_id,
                "order_line": [(0, 0, {"product_id": product_id, "product_uom_qty": 2})],
            },
            context={"allowed_company_ids": [company_id]},
        )
        for _ in range(count)
    ]


def measure_actions(server, admin):
    bench1 = find(
        admin, "res.users", [("login", "=", "bench1@tenant0")], ["partner_id", "company_id"]
    )[0]
    stock0 = find(admin, "res.users", [("login", "=", "stock0")], ["partner_id", "company_id"])[0]
    variant = find(
        admin,
        "product.product",
        [("product_tmpl_id.cim_is_published", "=", True), ("company_id", "=", False)],
        limit=1,
        order="id",
    )[0]["id"]
    reseller = Browser(server, "bench1@tenant0", PASSWORD)
    cim = draft_orders(
        admin, bench1["partner_id"][0], bench1["company_id"][0], variant, RPC_ORDERS + 1
    )
    stock = draft_orders(
        admin, stock0["partner_id"][0], stock0["company_id"][0], variant, RPC_ORDERS + 1
    )
    # The first call of each kind warms the worker's caches; it is not counted.
    reseller.call_kw("sale.order", "action_cim_submit", [cim[0]])
    admin.call_kw("sale.order", "action_confirm", [stock[0]])
    reseller.call_kw("sale.order", "action_cim_cancel", [cim[0]])
    admin.call_kw("sale.order", "action_cancel", [stock[0]])
    results = {}

    def run(key, label, browser, method, ids, counterpart):
        figures = timed_calls(
            [lambda i=i: browser.call_kw("sale.order", method, [i]) for i in ids[1:]]
        )
        results[key] = {"label": label, "path": f"sale.order.{method}", "status": 200,
                        "counterpart": counterpart, **figures}  # fmt: skip
        print(f"   {label}: p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms", flush=True)

    run("submit", "Submit and pay (action_cim_submit)", reseller, "action_cim_submit", cim,
        "stock_confirm")  # fmt: skip
    run("stock_confirm", "sale action_confirm", admin, "action_confirm", stock, None)
    run("cancel", "Cancel with refund (action_cim_cancel)", reseller, "action_cim_cancel", cim,
        "stock_cancel")  # fmt: skip
    run("stock_cancel", "sale action_cancel", admin, "action_cancel", stock, None)
    return results


def server_errors(log):
    """The ERROR and CRITICAL records of an Odoo log, each with its
    traceback (up to the next record), so that their cause can be told."""
    records = re.split(r"^(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ )", log, flags=re.M)
    return [
        record.strip()[:3000]
        for record in records
        if re.match(r"\S+ \S+ \d+ (?:ERROR|CRITICAL) ", record)
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--seconds", type=int, default=10, help="measured time per page")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=2, help="wrk connections")
    parser.add_argument("--only", help="comma-separated page keys to measure (no money actions, "
                        "results not saved): for trying a change")  # fmt: skip
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")
    RESULTS.mkdir(exist_ok=True)
    started = time.monotonic()
    server = Server(args.db, args.workers)
    try:
        admin = Browser(server, *ADMIN)
        browsers = {
            "bench0": Browser(server, "bench0@tenant0", PASSWORD),
            "stock0": Browser(server, "stock0", PASSWORD),
        }
        print(f"-- pages of {args.db} ({args.seconds}s each, {args.connections} connections, "
              f"{args.workers} workers)", flush=True)  # fmt: skip
        pages = plan(server, admin)
        if args.only:
            keys = args.only.split(",")
            measure_pages(server, browsers, [p for p in pages if p[0] in keys], args.seconds,
                          args.connections)  # fmt: skip
            return
        pages = measure_pages(server, browsers, pages, args.seconds, args.connections)
        print("-- money actions over JSON-RPC", flush=True)
        actions = measure_actions(server, admin)
    finally:
        server.stop()
    errors = server_errors(server.log_path.read_text())
    result = {
        "db": args.db,
        "when": datetime.now().isoformat(timespec="seconds"),
        "seconds_per_page": args.seconds,
        "workers": args.workers,
        "connections": args.connections,
        "pages": pages,
        "actions": actions,
        "server_errors": errors[:50],
        "run_seconds": round(time.monotonic() - started, 1),
    }
    (RESULTS / f"{args.db}-run.json").write_text(json.dumps(result, indent=2))
    print(f"-- done in {result['run_seconds']}s; {len(errors)} ERROR lines in the server log")


if __name__ == "__main__":
    main()
