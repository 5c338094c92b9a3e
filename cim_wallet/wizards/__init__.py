from . import cim_wallet_operation
