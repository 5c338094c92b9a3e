from odoo import api, models

# The languages resellers read the portal in.
PORTAL_LANGUAGES = ("zh_CN", "en_US")


class Website(models.Model):
    _inherit = "website"

    @api.model
    def _cim_enable_chinese(self):
        """Resellers read the portal in Simplified Chinese or in English:
        both must be languages of every website, with the translations of
        every installed module (activating a language loads none: installing
        CIM in a database without Chinese would show English menus)."""
        Lang = self.env["res.lang"]
        inactive = [code for code in PORTAL_LANGUAGES if not Lang._lang_get(code)]
        languages = Lang.browse([Lang._activate_lang(code).id for code in PORTAL_LANGUAGES])
        if inactive:
            # As base's language install wizard does; the modules still
            # being installed get them when the loader finishes each.
            installed = self.env["ir.module.module"].search([("state", "=", "installed")])
            installed._update_translations(inactive)
        for website in self.search([]):
            website.language_ids |= languages
