from odoo.tests import TransactionCase, tagged

from odoo.addons.cim_customer.tests.common import TranslationCompletenessMixin
from odoo.addons.cim_logistics.tests.common import create_carriers

from .common import CimPortalCase, CimShopCase


@tagged("post_install", "-at_install")
class TestTranslations(TranslationCompletenessMixin, TransactionCase):
    _cim_module = "cim_portal"


@tagged("post_install", "-at_install")
class TestChineseEnabled(TransactionCase):
    def test_enabling_chinese_loads_every_installed_module(self):
        """In a database without Chinese, installing CIM activates it with
        the translations of the modules installed before cim_portal."""
        chinese = self.env["res.lang"]._lang_get("zh_CN")
        self.env["website"].search([]).language_ids -= chinese
        chinese.active = False
        menu = self.env.ref("cim_customer.cim_menu_root")
        self.env.cr.execute("UPDATE ir_ui_menu SET name = name - 'zh_CN' WHERE id = %s", [menu.id])
        menu.invalidate_recordset(["name"])
        # An inactive language cannot be read through the ORM.
        self.env.cr.execute("SELECT name->>'zh_CN' FROM ir_ui_menu WHERE id = %s", [menu.id])
        self.assertIsNone(self.env.cr.fetchone()[0])

        self.env["website"]._cim_enable_chinese()
        self.assertTrue(chinese.active)
        self.assertIn(chinese, self.env["website"].search([]).language_ids)
        self.assertEqual(menu.with_context(lang="zh_CN").name, "客户交互后台管理")


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


@tagged("post_install", "-at_install")
class TestChineseShopPages(CimShopCase):
    """The catalog, cart, orders and wallet pages of a Chinese reseller."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.module.module"]._load_module_terms(
            [
                "web",
                "portal",
                "website",
                "sale",
                "cim_customer",
                "cim_wallet",
                "cim_logistics",
                "cim_portal",
            ],
            ["zh_CN"],
        )
        cls.alice.lang = "zh_CN"
        cls.draft = cls._cart_entry(cls.alice, cls.mug, 1, note="生日快乐")
        cls.paid = cls._paid_order(cls.alice, cls.tee, 1)
        carrier, _own = create_carriers(cls.env)
        cls.shipping = cls._paid_order(cls.alice, cls.tee, 1)
        cls.shipment = cls.env["stock.picking"].browse(
            cls.shipping.with_user(cls.alice).action_cim_request_shipment(carrier_id=carrier.id)
        )

    def test_shop_pages_are_in_chinese(self):
        self.login(self.alice)
        pages = {
            "/": ["门户主页", "最新款式", "明星单品", "推荐款式", "立即购买", "购物车", "我的订单"],
            "/cim/search?q=Tee": ["立即购买", "搜索"],
            "/cim/search?q=nothing-matches": ["没有与搜索匹配的款式", "返回门户主页"],
            f"/cim/product/{self.mug.id}": [
                "加入购物车",
                "立即购买",
                "定制要求",
                "收货人",
                "数量",
                "搜索您的客户",
            ],
            "/my/cart": ["购物车", "账户余额", "应付总额", "提交订单 / 支付"],
            f"/my/cart/{self.draft.id}": [
                "定制要求",
                "收货人",
                "数量",
                "提交订单 / 支付",
                "删除",
                "搜索您的客户",
            ],
            "/my/orders": ["我的订单", "扣款金额", "已支付", "收货人", "发货中"],
            f"/my/orders/{self.paid.id}": [
                "撤单",
                "扣款金额",
                "收货人",
                "确定撤销该订单？",
                "发货",
                "确定为该订单发货？",
                "快递公司",
                "由仓库选择",
                "配送备注",
            ],
            f"/my/orders/{self.shipping.id}": ["发货单", "已申请", "运单号", "快递公司"],
            "/my/wallet": ["现金管理", "账户余额", "充值", "交易后余额", "下载 CSV"],
            "/my": ["购物车", "我的订单", "发货查询", "现金管理"],
            "/my/shipments": [
                "发货查询",
                "发货单",
                "已申请",
                "收货人",
                "快递公司",
                "运单号",
                "搜索",
            ],
            f"/my/shipments/{self.shipment.id}": [
                "发货查询",
                "编辑",
                "删除",
                "删除该发货单？",
                "配送备注",
                "申请时间",
            ],
            f"/my/shipments/{self.shipment.id}/edit": ["收货人", "快递公司", "配送备注", "保存"],
        }
        english = [
            "Buy Now",
            "Add to Cart",
            "Newest Styles",
            "Star Products",
            "Recommended Styles",
            "Submit / Pay",
            "Amount Deducted",
            "Cancel Order",
            "Cancel this order?",
            ">Cart<",
            ">Wallet<",
            ">Balance<",
            "Balance After",
            "Total to pay",
            "Customisation",
            "Recipient",
            ">Quantity<",
            "Top-up",
            "Download CSV",
            "No style matches your search.",
            "Back to the home page",
            "Update the price",
            "Search your customers",
            "My Orders",
            "Shipments",
            "Ship this order?",
            "Delete this shipment?",
            "Tracking Number",
            "Delivery Note",
            "Carrier",
            "Requested",
            "Let the warehouse choose",
            "Being Prepared",
            ">Shipping<",
            ">Ship<",
        ]
        for url, chinese in pages.items():
            with self.subTest(url=url):
                page = self.url_open(url)
                self.assertEqual(page.status_code, 200)
                title = page.text.split("<title>", 1)[1].split("</title>", 1)[0]
                seen = title + page.text.split("<body", 1)[1]
                for text in chinese:
                    self.assertIn(text, seen)
                for text in english:
                    self.assertNotIn(text, seen)
