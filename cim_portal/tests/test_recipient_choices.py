import re
from datetime import datetime

from odoo.tests import new_test_user, tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.cim_logistics.tests.common import create_carriers

from ..models.res_partner import RECIPIENT_CHOICES
from .common import CimRecipientCase

RECIPIENT_SELECT_RE = re.compile(r'<select[^>]*id="cim_recipient_id".*?</select>', re.S)
SHIP_SELECT_RE = re.compile(
    r'<select[^>]*name="recipient_id"[^>]*o_cim_shipment_recipient.*?</select>', re.S
)
OPTION_RE = re.compile(r'<option value="(\d+)"( selected="[^"]*")?')


@tagged("post_install", "-at_install")
class TestRecipientChoices(CimRecipientCase):
    """res.partner._cim_recipient_choices: the few end customers a recipient
    choice offers."""

    def test_limit_and_newest_customers(self):
        choices = self._choices(self.alice)
        self.assertEqual(len(choices), RECIPIENT_CHOICES)
        self.assertEqual(choices.ids, self._newest(self.alice, RECIPIENT_CHOICES).ids)
        self.assertNotIn(self.sun, choices)
        self.assertEqual(len(self._choices(self.alice, limit=5)), 5)

    def test_selected_comes_first_even_when_old(self):
        for selected in (self.sun, self.sun.id, str(self.sun.id), f" {self.sun.id} "):
            with self.subTest(selected=selected):
                choices = self._choices(self.alice, selected=selected)
                self.assertEqual(len(choices), RECIPIENT_CHOICES)
                self.assertEqual(choices[0], self.sun)
                self.assertEqual(len(set(choices.ids)), len(choices))
        for selected in ("", "new", "abc", "9" * 5000, True, [self.sun.id], None):
            with self.subTest(selected=str(selected)[:20]):
                self.assertEqual(
                    self._choices(self.alice, selected=selected).ids,
                    self._choices(self.alice).ids,
                )

    def test_most_recently_ordered_for_come_next(self):
        order_zhou = self._cart_entry(self.alice, self.tee, recipient=self.zhou)
        order_sun = self._cart_entry(self.alice, self.tee, recipient=self.sun)
        order_zhang = self._cart_entry(self.alice, self.tee, recipient=self.zhang)
        # Paid orders count like cart entries (paying dates the order now).
        order_zhang.with_user(self.alice).action_cim_submit()
        order_zhou.date_order = datetime(2024, 3, 1)
        order_sun.date_order = datetime(2024, 5, 1)
        order_zhang.date_order = datetime(2023, 1, 1)
        choices = self._choices(self.alice)
        self.assertEqual(len(choices), RECIPIENT_CHOICES)
        self.assertEqual(choices[:3].ids, [self.sun.id, self.zhou.id, self.zhang.id])
        self.assertEqual(choices[3:].ids, self._newest(self.alice, RECIPIENT_CHOICES - 3).ids)
        # The one selected stays first, and is not offered twice.
        choices = self._choices(self.alice, selected=self.zhou)
        self.assertEqual(choices[:3].ids, [self.zhou.id, self.sun.id, self.zhang.id])
        self.assertEqual(len(set(choices.ids)), RECIPIENT_CHOICES)
        # An archived customer is offered no more, whatever its orders.
        self.sun.action_archive()
        self.assertNotIn(self.sun, self._choices(self.alice, selected=self.sun))

    def test_other_resellers_customers_never_offered(self):
        self._cart_entry(self.bob, self.tee, recipient=self.liu)
        for selected in (None, self.liu, self.wang):
            with self.subTest(selected=selected):
                choices = self._choices(self.alice, selected=selected)
                self.assertFalse(choices & (self.liu | self.wang))
                self.assertEqual(choices.parent_id, self.alice.partner_id)
        self.assertEqual(self._choices(self.bob, selected=self.sun).ids, self.liu.ids)
        self.assertEqual(self._choices(self.carol).ids, self.wang.ids)

    def test_queries_do_not_grow_with_customers_and_orders(self):
        self._cart_entry(self.alice, self.tee, recipient=self.sun)

        def count_queries():
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._choices(self.alice, selected=self.zhou).mapped("city")
            return self.env.cr.sql_log_count - before

        count_queries()
        queries = count_queries()
        # The reseller, its partner and company read again after the
        # invalidation; the orders grouped, two searches, the names read.
        self.assertLessEqual(queries, 7)
        customers = self._new_end_customers(self.alice, "More", 60)
        for customer in customers[:5]:
            self._cart_entry(self.alice, self.tee, recipient=customer)
        self.assertEqual(count_queries(), queries)


