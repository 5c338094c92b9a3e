from datetime import datetime

from odoo.tests import freeze_time, tagged

from .common import CimCatalogCase

PUBLISHED_AT = datetime(2025, 3, 1, 10, 0, 0)


@tagged("post_install", "-at_install")
class TestStyleFlags(CimCatalogCase):
    def test_star_and_recommended_in_home_page_order(self):
        Product = self.env["product.template"]
        self.shared_product.write({"cim_is_star": True, "cim_home_sequence": 20})
        self.tenant_a_product.write({"cim_is_star": True, "cim_home_sequence": 5})
        self.tenant_b_product.write({"cim_is_star": True, "cim_home_sequence": 1})
        self.chosen_product.write({"cim_is_recommended": True})
        stars = Product._cim_search_visible(
            self.reseller_a1, [("cim_is_star", "=", True)], order="cim_home_sequence, id"
        )
        self.assertEqual(stars.ids[:2], [self.tenant_a_product.id, self.shared_product.id])
        self.assertNotIn(self.tenant_b_product, stars)
        recommended = Product._cim_search_visible(
            self.reseller_a1, [("cim_is_recommended", "=", True)]
        )
        self.assertIn(self.chosen_product, recommended)
        self.assertNotIn(self.shared_product, recommended)

    def test_published_date_set_once(self):
        with freeze_time(PUBLISHED_AT):
            product = self.env["product.template"].create({"name": "Later Mug"})
            self.assertFalse(product.cim_published_date)
            product.cim_is_published = True
            self.assertEqual(product.cim_published_date, PUBLISHED_AT)
        with freeze_time("2025-04-15 08:00:00"):
            product.cim_is_published = False
            product.cim_is_published = True
            self.assertEqual(product.cim_published_date, PUBLISHED_AT)
        with freeze_time(PUBLISHED_AT):
            created = self.env["product.template"].create(
                {"name": "Published Mug", "cim_is_published": True}
            )
            self.assertEqual(created.cim_published_date, PUBLISHED_AT)

    def _new_products(self):
        return self.env["product.template"].search(
            [("cim_is_new", "=", True), ("id", "in", self.product.ids)]
        )

    def test_is_new_around_the_boundary(self):
        with freeze_time(PUBLISHED_AT):
            self.product = self.env["product.template"].create(
                {"name": "Fresh Tee", "cim_is_published": True}
            )
        self.assertEqual(self.env.company.cim_new_product_days, 30)
        with freeze_time("2025-03-31 09:59:59"):
            self.product.invalidate_recordset(["cim_is_new"])
            self.assertTrue(self.product.cim_is_new)
            self.assertEqual(self._new_products(), self.product)
        with freeze_time("2025-03-31 10:00:01"):
            self.product.invalidate_recordset(["cim_is_new"])
            self.assertFalse(self.product.cim_is_new)
            self.assertFalse(self._new_products())
            not_new = self.env["product.template"].search(
                [("cim_is_new", "=", False), ("id", "=", self.product.id)]
            )
            self.assertEqual(not_new, self.product)

    def test_is_new_follows_the_tenant_setting_and_publication(self):
        with freeze_time(PUBLISHED_AT):
            self.product = self.env["product.template"].create(
                {"name": "Fresh Cap", "cim_is_published": True}
            )
        self.tenant_a.cim_new_product_days = 7
        with freeze_time("2025-03-09 10:00:00"):
            as_tenant_a = self.product.with_company(self.tenant_a)
            self.assertFalse(as_tenant_a.cim_is_new)
            self.assertFalse(
                as_tenant_a.search([("cim_is_new", "=", True), ("id", "=", self.product.id)])
            )
            self.product.invalidate_recordset(["cim_is_new"])
            self.assertTrue(self.product.with_company(self.tenant_b).cim_is_new)
            self.product.cim_is_published = False
            self.assertFalse(self.product.with_company(self.tenant_b).cim_is_new)
            self.assertFalse(self._new_products())
