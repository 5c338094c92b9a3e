"""Build a CIM benchmark database.

    python3 bench/generate.py --db bench_small --small
    python3 bench/generate.py --db bench_default

Run from the repository root (``make bench`` does). The script drops and
recreates the database, installs the CIM addons and ``website_sale`` (the
stock reference pages) with ``odoo -i``, then fills it through an Odoo
registry opened in this process (``odoo.tools.config`` + ``Registry``).

How the rows are made, and why it is still a valid CIM database:

* Tenants, pricelists, resellers, wallets, end customers and products are
  created with the ORM, in batches (``create`` of lists), with tracking and
  chatter logging off. Products carry images (a few generated PNGs shared by
  all products: Odoo's filestore stores each distinct file once).
* Orders: a few *seed* orders per reseller are created with the ORM (prices,
  taxes and totals computed by Odoo), then the remaining orders are copies of
  their own reseller's seeds made with ``INSERT ... SELECT`` (every column,
  many2many links included), with a new name and date. Paid orders are put in
  state ``sale`` with an ORM ``write`` on the seeds (so that stored computes
  follow), without ``action_confirm``'s side effects.
* The wallet ledger is written with ``COPY``: per wallet one opening top-up
  large enough that the balance never goes below zero, further top-ups, and
  one debit per paid order of exactly the order's total. Rows are inserted
  in date order, so ``balance_after`` is the running sum in id order, and
  each wallet's balance is set to the sum of its ledger; the generator checks
  both with ``cim.wallet._cim_check_ledger`` before it ends.
* Shipments: every paid seed order is shipped with the ORM
  (``action_cim_request_shipment``); further shipments are copies of the
  seed's shipment and moves, attached to copies of that seed order, then
  spread over the shipment states with their dates, and each order's stored
  shipping state follows.

Data generation is not business code: it commits in batches.
"""

import argparse
import base64
import io
import json
import logging
import pathlib
import random
import subprocess
import sys
import time
from datetime import datetime, timedelta

from PIL import Image, ImageDraw

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

REPO = pathlib.Path(__file__).resolve().parent.parent
RESULTS = REPO / ".bench"
ADDONS = "cim_customer,cim_catalog,cim_pricing,cim_wallet,cim_logistics,cim_portal,website_sale"
PASSWORD = "bench-pw"
CART_DRAFTS = 20
ORM_BATCH = 500

SCALES = {
    "small": {
        "tenants": 2,
        "resellers": 20,
        "products": 500,
        "orders": 2000,
        "transactions": 6000,
        "shipments": 1000,
        "end_customers": 1000,
        # bench0@tenant0, the reseller the pages are measured as, holds this
        # share of the orders, transactions and end customers.
        "heavy_share": 0.25,
        "seeds_per_reseller": 5,
    },
    "default": {
        "tenants": 2,
        "resellers": 500,
        "products": 20000,
        "orders": 100000,
        "transactions": 300000,
        "shipments": 50000,
        "end_customers": 50000,
        "heavy_share": 0.05,
        "seeds_per_reseller": 2,
    },
}

WORDS = [
    "tee", "hoodie", "mug", "cap", "tote", "poster", "sticker", "notebook", "pen", "bottle",
    "scarf", "sock", "apron", "badge", "pillow", "blanket", "umbrella", "lanyard", "keyring",
    "coaster", "puzzle", "calendar", "card", "banner", "flag", "jacket", "vest", "polo",
    "beanie", "glove", "towel", "bag", "case", "cup", "plate", "frame", "magnet", "pin",
    "wristband", "shirt",
]  # fmt: skip
COLOURS = ["red", "blue", "green", "black", "white", "yellow", "purple", "orange"]

_logger = logging.getLogger("bench.generate")


class Clock:
    """Named step durations, printed as they end."""

    def __init__(self):
        self.start = time.monotonic()
        self.steps = {}

    def step(self, name):
        clock = self

        class _Step:
            def __enter__(self):
                self.t0 = time.monotonic()
                print(f"-- {name} ...", flush=True)

            def __exit__(self, *exc):
                clock.steps[name] = round(time.monotonic() - self.t0, 1)
                print(f"-- {name}: {clock.steps[name]}s", flush=True)

        return _Step()

    def total(self):
        return round(time.monotonic() - self.start, 1)


