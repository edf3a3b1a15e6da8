#!/usr/bin/env bash
# Runs the Playwright tests in Debian's Chromium against the production build.
#
# `yarn build:backend` builds the frontend and the backend bundle that a
# deployment runs. The bundle is unpacked into a temporary directory, linked
# to the installed dependencies (scripts/unpack-backend-bundle.sh), and
# started twice on the demo data, each backend serving the frontend:
#
# - on E2E_PORT (default 7007) with e2e/app-config.e2e.yaml, for the
#   Playwright project `default`;
# - on E2E_RESTRICTED_PORT (default 7008) with e2e/app-config.e2e-restricted.yaml
#   as well, whose permission policy hides the status of entities the guest
#   does not own, for the project `restricted` (tests/restricted).
#
# Arguments go to `playwright test`, for example `--project=default` or a
# spec file. The backend logs are written to e2e/logs/.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$repo_root"

port="${E2E_PORT:-7007}"
restricted_port="${E2E_RESTRICTED_PORT:-7008}"
log_dir="$repo_root/e2e/logs"
run_dir="$(mktemp -d "${TMPDIR:-/tmp}/aks-traffic-security-e2e.XXXXXX")"
backend_pids=()

stop_backends() {
  local pid
  # Each backend leads its own process group (setsid), so this stops its children too.
  for pid in "${backend_pids[@]}"; do
    kill -- "-$pid" 2>/dev/null || true
  done
  for pid in "${backend_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$run_dir"
}
trap stop_backends EXIT

for candidate in "$port" "$restricted_port"; do
  if curl -s -o /dev/null "http://localhost:$candidate"; then
    echo "Port $candidate is already in use. Stop the server on it, or choose" \
      "other ports with E2E_PORT and E2E_RESTRICTED_PORT." >&2
    exit 1
  fi
done

yarn build:backend
scripts/unpack-backend-bundle.sh "$run_dir/bundle"
mkdir -p "$log_dir"

# Starts the bundled backend as process group leader, listening on port $2,
# with the e2e config overlays that follow; $1 names its log file.
start_backend() {
  local name="$1" backend_port="$2" overlay
  shift 2
  local config_args=(--config "$repo_root/app-config.yaml")
  for overlay in e2e/app-config.e2e.yaml "$@"; do
    config_args+=(--config "$repo_root/$overlay")
  done

  cat >"$run_dir/app-config.$name-port.yaml" <<EOF
app:
  baseUrl: http://localhost:$backend_port
backend:
  baseUrl: http://localhost:$backend_port
  listen:
    port: $backend_port
  cors:
    origin: http://localhost:$backend_port
EOF
  config_args+=(--config "$run_dir/app-config.$name-port.yaml")

  # The config's relative paths are resolved against packages/backend, as in
  # development. --preserve-symlinks keeps module resolution inside the
  # unpacked bundle (see scripts/unpack-backend-bundle.sh). The V8 flags are
  # those of the production backend.
  local node_flags
  read_node_flags node_flags
  (
    cd "$repo_root/packages/backend"
    NODE_ENV=production exec setsid node --preserve-symlinks "${node_flags[@]}" \
      "$run_dir/bundle/packages/backend" "${config_args[@]}"
  ) >"$log_dir/backend-$name.log" 2>&1 &
  backend_pids+=($!)
}

# Reads the production backend's V8 flags into the array named $1: one flag per
# line, trimmed, without blank lines and lines that start with '#', as
# bench/backendNodeFlags.ts reads them. Exits on a line that is not a flag.
read_node_flags() {
  local -n flags="$1"
  local file="$repo_root/packages/backend/node-flags" line
  flags=()
  while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line%$'\r'}"
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    [[ -z "$line" || "$line" == \#* ]] && continue
    if [[ ! "$line" =~ ^--[^[:space:]]+$ ]]; then
      echo "Invalid line '$line' in $file; expected one V8 flag that starts with '--'" >&2
      exit 1
    fi
    flags+=("$line")
  done <"$file"
}

# Waits until the backend with pid $1 responds on port $2; $3 names its log.
wait_for_backend() {
  local pid="$1" backend_port="$2" name="$3"
  echo "Waiting for the $name backend (pid $pid) on http://localhost:$backend_port"
  for _ in $(seq 1 120); do
    if curl -fsS "http://localhost:$backend_port/api/aks-traffic-security/health" >/dev/null 2>&1; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "The $name backend exited before it was ready; its log:" >&2
      tail -50 "$log_dir/backend-$name.log" >&2
      return 1
    fi
    sleep 1
  done
  echo "The $name backend was not ready after 120 s; its log:" >&2
  tail -50 "$log_dir/backend-$name.log" >&2
  return 1
}

start_backend default "$port"
start_backend restricted "$restricted_port" e2e/app-config.e2e-restricted.yaml
wait_for_backend "${backend_pids[0]}" "$port" default
wait_for_backend "${backend_pids[1]}" "$restricted_port" restricted

export E2E_BASE_URL="http://localhost:$port"
export E2E_RESTRICTED_BASE_URL="http://localhost:$restricted_port"
if ! yarn workspace e2e test "$@"; then
  # Playwright writes what the page showed, as an accessibility tree, next
  # to each failed test's screenshot; CI logs keep it even without artifacts.
  while IFS= read -r context; do
    echo "==> ${context#"$repo_root/"}" >&2
    head -150 "$context" >&2
  done < <(find "$repo_root/e2e/test-results" -name error-context.md -newer "$run_dir")
  echo "End-to-end tests failed. The last lines of the backend logs in $log_dir:" >&2
  tail -n 30 "$log_dir/backend-default.log" "$log_dir/backend-restricted.log" >&2
  exit 1
fi
