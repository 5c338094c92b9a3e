from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.cim_logistics.tests.common import create_carriers

from .common import CimShopCase

SF_LINK = "https://www.sf-express.com/chn/sc/waybill/waybill-detail/"


class CimShipmentCase(CimShopCase):
    """The shop world with carriers, a second customer of alice's and bob
    with a funded wallet and a shipment of his own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.carrier_sf, cls.carrier_own = create_carriers(cls.env)
        cls.zhou = cls._new_end_customer(cls.alice, "Zhou Min", city="Nanjing")
        cls._topup(cls._wallet(cls.bob), 1000.0)
        cls.bob_order = cls._paid_order(cls.bob, cls.tee)
        cls.bob_shipment = cls._request(cls.bob_order, cls.bob)

    @classmethod
    def _request(cls, order, reseller=None, **kwargs):
        ids = order.with_user(reseller or cls.alice).action_cim_request_shipment(**kwargs)
        return cls.env["stock.picking"].browse(ids)

    def _ship(self, shipment, ref="SF123"):
        shipment.with_user(self.acme_user).cim_mark_shipped(self.carrier_sf.id, ref)

    def _shipments(self, reseller):
        return self.env["stock.picking"].search(
            [("cim_reseller_id", "=", reseller.partner_id.id)], order="id"
        )

    def _state(self):
        """What a refused request must leave as it was."""
        self.env.invalidate_all()
        pickings = self.env["stock.picking"].search([], order="id")
        orders = self.env["sale.order"].search([], order="id")
        return (
            [
                (
                    p.id,
                    p.state,
                    p.cim_shipment_state,
                    p.partner_id.id,
                    p.carrier_id.id,
                    p.cim_delivery_note,
                )
                for p in pickings
            ],
            [(o.id, o.state, o.cim_shipping_state) for o in orders],
            self.wallet_alice.balance,
        )


@tagged("post_install", "-at_install")
class TestShipmentPages(CimShipmentCase):
    """发货查询 and the 发货 button over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.paid = cls._paid_order(cls.alice, cls.tee)
        cls.shipped_order = cls._paid_order(cls.alice, cls.hoodie)
        cls.shipment = cls._request(cls.shipped_order, carrier_id=cls.carrier_sf.id)
        cls.open_order = cls._paid_order(cls.alice, cls.tee)
        cls.open_shipment = cls._request(cls.open_order, note="Ring twice")

    def _get_urls(self):
        return [
            "/my/shipments",
            f"/my/shipments/{self.open_shipment.id}",
            f"/my/shipments/{self.open_shipment.id}/edit",
        ]

    def _post_urls(self):
        return [
            (f"/my/shipments/{self.open_shipment.id}/edit", {"note": "Changed"}),
            (f"/my/shipments/{self.open_shipment.id}/delete", {}),
            (f"/my/orders/{self.paid.id}/ship", {"recipient_id": self.zhang.id}),
        ]

    # Who may see what ----------------------------------------------------

    def test_anonymous_is_sent_to_login(self):
        for url in self._get_urls():
            with self.subTest(url=url):
                reply = self.url_open(url, allow_redirects=False)
                self.assertIn(reply.status_code, (302, 303))
                self.assertIn("/web/login", reply.headers["Location"])
        self.authenticate(None, None)
        before = self._state()
        for url, data in self._post_urls():
            with self.subTest(url=url):
                reply = self.post(url, data)
                self.assertIn(reply.status_code, (302, 303, 400, 403))
        self.assertEqual(self._state(), before)

    def test_other_reseller_and_other_tenant_get_404(self):
        before = self._state()
        for user in (self.bob, self.carol):
            self.login(user)
            for url in [*self._get_urls()[1:], f"/my/shipments/{self.shipment.id}"]:
                with self.subTest(user=user.login, url=url):
                    self.assertEqual(self.url_open(url).status_code, 404)
            for url, data in self._post_urls():
                with self.subTest(user=user.login, url=url):
                    self.assertEqual(self.post(url, data).status_code, 404)
            page = self.url_open("/my/shipments").text
            self.assertNotIn(self.open_shipment.name, page)
            self.assertNotIn(self.shipment.name, page)
        self.assertEqual(self._state(), before)

    def test_staff_get_404(self):
        self.authenticate(self.acme_user.login, self.acme_user.login)
        for url in self._get_urls():
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)

    def test_post_without_csrf_is_refused(self):
        self.login(self.alice)
        before = self._state()
        for url, data in self._post_urls():
            with self.subTest(url=url):
                self.assertEqual(self.post(url, data, csrf=False).status_code, 400)
        self.assertEqual(self._state(), before)

    def test_unknown_shipment_is_404(self):
        self.login(self.alice)
        self.assertEqual(self.url_open("/my/shipments/999999999").status_code, 404)
        self.assertEqual(self.post("/my/shipments/999999999/delete").status_code, 404)
        # Another reseller's shipment answers like a missing one.
        self.assertEqual(self.url_open(f"/my/shipments/{self.bob_shipment.id}").status_code, 404)

    # 发货查询 -------------------------------------------------------------

    def test_list_shows_state_recipient_carrier_tracking_link_and_order(self):
        self._ship(self.shipment)
        self.login(self.alice)
        page = self.url_open("/my/shipments").text
        self.assertEqual(page.count("o_cim_shipment_row"), 2)
        self.assertIn(self.shipment.name, page)
        self.assertIn(self.open_shipment.name, page)
        self.assertNotIn(self.bob_shipment.name, page)
        self.assertIn(f'href="{SF_LINK}SF123"', page)
        self.assertIn("SF Express", page)
        self.assertIn("Zhang Wei", page)
        self.assertIn(f'href="/my/orders/{self.shipped_order.id}"', page)
        self.assertIn("Shipped", page)
        self.assertIn("Requested", page)

    def test_list_filters_searches_and_paginates(self):
        self._ship(self.shipment)
        self.login(self.alice)
        shipped = self.url_open("/my/shipments?filterby=shipped").text
        self.assertIn(self.shipment.name, shipped)
        self.assertNotIn(self.open_shipment.name, shipped)
        requested = self.url_open("/my/shipments?filterby=requested").text
        self.assertIn(self.open_shipment.name, requested)
        self.assertNotIn(self.shipment.name, requested)
        found = self.url_open("/my/shipments?search=SF123").text
        self.assertIn(self.shipment.name, found)
        self.assertNotIn(self.open_shipment.name, found)
        found = self.url_open(f"/my/shipments?search={self.open_order.name}").text
        self.assertIn(self.open_shipment.name, found)
        self.assertNotIn(self.shipment.name, found)
        self.assertIn("o_cim_shipments_empty", self.url_open("/my/shipments?search=nothing").text)
        with patch("odoo.addons.cim_portal.controllers.shipments.SHIPMENTS_PER_PAGE", 1):
            first = self.url_open("/my/shipments").text
            second = self.url_open("/my/shipments/page/2").text
        self.assertEqual(first.count("o_cim_shipment_row"), 1)
        self.assertEqual(second.count("o_cim_shipment_row"), 1)
        self.assertIn(self.open_shipment.name, first)
        self.assertIn(self.shipment.name, second)
        self.assertIn("/my/shipments/page/2", first)

    def test_detail_shows_the_shipment_with_edit_and_delete(self):
        self.login(self.alice)
        page = self.url_open(f"/my/shipments/{self.open_shipment.id}").text
        self.assertIn(f"<title>{self.open_shipment.name}", page)
        self.assertIn("Ring twice", page)
        self.assertIn("Zhang Wei", page)
        self.assertIn("o_cim_shipment_edit", page)
        self.assertIn("cim_shipment_delete_modal", page)
        self.assertIn(f'href="/my/orders/{self.open_order.id}"', page)

    def test_edit_a_shipment(self):
        self.login(self.alice)
        form = self.url_open(f"/my/shipments/{self.open_shipment.id}/edit").text
        self.assertIn("Zhou Min", form)
        self.assertNotIn("Liu Yang", form)
        self.assertIn("SF Express", form)
        reply = self.post(
            f"/my/shipments/{self.open_shipment.id}/edit",
            {
                "recipient_id": self.zhou.id,
                "carrier_id": self.carrier_own.id,
                "note": "Leave at the door",
            },
        )
        self.assertEqual(reply.status_code, 303)
        self.assertIn(f"/my/shipments/{self.open_shipment.id}", reply.headers["Location"])
        self.assertEqual(self.open_shipment.partner_id, self.zhou)
        self.assertEqual(self.open_shipment.carrier_id, self.carrier_own)
        self.assertEqual(self.open_shipment.cim_delivery_note, "Leave at the door")
        reply = self.post(
            f"/my/shipments/{self.open_shipment.id}/edit",
            {"recipient_id": self.zhou.id, "carrier_id": "", "note": ""},
        )
        self.assertEqual(reply.status_code, 303)
        self.assertFalse(self.open_shipment.carrier_id)
        self.assertFalse(self.open_shipment.cim_delivery_note)

    def test_delete_a_shipment(self):
        self.login(self.alice)
        reply = self.post(f"/my/shipments/{self.open_shipment.id}/delete")
        self.assertEqual(reply.status_code, 303)
        self.assertEqual(self.open_shipment.cim_shipment_state, "cancelled")
        self.assertEqual(self.open_order.state, "sale", "the order stays paid")
        page = self.url_open(f"/my/shipments/{self.open_shipment.id}").text
        self.assertNotIn("o_cim_shipment_edit", page)
        order_page = self.url_open(f"/my/orders/{self.open_order.id}").text
        self.assertIn("cim_order_ship_modal", order_page, "the order can ship again")

    def test_bad_edit_is_shown_next_to_the_field(self):
        self.login(self.alice)
        before = self._state()
        cases = [
            ({"recipient_id": self.liu.id}, "recipient_id", "does not exist or is not yours"),
            ({"recipient_id": self.wang.id}, "recipient_id", "does not exist or is not yours"),
            ({"recipient_id": "abc"}, "recipient_id", "The recipient is not valid."),
            ({"carrier_id": "999999999"}, "carrier_id", "does not exist or is not available"),
            ({"carrier_id": "abc"}, "carrier_id", "This carrier is not valid."),
            ({"note": "x" * 1001}, "note", "at most 1000 characters"),
            ({"note": "<b>bold</b>"}, "note", "cannot contain &lt; or &gt;"),
        ]
        for data, field, message in cases:
            data = {"recipient_id": self.zhou.id, "note": "Fine", **data}
            with self.subTest(data=str(data)[:60]):
                reply = self.post(f"/my/shipments/{self.open_shipment.id}/edit", data)
                self.assertEqual(reply.status_code, 400)
                self.assertIn(message, reply.text)
                self.assertIn(f'name="{field}"', reply.text)
                self.assertIn("invalid-feedback", reply.text)
                self.assertIn("nothing was saved", reply.text)
        self.assertEqual(self._state(), before)

    def test_shipped_shipment_can_no_longer_change(self):
        self._ship(self.shipment)
        self.login(self.alice)
        page = self.url_open(f"/my/shipments/{self.shipment.id}").text
        self.assertNotIn("o_cim_shipment_edit", page)
        self.assertNotIn("cim_shipment_delete_modal", page)
        self.assertIn(f'href="{SF_LINK}SF123"', page)
        reply = self.url_open(f"/my/shipments/{self.shipment.id}/edit", allow_redirects=False)
        self.assertEqual(reply.status_code, 303)
        before = self._state()
        for url, data in [
            (f"/my/shipments/{self.shipment.id}/edit", {"note": "Too late"}),
            (f"/my/shipments/{self.shipment.id}/edit", {"recipient_id": self.zhou.id}),
            (f"/my/shipments/{self.shipment.id}/delete", {}),
        ]:
            with self.subTest(url=url, data=data):
                reply = self.post(url, data)
                self.assertEqual(reply.status_code, 400)
                self.assertIn("only a shipment that has not shipped yet can change", reply.text)
                self.assertIn("Nothing was changed.", reply.text)
        self.assertEqual(self._state(), before)

    # 发货 on the order page --------------------------------------------------

    def test_order_page_offers_ship_when_paid_and_not_shipped(self):
        self.login(self.alice)
        page = self.url_open(f"/my/orders/{self.paid.id}").text
        self.assertIn('o_cim_order_ship"', page)
        self.assertIn("cim_order_ship_modal", page)
        self.assertIn("SF Express", page)
        self.assertIn("Zhou Min", page)
        self.assertNotIn("Liu Yang", page)
        page = self.url_open(f"/my/orders/{self.open_order.id}").text
        self.assertNotIn("cim_order_ship_modal", page)
        self.assertIn(self.open_shipment.name, page)
        self.assertIn("o_cim_state_shipping", page)

    def test_ship_an_order(self):
        self.login(self.alice)
        reply = self.post(
            f"/my/orders/{self.paid.id}/ship",
            {"recipient_id": self.zhou.id, "carrier_id": self.carrier_sf.id, "note": "Fragile"},
        )
        self.assertEqual(reply.status_code, 303)
        self.assertIn(f"/my/orders/{self.paid.id}", reply.headers["Location"])
        shipment = self.paid.picking_ids
        self.assertEqual(len(shipment), 1)
        self.assertEqual(shipment.cim_shipment_state, "requested")
        self.assertEqual(shipment.partner_id, self.zhou)
        self.assertEqual(shipment.carrier_id, self.carrier_sf)
        self.assertEqual(shipment.cim_delivery_note, "Fragile")
        self.assertEqual(self.paid.cim_shipping_state, "requested")
        # Asking again answers with the order page; no second shipment.
        reply = self.post(f"/my/orders/{self.paid.id}/ship", {"recipient_id": self.zhang.id})
        self.assertEqual(reply.status_code, 303)
        self.assertEqual(self.paid.picking_ids, shipment)
        self._ship(shipment, "SF777")
        page = self.url_open(f"/my/orders/{self.paid.id}").text
        self.assertIn(f'href="{SF_LINK}SF777"', page)
        self.assertIn("o_cim_state_shipped", page)
        self.assertNotIn("cim_order_ship_modal", page)

    def test_ship_with_the_default_recipient(self):
        self.login(self.alice)
        reply = self.post(f"/my/orders/{self.paid.id}/ship", {"carrier_id": "", "note": ""})
        self.assertEqual(reply.status_code, 303)
        self.assertEqual(self.paid.picking_ids.partner_id, self.zhang)
        self.assertFalse(self.paid.picking_ids.carrier_id)

    def test_bad_ship_input_is_shown_next_to_the_field(self):
        self.login(self.alice)
        before = self._state()
        cases = [
            ({"recipient_id": self.liu.id}, "recipient_id", "does not exist or is not yours"),
            ({"recipient_id": self.wang.id}, "recipient_id", "does not exist or is not yours"),
            ({"carrier_id": "999999999"}, "carrier_id", "does not exist or is not available"),
            ({"note": "x" * 1001}, "note", "at most 1000 characters"),
            ({"note": "<script>x</script>"}, "note", "cannot contain &lt; or &gt;"),
        ]
        for data, field, message in cases:
            data = {"recipient_id": self.zhang.id, **data}
            with self.subTest(data=str(data)[:60]):
                reply = self.post(f"/my/orders/{self.paid.id}/ship", data)
                self.assertEqual(reply.status_code, 400)
                self.assertIn(message, reply.text)
                self.assertIn(f'name="{field}"', reply.text)
                self.assertIn("invalid-feedback", reply.text)
                self.assertIn("o_cim_ship_form_errors", reply.text)
        self.assertEqual(self._state(), before)

    def test_cancelled_order_cannot_ship(self):
        self.paid.with_user(self.alice).action_cim_cancel()
        self.login(self.alice)
        before = self._state()
        self.assertNotIn("cim_order_ship_modal", self.url_open(f"/my/orders/{self.paid.id}").text)
        reply = self.post(f"/my/orders/{self.paid.id}/ship", {"recipient_id": self.zhang.id})
        self.assertEqual(reply.status_code, 400)
        self.assertIn("is cancelled: it cannot be shipped", reply.text)
        self.assertEqual(self._state(), before)

    def test_orders_filter_on_shipping(self):
        self._ship(self.shipment)
        self.login(self.alice)
        shipping = self.url_open("/my/orders?filterby=shipping").text
        self.assertIn(self.open_order.name, shipping)
        self.assertNotIn(self.shipped_order.name, shipping)
        self.assertNotIn(f">{self.paid.name}<", shipping)
        shipped = self.url_open("/my/orders?filterby=shipped").text
        self.assertIn(self.shipped_order.name, shipped)
        self.assertNotIn(self.open_order.name, shipped)

    def test_home_counter(self):
        self.login(self.alice)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["cim_shipment_count"]})
        self.assertEqual(counters["cim_shipment_count"], 2)
        self.assertIn('href="/my/shipments"', self.url_open("/my").text)


