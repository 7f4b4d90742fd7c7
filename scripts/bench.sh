#!/usr/bin/env bash
# Benchmarks (issue #8): the native one, then the same-page browser one. Not part of the test
# command: benchmarks report figures, tests do not time anything.
#   bash scripts/bench.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
bash scripts/setup.sh --browser
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
echo "== native: cargo bench --bench bundle"
out=$(cargo bench --bench bundle 2>/dev/null)
echo "$out"
native=$(sed -n 's/^full inspect (facts[^0-9]*\([0-9.]*\) µs.*/\1/p' <<<"$out" | head -1)
native_json=$(sed -n 's/^full inspect + JSON[^0-9]*\([0-9.]*\) µs.*/\1/p' <<<"$out" | head -1)
echo "== release build"
trunk build --release --offline >/dev/null
echo "== browser: node benches/browser.mjs"
NATIVE_US="$native" NATIVE_JSON_US="$native_json" node benches/browser.mjs
