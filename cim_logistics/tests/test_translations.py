from odoo.tests import TransactionCase, tagged

from odoo.addons.cim_customer.tests.common import TranslationCompletenessMixin


@tagged("post_install", "-at_install")
class TestTranslations(TranslationCompletenessMixin, TransactionCase):
    _cim_module = "cim_logistics"

    def test_menu_reads_as_the_design_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["cim_customer", "cim_logistics"], ["zh_CN"]
        )
        menu = self.env.ref("cim_logistics.stock_picking_menu_cim_shipment")
        self.assertEqual(menu.with_context(lang="zh_CN").name, "物流管理")
        self.assertEqual(menu.parent_id.with_context(lang="zh_CN").name, "物流中心")
        states = dict(
            self.env["stock.picking"]
            .with_context(lang="zh_CN")
            ._fields["cim_shipment_state"]
            ._description_selection(self.env(context={"lang": "zh_CN"}))
        )
        self.assertEqual(states["shipped"], "已发货")
