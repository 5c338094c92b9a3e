#!/usr/bin/env bash
# Runs the Odoo tests of the given addons in a fresh throw-away database and
# reports "odoo: N passed, N failed". Exit status 1 on any failed or errored
# test, any skipped test (a skipped tour is a tour that did not run), any
# ERROR or CRITICAL line in the log, or no test at all.
#
#   scripts/odoo-tests.sh [--addons-path DIR[,DIR]] [--log FILE] ADDON[,ADDON...]
source "$(dirname "$0")/lib.sh"

extra_path=""
log=""
while [ $# -gt 1 ]; do
    case "$1" in
    --addons-path) extra_path="$2"; shift 2 ;;
    --log) log="$2"; shift 2 ;;
    *) die "unknown option $1" ;;
    esac
done
[ $# -eq 1 ] || die "usage: $0 [--addons-path DIR] [--log FILE] ADDON[,ADDON...]"
addons="$1"

mkdir -p .test-logs
log="${log:-.test-logs/odoo-tests.log}"
db="cim_test_$$"
addons_path="$REPO_ROOT${extra_path:+,$extra_path}"
tags="$(printf '/%s,' ${addons//,/ })"

cleanup() { dropdb --if-exists "$db" >/dev/null 2>&1 || true; }
trap cleanup EXIT
cleanup

say "Odoo tests of $addons in the throw-away database $db (log: $log)"
set +e
odoo -c odoo.conf --addons-path="$addons_path" -d "$db" -i "$addons" \
    --test-tags="${tags%,}" --stop-after-init --max-cron-threads=0 \
    --http-port="$(free_port)" --gevent-port="$(free_port)" >"$log" 2>&1
rc=$?
set -e

"$PYTHON" - "$log" "$rc" <<'PY'
import re
import sys

log, rc = sys.argv[1], int(sys.argv[2])
text = open(log, encoding="utf-8", errors="replace").read()
line_re = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (ERROR|CRITICAL|WARNING|INFO) ", re.M)
report = re.findall(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database", text)
failed = errors = run = 0
for f, e, n in report:
    failed, errors, run = failed + int(f), errors + int(e), run + int(n)
skipped = re.findall(r"^.* INFO .*: skipped (.*)$", text, re.M)
error_lines = [m.group(0) for m in re.finditer(r"^\S+ \S+ \d+ (?:ERROR|CRITICAL) .*$", text, re.M)]
problems = []
if rc:
    problems.append(f"odoo exited with status {rc}")
if not report:
    problems.append("odoo printed no test report")
elif not run:
    problems.append("no test ran")
if skipped:
    problems.append(f"{len(skipped)} skipped test(s): " + "; ".join(s[:120] for s in skipped[:5]))
if error_lines and not (failed or errors):
    problems.append(f"{len(error_lines)} ERROR line(s) in the log")
for line in error_lines[:20]:
    print("  " + line[:300], file=sys.stderr)
bad = failed + errors + len(skipped) + (1 if problems and not (failed or errors or skipped) else 0)
passed = max(run - failed - errors - len(skipped), 0)
for p in problems:
    print(f"odoo-tests: {p}", file=sys.stderr)
print(f"odoo: {passed} passed, {bad} failed")
sys.exit(1 if (bad or problems) else 0)
PY
