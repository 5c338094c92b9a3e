import base64
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from ..tools.demo_images import render_product_image

DEFAULT_NEW_PRODUCT_DAYS = 30


class ProductTemplate(models.Model):
    _inherit = "product.template"

    cim_is_published = fields.Boolean(
        string="Published to Portal",
        copy=False,
        tracking=True,
        help="Resellers see the product on the portal only when it is published.",
    )
    cim_published_date = fields.Datetime(
        string="First Published On",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="When the product was first published to the portal; it counts as one "
        "of the newest styles for the tenant's number of days after that.",
    )
    cim_is_new = fields.Boolean(
        string="Newest Style",
        compute="_compute_cim_is_new",
        search="_search_cim_is_new",
        help="Published, and first published within the tenant's number of days for "
        "newest styles (30 unless the tenant sets another number).",
    )
    cim_is_star = fields.Boolean(string="Star Product", tracking=True)
    cim_is_recommended = fields.Boolean(string="Recommended Style", tracking=True)
    cim_home_sequence = fields.Integer(
        string="Home Page Order",
        default=10,
        help="Order of star products and recommended styles on the portal home page: "
        "lower numbers come first.",
    )
    cim_reseller_restricted = fields.Boolean(
        string="Only for Chosen Resellers",
        compute="_compute_cim_reseller_restricted",
        store=True,
        readonly=False,
        copy=True,
        help="Only the chosen resellers see the product. With no reseller chosen, "
        "no reseller sees it.",
    )
    cim_reseller_ids = fields.Many2many(
        "res.users",
        relation="cim_product_template_res_users_rel",
        column1="product_tmpl_id",
        column2="user_id",
        string="Chosen Resellers",
        help="Resellers who see this product when it is offered to chosen resellers only.",
    )
    cim_customisation_required = fields.Boolean(
        string="Customisation Note Required",
        help="The portal asks the reseller for a customisation note (print text, size "
        "notes, ...) when ordering this product.",
    )
    cim_customisation_hint = fields.Char(
        string="Customisation Instructions",
        translate=True,
        help="Shown to the reseller next to the customisation note, e.g. what text to give.",
    )
    # Both descriptions have trigram indexes: the portal searches them with
    # ilike (see cim_portal's product search).
    cim_description_short = fields.Char(
        string="Short Description",
        translate=True,
        index="trigram",
        help="One line shown in product lists and search results.",
    )
    cim_description_html = fields.Html(
        string="Rich Description",
        translate=True,
        index="trigram",
        sanitize_attributes=False,
        help="The full description shown on the portal's product page.",
    )
    cim_image_ids = fields.One2many(
        "cim.product.image",
        "product_tmpl_id",
        string="Gallery",
        copy=True,
    )

    # The portal lists published products of one tenant (or shared ones): a
    # partial index keeps that scan small however many unpublished or archived
    # products pile up.
    _cim_portal_visible_idx = models.Index(
        "(company_id, cim_home_sequence) WHERE cim_is_published IS TRUE AND active IS TRUE"
    )

    @api.depends("cim_is_published", "cim_published_date")
    @api.depends_context("company")
    def _compute_cim_is_new(self):
        threshold = self._cim_new_threshold()
        for product in self:
            product.cim_is_new = bool(
                product.cim_is_published
                and product.cim_published_date
                and product.cim_published_date >= threshold
            )

    def _search_cim_is_new(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        wanted = {bool(v) for v in value}
        if operator == "not in":
            wanted = {True, False} - wanted
        if wanted == {True, False}:
            return Domain.TRUE
        if not wanted:
            return Domain.FALSE
        new = Domain("cim_is_published", "=", True) & Domain(
            "cim_published_date", ">=", self._cim_new_threshold()
        )
        return new if True in wanted else ~new

    @api.depends("cim_reseller_ids")
    def _compute_cim_reseller_restricted(self):
        # Choosing resellers restricts the product; removing the last one keeps
        # the restriction, so that the product never becomes public by accident.
        for product in self:
            if product.cim_reseller_ids:
                product.cim_reseller_restricted = True

    @api.model
    def _cim_new_threshold(self):
        days = self.env.company.cim_new_product_days or DEFAULT_NEW_PRODUCT_DAYS
        return fields.Datetime.now() - timedelta(days=days)

    @api.constrains("company_id", "cim_reseller_ids")
    def _check_cim_reseller_ids(self):
        for product in self:
            resellers = product.cim_reseller_ids
            if any(not user.cim_login_name for user in resellers):
                raise ValidationError(
                    self.env._(
                        "Only resellers can be chosen for the product %(product)s.",
                        product=product.display_name,
                    )
                )
            if product.company_id and resellers.company_id - product.company_id:
                raise ValidationError(
                    self.env._(
                        "The product %(product)s belongs to the tenant %(tenant)s: only "
                        "resellers of that tenant can be chosen.",
                        product=product.display_name,
                        tenant=product.company_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            if vals.get("cim_is_published") and not vals.get("cim_published_date"):
                vals["cim_published_date"] = now
        return super().create(vals_list)

    def write(self, vals):
        if not vals.get("cim_is_published"):
            return super().write(vals)
        first_time = self.filtered(lambda p: not p.cim_published_date)
        result = super().write(vals)
        if first_time:
            super(ProductTemplate, first_time).write({"cim_published_date": fields.Datetime.now()})
        return result

    def unlink(self):
        referenced = self._cim_referenced_products()
        if referenced:
            referenced.action_archive()
            referenced._cim_notify_archived_instead_of_deleted()
        return super(ProductTemplate, self - referenced).unlink()

    # Visibility: the one definition of "which products may this reseller see".
    # The portal, the search and the price computation all go through it; the
    # portal record rules in security/cim_catalog_rules.xml spell out the same
    # domain (tests/test_visibility.py checks that they agree).

    @api.model
    def _cim_visible_domain(self, reseller):
        """Domain of the products ``reseller`` (a portal ``res.users``) may see:
        active and published, offered to all tenants or to the reseller's
        tenant, and not restricted to other resellers."""
        reseller.ensure_one()
        return Domain.AND(
            [
                Domain("active", "=", True),
                Domain("cim_is_published", "=", True),
                Domain("company_id", "=", False)
                | Domain("company_id", "=", reseller.company_id.id),
                Domain("cim_reseller_restricted", "=", False)
                | Domain("cim_reseller_ids", "in", reseller.ids),
            ]
        )

    @api.model
    def _cim_search_visible(self, reseller, domain=None, order=None, limit=None, offset=0):
        """The products ``reseller`` may see among those matching ``domain``,
        in one SQL query."""
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

    # Deletion of products that documents refer to

    @api.model
    def _cim_product_reference_fields(self):
        """Model name -> fields holding a product variant that must keep
        pointing at it. Addons adding such documents extend this."""
        return {"sale.order.line": ["product_id"]}

    def _cim_referenced_products(self):
        """The products among ``self`` whose variants documents refer to."""
        variants = self.with_context(active_test=False).product_variant_ids
        if not variants:
            return self.browse()
        referenced = self.env["product.product"]
        for model_name, field_names in self._cim_product_reference_fields().items():
            # Documents of every user and tenant count: the question is whether
            # anything refers to the product, not who may see it.
            model = self.env[model_name].sudo().with_context(active_test=False)
            for field_name in field_names:
                rows = model._read_group([(field_name, "in", variants.ids)], [field_name], [])
                referenced |= self.env["product.product"].browse(row[0].id for row in rows)
        return self & referenced.product_tmpl_id

    def _cim_notify_archived_instead_of_deleted(self):
        message = self.env._(
            "Archived instead of deleted: orders refer to this product. "
            "Unarchive it to offer it again."
        )
        for product in self:
            product.message_post(body=message)
        self.env.user._bus_send(
            "simple_notification",
            {
                "type": "warning",
                "title": self.env._("Products archived"),
                "message": self.env._(
                    "Orders refer to %(products)s: archived instead of deleted.",
                    products=", ".join(self.mapped("display_name")),
                ),
                "sticky": True,
            },
        )

    @api.model
    def _cim_demo_generate_images(self):
        """Draw the main and gallery images of the demo products, without network."""
        xmlids = self.env["ir.model.data"].search(
            [("module", "=", "cim_catalog"), ("model", "=", self._name)]
        )
        products = self.browse(xmlids.mapped("res_id")).exists()
        for index, product in enumerate(products.filtered(lambda p: not p.image_1920)):
            category = product.categ_id.name or ""
            product.image_1920 = base64.b64encode(
                render_product_image(product.name, category, variant=0)
            )
            if index % 3 == 0:
                product.cim_image_ids = [
                    fields.Command.create(
                        {
                            "sequence": view,
                            "name": caption,
                            "image_1920": base64.b64encode(
                                render_product_image(product.name, category, variant=view)
                            ),
                        }
                    )
                    for view, caption in ((1, "Back"), (2, "Detail"))
                ]
