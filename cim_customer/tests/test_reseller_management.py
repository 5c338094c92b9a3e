from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import CimTenantCase


@tagged("post_install", "-at_install")
class TestResellerManagement(MockEmail, CimTenantCase):
    def _reseller_form(self, user, record=None):
        Users = self.env["res.users"].with_user(user)
        return Form(
            record.with_user(user) if record else Users,
            view="cim_customer.res_users_view_form_reseller",
        )

    def test_manager_creates_a_reseller_from_the_form(self):
        form = self._reseller_form(self.acme_manager)
        form.name = "Dave Zhou"
        form.company_id = self.acme
        form.cim_login_name = "Dave"
        form.email = "dave@example.com"
        self.assertEqual(form.cim_login_preview, "dave@acme", "the login is shown before saving")
        dave = form.save()
        self.assertEqual(dave.login, "dave@acme")
        self.assertEqual(dave.group_ids, self.env.ref("base.group_portal"))
        self.assertEqual(dave.company_ids, self.acme)
        self.assertEqual(dave.state, "new", "invited, never logged in")

    def test_manager_edits_disables_and_enables_a_reseller(self):
        reseller = self.alice.with_user(self.acme_manager)
        with self._reseller_form(self.acme_manager, self.alice) as form:
            form.cim_login_name = "alice.w"
            form.phone = "+86 21 5555 0000"
        self.assertEqual(self.alice.login, "alice.w@acme")
        self.assertEqual(self.alice.phone, "+86 21 5555 0000")
        reseller.action_archive()
        self.assertFalse(self.alice.active)
        reseller.action_unarchive()
        self.assertTrue(self.alice.active)

    def test_renaming_onto_a_taken_login_is_refused(self):
        with self.assertRaisesRegex(UserError, "bob@acme"):
            self.alice.with_user(self.acme_manager).cim_login_name = "bob"
        self.assertEqual(self.alice.login, "alice@acme")

    def test_reseller_cannot_move_to_another_tenant(self):
        with self.assertRaises(UserError):
            self.alice.write({"company_id": self.globex.id})
        self.assertEqual(self.alice.company_id, self.acme)

    def test_manager_reset_password_sends_instructions(self):
        self.alice.email = "alice@example.com"
        self.alice.partner_id.sudo().signup_cancel()
        self.env["res.users"].authenticate(
            {"type": "password", "login": "alice@acme", "password": "alice-password"},
            {"interactive": False},
        )
        with self.mock_mail_gateway():
            result = self.alice.with_user(self.acme_manager).action_cim_reset_password()
        self.assertEqual(result["params"]["type"], "success")
        self.assertEqual(self.alice.partner_id.sudo().signup_type, "reset")
        self.assertEqual(len(self._mails), 1)
        self.assertEqual(self._mails[0]["email_to"], ["alice@example.com"])
        self.assertIn("reset_password", self._mails[0]["body"])

    def test_manager_invites_a_reseller_who_never_logged_in(self):
        self.bob.email = "bob@example.com"
        with self.mock_mail_gateway():
            self.bob.with_user(self.acme_manager).action_cim_reset_password()
        self.assertEqual(self.bob.partner_id.sudo().signup_type, "signup")
        self.assertEqual(len(self._mails), 1)
        self.assertEqual(self._mails[0]["email_to"], ["bob@example.com"])

    def test_manager_cannot_reset_staff_passwords(self):
        admin = self.env.ref("base.user_admin")
        with self.assertRaises(AccessError):
            admin.with_user(self.acme_manager).action_cim_reset_password()
        with self.assertRaises(AccessError):
            self.carol.with_user(self.acme_manager).action_cim_reset_password()

    def test_cim_user_cannot_manage_resellers(self):
        Users = self.env["res.users"].with_user(self.acme_user)
        with self.assertRaises(AccessError):
            Users.create({"name": "Eve", "cim_login_name": "eve", "company_id": self.acme.id})
        with self.assertRaises(AccessError):
            self.alice.with_user(self.acme_user).name = "Renamed"
        with self.assertRaises(AccessError):
            self.alice.with_user(self.acme_user).action_cim_reset_password()

    def test_manager_cannot_manage_another_tenant(self):
        Users = self.env["res.users"].with_user(self.acme_manager)
        with self.assertRaises(AccessError):
            Users.create({"name": "Eve", "cim_login_name": "eve", "company_id": self.globex.id})
        with self.assertRaises(AccessError):
            self.carol.with_user(self.acme_manager).name = "Renamed"

    def test_manager_cannot_grant_rights(self):
        """Managing resellers must never become a way to create staff or raise rights."""
        Users = self.env["res.users"].with_user(self.acme_manager)
        with self.assertRaises(AccessError):
            Users.create({"name": "Mallory", "login": "mallory", "company_id": self.acme.id})
        system = self.env.ref("base.group_system")
        with self.assertRaises(AccessError):
            self.alice.with_user(self.acme_manager).write({"group_ids": [Command.link(system.id)]})
        with self.assertRaises(AccessError):
            Users.create(
                {
                    "name": "Mallory",
                    "cim_login_name": "mallory",
                    "company_id": self.acme.id,
                    "group_ids": [Command.set(system.ids)],
                }
            )
        with self.assertRaises(AccessError):
            self.acme_user.with_user(self.acme_manager).name = "Renamed staff"
        with self.assertRaises(AccessError):
            self.acme_manager.with_user(self.acme_manager).write(
                {"group_ids": [Command.link(system.id)]}
            )
        self.assertFalse(self.alice.has_group("base.group_system"))
        self.assertFalse(self.acme_manager.has_group("base.group_system"))

    def test_administrator_keeps_full_user_management(self):
        admin = new_test_user(
            self.env, login="t.erp", groups="base.group_erp_manager,base.group_partner_manager"
        )
        staff = (
            self.env["res.users"]
            .with_user(admin)
            .create({"name": "New staff", "login": "new.staff"})
        )
        self.assertFalse(staff.share)
