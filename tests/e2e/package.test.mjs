// The npm package (issue #25): scripts/package.sh packs the built site; a docs build installs the
// tarball into an empty folder, bundles a page that imports it with esbuild, copies the package's
// files to its own /inspector/, and the element and the JS API work in Chromium from there, with
// nothing fetched from anywhere else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchChromium, openPage, serveDir } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shots = path.join(root, 'test-results/screenshots');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kci-package-'));
const site = path.join(tmp, 'site');
const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
let browser, server, base;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('the package installs, bundles with esbuild, and runs from the docs site\'s own files', async () => {
  run('bash', ['scripts/package.sh', '--no-build']);
  const out = path.join(root, 'target/package');
  const version = run('sed', ['-n', 's/^version = "\\(.*\\)"/\\1/p', 'Cargo.toml']).split('\n')[0];
  const tgz = path.join(out, `kube-cert-inspector-${version}.tgz`);
  assert.ok(fs.existsSync(tgz) && fs.existsSync(path.join(out, `kube-cert-inspector-${version}-dist.tar.gz`)));
  assert.match(run('sha256sum', ['-c', 'SHA256SUMS'], out), /OK\n.*OK/);

  // An empty docs project installs the tarball (no dependencies: nothing else is fetched).
  fs.mkdirSync(path.join(site, 'src'), { recursive: true });
  fs.writeFileSync(path.join(site, 'package.json'), '{ "name": "docs-site", "private": true }\n');
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tgz], site);
  const pkg = JSON.parse(fs.readFileSync(path.join(site, 'node_modules/kube-cert-inspector/package.json'), 'utf8'));
  assert.equal(pkg.version, version);
  assert.deepEqual(Object.keys(pkg.exports), ['.', './element', './dist/*', './package.json']);

  // TypeScript finds both entry points' types through the exports map.
  fs.writeFileSync(path.join(site, 'src/check.ts'), `import { setBase } from 'kube-cert-inspector/element';
import init, { inspect, type Report } from 'kube-cert-inspector';
setBase('/inspector/');
const el = document.createElement('kube-cert-inspector');
el.addEventListener('report', (e) => { const r: Report = e.detail; console.log(r.objects[0].username); });
await init();
const name: string | null = inspect('', {}).objects[0]?.username ?? null;
console.log(name, el.report?.verdict);
`);
  run(path.join(root, 'node_modules/.bin/tsc'), ['--noEmit', '--strict', '--target', 'es2022', '--module', 'es2022', '--moduleResolution', 'bundler', '--lib', 'es2022,dom', 'src/check.ts'], site);

  // Its page: the element (told where the files are) and the JS API, bundled by esbuild.
  fs.writeFileSync(path.join(site, 'src/page.js'), `
import { setBase } from 'kube-cert-inspector/element';
import init, { inspect } from 'kube-cert-inspector';
setBase('/inspector/');
document.addEventListener('report', (e) => { document.getElementById('element-out').textContent = e.detail.objects[0].username + ' ' + e.detail.verdict.label; });
await init({ module_or_path: '/inspector/kube-cert-inspector_bg.wasm' });
const r = inspect(document.getElementById('api-in').textContent, { now: '2026-11-24T00:00:00Z' });
document.getElementById('api-out').textContent = r.objects[0].username;
`);
  const publicDir = path.join(site, 'public');
  fs.mkdirSync(publicDir);
  run(path.join(root, 'node_modules/.bin/esbuild'), ['src/page.js', '--bundle', '--format=esm', '--outfile=public/app.js', '--log-level=error'], site);
  fs.cpSync(path.join(site, 'node_modules/kube-cert-inspector/dist'), path.join(publicDir, 'inspector'), { recursive: true });
  const csr = fs.readFileSync(path.join(root, 'tests/fixtures/csr-developer.pem'), 'utf8');
  fs.writeFileSync(path.join(publicDir, 'index.html'), `<!doctype html><meta charset="utf-8"><title>docs</title><link rel="icon" href="data:,">
<script type="module" src="/app.js"></script>
<!-- the element's module loaded a second time, directly: it must not define the element twice -->
<script type="module" src="/inspector/embed.js"></script>
<h1>Who does this CSR make you?</h1>
<kube-cert-inspector now="2026-11-24T00:00:00Z" view="identity">${csr}</kube-cert-inspector>
<p>element: <output id="element-out">waiting</output></p>
<pre id="api-in" hidden>${csr}</pre>
<p>API: <output id="api-out">waiting</output></p>`);
  ({ server, base } = await serveDir(publicDir));
  const { context, page, errors, requests } = await openPage(browser, base, {});
  try {
    await page.waitForFunction(() => !/waiting/.test(document.getElementById('element-out').textContent + document.getElementById('api-out').textContent), null, { timeout: 20_000 });
  } catch (e) {
    assert.fail(`no answer: element ${await page.locator('#element-out').innerText()}, API ${await page.locator('#api-out').innerText()}; errors ${JSON.stringify(errors)}; requests ${JSON.stringify(requests)}`);
  }
  assert.equal(await page.locator('#element-out').innerText(), 'alice Routine');
  assert.equal(await page.locator('#api-out').innerText(), 'alice');
  assert.equal(await page.locator('kube-cert-inspector iframe').evaluate((f) => new URL(f.src).pathname), '/inspector/embed.html');
  assert.deepEqual(requests.filter((u) => !u.startsWith(base) && !u.startsWith('blob:') && !u.startsWith('data:') && u !== 'about:blank'), [], 'nothing fetched from elsewhere');
  assert.deepEqual(errors, []);
  await page.screenshot({ path: path.join(shots, 'package-docs-site.png'), fullPage: true });
  await context.close();
});
