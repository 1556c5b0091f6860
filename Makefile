# OpenDoor. `make run` serves the demo; `make test` is what CI runs.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export PATH := $(HOME)/.cargo/bin:$(PATH)

SITE := target/site

.PHONY: help tools release release-bench run test lint unit integration integration-postgres e2e bench chaos clean-data

help:
	@echo "make run     build a release, load the demo data on first start, serve http://127.0.0.1:3000"
	@echo "make test    format, lints, unit and integration tests (SQLite, and PostgreSQL when"
	@echo "             OPENDOOR_TEST_POSTGRES_URL is set), Playwright in Chromium on a phone profile"
	@echo "make bench   load-test a release build and report bundle sizes"
	@echo "make chaos   faults against a release build (root): a full disk on SQLite and PostgreSQL"

tools:
	@.ci/install-tools.sh build

# The release site: server binary, hashed WASM/JS/CSS bundle, precompressed copies.
# Rebuilt only when a source changed (cargo-leptos reruns wasm-bindgen and wasm-opt every
# time), so a second `make run` starts in seconds. Two flavours share target/release: the
# shipped one (`make run`, `make chaos`) and one with the `bench` feature's benchmark and
# fixture commands (`make bench`, the end-to-end tests). Each stamp says which is there.
RELEASE_STAMP := target/release/.opendoor-site
BENCH_STAMP := target/release/.opendoor-site-bench
SOURCES := $(shell find app server/src server/holidays server/Cargo.toml style migrations -type f -not -path '*/node_modules/*' 2>/dev/null) Cargo.toml Cargo.lock

release: tools $(RELEASE_STAMP)

release-bench: tools $(BENCH_STAMP)

$(RELEASE_STAMP): $(SOURCES)
	@rm -f $(BENCH_STAMP)
	cargo leptos build --release
	@.ci/precompress.sh $(SITE)/pkg
	@touch $@

$(BENCH_STAMP): $(SOURCES)
	@rm -f $(RELEASE_STAMP)
	cargo leptos build --release --bin-features bench
	@.ci/precompress.sh $(SITE)/pkg
	@touch $@

run: release
	LEPTOS_SITE_ROOT=$(SITE) target/release/opendoor serve --demo

test:
	@.ci/install-tools.sh test
	$(MAKE) lint unit integration integration-postgres e2e

# Clippy sees both flavours: with the bench feature (tests included) and as shipped.
lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --features server/bench --locked -- -D warnings
	cargo clippy -p server --lib --bins --locked -- -D warnings
	cargo clippy -p app --lib --features hydrate --target wasm32-unknown-unknown --locked -- -D warnings

unit:
	cargo test --workspace --lib --bins --features server/bench --locked
	cargo test -p server --lib --bins --locked

# The integration suite against SQLite, a fresh database file per test. nextest runs each
# test in a process of its own: two apps rendering Leptos pages side by side in one test
# process (each on its own current-thread runtime) now and then stall a render until the
# 30 s request timeout; one app per process, as in production, never does.
integration:
	cargo nextest run -p server --features bench --test api --locked --no-fail-fast

# The same integration suite against PostgreSQL, a fresh database per test.
integration-postgres:
	@if [ -n "$$OPENDOOR_TEST_POSTGRES_URL" ]; then \
		OPENDOOR_TEST_DB=postgres cargo nextest run -p server --features bench --test api --locked --no-fail-fast; \
	else \
		echo "*** PostgreSQL integration tests NOT run: set OPENDOOR_TEST_POSTGRES_URL (CI sets it) ***"; \
	fi

e2e: release-bench
	cd end2end && npx playwright test

bench:
	@.ci/install-tools.sh bench
	$(MAKE) release-bench
	.ci/bench.sh

# Faults against a release build, as an operator would meet them (needs root: it mounts
# small file systems). `make test` runs a short version of each inside the integration
# suite.
chaos:
	@.ci/install-tools.sh build
	$(MAKE) release
	.ci/chaos/disk_full.py --backend sqlite --cycles 5 --posts 20
	@if psql -h 127.0.0.1 -U postgres -c 'SELECT 1' >/dev/null 2>&1; then \
		.ci/chaos/disk_full.py --backend postgres --cycles 3 --posts 20; \
	else \
		echo "*** PostgreSQL disk-full run NOT done: no PostgreSQL at 127.0.0.1:5432 ***"; \
	fi

clean-data:
	rm -rf data
