from . import test_tenant_login
from . import test_reseller_management
from . import test_end_customers
from . import test_access
from . import test_translations
