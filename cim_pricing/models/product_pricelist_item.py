from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class ProductPricelistItem(models.Model):
    _inherit = "product.pricelist.item"

    cim_reseller_ids = fields.Many2many(
        related="pricelist_id.cim_reseller_ids",
        string="Resellers",
    )

    @api.constrains("compute_price", "fixed_price", "percent_price")
    def _check_cim_price_not_negative(self):
        for item in self:
            if item.compute_price == "fixed" and item.fixed_price < 0:
                raise ValidationError(
                    self.env._(
                        "The price of the rule %(rule)s cannot be negative.",
                        rule=item.display_name,
                    )
                )
            if item.compute_price == "percentage" and item.percent_price > 100:
                raise ValidationError(
                    self.env._(
                        "The discount of the rule %(rule)s cannot exceed 100%%: the price "
                        "would be negative.",
                        rule=item.display_name,
                    )
                )

    @api.constrains(
        "pricelist_id",
        "applied_on",
        "categ_id",
        "product_tmpl_id",
        "product_id",
        "min_quantity",
        "date_start",
        "date_end",
    )
    def _check_cim_not_ambiguous(self):
        """Two rules of one price list for the same target and minimum
        quantity, valid at the same moment, leave the price to chance."""
        for item in self.filtered("pricelist_id"):
            clash = item._cim_ambiguous_rules()[:1]
            if clash:
                raise ValidationError(
                    self.env._(
                        "The rule %(rule)s overlaps the rule %(other)s of the price list "
                        "%(pricelist)s: same product or category, same minimum quantity and "
                        "overlapping validity dates, so the price would be ambiguous. Change "
                        "the dates or the minimum quantity, or edit the existing rule.",
                        rule=item.display_name,
                        other=clash.display_name,
                        pricelist=item.pricelist_id.display_name,
                    )
                )

    def _cim_ambiguous_rules(self):
        self.ensure_one()
        domain = Domain(
            [
                ("id", "!=", self.id),
                ("pricelist_id", "=", self.pricelist_id.id),
                ("applied_on", "=", self.applied_on),
                ("categ_id", "=", self.categ_id.id),
                ("product_tmpl_id", "=", self.product_tmpl_id.id),
                ("product_id", "=", self.product_id.id),
                ("min_quantity", "=", self.min_quantity),
            ]
        )
        # Validity periods are closed intervals, open-ended when a date is empty.
        if self.date_end:
            domain &= Domain("date_start", "=", False) | Domain("date_start", "<=", self.date_end)
        if self.date_start:
            domain &= Domain("date_end", "=", False) | Domain("date_end", ">=", self.date_start)
        # Every rule of the price list counts, whoever may read it.
        return self.sudo().search(domain, limit=1).sudo(False)
