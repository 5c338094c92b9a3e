import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Domain

LOGIN_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")

# What a CIM Manager may set on a reseller. Everything else on res.users
# (groups, companies, API keys, ...) stays with Odoo's Access Rights
# administrators, so that managing resellers can never grant more rights.
RESELLER_MANAGER_FIELDS = frozenset(
    {
        "active",
        "cim_login_name",
        "city",
        "company_id",
        "country_id",
        "email",
        "lang",
        "name",
        "phone",
        "state_id",
        "street",
        "street2",
        "tz",
        "zip",
    }
)


class ResUsers(models.Model):
    _inherit = "res.users"

    cim_login_name = fields.Char(
        string="Login Name",
        copy=False,
        help="The part of a reseller's login before the @, e.g. 'alice' in "
        "alice@acme. Lowercase letters, digits, dots, dashes and underscores.",
    )
    cim_tenant_code = fields.Char(string="Tenant Code", related="company_id.cim_tenant_code")
    cim_login_preview = fields.Char(
        string="Reseller Login",
        compute="_compute_cim_login_preview",
        help="The login the reseller types: login name @ tenant code.",
    )

    @api.depends("cim_login_name", "company_id.cim_tenant_code")
    def _compute_cim_login_preview(self):
        for user in self:
            name = self._cim_normalize_login_name(user.cim_login_name)
            code = user.company_id.cim_tenant_code
            user.cim_login_preview = f"{name}@{code}" if name and code else False

    @api.constrains("cim_login_name", "company_id", "company_ids", "login")
    def _check_cim_reseller(self):
        for user in self.filtered("cim_login_name"):
            if not LOGIN_NAME_RE.match(user.cim_login_name):
                raise ValidationError(
                    self.env._(
                        "The login name %(name)s is not valid: use lowercase letters, "
                        "digits, dots, dashes or underscores, starting with a letter or "
                        "a digit.",
                        name=user.cim_login_name,
                    )
                )
            if not user.company_id.cim_tenant_code:
                raise ValidationError(
                    self.env._(
                        "The reseller %(user)s must belong to a tenant: a company with a "
                        "tenant code.",
                        user=user.name,
                    )
                )
            if user.company_ids != user.company_id:
                raise ValidationError(
                    self.env._(
                        "The reseller %(user)s must belong to its tenant's company only.",
                        user=user.name,
                    )
                )
            if user.login != user._cim_compose_login():
                raise ValidationError(
                    self.env._(
                        "The login of the reseller %(user)s must be %(login)s.",
                        user=user.name,
                        login=user._cim_compose_login(),
                    )
                )
            if not user.share:
                raise ValidationError(
                    self.env._("The reseller %(user)s must be a portal user.", user=user.name)
                )

    @api.model
    def _cim_normalize_login_name(self, name):
        if not isinstance(name, str) or not name.strip():
            return False
        return name.strip().lower()

    def _cim_compose_login(self):
        self.ensure_one()
        return f"{self.cim_login_name}@{self.company_id.cim_tenant_code}"

    @api.model
    def _get_login_domain(self, login):
        domain = super()._get_login_domain(login)
        if isinstance(login, str) and "@" in login and login != login.lower():
            # Reseller logins are stored lowercase, so ALICE@ACME is alice@acme.
            # Staff logins keep Odoo's exact match.
            domain |= Domain("login", "=", login.strip().lower()) & Domain(
                "cim_login_name", "!=", False
            )
        return domain

    @api.model_create_multi
    def create(self, vals_list):
        as_manager = self._cim_acts_as_reseller_manager()
        if as_manager and not all(vals.get("cim_login_name") for vals in vals_list):
            raise AccessError(self.env._("CIM Managers can only create resellers."))
        portal_group = self.env.ref("base.group_portal")
        logins = []
        for vals in vals_list:
            if not vals.get("cim_login_name"):
                continue
            self._cim_check_manager_vals(vals)
            vals["cim_login_name"] = self._cim_normalize_login_name(vals["cim_login_name"])
            company = self.env["res.company"].browse(vals.get("company_id") or self.env.company.id)
            if not company.cim_tenant_code:
                raise UserError(
                    self.env._("Choose a tenant (a company with a tenant code) for the reseller.")
                )
            vals["login"] = f"{vals['cim_login_name']}@{company.cim_tenant_code}"
            vals["company_id"] = company.id
            vals["company_ids"] = [Command.set(company.ids)]
            vals["group_ids"] = [Command.set(portal_group.ids)]
            logins.append(vals["login"])
        self._cim_check_login_available(logins)
        if as_manager:
            # res.users creation is reserved to Access Rights administrators;
            # a CIM Manager gets past it only for resellers of its own tenants,
            # with the values _cim_check_manager_vals limited above.
            users = super(ResUsers, self.sudo()).create(vals_list).sudo(False)
        else:
            users = super().create(vals_list)
        for user in users.filtered("cim_login_name"):
            # Odoo leaves a new user's contact shared by all companies; a
            # reseller's contact is its tenant's, so other tenants' staff do
            # not see it (the res.partner multi-company rule). Writing it needs
            # contact rights a CIM Manager may lack.
            user.partner_id.sudo().company_id = user.company_id
        return users

    def write(self, vals):
        resellers = self.filtered("cim_login_name")
        if "company_id" in vals and any(u.company_id.id != vals["company_id"] for u in resellers):
            raise UserError(
                self.env._(
                    "A reseller cannot move to another tenant: its orders, wallet and "
                    "customers belong to its tenant. Archive it and create a new reseller."
                )
            )
        as_manager = self._cim_acts_as_reseller_manager()
        if as_manager:
            if self - resellers:
                raise AccessError(self.env._("CIM Managers can only change resellers."))
            self._cim_check_manager_vals(vals)
        if "cim_login_name" in vals:
            if len(self) > 1:
                # Each user gets a login of its own: write them one by one.
                return all(user.write(vals) for user in self)
            vals = dict(vals, cim_login_name=self._cim_normalize_login_name(vals["cim_login_name"]))
            if resellers and not vals["cim_login_name"]:
                raise UserError(self.env._("A reseller needs a login name."))
            if vals["cim_login_name"]:
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.company_id.id
                )
                vals["login"] = f"{vals['cim_login_name']}@{company.cim_tenant_code}"
                self._cim_check_login_available([vals["login"]], exclude=self)
        if as_manager:
            # Same bypass as in create, for the same whitelisted fields; the
            # login was derived from them above.
            return super(ResUsers, self.sudo()).write(vals)
        return super().write(vals)

    def _cim_acts_as_reseller_manager(self):
        """True when a CIM Manager who is not an Access Rights administrator
        manages resellers: the case the whitelist guards."""
        return (
            not self.env.su
            and self.env.user.has_group("cim_customer.group_cim_manager")
            and not self.env.user.has_group("base.group_erp_manager")
        )

    def _cim_check_manager_vals(self, vals):
        if not self._cim_acts_as_reseller_manager():
            return
        forbidden = set(vals) - RESELLER_MANAGER_FIELDS
        if forbidden:
            raise AccessError(
                self.env._(
                    "CIM Managers cannot change these fields of a reseller: %(fields)s",
                    fields=", ".join(sorted(forbidden)),
                )
            )
        company_id = vals.get("company_id")
        if company_id and company_id not in self.env.user.company_ids.ids:
            raise AccessError(self.env._("You can only manage resellers of your own tenants."))
        for user in self:
            if user.company_id not in self.env.user.company_ids:
                raise AccessError(self.env._("You can only manage resellers of your own tenants."))

    @api.model
    def _cim_check_login_available(self, logins, exclude=None):
        if not logins:
            return
        duplicates = [login for login in logins if logins.count(login) > 1]
        # Logins are unique database-wide, across tenants the caller cannot see.
        taken = (
            self.sudo()
            .with_context(active_test=False)
            .search([("login", "in", logins), ("id", "not in", (exclude or self.browse()).ids)])
        )
        clash = duplicates or taken.mapped("login")
        if clash:
            raise UserError(
                self.env._(
                    "The login %(login)s is already taken: choose another login name.",
                    login=", ".join(sorted(set(clash))),
                )
            )

    def _cim_refresh_login(self):
        """Recompose the logins of resellers after their tenant code changed;
        refuses the whole change if one would clash."""
        changed = self.filtered(lambda u: u.login != u._cim_compose_login())
        if not changed:
            return
        new_logins = [user._cim_compose_login() for user in changed]
        self._cim_check_login_available(new_logins, exclude=changed)
        for user, login in zip(changed, new_logins, strict=True):
            # Logins are reserved to Access Rights administrators; the value is
            # derived from fields the caller was allowed to change.
            super(ResUsers, user.sudo()).write({"login": login})

    def action_cim_reset_password(self):
        """Send resellers a link to choose a new password (or, for those who
        never logged in, a new invitation)."""
        if not (
            self.env.user.has_group("cim_customer.group_cim_manager")
            or self.env.user.has_group("base.group_erp_manager")
        ):
            raise AccessError(self.env._("Only CIM Managers can reset reseller passwords."))
        if self - self.filtered("cim_login_name"):
            raise AccessError(self.env._("Only resellers' passwords are reset here."))
        self._cim_check_manager_vals({})
        self.check_access("write")
        # Sending the mail reads templates and writes signup tokens on the
        # partners, which Odoo reserves to Access Rights administrators.
        invited = self.filtered(lambda u: not u.login_date).sudo()
        if invited:
            invited.with_context(create_user=True).action_reset_password()
        others = self.sudo() - invited
        if others:
            others.action_reset_password()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("The password instructions were sent."),
            },
        }
