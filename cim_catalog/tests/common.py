from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user


class CimCatalogCase(TransactionCase):
    """Two tenants, resellers and staff of each, and products offered in the
    ways the catalog knows: shared, one tenant, chosen resellers, unpublished."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Company = cls.env["res.company"]
        cls.tenant_a = Company.create({"name": "Tenant A", "cim_tenant_code": "tenanta"})
        cls.tenant_b = Company.create({"name": "Tenant B", "cim_tenant_code": "tenantb"})
        cls.reseller_a1 = cls._create_reseller("ann", cls.tenant_a)
        cls.reseller_a2 = cls._create_reseller("andy", cls.tenant_a)
        cls.reseller_b1 = cls._create_reseller("ben", cls.tenant_b)
        cls.staff_a = cls._create_staff("staff_a", cls.tenant_a)
        cls.staff_b = cls._create_staff("staff_b", cls.tenant_b)
        cls.category = cls.env["product.category"].create({"name": "CIM Test Category"})
        cls.other_category = cls.env["product.category"].create({"name": "CIM Other Category"})

        Product = cls.env["product.template"]
        cls.shared_product = Product.create(cls._product_vals("Shared Tee"))
        cls.tenant_a_product = Product.create(
            cls._product_vals("Tenant A Mug", company_id=cls.tenant_a.id)
        )
        cls.tenant_b_product = Product.create(
            cls._product_vals("Tenant B Bag", company_id=cls.tenant_b.id)
        )
        cls.chosen_product = Product.create(
            cls._product_vals(
                "Ann Only Cap",
                company_id=cls.tenant_a.id,
                cim_reseller_ids=[Command.set(cls.reseller_a1.ids)],
            )
        )
        cls.unpublished_product = Product.create(
            cls._product_vals("Draft Hoodie", cim_is_published=False)
        )
        cls.archived_product = Product.create(cls._product_vals("Old Pen", active=False))

    @classmethod
    def _create_reseller(cls, name, tenant):
        return (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": name.title(),
                    "cim_login_name": name,
                    "company_id": tenant.id,
                    "email": f"{name}@example.com",
                }
            )
        )

    @classmethod
    def _create_staff(cls, login, tenant, groups="cim_customer.group_cim_user"):
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=tenant.id,
            company_ids=[Command.set(tenant.ids)],
        )

    @classmethod
    def _product_vals(cls, name, **vals):
        return {
            "name": name,
            "categ_id": cls.category.id,
            "list_price": 100.0,
            "cim_is_published": True,
            "taxes_id": [Command.clear()],
            **vals,
        }
