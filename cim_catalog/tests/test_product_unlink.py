from odoo.fields import Command
from odoo.tests import tagged

from .common import CimCatalogCase


@tagged("post_install", "-at_install")
class TestProductUnlink(CimCatalogCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Order Customer"})
        cls.ordered = cls.env["product.template"].create(cls._product_vals("Ordered Tee"))
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "order_line": [Command.create({"product_id": cls.ordered.product_variant_id.id})],
            }
        )

    def test_referenced_product_is_archived_and_says_so(self):
        not_ordered = self.env["product.template"].create(self._product_vals("Spare Tee"))
        (self.ordered | not_ordered).with_user(self.staff_a).unlink()
        self.assertFalse(not_ordered.exists())
        self.assertTrue(self.ordered.exists())
        self.assertFalse(self.ordered.active)
        self.assertFalse(self.ordered.with_context(active_test=False).product_variant_ids.active)
        self.assertEqual(self.order.order_line.product_id.product_tmpl_id, self.ordered)
        self.assertIn("Archived instead of deleted", self.ordered.message_ids[0].body)

    def test_referenced_variant_is_archived(self):
        variant = self.ordered.product_variant_id
        variant.unlink()
        self.assertTrue(variant.exists())
        self.assertFalse(variant.active)
