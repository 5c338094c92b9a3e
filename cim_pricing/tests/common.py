from odoo.fields import Command
from odoo.tests import new_test_user

from odoo.addons.cim_catalog.tests.common import CimCatalogCase


class CimPricingCase(CimCatalogCase):
    """The catalog fixture, plus a default price list per tenant and a price
    list of its own for reseller ann (tenant A)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_a = new_test_user(
            cls.env,
            login="manager_a",
            groups="cim_customer.group_cim_manager",
            company_id=cls.tenant_a.id,
            company_ids=[Command.set(cls.tenant_a.ids)],
        )
        Pricelist = cls.env["product.pricelist"]
        cls.pricelist_a = Pricelist.create(
            {
                "name": "Tenant A Prices",
                "company_id": cls.tenant_a.id,
                "currency_id": cls.tenant_a.currency_id.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "1_product",
                            "product_tmpl_id": cls.shared_product.id,
                            "compute_price": "fixed",
                            "fixed_price": 80.0,
                        }
                    ),
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 10.0,
                        }
                    ),
                ],
            }
        )
        cls.pricelist_ann = Pricelist.create(
            {
                "name": "Ann's Prices",
                "company_id": cls.tenant_a.id,
                "currency_id": cls.tenant_a.currency_id.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "1_product",
                            "product_tmpl_id": cls.shared_product.id,
                            "compute_price": "fixed",
                            "fixed_price": 70.0,
                        }
                    ),
                ],
            }
        )
        cls.pricelist_b = Pricelist.create(
            {
                "name": "Tenant B Prices",
                "company_id": cls.tenant_b.id,
                "currency_id": cls.tenant_b.currency_id.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "1_product",
                            "product_tmpl_id": cls.shared_product.id,
                            "compute_price": "fixed",
                            "fixed_price": 95.0,
                        }
                    ),
                ],
            }
        )
        cls.tenant_a.cim_pricelist_id = cls.pricelist_a
        cls.tenant_b.cim_pricelist_id = cls.pricelist_b
        cls.reseller_a1.cim_pricelist_id = cls.pricelist_ann

    @classmethod
    def _rule(cls, pricelist, **vals):
        return cls.env["product.pricelist.item"].create(
            {"pricelist_id": pricelist.id, "compute_price": "fixed", **vals}
        )
