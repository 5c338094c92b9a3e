import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..exceptions import FieldValidationError

# What a reseller may set on its own end customers; ownership, tenant and
# type are derived, never taken from the request.
END_CUSTOMER_FIELDS = (
    "name",
    "phone",
    "email",
    "street",
    "street2",
    "city",
    "zip",
    "state_id",
    "country_id",
    "cim_notes",
)
END_CUSTOMER_MAX_LENGTH = {"cim_notes": 2000}
DEFAULT_MAX_LENGTH = 128
MARKUP_RE = re.compile(r"[<>]")


class ResPartner(models.Model):
    _inherit = "res.partner"
    # Portal record rules (sale orders, pickings, contacts) give a portal user
    # the records of ``child_of`` its commercial partner. Without a parent
    # store Odoo resolves that level by level into an id list, and a reseller's
    # end customers are its children: every rule check of a reseller with
    # thousands of end customers ran two extra queries and carried thousands
    # of ids. With ``parent_path`` the rule is one indexed prefix condition.
    _parent_store = True

    parent_path = fields.Char(index=True)

    cim_is_end_customer = fields.Boolean(
        string="End Customer",
        copy=False,
        index=True,
        help="A reseller's own customer: the recipient its orders ship to. "
        "The reseller is the contact's parent.",
    )
    cim_notes = fields.Text(string="Customer Notes")

    def _cim_reseller_user(self):
        """The reseller whose contact this partner is, if any."""
        self.ensure_one()
        return self.with_context(active_test=False).user_ids.filtered("cim_login_name")[:1]

    @api.constrains("cim_is_end_customer", "parent_id", "company_id")
    def _check_cim_end_customer(self):
        for partner in self.filtered("cim_is_end_customer"):
            reseller = partner.parent_id._cim_reseller_user() if partner.parent_id else None
            if not reseller:
                raise ValidationError(
                    self.env._(
                        "The end customer %(customer)s must belong to a reseller.",
                        customer=partner.name,
                    )
                )
            if partner.company_id != reseller.company_id:
                raise ValidationError(
                    self.env._(
                        "The end customer %(customer)s must belong to its reseller's tenant.",
                        customer=partner.name,
                    )
                )

    @api.model
    def _cim_end_customer_defaults(self, reseller):
        """Values that make a contact an end customer of ``reseller``."""
        return {
            "cim_is_end_customer": True,
            "parent_id": reseller.partner_id.commercial_partner_id.id,
            "company_id": reseller.company_id.id,
            "type": "delivery",
        }

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("cim_is_end_customer") and vals.get("parent_id"):
                reseller = self.browse(vals["parent_id"])._cim_reseller_user()
                if reseller:
                    vals.setdefault("company_id", reseller.company_id.id)
                    vals.setdefault("type", "delivery")
        return super().create(vals_list)

    def unlink(self):
        referenced = self.filtered("cim_is_end_customer")._cim_referenced_end_customers()
        if referenced:
            referenced.action_archive()
            for partner in referenced:
                partner.message_post(
                    body=self.env._(
                        "Archived instead of deleted: orders or shipments refer to this "
                        "customer. Unarchive it to use it again."
                    )
                )
        return super(ResPartner, self - referenced).unlink()

    def _cim_referenced_end_customers(self):
        """The end customers among ``self`` that documents still refer to.

        Addons that add documents pointing at an end customer extend
        :meth:`_cim_end_customer_reference_domains`.
        """
        if not self:
            return self
        referenced = self.browse()
        for model_name, field_names in self._cim_end_customer_reference_domains().items():
            model = self.env[model_name].sudo().with_context(active_test=False)
            for field_name in field_names:
                # Orders of other users must count too: the check is about
                # whether anything refers to the customer, not who may see it.
                rows = model._read_group([(field_name, "in", self.ids)], [field_name], [])
                referenced |= self.browse(row[0].id for row in rows)
        return referenced

    @api.model
    def _cim_end_customer_reference_domains(self):
        """Model name -> fields holding an end customer."""
        return {"sale.order": ["partner_id", "partner_shipping_id"]}

    # Reseller-facing API: the portal pages and RPC clients of resellers call
    # these; they check ownership and whitelist fields, then act as superuser
    # because portal users hold no write access on contacts at all.

    @api.model
    def cim_create_end_customer(self, vals):
        reseller = self._cim_current_reseller()
        values = self._cim_clean_end_customer_vals(vals, creating=True)
        values.update(self._cim_end_customer_defaults(reseller))
        # Portal users have no create right on contacts (base ACL).
        return self.sudo().create(values).sudo(False)

    def cim_write_end_customer(self, vals):
        self._cim_check_end_customer_owner()
        values = self._cim_clean_end_customer_vals(vals, creating=False)
        # Ownership checked above; portal users have no write right on contacts.
        return self.sudo().write(values)

    def cim_delete_end_customer(self):
        """Delete, or archive where orders or shipments refer to the customer.
        Returns the customers that were archived."""
        self._cim_check_end_customer_owner()
        # Ownership checked above; portal users may neither see other users'
        # orders referring to the customer nor delete contacts.
        archived = self.sudo()._cim_referenced_end_customers()
        self.sudo().unlink()
        return archived.sudo(False)

    @api.model
    def _cim_current_reseller(self):
        user = self.env.user
        if not user.cim_login_name:
            raise AccessError(self.env._("Only resellers have their own customers."))
        return user

    def _cim_check_end_customer_owner(self):
        owner = self._cim_current_reseller().partner_id.commercial_partner_id
        # Read as superuser so that another reseller's id is refused by this
        # check, not by the portal read rule with a different message.
        partners = self.sudo().with_context(active_test=False)
        if any(not p.cim_is_end_customer or p.parent_id != owner for p in partners):
            raise AccessError(self.env._("This customer does not exist or is not yours."))

    @api.model
    def _cim_clean_end_customer_vals(self, vals, creating):
        """The values a reseller may set, cleaned; raises
        :class:`FieldValidationError` with one message per bad field."""
        unknown = set(vals) - set(END_CUSTOMER_FIELDS)
        if unknown:
            raise AccessError(
                self.env._(
                    "These customer fields cannot be set: %(fields)s",
                    fields=", ".join(sorted(unknown)),
                )
            )
        values, errors = {}, {}
        for name, value in vals.items():
            field = self._fields[name]
            label = field._description_string(self.env)
            if field.type == "many2one":
                record = self._cim_clean_many2one(field, value)
                if record is None:
                    errors[name] = self.env._("%(field)s is not valid.", field=label)
                else:
                    values[name] = record
                continue
            if value is None or value is False:
                value = ""
            if not isinstance(value, str):
                errors[name] = self.env._("%(field)s must be text.", field=label)
                continue
            value = value.strip()
            max_length = END_CUSTOMER_MAX_LENGTH.get(name, DEFAULT_MAX_LENGTH)
            if len(value) > max_length:
                errors[name] = self.env._(
                    "%(field)s is too long: at most %(max)s characters.",
                    field=label,
                    max=max_length,
                )
            elif MARKUP_RE.search(value):
                errors[name] = self.env._("%(field)s cannot contain < or >.", field=label)
            else:
                values[name] = value or False
        if (creating or "name" in vals) and "name" not in errors and not values.get("name"):
            errors["name"] = self.env._("The customer's name is required.")
        if errors:
            raise FieldValidationError(errors)
        return values

    @api.model
    def _cim_clean_many2one(self, field, value):
        """The id of an existing record, False for none, None when invalid."""
        if not value:
            return False
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        # Countries and states are shared reference data.
        record = self.env[field.comodel_name].sudo().browse(value).exists()
        return record.id if record else None
