# Shared helpers for the make targets. Sourced, never run on its own.
# Every function either makes its piece of the machine ready or stops with a
# message that says what is missing and how to get it.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

# The CIM addons, dependencies first.
CIM_ADDONS="cim_customer,cim_catalog,cim_pricing,cim_wallet,cim_logistics,cim_portal"
PYTHON="${PYTHON:-python3}"

say() { printf '==> %s\n' "$*" >&2; }
die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        die "'$*' needs root rights and sudo is not available."
    fi
}

ensure_odoo() {
    "$PYTHON" -c 'import odoo.release as r; assert r.version_info[0] == 19, r.version' 2>/dev/null && return
    die "Odoo 19 is not importable by $PYTHON.
Install Odoo 19 Community from its official source first, for example:
  git clone --depth 1 --branch 19.0 https://github.com/odoo/odoo /opt/odoo
  $PYTHON -m pip install -r /opt/odoo/requirements.txt
  $PYTHON -m pip install -e /opt/odoo
then run this command again."
}

ensure_python_packages() {
    if ! "$PYTHON" -c 'import pytest, requests, websocket, hypothesis, pylint_odoo, polib' 2>/dev/null ||
        ! command -v ruff >/dev/null || ! command -v pre-commit >/dev/null; then
        say "Installing the Python packages of requirements.txt"
        "$PYTHON" -m pip install --quiet -r requirements.txt ||
            die "pip could not install requirements.txt (is PyPI reachable?)."
    fi
}

ensure_postgres() {
    if ! command -v pg_lsclusters >/dev/null && ! command -v pg_ctl >/dev/null; then
        die "PostgreSQL is not installed. On Debian: apt-get install postgresql"
    fi
    if command -v pg_lsclusters >/dev/null; then
        local line
        while read -r ver name _port status _; do
            if [ "$status" != online ]; then
                say "Starting PostgreSQL cluster $ver/$name"
                as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start ||
                    die "PostgreSQL cluster $ver/$name could not be started."
            fi
        done < <(pg_lsclusters --no-header)
    fi
    local role
    role="$(id -un)"
    if ! psql -d postgres -Atc 'select 1' >/dev/null 2>&1; then
        say "Creating the PostgreSQL role $role"
        as_root su postgres -c "createuser --superuser $role" ||
            die "could not create the PostgreSQL role $role."
    fi
    psql -d postgres -Atc 'select 1' >/dev/null ||
        die "cannot connect to PostgreSQL as $role."
}

chromium_path() {
    local c
    for c in chromium chromium-browser google-chrome google-chrome-stable; do
        command -v "$c" && return 0
    done
    return 1
}

ensure_chromium() {
    chromium_path >/dev/null && return
    say "Installing Chromium for the browser tours"
    if command -v apt-get >/dev/null; then
        as_root apt-get update -qq >/dev/null && as_root apt-get install -y -qq chromium >/dev/null ||
            die "Chromium could not be installed with apt-get; the tours cannot run without it."
    fi
    chromium_path >/dev/null ||
        die "Chromium is not installed and cannot be installed here; the tours cannot run without it."
}

ensure_node_tools() {
    command -v npm >/dev/null || die "npm is needed for prettier (the XML formatter): install Node.js."
    if [ ! -x node_modules/.bin/prettier ]; then
        say "Installing prettier from package-lock.json"
        npm ci --silent --no-audit --no-fund >/dev/null || die "npm ci failed (is the npm registry reachable?)."
    fi
}

free_port() {
    "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

odoo() {
    "$PYTHON" -m odoo "$@"
}

ensure_wkhtmltopdf() {
    # Odoo prints PDF reports (the delivery slip) with wkhtmltopdf.
    command -v wkhtmltopdf >/dev/null && return
    say "Installing wkhtmltopdf for PDF reports"
    if command -v apt-get >/dev/null; then
        as_root apt-get update -qq >/dev/null && as_root apt-get install -y -qq wkhtmltopdf >/dev/null ||
            die "wkhtmltopdf could not be installed with apt-get; PDF reports cannot be printed."
    fi
    command -v wkhtmltopdf >/dev/null ||
        die "wkhtmltopdf is not installed and cannot be installed here; PDF reports cannot be printed."
}
