from odoo import api, models
from odoo.fields import Domain

# Fields the portal search looks in; the translated ones are searched in the
# reader's language and in English.
SEARCH_FIELDS = (
    "name",
    "default_code",
    "description_sale",
    "cim_description_short",
    "cim_description_html",
)
SEARCH_MAX_LENGTH = 100


class ProductTemplate(models.Model):
    _inherit = "product.template"

    @api.model
    def _cim_portal_search_domain(self, keywords):
        """Domain of the products whose name, internal reference, description
        or category matches ``keywords``, in the reader's language or in
        English. Visibility is not part of it: combine with
        :meth:`_cim_search_visible`."""
        keywords = (keywords or "").strip()[:SEARCH_MAX_LENGTH]
        if not keywords:
            return Domain.FALSE
        text = Domain.OR([Domain(name, "ilike", keywords) for name in SEARCH_FIELDS])
        # Categories are shared reference data that resellers cannot read;
        # only their ids matching the keywords leave this query.
        categories = (
            self.env["product.category"].sudo()._search([("complete_name", "ilike", keywords)])
        )
        text |= Domain("categ_id", "in", categories)
        english = self.with_context(lang="en_US")._search(text)
        return text | Domain("id", "in", english)
