import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";

// The product page's price follows the chosen variant and quantity: the
// server computes it (/cim/product/price), the page only shows it.
export class CimProductPrice extends Interaction {
    static selector = ".o_cim_order_form";
    dynamicContent = {
        "[name=product_id], [name=quantity]": { "t-on-change": this.updatePrice },
    };

    async updatePrice() {
        const productId = this.el.querySelector("[name=product_id]").value;
        const quantity = this.el.querySelector("[name=quantity]").value;
        const result = await this.waitFor(
            rpc("/cim/product/price", { product_id: productId, quantity: quantity }),
        );
        const page = this.el.closest(".o_cim_product");
        page.querySelector(".o_cim_product_price").textContent = result.price;
        page.querySelector(".o_cim_price_quantity").textContent = result.quantity;
    }
}

registry.category("public.interactions").add("cim_portal.product_price", CimProductPrice);
