from datetime import datetime

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.service.model import call_kw
from odoo.tests import Form, tagged

from .common import CimPricingCase


@tagged("post_install", "-at_install")
class TestResellerPrice(CimPricingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        size = cls.env["product.attribute"].create(
            {
                "name": "CIM Test Size",
                "value_ids": [Command.create({"name": "S"}), Command.create({"name": "L"})],
            }
        )
        cls.sized_product = cls.env["product.template"].create(
            cls._product_vals(
                "Sized Tee",
                attribute_line_ids=[
                    Command.create(
                        {"attribute_id": size.id, "value_ids": [Command.set(size.value_ids.ids)]}
                    )
                ],
            )
        )
        cls.small, cls.large = cls.sized_product.product_variant_ids.sorted(
            lambda v: v.product_template_attribute_value_ids.name != "S"
        )

    def _price(self, product, reseller, quantity=1.0, date=None):
        result = product._cim_get_reseller_price(reseller, quantity, date)
        return result["price"], result["rule"]

    def test_tenant_default_and_reseller_list(self):
        variant = self.shared_product.product_variant_id
        self.assertEqual(self.reseller_a2._cim_get_pricelist(), self.pricelist_a)
        self.assertEqual(self.reseller_a1._cim_get_pricelist(), self.pricelist_ann)
        self.assertEqual(self.reseller_b1._cim_get_pricelist(), self.pricelist_b)
        self.assertEqual(self._price(variant, self.reseller_a2)[0], 80.0)
        self.assertEqual(self._price(variant, self.reseller_a1)[0], 70.0)
        self.assertEqual(self._price(variant, self.reseller_b1)[0], 95.0)
        # The portal calls it as the reseller, who cannot read price lists.
        as_reseller = variant.with_user(self.reseller_a2)
        self.assertEqual(as_reseller._cim_get_reseller_price(self.reseller_a2)["price"], 80.0)
        # Without a price list of its own, a reseller falls back to its tenant's.
        self.reseller_a1.cim_pricelist_id = False
        self.assertEqual(self.reseller_a1.cim_effective_pricelist_id, self.pricelist_a)
        self.assertEqual(self._price(variant, self.reseller_a1)[0], 80.0)
        self.assertEqual(
            self.pricelist_a.cim_reseller_ids & (self.reseller_a1 | self.reseller_a2),
            self.reseller_a1 | self.reseller_a2,
        )

    def test_rule_that_applies_is_returned(self):
        variant = self.tenant_a_product.product_variant_id
        price, rule = self._price(variant, self.reseller_a2)
        self.assertEqual(price, 90.0)
        self.assertEqual(rule.applied_on, "3_global")
        self.assertEqual(rule.pricelist_id, self.pricelist_a)
        # No rule of Ann's list covers it: the sales price, and no rule.
        price, rule = self._price(variant, self.reseller_a1)
        self.assertEqual(price, 100.0)
        self.assertFalse(rule)

    def test_min_quantity(self):
        bulk = self._rule(
            self.pricelist_a,
            applied_on="1_product",
            product_tmpl_id=self.shared_product.id,
            min_quantity=10,
            fixed_price=75.0,
        )
        variant = self.shared_product.product_variant_id
        self.assertEqual(self._price(variant, self.reseller_a2, 9)[0], 80.0)
        self.assertEqual(self._price(variant, self.reseller_a2, 10), (75.0, bulk))

    def test_validity_dates(self):
        promo = self._rule(
            self.pricelist_a,
            applied_on="1_product",
            product_tmpl_id=self.shared_product.id,
            min_quantity=1,
            fixed_price=60.0,
            date_start=datetime(2025, 1, 1),
            date_end=datetime(2025, 1, 31, 23, 59, 59),
        )
        variant = self.shared_product.product_variant_id
        self.assertEqual(
            self._price(variant, self.reseller_a2, 1, datetime(2025, 1, 15)), (60.0, promo)
        )
        self.assertEqual(self._price(variant, self.reseller_a2, 1, datetime(2025, 2, 1))[0], 80.0)
        self.assertEqual(
            self._price(variant, self.reseller_a2, 1, datetime(2024, 12, 31, 23))[0], 80.0
        )

    def test_variants(self):
        self._rule(
            self.pricelist_a,
            applied_on="1_product",
            product_tmpl_id=self.sized_product.id,
            fixed_price=50.0,
        )
        large_rule = self._rule(
            self.pricelist_a,
            applied_on="0_product_variant",
            product_id=self.large.id,
            fixed_price=65.0,
        )
        self.assertEqual(self._price(self.small, self.reseller_a2)[0], 50.0)
        self.assertEqual(self._price(self.large, self.reseller_a2), (65.0, large_rule))

    def test_batch_prices_equal_single_prices(self):
        self._rule(
            self.pricelist_a,
            applied_on="0_product_variant",
            product_id=self.large.id,
            fixed_price=65.0,
        )
        variants = self.small | self.large | self.shared_product.product_variant_id
        batch = variants._cim_get_reseller_prices(self.reseller_a2, quantity=3)
        self.assertEqual(set(batch), set(variants.ids))
        for variant in variants:
            single = variant._cim_get_reseller_price(self.reseller_a2, quantity=3)
            self.assertEqual(batch[variant.id]["price"], single["price"])
            self.assertEqual(batch[variant.id]["rule"], single["rule"])

    def _queries(self, call):
        self.env.invalidate_all()
        count0 = self.cr.sql_log_count
        call()
        return self.cr.sql_log_count - count0

    def test_batch_prices_query_count_does_not_grow(self):
        # Both sets hold every kind: all tenants', the tenant's, with options.
        few = (self.shared_product | self.chosen_product).product_variant_id | self.small
        many = few | self.large | (self.tenant_a_product | self.sized_product).product_variant_ids
        for variants in (few, many):  # measured warm: ormcaches filled
            variants._cim_get_reseller_prices(self.reseller_a1)
        self.assertEqual(
            self._queries(lambda: few._cim_get_reseller_prices(self.reseller_a1)),
            self._queries(lambda: many._cim_get_reseller_prices(self.reseller_a1)),
        )

    def test_batch_refuses_when_one_product_is_hidden(self):
        variants = self.small | self.tenant_b_product.product_variant_id
        with self.assertRaises(AccessError):
            variants._cim_get_reseller_prices(self.reseller_a1)

    def test_hidden_product_has_no_price(self):
        for product, reseller in (
            (self.tenant_b_product, self.reseller_a1),
            (self.chosen_product, self.reseller_a2),
            (self.unpublished_product, self.reseller_a1),
        ):
            with self.subTest(product=product.name), self.assertRaises(AccessError):
                product.product_variant_id._cim_get_reseller_price(reseller)

    def test_resellers_cannot_reach_prices_over_rpc(self):
        variant = self.tenant_b_product.product_variant_id.with_user(self.reseller_a1)
        with self.assertRaises(AccessError):
            call_kw(variant, "_cim_get_reseller_price", [variant.ids, self.reseller_a1.id], {})
        items = self.env["product.pricelist.item"].with_user(self.reseller_a1)
        with self.assertRaises(AccessError):
            call_kw(items, "search_read", [[]], {"fields": ["fixed_price"]})
        with self.assertRaises(AccessError):
            call_kw(
                self.env["product.pricelist"].with_user(self.reseller_a1),
                "read",
                [self.pricelist_ann.ids, ["item_ids"]],
                {},
            )

    def test_price_check_equals_sale_order_line(self):
        self._rule(
            self.pricelist_a,
            applied_on="1_product",
            product_tmpl_id=self.shared_product.id,
            min_quantity=10,
            fixed_price=75.0,
        )
        self._rule(
            self.pricelist_a,
            applied_on="0_product_variant",
            product_id=self.large.id,
            fixed_price=65.0,
        )
        cases = [
            (self.reseller_a2, self.shared_product.product_variant_id, 1),
            (self.reseller_a2, self.shared_product.product_variant_id, 12),
            (self.reseller_a2, self.tenant_a_product.product_variant_id, 3),
            (self.reseller_a2, self.large, 2),
            (self.reseller_a2, self.small, 2),
            (self.reseller_a1, self.shared_product.product_variant_id, 5),
            (self.reseller_a1, self.chosen_product.product_variant_id, 1),
            (self.reseller_b1, self.shared_product.product_variant_id, 2),
            (self.reseller_b1, self.tenant_b_product.product_variant_id, 2),
        ]
        for reseller, variant, quantity in cases:
            with self.subTest(reseller=reseller.login, product=variant.display_name, qty=quantity):
                order = (
                    self.env["sale.order"]
                    .with_company(reseller.company_id)
                    .create(
                        {
                            "partner_id": reseller.partner_id.id,
                            "company_id": reseller.company_id.id,
                            "order_line": [
                                Command.create(
                                    {"product_id": variant.id, "product_uom_qty": quantity}
                                )
                            ],
                        }
                    )
                )
                line = order.order_line
                result = variant._cim_get_reseller_price(reseller, quantity, order.date_order)
                self.assertEqual(order.pricelist_id, reseller._cim_get_pricelist())
                self.assertEqual(line.pricelist_item_id, result["rule"])
                self.assertAlmostEqual(
                    line.price_unit * (1 - line.discount / 100), result["price"], places=2
                )
                self.assertEqual(order.currency_id, result["currency"])

    def test_price_check_wizard(self):
        check = Form(self.env["cim.price.check"].with_user(self.staff_a))
        check.reseller_id = self.reseller_a2
        check.product_id = self.shared_product.product_variant_id
        check.quantity = 2
        self.assertEqual(check.price, 80.0)
        self.assertEqual(check.pricelist_id, self.pricelist_a)
        self.assertEqual(check.rule_id.fixed_price, 80.0)
        self.assertIn("Tenant A Prices", check.explanation)
        check.reseller_id = self.reseller_a1
        self.assertEqual(check.price, 70.0)
        check.reseller_id = self.reseller_a2
        check.product_id = self.chosen_product.product_variant_id
        self.assertEqual(check.price, 0.0)
        self.assertFalse(check.rule_id)
        self.assertIn("not offered", check.explanation)
