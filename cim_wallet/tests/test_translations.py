from odoo.tests import TransactionCase, tagged

from odoo.addons.cim_customer.tests.common import TranslationCompletenessMixin


@tagged("post_install", "-at_install")
class TestTranslations(TranslationCompletenessMixin, TransactionCase):
    _cim_module = "cim_wallet"

    def test_menus_read_as_the_design_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["cim_customer", "cim_wallet"], ["zh_CN"])
        menu = self.env.ref("cim_wallet.cim_wallet_menu").with_context(lang="zh_CN")
        self.assertEqual(menu.name, "现金管理")
        self.assertEqual(menu.parent_id.name, "交易中心")
        names = {
            "cim_wallet.cim_wallet_transaction_menu": "交易记录",
            "cim_wallet.cim_wallet_menu_balances": "账户余额",
            "cim_wallet.cim_wallet_operation_menu_topup": "充值",
            "cim_wallet.cim_wallet_operation_menu_adjustment": "调整",
        }
        for xmlid, name in names.items():
            self.assertEqual(self.env.ref(xmlid).with_context(lang="zh_CN").name, name)
        labels = dict(
            self.env["cim.wallet.transaction"]
            .with_context(lang="zh_CN")
            ._fields["type"]
            ._description_selection(self.env(context={"lang": "zh_CN"}))
        )
        self.assertEqual(
            labels, {"topup": "充值", "debit": "扣款", "refund": "退款", "adjustment": "调整"}
        )
