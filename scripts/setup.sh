#!/usr/bin/env bash
# Installs what building and testing need, skipping whatever is already there at the right
# version, so a second run takes seconds. Works as root on a fresh Debian machine that reaches
# only the package registries (see ../shared/toolchain.md for why each tool is installed so).
#   scripts/setup.sh            build tools (Rust wasm target, Trunk, wasm-bindgen, wasm-opt, clang)
#   scripts/setup.sh --browser  ... and Debian's Chromium for the browser tests
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
CARGO_DENY_VERSION=0.20.2
WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
want_browser=false
[ "${1:-}" = "--browser" ] && want_browser=true

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_pkgs=()
command -v clang >/dev/null || apt_pkgs+=(clang)
if $want_browser; then command -v chromium >/dev/null || apt_pkgs+=(chromium); fi
# hugo, mkdocs: the browser tests build the docs integrations' examples (docs/integrations/).
if $want_browser; then command -v hugo >/dev/null || apt_pkgs+=(hugo); command -v mkdocs >/dev/null || apt_pkgs+=(mkdocs); fi
# faketime: the test command runs the suite again with the clock years ahead (issue #19).
command -v faketime >/dev/null || apt_pkgs+=(faketime)
command -v openssl >/dev/null || apt_pkgs+=(openssl)
# kubectl: the lab's browser test runs kubectl create --dry-run=client on what the page made.
command -v kubectl >/dev/null || apt_pkgs+=(kubernetes-client)
command -v node >/dev/null || apt_pkgs+=(nodejs npm)
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  say "apt-get install ${apt_pkgs[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" >/dev/null
fi

installed_targets=$(rustup target list --installed)
grep -qx wasm32-unknown-unknown <<<"$installed_targets" || { say "rustup target add wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }
installed_components=$(rustup component list --installed)
for c in rustfmt clippy; do grep -q "^$c" <<<"$installed_components" || rustup component add "$c"; done

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "cargo install trunk $TRUNK_VERSION (about 9 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  # Not --locked: its lock file pins a crate the registry does not serve (toolchain.md).
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if [ "$(cargo-deny --version 2>/dev/null)" != "cargo-deny $CARGO_DENY_VERSION" ]; then
  say "cargo install cargo-deny $CARGO_DENY_VERSION (about 3 minutes; licenses, bans and sources checks)"
  cargo install --locked cargo-deny --version "$CARGO_DENY_VERSION"
fi
if ! cmp -s package-lock.json node_modules/.installed-from-lock 2>/dev/null; then
  say "npm ci (wasm-opt from binaryen, playwright-core)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.installed-from-lock
fi
say "ready: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version), $(cargo-deny --version)"
