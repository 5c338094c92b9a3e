import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

TENANT_CODE_PATTERN = r"^[a-z0-9][a-z0-9-]{1,31}$"
TENANT_CODE_RE = re.compile(TENANT_CODE_PATTERN)


class ResCompany(models.Model):
    _inherit = "res.company"

    cim_tenant_code = fields.Char(
        string="Tenant Code",
        copy=False,
        help="Lowercase code resellers of this tenant type after the @ of their "
        "login, e.g. 'acme' in alice@acme: 2 to 32 letters, digits or dashes, "
        "starting with a letter or a digit.",
    )
    cim_reseller_count = fields.Integer(
        string="Reseller Count", compute="_compute_cim_reseller_count"
    )

    # The database keeps the rules even against raw SQL or a bypassed ORM;
    # the Python check below gives the user a friendlier, translated message.
    _cim_tenant_code_unique = models.Constraint(
        "UNIQUE (cim_tenant_code)",
        lambda env, diag=None: env._("Another tenant already uses this tenant code."),
    )
    _cim_tenant_code_format = models.Constraint(
        f"CHECK (cim_tenant_code ~ '{TENANT_CODE_PATTERN}')",
        lambda env, diag=None: env._(
            "A tenant code is 2 to 32 lowercase letters, digits or dashes, "
            "starting with a letter or a digit."
        ),
    )

    def _compute_cim_reseller_count(self):
        counts = dict(
            self.env["res.users"]
            .with_context(active_test=False)
            ._read_group(
                [("company_id", "in", self.ids), ("cim_login_name", "!=", False)],
                ["company_id"],
                ["__count"],
            )
        )
        for company in self:
            company.cim_reseller_count = counts.get(company, 0)

    @api.model
    def _cim_normalize_tenant_code(self, code):
        """Tenant codes are stored lowercase, so that what staff type is
        matched case-insensitively, like the tenant part of a login. Checked
        before the database sees it, for a translated message; the CHECK
        constraint above stays as the last line of defence."""
        if not isinstance(code, str) or not code.strip():
            return False
        code = code.strip().lower()
        if not TENANT_CODE_RE.match(code):
            raise ValidationError(
                self.env._(
                    "The tenant code %(code)s is not valid: use 2 to 32 lowercase "
                    "letters, digits or dashes, starting with a letter or a digit.",
                    code=code,
                )
            )
        return code

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "cim_tenant_code" in vals:
                vals["cim_tenant_code"] = self._cim_normalize_tenant_code(vals["cim_tenant_code"])
        return super().create(vals_list)

    def write(self, vals):
        if "cim_tenant_code" not in vals:
            return super().write(vals)
        vals = dict(vals, cim_tenant_code=self._cim_normalize_tenant_code(vals["cim_tenant_code"]))
        renamed = self.filtered(lambda c: c.cim_tenant_code != vals["cim_tenant_code"])
        resellers = renamed._cim_get_resellers()
        if resellers and not vals["cim_tenant_code"]:
            raise UserError(
                self.env._(
                    "The tenant code cannot be removed while the tenant has resellers: "
                    "their logins end with it."
                )
            )
        result = super().write(vals)
        # Rename in the same transaction: either every login follows the new
        # code, or the duplicate check below aborts the whole change.
        resellers._cim_refresh_login()
        return result

    def _cim_get_resellers(self):
        """All resellers of these tenants, archived ones included: an archived
        login must not keep pointing at a renamed tenant either."""
        # Staff renaming a tenant may not see every reseller (archived ones,
        # res.users multi-company rule): the rename must reach them all.
        return (
            self.env["res.users"]
            .with_context(active_test=False)
            .sudo()
            .search([("company_id", "in", self.ids), ("cim_login_name", "!=", False)])
        )
