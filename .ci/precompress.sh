#!/usr/bin/env bash
# Writes .br and .gz beside each JS, WASM and CSS file of the built site, for the server's
# precompressed static files. Skips files whose compressed copies are up to date.
set -euo pipefail
dir=${1:-target/site/pkg}
shopt -s nullglob
for file in "$dir"/*.js "$dir"/*.wasm "$dir"/*.css; do
  [ "$file.gz" -nt "$file" ] || gzip -9 -k -f -n "$file"
  [ "$file.br" -nt "$file" ] || brotli -q 11 -k -f "$file"
done
