#!/usr/bin/env bash
# Unpacks the production backend bundle (`yarn build:backend` writes
# packages/backend/dist/bundle.tar.gz) into a directory and links it to the
# repository's installed dependencies, so that it runs without a network.
#
# Usage: scripts/unpack-backend-bundle.sh <empty target directory>
#
# A deployment extracts the bundle and runs `yarn workspaces focus --all
# --production`, which needs the registry. Here every third-party package is a
# symbolic link into the repository's node_modules, and every workspace package
# resolves to the built copy in the bundle, with the package.json its
# publishConfig gives it. Run the result with `node --preserve-symlinks`, so
# that modules resolve their own dependencies from the target directory rather
# than from the repository, where the workspace packages are the sources.
set -euo pipefail
shopt -s nullglob

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bundle="$repo_root/packages/backend/dist/bundle.tar.gz"
target="${1:?Usage: $0 <empty target directory>}"

if [[ ! -f "$bundle" ]]; then
  echo "Missing $bundle: run 'yarn build:backend' first." >&2
  exit 1
fi
mkdir -p "$target"
target="$(cd "$target" && pwd)"
tar -xzf "$bundle" -C "$target"

# The folder of each workspace package in the bundle, by package name.
declare -A bundle_folder=()
for manifest in "$target"/packages/*/package.json "$target"/plugins/*/package.json; do
  [[ -f "$manifest" ]] || continue
  folder="$(dirname "${manifest#"$target"/}")"
  bundle_folder["$(node -p "require(process.argv[1]).name" "$manifest")"]="$folder"
done

# Links each package of the installed node_modules folder $1 into the new
# node_modules folder $2: workspace packages to their bundled copy, the
# others to the installed package. Workspace packages that the bundle lacks
# (the frontend plugins, the tests) are left out.
link_modules() {
  local source_dir="$1" target_dir="$2" entry name
  mkdir -p "$target_dir"
  for entry in "$source_dir"/*; do
    name="${entry#"$source_dir"/}"
    if [[ "$name" == @* && " ${!bundle_folder[*]}" == *" $name/"* ]]; then
      link_modules "$entry" "$target_dir/$name" "$name/"
    else
      link_module "$entry" "$target_dir/$name" "${3:-}$name"
    fi
  done
}

# Links the installed package $1 as $2, or the bundled copy of package $3.
link_module() {
  local entry="$1" link="$2" name="$3"
  if [[ -n "${bundle_folder[$name]:-}" ]]; then
    ln -s "$target/${bundle_folder[$name]}" "$link"
  elif [[ ! -L "$entry" ]]; then
    ln -s "$entry" "$link"
  fi
}

link_modules "$repo_root/node_modules" "$target/node_modules"
for folder in "${bundle_folder[@]}"; do
  if [[ -d "$repo_root/$folder/node_modules" ]]; then
    link_modules "$repo_root/$folder/node_modules" "$target/$folder/node_modules"
  fi
done
