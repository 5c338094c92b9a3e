import base64
import io

from PIL import Image

from odoo.fields import Command
from odoo.tests import tagged

from .common import CimCatalogCase


def _png(width, height, color="red"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


def _size(image_b64):
    return Image.open(io.BytesIO(base64.b64decode(image_b64))).size


@tagged("post_install", "-at_install")
class TestGallery(CimCatalogCase):
    def test_images_are_resized_like_product_images(self):
        self.shared_product.cim_image_ids = [
            Command.create({"name": "Back", "image_1920": _png(3000, 2000)})
        ]
        image = self.shared_product.cim_image_ids
        self.assertEqual(_size(image.image_1920), (1920, 1280))
        self.assertEqual(_size(image.image_128), (128, 85))
        self.assertEqual(_size(image.image_512), (512, 341))

    def test_add_reorder_replace_remove(self):
        product = self.shared_product.with_user(self.staff_a)
        product.cim_image_ids = [
            Command.create({"name": "Front", "sequence": 1, "image_1920": _png(64, 64, "red")}),
            Command.create({"name": "Back", "sequence": 2, "image_1920": _png(64, 64, "blue")}),
            Command.create({"name": False, "sequence": 3, "image_1920": _png(64, 64, "green")}),
        ]
        self.assertEqual(product.cim_image_ids.mapped("name"), ["Front", "Back", False])
        front, back, plain = product.cim_image_ids
        product.cim_image_ids = [Command.update(plain.id, {"sequence": 0})]
        product.invalidate_recordset(["cim_image_ids"])
        self.assertEqual(product.cim_image_ids, plain | front | back)
        new_image = _png(64, 64, "yellow")
        product.cim_image_ids = [Command.update(back.id, {"image_1920": new_image})]
        self.assertEqual(back.image_1920, new_image)
        product.cim_image_ids = [Command.delete(front.id)]
        self.assertFalse(front.exists())
        self.assertEqual(len(product.cim_image_ids), 2)

    def test_gallery_goes_with_its_product(self):
        self.chosen_product.cim_image_ids = [Command.create({"image_1920": _png(10, 10)})]
        image = self.chosen_product.cim_image_ids
        portal_images = self.env["cim.product.image"].with_user(self.reseller_a2)
        self.assertFalse(portal_images.search([("id", "=", image.id)]))
        self.assertEqual(
            self.env["cim.product.image"]
            .with_user(self.reseller_a1)
            .search([("id", "=", image.id)]),
            image,
        )
        self.chosen_product.unlink()
        self.assertFalse(image.exists())

    def test_descriptions_and_captions_translatable(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        product = self.shared_product
        product.write(
            {
                "cim_description_short": "Soft cotton tee",
                "cim_description_html": "<p>Made to order</p>",
                "cim_image_ids": [Command.create({"name": "Back", "image_1920": _png(8, 8)})],
            }
        )
        product.update_field_translations("cim_description_short", {"zh_CN": "柔软棉质T恤"})
        product.update_field_translations(
            "cim_description_html", {"zh_CN": {"Made to order": "按单定制"}}
        )
        product.cim_image_ids.update_field_translations("name", {"zh_CN": "背面"})
        chinese = product.with_context(lang="zh_CN")
        self.assertEqual(chinese.cim_description_short, "柔软棉质T恤")
        self.assertEqual(chinese.cim_description_html, "<p>按单定制</p>")
        self.assertEqual(chinese.cim_image_ids.name, "背面")
        self.assertEqual(
            product.with_context(lang="en_US").cim_description_short, "Soft cotton tee"
        )
