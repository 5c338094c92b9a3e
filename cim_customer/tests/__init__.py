from . import (
    test_access,
    test_end_customers,
    test_partner_hierarchy,
    test_reseller_management,
    test_tenant_login,
    test_translations,
)
