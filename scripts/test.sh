#!/usr/bin/env bash
# Runs every test: type check, lint, unit and integration tests (SQLite and
# PostgreSQL), and the end-to-end tests in a real Chromium.
#
# On a fresh machine it provisions what it needs: Node 24 and yarn 4
# (scripts/toolchain.sh), Debian's Chromium, and a running PostgreSQL on
# 127.0.0.1:5432 when the machine has one installed.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$repo_root"

step() {
  echo
  echo "==> $*"
}

step "Installing dependencies"
yarn install --immutable

step "Checking for Chromium"
if [[ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

step "Checking for PostgreSQL on 127.0.0.1:5432"
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  fi
fi
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  pg_major="$(psql -h 127.0.0.1 -U postgres -tAc 'show server_version' | cut -d. -f1)"
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${pg_major}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432"
  echo "PostgreSQL ${pg_major} is available for the database tests."
else
  echo "No PostgreSQL on 127.0.0.1:5432: the PostgreSQL variants of the database tests are skipped." >&2
fi

# The database tests use the servers named by these variables and never start containers.
export BACKSTAGE_TEST_DISABLE_DOCKER=1

step "Type check"
yarn tsc
yarn tsc -p e2e/tsconfig.json

step "Lint"
yarn lint:all

step "Unit and integration tests"
CI=true yarn test --watchAll=false

step "End-to-end tests"
scripts/e2e.sh
