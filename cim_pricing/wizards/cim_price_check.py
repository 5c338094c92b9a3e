from odoo import api, fields, models
from odoo.exceptions import AccessError


class CimPriceCheck(models.TransientModel):
    _name = "cim.price.check"
    _description = "Price Check"

    reseller_id = fields.Many2one(
        "res.users",
        required=True,
        domain=[("cim_login_name", "!=", False)],
    )
    product_id = fields.Many2one("product.product", required=True)
    quantity = fields.Float(default=1.0, digits="Product Unit")
    date = fields.Datetime(default=fields.Datetime.now, required=True)
    pricelist_id = fields.Many2one(
        "product.pricelist", string="Price List", compute="_compute_price"
    )
    rule_id = fields.Many2one("product.pricelist.item", compute="_compute_price")
    currency_id = fields.Many2one("res.currency", compute="_compute_price")
    price = fields.Monetary(string="Unit Price", compute="_compute_price")
    explanation = fields.Char(compute="_compute_price")

    @api.depends("reseller_id", "product_id", "quantity", "date")
    def _compute_price(self):
        for check in self:
            check.update(
                {
                    "pricelist_id": False,
                    "rule_id": False,
                    "currency_id": check.reseller_id.company_id.currency_id,
                    "price": 0.0,
                    "explanation": False,
                }
            )
            if not (check.reseller_id and check.product_id):
                continue
            try:
                result = check.product_id._cim_get_reseller_price(
                    check.reseller_id, check.quantity, check.date
                )
            except AccessError as error:
                check.explanation = str(error)
                continue
            check.update(
                {
                    "pricelist_id": result["pricelist"],
                    "rule_id": result["rule"],
                    "currency_id": result["currency"],
                    "price": result["price"],
                    "explanation": check._cim_explain(result),
                }
            )

    def _cim_explain(self, result):
        if result["rule"]:
            return self.env._(
                "Rule %(rule)s of the price list %(pricelist)s.",
                rule=result["rule"].display_name,
                pricelist=result["pricelist"].display_name,
            )
        if result["pricelist"]:
            return self.env._(
                "No rule of the price list %(pricelist)s applies: the sales price.",
                pricelist=result["pricelist"].display_name,
            )
        return self.env._("The reseller has no price list: the sales price.")
