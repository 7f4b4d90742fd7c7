#!/usr/bin/env bash
# The release's files in the shapes docs toolchains consume (issue #25), in target/package/:
#   kube-cert-inspector-VERSION.tgz       an npm package (npm pack): the JS API (with its .d.ts),
#                                         ./element (registers <kube-cert-inspector>), and the
#                                         frame, worker and wasm files under ./dist/
#   kube-cert-inspector-VERSION-dist.tar.gz  the built site, for hosts that just copy files
#   SHA256SUMS                            of both
# VERSION is Cargo.toml's. Builds the release first (trunk build --release --offline) unless
# --no-build is given (the test command passes it: it has just built dist/).
#   bash scripts/package.sh [--no-build]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
if [ "${1:-}" != "--no-build" ]; then
  bash scripts/setup.sh >/dev/null
  trunk build --release --offline
fi
[ -f dist/kube-cert-inspector_bg.wasm ] || { echo "package.sh: dist/ is not built (run without --no-build)" >&2; exit 1; }
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
OUT=target/package
STAGE=$OUT/kube-cert-inspector
rm -rf "$OUT"
mkdir -p "$STAGE/dist"
# The built files, without the example docs page (a demo, not part of the package).
for f in dist/*; do
  case "$(basename "$f")" in embed-example.*) continue ;; esac
  cp -R "$f" "$STAGE/dist/"
done
cp docs/package-README.md "$STAGE/README.md"
node - "$STAGE/package.json" "$VERSION" <<'JS'
const [file, version] = process.argv.slice(2);
const pkg = {
  name: 'kube-cert-inspector',
  version,
  description: 'Explains what a certificate, CSR or kubeconfig means to Kubernetes (username, groups, expiry, risks), entirely in the browser: a JS API and an embeddable <kube-cert-inspector> element.',
  license: 'Apache-2.0',
  type: 'module',
  main: './dist/kube-cert-inspector.js',
  types: './dist/kube-cert-inspector.d.ts',
  exports: {
    '.': { types: './dist/kube-cert-inspector.d.ts', default: './dist/kube-cert-inspector.js' },
    './element': { types: './dist/embed.d.ts', default: './dist/embed.js' },
    './dist/*': './dist/*',
    './package.json': './package.json',
  },
  files: ['dist', 'README.md'],
  sideEffects: ['./dist/embed.js'],
  keywords: ['kubernetes', 'x509', 'certificate', 'csr', 'kubeconfig', 'rbac', 'webassembly'],
};
require('node:fs').writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
JS
( cd "$OUT" && npm pack ./kube-cert-inspector --silent >/dev/null )
tar czf "$OUT/kube-cert-inspector-$VERSION-dist.tar.gz" --exclude='embed-example.*' -C dist .
( cd "$OUT" && sha256sum "kube-cert-inspector-$VERSION.tgz" "kube-cert-inspector-$VERSION-dist.tar.gz" > SHA256SUMS )
rm -rf "$STAGE"
echo "package.sh: $(cd "$OUT" && ls -1 | tr '\n' ' ')"
