import { registry } from "@web/core/registry";

// 我的订单 → 发货 (Ship) → 发货查询: the shipment is listed and can be opened.
registry.category("web_tour.tours").add("cim_portal_request_shipment", {
    url: "/my/orders",
    steps: () => [
        {
            content: "Open the paid order",
            trigger: ".o_cim_order_row a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Ship it",
            trigger: "button.o_cim_order_ship",
            run: "click",
        },
        {
            content: "The recipient defaults to the order's",
            trigger:
                "#cim_order_ship_modal select.o_cim_shipment_recipient:has(option:selected:contains(Zhang Wei))",
        },
        {
            trigger: "#cim_order_ship_modal select.o_cim_shipment_recipient",
            run: "selectByLabel Zhou Min",
        },
        {
            trigger: "#cim_order_ship_modal select.o_cim_shipment_carrier",
            run: "selectByLabel SF Express",
        },
        {
            trigger: "#cim_order_ship_modal textarea.o_cim_shipment_note",
            run: "edit Call before delivery",
        },
        {
            content: "Confirm",
            trigger: "#cim_order_ship_modal button.o_cim_order_ship_confirm",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_cim_shipment_requested",
        },
        {
            content: "The order is now shipping",
            trigger: ".o_cim_state_shipping",
        },
        {
            content: "Go to 发货查询",
            trigger: ".o_cim_order_shipment a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_cim_shipment_recipient_name:contains(Zhou Min)",
        },
        {
            trigger: ".o_cim_shipment_carrier_name:contains(SF Express)",
        },
        {
            content: "Back to the list of shipments",
            trigger: ".o_portal_submenu a[href='/my/shipments']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The shipment is listed, requested",
            trigger:
                ".o_cim_shipment_row:contains(Zhou Min):contains(SF Express) .o_cim_shipment_state",
        },
    ],
});

// 发货查询: edit one shipment, delete (cancel) another.
registry.category("web_tour.tours").add("cim_portal_edit_delete_shipment", {
    url: "/my/shipments",
    steps: () => [
        {
            content: "Open the shipment to Zhang Wei",
            trigger: ".o_cim_shipment_row:contains(Zhang Wei) a.o_cim_shipment_name",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "a.o_cim_shipment_edit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "select.o_cim_shipment_carrier",
            run: "selectByLabel Own Courier",
        },
        {
            trigger: "textarea.o_cim_shipment_note",
            run: "edit Leave at the door",
        },
        {
            trigger: "button.o_cim_shipment_save",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_cim_shipment_saved",
        },
        {
            trigger: ".o_cim_shipment_note_text:contains(Leave at the door)",
        },
        {
            trigger: ".o_portal_submenu a[href='/my/shipments']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the shipment to Zhou Min",
            trigger: ".o_cim_shipment_row:contains(Zhou Min) a.o_cim_shipment_name",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "button.o_cim_shipment_delete",
            run: "click",
        },
        {
            content: "Confirm the deletion",
            trigger: "#cim_shipment_delete_modal button.o_cim_shipment_delete_confirm",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_cim_shipment_cancelled",
        },
        {
            content: "A cancelled shipment can no longer be edited",
            trigger: "body:not(:has(a.o_cim_shipment_edit))",
        },
    ],
});
