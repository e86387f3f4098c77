#!/usr/bin/env bash
# Runs every test layer: native cargo tests, in-browser wasm-bindgen tests in headless
# Chromium, and end-to-end tests that drive the built app in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# ChromeDriver leaves profile folders behind in TMPDIR: keep them in the build.
mkdir -p target/tmp
export TMPDIR="$PWD/target/tmp"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Native tests (cargo test)"
cargo test --quiet

step "In-browser tests (wasm-bindgen-test in headless Chromium)"
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=180
wasm_tests=()
for f in tests/wasm_*.rs; do
  wasm_tests+=(--test "$(basename "$f" .rs)")
done
cargo test --target wasm32-unknown-unknown "${wasm_tests[@]}"

step "Release build (trunk build --release)"
scripts/build.sh

step "End-to-end tests (Playwright driving headless Chromium)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
SERVE_QUIET=1 python3 scripts/serve.py --port "$port" --dir dist &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break
  sleep 0.1
done
BASE_URL="http://127.0.0.1:$port" node --test --test-concurrency=1 tests/e2e/
