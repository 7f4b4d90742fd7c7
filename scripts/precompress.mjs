// Writes FILE.br (brotli, quality 11) and FILE.gz (gzip -9) beside every .html, .js, .css, .wasm
// and .ts file of a built site, for hosts that serve precompressed files (nginx gzip_static and
// brotli_static, Caddy's precompressed, most static hosts). Trunk runs it after each build
// (Trunk.toml); the bytes a reader fetches are measured by benches/first-report.mjs.
//   node scripts/precompress.mjs DIR
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/precompress.mjs DIR');
for (const name of fs.readdirSync(dir)) {
  if (!/\.(html|js|css|wasm|ts)$/.test(name)) continue;
  const raw = fs.readFileSync(path.join(dir, name));
  fs.writeFileSync(path.join(dir, `${name}.br`), zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }));
  fs.writeFileSync(path.join(dir, `${name}.gz`), zlib.gzipSync(raw, { level: 9 }));
}
