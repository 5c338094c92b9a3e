from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    cim_customisation_note = fields.Text(
        string="Customisation",
        help="What the reseller asks for this item: print text, size notes, ...",
    )
