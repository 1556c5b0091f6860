#!/usr/bin/env bash
# `make bench`: the release build on a temporary database, loaded with wrk, and the sizes
# of what a browser downloads. Assumes `make release-bench` has run (the bench commands).
set -euo pipefail
cd "$(dirname "$0")/.."

port=${OPENDOOR_BENCH_PORT:-3200}
duration=${OPENDOOR_BENCH_SECONDS:-10}
connections=${OPENDOOR_BENCH_CONNECTIONS:-32}
data=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

echo "== The demo's past year: opendoor seed-demo on an empty database (issue 13: under 10 s)"
DATABASE_URL="sqlite://$data/demo.db" OPENDOOR_DEMO_PASSWORD=bench-password OPENDOOR_AUDIT_KEY=bench-audit-key-0123456789 RUST_LOG=warn \
  target/release/opendoor seed-demo | grep -E "demo (data|year)"
# The same on PostgreSQL, in a database of its own, when the tests' server is given.
if [ -n "${OPENDOOR_TEST_POSTGRES_URL:-}" ] && command -v psql >/dev/null; then
  demo_db="opendoor_bench_demo_$$"
  psql -q "$OPENDOOR_TEST_POSTGRES_URL" -c "CREATE DATABASE $demo_db"
  echo "PostgreSQL:"
  DATABASE_URL="${OPENDOOR_TEST_POSTGRES_URL%/*}/$demo_db" OPENDOOR_DEMO_PASSWORD=bench-password OPENDOOR_AUDIT_KEY=bench-audit-key-0123456789 RUST_LOG=warn \
    target/release/opendoor seed-demo | grep -E "demo year"
  psql -q "$OPENDOOR_TEST_POSTGRES_URL" -c "DROP DATABASE $demo_db WITH (FORCE)"
else
  echo "(PostgreSQL not timed: set OPENDOOR_TEST_POSTGRES_URL)"
fi
echo

# The bare demo (no past year), so that the figures compare with earlier runs. Rate
# limits off: the rating benchmark measures the storage path from one client address.
DATABASE_URL="sqlite://$data/bench.db" LEPTOS_SITE_ROOT=target/site OPENDOOR_DEMO_BARE=true OPENDOOR_DEMO_PASSWORD=bench-password OPENDOOR_AUDIT_KEY=bench-audit-key-0123456789 OPENDOOR_MAIL_DIR="$data/mail" RUST_LOG=warn \
  target/release/opendoor serve --demo --no-rate-limits --addr "127.0.0.1:$port" >"$data/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$data/server.log"; exit 1; }

echo "== HTTP throughput: wrk, 2 threads, $connections connections, ${duration}s each, SQLite"
for path in / /s/qishan /healthz; do
  echo "-- GET $path"
  wrk -t2 -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$port$path" \
    | grep -E "Requests/sec|Latency  |  50%|  90%|  99%|Non-2xx|Socket errors"
done

