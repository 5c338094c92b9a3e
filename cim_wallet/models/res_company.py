from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    cim_wallet_low_balance = fields.Monetary(
        string="Low Balance Threshold",
        currency_field="currency_id",
        help="Resellers of this tenant whose wallet balance is below this amount show "
        "under the Low Balance filter of the wallets.",
    )
