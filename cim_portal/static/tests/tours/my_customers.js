import { registry } from "@web/core/registry";

// 我的客户: create, edit and delete an end customer, as a reseller does.
registry.category("web_tour.tours").add("cim_portal_my_customers", {
    url: "/my/customers",
    steps: () => [
        {
            content: "Open the new customer form",
            trigger: "a.o_cim_customer_new",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Saving without a name is refused next to the field",
            trigger: "button.o_cim_customer_save",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The name field says it is required",
            trigger: "input[name=name].is-invalid + .invalid-feedback",
        },
        {
            trigger: "input[name=name]",
            run: "edit Tour Customer",
        },
        {
            trigger: "input[name=city]",
            run: "edit Hangzhou",
        },
        {
            content: "Save the new customer",
            trigger: "button.o_cim_customer_save",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The customer page shows it",
            trigger: "h2.o_cim_customer_name:contains(Tour Customer)",
        },
        {
            trigger: "a.o_cim_customer_edit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "input[name=phone]",
            run: "edit +86 139 1234 5678",
        },
        {
            trigger: "button.o_cim_customer_save",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The new phone number is saved",
            trigger: "dd:contains(+86 139 1234 5678)",
        },
        {
            content: "Ask to delete",
            trigger: "button.o_cim_customer_delete",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal.show button.o_cim_customer_delete_confirm",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Back on the list, the customer is gone",
            trigger: ".alert-success",
        },
        {
            trigger: "body:not(:has(a:contains(Tour Customer)))",
        },
    ],
});
