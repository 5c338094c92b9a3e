from odoo.tests import TransactionCase


class TestDeliberateFailure(TransactionCase):
    def test_passes(self):
        self.assertTrue(self.env.ref("base.main_company").exists())

    def test_fails_on_purpose(self):
        self.assertEqual(1 + 1, 3, "this failure is the point of the self-test")
