#!/usr/bin/env bash
# Starts the app with the demo data on the embedded defaults (in-memory SQLite,
# the snapshot in examples/snapshot): frontend on http://localhost:3000,
# backend on http://localhost:7007.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$repo_root"

yarn install --immutable
exec yarn start "$@"
