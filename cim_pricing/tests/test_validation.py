from datetime import datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CimPricingCase


@tagged("post_install", "-at_install")
class TestPriceValidation(CimPricingCase):
    def _product_rule(self, **vals):
        return self._rule(
            self.pricelist_a,
            applied_on="1_product",
            product_tmpl_id=self.tenant_a_product.id,
            **vals,
        )

    def test_negative_price_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"), self.cr.savepoint():
            self._product_rule(fixed_price=-1.0)
        with self.assertRaisesRegex(ValidationError, "cannot exceed 100%"), self.cr.savepoint():
            self._product_rule(compute_price="percentage", percent_price=120.0)
        rule = self._product_rule(fixed_price=0.0)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"), self.cr.savepoint():
            rule.fixed_price = -5.0

    def test_end_before_start_refused(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._product_rule(
                fixed_price=10.0,
                date_start=datetime(2025, 2, 1),
                date_end=datetime(2025, 1, 1),
            )

    def test_ambiguous_rules_refused(self):
        self._product_rule(
            fixed_price=10.0, date_start=datetime(2025, 1, 1), date_end=datetime(2025, 1, 31)
        )
        overlapping = [
            {"date_start": datetime(2025, 1, 31), "date_end": datetime(2025, 2, 28)},
            {"date_start": datetime(2024, 12, 1), "date_end": datetime(2025, 1, 1)},
            {"date_start": datetime(2025, 1, 10)},
            {"date_end": datetime(2025, 1, 10)},
            {},
        ]
        for dates in overlapping:
            with (
                self.subTest(dates=dates),
                self.assertRaisesRegex(ValidationError, "ambiguous"),
                self.cr.savepoint(),
            ):
                self._product_rule(fixed_price=12.0, **dates)

    def test_unambiguous_rules_accepted(self):
        first = self._product_rule(
            fixed_price=10.0, date_start=datetime(2025, 1, 1), date_end=datetime(2025, 1, 31)
        )
        later = self._product_rule(
            fixed_price=11.0, date_start=datetime(2025, 2, 1), date_end=datetime(2025, 2, 28)
        )
        bulk = self._product_rule(fixed_price=9.0, min_quantity=10)
        other_list = self._rule(
            self.pricelist_ann,
            applied_on="1_product",
            product_tmpl_id=self.tenant_a_product.id,
            fixed_price=8.0,
        )
        self.assertEqual(len(first | later | bulk | other_list), 4)
        with self.assertRaisesRegex(ValidationError, "ambiguous"), self.cr.savepoint():
            later.date_start = datetime(2025, 1, 15)

    def test_messages_are_translated(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["cim_pricing"], ["zh_CN"])
        rule = self._product_rule(fixed_price=1.0).with_context(lang="zh_CN")
        with self.assertRaisesRegex(ValidationError, "不能为负"), self.cr.savepoint():
            rule.fixed_price = -1.0
