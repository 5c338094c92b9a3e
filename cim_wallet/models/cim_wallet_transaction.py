from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_amount

TRANSACTION_TYPES = [
    ("topup", "Top-up"),
    ("debit", "Debit"),
    ("refund", "Refund"),
    ("adjustment", "Adjustment"),
]
# Booked by orders only: action_cim_submit and cancelling a paid order.
ORDER_TYPES = ("debit", "refund")
# Booked by CIM Managers (the wizards, or a create over RPC).
MANAGER_TYPES = ("topup", "adjustment")


class CimWalletTransaction(models.Model):
    _name = "cim.wallet.transaction"
    _description = "Wallet Transaction"
    _order = "date desc, id desc"

    wallet_id = fields.Many2one(
        "cim.wallet",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    partner_id = fields.Many2one(
        related="wallet_id.partner_id", string="Reseller", store=True, index=True
    )
    company_id = fields.Many2one(
        related="wallet_id.company_id", string="Tenant", store=True, index=True
    )
    currency_id = fields.Many2one(related="wallet_id.currency_id", store=True)
    type = fields.Selection(TRANSACTION_TYPES, required=True, readonly=True)
    amount = fields.Monetary(
        required=True,
        readonly=True,
        help="Signed: positive amounts enter the wallet, negative ones leave it.",
    )
    balance_after = fields.Monetary(
        required=True,
        readonly=True,
        help="The wallet balance right after this transaction.",
    )
    sale_order_id = fields.Many2one(
        "sale.order", string="Order", index=True, ondelete="restrict", readonly=True
    )
    reference = fields.Char(readonly=True)
    reason = fields.Text(readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Author", required=True, readonly=True, ondelete="restrict"
    )
    date = fields.Datetime(required=True, readonly=True, index=True)

    # The database enforces the money rules whatever path a row takes.
    _balance_after_not_negative = models.Constraint(
        "CHECK (balance_after >= 0)",
        lambda env, diag=None: env._("A transaction cannot leave the wallet below zero."),
    )
    _amount_sign = models.Constraint(
        "CHECK ((type IN ('topup', 'refund') AND amount > 0)"
        " OR (type = 'debit' AND amount < 0)"
        " OR (type = 'adjustment' AND amount <> 0))",
        lambda env, diag=None: env._(
            "Top-ups and refunds are positive, debits negative and adjustments not zero."
        ),
    )
    _order_for_order_types = models.Constraint(
        "CHECK ((type IN ('debit', 'refund')) = (sale_order_id IS NOT NULL))",
        lambda env, diag=None: env._(
            "Debits and refunds belong to an order; top-ups and adjustments do not."
        ),
    )
    _one_debit_per_order = models.UniqueIndex(
        "(sale_order_id) WHERE type = 'debit'",
        lambda env, diag=None: env._("This order has already been paid from the wallet."),
    )
    _one_refund_per_order = models.UniqueIndex(
        "(sale_order_id) WHERE type = 'refund'",
        lambda env, diag=None: env._("This order has already been refunded."),
    )
    # A wallet's ledger, newest first (the default order), is read a page at
    # a time: the index answers the page and the count without a sort.
    _wallet_date_idx = models.Index("(wallet_id, date DESC, id DESC)")

    @api.depends("type", "amount", "currency_id")
    def _compute_display_name(self):
        labels = dict(self._fields["type"]._description_selection(self.env))
        for txn in self:
            txn.display_name = (
                f"{labels.get(txn.type, '')} {format_amount(self.env, txn.amount, txn.currency_id)}"
                if txn.currency_id
                else labels.get(txn.type, "")
            )

    @api.model_create_multi
    def create(self, vals_list):
        """The one place where money moves: lock the wallet, read its balance
        from the locked row, insert the transaction with the balance after it,
        store the new balance, all in the caller's database transaction. One
        transaction at a time: each reads the balance the previous one left."""
        transactions = self.browse()
        for vals in vals_list:
            wallet, vals = self._cim_prepare_booking(dict(vals))
            transactions |= super().create([vals])
            wallet._cim_store_balance(vals["balance_after"])
        return transactions

    # The ledger is append-only, for everyone: no super() on purpose.
    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(
            self.env._(
                "Wallet transactions cannot be changed: book a correcting adjustment "
                "with its reason instead."
            )
        )

    def unlink(self):  # pylint: disable=method-required-super
        raise UserError(
            self.env._(
                "Wallet transactions cannot be deleted: book a correcting adjustment "
                "with its reason instead."
            )
        )

    def copy(self, default=None):  # pylint: disable=method-required-super
        raise UserError(self.env._("Wallet transactions cannot be duplicated."))

    def _cim_prepare_booking(self, vals):
        """Check the values of one transaction, lock its wallet and complete
        the values from the locked balance. Returns (wallet, values)."""
        txn_type = vals.get("type")
        if txn_type not in dict(TRANSACTION_TYPES):
            raise ValidationError(self.env._("Choose the type of the transaction."))
        if not self.env.su and txn_type not in MANAGER_TYPES:
            raise AccessError(
                self.env._(
                    "Debits and refunds are booked by submitting and cancelling orders, "
                    "not by hand."
                )
            )
        wallet = self.env["cim.wallet"].browse(vals.get("wallet_id")).exists()
        if not wallet:
            raise ValidationError(self.env._("Choose the wallet of the transaction."))
        if not self.env.su:
            wallet.check_access("read")
        if txn_type == "adjustment" and not (vals.get("reason") or "").strip():
            raise ValidationError(self.env._("An adjustment needs a reason."))

        currency = wallet.currency_id
        amount = currency.round(vals.get("amount") or 0.0)
        sign = currency.compare_amounts(amount, 0.0)
        if (txn_type in ("topup", "refund") and sign <= 0) or (txn_type == "debit" and sign >= 0):
            raise ValidationError(
                self.env._("Top-ups and refunds are positive amounts, debits negative ones.")
            )
        if txn_type == "adjustment" and not sign:
            raise ValidationError(self.env._("An adjustment cannot be zero."))

        wallet._cim_lock()
        if txn_type in ORDER_TYPES and self.search_count(
            [("sale_order_id", "=", vals.get("sale_order_id")), ("type", "=", txn_type)]
        ):
            raise UserError(
                self.env._("This order has already been paid from the wallet.")
                if txn_type == "debit"
                else self.env._("This order has already been refunded.")
            )
        balance = wallet.balance
        balance_after = currency.round(balance + amount)
        if currency.compare_amounts(balance_after, 0.0) < 0:
            raise UserError(
                self.env._(
                    "The wallet of %(reseller)s holds %(balance)s: %(amount)s would leave it "
                    "below zero.",
                    reseller=wallet.partner_id.display_name,
                    balance=format_amount(self.env, balance, currency),
                    amount=format_amount(self.env, amount, currency),
                )
            )
        vals.update(
            amount=amount,
            balance_after=balance_after,
            date=fields.Datetime.now(),
            user_id=self.env.uid,
        )
        return wallet, vals
