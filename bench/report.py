"""Write BENCHMARKS.md and docs/bench/latency_vs_scale.png from the results
of bench/generate.py and bench/run.py in .bench/ (``make bench`` runs it).

    python3 bench/report.py
"""

import json
import os
import pathlib
import platform
import re
import subprocess
import sys
from datetime import datetime

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

REPO = pathlib.Path(__file__).resolve().parent.parent
RESULTS = REPO / ".bench"
PLOT = REPO / "docs" / "bench" / "latency_vs_scale.png"
REPORT = REPO / "BENCHMARKS.md"
SCALES = [("small", "bench_small"), ("default", "bench_default")]
CIM_PAGES = ["home", "search", "product", "cart", "orders_p1", "orders_p200", "order",
             "customers", "shipments", "wallet_p1", "wallet_last"]  # fmt: skip
PAGINATED = ["orders_p1", "orders_p200", "customers", "shipments", "wallet_p1", "wallet_last"]
STOCK_PAGES = ["stock_shop", "stock_search", "stock_product", "stock_quotes",
               "stock_orders_p1", "stock_orders_p200", "stock_order"]  # fmt: skip
ACTIONS = ["submit", "stock_confirm", "cancel", "stock_cancel"]
RATIO_TARGET = 1.0
GROWTH_TARGET = 1.5
SUBMIT_TARGET = 2.0

# Why a page misses a target, and what would fix it: from PostgreSQL's
# slow-query log, Odoo's per-request query counts and py-spy profiles of a
# worker on the default-scale database. Shown only for the pages that miss.
WHY = {
    "cart": "its SQL is small and flat (about 20 queries at both scales); the "
    "difference is what the page shows. Its stock counterpart, sale's /my/quotes, lists "
    "the name, date and total of each quotation; the cart shows for each of its 20 "
    "entries the ordered product and quantity, the recipient and the amount, above a "
    "payment preview against the wallet. The rows already read stored labels instead "
    "of computing variant names (see below); next would be formatting the amounts once "
    "per page instead of through the monetary widget for each row.",
    "submit": "paying locks the order and the wallet, re-prices the order and books "
    "the ledger row before the same action_confirm.",
}

# What the code does to meet the targets, found with the same slow-query
# log on earlier runs (the first run missed eight pages); shown always, so
# that whoever changes these places knows what the figures depend on.
HOW = [
    "**Partner hierarchy as a parent store.** Portal record rules give a portal user "
    "the records `child_of` its commercial partner (sale orders and lines, pickings, "
    "contacts, website_sale's cart). A reseller's end customers are its child "
    "contacts, and without a parent store Odoo resolves `child_of` level by level "
    "into an id list: two extra queries and an `IN` list of 2,501 ids in every "
    "order, picking and partner query of bench0. `cim_customer` gives `res.partner` "
    "a `parent_path`: the rule is one indexed prefix condition whatever the number "
    "of end customers (`cim_customer/tests/test_partner_hierarchy.py`).",
    "**Trigram indexes for the catalogue search.** The search ORs `ilike` over the "
    "name, internal reference and three descriptions (translated JSONB), in the "
    "reader's language and in English, plus the matching categories. Each field has "
    "a pg_trgm GIN index (`cim_portal/models/product_template.py`), the English pass "
    "is added only for readers of another language and the categories are passed as "
    "ids, so PostgreSQL combines the indexes (bitmap OR) instead of scanning the "
    "20,000 products twice.",
    "**A bounded recipient choice.** The product page and the cart entry offered "
    "every end customer in a select (2,500 options for bench0). They now offer the "
    "recipients ordered for last (and the chosen one), and a search field asks "
    "`/cim/recipients` for the others.",
    "**Cart rows read stored labels.** The cart and order pages name each line by the "
    "first line of its description, written when the entry is made (as sale's portal "
    "does), instead of computing every variant's display name with its attributes, "
    "and read only the recipients' names; this took the cart from 1.34× to under "
    "sale's /my/quotes.",
    "**Lists searched by their ownership domain, with matching indexes.** "
    "/my/orders, /my/shipments and /my/wallet search the reseller's own records "
    "(commercial partner and tenant, or its wallets) as superuser and read them "
    "back with the reseller's rights (`_cim_search_own`): the pickings' portal rule "
    "joins sale orders with an OR that no index answers. Indexes on (partner, "
    "tenant, date desc, id desc) for orders, (reseller, tenant, requested desc, id "
    "desc) for shipments and (wallet, date desc, id desc) for the ledger answer the "
    "count and the page without a sort.",
]


def load(name):
    path = RESULTS / name
    return json.loads(path.read_text()) if path.exists() else None


