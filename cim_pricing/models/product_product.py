from odoo import fields, models
from odoo.exceptions import AccessError


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _cim_get_reseller_price(self, reseller, quantity=1.0, date=None):
        """What ``reseller`` pays for one unit of this variant when it orders
        ``quantity`` of it (in the product's unit) at ``date`` (default: now).

        The one price computation of CIM: the back-office price check, the
        portal and the wallet use it, and it gives what a sale order line of
        the reseller computes (same price list, same Odoo rule engine).

        :returns: dict with ``price`` (float, in ``currency``), ``currency``,
            ``pricelist`` (possibly empty: then the sales price applies) and
            ``rule`` (the product.pricelist.item that produced the price, or
            an empty recordset).
        :raises AccessError: when the product is not offered to the reseller.
        """
        self.ensure_one()
        reseller.ensure_one()
        # Visibility is judged for the reseller by the catalog's domain,
        # whatever the caller may read.
        if not self.sudo()._cim_filter_visible(reseller):
            raise AccessError(
                self.env._(
                    "The product %(product)s is not offered to %(reseller)s.",
                    product=self.sudo().display_name,
                    reseller=reseller.sudo().name,
                )
            )
        pricelist = reseller._cim_get_pricelist()
        tenant = reseller.sudo().company_id
        currency = pricelist.sudo().currency_id or tenant.currency_id
        # Resellers cannot read price rules; the product was checked above.
        price, rule_id = (
            pricelist.sudo()
            .with_company(tenant)
            ._get_product_price_rule(
                self.sudo().with_company(tenant),
                quantity or 1.0,
                currency=currency,
                date=date or fields.Datetime.now(),
            )
        )
        return {
            "price": price,
            "currency": currency.with_env(self.env),
            "pricelist": pricelist,
            "rule": self.env["product.pricelist.item"].browse(rule_id),
        }
