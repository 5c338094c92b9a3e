from odoo import api, models


class Website(models.Model):
    _inherit = "website"

    @api.model
    def _cim_enable_chinese(self):
        """Resellers read the portal in Simplified Chinese or in English:
        both must be languages of every website."""
        chinese = self.env["res.lang"]._activate_lang("zh_CN")
        english = self.env["res.lang"]._activate_lang("en_US")
        for website in self.search([]):
            website.language_ids |= chinese | english
