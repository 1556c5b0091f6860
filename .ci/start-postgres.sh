#!/usr/bin/env bash
# Makes sure PostgreSQL answers at 127.0.0.1:5432 for user postgres with trust
# authentication: starts the machine's cluster, or installs Debian's PostgreSQL first.
set -euo pipefail

answers() { command -v psql >/dev/null 2>&1 && psql "postgres://postgres@127.0.0.1:5432/postgres" -qtAc 'SELECT 1' >/dev/null 2>&1; }

answers && exit 0
echo "==> PostgreSQL does not answer at 127.0.0.1:5432: starting it"
if [ "$(id -u)" != 0 ]; then
  echo "PostgreSQL is not running at 127.0.0.1:5432 and this is not root: start it, or set OPENDOOR_TEST_POSTGRES_URL" >&2
  exit 1
fi
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -n | tail -n 1)
hba=/etc/postgresql/$version/main/pg_hba.conf
if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
  sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
fi
pg_ctlcluster --skip-systemctl-redirect "$version" main start || pg_ctlcluster --skip-systemctl-redirect "$version" main reload
for _ in $(seq 1 30); do
  answers && exit 0
  sleep 1
done
echo "PostgreSQL did not come up at 127.0.0.1:5432" >&2
exit 1
