from odoo import api, models
from odoo.fields import Domain

from ..tools import is_small_number

# How many of a reseller's end customers a recipient choice offers at once:
# the page stays small however many customers there are, and the search
# (/cim/recipients) finds the others.
RECIPIENT_CHOICES = 30
RECIPIENT_SEARCH_MAX_LENGTH = 100


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _cim_recipients_domain(self, reseller):
        """The end customers of ``reseller``, the recipients it may choose."""
        return Domain("cim_is_end_customer", "=", True) & Domain(
            "parent_id", "=", reseller.partner_id.commercial_partner_id.id
        )

    @api.model
    def _cim_recipient_choices(self, reseller, selected=None, limit=RECIPIENT_CHOICES):
        """At most ``limit`` end customers of ``reseller`` to offer as the
        recipient: ``selected`` first (a partner or an id, as posted) when it
        is one of them, then those the reseller ordered for most recently,
        then the newest ones. A fixed number of queries, however many
        customers and orders the reseller has.

        :return: the end customers in that order, read with the caller's rights
        """
        domain = self._cim_recipients_domain(reseller)
        if isinstance(selected, models.BaseModel):
            selected = selected.id
        elif isinstance(selected, str):
            selected = int(selected) if is_small_number(selected.strip()) else None
        if not isinstance(selected, int) or isinstance(selected, bool):
            selected = None
        # Sale's portal rule (sale.sale_order_rule_portal, partner_id
        # child_of the commercial partner) is bypassed: the domain is the
        # reseller's own orders, which that rule grants anyway, and the
        # recipients only count here if they are its end customers. Only
        # their ids leave this query; they are read back with the caller's
        # rights below.
        groups = (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                self.env["sale.order"]._cim_reseller_orders_domain(reseller)
                & Domain("partner_shipping_id", "any", domain),
                groupby=["partner_shipping_id"],
                order="date_order:max desc, id:max desc",
                limit=limit,
            )
        )
        candidates = [selected] if selected else []
        candidates += [partner.id for (partner,) in groups if partner.id != selected]
        # One search checks the candidates and tops them up with the newest
        # customers (a sub-query), so that the page reads both at once.
        newest = self._search(domain, order="create_date desc, id desc", limit=limit)
        found = self.search(
            domain & (Domain("id", "in", candidates) | Domain("id", "in", newest)),
            order="create_date desc, id desc",
        )
        rank = {partner_id: index for index, partner_id in enumerate(candidates)}
        # A stable sort: the candidates first, in their order, then the newest.
        ids = sorted(found.ids, key=lambda partner_id: rank.get(partner_id, len(rank)))
        return self.browse(ids[:limit])

    @api.model
    def _cim_search_recipients(self, reseller, keywords, limit=RECIPIENT_CHOICES):
        """At most ``limit`` end customers of ``reseller`` whose name, phone,
        city or street holds ``keywords``, by name; none for empty or
        non-text keywords."""
        if not isinstance(keywords, str):
            return self.browse()
        # PostgreSQL refuses NUL characters in text: they match nothing anyway.
        keywords = keywords.replace("\x00", "").strip()[:RECIPIENT_SEARCH_MAX_LENGTH]
        if not keywords:
            return self.browse()
        text = Domain.OR(
            Domain(name, "ilike", keywords) for name in ("name", "phone", "city", "street")
        )
        return self.search(
            self._cim_recipients_domain(reseller) & text, order="name, id", limit=limit
        )
