#!/usr/bin/env bash
# Installs what building and testing Customer Insight needs, skipping whatever is
# already present at the right version. Safe to run again and again.
#
#   scripts/setup.sh build   the wasm target, trunk, wasm-bindgen-cli, wasm-opt
#   scripts/setup.sh test    all of the above, plus Chromium, ChromeDriver and playwright-core
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION="0.21.14"
mode="${1:-build}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# The wasm-bindgen CLI must match the crate version in Cargo.lock exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q "trunk ${TRUNK_VERSION}"; then
    say "Installing trunk ${TRUNK_VERSION} (about 10 minutes on 2 cores, once)"
    cargo install --locked "trunk@${TRUNK_VERSION}"
  fi
}

ensure_wasm_bindgen() {
  local want
  want="$(wasm_bindgen_version)"
  if [ -z "$want" ]; then
    say "Resolving dependencies to learn the wasm-bindgen version"
    cargo generate-lockfile
    want="$(wasm_bindgen_version)"
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen ${want}"; then
    say "Installing wasm-bindgen-cli ${want} (about 2 minutes, once)"
    # Not --locked: its lock file pins a crate version this registry lacks.
    cargo install --force "wasm-bindgen-cli@${want}"
  fi
}

# wasm-opt from npm (binaryen 132) and playwright-core: node_modules/.bin goes first on
# PATH in the Makefile so Trunk finds this wasm-opt, not Debian's broken 108.
ensure_node_modules() {
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
     || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "Installing npm tools (binaryen, playwright-core)"
    npm ci --no-audit --no-fund
  fi
}

apt_install() {
  local sudo=""
  if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
  say "Installing Debian packages: $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}

ensure_chromium() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
}

ensure_fetched() {
  # Trunk builds with cargo --offline: the crates must be in the local registry.
  cargo fetch --quiet
}

ensure_wasm_target
ensure_fetched
ensure_trunk
ensure_wasm_bindgen
ensure_node_modules
if [ "$mode" = "test" ]; then
  ensure_chromium
fi