def install(db):
    subprocess.run(["dropdb", "--if-exists", db], check=True)
    log = RESULTS / f"{db}-install.log"
    with open(log, "w") as out:
        subprocess.run(
            [sys.executable, "-m", "odoo", "-c", "odoo.conf", "-d", db, "-i", ADDONS,
             "--stop-after-init", "--http-port", "0", "--max-cron-threads=0"],
            cwd=REPO, stdout=out, stderr=subprocess.STDOUT, check=True,
        )  # fmt: skip


def png_images(count):
    images = []
    for index in range(count):
        colour = (40 + index * 13 % 200, 90 + index * 29 % 160, 60 + index * 47 % 190)
        image = Image.new("RGB", (256, 256), colour)
        draw = ImageDraw.Draw(image)
        draw.rectangle((48, 48, 208, 208), outline=(255, 255, 255), width=6)
        draw.text((96, 120), f"CIM {index}", fill=(255, 255, 255))
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        images.append(base64.b64encode(buffer.getvalue()))
    return images


def split(total, parts, heavy_share):
    """``total`` spread over ``parts`` buckets, the first holding ``heavy_share``."""
    if parts == 1:
        return [total]
    heavy = max(1, int(total * heavy_share))
    rest = total - heavy
    counts = [heavy] + [rest // (parts - 1)] * (parts - 1)
    for index in range(rest - sum(counts[1:])):
        counts[1 + index] += 1
    return counts


def columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_schema = 'public' AND table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cr.fetchall()]


def clone(env, model_name, mapping, overrides, skip_m2m=()):
    """Copy rows of ``model_name``: ``mapping`` is a table with ``src_id``
    and ``new_id`` (plus columns the ``overrides`` SQL expressions read as
    ``m.<col>``); copies every column of ``s`` (the source row) except those
    overridden, and the stored many2many links."""
    cr = env.cr
    model = env[model_name]
    table = model._table
    cols = [c for c in columns(cr, table) if c != "id"]
    select = ", ".join(overrides.get(c, f's."{c}"') for c in cols)
    col_list = ", ".join(f'"{c}"' for c in cols)
    cr.execute(
        f"INSERT INTO {table} (id, {col_list})"
        f" SELECT m.new_id, {select} FROM {mapping} m JOIN {table} s ON s.id = m.src_id"
    )
    for field in model._fields.values():
        if field.type != "many2many" or not field.store or field.name in skip_m2m:
            continue
        cr.execute(
            f'INSERT INTO "{field.relation}" ("{field.column1}", "{field.column2}")'
            f' SELECT m.new_id, r."{field.column2}" FROM {mapping} m'
            f' JOIN "{field.relation}" r ON r."{field.column1}" = m.src_id'
            " ON CONFLICT DO NOTHING"
        )


def copy_rows(cr, table, cols, rows):
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("\\N" if v is None else str(v) for v in row) + "\n")
    buffer.seek(0)
    cr.copy_from(buffer, table, columns=cols)


