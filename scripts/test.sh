#!/usr/bin/env bash
# Every test: formatting, lints (native and wasm32), native tests (unit + fixtures), a release
# Trunk build, and the browser tests in headless Chromium. Installs what is missing first.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
bash scripts/setup.sh --browser
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check
step "clippy (native)"
cargo clippy --all-targets -- -D warnings
# The three browser modules: the page's (--features ui, issue #8), the engine's (--features api)
# and the first report's (--features first, issue #24).
step "clippy (wasm32, page module)"
cargo clippy --target wasm32-unknown-unknown --lib --bins --features ui -- -D warnings
step "clippy (wasm32, engine module)"
cargo clippy --target wasm32-unknown-unknown --lib --bins --features api -- -D warnings
step "clippy (wasm32, first-report module)"
cargo clippy --target wasm32-unknown-unknown --lib --bins --features first -- -D warnings
step "cargo deny check bans licenses sources (advisories need github.com: see README)"
cargo deny --log-level error check bans licenses sources
step "cargo test"
cargo test
# Issue #19: no test may depend on the day it runs. The test binaries just built (unit and
# integration; not the doc tests) run again with the clock 1100 days ahead. libfaketime moves
# the clock of each binary and of every CLI it starts; not cargo itself, which waits on its own
# clock under faketime.
step "cargo's test binaries again, the clock moved 1100 days ahead (faketime)"
mapfile -t test_bins < <(cargo test --no-run --message-format=json 2>/dev/null | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    for (const l of s.split("\n")) {
      try { const m = JSON.parse(l); if (m.reason === "compiler-artifact" && m.profile.test && m.executable) console.log(m.executable); } catch {}
    }
  });')
[ ${#test_bins[@]} -gt 0 ] || { echo "found no test binaries" >&2; exit 1; }
for b in "${test_bins[@]}"; do
  faketime -f '+1100d' "$b" -q
done
step "trunk build --release --offline"
trunk build --release --offline
step "browser tests (headless Chromium)"
node --test tests/e2e/
# The browser suite again with the machine's clock 1100 days ahead: faketime moves node and the
# Chromium it launches; the tests pin the page's clock (tests/e2e/chromium.mjs), so every answer
# must stay the same.
step "browser tests again, the clock moved 1100 days ahead (faketime)"
faketime -f '+1100d' node --test tests/e2e/
step "all tests passed"
