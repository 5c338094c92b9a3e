import unittest

from odoo.tests import tagged

from .common import CimLogisticsCase

REPORT = "cim_logistics.stock_picking_report_cim_delivery_slip"


@tagged("post_install", "-at_install")
class TestDeliverySlip(CimLogisticsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.shipment = cls._shipment(cls.alice, carrier=cls.carrier_sf)
        cls.shipment.cim_delivery_note = "Call 123 before delivery"
        cls._bob_order, cls.bob_shipment = cls._shipment(cls.bob)

    def _html(self, shipments):
        Report = self.env["ir.actions.report"].with_user(self.acme_user)
        html, report_type = Report._render_qweb_html(REPORT, shipments.ids)
        self.assertEqual(report_type, "html")
        return html.decode()

    def assertNoPrice(self, html, order):
        self.assertNotIn("123.45", html)
        self.assertNotIn("246.9", html)
        self.assertNotIn(order.currency_id.symbol, html)
        for word in ("Price", "Amount", "Total", "Subtotal"):
            self.assertNotIn(word, html)

    def test_slip_is_white_label_and_has_no_price(self):
        html = self._html(self.shipment)
        self.assertIn(self.shipment.name, html)
        self.assertIn(self.alice.partner_id.name, html, "the reseller is the sender")
        self.assertIn("Zhang Wei", html)
        self.assertIn("1 Nanjing Road", html)
        self.assertIn("Logistics Test Tee", html)
        self.assertIn("Call 123 before delivery", html)
        self.assertIn(self.carrier_sf.name, html)
        self.assertIn(self.order.name, html)
        self.assertNotIn(self.acme.name, html, "no branding of the tenant running CIM")
        self.assertNotIn("/logo", html)
        self.assertNoPrice(html, self.order)

    def test_slips_print_in_batch(self):
        html = self._html(self.shipment | self.bob_shipment)
        self.assertIn(self.shipment.name, html)
        self.assertIn(self.bob_shipment.name, html)
        self.assertIn(self.bob.partner_id.name, html)
        self.assertIn("Zhao Lei", html)
        self.assertEqual(html.count('class="page"'), 2)
        self.assertNoPrice(html, self.order)

    def test_slip_renders_as_pdf(self):
        # One slip: Debian's wkhtmltopdf (unpatched Qt) renders one document
        # per call; batches are checked on the HTML above.
        Report = self.env["ir.actions.report"]
        if Report.get_wkhtmltopdf_state() != "ok":
            raise unittest.SkipTest("wkhtmltopdf is not installed: the PDF cannot be rendered")
        # wkhtmltopdf fetches the report's assets from the test server.
        with self.allow_pdf_render():
            pdf, report_type = (
                Report.with_user(self.acme_user)
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(REPORT, self.shipment.ids)
            )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_print_action(self):
        action = self.shipment.with_user(self.acme_user).action_cim_print_slip()
        self.assertEqual(action["report_name"], "cim_logistics.report_cim_delivery_slip")
