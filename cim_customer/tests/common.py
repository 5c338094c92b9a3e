import polib

from odoo.fields import Command
from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, new_test_user
from odoo.tools.translate import TranslationModuleReader


class TranslationCompletenessMixin:
    """Asserts that an addon's i18n/zh_CN.po translates every term the addon
    exports today. Mix into a TransactionCase and set ``_cim_module``.

    The exported terms are read from the installed module exactly as
    ``odoo i18n export`` would, so a new string without its Chinese fails.
    """

    _cim_module = None
    # Odoo's loader collects only the test methods a class defines itself.
    allow_inherited_tests_method = True

    def test_zh_cn_translation_complete(self):
        module = self._cim_module
        po = polib.pofile(f"{get_module_path(module)}/i18n/zh_CN.po")
        translated = {entry.msgid for entry in po if entry.msgstr and not entry.obsolete}
        reader = TranslationModuleReader(self.env.cr, [module])
        # Each entry: (module, type, name, res_id, source, value, comments).
        exported = {entry[4] for entry in reader}
        missing = sorted(exported - translated)
        self.assertFalse(
            missing,
            f"{module}/i18n/zh_CN.po lacks a Chinese translation for: {missing}",
        )


class CimTenantCase(TransactionCase):
    """Two tenants with a CIM Manager, a CIM User and resellers each.

    Later addons build their fixtures on this one, so that every CIM test
    speaks about the same acme / globex world.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_reset_password=True))
        Company = cls.env["res.company"]
        cls.acme = Company.create({"name": "ACME Test", "cim_tenant_code": "acme"})
        cls.globex = Company.create({"name": "Globex Test", "cim_tenant_code": "globex"})
        cls.acme_manager = cls._new_staff(
            "t.manager.acme", cls.acme, "cim_customer.group_cim_manager"
        )
        cls.acme_user = cls._new_staff("t.user.acme", cls.acme, "cim_customer.group_cim_user")
        cls.globex_manager = cls._new_staff(
            "t.manager.globex", cls.globex, "cim_customer.group_cim_manager"
        )
        cls.alice = cls._new_reseller("alice", cls.acme)
        cls.bob = cls._new_reseller("bob", cls.acme)
        cls.carol = cls._new_reseller("carol", cls.globex)

    @classmethod
    def _new_staff(cls, login, company, groups):
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    @classmethod
    def _new_reseller(cls, name, company, **values):
        return new_test_user(
            cls.env,
            login=f"{name}@{company.cim_tenant_code}",
            password=f"{name}-password",
            groups="base.group_portal",
            cim_login_name=name,
            company_id=company.id,
            **values,
        )

    @classmethod
    def _new_end_customer(cls, reseller, name, **values):
        return (
            cls.env["res.partner"]
            .with_user(reseller)
            .cim_create_end_customer(dict({"name": name}, **values))
            .with_env(cls.env)
        )
