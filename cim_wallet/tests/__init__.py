from . import (
    test_sale_order_wallet,
    test_translations,
    test_wallet_access,
    test_wallet_concurrency,
    test_wallet_database,
    test_wallet_ledger,
    test_wallet_operation,
)
