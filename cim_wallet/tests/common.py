from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user

NO_MAIL = {"no_reset_password": True, "mail_create_nosubscribe": True, "tracking_disable": True}


def create_tenant_fixtures(env, suffix=""):
    """Two tenants, resellers, staff and a product priced 100, as superuser.
    Returns a dict of records; used by the transactional tests and, in a
    committed cursor, by the concurrency tests."""
    env = env(context=dict(env.context, **NO_MAIL))
    currency = env.ref("base.USD")
    tenant_a, tenant_b = env["res.company"].create(
        [
            {
                "name": f"Wallet Tenant A{suffix}",
                "cim_tenant_code": f"wta{suffix}",
                "currency_id": currency.id,
            },
            {
                "name": f"Wallet Tenant B{suffix}",
                "cim_tenant_code": f"wtb{suffix}",
                "currency_id": currency.id,
            },
        ]
    )
    resellers = env["res.users"].create(
        [
            {"name": f"Ann{suffix}", "cim_login_name": "ann", "company_id": tenant_a.id},
            {"name": f"Ben{suffix}", "cim_login_name": "ben", "company_id": tenant_a.id},
            {"name": f"Cat{suffix}", "cim_login_name": "cat", "company_id": tenant_b.id},
        ]
    )
    staff = {}
    for key, group, tenant in [
        ("manager_a", "cim_customer.group_cim_manager", tenant_a),
        ("clerk_a", "cim_customer.group_cim_user", tenant_a),
        ("manager_b", "cim_customer.group_cim_manager", tenant_b),
        ("clerk_b", "cim_customer.group_cim_user", tenant_b),
        ("salesman_a", "sales_team.group_sale_salesman_all_leads", tenant_a),
    ]:
        staff[key] = new_test_user(
            env,
            login=f"wallet.{key}{suffix}",
            groups=group,
            company_id=tenant.id,
            company_ids=[Command.set(tenant.ids)],
            context=NO_MAIL,
        )
    product = env["product.product"].create(
        {
            "name": f"Wallet Test Tee{suffix}",
            "type": "consu",
            "list_price": 100.0,
            "taxes_id": [Command.clear()],
        }
    )
    return {
        "currency": currency,
        "tenant_a": tenant_a,
        "tenant_b": tenant_b,
        "ann": resellers[0],
        "ben": resellers[1],
        "cat": resellers[2],
        "product": product,
        **staff,
    }


class CimWalletCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **NO_MAIL))
        fixtures = create_tenant_fixtures(cls.env)
        for name, record in fixtures.items():
            setattr(cls, name, record)
        cls.Wallet = cls.env["cim.wallet"]
        cls.Transaction = cls.env["cim.wallet.transaction"]
        cls.wallet_ann = cls.Wallet.create(
            {
                "partner_id": cls.ann.partner_id.id,
                "company_id": cls.tenant_a.id,
                "currency_id": cls.currency.id,
            }
        )
        cls.wallet_cat = cls.Wallet.create(
            {
                "partner_id": cls.cat.partner_id.id,
                "company_id": cls.tenant_b.id,
                "currency_id": cls.currency.id,
            }
        )

    def setUp(self):
        super().setUp()
        # Whatever a test does, the stored balances must still equal their
        # ledgers when it ends.
        self.addCleanup(self.assertLedgerConsistent)

    def assertLedgerConsistent(self, wallets=None):
        wallets = wallets if wallets is not None else self.Wallet.sudo().search([])
        self.assertEqual(wallets._cim_check_ledger(), [])
        for wallet in wallets:
            total = sum(wallet.sudo().transaction_ids.mapped("amount"))
            self.assertAlmostEqual(wallet.balance, total, places=2)
            self.assertGreaterEqual(wallet.balance, 0.0)

    @classmethod
    def _topup(cls, wallet, amount, reason="Bank transfer"):
        return cls.env["cim.wallet.transaction"].create(
            {"wallet_id": wallet.id, "type": "topup", "amount": amount, "reason": reason}
        )

    @classmethod
    def _order(cls, reseller, quantity=1, company=None):
        return cls.env["sale.order"].create(
            {
                "partner_id": reseller.partner_id.id,
                "company_id": (company or reseller.company_id).id,
                "order_line": [
                    Command.create({"product_id": cls.product.id, "product_uom_qty": quantity})
                ],
            }
        )

    def _transactions(self, order, txn_type=None):
        domain = [("sale_order_id", "=", order.id)]
        if txn_type:
            domain.append(("type", "=", txn_type))
        return self.Transaction.sudo().search(domain)
