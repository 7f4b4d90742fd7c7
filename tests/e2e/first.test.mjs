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

/** Holds back every response of `context` whose URL matches `pattern`; resolves to the function
 * that lets them through. */
async function hold(context, pattern) {
  let release;
  const released = new Promise((r) => { release = r; });
  await context.route(pattern, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Opens `url` with the wasm `pattern` names (the page's own by default) held back until
 * `release()`; records requests and errors. */
async function openHeld(url, viewport = { width: 390, height: 844 }, pattern = /kube-cert-inspector-page_bg\.wasm$/) {
  let release;
  const opened = await openPage(browser, url, { viewport }, async (context) => { release = await hold(context, pattern); });
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
  // A link to a report lands on it: on this phone-sized viewport the verdict is scrolled into view.
  const verdictBox = await first.locator('.verdict-label').boundingBox();
  assert.ok(verdictBox.y >= 0 && verdictBox.y < 844 / 2, `verdict at ${verdictBox.y}`);
  // The findings open without script (static <details>): the detail, and the why and instead
  // with the full report (the first module leaves the rules' texts out).
  await first.locator('.compact-findings summary').first().click();
  assert.match(await first.locator('.compact-findings details[open]').first().innerText(), /system:masters[^]*in the full report, loading/);
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

test('a page opened empty shows its box as plain HTML, answers a paste from the first module, then the page takes the text and the focus over', async () => {
  // Everything wasm held back: the box is there before any of it (index.html's shell).
  const { context, page, requests, errors, release } = await openHeld(`${base}index.html`, { width: 900, height: 1200 });
  const releaseFirst = await hold(context, /kube-cert-inspector-first_bg\.wasm$/);
  const box = page.locator('#shell-text');
  await box.waitFor();
  assert.match(await page.locator('#shell-status').innerText(), /Nothing to inspect yet/);
  assert.equal(await page.locator('h1').innerText(), 'Kubernetes certificate inspector');
  // Typed (pasted) before the first module has arrived: answered once it has.
  const yaml = fs.readFileSync(path.join(fixtures, 'csr-object-system-masters.yaml'), 'utf8');
  await box.fill(yaml);
  releaseFirst();
  const first = page.locator('#shell #first-view');
  await first.locator('.verdict-label').waitFor({ timeout: 20_000 });
  assert.equal(await first.locator('.verdict-label').innerText(), 'Do not approve');
  assert.equal(await first.locator('code.username').innerText(), 'mallory');
  assert.equal(await page.locator('#first-view .first-input').count(), 0, 'no line about where the input came from: it is in the box');
  // What the first path does not read says that the whole inspector will.
  await box.fill(fs.readFileSync(path.join(fixtures, 'rbac/paste-amy-and-cluster-additions.txt'), 'utf8'));
  await page.waitForFunction(() => !document.getElementById('first-view') && /whole inspector reads this/.test(document.getElementById('shell-status').textContent));
  // A big paste never enters the box.
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.getElementById('shell-text').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, yaml.repeat(200));
  assert.equal(await box.inputValue(), '');
  assert.match(await page.locator('#shell-status').innerText(), /KB of text, not shown in the box/);
  // A dropped text file goes into the box, as if pasted, and is answered.
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'csr.yaml', { type: 'text/yaml' }));
    document.getElementById('shell-text').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, yaml);
  await first.locator('.verdict-label').waitFor();
  assert.equal(await box.inputValue(), yaml);
  await page.screenshot({ path: path.join(shots, 'first-view-shell.png') });

  // The page's module arrives: it takes the text (and the focus) over once its report is ready.
  await box.focus();
  release();
  await page.locator('#shell').waitFor({ state: 'detached', timeout: 30_000 });
  assert.equal(await page.locator('#first-view').count(), 0);
  assert.equal(await page.locator('#input-text').inputValue(), yaml);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'input-text');
  assert.equal(await page.locator('.report .verdict-label').first().innerText(), 'Do not approve');
  assert.deepEqual(own(requests), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an empty page keeps its shell until the engine has started: a paste meanwhile is answered at once by the first module, then the page takes over', async () => {
  // The engine's wasm held back: the page's module mounts (behind the shell), the engine cannot start.
  const { context, page, requests, errors, release } = await openHeld(`${base}index.html`, { width: 900, height: 1200 }, /\/kube-cert-inspector_bg\.wasm$/);
  await page.locator('#input-text').waitFor({ state: 'attached', timeout: 20_000 });
  await page.waitForTimeout(300);
  assert.equal(await page.locator('#shell').count(), 1, 'the shell stays while the engine is on its way');
  const yaml = fs.readFileSync(path.join(fixtures, 'csr-object-system-masters.yaml'), 'utf8');
  await page.locator('#shell-text').fill(yaml);
  const first = page.locator('#shell #first-view');
  await first.locator('.verdict-label').waitFor({ timeout: 10_000 });
  assert.equal(await first.locator('.verdict-label').innerText(), 'Do not approve');
  // The engine arrives: the page's own report replaces the shell, with the text in its box.
  release();
  await page.locator('#shell').waitFor({ state: 'detached', timeout: 30_000 });
  assert.equal(await page.locator('#input-text').inputValue(), yaml);
  assert.equal(await page.locator('.report .verdict-label').first().innerText(), 'Do not approve');
  assert.deepEqual(own(requests), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an empty page whose engine cannot load still gives way to the page, which says why when asked', async () => {
  const { context, page } = await openPage(browser, `${base}index.html`, { viewport: { width: 900, height: 1200 } }, (ctx) => ctx.route(/\/kube-cert-inspector_bg\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' })));
  await page.locator('#shell').waitFor({ state: 'detached', timeout: 20_000 });
  await page.locator('#input-text').fill(fs.readFileSync(path.join(fixtures, 'rbac/paste-amy-and-cluster-additions.txt'), 'utf8'));
  await page.locator('[role=alert], .error', { hasText: /engine|worker|WebAssembly|could not/i }).first().waitFor({ timeout: 20_000 });
  await context.close();
});

test('binary files dropped before the page has loaded are read by the page once it has', async () => {
  const { context, page, errors, release } = await openHeld(`${base}index.html`);
  await page.locator('#shell-text').waitFor();
  const der = fs.readFileSync(path.join(fixtures, 'cert-developer.der')).toString('base64');
  await page.evaluate((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'cert-developer.der'));
    document.getElementById('shell-text').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, der);
  await page.waitForFunction(() => /Loaded cert-developer\.der: the whole inspector reads it/.test(document.getElementById('shell-status').textContent));
  release();
  await page.locator('#shell').waitFor({ state: 'detached', timeout: 30_000 });
  await page.waitForFunction(() => /Binary DER[^]*alice/.test(document.querySelector('.report')?.innerText || ''), null, { timeout: 30_000 });
  assert.match(await page.locator('.file-note').innerText(), /cert-developer\.der \(/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the lab opened by its address says it is loading, then shows the lab', async () => {
  const { context, page, errors, release } = await openHeld(`${base}index.html#lab`);
  await page.locator('#shell .shell-lab').waitFor();
  assert.equal(await page.locator('#shell-text').isVisible(), false);
  release();
  await page.getByLabel('Username (the subject\'s CN)').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('#shell').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an embedded frame shows the first view of what its parent sends, sized, then the page takes over', async () => {
  // The docs page of embed-example.html: its element (the default summary view, pinned time).
  const { context, page, requests, errors, release } = await openHeld(`${base}embed-example.html`, { width: 390, height: 1600 });
  const firstView = () => page.frames().find((f) => /embed\.html\?embed.*view=summary/.test(f.url()));
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
