// The built site's precompressed copies (scripts/precompress.mjs, issue #24): every .br and .gz
// decompresses to exactly the file beside it, so a host serving them serves the same site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');

test('every precompressed copy in dist/ is the file beside it', () => {
  const files = fs.readdirSync(dist).filter((f) => /\.(html|js|css|wasm|ts)$/.test(f));
  assert.ok(files.includes('index.html') && files.includes('kube-cert-inspector_bg.wasm'), files.join(' '));
  for (const f of files) {
    const raw = fs.readFileSync(path.join(dist, f));
    assert.ok(zlib.brotliDecompressSync(fs.readFileSync(path.join(dist, `${f}.br`))).equals(raw), `${f}.br`);
    assert.ok(zlib.gunzipSync(fs.readFileSync(path.join(dist, `${f}.gz`))).equals(raw), `${f}.gz`);
  }
});

// The first view's example files (scripts/examples.mjs, issue #24): one per example of
// src/examples.rs, each exactly the fixture the page's own module carries.
test('every example of the page is served as the file the first view fetches', () => {
  const root = path.resolve(dist, '..');
  const source = fs.readFileSync(path.join(root, 'src/examples.rs'), 'utf8');
  const examples = [...source.matchAll(/id:\s*"([a-z0-9-]+)"[^}]*?include_str!\("\.\.\/([^"]+)"\)/g)];
  assert.equal(examples.length, (source.match(/^\s+Example \{/gm) || []).length, 'every Example { … } has an id and an include_str!');
  assert.deepEqual(fs.readdirSync(path.join(dist, 'examples')).sort(), examples.map(([, id]) => `${id}.txt`).sort());
  for (const [, id, file] of examples) {
    assert.ok(fs.readFileSync(path.join(dist, 'examples', `${id}.txt`)).equals(fs.readFileSync(path.join(root, file))), id);
  }
});
