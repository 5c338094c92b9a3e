from odoo.tests import TransactionCase, tagged

from odoo.addons.cim_customer.tests.common import TranslationCompletenessMixin

from .common import CimPortalCase


@tagged("post_install", "-at_install")
class TestTranslations(TranslationCompletenessMixin, TransactionCase):
    _cim_module = "cim_portal"


@tagged("post_install", "-at_install")
class TestChinesePages(CimPortalCase):
    """A reseller whose language is Chinese sees the pages in Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.module.module"]._load_module_terms(
            ["web", "portal", "website", "cim_customer", "cim_portal"], ["zh_CN"]
        )
        cls.alice.lang = "zh_CN"
        cls.zhang = cls._new_end_customer(cls.alice, "Zhang Wei")

    def test_website_offers_chinese(self):
        self.assertIn("zh_CN", self.env["website"].search([]).language_ids.mapped("code"))

    def test_my_customers_pages_are_in_chinese(self):
        self.login(self.alice)
        pages = {
            "/my/customers": ["我的客户", "新建客户", "搜索"],
            f"/my/customers/{self.zhang.id}": ["编辑", "删除", "删除该客户？"],
            "/my/customers/new": ["新建客户", "名称", "电话", "保存"],
        }
        english = ["My Customers", "New Customer", "Delete this customer?", ">Save<", ">Edit<"]
        for url, chinese in pages.items():
            with self.subTest(url=url):
                page = self.url_open(url)
                self.assertEqual(page.status_code, 200)
                # What a person sees: the window title and the body (the
                # head's social-sharing metadata names the template).
                title = page.text.split("<title>", 1)[1].split("</title>", 1)[0]
                seen = title + page.text.split("<body", 1)[1]
                for text in chinese:
                    self.assertIn(text, seen)
                for text in english:
                    self.assertNotIn(text, seen)
