from . import main, orders, portal
