from odoo import fields, models


class CimProductImage(models.Model):
    _name = "cim.product.image"
    _description = "Product Gallery Image"
    _inherit = ["image.mixin"]
    _order = "sequence, id"

    name = fields.Char(string="Caption", translate=True)
    sequence = fields.Integer(default=10)
    product_tmpl_id = fields.Many2one(
        "product.template",
        string="Product",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="product_tmpl_id.company_id", store=True, index=True)
    image_1920 = fields.Image(required=True)
