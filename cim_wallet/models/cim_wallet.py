from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain


class CimWallet(models.Model):
    _name = "cim.wallet"
    _description = "Reseller Wallet"
    _order = "company_id, partner_id, currency_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Reseller",
        required=True,
        index=True,
        ondelete="restrict",
        help="The reseller's commercial partner: every login of the reseller pays from it.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Tenant",
        required=True,
        index=True,
        ondelete="restrict",
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        ondelete="restrict",
        default=lambda self: self.env.company.currency_id,
    )
    balance = fields.Monetary(
        readonly=True,
        copy=False,
        default=0.0,
        help="Changed only by booking transactions; always equals the sum of the ledger.",
    )
    transaction_ids = fields.One2many(
        "cim.wallet.transaction", "wallet_id", string="Transactions", readonly=True
    )
    transaction_count = fields.Integer(compute="_compute_transaction_count")
    low_balance_threshold = fields.Monetary(
        string="Low Balance Threshold",
        related="company_id.cim_wallet_low_balance",
        currency_field="currency_id",
    )
    is_low_balance = fields.Boolean(
        string="Low Balance",
        compute="_compute_is_low_balance",
        search="_search_is_low_balance",
        help="The balance is below the tenant's low-balance threshold.",
    )

    # The database itself refuses an overdraft and a second wallet for the same
    # reseller, tenant and currency, whatever path the write takes.
    _balance_not_negative = models.Constraint(
        "CHECK (balance >= 0)",
        lambda env, diag=None: env._("A wallet balance cannot go below zero."),
    )
    _partner_company_currency_unique = models.Constraint(
        "UNIQUE (partner_id, company_id, currency_id)",
        lambda env, diag=None: env._(
            "This reseller already has a wallet for this tenant and currency."
        ),
    )

    @api.depends("partner_id", "company_id", "currency_id")
    def _compute_display_name(self):
        for wallet in self:
            wallet.display_name = (
                f"{wallet.partner_id.name or ''} ({wallet.currency_id.name or ''})"
            )

    def _compute_transaction_count(self):
        counts = dict(
            self.env["cim.wallet.transaction"]._read_group(
                [("wallet_id", "in", self.ids)], ["wallet_id"], ["__count"]
            )
        )
        for wallet in self:
            wallet.transaction_count = counts.get(wallet, 0)

    @api.depends("balance", "company_id.cim_wallet_low_balance")
    def _compute_is_low_balance(self):
        for wallet in self:
            wallet.is_low_balance = (
                wallet.currency_id.compare_amounts(wallet.balance, wallet.low_balance_threshold) < 0
            )

    def _search_is_low_balance(self, operator, value):
        if operator != "in":
            return NotImplemented
        # Thresholds are per tenant: compare each tenant's wallets with its own.
        # Tenants are read as superuser because the threshold is a setting the
        # caller's company rules may hide while its wallets stay visible.
        low = Domain.FALSE
        for company in self.env["res.company"].sudo().search([]):
            low |= Domain("company_id", "=", company.id) & Domain(
                "balance", "<", company.cim_wallet_low_balance
            )
        if True in value and False in value:
            return Domain.TRUE
        return low if True in value else ~low

    @api.constrains("partner_id", "company_id")
    def _check_partner_is_reseller(self):
        for wallet in self:
            if wallet.partner_id != wallet.partner_id.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "A wallet belongs to a reseller's commercial partner, not to %(partner)s.",
                        partner=wallet.partner_id.display_name,
                    )
                )
            if not wallet.partner_id._cim_reseller_users(wallet.company_id):
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not a reseller of the tenant %(tenant)s.",
                        partner=wallet.partner_id.display_name,
                        tenant=wallet.company_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("balance"):
                raise UserError(
                    self.env._(
                        "A wallet opens with a zero balance: money enters it through a top-up."
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        if "balance" in vals:
            raise UserError(
                self.env._(
                    "A wallet balance changes only through its transactions: book a "
                    "top-up or an adjustment."
                )
            )
        if {"partner_id", "company_id", "currency_id"} & set(vals) and self.sudo().filtered(
            "transaction_ids"
        ):
            raise UserError(
                self.env._(
                    "A wallet with transactions cannot change its reseller, tenant or currency."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_transactions(self):
        if self.sudo().filtered("transaction_ids"):
            raise UserError(self.env._("A wallet with transactions cannot be deleted."))

    def action_view_transactions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cim_wallet.cim_wallet_transaction_action"
        )
        action["domain"] = [("wallet_id", "=", self.id)]
        action["context"] = {"search_default_group_by_type": False}
        action["display_name"] = self.env._("Transactions of %s", self.display_name)
        return action

    def action_open_topup(self):
        return self._cim_open_operation("topup")

    def action_open_adjustment(self):
        return self._cim_open_operation("adjustment")

    def _cim_open_operation(self, operation):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            f"cim_wallet.cim_wallet_operation_action_{operation}"
        )
        action["context"] = {
            "default_operation": operation,
            "default_partner_id": self.partner_id.id,
            "default_company_id": self.company_id.id,
            "default_currency_id": self.currency_id.id,
        }
        return action

    def action_check_balance(self):
        """Staff check: the stored balances agree with their ledgers."""
        self.check_access("read")
        wallets = self or self.search([])
        errors = wallets._cim_check_ledger()
        if errors:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "danger",
                    "sticky": True,
                    "title": self.env._("The ledger does not match"),
                    "message": "\n".join(errors),
                },
            }
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s wallet(s) checked: every balance equals the sum of its "
                    "transactions.",
                    count=len(wallets),
                ),
            },
        }

    # Business methods

    @api.model
    def _cim_find(self, partner, company, currency):
        """The wallet of a reseller (commercial partner), tenant and currency."""
        return self.search(
            [
                ("partner_id", "=", partner.commercial_partner_id.id),
                ("company_id", "=", company.id),
                ("currency_id", "=", currency.id),
            ],
            limit=1,
        )

    @api.model
    def _cim_find_or_create(self, partner, company, currency):
        return self._cim_find(partner, company, currency) or self.create(
            {
                "partner_id": partner.commercial_partner_id.id,
                "company_id": company.id,
                "currency_id": currency.id,
            }
        )

    def _cim_lock(self):
        """Lock the wallet rows until the end of the transaction, in id order
        so that two transactions locking several wallets cannot deadlock, and
        reload their balances from the locked rows.

        Every change of a balance happens under this lock, so concurrent
        bookings on one wallet run one after the other. Under Odoo's
        REPEATABLE READ isolation, a transaction that waited for a wallet
        another one has changed gets a serialization failure here and is
        retried from the start by Odoo: it never books on a stale balance.
        """
        if not self.ids:
            return
        self.env.cr.execute(
            "SELECT id FROM cim_wallet WHERE id IN %s ORDER BY id FOR UPDATE",
            [tuple(self.ids)],
        )
        self.invalidate_recordset(["balance"])

    def _cim_store_balance(self, balance):
        """Store the balance a booking computed under the lock of _cim_lock.
        Raw SQL: no ORM write may touch the balance (see write); the database
        still applies CHECK (balance >= 0)."""
        self.ensure_one()
        self.env.cr.execute(
            "UPDATE cim_wallet SET balance = %s, write_uid = %s,"
            " write_date = (now() at time zone 'UTC') WHERE id = %s",
            [balance, self.env.uid, self.id],
        )
        self.invalidate_recordset(["balance", "write_uid", "write_date"])

    def _cim_book(self, txn_type, amount, sale_order=None, reference=None, reason=None):
        """Book one transaction on this wallet; returns it."""
        self.ensure_one()
        # Debits and refunds are booked for resellers, who may not create
        # transactions themselves; the callers have checked who acts on which order.
        return (
            self.env["cim.wallet.transaction"]
            .sudo()
            .create(
                {
                    "wallet_id": self.id,
                    "type": txn_type,
                    "amount": amount,
                    "sale_order_id": sale_order.id if sale_order else False,
                    "reference": reference or False,
                    "reason": reason or False,
                }
            )
            .sudo(False)
        )

    def _cim_check_ledger(self):
        """Compare each wallet's stored balance with its ledger: the sum of the
        amounts, and every transaction's balance after with the running sum.
        Returns a list of readable problems, empty when all agree."""
        if not self.ids:
            return []
        self.env.flush_all()
        errors = []
        cr = self.env.cr
        cr.execute(
            """
            SELECT w.id, w.balance, COALESCE(SUM(t.amount), 0)
              FROM cim_wallet w
         LEFT JOIN cim_wallet_transaction t ON t.wallet_id = w.id
             WHERE w.id IN %s
          GROUP BY w.id, w.balance
            """,
            [tuple(self.ids)],
        )
        for wallet_id, balance, total in cr.fetchall():
            if balance != total:
                errors.append(
                    self.env._(
                        "%(wallet)s: the balance is %(balance)s but its transactions "
                        "sum to %(total)s.",
                        wallet=self.browse(wallet_id).sudo().display_name,
                        balance=balance,
                        total=total,
                    )
                )
        cr.execute(
            """
            SELECT id, wallet_id, balance_after, running
              FROM (SELECT id, wallet_id, balance_after,
                           SUM(amount) OVER (PARTITION BY wallet_id ORDER BY id) AS running
                      FROM cim_wallet_transaction
                     WHERE wallet_id IN %s) ledger
             WHERE balance_after != running
             ORDER BY id
            """,
            [tuple(self.ids)],
        )
        for txn_id, wallet_id, balance_after, running in cr.fetchall():
            errors.append(
                self.env._(
                    "%(wallet)s: transaction %(txn)s says the balance after it is "
                    "%(after)s but the transactions up to it sum to %(running)s.",
                    wallet=self.browse(wallet_id).sudo().display_name,
                    txn=txn_id,
                    after=balance_after,
                    running=running,
                )
            )
        return errors
