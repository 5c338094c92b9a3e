from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CimCatalogCase


@tagged("post_install", "-at_install")
class TestCatalogAccess(CimCatalogCase):
    def test_other_tenant_staff_cannot_see_tenant_products(self):
        as_b = self.env["product.template"].with_user(self.staff_b)
        found = as_b.search([("id", "in", (self.shared_product | self.tenant_a_product).ids)])
        self.assertEqual(found, self.shared_product)
        with self.assertRaises(AccessError):
            self.tenant_a_product.with_user(self.staff_b).read(["name"])
        with self.assertRaises(AccessError):
            self.tenant_a_product.product_variant_id.with_user(self.staff_b).read(["name"])
        as_a = self.env["product.template"].with_user(self.staff_a)
        self.assertEqual(
            as_a.search([("id", "in", (self.tenant_a_product | self.tenant_b_product).ids)]),
            self.tenant_a_product,
        )

    def test_cim_user_maintains_products(self):
        Product = self.env["product.template"].with_user(self.staff_a)
        product = Product.create(
            {"name": "Staff Tee", "company_id": self.tenant_a.id, "cim_is_star": True}
        )
        product.write({"cim_is_published": True, "cim_description_short": "New"})
        self.assertTrue(product.cim_published_date)
        product.unlink()
        self.assertFalse(product.exists())

    def test_plain_employee_cannot_change_products(self):
        employee = new_test_user(self.env, login="employee_only", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.shared_product.with_user(employee).write({"cim_is_star": True})

    def test_chosen_resellers_must_be_of_the_tenant(self):
        with self.assertRaises(ValidationError):
            self.tenant_a_product.cim_reseller_ids = self.reseller_b1
        with self.assertRaises(ValidationError):
            self.shared_product.cim_reseller_ids = self.staff_a
