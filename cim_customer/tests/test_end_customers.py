from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.cim_customer.exceptions import FieldValidationError

from .common import CimTenantCase


@tagged("post_install", "-at_install")
class TestEndCustomers(CimTenantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zhang = cls._new_end_customer(
            cls.alice, "Zhang Wei", phone="+86 139 0000 0001", city="Shanghai"
        )
        cls.product = cls.env["product.product"].create({"name": "Test mug", "list_price": 10.0})

    def _count(self):
        return (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search_count([("cim_is_end_customer", "=", True)])
        )

    def test_reseller_creates_its_own_customer(self):
        customer = self.zhang
        self.assertTrue(customer.cim_is_end_customer)
        self.assertEqual(customer.parent_id, self.alice.partner_id)
        self.assertEqual(customer.company_id, self.acme)
        self.assertEqual(customer.type, "delivery")
        self.assertEqual(customer.phone, "+86 139 0000 0001")

    def test_bad_input_is_refused_and_changes_nothing(self):
        before = self._count()
        Partner = self.env["res.partner"].with_user(self.alice)
        bad_inputs = [
            {"name": ""},
            {"name": "   "},
            {"name": "<script>alert(1)</script>"},
            {"name": "x" * 129},
            {"name": "Ok", "cim_notes": "n" * 2001},
            {"name": "Ok", "country_id": 10**9},
            {"name": "Ok", "country_id": "1; drop table"},
            {"name": 42},
        ]
        for vals in bad_inputs:
            with self.subTest(vals=str(vals)[:60]), self.assertRaises(ValidationError):
                Partner.cim_create_end_customer(vals)
        for vals in [
            {"name": "Ok", "parent_id": self.bob.partner_id.id},
            {"name": "Ok", "company_id": self.globex.id},
        ]:
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                Partner.cim_create_end_customer(vals)
        self.assertEqual(self._count(), before)

    def test_each_bad_field_gets_its_own_message(self):
        """A form shows every message next to its field."""
        with self.assertRaises(FieldValidationError) as caught:
            self.env["res.partner"].with_user(self.alice).cim_create_end_customer(
                {"name": " ", "cim_notes": "n" * 2001, "country_id": 10**9, "city": "Hangzhou"}
            )
        errors = caught.exception.errors
        self.assertEqual(set(errors), {"name", "cim_notes", "country_id"})
        self.assertIn("required", errors["name"])
        self.assertIn("2000", errors["cim_notes"])

    def test_reseller_edits_only_its_own_customers(self):
        self.zhang.with_user(self.alice).cim_write_end_customer(
            {"city": "Hangzhou", "name": "Zhang Wei (HZ)"}
        )
        self.assertEqual(self.zhang.city, "Hangzhou")
        with self.assertRaises(AccessError):
            self.zhang.with_user(self.bob).cim_write_end_customer({"city": "Beijing"})
        with self.assertRaises(AccessError):
            self.zhang.with_user(self.alice).cim_write_end_customer(
                {"parent_id": self.bob.partner_id.id}
            )
        with self.assertRaises(AccessError):
            self.alice.partner_id.with_user(self.alice).cim_write_end_customer(
                {"name": "Not a customer"}
            )
        self.assertEqual(self.zhang.city, "Hangzhou")
        self.assertEqual(self.zhang.parent_id, self.alice.partner_id)

    def test_staff_and_other_resellers_cannot_use_the_reseller_api(self):
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.acme_user).cim_create_end_customer({"name": "X"})
        with self.assertRaises(AccessError):
            self.zhang.with_user(self.carol).cim_delete_end_customer()
        self.assertTrue(self.zhang.exists())

    def test_unused_customer_is_deleted(self):
        archived = self.zhang.with_user(self.alice).cim_delete_end_customer()
        self.assertFalse(archived)
        self.assertFalse(self.zhang.exists())

    def test_customer_used_by_an_order_is_archived_and_comes_back(self):
        self.env["sale.order"].create(
            {
                "partner_id": self.alice.partner_id.id,
                "partner_shipping_id": self.zhang.id,
                "company_id": self.acme.id,
                "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 1})],
            }
        )
        archived = self.zhang.with_user(self.alice).cim_delete_end_customer()
        self.assertEqual(archived, self.zhang)
        self.assertTrue(self.zhang.exists())
        self.assertFalse(self.zhang.active)
        note = self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", self.zhang.id)],
            order="id desc",
            limit=1,
        )
        self.assertIn("Archived instead of deleted", note.body)
        self.zhang.action_unarchive()
        self.assertTrue(self.zhang.active)

    def test_staff_delete_of_a_used_customer_archives_it(self):
        self.env["sale.order"].create({"partner_id": self.zhang.id, "company_id": self.acme.id})
        other = self._new_end_customer(self.alice, "Liu Yang")
        (self.zhang | other).with_user(self.acme_user).unlink()
        self.assertFalse(other.exists())
        self.assertTrue(self.zhang.exists())
        self.assertFalse(self.zhang.active)

    def test_staff_create_a_customer_for_a_reseller(self):
        form = Form(
            self.env["res.partner"]
            .with_user(self.acme_user)
            .with_context(default_cim_is_end_customer=True, default_type="delivery"),
            view="cim_customer.res_partner_view_form_end_customer",
        )
        form.name = "Sun Li"
        form.parent_id = self.bob.partner_id
        form.city = "Suzhou"
        customer = form.save()
        self.assertEqual(customer.company_id, self.acme)
        self.assertEqual(customer.type, "delivery")
        self.assertIn(
            customer,
            self.env["res.partner"]
            .with_user(self.bob)
            .search([("cim_is_end_customer", "=", True)]),
        )

    def test_end_customer_must_belong_to_a_reseller_of_its_tenant(self):
        with self.assertRaises(ValidationError):
            self.env["res.partner"].create(
                {
                    "name": "Orphan",
                    "cim_is_end_customer": True,
                    "parent_id": self.acme_user.partner_id.id,
                }
            )
        with self.assertRaises(ValidationError):
            self.env["res.partner"].create(
                {
                    "name": "Wrong tenant",
                    "cim_is_end_customer": True,
                    "parent_id": self.alice.partner_id.id,
                    "company_id": self.globex.id,
                }
            )