echo
echo "== Bundle sizes (bytes): raw, gzip -9, brotli -q 11"
printf '%-48s %10s %10s %10s\n' file raw gzip brotli
for file in target/site/pkg/*.wasm target/site/pkg/*.js target/site/pkg/*.css; do
  [ -f "$file" ] || continue
  raw=$(stat -c %s "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  br=$(brotli -q 11 -c "$file" | wc -c)
  printf '%-48s %10s %10s %10s\n' "$(basename "$file")" "$raw" "$gz" "$br"
done

echo
echo "== Rating submissions: POST /o/100001 through the form endpoint, durable (SQLite WAL, synchronous=FULL)"
wrk -t2 -c"$connections" -d"${duration}s" --latency -s .ci/bench/rate.lua "http://127.0.0.1:$port" \
  | grep -E "Requests/sec|Latency  |  50%|  90%|  99%|Non-2xx|Socket errors"
python3 - "$data/bench.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ratings, = db.execute("SELECT COUNT(*) FROM ratings").fetchone()
cases, = db.execute("SELECT COUNT(*) FROM cases").fetchone()
print(f"stored: {ratings} ratings, {cases} 差评核实 cases")
PY

echo
echo "== First load of the rating page /o/100001, as a browser gets it (brotli), bytes"
page=$(curl -fsS -H 'accept-encoding: br' "http://127.0.0.1:$port/o/100001" | brotli -d)
html=$(curl -fsS -H 'accept-encoding: br' -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port/o/100001")
total=$html
printf '%-48s %10s\n' "HTML /o/100001" "$html"
for asset in $(grep -oE '/pkg/[A-Za-z0-9._-]+\.(css|js|wasm)' <<<"$page" | sort -u); do
  size=$(curl -fsS -H 'accept-encoding: br' -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port$asset")
  printf '%-48s %10s\n' "$asset" "$size"
  total=$((total + size))
done
printf '%-48s %10s (budget 150000)\n' "total" "$total"

echo
echo "== Outbox throughput: each message leased, rendered, sent over SMTP (TCP) to a local sink and marked sent"
for workers in 1 4; do
  DATABASE_URL="sqlite://$data/outbox-$workers.db" RUST_LOG=warn \
    target/release/opendoor bench-outbox --messages "${OPENDOOR_BENCH_MESSAGES:-5000}" --workers "$workers"
done
if [ -n "${OPENDOOR_TEST_POSTGRES_URL:-}" ]; then
  pg_db="opendoor_bench_$$"
  psql "$OPENDOOR_TEST_POSTGRES_URL" -qc "CREATE DATABASE $pg_db" >/dev/null
  pg_url="${OPENDOOR_TEST_POSTGRES_URL%/*}/$pg_db"
  DATABASE_URL="$pg_url" RUST_LOG=warn \
    target/release/opendoor bench-outbox --messages "${OPENDOOR_BENCH_MESSAGES:-5000}" --workers 4 || true
  psql "$OPENDOOR_TEST_POSTGRES_URL" -qc "DROP DATABASE $pg_db WITH (FORCE)" >/dev/null
fi

echo
echo "== Monthly reports at 1 and 10 million ratings: seed, publish last month, then load its page"

for ratings in ${OPENDOOR_BENCH_RATINGS:-1000000 10000000}; do
  db="$data/reports-$ratings.db"
  echo "-- $ratings ratings"
  DATABASE_URL="sqlite://$db" OPENDOOR_DEMO_PASSWORD=bench-password RUST_LOG=warn \
    target/release/opendoor bench-seed --ratings "$ratings"
  # The fraud signals job over the last 40 days (a first run), then publishing.
  DATABASE_URL="sqlite://$db" OPENDOOR_AUDIT_KEY=bench-audit-key-0123456789 RUST_LOG=warn \
    target/release/opendoor signals run
  DATABASE_URL="sqlite://$db" OPENDOOR_AUDIT_KEY=bench-audit-key-0123456789 RUST_LOG=warn \
    target/release/opendoor bench-publish
  report_port=$((port + 1))
  DATABASE_URL="sqlite://$db" LEPTOS_SITE_ROOT=target/site OPENDOOR_AUDIT_KEY=bench-audit-key-0123456789 OPENDOOR_MAIL_DIR="$data/mail" RUST_LOG=warn \
    target/release/opendoor serve --addr "127.0.0.1:$report_port" >"$data/report-server.log" 2>&1 &
  report_pid=$!
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$report_port/readyz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  month=$(curl -fsS "http://127.0.0.1:$report_port/s/qishan/reports" | grep -oE '/s/qishan/reports/[0-9]{4}-[0-9]{2}' | head -1 | sed 's|.*/||')
  for path in "/s/qishan/reports/$month" "/reports?month=$month"; do
    echo "   GET $path"
    wrk -t2 -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$report_port$path" \
      | grep -E "Requests/sec|  50%|  99%|Non-2xx|Socket errors"
  done
  kill "$report_pid" && wait "$report_pid" 2>/dev/null || true
  echo "   database: $(du -h "$db" | cut -f1)"
  rm -f "$db" "$db-wal" "$db-shm"
done
