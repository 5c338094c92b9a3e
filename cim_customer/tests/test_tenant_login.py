from psycopg2 import IntegrityError

from odoo.exceptions import AccessDenied, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import CimTenantCase


@tagged("post_install", "-at_install")
class TestTenantCode(CimTenantCase):
    def test_valid_codes_are_stored_lowercase(self):
        for typed, stored in [
            ("ab", "ab"),
            ("Tenant-7", "tenant-7"),
            (" Z9 ", "z9"),
            ("a" * 32, "a" * 32),
        ]:
            company = self.env["res.company"].create(
                {"name": f"Co {typed}", "cim_tenant_code": typed}
            )
            self.assertEqual(company.cim_tenant_code, stored)

    def test_invalid_codes_are_refused(self):
        for code in ["a", "-ab", "a_b", "a b", "a" * 33, "ab.", "北京"]:
            with self.subTest(code=code), self.assertRaises(ValidationError):
                self.env["res.company"].create({"name": f"Co {code}", "cim_tenant_code": code})

    @mute_logger("odoo.sql_db")
    def test_database_refuses_a_malformed_code(self):
        """The CHECK constraint holds even where the ORM is bypassed."""
        with self.assertRaises(IntegrityError):
            self.env.cr.execute(
                "UPDATE res_company SET cim_tenant_code = 'Bad Code' WHERE id = %s", [self.acme.id]
            )

    @mute_logger("odoo.sql_db")
    def test_codes_are_unique(self):
        with self.assertRaises(IntegrityError):
            self.env["res.company"].create({"name": "ACME bis", "cim_tenant_code": "ACME"})

    def test_renaming_a_tenant_renames_its_resellers(self):
        self.bob.active = False
        staff_login = self.acme_user.login
        self.acme.cim_tenant_code = "acme-cn"
        self.assertEqual(self.alice.login, "alice@acme-cn")
        self.assertEqual(self.bob.login, "bob@acme-cn", "archived resellers follow too")
        self.assertEqual(self.acme_user.login, staff_login, "staff logins are not reseller logins")
        self.assertEqual(self.carol.login, "carol@globex")
        uid = self.env["res.users"].authenticate(
            {"type": "password", "login": "alice@acme-cn", "password": "alice-password"},
            {"interactive": False},
        )["uid"]
        self.assertEqual(uid, self.alice.id)

    def test_renaming_a_tenant_onto_a_taken_login_changes_nothing(self):
        new_test_user(self.env, login="alice@acme2", groups="base.group_user")
        with self.assertRaises(UserError):
            self.acme.cim_tenant_code = "acme2"
        self.assertEqual(self.acme.cim_tenant_code, "acme")
        self.assertEqual(self.alice.login, "alice@acme")

    def test_removing_the_code_of_a_tenant_with_resellers_is_refused(self):
        with self.assertRaises(UserError):
            self.acme.cim_tenant_code = False
        self.assertEqual(self.alice.login, "alice@acme")


@tagged("post_install", "-at_install")
class TestResellerLogin(CimTenantCase):
    def _authenticate(self, login, password):
        return self.env["res.users"].authenticate(
            {"type": "password", "login": login, "password": password}, {"interactive": False}
        )["uid"]

    def test_login_is_composed_from_name_and_tenant(self):
        dave = self._new_reseller(" Dave.W ", self.globex)
        self.assertEqual(dave.login, "dave.w@globex")
        self.assertEqual(dave.cim_login_name, "dave.w")
        self.assertEqual(dave.company_id, self.globex)
        self.assertEqual(dave.company_ids, self.globex)
        self.assertTrue(dave.share, "a reseller is a portal user")
        self.assertEqual(dave.partner_id.company_id, self.globex, "its contact is its tenant's")

    def test_same_name_in_two_tenants_are_two_users(self):
        alice_globex = self._new_reseller("alice", self.globex)
        self.assertEqual(alice_globex.login, "alice@globex")
        self.assertNotEqual(alice_globex, self.alice)
        self.assertEqual(self._authenticate("alice@globex", "alice-password"), alice_globex.id)
        self.assertEqual(self._authenticate("alice@acme", "alice-password"), self.alice.id)

    def test_duplicate_login_is_refused(self):
        with self.assertRaisesRegex(UserError, "alice@acme"):
            self._new_reseller("Alice", self.acme)

    def test_login_name_is_validated(self):
        for name in ["-x", "a b", "a@b", "名字"]:
            with self.subTest(name=name), self.assertRaises(ValidationError):
                self._new_reseller(name, self.acme)

    def test_reseller_needs_a_tenant(self):
        plain = self.env["res.company"].create({"name": "No tenant"})
        with self.assertRaises(UserError):
            self._new_reseller("erin", plain)

    def test_login_is_case_insensitive(self):
        for typed in ["alice@acme", "ALICE@ACME", "Alice@Acme", "alice@ACME"]:
            with self.subTest(login=typed):
                self.assertEqual(self._authenticate(typed, "alice-password"), self.alice.id)

    def test_staff_logins_keep_exact_matching(self):
        new_test_user(
            self.env, login="staff@example.com", password="staff-password", groups="base.group_user"
        )
        with self.assertRaises(AccessDenied):
            self._authenticate("STAFF@EXAMPLE.COM", "staff-password")

    def test_every_failure_gets_the_same_answer(self):
        answers = set()
        for login, password in [
            ("alice@acme", "wrong-password"),
            ("nobody@acme", "alice-password"),
            ("alice@nowhere", "alice-password"),
            ("alice@globex", "alice-password"),
        ]:
            with self.subTest(login=login), self.assertRaises(AccessDenied) as caught:
                self._authenticate(login, password)
            answers.add((type(caught.exception), str(caught.exception)))
        self.assertEqual(len(answers), 1, answers)

    def test_last_login_is_recorded(self):
        self.assertFalse(self.bob.login_date)
        self._authenticate("bob@acme", "bob-password")
        self.bob.invalidate_recordset(["login_date"])
        self.assertTrue(self.bob.login_date)
