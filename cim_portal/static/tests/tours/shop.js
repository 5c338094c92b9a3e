import { registry } from "@web/core/registry";

// 门户主页 → search → product → 立即购买: paid from the wallet at once.
registry.category("web_tour.tours").add("cim_portal_buy_now", {
    url: "/",
    steps: () => [
        {
            content: "The home page shows the star products",
            trigger: ".o_cim_section_star .o_cim_product_name:contains(Star Tee)",
        },
        {
            trigger: "input.o_cim_search_input",
            run: "edit Tee",
        },
        {
            trigger: "button.o_cim_search_button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the product found",
            trigger: ".o_cim_search .o_cim_product_name:contains(Star Tee)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The reseller's own price is shown",
            trigger: ".o_cim_product_price:contains(80.00)",
        },
        {
            trigger: "input.o_cim_quantity",
            run: "edit 2 && press Tab",
        },
        {
            content: "The price is re-computed for the quantity",
            trigger: ".o_cim_price_quantity:contains(2)",
        },
        {
            trigger: "select.o_cim_recipient",
            run: "selectByLabel Zhang Wei",
        },
        {
            content: "Buy now",
            trigger: "button.o_cim_buy_now_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order is paid and shows what was deducted",
            trigger: ".o_cim_paid",
        },
        {
            trigger: ".o_cim_amount_debited:contains(160.00)",
        },
    ],
});

// 加入购物车 several times, edit one entry, delete one, submit the rest.
registry.category("web_tour.tours").add("cim_portal_cart", {
    url: "/",
    steps: () => [
        {
            trigger: ".o_cim_section_star .o_cim_product_name:contains(Star Tee)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "select.o_cim_recipient",
            run: "selectByLabel Zhang Wei",
        },
        {
            content: "Add the tee to the cart",
            trigger: "button.o_cim_add_to_cart",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_cim_cart_row:contains(Star Tee)",
        },
        {
            content: "Back to the home page for a second style",
            trigger: ".o_cim_cart_row",
            run() {
                window.location.href = "/";
            },
            expectUnloadPage: true,
        },
        {
            trigger: ".o_cim_section_recommended .o_cim_product_name:contains(Cosy Hoodie)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "select.o_cim_recipient",
            run: "selectByLabel Zhang Wei",
        },
        {
            trigger: "button.o_cim_add_to_cart",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Two entries in the cart",
            trigger:
                ".o_cim_cart_form:has(.o_cim_cart_row:contains(Cosy Hoodie)):has(.o_cim_cart_row:contains(Star Tee))",
        },
        {
            content: "Open the tee entry",
            trigger: ".o_cim_cart_row:contains(Star Tee) a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "input.o_cim_quantity",
            run: "edit 3",
        },
        {
            trigger: "button.o_cim_cart_entry_save",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The cart shows the new quantity",
            trigger: ".o_cim_cart_row:contains(Star Tee):contains(240.00)",
        },
        {
            content: "Open the hoodie entry",
            trigger: ".o_cim_cart_row:contains(Cosy Hoodie) a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "button.o_cim_cart_delete",
            run: "click",
        },
        {
            trigger: ".modal.show button.o_cim_cart_delete_confirm",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Only the tee is left",
            trigger: ".o_cim_cart_form:not(:has(.o_cim_cart_row:contains(Cosy Hoodie)))",
        },
        {
            content: "Submit the rest",
            trigger: "button.o_cim_cart_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_cim_paid",
        },
        {
            trigger: ".o_cim_amount_debited:contains(240.00)",
        },
    ],
});

// 撤单: cancel a paid order; the refund shows on the order and in the wallet.
registry.category("web_tour.tours").add("cim_portal_cancel_order", {
    url: "/my/orders",
    steps: () => [
        {
            trigger: ".o_cim_order_row a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "button.o_cim_order_cancel",
            run: "click",
        },
        {
            trigger: ".modal.show button.o_cim_order_cancel_confirm",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order says it was cancelled and refunded",
            trigger: ".o_cim_cancelled",
        },
        {
            trigger: ".o_cim_amount_refunded:contains(80.00)",
        },
        {
            trigger: "body:not(:has(button.o_cim_order_cancel))",
            run() {
                window.location.href = "/my/wallet";
            },
            expectUnloadPage: true,
        },
        {
            content: "The wallet lists the refund",
            trigger: ".o_cim_transaction_row .o_cim_transaction_type:contains(Refund)",
        },
        {
            trigger: ".o_cim_wallet_balance:contains(500.00)",
        },
    ],
});

// 现金管理: read the balance and filter the transactions.
registry.category("web_tour.tours").add("cim_portal_wallet", {
    url: "/my",
    steps: () => [
        {
            content: "The wallet card shows the balance",
            trigger: "a[href='/my/wallet']:contains(420.00)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_cim_wallet_balance:contains(420.00)",
        },
        {
            trigger: ".o_cim_transaction_row:contains(Top-up)",
        },
        {
            trigger: "select.o_cim_type_filter",
            run: "select debit",
        },
        {
            trigger: "button.o_cim_wallet_filter",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Only the debit is left, with its order",
            trigger: ".o_cim_transaction_row:contains(80.00):has(a[href^='/my/orders/'])",
        },
        {
            trigger: "body:not(:has(.o_cim_transaction_row:contains(Top-up)))",
        },
    ],
});
