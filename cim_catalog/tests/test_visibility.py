from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.service.model import call_kw
from odoo.tests import tagged

from .common import CimCatalogCase


@tagged("post_install", "-at_install")
class TestVisibility(CimCatalogCase):
    def _visible(self, reseller, model="product.template"):
        return self.env[model]._cim_search_visible(reseller)

    def _ours(self, products):
        """Only the fixture's products: the database may hold others."""
        return products & (
            self.shared_product
            | self.tenant_a_product
            | self.tenant_b_product
            | self.chosen_product
            | self.unpublished_product
            | self.archived_product
        )

    def test_per_tenant(self):
        self.assertEqual(
            self._ours(self._visible(self.reseller_a2)),
            self.shared_product | self.tenant_a_product,
        )
        self.assertEqual(
            self._ours(self._visible(self.reseller_b1)),
            self.shared_product | self.tenant_b_product,
        )

    def test_per_reseller_restriction(self):
        self.assertIn(self.chosen_product, self._visible(self.reseller_a1))
        self.assertNotIn(self.chosen_product, self._visible(self.reseller_a2))
        self.assertTrue(self.chosen_product.cim_reseller_restricted)

        # Removing the last chosen reseller must not make the product public.
        self.chosen_product.cim_reseller_ids = [Command.clear()]
        self.assertTrue(self.chosen_product.cim_reseller_restricted)
        self.assertNotIn(self.chosen_product, self._visible(self.reseller_a1))
        self.assertNotIn(self.chosen_product, self._visible(self.reseller_a2))

        self.chosen_product.cim_reseller_restricted = False
        self.assertIn(self.chosen_product, self._visible(self.reseller_a2))

    def test_unpublished_and_archived(self):
        for reseller in (self.reseller_a1, self.reseller_b1):
            visible = self._visible(reseller)
            self.assertNotIn(self.unpublished_product, visible)
            self.assertNotIn(self.archived_product, visible)
        self.unpublished_product.cim_is_published = True
        self.assertIn(self.unpublished_product, self._visible(self.reseller_b1))
        self.shared_product.action_archive()
        self.assertNotIn(self.shared_product, self._visible(self.reseller_b1))

    def test_variants_follow_their_product(self):
        visible = self._visible(self.reseller_a2, "product.product")
        self.assertIn(self.shared_product.product_variant_id, visible)
        self.assertNotIn(self.chosen_product.product_variant_id, visible)
        self.assertNotIn(self.tenant_b_product.product_variant_id, visible)

    def test_filter_visible(self):
        products = self.shared_product | self.tenant_b_product | self.chosen_product
        self.assertEqual(
            products._cim_filter_visible(self.reseller_a1), products - self.tenant_b_product
        )

    def test_record_rules_match_the_method(self):
        """The portal record rules spell out the visibility domain again: both
        must give the same products and variants for every reseller."""
        self.chosen_product.cim_reseller_ids = [Command.link(self.reseller_a2.id)]
        for reseller in (self.reseller_a1, self.reseller_a2, self.reseller_b1):
            for model in ("product.template", "product.product"):
                with self.subTest(reseller=reseller.login, model=model):
                    by_rule = self.env[model].with_user(reseller).with_context(active_test=False)
                    self.assertEqual(
                        set(by_rule.search([]).ids),
                        set(self._visible(reseller, model).ids),
                    )

    def test_rpc_cannot_reach_hidden_products(self):
        hidden = self.tenant_b_product | self.unpublished_product | self.archived_product
        hidden |= self.chosen_product
        portal_templates = self.env["product.template"].with_user(self.reseller_a2)
        rows = call_kw(
            portal_templates.with_context(active_test=False),
            "search_read",
            [[]],
            {"fields": ["name", "list_price"]},
        )
        found = {row["id"] for row in rows}
        self.assertIn(self.shared_product.id, found)
        self.assertFalse(found & set(hidden.ids))
        for product in hidden:
            with self.subTest(product=product.name):
                with self.assertRaises(AccessError):
                    call_kw(portal_templates, "read", [product.ids, ["name", "list_price"]], {})
                with self.assertRaises(AccessError):
                    call_kw(
                        self.env["product.product"].with_user(self.reseller_a2),
                        "read",
                        [
                            product.with_context(active_test=False).product_variant_ids.ids,
                            ["lst_price"],
                        ],
                        {},
                    )
        names = call_kw(portal_templates, "name_search", [], {"name": "Tenant B"})
        self.assertFalse(names)
        # Portal users read, never write.
        with self.assertRaises(AccessError):
            call_kw(portal_templates, "write", [self.shared_product.ids, {"list_price": 1.0}], {})

    def test_query_count_does_not_grow(self):
        """One query, whatever the number of products."""
        Product = self.env["product.template"]
        portal_products = Product.with_user(self.reseller_a1)

        def create(count, start):
            Product.create(
                [
                    {
                        "name": f"Bulk {i}",
                        "cim_is_published": bool(i % 2),
                        "company_id": (False, self.tenant_a.id, self.tenant_b.id)[i % 3],
                    }
                    for i in range(start, start + count)
                ]
            )

        def measure():
            portal_products._cim_search_visible(self.reseller_a1)  # warm the rule cache
            with self.assertQueryCount(1):
                return len(portal_products._cim_search_visible(self.reseller_a1))

        create(100, 0)
        small = measure()
        create(1900, 100)
        large = measure()
        self.assertGreater(large, small + 600)
