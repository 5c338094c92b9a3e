from odoo.tests import tagged

from .common import CimPortalCase


@tagged("post_install", "-at_install")
class TestMyCustomers(CimPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zhang = cls._new_end_customer(cls.alice, "Zhang Wei", city="Shanghai")
        cls.liu = cls._new_end_customer(cls.bob, "Liu Yang", city="Wuhan")

    def _customer_count(self):
        return (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search_count([("cim_is_end_customer", "=", True)])
        )

    def test_tour_create_edit_delete_a_customer(self):
        self.start_tour("/my/customers", "cim_portal_my_customers", login="alice@acme")
        tour_customer = (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("name", "=", "Tour Customer")])
        )
        self.assertFalse(tour_customer, "the tour deleted the customer it created")

    def test_anonymous_is_sent_to_login(self):
        for url in ["/my/customers", f"/my/customers/{self.zhang.id}", "/my/customers/new"]:
            with self.subTest(url=url):
                reply = self.url_open(url, allow_redirects=False)
                self.assertIn(reply.status_code, (302, 303))
                self.assertIn("/web/login", reply.headers["Location"])

    def test_list_shows_only_own_customers_and_searches(self):
        self.login(self.alice)
        page = self.url_open("/my/customers")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Zhang Wei", page.text)
        self.assertNotIn("Liu Yang", page.text)
        page = self.url_open("/my/customers?search=nothing-matches")
        self.assertIn("No customer matches your search.", page.text)

    def test_other_resellers_and_tenants_get_404(self):
        for user in (self.bob, self.carol):
            self.login(user)
            for url in [f"/my/customers/{self.zhang.id}", f"/my/customers/{self.zhang.id}/edit"]:
                with self.subTest(user=user.login, url=url):
                    self.assertEqual(self.url_open(url).status_code, 404)
            reply = self.post(f"/my/customers/{self.zhang.id}/edit", {"name": "Hijacked"})
            self.assertEqual(reply.status_code, 404)
            reply = self.post(f"/my/customers/{self.zhang.id}/delete")
            self.assertEqual(reply.status_code, 404)
        self.assertEqual(self.zhang.name, "Zhang Wei")
        self.assertTrue(self.zhang.exists())

    def test_staff_get_404(self):
        self.authenticate(self.acme_user.login, self.acme_user.login)
        self.assertEqual(self.url_open("/my/customers").status_code, 404)

    def test_post_without_csrf_is_refused(self):
        self.login(self.alice)
        before = self._customer_count()
        reply = self.post("/my/customers/new", {"name": "No token"}, csrf=False)
        self.assertEqual(reply.status_code, 400)
        reply = self.post(f"/my/customers/{self.zhang.id}/delete", csrf=False)
        self.assertEqual(reply.status_code, 400)
        self.assertEqual(self._customer_count(), before)
        self.assertTrue(self.zhang.exists())

    def test_bad_input_is_explained_next_to_the_field_and_changes_nothing(self):
        self.login(self.alice)
        before = self._customer_count()
        cases = [
            ({"name": ""}, "The customer&#39;s name is required."),
            ({"name": "<b>x</b>"}, "cannot contain &lt; or &gt;"),
            ({"name": "x" * 300}, "at most 128 characters"),
            ({"name": "Ok", "country_id": "abc"}, "is not valid"),
            ({"name": "Ok", "country_id": "999999999"}, "is not valid"),
            ({"name": "Ok", "cim_notes": "n" * 5000}, "at most 2000 characters"),
        ]
        for data, message in cases:
            with self.subTest(data=str(data)[:40]):
                reply = self.post("/my/customers/new", data)
                self.assertEqual(reply.status_code, 400)
                self.assertIn("invalid-feedback", reply.text)
                self.assertIn(message, reply.text)
        reply = self.post(f"/my/customers/{self.zhang.id}/edit", {"name": ""})
        self.assertEqual(reply.status_code, 400)
        self.assertEqual(self._customer_count(), before)
        self.assertEqual(self.zhang.name, "Zhang Wei")

    def test_unknown_fields_in_the_form_are_ignored(self):
        """The form posts only known fields; others never reach the model."""
        self.login(self.alice)
        reply = self.post(
            "/my/customers/new",
            {
                "name": "Wang Fang",
                "parent_id": self.bob.partner_id.id,
                "company_id": self.globex.id,
            },
        )
        self.assertEqual(reply.status_code, 303)
        created = self.env["res.partner"].search([("name", "=", "Wang Fang")])
        self.assertEqual(created.parent_id, self.alice.partner_id)
        self.assertEqual(created.company_id, self.acme)

    def test_delete_of_a_customer_with_orders_archives_it(self):
        product = self.env["product.product"].create({"name": "Mug"})
        self.env["sale.order"].create(
            {
                "partner_id": self.alice.partner_id.id,
                "partner_shipping_id": self.zhang.id,
                "company_id": self.acme.id,
                "order_line": [(0, 0, {"product_id": product.id})],
            }
        )
        self.login(self.alice)
        reply = self.post(f"/my/customers/{self.zhang.id}/delete")
        self.assertIn("message=archived", reply.headers["Location"])
        self.assertFalse(self.zhang.active)
        page = self.url_open("/my/customers?message=archived")
        self.assertIn("archived instead of deleted", page.text)

    def test_home_counts_my_customers(self):
        self.login(self.alice)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["cim_customer_count"]})
        self.assertEqual(counters["cim_customer_count"], 1)
