from odoo.tests import TransactionCase, tagged

from .common import TranslationCompletenessMixin


@tagged("post_install", "-at_install")
class TestTranslations(TranslationCompletenessMixin, TransactionCase):
    _cim_module = "cim_customer"

    def test_menus_read_as_the_design_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["cim_customer"], ["zh_CN"])
        root = self.env.ref("cim_customer.cim_menu_root").with_context(lang="zh_CN")
        self.assertEqual(root.name, "客户交互后台管理")
        self.assertEqual(
            root.child_id.sorted("sequence").mapped("name"),
            ["商品中心", "客户中心", "交易中心", "物流中心"],
        )
        names = {
            "cim_customer.res_partner_menu_end_customer": "客户管理",
            "cim_customer.res_users_menu_reseller": "用户管理",
        }
        for xmlid, name in names.items():
            self.assertEqual(self.env.ref(xmlid).with_context(lang="zh_CN").name, name)
