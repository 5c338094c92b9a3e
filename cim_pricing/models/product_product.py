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
        return self._cim_get_reseller_prices(reseller, quantity=quantity, date=date)[self.id]

    def _cim_get_reseller_prices(self, reseller, quantity=1.0, date=None):
        """:meth:`_cim_get_reseller_price` for many variants at once, with a
        number of queries that does not grow with their number (pages that
        list products use this one).

        :returns: dict variant id -> the dict of :meth:`_cim_get_reseller_price`
        :raises AccessError: when one of the products is not offered to the reseller.
        """
        reseller.ensure_one()
        if not self:
            return {}
        # Visibility is judged for the reseller by the catalog's domain,
        # whatever the caller may read.
        hidden = self.sudo() - self.sudo()._cim_filter_visible(reseller)
        if hidden:
            raise AccessError(
                self.env._(
                    "The product %(product)s is not offered to %(reseller)s.",
                    product=hidden[0].display_name,
                    reseller=reseller.sudo().name,
                )
            )
        pricelist = reseller._cim_get_pricelist()
        tenant = reseller.sudo().company_id
        currency = pricelist.sudo().currency_id or tenant.currency_id
        # Resellers cannot read price rules; the products were checked above.
        results = (
            pricelist.sudo()
            .with_company(tenant)
            ._compute_price_rule(
                # with_prefetch: the rule engine reads the variants one by
                # one; reading them together keeps the query count flat.
                self.sudo().with_company(tenant).with_prefetch(),
                quantity or 1.0,
                currency=currency,
                date=date or fields.Datetime.now(),
            )
        )
        Rule = self.env["product.pricelist.item"]
        return {
            product_id: {
                "price": price,
                "currency": currency.with_env(self.env),
                "pricelist": pricelist,
                "rule": Rule.browse(rule_id),
            }
            for product_id, (price, rule_id) in results.items()
        }
