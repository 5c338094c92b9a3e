from odoo.tests import TransactionCase, tagged

from odoo.addons.cim_customer.tests.common import TranslationCompletenessMixin


@tagged("post_install", "-at_install")
class TestPricingTranslations(TranslationCompletenessMixin, TransactionCase):
    _cim_module = "cim_pricing"

    def test_zh_cn_translation_complete(self):
        # Odoo's test loader only collects test methods defined on the class
        # itself, not those of a mixin.
        return super().test_zh_cn_translation_complete()

    def test_menu_reads_as_the_design_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["cim_pricing"], ["zh_CN"])
        menu = self.env.ref("cim_pricing.product_pricelist_item_menu").with_context(lang="zh_CN")
        self.assertEqual(menu.name, "价格管理")
        self.assertEqual(menu.parent_id, self.env.ref("cim_customer.cim_menu_product_center"))