def sh(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def wrk_version():
    try:
        output = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    except OSError:
        return "wrk (not found)"
    return output.splitlines()[0] if output else "wrk"


def machine():
    cpu = "unknown"
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = int(
        re.search(r"MemTotal:\s+(\d+)", pathlib.Path("/proc/meminfo").read_text()).group(1)
    )
    return {
        "CPU": cpu,
        "Cores": str(os.cpu_count()),
        "Memory": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "PostgreSQL": sh(["psql", "-d", "postgres", "-Atc", "SHOW server_version"]),
        "Odoo": sh([sys.executable, "-c", "import odoo.release as r; print(r.version)"]),
        "Load generator": wrk_version(),
    }


def fmt(value, digits=1):
    return "–" if value is None else f"{value:.{digits}f}"


def ratio(a, b):
    return a / b if a and b else None


def verdict(value, limit):
    if value is None:
        return "–"
    return "met" if value <= limit else "**missed**"


def page_rows(run):
    entries = {**run["pages"], **run["actions"]}
    floor = run["pages"]["floor"].get("p50_ms")
    return entries, floor


def main_table(run):
    entries, floor = page_rows(run)
    lines = [
        "| Page | Route / call | p50 ms | p95 ms | req/s | Stock counterpart | stock p50 ms "
        "| ×stock | ×floor |",
        "|---|---|--:|--:|--:|---|--:|--:|--:|",
    ]
    for key in [*CIM_PAGES, "submit", "cancel"]:
        entry = entries.get(key)
        if not entry:
            continue
        counterpart = entries.get(entry.get("counterpart") or "", {})
        if entry.get("status") != 200:
            lines.append(
                f"| {entry['label']} | `{entry['path']}` | not built yet "
                f"(HTTP {entry['status']} when measured) | | | {counterpart.get('label', '')} "
                f"| | | |"
            )
            continue
        lines.append(
            f"| {entry['label']} | `{entry['path']}` | {fmt(entry['p50_ms'])} "
            f"| {fmt(entry['p95_ms'])} | {fmt(entry['rps'])} | {counterpart.get('label', '–')} "
            f"| {fmt(counterpart.get('p50_ms'))} "
            f"| {fmt(ratio(entry['p50_ms'], counterpart.get('p50_ms')), 2)} "
            f"| {fmt(ratio(entry['p50_ms'], floor), 1)} |"
        )
    lines += ["", "Stock Odoo references, same server, same database:", ""]
    lines += [
        "| Stock page | Route / call | p50 ms | p95 ms | req/s | ×floor |",
        "|---|---|--:|--:|--:|--:|",
    ]
    for key in [*STOCK_PAGES, "stock_confirm", "stock_cancel", "floor"]:
        entry = entries.get(key)
        if not entry:
            continue
        if entry.get("status") != 200:
            lines.append(f"| {entry['label']} | `{entry['path']}` | HTTP {entry['status']} |||")
            continue
        lines.append(
            f"| {entry['label']} | `{entry['path']}` | {fmt(entry['p50_ms'])} "
            f"| {fmt(entry['p95_ms'])} | {fmt(entry['rps'])} "
            f"| {fmt(ratio(entry['p50_ms'], floor), 1)} |"
        )
    return lines


def plot(runs):
    PLOT.parent.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(figsize=(10, 6), dpi=110)
    scales = [(name, gen, run) for name, gen, run in runs if run]
    xs = [gen["counts"]["paid_orders"] for _name, gen, _run in scales]
    colours = iter(plt.cm.tab20.colors)
    for keys, style in ((CIM_PAGES, "-o"), (STOCK_PAGES, "--s")):
        for key in keys:
            colour = next(colours)
            points = [
                (x, run["pages"][key]["p50_ms"])
                for x, (_n, _g, run) in zip(xs, scales, strict=True)
                if run["pages"].get(key, {}).get("status") == 200
            ]
            if points:
                label = scales[-1][2]["pages"][key]["label"]
                ax.plot(*zip(*points, strict=True), style, label=label, color=colour, lw=1.4)
    ax.set_xscale("log")
    ax.set_xlabel("paid orders in the database (scale)")
    ax.set_ylabel("median latency (ms)")
    ax.set_title("CIM portal pages (solid) and stock Odoo pages (dashed) against scale")
    names = [name for name, _g, _r in scales]
    ax.set_xticks(xs, [f"{name}\n{x:,} orders" for x, name in zip(xs, names, strict=True)])
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, ncol=2, loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.tight_layout()
    fig.savefig(PLOT)
    plt.close(fig)


def main():
    runs = [(name, load(f"{db}-generate.json"), load(f"{db}-run.json")) for name, db in SCALES]
    measured = [(name, gen, run) for name, gen, run in runs if gen and run]
    if not measured:
        sys.exit("no benchmark results in .bench/: run make bench first")
    plot(measured)
    largest_name, _largest_gen, largest = measured[-1]
    out = [
        "# CIM benchmarks",
        "",
        "Regenerated by `make bench` (`make bench SCALE=small` for the quick run); "
        "the figures below are from a real run on the machine described here. "
        "How it works: `bench/generate.py` builds the database, `bench/run.py` serves "
        "it with a multi-worker Odoo and measures it with `wrk`, `bench/report.py` "
        "writes this file and the plot.",
        "",
        f"Written {datetime.now().isoformat(timespec='minutes')}.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    out += [f"| {k} | {v} |" for k, v in machine().items()]
    run0 = measured[0][2]
    out += [
        "",
        f"Server: `--workers={run0['workers']}`, no cron, loopback, `--log-level=warn`. "
        f"Load: `wrk -t1 -c{run0['connections']}` for {run0['seconds_per_page']} s per page "
        "after a 2 s warm-up, logged in with a real session cookie (login form + CSRF); "
        "p50/p95 are wrk's latency percentiles, req/s is throughput at that concurrency. "
        "The money actions are timed one call at a time, client side, over JSON-RPC "
        "(`/web/dataset/call_kw`) on 20 fresh orders each (after one warm-up call): the "
        "reseller `bench1@tenant0` calls `action_cim_submit` / `action_cim_cancel`; the "
        "administrator calls sale's `action_confirm` / `action_cancel` on equivalent "
        "orders of a plain customer (same product, same quantity). The machine is shared "
        "with other work (other engineers' test runs; on the 2-core machine of the first "
        "runs, repeating a run moved raw times by up to 2×): compare the ratios "
        "(×stock, ×floor) of one run rather than raw times across runs.",
        "",
        "## Scale",
        "",
    ]
    header = "| | " + " | ".join(name for name, _g, _r in measured) + " |"
    out += [header, "|---|" + "--:|" * len(measured)]
    count_keys = list(measured[-1][1]["counts"])
    for key in count_keys:
        cells = " | ".join(f"{gen['counts'].get(key, '–'):,}" for _n, gen, _r in measured)
        out.append(f"| {key.replace('_', ' ')} | {cells} |")
    out.append(
        "| generation time | "
        + " | ".join(f"{gen['seconds'] / 60:.1f} min" for _n, gen, _r in measured)
        + " |"
    )
    missing = [name for name, gen, run in runs if not (gen and run)]
    if missing:
        out += [
            "",
            f"**Not run: the {', '.join(missing)} scale** — no results for it in this "
            "report; `make bench` runs it.",
        ]
    out += [
        "",
        "`bench0@tenant0` (the reseller measured) holds a large share of the data: its "
        "orders, ledger and end customers are the bench0 rows above. The stock "
        "customer `stock0` (plain portal user, no CIM role) has as many orders as "
        "bench0 plus 20 quotations. Products are shared by both: website_sale's `/shop` "
        "lists the same published catalogue.",
        "",
        "Tenants, resellers, wallets, end customers and products are made with the ORM "
        "in batches; orders are ORM-made seeds (a few per reseller) and SQL copies of "
        "them; the wallet ledger is written with COPY (balances = ledger sums, "
        "`balance_after` = running sum, checked with `cim.wallet._cim_check_ledger`); "
        "shipments are ORM-made for the seeds and SQL copies for the rest, spread over "
        "the shipment states. `bench/generate.py` says how, in its docstring. Each run "
        "adds 21 paid-then-cancelled orders to `bench1@tenant0` and 21 to `stock0` (the "
        "money-action timings); a reused database drifts by that much. Generation "
        "times are wall-clock and not normalised like the page figures: another test "
        "run beside the generator can double them.",
        "",
        "Generation steps (seconds):",
        "",
        "| Step | " + " | ".join(name for name, _g, _r in measured) + " |",
        "|---|" + "--:|" * len(measured),
    ]
    for step in measured[-1][1]["steps"]:
        out.append(
            f"| {step} | "
            + " | ".join(str(gen["steps"].get(step, "–")) for _n, gen, _r in measured)
            + " |"
        )
    for name, _gen, run in measured:
        out += ["", f"## Results: {name} scale (`{run['db']}`)", ""]
        out += main_table(run)
        errors = run.get("server_errors") or []
        visitor = [e for e in errors if "website_visitor" in e]
        if visitor:
            out += [
                "",
                f"{len(visitor)} ERROR record(s) in the server log come from stock "
                "website_sale: its visitor tracking upserts one `website_visitor` row per "
                "session on every `/shop` page, so two concurrent requests of the same "
                "session collide (`could not serialize access due to concurrent update`) and "
                "Odoo retries the request; when every retry collides, the request ends with "
                "an error (logged with the same traceback). CIM's pages are read-only routes "
                "and do not track visitors.",
            ]
        others = [e for e in errors if "website_visitor" not in e]
        if others:
            out += ["", f"{len(others)} other ERROR record(s) in the server log, first one:",
                    "", "```", others[0][:1500], "```"]  # fmt: skip
    # Growth
    if len(measured) > 1:
        small, large = measured[0][2], measured[-1][2]
        sf, lf = small["pages"]["floor"]["p50_ms"], large["pages"]["floor"]["p50_ms"]
        out += [
            "",
            f"## Growth from {measured[0][0]} to {measured[-1][0]} scale",
            "",
            "p50 at the large scale divided by p50 at the small scale; *normalised* divides "
            "each by the floor of its own run first, which cancels a busier machine.",
            "",
            "| Page | small p50 ms | default p50 ms | growth | normalised | paginated target "
            "≤ 1.5× |",
            "|---|--:|--:|--:|--:|---|",
        ]
        for key in [*CIM_PAGES, *STOCK_PAGES]:
            a, b = small["pages"].get(key, {}), large["pages"].get(key, {})
            if a.get("status") != 200 or b.get("status") != 200:
                label = (b or a).get("label", key)
                out.append(f"| {label} | not built yet | | | | |")
                continue
            growth = b["p50_ms"] / a["p50_ms"]
            norm = (b["p50_ms"] / lf) / (a["p50_ms"] / sf)
            target = verdict(norm, GROWTH_TARGET) if key in PAGINATED else ""
            out.append(
                f"| {b['label']} | {fmt(a['p50_ms'])} | {fmt(b['p50_ms'])} | {growth:.2f}× "
                f"| {norm:.2f}× | {target} |"
            )
    # Targets
    entries, _floor = page_rows(largest)
    out += [
        "",
        f"## Targets (judged at the {largest_name} scale)",
        "",
        "| Target | Page | Value | Verdict |",
        "|---|---|--:|---|",
    ]
    missed = []
    for key in CIM_PAGES:
        entry = entries[key]
        if entry.get("status") != 200:
            out.append(f"| ×stock ≤ 1.0 | {entry['label']} | not built yet | – |")
            continue
        value = ratio(entry["p50_ms"], entries[entry["counterpart"]].get("p50_ms"))
        out.append(
            f"| ×stock ≤ 1.0 | {entry['label']} | {fmt(value, 2)} | "
            f"{verdict(value, RATIO_TARGET)} |"
        )
        if value and value > RATIO_TARGET:
            missed.append(key)
    if len(measured) > 1:
        small = measured[0][2]
        for key in PAGINATED:
            a, b = small["pages"].get(key, {}), largest["pages"].get(key, {})
            if a.get("status") != 200 or b.get("status") != 200:
                out.append(
                    f"| growth ≤ 1.5× | {b.get('label', key)} | not built yet | – |"
                )  # fmt: skip
                continue
            norm = (b["p50_ms"] / largest["pages"]["floor"]["p50_ms"]) / (
                a["p50_ms"] / small["pages"]["floor"]["p50_ms"]
            )
            out.append(
                f"| growth ≤ 1.5× (normalised) | {b['label']} | {norm:.2f}× | "
                f"{verdict(norm, GROWTH_TARGET)} |"
            )
            if norm > GROWTH_TARGET and key not in missed:
                missed.append(key)
    else:
        out.append("| growth ≤ 1.5× | paginated pages | needs both scales | not measured |")
    submit = ratio(entries["submit"]["p50_ms"], entries["stock_confirm"]["p50_ms"])
    out.append(
        f"| submit ≤ 2× action_confirm | Submit and pay | {fmt(submit, 2)} | "
        f"{verdict(submit, SUBMIT_TARGET)} |"
    )
    if submit and submit > SUBMIT_TARGET:
        missed.append("submit")
    out += ["", "### What the figures depend on", ""]
    out += [f"- {text}" for text in HOW]
    if missed:
        out += ["", "### Why the missed targets are missed, and what would fix them", ""]
        reasons = {}
        for key in missed:
            reasons.setdefault(WHY.get(key, "not analysed yet."), []).append(entries[key]["label"])
        for text, labels in reasons.items():
            out.append(f"- **{', '.join(labels)}**: {text}")
    out += [
        "",
        "## Plot",
        "",
        "![Median latency against scale](docs/bench/latency_vs_scale.png)",
        "",
    ]
    REPORT.write_text("\n".join(out))
    print(f"wrote {REPORT.relative_to(REPO)} and {PLOT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
