// The Hugo shortcode (issue #25), built by Debian's hugo: a page of prose with two inspectors
// loads the element's script once, and both report, from the site's own files.
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
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kci-hugo-'));
let browser, server, base;

before(async () => { browser = await launchChromium(); });
after(async () => {
  await browser?.close();
  server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('the Hugo shortcode: two inspectors on a page, the script once, each reports', async () => {
  const site = path.join(tmp, 'site');
  const w = (rel, text) => { fs.mkdirSync(path.dirname(path.join(site, rel)), { recursive: true }); fs.writeFileSync(path.join(site, rel), text); };
  w('config.toml', 'baseURL = "/"\ntitle = "docs"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n[params.kubeCertInspector]\nbase = "/tools/inspector/"\n');
  w('layouts/_default/single.html', '<!doctype html><html><head><meta charset="utf-8"><title>{{ .Title }}</title><link rel="icon" href="data:,"></head><body><main>{{ .Content }}</main></body></html>\n');
  w('layouts/index.html', '<!doctype html><title>home</title>\n');
  fs.cpSync(path.join(root, 'docs/integrations/hugo/layouts/shortcodes'), path.join(site, 'layouts/shortcodes'), { recursive: true });
  fs.cpSync(path.join(root, 'dist'), path.join(site, 'static/tools/inspector'), { recursive: true });
  const csr = (name) => fs.readFileSync(path.join(root, 'tests/fixtures', name), 'utf8');
  w('content/csr.md', `---
title: Who does this CSR make you?
---

A request for alice, in the developers group:

{{< kube-cert-inspector now="2026-11-24T00:00:00Z" view="identity" >}}
${csr('csr-developer.pem')}{{< /kube-cert-inspector >}}

And one a reviewer must refuse:

{{< kube-cert-inspector now="2026-11-24T00:00:00Z" >}}
${csr('csr-system-masters.pem')}{{< /kube-cert-inspector >}}
`);
  execFileSync('hugo', ['--quiet', '--source', site, '--destination', path.join(site, 'public')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const html = fs.readFileSync(path.join(site, 'public/csr/index.html'), 'utf8');
  assert.equal(html.match(/<script type="module" src="\/tools\/inspector\/embed.js"><\/script>/g)?.length, 1, 'the script once per page');
  assert.equal(html.match(/<kube-cert-inspector\b/g)?.length, 2);
  ({ server, base } = await serveDir(path.join(site, 'public')));
  const { context, page, errors, requests } = await openPage(browser, `${base}csr/index.html`, {});
  const labels = await page.evaluate(() => Promise.all([...document.querySelectorAll('kube-cert-inspector')].map((el) => new Promise((resolve, reject) => {
    el.addEventListener('report', (e) => resolve(`${e.detail.objects[0].username}: ${e.detail.verdict.label}`));
    el.scrollIntoView();
    setTimeout(() => reject(new Error('no report in 20 s')), 20_000);
  }))));
  assert.deepEqual(labels.sort(), ['alice: Routine', 'mallory: Do not approve']);
  assert.deepEqual(requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:') && u !== 'about:blank'), []);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: path.join(shots, 'hugo-page.png'), fullPage: true });
  await context.close();
});
