from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CimLogisticsCase


@tagged("post_install", "-at_install")
class TestShipmentFlow(CimLogisticsCase):
    def test_paying_creates_no_delivery(self):
        order = self._paid_order(self.alice, self.alice_customer)
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.picking_ids, "made to order: paying creates no delivery order")
        self.assertEqual(order.cim_shipping_state, "none")

    def test_request_creates_one_outgoing_shipment(self):
        order = self._paid_order(self.alice, quantity=3)
        ids = order.with_user(self.alice).action_cim_request_shipment(
            carrier_id=self.carrier_sf.id,
            recipient_id=self.alice_customer.id,
            note="Ring twice",
        )
        self.assertEqual(len(ids), 1)
        shipment = self.env["stock.picking"].browse(ids)
        self.assertEqual(shipment.picking_type_code, "outgoing")
        self.assertEqual(shipment.sale_id, order)
        self.assertEqual(shipment.partner_id, self.alice_customer)
        self.assertEqual(shipment.carrier_id, self.carrier_sf)
        self.assertEqual(shipment.cim_delivery_note, "Ring twice")
        self.assertEqual(shipment.cim_reseller_id, self.alice.partner_id)
        self.assertEqual(shipment.company_id, self.acme)
        self.assertEqual(shipment.cim_shipment_state, "requested")
        self.assertTrue(shipment.cim_date_requested)
        self.assertEqual(shipment.move_ids.product_id, self.product)
        self.assertEqual(shipment.move_ids.product_uom_qty, 3)
        self.assertEqual(shipment.move_ids.sale_line_id, order.order_line)
        self.assertEqual(order.cim_shipping_state, "requested")
        self.assertEqual(order.cim_date_shipment_requested, shipment.cim_date_requested)

        again = order.with_user(self.alice).action_cim_request_shipment(
            carrier_id=self.carrier_own.id, recipient_id=self.alice_customer_2.id
        )
        self.assertEqual(again, ids, "requesting twice creates one shipment")
        self.assertEqual(order.picking_ids, shipment)
        self.assertEqual(shipment.partner_id, self.alice_customer)
        staff_again = order.with_user(self.acme_user).action_cim_request_shipment()
        self.assertEqual(staff_again, ids)

    def test_request_defaults_to_the_order_recipient(self):
        order = self._paid_order(self.alice, self.alice_customer_2)
        ids = order.with_user(self.alice).action_cim_request_shipment()
        self.assertEqual(self.env["stock.picking"].browse(ids).partner_id, self.alice_customer_2)
        self.assertFalse(self.env["stock.picking"].browse(ids).carrier_id)

    def test_request_without_end_customer_refused(self):
        # The order ships to the reseller's own address: not an end customer.
        order = self._paid_order(self.alice)
        with self.assertRaisesRegex(UserError, "Choose who receives"):
            order.with_user(self.alice).action_cim_request_shipment()
        self.assertFalse(order.picking_ids)

    def test_unpaid_and_cancelled_orders_refused(self):
        draft = self._order(self.alice, self.alice_customer)
        with self.assertRaisesRegex(UserError, "has not been paid"):
            draft.with_user(self.alice).action_cim_request_shipment()
        cancelled = self._paid_order(self.alice, self.alice_customer)
        cancelled.with_user(self.alice).action_cim_cancel()
        with self.assertRaisesRegex(UserError, "is cancelled"):
            cancelled.with_user(self.alice).action_cim_request_shipment()
        self.assertFalse((draft | cancelled).picking_ids)

    def test_unknown_carrier_refused(self):
        order = self._paid_order(self.alice, self.alice_customer)
        for carrier_id in (self.carrier_globex.id, 999999, "1"):
            with self.assertRaises(ValidationError):
                order.with_user(self.alice).action_cim_request_shipment(carrier_id=carrier_id)
        self.assertFalse(order.picking_ids)

    def test_empty_values_are_refused_not_read_as_none(self):
        """Only None and False mean "no carrier" or "the order's own address";
        an empty string or list from an RPC client is a bad value."""
        order = self._paid_order(self.alice, self.alice_customer)
        for value in ("", [], {}, 0.0):
            with self.assertRaises(ValidationError):
                order.with_user(self.alice).action_cim_request_shipment(carrier_id=value)
            with self.assertRaises(ValidationError):
                order.with_user(self.alice).action_cim_request_shipment(recipient_id=value)
        self.assertFalse(order.picking_ids)

    def test_bad_values_refused_when_the_order_already_has_its_shipment(self):
        order, shipment = self._shipment(self.alice)
        request = order.with_user(self.alice).action_cim_request_shipment
        with self.assertRaisesRegex(AccessError, "does not exist or is not yours"):
            request(recipient_id=self.bob_customer.id)
        with self.assertRaises(ValidationError):
            request(carrier_id=self.carrier_globex.id)
        with self.assertRaises(ValidationError):
            request(note="<b>fragile</b>")
        # Asking again with good values still answers the one shipment.
        self.assertEqual(request(), shipment.ids)
        self.assertEqual(order.picking_ids.filtered("cim_shipment_state"), shipment)
        self.assertEqual(shipment.partner_id, self.alice_customer)

    def test_whole_life_cycle(self):
        order, shipment = self._shipment(self.alice, carrier=self.carrier_sf)
        shipment.with_user(self.acme_user).action_cim_prepare()
        self.assertEqual(shipment.cim_shipment_state, "preparing")
        self.assertTrue(shipment.cim_date_preparing)
        self.assertEqual(order.cim_shipping_state, "preparing")

        self._ship(shipment, ref="SF1400056781234")
        self.assertEqual(shipment.cim_shipment_state, "shipped")
        self.assertEqual(shipment.state, "done")
        self.assertTrue(shipment.date_done)
        self.assertEqual(shipment.carrier_tracking_ref, "SF1400056781234")
        self.assertEqual(
            shipment.carrier_tracking_url,
            "https://www.sf-express.com/chn/sc/waybill/waybill-detail/SF1400056781234",
        )
        self.assertEqual(order.order_line.qty_delivered, 2)
        self.assertEqual(order.cim_shipping_state, "shipped")
        self.assertTrue(order._cim_is_shipped())
        self.assertFalse(order.order_line.filtered("is_delivery"), "the paid order is unchanged")
        self.assertEqual(order.cim_amount_debited, order.amount_total)

        shipment.with_user(self.acme_user).action_cim_mark_delivered()
        self.assertEqual(shipment.cim_shipment_state, "delivered")
        self.assertTrue(shipment.cim_date_delivered)
        self.assertEqual(order.cim_shipping_state, "delivered")

    def test_delivered_requires_shipped(self):
        _order, shipment = self._shipment(self.alice)
        with self.assertRaisesRegex(UserError, "has not shipped"):
            shipment.with_user(self.acme_user).action_cim_mark_delivered()

    def test_storable_product_without_stock_ships(self):
        storable = self.env["product.product"].create(
            {"name": "Made to order mug", "type": "consu", "is_storable": True, "list_price": 10}
        )
        self.assertEqual(storable.with_company(self.acme).qty_available, 0)
        _order, shipment = self._shipment(self.alice, product=storable, quantity=5)
        self._ship(shipment)
        self.assertEqual(shipment.state, "done")
        self.assertEqual(shipment.move_ids.quantity, 5)

    def test_shipping_requires_carrier_and_tracking_number(self):
        _order, shipment = self._shipment(self.alice)
        with self.assertRaisesRegex(UserError, "Choose the carrier"):
            shipment.with_user(self.acme_user).cim_mark_shipped(False, "SF1")
        with self.assertRaisesRegex(UserError, "Enter the tracking number"):
            shipment.with_user(self.acme_user).cim_mark_shipped(self.carrier_sf.id, "  ")
        self.assertEqual(shipment.cim_shipment_state, "requested")
        self.assertEqual(shipment.state, "assigned")
        # A carrier that does not track parcels ships without a number.
        shipment.with_user(self.acme_user).cim_mark_shipped(self.carrier_own.id)
        self.assertEqual(shipment.cim_shipment_state, "shipped")
        self.assertFalse(shipment.carrier_tracking_url)

    def test_odoo_validate_button_keeps_the_rules(self):
        _order, shipment = self._shipment(self.alice)
        with self.assertRaisesRegex(UserError, "Choose the carrier"):
            shipment.with_user(self.acme_user).button_validate()
        self.assertEqual(shipment.cim_shipment_state, "requested")

    def test_shipped_order_cannot_be_cancelled(self):
        order, shipment = self._shipment(self.alice)
        self._ship(shipment)
        debited = order.cim_amount_debited
        with self.assertRaisesRegex(UserError, "has shipped and cannot be cancelled"):
            order.with_user(self.alice).action_cim_cancel()
        with self.assertRaisesRegex(UserError, "has shipped and cannot be cancelled"):
            order.with_user(self.acme_manager).action_cim_cancel()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.cim_amount_refunded)
        self.assertEqual(order.cim_amount_debited, debited)

    def test_cancelling_the_order_cancels_its_open_shipment(self):
        order, shipment = self._shipment(self.alice)
        order.with_user(self.alice).action_cim_cancel()
        self.assertEqual(order.state, "cancel")
        self.assertEqual(order.cim_amount_refunded, order.cim_amount_debited)
        self.assertEqual(shipment.cim_shipment_state, "cancelled")
        self.assertEqual(order.cim_shipping_state, "cancelled")
        with self.assertRaisesRegex(UserError, "Cancelled"):
            self._ship(shipment)

    def test_cancel_request_then_request_again(self):
        order, shipment = self._shipment(self.alice)
        shipment.with_user(self.alice).action_cim_cancel_shipment()
        self.assertEqual(shipment.cim_shipment_state, "cancelled")
        self.assertEqual(shipment.state, "cancel")
        self.assertEqual(order.state, "sale", "the order stays paid")
        self.assertEqual(order.cim_shipping_state, "cancelled")
        # Cancelling twice changes nothing.
        shipment.with_user(self.alice).action_cim_cancel_shipment()
        ids = order.with_user(self.alice).action_cim_request_shipment(
            recipient_id=self.alice_customer_2.id
        )
        new = self.env["stock.picking"].browse(ids)
        self.assertNotEqual(new, shipment)
        self.assertEqual(new.cim_shipment_state, "requested")
        self.assertEqual(new.move_ids.product_uom_qty, 2)
        self.assertEqual(order.cim_shipping_state, "requested")
        self.assertEqual(order.cim_shipment_count, 2)

    def test_reseller_edits_open_shipment(self):
        _order, shipment = self._shipment(self.alice)
        shipment.with_user(self.alice).cim_write_shipment(
            {
                "partner_id": self.alice_customer_2.id,
                "cim_delivery_note": "  Fragile  ",
                "carrier_id": self.carrier_own.id,
            }
        )
        self.assertEqual(shipment.partner_id, self.alice_customer_2)
        self.assertEqual(shipment.cim_delivery_note, "Fragile")
        self.assertEqual(shipment.carrier_id, self.carrier_own)
        shipment.with_user(self.alice).cim_write_shipment(
            {"recipient": {"street": "8 Wangfujing", "phone": "010-1234"}}
        )
        self.assertEqual(self.alice_customer_2.street, "8 Wangfujing")
        self.assertEqual(self.alice_customer_2.phone, "010-1234")
        shipment.with_user(self.alice).cim_write_shipment({"carrier_id": False})
        self.assertFalse(shipment.carrier_id)

    def test_reseller_edit_input_is_checked(self):
        _order, shipment = self._shipment(self.alice)
        with self.assertRaises(ValidationError):
            shipment.with_user(self.alice).cim_write_shipment(
                {"cim_delivery_note": "<script>alert(1)</script>"}
            )
        with self.assertRaises(ValidationError):
            shipment.with_user(self.alice).cim_write_shipment({"cim_delivery_note": "x" * 1001})
        with self.assertRaises(AccessError):
            shipment.with_user(self.alice).cim_write_shipment({"carrier_tracking_ref": "X"})
        with self.assertRaises(AccessError):
            shipment.with_user(self.alice).cim_write_shipment(
                {"recipient": {"parent_id": self.bob.partner_id.id}}
            )
        with self.assertRaises(ValidationError):
            shipment.with_user(self.alice).cim_write_shipment({"recipient": {"name": ""}})
        self.assertFalse(shipment.cim_delivery_note)
        self.assertEqual(self.alice_customer.parent_id, self.alice.partner_id)
        self.assertEqual(self.alice_customer.name, "Zhang Wei")

    def test_shipped_shipment_cannot_change(self):
        _order, shipment = self._shipment(self.alice)
        self._ship(shipment)
        for vals in (
            {"partner_id": self.alice_customer_2.id},
            {"cim_delivery_note": "late note"},
            {"carrier_id": self.carrier_own.id},
            {"recipient": {"street": "elsewhere"}},
        ):
            with self.assertRaisesRegex(UserError, "only a shipment that has not shipped"):
                shipment.with_user(self.alice).cim_write_shipment(vals)
        with self.assertRaisesRegex(UserError, "only a shipment that has not shipped"):
            shipment.with_user(self.alice).action_cim_cancel_shipment()
        with self.assertRaisesRegex(UserError, "only a shipment that has not shipped"):
            shipment.with_user(self.acme_user).action_cim_prepare()
        with self.assertRaisesRegex(UserError, "only a shipment that has not shipped"):
            self._ship(shipment, ref="OTHER")
        # Staff editing the form directly hit the same wall.
        with self.assertRaisesRegex(UserError, "can no longer change"):
            shipment.with_user(self.acme_user).write({"partner_id": self.alice_customer_2.id})
        self.assertEqual(shipment.partner_id, self.alice_customer)
        self.assertEqual(shipment.carrier_tracking_ref, "SF0001")
        self.assertEqual(self.alice_customer.street, "1 Nanjing Road")
        self.assertEqual(shipment.cim_shipment_state, "shipped")

    def test_recipient_must_stay_the_resellers_customer(self):
        _order, shipment = self._shipment(self.alice)
        with self.assertRaises(ValidationError):
            shipment.with_user(self.acme_user).write({"partner_id": self.bob_customer.id})

    def test_end_customer_of_a_shipment_is_archived_not_deleted(self):
        customer = self._new_end_customer(self.alice, "Only On A Shipment")
        order = self._paid_order(self.alice)
        order.with_user(self.alice).action_cim_request_shipment(recipient_id=customer.id)
        self.assertNotIn(customer, order.partner_id | order.partner_shipping_id)
        archived = customer.with_user(self.alice).cim_delete_end_customer()
        self.assertEqual(archived, customer)
        self.assertTrue(customer.exists())
        self.assertFalse(customer.active)

    def test_late_and_shipped_today(self):
        _order, late = self._shipment(self.alice)
        _order, fresh = self._shipment(self.bob)
        _order, shipped = self._shipment(self.alice)
        self._ship(shipped)
        late.cim_date_requested = fields.Datetime.now() - timedelta(days=4)
        Picking = self.env["stock.picking"].with_user(self.acme_user)
        all_three = late | fresh | shipped
        self.assertEqual(
            Picking.search([("id", "in", all_three.ids), ("cim_is_late", "=", True)]), late
        )
        self.assertTrue(late.cim_is_late)
        self.assertFalse(fresh.cim_is_late)
        self.assertEqual(
            Picking.search([("id", "in", all_three.ids), ("cim_shipped_today", "=", True)]),
            shipped,
        )
        self.acme.cim_shipment_late_days = 5
        self.assertFalse(Picking.search([("id", "in", all_three.ids), ("cim_is_late", "=", True)]))
