#!/usr/bin/env bash
# make bench: build (or reuse) the benchmark databases, measure the portal
# pages and money actions against stock Odoo on a multi-worker server, and
# write BENCHMARKS.md and docs/bench/latency_vs_scale.png.
#   SCALE=small|default|both (default both)   BENCH_REGENERATE=1 rebuilds the databases
#   BENCH_SECONDS=10 measured seconds per page
source "$(dirname "$0")/lib.sh"

SCALE="${SCALE:-both}"
case "$SCALE" in
small) scales=(small) ;;
default) scales=(default) ;;
both) scales=(small default) ;;
*) die "SCALE must be small, default or both (got '$SCALE')." ;;
esac

ensure_odoo
ensure_postgres
ensure_python_packages
"$PYTHON" -c 'import matplotlib, PIL' 2>/dev/null || {
    say "Installing matplotlib and Pillow (requirements.txt)"
    "$PYTHON" -m pip install --quiet -r requirements.txt || die "pip could not install requirements.txt."
}
if ! command -v wrk >/dev/null; then
    say "Installing wrk, the load generator"
    as_root apt-get update -qq >/dev/null && as_root apt-get install -y -qq wrk >/dev/null ||
        die "wrk could not be installed with apt-get (Debian package 'wrk')."
fi
mkdir -p .bench

for scale in "${scales[@]}"; do
    db="bench_$scale"
    flag=()
    [ "$scale" = small ] && flag=(--small)
    exists="$(psql -d postgres -Atc "select 1 from pg_database where datname = '$db'")"
    if [ "${BENCH_REGENERATE:-0}" = 1 ] || [ "$exists" != 1 ] || [ ! -f ".bench/$db-generate.json" ]; then
        say "Generating the $scale-scale database $db"
        "$PYTHON" bench/generate.py --db "$db" "${flag[@]}" | tee ".bench/$db-generate.log"
    else
        say "Reusing $db (generated $(sed -nE 's/.*"finished": "([^"]+)".*/\1/p' ".bench/$db-generate.json"); BENCH_REGENERATE=1 rebuilds it)"
        # The code may have changed since: its indexes and columns must be
        # the ones measured.
        say "Upgrading the CIM addons in $db"
        odoo -c odoo.conf -d "$db" -u "$CIM_ADDONS" --stop-after-init --max-cron-threads=0 \
            --http-port="$(free_port)" --log-level=warn >".bench/$db-upgrade.log" 2>&1 ||
            die "Upgrading the CIM addons in $db failed, see .bench/$db-upgrade.log"
        psql -q -d "$db" -c "VACUUM ANALYZE" || die "VACUUM ANALYZE of $db failed."
    fi
    say "Measuring $db"
    "$PYTHON" bench/run.py --db "$db" --seconds "${BENCH_SECONDS:-10}"
done

say "Writing BENCHMARKS.md"
"$PYTHON" bench/report.py
