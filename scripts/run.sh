#!/usr/bin/env bash
# make run: a database "cim" with every CIM addon, the demo data and Chinese,
# served on http://127.0.0.1:8069. A second run upgrades the addons in place.
source "$(dirname "$0")/lib.sh"

DB="${CIM_DB:-cim}"
ensure_odoo
ensure_postgres
ensure_python_packages
ensure_wkhtmltopdf

if psql -d postgres -Atc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
    say "Upgrading the CIM addons in the existing database $DB"
    odoo -c odoo.conf -d "$DB" -u "$CIM_ADDONS" --stop-after-init
else
    say "Creating the database $DB with demo data and Simplified Chinese"
    odoo -c odoo.conf -d "$DB" -i "$CIM_ADDONS" --with-demo --load-language=zh_CN --stop-after-init
fi

cat <<EOT

CIM is starting on http://127.0.0.1:8069 (database $DB). Demo logins:
  back office  admin / admin                       (administrator, all tenants)
               manager.acme / manager.acme         (CIM Manager, tenant acme)
               user.acme / user.acme               (CIM User, tenant acme)
               manager.globex / manager.globex     (CIM Manager, tenant globex)
               user.globex / user.globex           (CIM User, tenant globex)
  portal       alice@acme / alice   bob@acme / bob   carol@globex / carol
Press Ctrl+C to stop.

EOT
exec "$PYTHON" -m odoo -c odoo.conf -d "$DB" --db-filter="^$DB\$"
