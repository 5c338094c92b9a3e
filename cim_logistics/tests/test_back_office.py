from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import CimLogisticsCase


@tagged("post_install", "-at_install")
class TestBackOffice(CimLogisticsCase):
    def _wizard(self, shipments, user=None):
        return Form(
            self.env["cim.shipment.ship"]
            .with_user(user or self.acme_user)
            .with_context(active_model="stock.picking", active_ids=shipments.ids)
        )

    def test_mark_shipped_in_batch(self):
        _o1, first = self._shipment(self.alice)
        _o2, second = self._shipment(self.bob, carrier=self.carrier_own)
        form = self._wizard(first | second)
        form.carrier_id = self.carrier_sf
        self.assertEqual(len(form.line_ids), 2)
        with form.line_ids.edit(0) as line:
            self.assertEqual(line.picking_id, first)
            line.tracking_ref = "SF111"
        wizard = form.save()
        wizard.action_confirm()
        self.assertEqual((first | second).mapped("cim_shipment_state"), ["shipped", "shipped"])
        self.assertEqual(first.carrier_id, self.carrier_sf)
        self.assertEqual(first.carrier_tracking_ref, "SF111")
        # The shipment's own carrier wins over the wizard's default.
        self.assertEqual(second.carrier_id, self.carrier_own)

    def test_batch_without_tracking_number_ships_nothing(self):
        _o1, first = self._shipment(self.alice)
        _o2, second = self._shipment(self.bob)
        form = self._wizard(first | second)
        form.carrier_id = self.carrier_sf
        with form.line_ids.edit(0) as line:
            line.tracking_ref = "SF111"
        wizard = form.save()
        with self.assertRaisesRegex(UserError, "Enter the tracking number"):
            wizard.action_confirm()
        self.assertEqual((first | second).mapped("cim_shipment_state"), ["requested"] * 2)

    def test_wizard_needs_waiting_shipments(self):
        _o1, first = self._shipment(self.alice)
        self._ship(first)
        with self.assertRaisesRegex(UserError, "waiting to ship"):
            self._wizard(first)

    def test_list_action_and_order_buttons(self):
        order, shipment = self._shipment(self.alice)
        action = shipment.with_user(self.acme_user).action_cim_open_ship_wizard()
        self.assertEqual(action["res_model"], "cim.shipment.ship")
        self.assertEqual(action["context"]["active_ids"], shipment.ids)
        action = order.with_user(self.acme_user).action_view_cim_shipments()
        self.assertEqual(action["res_id"], shipment.id)
        paid = self._paid_order(self.alice, self.alice_customer)
        action = paid.with_user(self.acme_user).action_cim_request_shipment_button()
        self.assertEqual(action["res_id"], paid.picking_ids.id)
        self.assertEqual(paid.cim_shipping_state, "requested")

    def test_back_office_views_load(self):
        for xmlid in (
            "cim_logistics.stock_picking_action_cim_shipment",
            "cim_logistics.delivery_carrier_action_cim",
        ):
            action = self.env.ref(xmlid)
            for view_type in ("list", "form"):
                self.env[action.res_model].with_user(self.acme_manager).get_views(
                    [(False, view_type)]
                )
        Picking = self.env["stock.picking"].with_user(self.acme_user)
        views = Picking.get_views(
            [
                (self.env.ref("cim_logistics.stock_picking_view_list_cim_shipment").id, "list"),
                (self.env.ref("cim_logistics.stock_picking_view_kanban_cim_shipment").id, "kanban"),
                (self.env.ref("stock.view_picking_form").id, "form"),
            ]
        )
        self.assertIn("cim_shipment_state", views["views"]["form"]["arch"])
