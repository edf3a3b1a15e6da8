#!/usr/bin/env bash
# Builds the frontend, starts the backend serving it on http://localhost:7007
# with the demo data, and runs the Playwright tests in Debian's Chromium.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$repo_root"

log_dir="$repo_root/e2e/test-results"
mkdir -p "$log_dir"

yarn workspace app build

# TODO: run the bundled backend (yarn build:backend) instead of the
# transpile-on-start backend, so the test covers the production build too.
# setsid gives the backend its own process group, so the whole tree stops with it.
setsid yarn workspace backend start \
  --config ../../app-config.yaml --config ../../e2e/app-config.e2e.yaml \
  >"$log_dir/backend.log" 2>&1 &
backend_pid=$!
trap 'kill -- "-$backend_pid" 2>/dev/null || true' EXIT

echo "Waiting for the backend (pid $backend_pid) on http://localhost:7007"
for _ in $(seq 1 180); do
  if curl -fsS http://localhost:7007/api/aks-traffic-security/health >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$backend_pid" 2>/dev/null; then
    echo "The backend exited before it was ready; its log:" >&2
    tail -50 "$log_dir/backend.log" >&2
    exit 1
  fi
  sleep 1
done

if ! yarn workspace e2e test "$@"; then
  echo "End-to-end tests failed; the last lines of the backend log:" >&2
  tail -30 "$log_dir/backend.log" >&2
  exit 1
fi
