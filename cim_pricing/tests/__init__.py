from . import (
    test_access,
    test_import_export,
    test_reseller_price,
    test_translations,
    test_validation,
)
