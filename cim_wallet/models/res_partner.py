from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _cim_reseller_users(self, company):
        """The reseller logins of ``company`` whose commercial partner is this one."""
        self.ensure_one()
        # Whether a contact is a reseller is a fact about the tenant, not about
        # the users the caller may read: portal callers cannot read res.users.
        return (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("cim_login_name", "!=", False),
                    ("company_id", "=", company.id),
                    ("partner_id.commercial_partner_id", "=", self.commercial_partner_id.id),
                ]
            )
        )
