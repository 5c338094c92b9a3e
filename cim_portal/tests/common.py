from odoo import http
from odoo.tests import HttpCase

from odoo.addons.cim_customer.tests.common import CimTenantCase


class CimPortalCase(CimTenantCase, HttpCase):
    """The CIM tenants, served over HTTP."""

    def login(self, user):
        self.authenticate(user.login, f"{user.cim_login_name}-password")

    def post(self, url, data=None, csrf=True, **kwargs):
        """A form POST as the browser sends it: with the session's CSRF token."""
        data = dict(data or {})
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data, method="POST", allow_redirects=False, **kwargs)
