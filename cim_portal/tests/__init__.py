from . import (
    test_cart_model,
    test_login_and_home,
    test_my_customers,
    test_query_counts,
    test_recipient_choices,
    test_shipments,
    test_shop_pages,
    test_tours,
    test_translations,
)
