from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    cim_new_product_days = fields.Integer(
        string="Days a Style Stays New",
        default=30,
        help="A product counts as one of the newest styles for this many days after "
        "it was first published to the portal.",
    )

    _cim_new_product_days_positive = models.Constraint(
        "CHECK (cim_new_product_days > 0)",
        lambda env, diag=None: env._("The number of days a style stays new must be positive."),
    )
