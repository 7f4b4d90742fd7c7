#!/usr/bin/env bash
# Benchmarks (issues #8, #24): the native one, the same-page browser one, then the first report. Not part of the test
# command: benchmarks report figures, tests do not time anything.
#   bash scripts/bench.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
bash scripts/setup.sh --browser
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
echo "== native: cargo bench --bench bundle (with the browser benchmark's inputs: benches/inputs.mjs)"
node benches/inputs.mjs target/bench-inputs
out=$(BENCH_INPUTS=target/bench-inputs cargo bench --bench bundle 2>/dev/null)
echo "$out"
native_csr=$(sed -n 's/^CSR List of 200 *full inspect: *\([0-9.]*\) µs.*/\1/p' <<<"$out")
native_kubeconfig=$(sed -n 's/^kubeconfig, 500 users *full inspect: *\([0-9.]*\) µs.*/\1/p' <<<"$out")
native=$(sed -n 's/^full inspect (facts[^0-9]*\([0-9.]*\) µs.*/\1/p' <<<"$out" | head -1)
native_json=$(sed -n 's/^full inspect + JSON[^0-9]*\([0-9.]*\) µs.*/\1/p' <<<"$out" | head -1)
echo "== release build"
trunk build --release --offline >/dev/null
echo "== browser: node benches/browser.mjs"
NATIVE_US="$native" NATIVE_JSON_US="$native_json" NATIVE_CSR_US="$native_csr" NATIVE_KUBECONFIG_US="$native_kubeconfig" \
  node benches/browser.mjs
echo "== first report: every byte before it, and the time, unthrottled and on a phone-like profile"
node benches/first-report.mjs --loads 5
KCI_ENCODING=br node benches/first-report.mjs --loads 5
node benches/webcrypto.mjs
