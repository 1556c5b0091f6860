#!/usr/bin/env bash
# `make bench`: the release build on a temporary database, loaded with wrk, and the sizes
# of what a browser downloads. Assumes `make release` has run.
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

DATABASE_URL="sqlite://$data/bench.db" LEPTOS_SITE_ROOT=target/site OPENDOOR_DEMO_PASSWORD=bench-password RUST_LOG=warn \
  target/release/opendoor serve --demo --addr "127.0.0.1:$port" >"$data/server.log" 2>&1 &
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
