from . import main, orders, portal, shipments
