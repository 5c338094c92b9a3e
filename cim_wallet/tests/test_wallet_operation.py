from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import CimWalletCase


@tagged("post_install", "-at_install")
class TestWalletOperationWizard(CimWalletCase):
    def _run(self, operation, partner, amount, reason="Bank transfer", reference=None):
        Wizard = self.env["cim.wallet.operation"].with_user(self.manager_a)
        with Form(Wizard.with_context(default_operation=operation)) as form:
            form.partner_id = partner
            form.amount = amount
            form.reason = reason
            if reference:
                form.reference = reference
        return form.record.action_confirm()

    def test_topup_opens_the_wallet_and_books(self):
        self.assertFalse(self.Wallet.search([("partner_id", "=", self.ben.partner_id.id)]))
        action = self._run("topup", self.ben.partner_id, 250.0, reference="TT-42")
        wallet = self.Wallet.search([("partner_id", "=", self.ben.partner_id.id)])
        self.assertEqual((wallet.company_id, wallet.balance), (self.tenant_a, 250.0))
        txn = wallet.transaction_ids
        self.assertEqual(
            (txn.type, txn.amount, txn.reference, txn.reason, txn.user_id),
            ("topup", 250.0, "TT-42", "Bank transfer", self.manager_a),
        )
        self.assertEqual(action["domain"], [("wallet_id", "=", wallet.id)])

    def test_topup_must_be_positive(self):
        for amount in (0.0, -10.0):
            with self.subTest(amount=amount), self.assertRaises(UserError):
                self._run("topup", self.ann.partner_id, amount)
        self.assertEqual(self.wallet_ann.balance, 0.0)
        self.assertFalse(self.wallet_ann.transaction_ids)

    def test_adjustment_may_take_money_out_but_not_below_zero(self):
        self._run("topup", self.ann.partner_id, 100.0)
        with self.assertRaises(UserError):
            self._run("adjustment", self.ann.partner_id, -100.5, reason="Too much")
        self.assertEqual(self.wallet_ann.balance, 100.0)
        self._run("adjustment", self.ann.partner_id, -40.0, reason="Wrong top-up")
        self.assertEqual(self.wallet_ann.balance, 60.0)
        adjustment = self.wallet_ann.transaction_ids.filtered(lambda t: t.type == "adjustment")
        self.assertEqual((adjustment.amount, adjustment.reason), (-40.0, "Wrong top-up"))

    def test_reason_is_required(self):
        with self.assertRaises(UserError):
            self._run("adjustment", self.ann.partner_id, 10.0, reason=" ")
        self.assertFalse(self.wallet_ann.transaction_ids)

    def test_wallet_buttons_prefill_the_wizard(self):
        action = self.wallet_ann.with_user(self.manager_a).action_open_adjustment()
        wizard = Form(
            self.env["cim.wallet.operation"]
            .with_user(self.manager_a)
            .with_context(**action["context"])
        )
        self.assertEqual(wizard.operation, "adjustment")
        self.assertEqual(wizard.partner_id, self.ann.partner_id)
        wizard.amount = 5.0
        wizard.reason = "Goodwill"
        record = wizard.save()
        self.assertEqual(record.wallet_id, self.wallet_ann)
        record.action_confirm()
        self.assertEqual(self.wallet_ann.balance, 5.0)
