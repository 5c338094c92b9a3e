from odoo import http
from odoo.http import request

from odoo.addons.website.controllers.main import Website


class CimWebsite(Website):
    @http.route()
    def index(self, **kw):
        # The portal is for logged-in resellers only: visitors log in first.
        if request.env.user._is_public():
            return request.redirect("/web/login?redirect=/")
        return super().index(**kw)

    def _login_redirect(self, uid, redirect=None):
        # A reseller lands on the portal home page, not on /my.
        if not redirect and request.env["res.users"].browse(uid).sudo().cim_login_name:
            redirect = "/"
        return super()._login_redirect(uid, redirect=redirect)
