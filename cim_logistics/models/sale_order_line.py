from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _action_launch_stock_rule(self, *, previous_product_uom_qty=False):
        # Resellers' goods are made to order and ship only when the reseller
        # asks (sale.order.action_cim_request_shipment creates the shipment):
        # confirming (paying) such an order must not create a delivery order.
        resellers_orders = {order: order._cim_is_reseller_order() for order in self.order_id}
        lines = self.filtered(lambda line: not resellers_orders[line.order_id])
        return super(SaleOrderLine, lines)._action_launch_stock_rule(
            previous_product_uom_qty=previous_product_uom_qty
        )
