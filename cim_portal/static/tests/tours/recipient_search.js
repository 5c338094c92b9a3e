import { registry } from "@web/core/registry";

// 收货人: a customer the recipient choice does not offer at first is found
// by the search box, on the product page and on a cart entry, then ordered for.
registry.category("web_tour.tours").add("cim_portal_recipient_search", {
    url: "/",
    steps: () => [
        {
            trigger: ".o_cim_section_star .o_cim_product_name:contains(Star Tee)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "An old customer is not among the choices offered at first",
            trigger: "select.o_cim_recipient:not(:has(option:contains(Sun Li)))",
        },
        {
            trigger: "input.o_cim_recipient_search",
            run: "edit Sun",
        },
        {
            content: "The search offers the customer, with its city",
            trigger: "select.o_cim_recipient:has(option:contains(Sun Li — Nanjing))",
        },
        {
            trigger: "select.o_cim_recipient",
            run: "selectByLabel Sun Li",
        },
        {
            trigger: "button.o_cim_add_to_cart",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the entry made for the customer found",
            trigger: ".o_cim_cart_row:contains(Sun Li) a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Search another old customer by city",
            trigger: "input.o_cim_recipient_search",
            run: "edit Qingdao",
        },
        {
            trigger: "select.o_cim_recipient:has(option:contains(Zhou Min — Qingdao))",
        },
        {
            trigger: "select.o_cim_recipient",
            run: "selectByLabel Zhou Min",
        },
        {
            trigger: "button.o_cim_cart_entry_save",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The entry ships to the new recipient; pay it",
            trigger: ".o_cim_cart_row:contains(Zhou Min)",
        },
        {
            trigger: "button.o_cim_cart_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_cim_paid",
        },
    ],
});
