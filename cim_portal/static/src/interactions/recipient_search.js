import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";
import { _t } from "@web/core/l10n/translation";

// The recipient choice only holds a few of the reseller's customers: this
// search box asks the server for the others (/cim/recipients) and offers what
// it finds instead, keeping the empty choice, "new" and the chosen recipient.
export class CimRecipientSearch extends Interaction {
    static selector = ".o_cim_recipient_search";
    dynamicContent = {
        _root: {
            "t-att-class": () => ({ "d-none": false }),
            "t-on-input": this.debounced(this.search, 250),
            "t-on-keydown": this.onKeydown,
        },
    };

    setup() {
        this.select = this.el.form.querySelector("select.o_cim_recipient");
        // What the page offered, to offer it again when the search is emptied.
        this.initialChoices = this.customerOptions().map((option) => ({
            id: option.value,
            label: option.textContent,
        }));
        this.lastSearch = 0;
    }

    customerOptions() {
        return [...this.select.options].filter((option) => option.value && option.value !== "new");
    }

    onKeydown(ev) {
        // Enter in the search box must not submit the order form.
        if (ev.key === "Enter") {
            ev.preventDefault();
        }
    }

    async search() {
        const query = this.el.value.trim().slice(0, 100);
        const searchId = ++this.lastSearch;
        let choices = this.initialChoices;
        if (query) {
            const found = await this.waitFor(rpc("/cim/recipients", { q: query }));
            choices = found.map((customer) => ({
                id: String(customer.id),
                label: customer.city ? `${customer.name} — ${customer.city}` : customer.name,
            }));
        }
        // An answer to an older search arriving late must not win.
        if (searchId !== this.lastSearch) {
            return;
        }
        this.protectSyncAfterAsync(() => this.replaceChoices(choices, !!query))();
    }

    replaceChoices(choices, searched) {
        const selected = this.select.value;
        this.select.querySelector(".o_cim_recipient_none")?.remove();
        for (const option of this.customerOptions()) {
            if (option.value !== selected) {
                option.remove();
            }
        }
        const options = choices
            .filter((choice) => choice.id !== selected)
            .map((choice) => new Option(choice.label, choice.id));
        if (searched && !choices.length) {
            const none = new Option(_t("No customer found"), "");
            none.disabled = true;
            none.classList.add("o_cim_recipient_none");
            options.push(none);
        }
        const newOption = [...this.select.options].find((option) => option.value === "new");
        for (const option of options) {
            this.select.insertBefore(option, newOption || null);
        }
    }
}

registry.category("public.interactions").add("cim_portal.recipient_search", CimRecipientSearch);
