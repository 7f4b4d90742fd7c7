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
# The two browser modules (issue #8): the page's (--features ui) and the engine's (--features api).
step "clippy (wasm32, page module)"
cargo clippy --target wasm32-unknown-unknown --lib --bins --features ui -- -D warnings
step "clippy (wasm32, engine module)"
cargo clippy --target wasm32-unknown-unknown --lib --bins --features api -- -D warnings
step "cargo deny check bans licenses sources (advisories need github.com: see README)"
cargo deny --log-level error check bans licenses sources
step "cargo test"
cargo test
step "trunk build --release --offline"
trunk build --release --offline
step "browser tests (headless Chromium)"
node --test tests/e2e/
step "all tests passed"
