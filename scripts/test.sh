#!/usr/bin/env bash
# make test: lint, then every CIM addon's Odoo tests in a throw-away database,
# then the repository's black-box tests (pytest, real multi-worker server).
# Ends with one line "N passed, N failed" over both; exits 1 on any failure,
# error, skipped test or ERROR logged.
source "$(dirname "$0")/lib.sh"

ensure_odoo
ensure_postgres
ensure_python_packages
ensure_chromium
ensure_wkhtmltopdf
ensure_node_tools
"$PYTHON" -c 'import websocket' 2>/dev/null ||
    die "websocket-client is missing: without it Odoo skips every browser tour."
mkdir -p .test-logs

say "Lint"
if ! bash scripts/lint.sh; then
    echo "lint failed: see above"
    echo "0 passed, 1 failed"
    exit 1
fi

status=0
say "Odoo tests of the CIM addons"
bash scripts/odoo-tests.sh "$CIM_ADDONS" | tee .test-logs/odoo-summary.txt || status=1
read -r odoo_passed odoo_failed < <(
    sed -nE 's/^odoo: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' .test-logs/odoo-summary.txt
)
odoo_passed=${odoo_passed:-0}
odoo_failed=${odoo_failed:-1}

say "Black-box tests (tests/, real multi-worker server)"
CIM_ADDONS="$CIM_ADDONS" "$PYTHON" -m pytest --junitxml=.test-logs/pytest.xml || status=1
read -r py_passed py_failed < <("$PYTHON" - <<'PY'
import xml.etree.ElementTree as ET

try:
    root = ET.parse(".test-logs/pytest.xml").getroot()
except (OSError, ET.ParseError):
    print(0, 1)
else:
    suites = [root] if root.tag == "testsuite" else list(root)
    total = sum(int(s.get("tests", 0)) for s in suites)
    bad = sum(int(s.get(k, 0)) for s in suites for k in ("failures", "errors", "skipped"))
    # A skipped black-box test counts as failed: nothing may be skipped.
    print(total - bad, bad if total else max(bad, 1))
PY
)

passed=$((odoo_passed + py_passed))
failed=$((odoo_failed + py_failed))
[ "$failed" -eq 0 ] || status=1
echo "Odoo tests: $odoo_passed passed, $odoo_failed failed; black-box tests: $py_passed passed, $py_failed failed"
echo "$passed passed, $failed failed"
exit "$status"
