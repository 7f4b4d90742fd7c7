#!/usr/bin/env bash
# Installs what is missing, then serves the app at http://127.0.0.1:${PORT:-8080}/ (release build).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
bash scripts/setup.sh
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
# No auto-reload: Trunk would inject an inline script, which the page's CSP forbids.
exec trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port "${PORT:-8080}"
