from . import cim_wallet, cim_wallet_transaction, res_company, res_partner, sale_order
