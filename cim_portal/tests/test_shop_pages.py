from odoo.fields import Command
from odoo.tests import tagged

from .common import CimShopCase


@tagged("post_install", "-at_install")
class TestShopPages(CimShopCase):
    """Every page and form of the catalog, cart, orders and wallet over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.draft = cls._cart_entry(cls.alice, cls.tee, 2)
        cls.paid = cls._paid_order(cls.alice, cls.tee, 1)

    def _form(self, **vals):
        values = {
            "product_id": self.tee.product_variant_id.id,
            "quantity": "1",
            "recipient_id": self.zhang.id,
            "action": "cart",
        }
        values.update(vals)
        return values

    def _state(self):
        """What a refused request must leave as it was."""
        self.env.invalidate_all()
        orders = self.env["sale.order"].search([], order="id")
        return (
            [(o.id, o.state, o.partner_shipping_id.id, o.amount_total) for o in orders],
            [(ln.id, ln.product_uom_qty, ln.cim_customisation_note) for ln in orders.order_line],
            self.env["res.partner"].search_count([("cim_is_end_customer", "=", True)]),
            self.wallet_alice.balance,
            self.env["cim.wallet.transaction"].search_count([]),
        )

    # Who may see what ----------------------------------------------------

    def _get_urls(self):
        return [
            "/",
            "/cim/search?q=tee",
            f"/cim/product/{self.tee.id}",
            "/my/cart",
            f"/my/cart/{self.draft.id}",
            "/my/orders",
            f"/my/orders/{self.paid.id}",
            "/my/wallet",
            "/my/wallet/transactions.csv",
        ]

    def test_anonymous_is_sent_to_login(self):
        for url in self._get_urls():
            with self.subTest(url=url):
                reply = self.url_open(url, allow_redirects=False)
                self.assertIn(reply.status_code, (302, 303))
                self.assertIn("/web/login", reply.headers["Location"])
        self.authenticate(None, None)
        before = self._state()
        for url in [
            f"/cim/product/{self.tee.id}",
            f"/my/cart/{self.draft.id}/edit",
            f"/my/cart/{self.draft.id}/delete",
            f"/my/cart/{self.draft.id}/submit",
            "/my/cart/submit",
            f"/my/orders/{self.paid.id}/cancel",
        ]:
            with self.subTest(url=url):
                reply = self.post(url, self._form())
                self.assertIn(reply.status_code, (302, 303, 400, 403))
        self.assertEqual(self._state(), before)

    def test_reseller_pages_answer(self):
        self.login(self.alice)
        for url in self._get_urls():
            with self.subTest(url=url):
                reply = self.url_open(url)
                self.assertEqual(reply.status_code, 200, reply.text[:300])

    def test_other_reseller_and_other_tenant_get_404(self):
        before = self._state()
        for user in (self.bob, self.carol):
            self.login(user)
            for url in [f"/my/cart/{self.draft.id}", f"/my/orders/{self.paid.id}"]:
                with self.subTest(user=user.login, url=url):
                    self.assertEqual(self.url_open(url).status_code, 404)
            for url in [
                f"/my/cart/{self.draft.id}/edit",
                f"/my/cart/{self.draft.id}/delete",
                f"/my/cart/{self.draft.id}/submit",
                f"/my/orders/{self.paid.id}/cancel",
            ]:
                with self.subTest(user=user.login, url=url):
                    reply = self.post(url, {f"quantity_{self.draft.order_line.id}": "9"})
                    self.assertEqual(reply.status_code, 404)
            reply = self.post("/my/cart/submit", {"order_ids": self.draft.id})
            self.assertEqual(reply.status_code, 404)
        self.assertEqual(self._state(), before)

    def test_hidden_products_are_404(self):
        self.login(self.alice)
        for product in (self.bob_cap, self.globex_bag, self.draft_scarf):
            with self.subTest(product=product.name):
                url = f"/cim/product/{product.id}"
                self.assertEqual(self.url_open(url).status_code, 404)
                self.assertEqual(self.post(url, self._form()).status_code, 404)
        self.assertEqual(self.url_open("/cim/product/999999999").status_code, 404)

    def test_staff_get_404_on_reseller_pages(self):
        self.authenticate(self.acme_user.login, self.acme_user.login)
        for url in ["/my/cart", f"/cim/product/{self.tee.id}", "/my/wallet", "/cim/search?q=a"]:
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)

    def test_post_without_csrf_is_refused(self):
        self.login(self.alice)
        before = self._state()
        line = self.draft.order_line
        for url, data in [
            (f"/cim/product/{self.tee.id}", self._form()),
            (f"/cim/product/{self.tee.id}", self._form(action="buy")),
            (f"/my/cart/{self.draft.id}/edit", {f"quantity_{line.id}": "5"}),
            (f"/my/cart/{self.draft.id}/delete", {}),
            (f"/my/cart/{self.draft.id}/submit", {}),
            ("/my/cart/submit", {"order_ids": self.draft.id}),
            (f"/my/orders/{self.paid.id}/cancel", {}),
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.post(url, data, csrf=False).status_code, 400)
        self.assertEqual(self._state(), before)

    # Home, search and product page ----------------------------------------

    def test_home_shows_only_visible_products_at_my_prices(self):
        self.login(self.alice)
        page = self.url_open("/").text
        for name in ("Star Tee", "Cosy Hoodie", "Newest Styles", "Star Products"):
            self.assertIn(name, page)
        for name in ("Bob Only Cap", "Globex Bag", "Draft Scarf"):
            self.assertNotIn(name, page)
        self.assertIn("80.00", page)
        self.assertIn(f"/web/image/product.template/{self.tee.id}/image_512", page)
        self.login(self.bob)
        self.assertIn("Bob Only Cap", self.url_open("/").text)

    def test_search_in_both_languages_and_by_category_and_reference(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.tee.with_context(lang="zh_CN").name = "明星T恤"
        self.mug.categ_id = self.env["product.category"].create({"name": "Kitchenware"})
        self.alice.lang = "zh_CN"
        self.login(self.alice)
        for query, expected in [
            ("Star", "TEE-01"),
            ("明星", "TEE-01"),
            ("TEE-01", "TEE-01"),
            ("cotton", "TEE-01"),
            ("Kitchen", "Photo Mug"),
        ]:
            with self.subTest(query=query):
                page = self.url_open(f"/cim/search?q={query}").text
                product = self.tee if expected == "TEE-01" else self.mug
                self.assertIn(f'/cim/product/{product.id}"', page)
        page = self.url_open("/cim/search?q=Globex").text
        self.assertNotIn("Globex Bag", page)
        self.assertIn("o_cim_search_empty", page)
        self.assertIn("o_cim_home_link", page)

    def test_search_paginates(self):
        self.env["product.template"].create(
            [self._product_vals(f"Paged Tee {n:02d}") for n in range(15)]
        )
        self.login(self.alice)
        first = self.url_open("/cim/search?q=Paged").text
        second = self.url_open("/cim/search/page/2?q=Paged").text
        self.assertIn("Paged Tee 00", first)
        self.assertNotIn("Paged Tee 14", first)
        self.assertIn("Paged Tee 14", second)

    def test_product_page_shows_variants_price_and_my_customers(self):
        self.login(self.alice)
        page = self.url_open(f"/cim/product/{self.hoodie.id}").text
        for variant in self.hoodie.product_variant_ids:
            self.assertIn(f'value="{variant.id}"', page)
        self.assertIn("Zhang Wei", page)
        self.assertNotIn("Liu Yang", page)
        page = self.url_open(f"/cim/product/{self.mug.id}").text
        self.assertIn("The text to print", page)

    def test_price_route_answers_my_price_and_refuses_hidden_products(self):
        self.login(self.alice)
        price = self.make_jsonrpc_request(
            "/cim/product/price", {"product_id": self.tee.product_variant_id.id, "quantity": 3}
        )
        self.assertIn("80.00", price["price"])
        with self.assertRaises(Exception):  # noqa: B017 - a JSON-RPC error reply
            self.make_jsonrpc_request(
                "/cim/product/price", {"product_id": self.bob_cap.product_variant_id.id}
            )

    def test_add_to_cart_goes_to_the_cart(self):
        self.login(self.alice)
        reply = self.post(
            f"/cim/product/{self.mug.id}",
            self._form(product_id=self.mug.product_variant_id.id, customisation_note="Hi Mum"),
        )
        self.assertEqual(reply.status_code, 303)
        self.assertIn("/my/cart", reply.headers["Location"])
        order = self._orders(self.alice).filtered(
            lambda o: o.order_line.product_id.name == "Photo Mug"
        )
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.order_line.cim_customisation_note, "Hi Mum")

    def test_add_with_a_new_recipient(self):
        self.login(self.alice)
        reply = self.post(
            f"/cim/product/{self.tee.id}",
            self._form(
                recipient_id="new",
                new_recipient_name="Zhou Min",
                new_recipient_phone="123",
                new_recipient_city="Nanjing",
                new_recipient_country_id="",
            ),
        )
        self.assertEqual(reply.status_code, 303)
        zhou = self.env["res.partner"].search([("name", "=", "Zhou Min")])
        self.assertEqual(zhou.parent_id, self.alice.partner_id)
        self.assertEqual(self._orders(self.alice).partner_shipping_id & zhou, zhou)

    def test_buy_now_pays_and_shows_the_order(self):
        self.login(self.alice)
        reply = self.post(f"/cim/product/{self.tee.id}", self._form(action="buy", quantity="2"))
        self.assertEqual(reply.status_code, 303)
        order = self._orders(self.alice, ["sale"]) - self.paid
        self.assertEqual(len(order), 1)
        self.assertIn(f"/my/orders/{order.id}", reply.headers["Location"])
        self.assertEqual(self.wallet_alice.balance, 500.0 - 80.0 - 160.0)
        page = self.url_open(reply.headers["Location"]).text
        self.assertIn("160.00", page)

    def test_buy_now_with_short_balance_charges_nothing(self):
        self.login(self.alice)
        before = self._state()
        reply = self.post(f"/cim/product/{self.tee.id}", self._form(action="buy", quantity="100"))
        self.assertEqual(reply.status_code, 400)
        self.assertIn("o_cim_payment_error", reply.text)
        self.assertIn("is missing", reply.text)
        self.assertEqual(self._state(), before)

    def test_bad_order_input_is_shown_next_to_the_field(self):
        self.login(self.alice)
        before = self._state()
        cases = [
            ({"quantity": "abc"}, "quantity", "must be a whole number"),
            ({"quantity": "-2"}, "quantity", "between 1 and 10000"),
            ({"quantity": "99999999999999999999"}, "quantity", "between 1 and 10000"),
            ({"customisation_note": "x" * 1001}, "customisation_note", "at most 1000"),
            ({"customisation_note": "<b>bold</b>"}, "customisation_note", "cannot contain"),
            ({"recipient_id": self.liu.id}, "recipient_id", "Choose one of your customers"),
            ({"recipient_id": self.wang.id}, "recipient_id", "Choose one of your customers"),
            ({"recipient_id": "new", "new_recipient_name": ""}, "new_recipient_name", "required"),
            (
                {"product_id": self.bob_cap.product_variant_id.id},
                None,
                "This product is not available.",
            ),
            ({"product_id": "abc"}, None, "This product is not available."),
            # Longer than int() accepts: refused like any bad value, not a crash.
            ({"product_id": "9" * 5000}, None, "This product is not available."),
            ({"recipient_id": "9" * 5000}, "recipient_id", "Choose one of your customers"),
            ({"quantity": "9" * 5000}, "quantity", "between 1 and 10000"),
        ]
        for data, field, message in cases:
            for action in ("cart", "buy"):
                with self.subTest(data=str(data)[:50], action=action):
                    reply = self.post(
                        f"/cim/product/{self.tee.id}", self._form(action=action, **data)
                    )
                    self.assertEqual(reply.status_code, 400)
                    self.assertIn(message, reply.text)
                    if field:
                        self.assertIn(f'name="{field}"', reply.text)
                        self.assertIn("invalid-feedback", reply.text)
        reply = self.post(
            f"/cim/product/{self.mug.id}",
            self._form(product_id=self.mug.product_variant_id.id),
        )
        self.assertEqual(reply.status_code, 400)
        self.assertIn("needs a customisation", reply.text)
        self.assertEqual(self._state(), before)

    # Cart -------------------------------------------------------------------

    def test_cart_lists_my_drafts_with_balance_and_total(self):
        self._cart_entry(self.bob, self.tee)
        self.login(self.alice)
        page = self.url_open("/my/cart").text
        self.assertIn(self.draft.name, page)
        self.assertNotIn(self.paid.name, page)
        self.assertIn("420.00", page)  # balance
        self.assertIn("160.00", page)  # total
        self.assertEqual(page.count("o_cim_cart_row"), 1)
        self.assertNotIn("o_cim_short_balance", page)
        self._cart_entry(self.alice, self.tee, 5)
        page = self.url_open("/my/cart").text
        self.assertIn("o_cim_short_balance", page)
        self.assertIn("140.00", page)  # 560 - 420 missing

    def test_edit_cart_entry(self):
        self.login(self.alice)
        line = self.draft.order_line
        sun = self._new_end_customer(self.alice, "Sun Li")
        reply = self.post(
            f"/my/cart/{self.draft.id}/edit",
            {
                "recipient_id": sun.id,
                f"quantity_{line.id}": "3",
                f"customisation_note_{line.id}": "Green",
            },
        )
        self.assertEqual(reply.status_code, 303)
        self.assertEqual(self.draft.partner_shipping_id, sun)
        self.assertEqual(line.product_uom_qty, 3)
        self.assertEqual(self.draft.amount_total, 240.0)

    def test_bad_cart_edit_is_shown_and_changes_nothing(self):
        self.login(self.alice)
        line = self.draft.order_line
        before = self._state()
        for data, message in [
            ({f"quantity_{line.id}": "0"}, "between 1 and 10000"),
            ({f"quantity_{line.id}": "1e9"}, "must be a whole number"),
            ({f"customisation_note_{line.id}": "<i>"}, "cannot contain"),
            ({f"customisation_note_{line.id}": "y" * 2000}, "at most 1000"),
            ({"recipient_id": self.liu.id}, "Choose one of your customers"),
            ({"recipient_id": "abc"}, "Choose one of your customers"),
        ]:
            with self.subTest(data=str(data)[:50]):
                reply = self.post(f"/my/cart/{self.draft.id}/edit", data)
                self.assertEqual(reply.status_code, 400)
                self.assertIn(message, reply.text)
                self.assertIn("invalid-feedback", reply.text)
        self.assertEqual(self._state(), before)

    def test_delete_cart_entry(self):
        self.login(self.alice)
        reply = self.post(f"/my/cart/{self.draft.id}/delete")
        self.assertEqual(reply.status_code, 303)
        self.assertFalse(self.draft.exists())
        # A paid order is no cart entry.
        self.assertEqual(self.post(f"/my/cart/{self.paid.id}/delete").status_code, 404)

    def test_submit_selected_entries(self):
        other = self._cart_entry(self.alice, self.hoodie, 1)
        kept = self._cart_entry(self.alice, self.hoodie, 1)
        self.login(self.alice)
        reply = self.post("/my/cart/submit", {"order_ids": [self.draft.id, other.id]})
        self.assertEqual(reply.status_code, 303)
        self.assertEqual((self.draft | other).mapped("state"), ["sale", "sale"])
        self.assertEqual(kept.state, "draft")
        self.assertEqual(self.wallet_alice.balance, 420.0 - 160.0 - 100.0)

    def test_submit_with_short_balance_charges_nothing(self):
        big = self._cart_entry(self.alice, self.tee, 10)
        self.login(self.alice)
        before = self._state()
        reply = self.post("/my/cart/submit", {"order_ids": [big.id]})
        self.assertEqual(reply.status_code, 400)
        self.assertIn("is missing", reply.text)
        reply = self.post(f"/my/cart/{big.id}/submit")
        self.assertEqual(reply.status_code, 400)
        self.assertIn("is missing", reply.text)
        self.assertEqual(self._state(), before)
        reply = self.post("/my/cart/submit", {})
        self.assertEqual(reply.status_code, 400)
        reply = self.post("/my/cart/submit", {"order_ids": "abc"})
        self.assertEqual(reply.status_code, 404)

    # Orders -----------------------------------------------------------------

    def test_orders_list_filters_and_searches(self):
        cancelled = self._paid_order(self.alice, self.hoodie, 1)
        cancelled.with_user(self.alice).action_cim_cancel()
        self.login(self.alice)
        page = self.url_open("/my/orders").text
        self.assertIn(self.paid.name, page)
        self.assertIn(cancelled.name, page)
        self.assertNotIn(self.draft.name, page)
        page = self.url_open("/my/orders?filterby=cancel").text
        self.assertNotIn(f">{self.paid.name}<", page)
        self.assertIn(cancelled.name, page)
        page = self.url_open("/my/orders?search=Hoodie").text
        self.assertIn(cancelled.name, page)
        self.assertNotIn(f">{self.paid.name}<", page)

    def test_orders_list_holds_the_resellers_own_orders_only(self):
        # The list is searched without sale's portal rule (see
        # _cim_search_own): the ownership domain alone must keep other
        # resellers' orders, and its end customers' own orders, out.
        self._topup(self._wallet(self.bob), 500.0)
        bob_order = self._paid_order(self.bob, self.tee, 1)
        self._topup(self._wallet(self.carol), 500.0)
        carol_order = self._paid_order(self.carol, self.tee, 1)
        zhang_order = self.env["sale.order"].create(
            {
                "partner_id": self.zhang.id,
                "company_id": self.acme.id,
                "order_line": [Command.create({"product_id": self.tee.product_variant_id.id})],
            }
        )
        # An order of the end customer itself (staff made it; sale's rule
        # would show it to alice, a child contact's order): cancelled, so
        # that the list's states include it.
        zhang_order.action_cancel()
        self.login(self.alice)
        page = self.url_open("/my/orders").text
        self.assertEqual(page.count("o_cim_order_row"), 1)
        self.assertIn(self.paid.name, page)
        for other in (bob_order, carol_order, zhang_order):
            self.assertNotIn(other.name, page)

    def test_order_page_shows_lines_recipient_and_amount_deducted(self):
        self.login(self.alice)
        page = self.url_open(f"/my/orders/{self.paid.id}").text
        self.assertIn("Zhang Wei", page)
        self.assertIn("Star Tee", page)
        self.assertIn("80.00", page)
        self.assertIn("o_cim_order_cancel", page)
        self.assertIn('id="cim_order_shipments"', page)
        # A draft's page is its cart entry.
        reply = self.url_open(f"/my/orders/{self.draft.id}", allow_redirects=False)
        self.assertIn(f"/my/cart/{self.draft.id}", reply.headers["Location"])

    def test_cancel_refunds(self):
        self.login(self.alice)
        reply = self.post(f"/my/orders/{self.paid.id}/cancel")
        self.assertEqual(reply.status_code, 303)
        self.assertEqual(self.paid.state, "cancel")
        self.assertEqual(self.wallet_alice.balance, 500.0)
        page = self.url_open(reply.headers["Location"]).text
        self.assertIn("o_cim_amount_refunded", page)
        self.assertNotIn("o_cim_order_cancel_confirm", page)
        # Twice refunds once.
        self.post(f"/my/orders/{self.paid.id}/cancel")
        self.assertEqual(self.wallet_alice.balance, 500.0)

    def test_non_resellers_keep_the_stock_order_pages(self):
        self.authenticate(self.acme_user.login, self.acme_user.login)
        reply = self.url_open("/my/orders")
        self.assertEqual(reply.status_code, 200)
        self.assertNotIn("o_cim_order_row", reply.text)

    # Wallet -----------------------------------------------------------------

    def test_wallet_shows_balance_and_transactions(self):
        self._topup(self._wallet(self.bob), 77.0)
        self.login(self.alice)
        page = self.url_open("/my/wallet").text
        self.assertIn("420.00", page)
        self.assertEqual(page.count("o_cim_transaction_row"), 2)
        self.assertIn(self.paid.name, page)
        self.assertNotIn("77.00", page)
        page = self.url_open("/my/wallet?type=debit").text
        self.assertEqual(page.count("o_cim_transaction_row"), 1)
        page = self.url_open("/my/wallet?date_from=2000-01-01&date_to=2000-12-31").text
        self.assertEqual(page.count("o_cim_transaction_row"), 0)
        page = self.url_open("/my/wallet?date_from=nonsense&type=bogus").text
        self.assertEqual(page.count("o_cim_transaction_row"), 2)

    def test_wallet_paginates(self):
        for _n in range(25):
            self._topup(self.wallet_alice, 1.0)
        self.login(self.alice)
        self.assertEqual(self.url_open("/my/wallet").text.count("o_cim_transaction_row"), 20)
        self.assertEqual(self.url_open("/my/wallet/page/2").text.count("o_cim_transaction_row"), 7)

    def test_wallet_csv(self):
        self.login(self.alice)
        reply = self.url_open("/my/wallet/transactions.csv?type=debit")
        self.assertEqual(reply.status_code, 200)
        self.assertIn("text/csv", reply.headers["Content-Type"])
        rows = reply.content.decode("utf-8-sig").strip().splitlines()
        self.assertEqual(len(rows), 2)
        self.assertIn(self.paid.name, rows[1])
        self.assertIn("-80.0", rows[1])

    def test_home_counters(self):
        self.login(self.alice)
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {
                "counters": [
                    "cim_cart_count",
                    "cim_order_count",
                    "cim_wallet_balance",
                    "order_count",
                ]
            },
        )
        self.assertEqual(counters["cim_cart_count"], 1)
        self.assertEqual(counters["cim_order_count"], 1)
        self.assertIn("420.00", counters["cim_wallet_balance"])
        self.assertEqual(counters["order_count"], 0)
