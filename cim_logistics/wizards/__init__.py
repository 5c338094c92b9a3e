from . import cim_shipment_ship
