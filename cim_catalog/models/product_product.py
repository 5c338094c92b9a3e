from odoo import api, models
from odoo.fields import Domain


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def _cim_visible_domain(self, reseller):
        """Domain of the variants ``reseller`` may see: active variants of the
        products :meth:`product.template._cim_visible_domain` lets it see."""
        return Domain("active", "=", True) & Domain(
            "product_tmpl_id", "any", self.env["product.template"]._cim_visible_domain(reseller)
        )

    @api.model
    def _cim_search_visible(self, reseller, domain=None, order=None, limit=None, offset=0):
        """The variants ``reseller`` may see among those matching ``domain``."""
        return self.with_context(active_test=True).search(
            Domain(domain or Domain.TRUE) & self._cim_visible_domain(reseller),
            order=order,
            limit=limit,
            offset=offset,
        )

    def _cim_filter_visible(self, reseller):
        """The records of ``self`` that ``reseller`` may see."""
        if not self:
            return self
        return self._cim_search_visible(reseller, Domain("id", "in", self.ids))

    def unlink(self):
        referenced = self._cim_referenced_variants()
        if referenced:
            referenced.action_archive()
            for template in referenced.product_tmpl_id:
                template.message_post(
                    body=self.env._(
                        "Variants archived instead of deleted, because orders refer to "
                        "them: %(variants)s",
                        variants=", ".join(
                            (referenced & template.product_variant_ids).mapped("display_name")
                        ),
                    )
                )
        return super(ProductProduct, self - referenced).unlink()

    def _cim_referenced_variants(self):
        if not self:
            return self
        referenced = self.browse()
        reference_fields = self.env["product.template"]._cim_product_reference_fields()
        for model_name, field_names in reference_fields.items():
            # Every document counts, whoever may see it.
            model = self.env[model_name].sudo().with_context(active_test=False)
            for field_name in field_names:
                rows = model._read_group([(field_name, "in", self.ids)], [field_name], [])
                referenced |= self.browse(row[0].id for row in rows)
        return referenced
