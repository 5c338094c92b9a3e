from . import (
    test_back_office,
    test_delivery_slip,
    test_shipment_access,
    test_shipment_concurrency,
    test_shipment_flow,
    test_translations,
)
