// The MkDocs example (issue #25), built by Debian's mkdocs: the element reports from the site's
// own files.
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
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kci-mkdocs-'));
let browser, server;

before(async () => { browser = await launchChromium(); });
after(async () => {
  await browser?.close();
  server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('the MkDocs example builds and its element reports', async () => {
  const site = path.join(tmp, 'site');
  fs.cpSync(path.join(root, 'docs/integrations/mkdocs'), site, { recursive: true });
  fs.cpSync(path.join(root, 'dist'), path.join(site, 'docs/inspector'), { recursive: true });
  execFileSync('mkdocs', ['build', '--quiet', '--site-dir', path.join(site, 'out')], { cwd: site, stdio: ['ignore', 'pipe', 'pipe'] });
  let base;
  ({ server, base } = await serveDir(path.join(site, 'out')));
  const { context, page, errors, requests } = await openPage(browser, `${base}index.html`, {});
  const label = await page.evaluate(() => new Promise((resolve, reject) => {
    const el = document.querySelector('kube-cert-inspector');
    if (!el) return reject(new Error('no element on the page'));
    el.addEventListener('report', (e) => resolve(`${e.detail.objects[0].username}: ${e.detail.verdict.label}`));
    el.scrollIntoView();
    setTimeout(() => reject(new Error('no report in 20 s')), 20_000);
  }));
  assert.equal(label, 'alice: Routine');
  assert.deepEqual(requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:') && u !== 'about:blank'), []);
  assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), []);
  await page.screenshot({ path: path.join(shots, 'mkdocs-page.png'), fullPage: true });
  await context.close();
});
