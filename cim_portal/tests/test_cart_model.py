from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.cim_customer.exceptions import FieldValidationError

from .common import CimShopCase


@tagged("post_install", "-at_install")
class TestCartModel(CimShopCase):
    """The cart API of sale.order, as a reseller calls it."""

    def _add(self, user=None, **vals):
        values = {
            "product_id": self.tee.product_variant_id.id,
            "quantity": 2,
            "recipient_id": self.zhang.id,
        }
        values.update(vals)
        return self.env["sale.order"].with_user(user or self.alice).cim_cart_add(values)

    def test_cart_entry_is_a_draft_for_one_recipient_at_the_reseller_price(self):
        order = self._add(customisation_note="Happy birthday")
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.partner_id, self.alice.partner_id)
        self.assertEqual(order.partner_shipping_id, self.zhang)
        self.assertEqual(order.company_id, self.acme)
        self.assertEqual(order.order_line.cim_customisation_note, "Happy birthday")
        variant = self.tee.product_variant_id
        expected = variant._cim_get_reseller_price(self.alice, quantity=2)["price"]
        self.assertEqual(expected, 80.0)
        self.assertEqual(order.order_line.price_unit, expected)
        self.assertEqual(order.amount_total, 160.0)

    def test_buy_now_pays_or_leaves_nothing_behind(self):
        order = (
            self.env["sale.order"]
            .with_user(self.alice)
            .cim_buy_now(
                {
                    "product_id": self.tee.product_variant_id.id,
                    "quantity": 1,
                    "recipient_id": self.zhang.id,
                }
            )
        )
        self.assertEqual(order.state, "sale")
        self.assertEqual(self.wallet_alice.balance, 420.0)
        before = self.env["sale.order"].search_count([])
        customers = self.env["res.partner"].search_count([("cim_is_end_customer", "=", True)])
        with self.assertRaisesRegex(UserError, "is missing"):
            self.env["sale.order"].with_user(self.alice).cim_buy_now(
                {
                    "product_id": self.tee.product_variant_id.id,
                    "quantity": 100,
                    "new_recipient": {"name": "Someone New"},
                }
            )
        self.assertEqual(self.env["sale.order"].search_count([]), before)
        self.assertEqual(
            self.env["res.partner"].search_count([("cim_is_end_customer", "=", True)]), customers
        )
        self.assertEqual(self.wallet_alice.balance, 420.0)

    def test_new_recipient_is_created_as_my_customer(self):
        order = self._add(recipient_id=None, new_recipient={"name": "Zhao Lei", "city": "Xi'an"})
        recipient = order.partner_shipping_id
        self.assertEqual(recipient.name, "Zhao Lei")
        self.assertTrue(recipient.cim_is_end_customer)
        self.assertEqual(recipient.parent_id, self.alice.partner_id)

    def test_bad_input_raises_per_field_and_creates_nothing(self):
        before = self.env["sale.order"].search_count([])
        cases = [
            ({"quantity": "abc"}, "quantity"),
            ({"quantity": "-3"}, "quantity"),
            ({"quantity": 0}, "quantity"),
            ({"quantity": "10001"}, "quantity"),
            ({"quantity": "9" * 50}, "quantity"),
            ({"quantity": 1.5}, "quantity"),
            ({"product_id": self.bob_cap.product_variant_id.id}, "product_id"),
            ({"product_id": self.globex_bag.product_variant_id.id}, "product_id"),
            ({"product_id": self.draft_scarf.product_variant_id.id}, "product_id"),
            ({"product_id": 999999999}, "product_id"),
            ({"product_id": "x"}, "product_id"),
            ({"recipient_id": self.liu.id}, "recipient_id"),
            ({"recipient_id": self.wang.id}, "recipient_id"),
            ({"recipient_id": self.alice.partner_id.id}, "recipient_id"),
            ({"customisation_note": "x" * 1001}, "customisation_note"),
            ({"customisation_note": "<script>alert(1)</script>"}, "customisation_note"),
            (
                {"product_id": self.mug.product_variant_id.id, "customisation_note": "  "},
                "customisation_note",
            ),
            ({"recipient_id": None, "new_recipient": {"name": ""}}, "new_recipient_name"),
            ({"recipient_id": None, "new_recipient": {"name": "<b>"}}, "new_recipient_name"),
        ]
        for vals, field in cases:
            with self.subTest(vals=str(vals)[:60]):
                with self.assertRaises(FieldValidationError) as caught:
                    self._add(**vals)
                self.assertIn(field, caught.exception.errors)
        self.assertEqual(self.env["sale.order"].search_count([]), before)

    def test_unknown_recipient_fields_are_refused(self):
        with self.assertRaises(AccessError):
            self._add(recipient_id=None, new_recipient={"name": "X", "parent_id": self.bob.id})

    def test_edit_and_delete_only_own_drafts(self):
        order = self._add()
        line = order.order_line
        order.with_user(self.alice).cim_cart_write(
            {
                "recipient_id": str(self._new_end_customer(self.alice, "Sun Li").id),
                "lines": {line.id: {"quantity": "3", "customisation_note": "Blue"}},
            }
        )
        self.assertEqual(order.partner_shipping_id.name, "Sun Li")
        self.assertEqual(line.product_uom_qty, 3)
        self.assertEqual(line.cim_customisation_note, "Blue")
        self.assertEqual(order.amount_total, 240.0)
        with self.assertRaises(FieldValidationError) as caught:
            order.with_user(self.alice).cim_cart_write(
                {"recipient_id": self.liu.id, "lines": {line.id: {"quantity": "-1"}}}
            )
        self.assertEqual(set(caught.exception.errors), {"recipient_id", f"quantity_{line.id}"})
        self.assertEqual(line.product_uom_qty, 3)
        for user in (self.bob, self.carol):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                order.with_user(user).cim_cart_write({"lines": {line.id: {"quantity": 1}}})
            with self.assertRaises(AccessError):
                order.with_user(user).cim_cart_delete()
        order.with_user(self.alice).action_cim_submit()
        with self.assertRaises(AccessError):
            order.with_user(self.alice).cim_cart_delete()
        draft = self._add()
        draft.with_user(self.alice).cim_cart_delete()
        self.assertFalse(draft.exists())

    def test_payment_preview_says_what_is_missing(self):
        orders = self._add(quantity=4) | self._add(quantity=3)
        preview = orders._cim_payment_preview(self.alice)
        self.assertEqual(preview["total"], 560.0)
        self.assertEqual(preview["balance"], 500.0)
        self.assertEqual(preview["missing"], 60.0)
