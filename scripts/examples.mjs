// Writes DIR/examples/<id>.txt for every example of src/examples.rs (its id and the fixture it
// includes), so the first view (www/boot.js, issue #24) fetches only the example the address
// names instead of carrying all of them in its module. Trunk runs it after each build (Trunk.toml);
// tests/e2e/dist.test.mjs checks every example's file against its fixture.
//   node scripts/examples.mjs DIR
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/examples.mjs DIR');
const source = fs.readFileSync(path.join(root, 'src/examples.rs'), 'utf8');
const found = [...source.matchAll(/id:\s*"([a-z0-9-]+)"[^}]*?include_str!\("\.\.\/([^"]+)"\)/g)];
if (found.length === 0) throw new Error('src/examples.rs: no example found (id: "…", text: include_str!("../…"))');
fs.mkdirSync(path.join(dir, 'examples'), { recursive: true });
for (const [, id, file] of found) fs.copyFileSync(path.join(root, file), path.join(dir, 'examples', `${id}.txt`));
