#!/usr/bin/env bash
# Serves the built app on a free port and runs the browser benchmarks against it.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/tmp
export TMPDIR="$PWD/target/tmp"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
SERVE_QUIET=1 python3 scripts/serve.py --port "$port" --dir dist &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
sleep 1
for script in bench/browser/*.mjs; do
  node "$script" "http://127.0.0.1:$port" "${CUSTOMERS:-100000}"
done
