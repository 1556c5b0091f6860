#!/usr/bin/env bash
# Installs what OpenDoor's build, tests and benchmarks need, each only when missing or at
# the wrong version, so a second run takes seconds.
#   .ci/install-tools.sh build   Rust WASM target, cargo-leptos, wasm-bindgen-cli, wasm-opt, brotli
#   .ci/install-tools.sh test    build + Chromium and the Playwright packages
#   .ci/install-tools.sh bench   build + wrk
# apt packages are installed only as root (our machines); elsewhere the script names what
# is missing and fails.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-build}

CARGO_LEPTOS_VERSION=0.3.10   # 0.3.11 needs rustc >= 1.96
BINARYEN_VERSION=132          # Debian's binaryen 108 produces WASM that fails in browsers
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
missing=()

apt_install() {
  # apt_install COMMAND PACKAGE: installs PACKAGE when COMMAND is not on PATH.
  local command=$1 package=$2
  command -v "$command" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing $package (apt)"
    if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq; APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  else
    missing+=("$package (provides $command)")
  fi
}

for tool in cargo rustup node npm; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "missing: ${missing[*]} (install Rust with rustup, and Node.js with npm)" >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q " $CARGO_LEPTOS_VERSION\$"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 10 minutes)"
  cargo install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION"
fi

# Integration tests run under nextest (a process per test). Our machines have it; others
# get it from crates.io.
if ! cargo nextest --version >/dev/null 2>&1; then
  say "installing cargo-nextest"
  cargo install cargo-nextest --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (matches Cargo.lock)"
  # Not --locked: the locked set asks for a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if command -v dpkg >/dev/null 2>&1 && dpkg -s binaryen >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    say "removing Debian's binaryen (its wasm-opt breaks the bundle)"
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq binaryen >/dev/null
  else
    missing+=("removal of Debian's binaryen package")
  fi
fi
if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
  say "installing wasm-opt (binaryen@$BINARYEN_VERSION.0.0 from npm)"
  npm install -g --no-audit --no-fund "binaryen@$BINARYEN_VERSION.0.0" >/dev/null
fi

apt_install brotli brotli

case "$mode" in
  build) ;;
  test)
    apt_install chromium chromium
    if [ ! -x end2end/node_modules/.bin/playwright ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
      say "installing the Playwright packages"
      (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
    fi
    ;;
  bench)
    apt_install wrk wrk
    ;;
  *)
    echo "usage: $0 [build|test|bench]" >&2
    exit 2
    ;;
esac

if [ ${#missing[@]} -gt 0 ]; then
  echo "missing (install them, or run as root on Debian): ${missing[*]}" >&2
  exit 1
fi
