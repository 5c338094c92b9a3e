from . import cim_price_check