@tagged("post_install", "-at_install")
class TestShipmentTours(CimShipmentCase):
    """发货 and 发货查询 in Chromium."""

    def test_tour_request_shipment(self):
        order = self._paid_order(self.alice, self.tee)
        self.start_tour("/my/orders", "cim_portal_request_shipment", login="alice@acme")
        shipment = order.picking_ids
        self.assertEqual(len(shipment), 1)
        self.assertEqual(shipment.cim_shipment_state, "requested")
        self.assertEqual(shipment.partner_id, self.zhou)
        self.assertEqual(shipment.carrier_id, self.carrier_sf)
        self.assertEqual(shipment.cim_delivery_note, "Call before delivery")
        self.assertEqual(order.cim_shipping_state, "requested")

    def test_tour_edit_and_delete_shipment(self):
        to_zhang = self._request(self._paid_order(self.alice, self.tee))
        to_zhou = self._request(self._paid_order(self.alice, self.tee), recipient_id=self.zhou.id)
        self.start_tour("/my/shipments", "cim_portal_edit_delete_shipment", login="alice@acme")
        self.assertEqual(to_zhang.cim_shipment_state, "requested")
        self.assertEqual(to_zhang.partner_id, self.zhang)
        self.assertEqual(to_zhang.carrier_id, self.carrier_own)
        self.assertEqual(to_zhang.cim_delivery_note, "Leave at the door")
        self.assertEqual(to_zhou.cim_shipment_state, "cancelled")
        self.assertEqual(to_zhou.sale_id.state, "sale")
