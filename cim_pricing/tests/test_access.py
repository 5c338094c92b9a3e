from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import CimPricingCase


@tagged("post_install", "-at_install")
class TestPricingAccess(CimPricingCase):
    def test_cim_user_reads_but_cannot_change_prices(self):
        Items = self.env["product.pricelist.item"].with_user(self.staff_a)
        items = Items.search([("pricelist_id", "=", self.pricelist_a.id)])
        self.assertEqual(items, self.pricelist_a.item_ids)
        self.assertTrue(items.read(["fixed_price", "cim_reseller_ids"]))
        with self.assertRaises(AccessError):
            items[0].write({"fixed_price": 1.0})
        with self.assertRaises(AccessError):
            Items.create(
                {
                    "pricelist_id": self.pricelist_a.id,
                    "applied_on": "1_product",
                    "product_tmpl_id": self.tenant_a_product.id,
                    "fixed_price": 1.0,
                }
            )
        with self.assertRaises(AccessError):
            items.unlink()
        with self.assertRaises(AccessError):
            self.pricelist_a.with_user(self.staff_a).name = "Renamed"
        with self.assertRaises(AccessError):
            self.reseller_a2.with_user(self.staff_a).cim_pricelist_id = self.pricelist_ann

    def test_cim_manager_changes_prices(self):
        Items = self.env["product.pricelist.item"].with_user(self.manager_a)
        item = Items.create(
            {
                "pricelist_id": self.pricelist_a.id,
                "applied_on": "1_product",
                "product_tmpl_id": self.tenant_a_product.id,
                "fixed_price": 55.0,
            }
        )
        item.fixed_price = 56.0
        self.assertEqual(
            self.tenant_a_product.product_variant_id._cim_get_reseller_price(self.reseller_a2)[
                "price"
            ],
            56.0,
        )
        item.unlink()
        self.reseller_a2.with_user(self.manager_a).cim_pricelist_id = self.pricelist_ann
        self.assertEqual(self.reseller_a2._cim_get_pricelist(), self.pricelist_ann)

    def test_other_tenant_staff_see_neither_products_nor_price_lists(self):
        as_b = self.env["product.pricelist"].with_user(self.staff_b)
        found = as_b.search([("id", "in", (self.pricelist_a | self.pricelist_b).ids)])
        self.assertEqual(found, self.pricelist_b)
        with self.assertRaises(AccessError):
            self.pricelist_a.with_user(self.staff_b).read(["name"])
        items_b = self.env["product.pricelist.item"].with_user(self.staff_b)
        self.assertFalse(items_b.search([("pricelist_id", "=", self.pricelist_a.id)]))
        products_b = self.env["product.template"].with_user(self.staff_b)
        self.assertFalse(products_b.search([("id", "=", self.tenant_a_product.id)]))

    def test_reseller_price_list_must_be_of_its_tenant(self):
        with self.assertRaises(ValidationError):
            self.reseller_a2.cim_pricelist_id = self.pricelist_b
        with self.assertRaises(ValidationError):
            self.tenant_a.cim_pricelist_id = self.pricelist_b
