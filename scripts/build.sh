#!/usr/bin/env bash
# Builds the release bundle into dist/ with Trunk (tools installed by scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release "$@"