class Generator:
    def __init__(self, env, scale, seed=7):
        self.env = env
        self.cr = env.cr
        self.scale = SCALES[scale]
        self.scale_name = scale
        self.rng = random.Random(seed)
        self.now = datetime.now().replace(microsecond=0)
        self.clock = Clock()

    def commit(self):
        self.env.flush_all()
        self.cr.commit()
        self.env.invalidate_all()

    # Steps ---------------------------------------------------------------

    def run(self):
        steps = [
            ("tenants and price lists", self.make_tenants),
            ("resellers and wallets", self.make_resellers),
            ("end customers", self.make_end_customers),
            ("products with images", self.make_products),
            ("seed orders (ORM)", self.make_seed_orders),
            ("orders (copies of the seeds)", self.clone_orders),
            ("wallet ledger", self.make_ledger),
            ("shipments", self.make_shipments),
            ("cart and stock customer", self.make_carts_and_stock_customer),
            ("analyze and check", self.finish),
        ]
        for name, method in steps:
            with self.clock.step(name):
                method()
                self.commit()

    def make_tenants(self):
        env = self.env
        currency = env.company.currency_id
        self.tenants = env["res.company"].create(
            [
                {"name": f"Bench Tenant {i}", "cim_tenant_code": f"tenant{i}",
                 "currency_id": currency.id}
                for i in range(self.scale["tenants"])
            ]
        )  # fmt: skip
        # The runner creates orders in every tenant as admin over RPC.
        for user in env.user | env.ref("base.user_admin"):
            user.company_ids = [(4, c.id) for c in self.tenants]
        for tenant in self.tenants:
            pricelist = env["product.pricelist"].create(
                {
                    "name": f"{tenant.name} Standard",
                    "company_id": tenant.id,
                    "currency_id": currency.id,
                    "item_ids": [
                        (0, 0, {"applied_on": "3_global", "compute_price": "percentage",
                                "percent_price": 10})
                    ],
                }
            )  # fmt: skip
            tenant.cim_pricelist_id = pricelist

    def make_resellers(self):
        env = self.env
        count = self.scale["resellers"]
        Users = env["res.users"].with_context(no_reset_password=True)
        vals = []
        for i in range(count):
            tenant = self.tenants[0] if i < 2 else self.tenants[i % len(self.tenants)]
            vals.append(
                {
                    "name": f"Bench Reseller {i}",
                    "cim_login_name": f"bench{i}",
                    "company_id": tenant.id,
                    "email": f"bench{i}@example.com",
                }
            )
        users = env["res.users"]
        for start in range(0, count, 100):
            users |= Users.create(vals[start : start + 100])
            self.commit()
        # Hashing a password costs ~0.3 s; only the logins the runner uses get one.
        for user in users[:2]:
            user.password = PASSWORD
        self.resellers = users
        self.wallets = env["cim.wallet"].create(
            [
                {
                    "partner_id": user.partner_id.commercial_partner_id.id,
                    "company_id": user.company_id.id,
                    "currency_id": user.company_id.currency_id.id,
                }
                for user in users
            ]
        )
        self.order_counts = split(self.scale["orders"], count, self.scale["heavy_share"])

    def make_end_customers(self):
        env = self.env
        counts = split(self.scale["end_customers"], len(self.resellers), self.scale["heavy_share"])
        Partner = env["res.partner"]
        pending = []
        for user, n in zip(self.resellers, counts, strict=True):
            for j in range(n):
                pending.append(
                    {
                        "name": f"Customer {j:05d} of {user.cim_login_name}",
                        "cim_is_end_customer": True,
                        "parent_id": user.partner_id.id,
                        "company_id": user.company_id.id,
                        "type": "delivery",
                        "street": f"{j + 1} Bench Road",
                        "city": self.rng.choice(["Shanghai", "Shenzhen", "Beijing", "Hangzhou"]),
                        "phone": f"+86 138 {j:04d} {user.id:04d}",
                    }
                )
            if len(pending) >= 2000 or user == self.resellers[-1]:
                Partner.create(pending)
                pending = []
                self.commit()
        self.cr.execute(
            "SELECT parent_id, array_agg(id ORDER BY id) FROM res_partner"
            " WHERE cim_is_end_customer GROUP BY parent_id"
        )
        self.end_customers = dict(self.cr.fetchall())

    def make_products(self):
        env = self.env
        images = png_images(12)
        category = env["product.category"].create({"name": "Bench Goods"})
        count = self.scale["products"]
        Template = env["product.template"]
        for start in range(0, count, ORM_BATCH):
            vals = []
            for i in range(start, min(count, start + ORM_BATCH)):
                word = WORDS[i % len(WORDS)]
                colour = COLOURS[(i // len(WORDS)) % len(COLOURS)]
                # One in ten belongs to a tenant; the others are shared by all.
                company = self.tenants[i % len(self.tenants)] if i % 10 == 9 else None
                published = i % 20 != 19
                vals.append(
                    {
                        "name": f"{colour.title()} {word} {i:05d}",
                        "default_code": f"BENCH-{i:05d}",
                        "type": "consu",
                        "categ_id": category.id,
                        "list_price": 20 + (i * 37) % 480,
                        "company_id": company.id if company else False,
                        "cim_is_published": published,
                        "cim_published_date": self.now - timedelta(days=(i * 7) % 365, hours=i % 24)
                        if published
                        else False,
                        "cim_is_star": i % 25 == 0,
                        "cim_is_recommended": i % 25 == 1,
                        "cim_home_sequence": i % 50,
                        "cim_description_short": f"A {colour} {word} to customise.",
                        "description_sale": f"Custom {word}, {colour}, printed to order.",
                        # website_sale's /shop lists the same catalogue.
                        "is_published": published and not company,
                        "image_1920": images[i % len(images)],
                    }
                )
            Template.create(vals)
            self.commit()
        self.cr.execute(
            "SELECT p.id, t.company_id, t.list_price FROM product_product p"
            " JOIN product_template t ON t.id = p.product_tmpl_id"
            " WHERE t.cim_is_published AND t.default_code LIKE 'BENCH-%%'"
            " ORDER BY p.id"
        )
        self.variants = self.cr.fetchall()

    def _variants_for(self, company_id):
        return [v for v, company, _price in self.variants if company in (None, company_id)]

    def _order_vals(self, partner, shipping, company, pricelist, variants, date):
        return {
            "partner_id": partner.id,
            "partner_invoice_id": partner.id,
            "partner_shipping_id": shipping,
            "company_id": company.id,
            "pricelist_id": pricelist.id,
            "date_order": date,
            "order_line": [
                (0, 0, {
                    "product_id": self.rng.choice(variants),
                    "product_uom_qty": self.rng.randint(1, 5),
                    "cim_customisation_note": "Print: BENCH",
                })
            ],
        }  # fmt: skip

    def _random_date(self):
        return self.now - timedelta(days=1 + self.rng.random() * 364)

    def make_seed_orders(self):
        env = self.env
        SaleOrder = env["sale.order"]
        seeds_per = self.scale["seeds_per_reseller"]
        self.seeds = {}
        pending, owners = [], []
        for user, n in zip(self.resellers, self.order_counts, strict=True):
            partner = user.partner_id.commercial_partner_id
            variants = self._variants_for(user.company_id.id)
            pricelist = user.with_company(user.company_id).cim_effective_pricelist_id
            customers = self.end_customers.get(partner.id) or [partner.id]
            for _ in range(min(n, seeds_per)):
                pending.append(
                    self._order_vals(
                        partner, self.rng.choice(customers), user.company_id, pricelist,
                        variants, self._random_date(),
                    )
                )  # fmt: skip
                owners.append(user.id)
        orders = SaleOrder.browse()
        for start in range(0, len(pending), 200):
            batch = list(
                zip(pending[start : start + 200], owners[start : start + 200], strict=True)
            )
            for company_id in {vals["company_id"] for vals, _owner in batch}:
                part = [(vals, owner) for vals, owner in batch if vals["company_id"] == company_id]
                created = SaleOrder.with_company(company_id).create([v for v, _o in part])
                for order, (_vals, owner) in zip(created, part, strict=True):
                    self.seeds.setdefault(owner, []).append(order.id)
                orders |= created
            self.commit()
        # Paid: state "sale" with its stored computes; the debits come with the ledger.
        orders.write({"state": "sale"})
        self.seed_ids = orders.ids

    def clone_orders(self):
        cr = self.cr
        cr.execute("CREATE TEMP TABLE bench_order_map (src_id int, new_id int, name varchar,"
                   " date_order timestamp, owner int)")  # fmt: skip
        rows = []
        number = 0
        for user, n in zip(self.resellers, self.order_counts, strict=True):
            seeds = self.seeds[user.id]
            for k in range(n - len(seeds)):
                number += 1
                date = self._random_date()
                rows.append((seeds[k % len(seeds)], None, f"SB{number:07d}",
                             date.strftime("%Y-%m-%d %H:%M:%S"), user.id))  # fmt: skip
        self._clone_order_rows(rows)
        cr.execute("SELECT owner, array_agg(new_id) FROM bench_order_map GROUP BY owner")
        self.clones = dict(cr.fetchall())
        cr.execute("DROP TABLE bench_order_map")

    def _clone_order_rows(self, rows):
        """Copy orders and their lines; ``rows`` are (src, None, name, date, owner)
        tuples for bench_order_map."""
        cr = self.cr
        copy_rows(cr, "bench_order_map", ["src_id", "name", "date_order", "owner"],
                  [(r[0], r[2], r[3], r[4]) for r in rows])  # fmt: skip
        cr.execute("UPDATE bench_order_map SET new_id = nextval('sale_order_id_seq')")
        clone(
            self.env,
            "sale.order",
            "bench_order_map",
            {
                "name": "m.name",
                "date_order": "m.date_order",
                "create_date": "m.date_order",
                "write_date": "m.date_order",
                "access_token": "NULL",
            },
        )
        cr.execute(
            "CREATE TEMP TABLE bench_line_map AS"
            " SELECT l.id AS src_id, nextval('sale_order_line_id_seq')::int AS new_id,"
            " m.new_id AS order_id, m.date_order"
            " FROM bench_order_map m JOIN sale_order_line l ON l.order_id = m.src_id"
        )
        clone(
            self.env,
            "sale.order.line",
            "bench_line_map",
            {"order_id": "m.order_id", "create_date": "m.date_order", "write_date": "m.date_order"},
        )
        cr.execute("DROP TABLE bench_line_map")

    def make_ledger(self):
        cr = self.cr
        total_txn = self.scale["transactions"]
        orders_total = sum(self.order_counts)
        topups_total = max(len(self.resellers), total_txn - orders_total)
        topups = split(topups_total, len(self.resellers), self.scale["heavy_share"])
        cr.execute(
            "SELECT o.id, o.partner_id, o.company_id, o.amount_total, o.date_order, o.name"
            " FROM sale_order o WHERE o.state = 'sale' AND o.id IN %s",
            [tuple(self.seed_ids + [i for ids in self.clones.values() for i in ids])],
        )
        orders_by_wallet = {}
        for order_id, partner_id, company_id, amount, date, name in cr.fetchall():
            orders_by_wallet.setdefault((partner_id, company_id), []).append(
                (date, order_id, float(amount), name)
            )
        wallets = {(w.partner_id.id, w.company_id.id): w for w in self.wallets}
        uid = self.env.uid
        events = []
        balances = {}
        for wallet_key, n_topups in zip(wallets, topups, strict=True):
            wallet = wallets[wallet_key]
            debits = orders_by_wallet.get(wallet_key, [])
            spent = sum(amount for _d, _o, amount, _n in debits)
            first = min([d for d, *_ in debits] or [self.now]) - timedelta(days=1)
            rows = [(first, "topup", round(spent + 1_000_000, 2), None, "Opening top-up")]
            for _ in range(n_topups - 1):
                rows.append((self._random_date(), "topup", self.rng.choice([100, 200, 500]),
                             None, "Bank transfer"))  # fmt: skip
            for date, order_id, amount, name in debits:
                rows.append((date, "debit", -amount, order_id, name))
            rows.sort(key=lambda r: (r[0], r[1] != "topup"))
            balance = 0.0
            for date, txn_type, amount, order_id, reference in rows:
                balance = round(balance + amount, 2)
                events.append((date, wallet, txn_type, amount, balance, order_id, reference))
            balances[wallet.id] = balance
        # Ids follow the dates, so the running sum in id order is the ledger order.
        events.sort(key=lambda e: (e[0], e[1].id))
        cols = ["wallet_id", "partner_id", "company_id", "currency_id", "type", "amount",
                "balance_after", "sale_order_id", "reference", "user_id", "date",
                "create_uid", "create_date", "write_uid", "write_date"]  # fmt: skip
        for start in range(0, len(events), 50000):
            batch = []
            for date, wallet, txn_type, amount, balance, order_id, reference in events[
                start : start + 50000
            ]:
                stamp = date.strftime("%Y-%m-%d %H:%M:%S")
                batch.append((wallet.id, wallet.partner_id.id, wallet.company_id.id,
                              wallet.currency_id.id, txn_type, amount, balance, order_id,
                              reference, uid, stamp, uid, stamp, uid, stamp))  # fmt: skip
            copy_rows(cr, "cim_wallet_transaction", cols, batch)
            self.commit()
        for wallet_id, balance in balances.items():
            cr.execute("UPDATE cim_wallet SET balance = %s WHERE id = %s", [balance, wallet_id])

    def make_shipments(self):
        env = self.env
        cr = self.cr
        SaleOrder = env["sale.order"]
        total = self.scale["shipments"]
        seeds = SaleOrder.browse(self.seed_ids)
        shipped_seeds = seeds[:total]
        for start in range(0, len(shipped_seeds), 100):
            for order in shipped_seeds[start : start + 100]:
                order.with_company(order.company_id).action_cim_request_shipment()
            self.commit()
        cr.execute(
            "SELECT p.sale_id, p.id FROM stock_picking p WHERE p.sale_id IN %s",
            [tuple(shipped_seeds.ids)],
        )
        seed_picking = dict(cr.fetchall())
        # Copies of a shipped seed order get copies of the seed's shipment.
        cr.execute(
            "SELECT o.id, s.id FROM sale_order o JOIN sale_order s ON s.partner_id = o.partner_id"
            " AND s.company_id = o.company_id"
            " JOIN sale_order_line ol ON ol.order_id = o.id"
            " JOIN sale_order_line sl ON sl.order_id = s.id AND sl.product_id = ol.product_id"
            "  AND sl.product_uom_qty = ol.product_uom_qty AND sl.price_unit = ol.price_unit"
            " WHERE o.name LIKE 'SB%%' AND s.id IN %s",
            [tuple(seed_picking)],
        )
        candidates = {}
        for order_id, seed_id in cr.fetchall():
            candidates.setdefault(order_id, seed_id)
        wanted = max(0, total - len(seed_picking))
        chosen = sorted(candidates)
        self.rng.shuffle(chosen)
        chosen = chosen[:wanted]
        cr.execute("CREATE TEMP TABLE bench_picking_map (src_id int, new_id int, order_id int,"
                   " name varchar, state varchar, requested timestamp)")  # fmt: skip
        states = ["requested"] * 40 + ["preparing"] * 20 + ["shipped"] * 25 + ["delivered"] * 10
        states += ["cancelled"] * 5
        rows = []
        for n, order_id in enumerate(chosen):
            requested = self._random_date()
            stamp = requested.strftime("%Y-%m-%d %H:%M:%S")
            rows.append((seed_picking[candidates[order_id]], order_id, f"BENCH/OUT/{n:06d}",
                         states[n % len(states)], stamp))  # fmt: skip
        copy_rows(cr, "bench_picking_map", ["src_id", "order_id", "name", "state", "requested"],
                  rows)  # fmt: skip
        cr.execute("UPDATE bench_picking_map SET new_id = nextval('stock_picking_id_seq')")
        picking_state = (
            "CASE m.state WHEN 'cancelled' THEN 'cancel'"
            " WHEN 'shipped' THEN 'done' WHEN 'delivered' THEN 'done' ELSE s.state END"
        )
        clone(
            env,
            "stock.picking",
            "bench_picking_map",
            {
                "name": "m.name",
                "sale_id": "m.order_id",
                "origin": "(SELECT name FROM sale_order WHERE id = m.order_id)",
                "state": picking_state,
                "cim_shipment_state": "m.state",
                "cim_date_requested": "m.requested",
                "cim_date_preparing": "CASE WHEN m.state IN ('requested', 'cancelled') THEN NULL"
                " ELSE m.requested + interval '1 day' END",
                "date_done": "CASE WHEN m.state IN ('shipped', 'delivered')"
                " THEN m.requested + interval '2 days' END",
                "cim_date_delivered": "CASE WHEN m.state = 'delivered'"
                " THEN m.requested + interval '4 days' END",
                "carrier_tracking_ref": "CASE WHEN m.state IN ('shipped', 'delivered')"
                " THEN 'SF' || lpad(m.new_id::text, 10, '0') END",
                "create_date": "m.requested",
                "write_date": "m.requested",
            },
            skip_m2m=("reference_ids",),
        )
        cr.execute(
            "CREATE TEMP TABLE bench_move_map AS"
            " SELECT mv.id AS src_id, nextval('stock_move_id_seq')::int AS new_id,"
            " m.new_id AS picking_id, m.order_id, m.state, m.requested"
            " FROM bench_picking_map m JOIN stock_move mv ON mv.picking_id = m.src_id"
        )
        clone(
            env,
            "stock.move",
            "bench_move_map",
            {
                "picking_id": "m.picking_id",
                "sale_line_id": "(SELECT id FROM sale_order_line WHERE order_id = m.order_id"
                " AND display_type IS NULL ORDER BY id LIMIT 1)",
                "origin": "(SELECT name FROM sale_order WHERE id = m.order_id)",
                "state": "CASE m.state WHEN 'cancelled' THEN 'cancel'"
                " WHEN 'shipped' THEN 'done' WHEN 'delivered' THEN 'done' ELSE s.state END",
                "quantity": "CASE WHEN m.state IN ('shipped', 'delivered')"
                " THEN s.product_uom_qty ELSE 0 END",
                "create_date": "m.requested",
                "write_date": "m.requested",
            },
            skip_m2m=("reference_ids",),
        )
        cr.execute(
            "UPDATE sale_order o SET cim_shipping_state = m.state, cim_shipment_count = 1,"
            " cim_date_shipment_requested = m.requested"
            " FROM bench_picking_map m WHERE o.id = m.order_id"
        )
        cr.execute(
            "UPDATE sale_order_line l SET qty_delivered = l.product_uom_qty"
            " FROM bench_picking_map m WHERE l.order_id = m.order_id"
            " AND m.state IN ('shipped', 'delivered')"
        )
        cr.execute("DROP TABLE bench_move_map; DROP TABLE bench_picking_map")

    def make_carts_and_stock_customer(self):
        env = self.env
        SaleOrder = env["sale.order"]
        bench0 = self.resellers[0]
        partner = bench0.partner_id.commercial_partner_id
        variants = self._variants_for(bench0.company_id.id)
        customers = self.end_customers[partner.id]
        for _ in range(CART_DRAFTS):
            SaleOrder.with_company(bench0.company_id).create(
                self._order_vals(partner, self.rng.choice(customers), bench0.company_id,
                                 bench0.with_company(bench0.company_id).cim_effective_pricelist_id,
                                 variants, self.now)
            )  # fmt: skip
        # The stock reference: a plain portal customer of the main company,
        # with as many orders as bench0 and 20 quotations, all through sale's
        # own flow (action_confirm) for the seeds.
        main = env.ref("base.main_company")
        user = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "Stock Customer",
                    "login": "stock0",
                    "password": PASSWORD,
                    "company_id": main.id,
                    "company_ids": [(6, 0, main.ids)],
                    "group_ids": [(6, 0, env.ref("base.group_portal").ids)],
                }
            )
        )
        customer = user.partner_id
        shared = [v for v, company, _p in self.variants if company is None]
        pricelist = customer.property_product_pricelist
        seeds = SaleOrder.browse()
        for _ in range(self.scale["seeds_per_reseller"]):
            seeds |= SaleOrder.create(
                self._order_vals(customer, customer.id, main, pricelist, shared,
                                 self._random_date())
            )  # fmt: skip
        seeds.action_confirm()
        quotations = SaleOrder.create(
            [
                self._order_vals(customer, customer.id, main, pricelist, shared, self.now)
                for _ in range(CART_DRAFTS)
            ]
        )
        quotations.write({"state": "sent"})
        self.commit()
        self.cr.execute(
            "CREATE TEMP TABLE bench_order_map (src_id int, new_id int, name varchar,"
            " date_order timestamp, owner int)"
        )
        rows = []
        for k in range(self.order_counts[0] - len(seeds)):
            rows.append((seeds[k % len(seeds)].id, None, f"SS{k:07d}",
                         self._random_date().strftime("%Y-%m-%d %H:%M:%S"), user.id))  # fmt: skip
        self._clone_order_rows(rows)
        self.cr.execute("DROP TABLE bench_order_map")

    def finish(self):
        cr = self.cr
        self.commit()
        errors = self.env["cim.wallet"].search([])._cim_check_ledger()
        if errors:
            raise RuntimeError("ledger check failed:\n" + "\n".join(errors[:20]))
        cr.commit()
        subprocess.run(["psql", "-q", "-d", cr.dbname, "-c", "VACUUM ANALYZE"], check=True)

    def counts(self):
        cr = self.cr
        queries = {
            "tenants": "SELECT count(*) FROM res_company WHERE cim_tenant_code IS NOT NULL",
            "resellers": "SELECT count(*) FROM res_users WHERE cim_login_name IS NOT NULL",
            "products": "SELECT count(*) FROM product_template WHERE default_code LIKE 'BENCH-%%'",
            "product_images": "SELECT count(*) FROM ir_attachment"
            " WHERE res_model = 'product.template' AND res_field = 'image_1920'",
            "paid_orders": "SELECT count(*) FROM sale_order o JOIN res_partner p"
            " ON p.id = o.partner_id WHERE o.state = 'sale' AND p.cim_is_end_customer IS NOT TRUE"
            " AND o.partner_id IN (SELECT partner_id FROM cim_wallet)",
            "cart_drafts": "SELECT count(*) FROM sale_order WHERE state = 'draft'",
            "wallet_transactions": "SELECT count(*) FROM cim_wallet_transaction",
            "shipments": "SELECT count(*) FROM stock_picking WHERE cim_shipment_state IS NOT NULL",
            "end_customers": "SELECT count(*) FROM res_partner WHERE cim_is_end_customer",
            "stock_customer_orders": "SELECT count(*) FROM sale_order o JOIN res_users u"
            " ON u.partner_id = o.partner_id WHERE u.login = 'stock0'",
        }
        result = {}
        for name, query in queries.items():
            cr.execute(query)
            result[name] = cr.fetchone()[0]
        heavy = self.resellers[0]
        cr.execute(
            "SELECT count(*) FROM sale_order WHERE partner_id = %s AND state IN ('sale', 'cancel')",
            [heavy.partner_id.id],
        )
        result["bench0_orders"] = cr.fetchone()[0]
        cr.execute(
            "SELECT count(*) FROM cim_wallet_transaction WHERE partner_id = %s",
            [heavy.partner_id.id],
        )
        result["bench0_transactions"] = cr.fetchone()[0]
        cr.execute(
            "SELECT count(*) FROM res_partner WHERE parent_id = %s AND cim_is_end_customer",
            [heavy.partner_id.id],
        )
        result["bench0_end_customers"] = cr.fetchone()[0]
        cr.execute(
            "SELECT count(*) FROM stock_picking WHERE cim_reseller_id = %s", [heavy.partner_id.id]
        )
        result["bench0_shipments"] = cr.fetchone()[0]
        return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="database name, must start with bench_")
    parser.add_argument("--small", action="store_true", help="the small scale (quick runs)")
    parser.add_argument("--skip-install", action="store_true",
                        help="fill an existing freshly installed database")  # fmt: skip
    args = parser.parse_args()
    if not args.db.startswith("bench_"):
        parser.error("the database name must start with bench_")
    scale = "small" if args.small else "default"
    RESULTS.mkdir(exist_ok=True)
    clock = Clock()
    if not args.skip_install:
        with clock.step("install the addons and website_sale"):
            install(args.db)

    config.parse_config(["-c", str(REPO / "odoo.conf"), "-d", args.db, "--log-level=warn"])
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(
            cr,
            SUPERUSER_ID,
            {
                "tracking_disable": True,
                "mail_create_nolog": True,
                "mail_notrack": True,
                "mail_create_nosubscribe": True,
                "no_reset_password": True,
            },
        )
        generator = Generator(env, scale)
        generator.clock = clock
        generator.run()
        counts = generator.counts()
    summary = {
        "db": args.db,
        "scale": scale,
        "targets": {k: v for k, v in SCALES[scale].items() if isinstance(v, int)},
        "counts": counts,
        "steps": clock.steps,
        "seconds": clock.total(),
        "finished": datetime.now().isoformat(timespec="seconds"),
    }
    (RESULTS / f"{args.db}-generate.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
