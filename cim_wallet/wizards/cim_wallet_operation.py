from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount


class CimWalletOperation(models.TransientModel):
    _name = "cim.wallet.operation"
    _description = "Wallet Top-up or Adjustment"

    operation = fields.Selection(
        [("topup", "Top-up"), ("adjustment", "Adjustment")],
        required=True,
        default="topup",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Tenant",
        required=True,
        default=lambda self: self.env.company,
        domain="[('cim_tenant_code', '!=', False)]",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Reseller",
        required=True,
        domain="[('user_ids.cim_login_name', '!=', False), ('company_id', '=', company_id)]",
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        compute="_compute_currency_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    wallet_id = fields.Many2one("cim.wallet", compute="_compute_wallet_id")
    balance = fields.Monetary(string="Current Balance", compute="_compute_wallet_id")
    amount = fields.Monetary(
        required=True,
        help="A top-up is positive. An adjustment is positive to add money and negative "
        "to take money out; it cannot leave the balance below zero.",
    )
    reason = fields.Text(required=True)
    reference = fields.Char(help="e.g. the bank transfer's reference")

    @api.depends("company_id")
    def _compute_currency_id(self):
        for wizard in self:
            if not wizard.currency_id:
                wizard.currency_id = wizard.company_id.currency_id

    @api.depends("partner_id", "company_id", "currency_id")
    def _compute_wallet_id(self):
        for wizard in self:
            wallet = self.env["cim.wallet"]
            if wizard.partner_id and wizard.company_id and wizard.currency_id:
                wallet = wallet._cim_find(wizard.partner_id, wizard.company_id, wizard.currency_id)
            wizard.wallet_id = wallet
            wizard.balance = wallet.balance

    def action_confirm(self):
        self.ensure_one()
        currency = self.currency_id
        amount = currency.round(self.amount)
        if self.operation == "topup" and currency.compare_amounts(amount, 0.0) <= 0:
            raise UserError(self.env._("A top-up must be more than zero."))
        if self.operation == "adjustment":
            if currency.is_zero(amount):
                raise UserError(self.env._("An adjustment cannot be zero."))
            balance = self.wallet_id.balance
            if currency.compare_amounts(balance + amount, 0.0) < 0:
                raise UserError(
                    self.env._(
                        "This adjustment would leave the balance below zero: the balance is "
                        "%(balance)s, at most %(max)s can be taken out.",
                        balance=format_amount(self.env, balance, currency),
                        max=format_amount(self.env, balance, currency),
                    )
                )
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason of the operation."))
        wallet = self.env["cim.wallet"]._cim_find_or_create(
            self.partner_id, self.company_id, currency
        )
        self.env["cim.wallet.transaction"].create(
            {
                "wallet_id": wallet.id,
                "type": self.operation,
                "amount": amount,
                "reason": self.reason.strip(),
                "reference": self.reference,
            }
        )
        return wallet.action_view_transactions()
