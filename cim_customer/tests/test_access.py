from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CimTenantCase


@tagged("post_install", "-at_install")
class TestTenantIsolation(CimTenantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zhang = cls._new_end_customer(cls.alice, "Zhang Wei")
        cls.liu = cls._new_end_customer(cls.bob, "Liu Yang")
        cls.wu = cls._new_end_customer(cls.carol, "Wu Hao")

    def test_staff_see_only_their_tenant_resellers(self):
        Users = self.env["res.users"].with_user(self.acme_manager)
        resellers = Users.search([("cim_login_name", "!=", False)])
        self.assertIn(self.alice, resellers)
        self.assertNotIn(self.carol, resellers)
        with self.assertRaises(AccessError):
            self.carol.with_user(self.acme_manager).read(["login"])
        with self.assertRaises(AccessError):
            self.alice.with_user(self.globex_manager).read(["login"])

    def test_staff_see_only_their_tenant_end_customers(self):
        Partner = self.env["res.partner"].with_user(self.acme_user)
        customers = Partner.search([("cim_is_end_customer", "=", True)])
        self.assertIn(self.zhang, customers)
        self.assertIn(self.liu, customers)
        self.assertNotIn(self.wu, customers)
        self.assertNotIn(self.carol.partner_id, Partner.search([]))
        for mode, call in [
            ("read", lambda r: r.read(["name"])),
            ("write", lambda r: r.write({"name": "Changed"})),
            ("unlink", lambda r: r.unlink()),
        ]:
            with self.subTest(mode=mode), self.assertRaises(AccessError):
                call(self.wu.with_user(self.acme_user))
        self.assertEqual(self.wu.name, "Wu Hao")

    def test_reseller_reads_only_its_own_customers(self):
        Partner = self.env["res.partner"].with_user(self.alice)
        found = Partner.search([("cim_is_end_customer", "=", True)])
        self.assertEqual(found, self.zhang)
        with self.assertRaises(AccessError):
            self.liu.with_user(self.alice).read(["name", "phone"])
        with self.assertRaises(AccessError):
            self.zhang.with_user(self.alice).write({"name": "Direct write"})

    def test_reseller_rpc_call_kw_is_refused_for_other_customers(self):
        """The same checks hold through the RPC entry point a client uses."""
        from odoo.service.model import call_kw  # noqa: PLC0415

        Partner = self.env["res.partner"].with_user(self.alice)
        rows = call_kw(
            Partner, "search_read", [[["cim_is_end_customer", "=", True]]], {"fields": ["name"]}
        )
        self.assertEqual([r["id"] for r in rows], self.zhang.ids)
        with self.assertRaises(AccessError):
            call_kw(Partner, "read", [self.liu.ids], {"fields": ["name"]})
        with self.assertRaises(AccessError):
            call_kw(Partner, "cim_write_end_customer", [self.liu.ids, {"name": "Hijacked"}], {})
        self.assertEqual(self.liu.name, "Liu Yang")
