from odoo.tests import tagged

from .common import CimTenantCase


@tagged("post_install", "-at_install")
class TestPartnerHierarchy(CimTenantCase):
    """End customers are child contacts of their reseller. Portal record
    rules give a reseller the records ``child_of`` its commercial partner:
    that must stay what it means, and cost the same however many end
    customers (and their own contacts) the reseller has."""

    def _rule_queries(self, user, model):
        """Queries of a search of ``model`` by ``user``, from cold caches."""
        records = self.env[model].with_user(user)
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        records.search([])  # compiles and caches the rules
        self.env.invalidate_all()
        count = self.env.cr.sql_log_count
        records.search([])
        return self.env.cr.sql_log_count - count

    def test_child_of_rules_cost_the_same_for_any_number_of_end_customers(self):
        before = {m: self._rule_queries(self.alice, m) for m in ("sale.order", "res.partner")}
        for n in range(5):
            customer = self._new_end_customer(self.alice, f"Customer {n}")
            # Nested deeper still: each end customer with a delivery address.
            self.env["res.partner"].create(
                {"name": f"Dock {n}", "type": "delivery", "parent_id": customer.id}
            )
        after = {m: self._rule_queries(self.alice, m) for m in ("sale.order", "res.partner")}
        self.assertEqual(after, before)

    def test_child_of_still_means_the_whole_tree(self):
        customer = self._new_end_customer(self.alice, "Zhang Wei")
        dock = self.env["res.partner"].create(
            {"name": "Dock", "type": "delivery", "parent_id": customer.id}
        )
        commercial = self.alice.partner_id.commercial_partner_id
        tree = self.env["res.partner"].search([("id", "child_of", commercial.id)])
        self.assertEqual(tree, commercial | customer | dock)
        # Moving a contact moves its descendants with it.
        customer.parent_id = self.bob.partner_id
        self.assertEqual(
            self.env["res.partner"].search([("id", "child_of", commercial.id)]), commercial
        )
        self.assertEqual(
            self.env["res.partner"].search([("id", "child_of", self.bob.partner_id.id)]),
            self.bob.partner_id | customer | dock,
        )
