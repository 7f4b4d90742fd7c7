// Minifies a built site's scripts and stylesheet in place with esbuild (already a tool here):
// whitespace, comments and local names only, no syntax lowered, exports and file names kept.
// Every byte before the first report counts on a slow link (issue #24): boot.js, the first
// module's glue and style.css come to 5.2 KB gzip less, embed.js (the element's) 2.3 KB less.
// The commented sources are www/ and wasm-bindgen's output; the example docs page's own files
// (embed-example.*) stay as written, for docs authors to read. Trunk runs it after each build,
// before scripts/precompress.mjs (Trunk.toml). A stylesheet's integrity attribute (Trunk's SRI) in
// the built pages is written again for its new bytes.
//   node scripts/minify.mjs DIR
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/minify.mjs DIR');
for (const name of fs.readdirSync(dir)) {
  const loader = { '.js': 'js', '.css': 'css' }[path.extname(name)];
  if (!loader || name.startsWith('embed-example.')) continue;
  const file = path.join(dir, name);
  const { code } = transformSync(fs.readFileSync(file, 'utf8'), {
    loader,
    minify: true,
    // As written: modules stay modules, and nothing newer than the source is assumed or lowered.
    ...(loader === 'js' ? { format: 'esm' } : {}),
    target: 'esnext',
    legalComments: 'none',
  });
  fs.writeFileSync(file, code);
  if (loader !== 'css') continue;
  const integrity = `sha384-${crypto.createHash('sha384').update(code).digest('base64')}`;
  for (const page of fs.readdirSync(dir).filter((f) => f.endsWith('.html'))) {
    const html = fs.readFileSync(path.join(dir, page), 'utf8');
    const tag = new RegExp(`(<link rel="stylesheet" href="(?:\\./)?${name.replace(/\./g, '\\.')}" integrity=")[^"]*"`, 'g');
    const written = html.replace(tag, `$1${integrity}"`);
    // A page that links the stylesheet with an integrity this script could not rewrite would have
    // its style blocked by the browser: fail the build instead.
    if (written.includes(`integrity="sha384-`) && written.includes(`${name}"`) && !written.includes(integrity)) {
      throw new Error(`${page}: the integrity of ${name} was not rewritten (has Trunk's <link> changed?)`);
    }
    fs.writeFileSync(path.join(dir, page), written);
  }
}