@tagged("post_install", "-at_install")
class TestRecipientPages(CimRecipientCase):
    """/cim/recipients, and the recipient choice of the product and cart
    entry pages."""

    def _search(self, q):
        return self.make_jsonrpc_request("/cim/recipients", {"q": q})

    def _recipient_options(self, html):
        """(ids of the customers offered, id selected) of the recipient choice."""
        select = RECIPIENT_SELECT_RE.search(html).group(0)
        options = OPTION_RE.findall(select)
        selected = [int(value) for value, flag in options if flag]
        return [int(value) for value, _flag in options], selected[0] if selected else None

    # /cim/recipients -----------------------------------------------------

    def test_search_finds_my_customers_by_name_phone_city_or_street(self):
        self.login(self.alice)
        sun = {"id": self.sun.id, "name": "Sun Li", "city": "Nanjing"}
        zhou = {"id": self.zhou.id, "name": "Zhou Min", "city": "Qingdao"}
        self.assertEqual(self._search("sun l"), [sun])
        self.assertEqual(self._search("  Nanjing  "), [sun])
        self.assertEqual(self._search("025-555"), [sun])
        self.assertEqual(self._search("harbour"), [zhou])
        self.assertEqual(self._search("Qingdao"), [zhou])
        self.assertEqual(
            self._search("Zhang"), [{"id": self.zhang.id, "name": "Zhang Wei", "city": "Shanghai"}]
        )
        self.assertEqual(self._search(""), [])
        self.assertEqual(self._search("   "), [])

    def test_search_is_limited_and_sorted_by_name(self):
        self.login(self.alice)
        found = self._search("Customer")
        self.assertEqual(len(found), RECIPIENT_CHOICES)
        self.assertEqual([c["name"] for c in found], [f"Customer {n:02d}" for n in range(30)])

    def test_search_never_answers_other_resellers_customers(self):
        self._new_end_customer(self.bob, "Sun Bob", city="Nanjing")
        self.login(self.alice)
        self.assertEqual(self._search("Liu"), [])
        self.assertEqual(self._search("Wang"), [])
        self.assertEqual([c["id"] for c in self._search("Nanjing")], [self.sun.id])
        self.login(self.bob)
        self.assertEqual([c["name"] for c in self._search("Nanjing")], ["Sun Bob"])
        self.assertEqual(self._search("Sun Li"), [])

    def test_search_refuses_anonymous_staff_and_other_portal_users(self):
        with self.assertRaises(JsonRpcException) as caught:
            self._search("Sun")
        self.assertIn("SessionExpired", str(caught.exception))
        portal = new_test_user(self.env, login="t.portal", groups="base.group_portal")
        for login in (self.acme_user.login, portal.login):
            with self.subTest(login=login):
                self.authenticate(login, login)
                with self.assertRaises(JsonRpcException) as caught:
                    self._search("Sun")
                self.assertIn("NotFound", str(caught.exception))

    def test_hostile_search_input_answers_cleanly(self):
        self.login(self.alice)
        for q in (
            "x" * 100000,
            "Sun" + " " * 200 + "Li",
            "<script>alert(1)</script>",
            "' OR 1=1; DROP TABLE res_partner; --",
            "\\",
            "\x00",
            123,
            None,
            ["Sun"],
            {"name": "Sun"},
        ):
            with self.subTest(q=str(q)[:40]):
                self.assertEqual(self._search(q), [])
        # Wildcards only ever reach the reseller's own customers.
        found = self._search("%")
        self.assertEqual(len(found), RECIPIENT_CHOICES)
        self.assertNotIn(self.liu.id, [c["id"] for c in found])

    # Product and cart entry pages ---------------------------------------

    def test_product_page_offers_a_few_customers_and_the_search(self):
        self.login(self.alice)
        page = self.url_open(f"/cim/product/{self.tee.id}").text
        offered, selected = self._recipient_options(page)
        self.assertEqual(offered, self._newest(self.alice, RECIPIENT_CHOICES).ids)
        self.assertIsNone(selected)
        select = RECIPIENT_SELECT_RE.search(page).group(0)
        self.assertIn('<option value="">—</option>', select)
        self.assertIn('value="new"', select)
        self.assertIn("Customer 39 — Beijing", select)
        self.assertIn("o_cim_recipient_search", page)
        self.assertIn('placeholder="Search your customers"', page)

    def test_product_page_keeps_the_recipient_after_an_error(self):
        self.login(self.alice)
        before = self.env["sale.order"].search_count([])
        reply = self.post(
            f"/cim/product/{self.tee.id}",
            {
                "product_id": self.tee.product_variant_id.id,
                "quantity": "abc",
                "recipient_id": self.sun.id,
                "action": "cart",
            },
        )
        self.assertEqual(reply.status_code, 400)
        offered, selected = self._recipient_options(reply.text)
        self.assertEqual(selected, self.sun.id)
        self.assertEqual(offered[0], self.sun.id)
        self.assertLessEqual(len(offered), RECIPIENT_CHOICES)
        self.assertEqual(self.env["sale.order"].search_count([]), before)

    def test_order_for_a_customer_not_offered(self):
        self.login(self.alice)
        page = self.url_open(f"/cim/product/{self.tee.id}").text
        self.assertNotIn(self.sun.id, self._recipient_options(page)[0])
        reply = self.post(
            f"/cim/product/{self.tee.id}",
            {
                "product_id": self.tee.product_variant_id.id,
                "quantity": "1",
                "recipient_id": self.sun.id,
                "action": "buy",
            },
        )
        self.assertEqual(reply.status_code, 303)
        order = self._orders(self.alice, ["sale"])
        self.assertEqual(order.partner_shipping_id, self.sun)
        # Now that alice ordered for Sun Li, the page offers Sun Li first.
        page = self.url_open(f"/cim/product/{self.tee.id}").text
        self.assertEqual(self._recipient_options(page)[0][0], self.sun.id)

    def test_cart_entry_offers_its_recipient_and_takes_any_customer(self):
        draft = self._cart_entry(self.alice, self.tee, recipient=self.sun)
        # Thirty newer orders push Sun Li out of the most recently ordered for.
        for customer in self.crowd[:RECIPIENT_CHOICES]:
            self._cart_entry(self.alice, self.mug, recipient=customer, note="Hi")
        draft.date_order = datetime(2020, 1, 1)
        self.login(self.alice)
        page = self.url_open(f"/my/cart/{draft.id}").text
        offered, selected = self._recipient_options(page)
        self.assertEqual(len(offered), RECIPIENT_CHOICES)
        self.assertEqual((offered[0], selected), (self.sun.id, self.sun.id))
        self.assertIn("o_cim_recipient_search", page)
        self.assertNotIn(self.zhou.id, offered)
        reply = self.post(f"/my/cart/{draft.id}/edit", {"recipient_id": self.zhou.id})
        self.assertEqual(reply.status_code, 303)
        self.assertEqual(draft.partner_shipping_id, self.zhou)
        # A refused recipient is shown with the error, the choice kept small.
        reply = self.post(f"/my/cart/{draft.id}/edit", {"recipient_id": self.liu.id})
        self.assertEqual(reply.status_code, 400)
        offered, selected = self._recipient_options(reply.text)
        self.assertNotIn(self.liu.id, offered)
        self.assertLessEqual(len(offered), RECIPIENT_CHOICES)
        self.assertEqual(draft.partner_shipping_id, self.zhou)

    def test_ship_form_offers_a_few_customers_and_ships_to_any(self):
        carrier, _own = create_carriers(self.env)
        paid = self._paid_order(self.alice, self.tee)
        self.login(self.alice)
        page = self.url_open(f"/my/orders/{paid.id}").text
        select = SHIP_SELECT_RE.search(page).group(0)
        offered = [int(value) for value, _flag in OPTION_RE.findall(select)]
        self.assertLessEqual(len(offered), RECIPIENT_CHOICES)
        self.assertEqual(offered[0], paid.partner_shipping_id.id)
        self.assertNotIn(self.zhou.id, offered)
        self.assertIn("o_cim_recipient_search", page)
        # A bad carrier: the page comes back with the recipient posted kept.
        reply = self.post(
            f"/my/orders/{paid.id}/ship", {"recipient_id": self.zhou.id, "carrier_id": "x"}
        )
        self.assertEqual(reply.status_code, 400)
        select = SHIP_SELECT_RE.search(reply.text).group(0)
        selected = [int(value) for value, flag in OPTION_RE.findall(select) if flag]
        self.assertEqual(selected, [self.zhou.id])
        reply = self.post(
            f"/my/orders/{paid.id}/ship", {"recipient_id": self.zhou.id, "carrier_id": carrier.id}
        )
        self.assertEqual(reply.status_code, 303)
        self.assertEqual(paid.picking_ids.partner_id, self.zhou)
        # The shipment's edit form offers its recipient, old as it is.
        page = self.url_open(f"/my/shipments/{paid.picking_ids.id}/edit").text
        select = SHIP_SELECT_RE.search(page).group(0)
        offered = [int(value) for value, _flag in OPTION_RE.findall(select)]
        self.assertLessEqual(len(offered), RECIPIENT_CHOICES)
        self.assertEqual(offered[0], self.zhou.id)
