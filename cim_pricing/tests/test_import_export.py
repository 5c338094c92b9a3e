import csv
import io
from datetime import datetime

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.misc import file_open

from .common import CimPricingCase

FIELDS = [
    "pricelist_id",
    "product_tmpl_id",
    "min_quantity",
    "fixed_price",
    "date_start",
    "date_end",
]
OPTIONS = {
    "has_headers": True,
    "quoting": '"',
    "separator": ",",
    "encoding": "utf-8",
    "date_format": "%Y-%m-%d",
    "datetime_format": "%Y-%m-%d %H:%M:%S",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
}


@tagged("post_install", "-at_install")
class TestPriceImportExport(CimPricingCase):
    def _import(self, file_name, user):
        with file_open(f"cim_pricing/tests/data/{file_name}", "rb") as csv_file:
            content = csv_file.read()
        header = content.decode().splitlines()[0].split(",")
        wizard = (
            self.env["base_import.import"]
            .with_user(user)
            .create(
                {
                    "res_model": "product.pricelist.item",
                    "file": content,
                    "file_name": file_name,
                    "file_type": "text/csv",
                }
            )
        )
        preview = wizard.parse_preview(dict(OPTIONS))
        self.assertFalse(preview.get("error"), preview)
        return wizard.execute_import(FIELDS[: len(header)], header, dict(OPTIONS))

    def test_import_price_rules_from_csv(self):
        # The CIM Manager of tenant A is also given tenant B for this import.
        self.manager_a.company_ids |= self.tenant_b
        result = self._import("product_pricelist_item_import.csv", self.manager_a)
        self.assertFalse(result["messages"], result["messages"])
        items = self.env["product.pricelist.item"].browse(result["ids"])
        self.assertEqual(len(items), 3)
        mug_5, mug_20, bag = items
        self.assertEqual(mug_5.pricelist_id, self.pricelist_a)
        self.assertEqual(mug_5.product_tmpl_id, self.tenant_a_product)
        self.assertEqual(mug_5.applied_on, "1_product")
        self.assertEqual((mug_5.min_quantity, mug_5.fixed_price), (5.0, 42.5))
        self.assertEqual(mug_5.date_start, datetime(2025, 3, 1))
        self.assertEqual((mug_20.min_quantity, mug_20.fixed_price), (20.0, 39.0))
        self.assertFalse(mug_20.date_end)
        self.assertEqual(bag.pricelist_id, self.pricelist_b)
        price = self.tenant_a_product.product_variant_id._cim_get_reseller_price(
            self.reseller_a2, 20
        )
        self.assertEqual(price["rule"], mug_20)

    def test_import_refuses_negative_price(self):
        before = self.env["product.pricelist.item"].search_count([])
        result = self._import("product_pricelist_item_import_negative.csv", self.manager_a)
        self.assertFalse(result["ids"])
        self.assertIn("cannot be negative", result["messages"][0]["message"])
        self.assertEqual(self.env["product.pricelist.item"].search_count([]), before)

    def test_cim_user_cannot_import(self):
        result = self._import("product_pricelist_item_import_negative.csv", self.staff_a)
        self.assertFalse(result["ids"])
        self.assertTrue(result["messages"])

    def test_export_price_rules(self):
        items = self.pricelist_a.item_ids.with_user(self.manager_a)
        rows = items.export_data(["pricelist_id", "name", "min_quantity", "fixed_price"])["datas"]
        self.assertIn([self.pricelist_a.display_name, "Shared Tee", 0.0, 80.0], rows)
        self.assertEqual(len(rows), 2)
        # Exporting is for CIM Managers, like changing prices.
        with self.assertRaises(UserError):
            self.pricelist_a.item_ids.with_user(self.staff_a).export_data(["fixed_price"])

    @staticmethod
    def _summary(item):
        return (item.applied_on, item.product_tmpl_id.id, item.fixed_price, item.percent_price)

    def test_export_then_import_round_trip(self):
        fields = [
            "pricelist_id/id",
            "applied_on",
            "product_tmpl_id/id",
            "compute_price",
            "min_quantity",
            "fixed_price",
            "percent_price",
        ]
        items = self.pricelist_a.item_ids.with_user(self.manager_a)
        exported = items.export_data(fields)["datas"]
        before = sorted(items.mapped(self._summary))
        items.unlink()
        buffer = io.StringIO()
        csv.writer(buffer).writerows([fields, *exported])
        wizard = (
            self.env["base_import.import"]
            .with_user(self.manager_a)
            .create(
                {
                    "res_model": "product.pricelist.item",
                    "file": buffer.getvalue().encode(),
                    "file_name": "prices.csv",
                    "file_type": "text/csv",
                }
            )
        )
        result = wizard.execute_import(fields, fields, dict(OPTIONS))
        self.assertFalse(result["messages"], result["messages"])
        self.pricelist_a.invalidate_recordset(["item_ids"])
        after = sorted(self.pricelist_a.item_ids.mapped(self._summary))
        self.assertEqual(after, before)
