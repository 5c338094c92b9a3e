import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount

_logger = logging.getLogger(__name__)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # A reseller's orders (its commercial partner's, in its tenant), newest
    # first, are read a page at a time by the portal and by RPC clients.
    _cim_partner_date_idx = models.Index("(partner_id, company_id, date_order DESC, id DESC)")

    cim_amount_debited = fields.Monetary(
        string="Amount Deducted",
        compute="_compute_cim_wallet_amounts",
        help="What the reseller's wallet paid for this order.",
    )
    cim_amount_refunded = fields.Monetary(
        string="Amount Refunded", compute="_compute_cim_wallet_amounts"
    )
    cim_wallet_transaction_count = fields.Integer(
        string="Wallet Transactions", compute="_compute_cim_wallet_amounts"
    )

    def _compute_cim_wallet_amounts(self):
        # Amounts of the orders the user already reads; staff without wallet
        # rights see them on the order form as well.
        groups = (
            self.env["cim.wallet.transaction"]
            .sudo()
            ._read_group(
                [("sale_order_id", "in", self.ids)],
                ["sale_order_id", "type"],
                ["amount:sum", "__count"],
            )
        )
        amounts = {}
        for order, txn_type, total, count in groups:
            amounts.setdefault(order.id, {})[txn_type] = (total, count)
        for order in self:
            values = amounts.get(order.id, {})
            order.cim_amount_debited = -values.get("debit", (0.0, 0))[0]
            order.cim_amount_refunded = values.get("refund", (0.0, 0))[0]
            order.cim_wallet_transaction_count = sum(count for _total, count in values.values())

    # Public API: the portal buttons, RPC clients and staff call these.

    def action_cim_submit(self):
        """Pay the orders from their resellers' wallets and confirm them.

        Each order is paid and confirmed or left untouched on its own (a
        savepoint per order), so a batch never overdraws a wallet. An order
        already paid is skipped: submitting twice debits once. A single order
        that cannot be paid raises a UserError saying the balance, the total
        and what is missing; in a batch, the error is raised only when no
        order could be paid.

        :return: ids of the orders this call paid
        """
        self._cim_check_payment_access()
        # Portal resellers hold no write access on orders nor wallets; the
        # ownership check above is what allows them to pay their own orders.
        orders = self.sudo()._cim_lock_for_payment()
        paid = self.browse()
        errors = []
        for order in orders:
            try:
                with self.env.cr.savepoint():
                    if order._cim_pay():
                        paid |= order
            except UserError as error:
                if len(orders) == 1:
                    raise
                errors.append(f"{order.name}: {error.args[0]}")
        if errors:
            _logger.info("Wallet batch payment: %s", "; ".join(errors))
            if not paid:
                raise UserError("\n".join(errors))
        return paid.ids

    def action_cim_cancel(self):
        """Cancel paid orders that have not shipped and refund exactly what
        their wallet paid, once. Cancelling again changes nothing."""
        self._cim_check_payment_access()
        # Same as action_cim_submit: ownership checked, resellers cannot write.
        orders = self.sudo()._cim_lock_for_payment()
        for order in orders:
            if order.state == "cancel":
                continue
            if not order._cim_debit():
                raise UserError(
                    self.env._(
                        "The order %(order)s has not been paid: remove it from the cart instead.",
                        order=order.name,
                    )
                )
        orders.filtered(lambda o: o.state != "cancel")._action_cancel()
        return True

    def action_cim_submit_button(self):
        """Back-office button: pay and confirm, then tell the user."""
        paid = self.action_cim_submit()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if paid else "warning",
                "message": self.env._("The order was paid from the wallet and confirmed.")
                if paid
                else self.env._("The order was already paid."),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_view_cim_wallet_transactions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cim_wallet.cim_wallet_transaction_action"
        )
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["display_name"] = self.env._("Wallet Transactions of %s", self.name)
        return action

    # Odoo overrides keeping "confirmed" and "paid" the same thing.

    def action_confirm(self):
        unpaid = self.filtered(lambda o: o._cim_is_reseller_order() and not o._cim_debit())
        if unpaid:
            raise UserError(
                self.env._(
                    "A reseller's order is confirmed by paying it from the wallet: use "
                    "Pay from Wallet on %(orders)s.",
                    orders=", ".join(unpaid.mapped("name")),
                )
            )
        return super().action_confirm()

    def action_draft(self):
        if any(order._cim_debit() for order in self):
            raise UserError(
                self.env._(
                    "An order paid from the wallet cannot go back to the cart: create a "
                    "new order instead."
                )
            )
        return super().action_draft()

    def _action_cancel(self):
        to_refund = self.filtered(
            lambda o: o.state != "cancel" and o._cim_debit() and not o._cim_refund()
        )
        shipped = to_refund.filtered(lambda o: o._cim_is_shipped())
        if shipped:
            raise UserError(
                self.env._(
                    "The order %(orders)s has shipped and cannot be cancelled.",
                    orders=", ".join(shipped.mapped("name")),
                )
            )
        if to_refund:
            # Whoever may cancel the order gets its money back to its wallet:
            # the refund is booked on the reseller's behalf.
            to_refund = to_refund.sudo()._cim_lock_for_payment()
            for order in to_refund:
                if order.state == "cancel" or order._cim_refund():
                    continue
                debit = order._cim_debit()
                debit.wallet_id._cim_book(
                    "refund", -debit.amount, sale_order=order, reference=order.name
                )
        return super()._action_cancel()

    # Hooks

    def _cim_is_shipped(self):
        """Whether the goods have left: such an order cannot be cancelled.
        cim_logistics overrides this."""
        self.ensure_one()
        return False

    # Business methods

    def _cim_check_payment_access(self):
        """Paying and cancelling are for the order's own reseller and for staff
        of the order's tenant; for nobody else."""
        self._cim_check_order_access(
            self.env._("Only the order's reseller and its tenant's staff can pay or cancel it.")
        )

    def _cim_check_order_access(self, refusal):
        """Raise AccessError unless the user is the orders' own reseller or a
        CIM User of their tenant. ``refusal`` tells anybody else why not.
        The one ownership rule of every action on a reseller's order."""
        if self.env.su:
            return
        user = self.env.user
        orders = self.sudo()
        if len(orders.exists()) != len(self):
            raise AccessError(self.env._("This order does not exist or is not yours."))
        if user._is_internal() and user.has_group("cim_customer.group_cim_user"):
            if any(order.company_id not in user.company_ids for order in orders):
                raise AccessError(self.env._("This order belongs to another tenant."))
            return
        if user.cim_login_name and user._is_portal():
            partner = user.partner_id.commercial_partner_id
            if any(
                order.partner_id.commercial_partner_id != partner
                or order.company_id != user.company_id
                for order in orders
            ):
                raise AccessError(self.env._("This order does not exist or is not yours."))
            return
        raise AccessError(refusal)

    def _cim_lock_orders(self):
        """Lock the orders' rows, in id order, until the end of the transaction
        and return the orders re-read from them.

        Every path that changes a reseller's order (paying, cancelling,
        shipping) locks it first, so under REPEATABLE READ a transaction that
        waited for the lock fails with a serialization error and is retried by
        Odoo: the retry sees what the first one did instead of doing it again.
        """
        if not self.ids:
            return self
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id FROM sale_order WHERE id IN %s ORDER BY id FOR UPDATE",
            [tuple(self.ids)],
        )
        self.env.invalidate_all()
        return self.browse(sorted(self.ids))

    def _cim_lock_for_payment(self):
        """Lock the orders, then their wallets, each in id order: every path
        that moves money locks in this order, so none can deadlock another.
        Returns the orders sorted by id, re-read from the locked rows."""
        orders = self._cim_lock_orders()
        wallets = self.env["cim.wallet"].browse()
        for order in orders:
            wallets |= order._cim_wallet()
        wallets.sorted("id")._cim_lock()
        return orders

    def _cim_is_reseller_order(self):
        self.ensure_one()
        partner = self.sudo().partner_id.commercial_partner_id
        return bool(partner and partner._cim_reseller_users(self.company_id))

    def _cim_wallet(self):
        """The wallet that pays this order: the reseller's, in the order's tenant
        and currency (empty if the reseller has none yet)."""
        self.ensure_one()
        return (
            self.env["cim.wallet"]
            .sudo()
            ._cim_find(self.partner_id, self.company_id, self.currency_id)
            .sudo(self.env.su)
        )

    def _cim_debit(self):
        self.ensure_one()
        return self._cim_transaction("debit")

    def _cim_refund(self):
        self.ensure_one()
        return self._cim_transaction("refund")

    def _cim_transaction(self, txn_type):
        if not self.id:
            return self.env["cim.wallet.transaction"]
        # Whether an order was paid is part of the order, whoever reads it.
        return (
            self.env["cim.wallet.transaction"]
            .sudo()
            .search([("sale_order_id", "=", self.id), ("type", "=", txn_type)], limit=1)
            .sudo(self.env.su)
        )

    def _cim_pay(self):
        """Pay one locked order and confirm it. Returns False when the order
        was already paid, True when this call paid it."""
        self.ensure_one()
        if self.state == "sale" and self._cim_debit():
            return False
        if self.state not in ("draft", "sent"):
            raise UserError(
                self.env._(
                    "The order %(order)s cannot be submitted: it is %(state)s.",
                    order=self.name,
                    state=dict(self._fields["state"]._description_selection(self.env)).get(
                        self.state
                    ),
                )
            )
        if not self._cim_is_reseller_order():
            raise UserError(
                self.env._(
                    "The order %(order)s is not a reseller's order: only resellers pay "
                    "from a wallet.",
                    order=self.name,
                )
            )
        if not self.order_line.filtered(lambda line: not line.display_type):
            raise UserError(self.env._("The order %(order)s is empty.", order=self.name))
        # Prices are the server's, never what the cart page showed.
        self._recompute_prices()
        currency = self.currency_id
        total = currency.round(self.amount_total)
        if currency.compare_amounts(total, 0.0) <= 0:
            raise UserError(
                self.env._(
                    "The order %(order)s has no amount to pay.",
                    order=self.name,
                )
            )
        wallet = self._cim_wallet()
        balance = wallet.balance if wallet else 0.0
        if currency.compare_amounts(balance, total) < 0:
            raise UserError(
                self.env._(
                    "Your balance is too low to pay the order %(order)s: the balance is "
                    "%(balance)s, the order total is %(total)s, %(missing)s is missing.",
                    order=self.name,
                    balance=format_amount(self.env, balance, currency),
                    total=format_amount(self.env, total, currency),
                    missing=format_amount(self.env, total - balance, currency),
                )
            )
        wallet._cim_book("debit", -total, sale_order=self, reference=self.name)
        self.action_confirm()
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_wallet_transactions(self):
        if self.sudo().filtered("cim_wallet_transaction_count"):
            raise UserError(
                self.env._(
                    "An order with wallet transactions cannot be deleted: it is in the ledger."
                )
            )
