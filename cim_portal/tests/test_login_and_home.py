from urllib.parse import urlsplit

from odoo.tests import tagged

from .common import CimPortalCase


@tagged("post_install", "-at_install")
class TestLoginAndHome(CimPortalCase):
    def test_login_page_shows_the_login_format(self):
        page = self.url_open("/web/login")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Username format: user@tenant", page.text)

    def test_anonymous_visitors_go_to_the_login_page(self):
        reply = self.url_open("/", allow_redirects=False)
        self.assertIn(reply.status_code, (302, 303))
        self.assertIn("/web/login", reply.headers["Location"])

    def test_reseller_lands_on_the_home_page_after_login(self):
        page = self.url_open("/web/login")
        token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        reply = self.url_open(
            "/web/login",
            data={"login": "ALICE@ACME", "password": "alice-password", "csrf_token": token},
            allow_redirects=False,
        )
        self.assertIn(reply.status_code, (302, 303))
        self.assertEqual(urlsplit(reply.headers["Location"]).path, "/")
