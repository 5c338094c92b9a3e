from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    cim_customisation_note = fields.Text(
        string="Customisation",
        help="What the reseller asks for this item: print text, size notes, ...",
    )

    def _cim_portal_label(self):
        """The ordered variant as the portal names it: the first line of the
        line's description, written when the entry was made (the variant's
        name in the reseller's language, as sale's portal shows lines), so
        that lists do not compute every variant's display name again."""
        self.ensure_one()
        return (self.name or self.product_id.display_name or "").split("\n", 1)[0]
