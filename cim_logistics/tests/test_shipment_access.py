from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CimLogisticsCase


@tagged("post_install", "-at_install")
class TestShipmentAccess(CimLogisticsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alice_order, cls.alice_shipment = cls._shipment(cls.alice, carrier=cls.carrier_sf)
        cls.bob_order, cls.bob_shipment = cls._shipment(cls.bob)
        cls.carol_order, cls.carol_shipment = cls._shipment(cls.carol)
        cls.Picking = cls.env["stock.picking"]

    def _visible(self, user):
        return self.Picking.with_user(user).search([("cim_shipment_state", "!=", False)])

    def test_reseller_sees_only_its_own_shipments(self):
        self.assertEqual(self._visible(self.alice), self.alice_shipment)
        self.assertEqual(self._visible(self.bob), self.bob_shipment)
        self.assertEqual(self._visible(self.carol), self.carol_shipment)
        # Read what the portal page shows.
        shipment = self.alice_shipment.with_user(self.alice)
        self.assertEqual(shipment.carrier_tracking_ref, False)
        self.assertEqual(shipment.cim_shipment_state, "requested")
        self.assertEqual(shipment.partner_id.display_name, self.alice_customer.display_name)
        with self.assertRaises(AccessError):
            self.bob_shipment.with_user(self.alice).read(["name", "partner_id"])
        with self.assertRaises(AccessError):
            self.carol_shipment.with_user(self.alice).read(["name"])

    def test_reseller_cannot_write_shipments_directly(self):
        with self.assertRaises(AccessError):
            self.alice_shipment.with_user(self.alice).write({"cim_delivery_note": "direct"})
        with self.assertRaises(AccessError):
            self.alice_shipment.with_user(self.alice).action_cancel()
        with self.assertRaises(AccessError):
            self.Picking.with_user(self.alice).create(
                {
                    "picking_type_id": self.alice_shipment.picking_type_id.id,
                    "partner_id": self.alice_customer.id,
                }
            )
        self.assertFalse(self.alice_shipment.cim_delivery_note)
        self.assertEqual(self.alice_shipment.cim_shipment_state, "requested")

    def test_reseller_cannot_touch_another_resellers_shipment(self):
        for shipment in (self.bob_shipment, self.carol_shipment, self.Picking.browse(999999)):
            with self.assertRaisesRegex(AccessError, "does not exist or is not yours"):
                shipment.with_user(self.alice).cim_write_shipment({"cim_delivery_note": "mine"})
            with self.assertRaisesRegex(AccessError, "does not exist or is not yours"):
                shipment.with_user(self.alice).action_cim_cancel_shipment()
        # Nor any picking that is not a CIM shipment.
        other = self.Picking.create(
            {
                "picking_type_id": self.alice_shipment.picking_type_id.id,
                "partner_id": self.alice.partner_id.id,
                "company_id": self.acme.id,
            }
        )
        with self.assertRaises(AccessError):
            other.with_user(self.alice).action_cim_cancel_shipment()
        self.assertFalse(self.bob_shipment.cim_delivery_note)
        self.assertEqual(self.bob_shipment.cim_shipment_state, "requested")
        self.assertEqual(self.carol_shipment.cim_shipment_state, "requested")

    def test_reseller_cannot_ship_another_resellers_order(self):
        order = self._paid_order(self.bob, self.bob_customer)
        with self.assertRaisesRegex(AccessError, "does not exist or is not yours"):
            order.with_user(self.alice).action_cim_request_shipment()
        with self.assertRaisesRegex(AccessError, "does not exist or is not yours"):
            order.with_user(self.carol).action_cim_request_shipment()
        self.assertFalse(order.picking_ids)

    def test_reseller_picks_only_its_own_end_customers(self):
        order = self._paid_order(self.alice)
        for partner in (
            self.bob_customer,
            self.carol_customer,
            self.bob.partner_id,
            self.alice.partner_id,
            self.acme.partner_id,
        ):
            with self.assertRaisesRegex(AccessError, "does not exist or is not yours"):
                order.with_user(self.alice).action_cim_request_shipment(recipient_id=partner.id)
            with self.assertRaisesRegex(AccessError, "does not exist or is not yours"):
                self.alice_shipment.with_user(self.alice).cim_write_shipment(
                    {"partner_id": partner.id}
                )
        with self.assertRaisesRegex(AccessError, "does not exist or is not yours"):
            order.with_user(self.alice).action_cim_request_shipment(recipient_id=999999)
        with self.assertRaises(ValidationError):
            order.with_user(self.alice).action_cim_request_shipment(recipient_id="1")
        self.assertFalse(order.picking_ids)
        self.assertEqual(self.alice_shipment.partner_id, self.alice_customer)
        # Staff neither: the recipient is always the order's reseller's customer.
        with self.assertRaisesRegex(AccessError, "does not exist or is not yours"):
            order.with_user(self.acme_user).action_cim_request_shipment(
                recipient_id=self.bob_customer.id
            )

    def test_archived_end_customer_cannot_be_picked(self):
        customer = self._new_end_customer(self.alice, "Gone")
        customer.action_archive()
        with self.assertRaises(AccessError):
            self.alice_shipment.with_user(self.alice).cim_write_shipment(
                {"partner_id": customer.id}
            )

    def test_resellers_cannot_run_the_warehouse(self):
        with self.assertRaises(AccessError):
            self.alice_shipment.with_user(self.alice).action_cim_prepare()
        with self.assertRaises(AccessError):
            self.alice_shipment.with_user(self.alice).cim_mark_shipped(self.carrier_sf.id, "X1")
        with self.assertRaises(AccessError):
            self.alice_shipment.with_user(self.alice).action_cim_mark_delivered()
        self.assertEqual(self.alice_shipment.cim_shipment_state, "requested")

    def test_other_tenants_staff_see_and_do_nothing(self):
        self.assertEqual(self._visible(self.globex_manager), self.carol_shipment)
        self.assertEqual(self._visible(self.acme_user), self.alice_shipment | self.bob_shipment)
        with self.assertRaises(AccessError):
            self.alice_shipment.with_user(self.globex_manager).read(["name"])
        with self.assertRaisesRegex(AccessError, "another tenant"):
            self.alice_shipment.with_user(self.globex_manager).action_cim_prepare()
        with self.assertRaisesRegex(AccessError, "another tenant"):
            self.alice_shipment.with_user(self.globex_manager).cim_mark_shipped(
                self.carrier_sf.id, "X1"
            )
        with self.assertRaisesRegex(AccessError, "another tenant"):
            self.alice_shipment.with_user(self.globex_manager).action_cim_cancel_shipment()
        with self.assertRaisesRegex(AccessError, "another tenant"):
            self.alice_order.with_user(self.globex_manager).action_cim_request_shipment()
        self.assertEqual(self.alice_shipment.cim_shipment_state, "requested")

    def test_users_outside_cim_are_refused(self):
        clerk = new_test_user(self.env, login="t.clerk.nocim", groups="stock.group_stock_user")
        with self.assertRaises(AccessError):
            self.alice_order.with_user(clerk).action_cim_request_shipment()
        with self.assertRaises(AccessError):
            self.alice_shipment.with_user(clerk).cim_write_shipment({"cim_delivery_note": "x"})
        with self.assertRaises(AccessError):
            self.env["delivery.carrier"].with_user(clerk).cim_get_carriers()

    def test_staff_runs_the_whole_flow(self):
        order = self._paid_order(self.bob, self.bob_customer)
        ids = order.with_user(self.acme_user).action_cim_request_shipment(
            carrier_id=self.carrier_sf.id
        )
        shipment = self.Picking.browse(ids).with_user(self.acme_user)
        shipment.cim_write_shipment({"cim_delivery_note": "Staff note"})
        shipment.action_cim_prepare()
        shipment.cim_mark_shipped(self.carrier_sf.id, "SF42")
        shipment.action_cim_mark_delivered()
        self.assertEqual(shipment.cim_shipment_state, "delivered")
        self.assertEqual(shipment.cim_delivery_note, "Staff note")

    def test_carriers_offered_to_resellers(self):
        names = {
            c["name"] for c in self.env["delivery.carrier"].with_user(self.alice).cim_get_carriers()
        }
        self.assertIn(self.carrier_sf.name, names)
        self.assertNotIn(self.carrier_globex.name, names)
        carol = {
            c["id"]: c
            for c in self.env["delivery.carrier"].with_user(self.carol).cim_get_carriers()
        }
        self.assertIn(self.carrier_globex.id, carol)
        self.assertTrue(carol[self.carrier_own.id]["not_tracked"])
        with self.assertRaises(ValidationError):
            self.alice_shipment.with_user(self.alice).cim_write_shipment(
                {"carrier_id": self.carrier_globex.id}
            )
        self.assertEqual(self.alice_shipment.carrier_id, self.carrier_sf)
