from odoo import api, fields, models
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


def in_language(domain, lang):
    """``domain`` evaluated with the texts of ``lang``, whatever the
    language of the search it is part of."""

    def to_sql(model, alias, query):
        model = model.with_context(lang=lang)
        return domain.optimize_full(model)._to_sql(model, alias, query)

    return Domain.custom(to_sql=to_sql)


class ProductTemplate(models.Model):
    _inherit = "product.template"

    # Trigram indexes (pg_trgm) for the portal search: a keyword matches in
    # the middle of a text (``ilike``), which a B-tree cannot answer, and the
    # search ORs five fields, which PostgreSQL combines from indexes only if
    # each of them has one. ``name`` has one in product, CIM's descriptions
    # in cim_catalog.
    default_code = fields.Char(index="trigram")
    description_sale = fields.Text(index="trigram")

    @api.model
    def _cim_portal_search_domain(self, keywords):
        """Domain of the products whose name, internal reference, description
        or category matches ``keywords``, in the reader's language or in
        English. Visibility is not part of it: combine with
        :meth:`_cim_search_visible`."""
        keywords = (keywords or "").strip()[:SEARCH_MAX_LENGTH]
        if not keywords:
            return Domain.FALSE
        text = Domain.OR(Domain(name, "ilike", keywords) for name in SEARCH_FIELDS)
        if (self.env.lang or "en_US") != "en_US":
            text |= in_language(text, "en_US")
        # Categories are shared reference data that resellers cannot read;
        # only the ids of the few matching the keywords leave this query, as
        # a list, so that PostgreSQL reads the products by their index.
        categories = (
            self.env["product.category"].sudo().search([("complete_name", "ilike", keywords)])
        )
        if categories:
            text |= Domain("categ_id", "in", categories.ids)
        return text
