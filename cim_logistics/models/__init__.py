from . import (
    delivery_carrier,
    res_company,
    res_partner,
    sale_order,
    sale_order_line,
    stock_picking,
)
