// The first view (issue #24, www/boot.js and src/first_view.rs): opened with something to show,
// the page shows the first report from its small first module while the page's own module is
// still on its way — held back here until the test lets it through — then replaces it with its
// own report, which says the same. In the app, in an embedded frame and with hostile input; no
// request beyond the page's own files and no console error at any point.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, newContext, openPage, serveDir } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
const fixtures = path.join(root, 'tests/fixtures');
const shots = path.join(root, 'test-results/screenshots');
fs.mkdirSync(shots, { recursive: true });

let server, base, browser;
before(async () => {
  ({ server, base } = await serveDir(dist));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** Opens `url` with the page's own wasm held back until `release()`; records requests and errors. */
async function openHeld(url, viewport = { width: 390, height: 844 }) {
  let release;
  const released = new Promise((r) => { release = r; });
  const opened = await openPage(browser, url, { viewport }, (context) => context.route(/kube-cert-inspector-page_bg\.wasm$/, async (route) => {
    await released;
    await route.continue();
  }));
  return { ...opened, release };
}

const own = (requests) => requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:'));

test('the app shows the first report before its own module arrives, then its own report says the same', async () => {
  const { context, page, requests, errors, release } = await openHeld(`${base}index.html#example=csr-system-masters`);
  const first = page.locator('#first-view');
  await first.locator('.verdict-label').waitFor({ timeout: 20_000 });
  assert.equal(await first.locator('.verdict-label').innerText(), 'Do not approve');
  assert.match(await first.locator('.verdict-headline').innerText(), /CertificateSubjectRestriction/);
  assert.equal(await first.locator('code.username').innerText(), 'mallory');
  assert.deepEqual(await first.locator('code.group').allInnerTexts(), ['system:masters', 'system:authenticated']);
  assert.ok((await first.locator('.compact-findings li').count()) >= 2);
  assert.match(await first.locator('.first-input').innerText(), /Example: csr-system-masters/);
  assert.match(await first.locator('.first-loading').innerText(), /Loading the full report/);
  // The findings open without script (static <details>).
  await first.locator('.compact-findings summary').first().click();
  assert.match(await first.locator('.compact-findings details[open]').first().innerText(), /Why: /);
  // Nothing of the page's own is shown behind it; the example came as a file of its own.
  assert.equal(await page.evaluate(() => document.body.classList.contains('kci-first')), true);
  assert.ok(requests.some((u) => u.endsWith('/examples/csr-system-masters.txt')), requests.join('\n'));
  await page.screenshot({ path: path.join(shots, 'first-view-app.png') });
  const before = { label: await first.locator('.verdict-label').innerText(), headline: await first.locator('.verdict-headline').innerText() };

  release();
  await page.locator('#first-view').waitFor({ state: 'detached', timeout: 30_000 });
  assert.equal(await page.evaluate(() => document.body.classList.contains('kci-first')), false);
  const report = page.locator('.report').first();
  await report.locator('.verdict-label').first().waitFor();
  assert.equal(await report.locator('.verdict-label').first().innerText(), before.label);
  assert.equal(await report.locator('.verdict-headline').first().innerText(), before.headline);
  assert.equal(await page.locator('code.username').first().innerText(), 'mallory');
  // The page works as ever: its input holds the example.
  assert.match(await page.locator('textarea').inputValue(), /mallory/);
  assert.deepEqual(own(requests), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a page opened with nothing to show loads no first module; the lab neither', async () => {
  for (const url of [`${base}index.html`, `${base}index.html#lab`]) {
    const context = await newContext(browser);
    const page = await context.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url);
    await page.locator('main').first().waitFor({ timeout: 20_000 });
    assert.ok(!requests.some((u) => /first/.test(u)), requests.join('\n'));
    assert.equal(await page.locator('#first-view').count(), 0);
    await context.close();
  }
});

test('an embedded frame shows the first view of what its parent sends, sized, then the page takes over', async () => {
  // The docs page of embed-example.html: its element (the default summary view, pinned time).
  const { context, page, requests, errors, release } = await openHeld(`${base}embed-example.html`, { width: 390, height: 1600 });
  const firstView = () => page.frames().find((f) => /index\.html\?embed.*view=summary/.test(f.url()));
  let f;
  for (let i = 0; i < 200 && !(f = firstView()); i++) await page.waitForTimeout(100);
  assert.ok(f, page.frames().map((x) => x.url()).join('\n'));
  await f.locator('#first-view .verdict-label').waitFor({ timeout: 20_000 });
  assert.equal(await f.locator('#first-view .verdict-label').innerText(), 'Routine');
  assert.equal(await f.locator('#first-view code.username').innerText(), 'alice');
  assert.match(await f.locator('#first-view .identity').innerText(), /developers/);
  // The frame was sized to the first view (the element's default is 120 px).
  const height = await page.evaluate(() => document.getElementById('element').shadowRoot.querySelector('iframe').getBoundingClientRect().height);
  assert.ok(height > 250, `frame height ${height}`);
  await page.screenshot({ path: path.join(shots, 'first-view-element.png') });

  release();
  await f.locator('#first-view').waitFor({ state: 'detached', timeout: 30_000 });
  await f.locator('.verdict-label').first().waitFor();
  assert.equal(await f.locator('.verdict-label').first().innerText(), 'Routine');
  // The page's own report reached the docs page as the element's `report` event.
  await page.waitForFunction(() => document.getElementById('element').report?.objects?.length > 0, null, { timeout: 30_000 });
  assert.deepEqual(own(requests), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('hostile names in the first view are text, never markup', async () => {
  const pem = fs.readFileSync(path.join(fixtures, 'csr-markup-and-script-uris.pem'), 'utf8');
  const b64 = Buffer.from(pem).toString('base64url');
  const { context, page, errors, release } = await openHeld(`${base}index.html#text=${b64}`);
  const first = page.locator('#first-view');
  await first.locator('.verdict-label').waitFor({ timeout: 20_000 });
  assert.equal(await first.locator('img, script, a, iframe, svg, [onerror], [onclick]').count(), 0);
  assert.match(await first.innerText(), /<|script|javascript:/i);
  assert.match(await first.locator('.first-input').innerText(), /text in this page's address/);
  release();
  await page.locator('#first-view').waitFor({ state: 'detached', timeout: 30_000 });
  assert.deepEqual(errors, []);
  await context.close();
});
