#!/usr/bin/env bash
# Fuzzes the engine's entry point (`inspect`) with cargo fuzz (libFuzzer), seeded with every
# fixture. Not part of the test command: run it on purpose, for as long as you like.
#   bash scripts/fuzz.sh            # 10 minutes
#   bash scripts/fuzz.sh 3600       # an hour
# Needs the nightly toolchain (rustup toolchain install nightly) and cargo-fuzz (installed here).
# A crash is saved under fuzz/artifacts/inspect/; copy it to tests/fixtures/fuzz-regressions/
# and the test command replays it for good (tests/fixtures_test.rs).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
SECONDS_TO_RUN=${1:-600}
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
mkdir -p fuzz/corpus/inspect
# Seed with every fixture (the corpus folder is not committed; libFuzzer adds what it finds).
find tests/fixtures -type f ! -name '*.sh' -exec cp {} fuzz/corpus/inspect/ \;
cd fuzz
cargo +nightly fuzz run inspect corpus/inspect -- \
  -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
