// Browser tests for embedding (issue #7): the JS API, the TypeScript declarations against real
// output, the <kube-cert-inspector> element, the iframe postMessage protocol and its origin rules,
// the #text= prefill, and all of it served from a sub-path with no request beyond its own files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchChromium, openPage } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
const fixtures = path.join(root, 'tests/fixtures');
const shots = path.join(root, 'test-results/screenshots');
const SUB = '/docs/tools/inspector/';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.ts': 'text/plain' };
fs.mkdirSync(shots, { recursive: true });

let inspector, host, base, hostBase, browser;
const served = [];

/** Serves dist/ under SUB only (a docs host's sub-path); anything else is a 404. */
function serveDist(req, res) {
  served.push(req.url);
  const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (!p.startsWith(SUB)) return res.writeHead(404).end('not found');
  if (p === `${SUB}far-element.html`) {
    // An element far below the fold: its frame, and the first module, wait for the reader.
    res.writeHead(200, { 'content-type': 'text/html' });
    return res.end(`<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>docs</title><script type="module" src="embed.js"></script>
      <p style="height: 8000px">Prose.</p>
      <kube-cert-inspector id="far" now="2026-11-24T00:00:00Z">${fixture('csr-developer.pem')}</kube-cert-inspector>`);
  }
  if (p === `${SUB}two-elements.html`) {
    // A docs page on the inspector's own origin with two elements and README's preload hint (no
    // cache headers, as everywhere here: the first module must still be downloaded once, and the
    // hint used, or Chromium warns).
    res.writeHead(200, { 'content-type': 'text/html' });
    return res.end(`<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>docs</title>
      <link rel="preload" href="kube-cert-inspector-first_bg.wasm" as="fetch" crossorigin><script type="module" src="embed.js"></script>
      <kube-cert-inspector id="a" now="2026-11-24T00:00:00Z">${fixture('csr-developer.pem')}</kube-cert-inspector>
      <kube-cert-inspector id="b" now="2026-11-24T00:00:00Z" view="identity">${fixture('csr-system-masters.pem')}</kube-cert-inspector>`);
  }
  const file = path.join(dist, p.slice(SUB.length) || 'index.html');
  if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return res.writeHead(404).end('not found');
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
}

/** A page on another origin that frames the inspector and reports what comes back. */
function serveHost(req, res) {
  const u = new URL(req.url, 'http://x');
  if (u.pathname === '/host.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    return res.end(`
      const frame = document.getElementById('f');
      const target = new URL(frame.dataset.src).origin;
      window.got = [];
      const send = () => frame.contentWindow.postMessage(
        { source: 'kube-cert-inspector', type: 'inspect', text: document.getElementById('t').textContent }, target);
      addEventListener('message', (e) => {
        if (e.source !== frame.contentWindow) return;
        window.got.push(e.data.type);
        if (e.data.type === 'ready') send();
        if (e.data.type === 'report') window.report = e.data.report;
      });
      // Also send unasked, once the frame has surely started: a frame that does not accept this
      // origin must ignore it.
      frame.addEventListener('load', () => setTimeout(send, 1000));
      frame.src = frame.dataset.src; // listen first, then load the frame`);
  }
  const frameSrc = `${base}embed.html?embed${u.searchParams.get('allow') ? `&origin=${encodeURIComponent(hostBase.replace(/\/$/, ''))}` : ''}`;
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(`<!doctype html><meta charset="utf-8"><pre id="t">${fs.readFileSync(path.join(fixtures, 'csr-developer.pem'), 'utf8')}</pre>
    <iframe id="f" data-src="${frameSrc}"></iframe><script src="/host.js"></script>`);
}

before(async () => {
  assert.ok(fs.existsSync(path.join(dist, 'embed.js')), 'dist/ is missing: run trunk build --release --offline first');
  inspector = http.createServer(serveDist);
  host = http.createServer(serveHost);
  await new Promise((r) => inspector.listen(0, '127.0.0.1', r));
  await new Promise((r) => host.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${inspector.address().port}${SUB}`;
  hostBase = `http://localhost:${host.address().port}/`; // another origin (another host name and port)
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  inspector?.close();
  host?.close();
});

const open = (url) => openPage(browser, url);

const fixture = (name) => fs.readFileSync(path.join(fixtures, name), 'utf8');
const own = (requests) => requests.filter((u) => !u.startsWith(base) && !u.startsWith('blob:') && !u.startsWith('data:') && u !== 'about:blank');

test('the docs page, served from a sub-path, shows the element, the iframe and the API, with no request beyond its own files', async () => {
  const { context, page, requests, errors } = await open(`${base}embed-example.html`);
  await page.waitForFunction(() => !document.getElementById('element-identity').textContent.includes('waiting'), null, { timeout: 15_000 });
  await page.waitForFunction(() => !document.getElementById('frame-verdict').textContent.includes('waiting'), null, { timeout: 15_000 });
  await page.waitForFunction(() => !document.getElementById('api-output').textContent.includes('waiting'), null, { timeout: 15_000 });
  assert.equal(await page.locator('#element-identity').innerText(), 'username alice, groups developers, system:authenticated; Routine');
  assert.match(await page.locator('#frame-verdict').innerText(), /^Do not approve: /);
  assert.equal(await page.locator('#api-output').innerText(), 'username system:node:worker-1, groups system:nodes, system:authenticated');
  // The element's frame grew to its content (resize messages).
  const height = await page.locator('kube-cert-inspector iframe').evaluate((f) => f.getBoundingClientRect().height);
  assert.ok(height > 400, `the element's frame is ${height}px high`);
  // An element judging for another Kubernetes release (its `kubernetes` attribute).
  const uid = await page.evaluate(async (text) => {
    const el = document.createElement('kube-cert-inspector');
    el.setAttribute('kubernetes', '1.33');
    el.setAttribute('now', '2027-01-01T00:00:00Z');
    el.textContent = text;
    const report = new Promise((resolve) => el.addEventListener('report', (e) => resolve(e.detail)));
    document.body.append(el);
    el.scrollIntoView(); // its frame loads lazily, when it comes into view
    const r = await Promise.race([report, new Promise((_, reject) => setTimeout(() => reject(new Error('no report from the element in 15 s')), 15_000))]);
    return [r.judged_for.kubernetes, r.objects[0].identity.uid, r.objects[0].username];
  }, fixture('cert-uid-client.pem'));
  assert.deepEqual(uid, ['1.33', null, 'amy']);
  assert.deepEqual(own(requests), [], 'requests beyond the build\'s own files');
  assert.ok(served.some((u) => u.startsWith(`${SUB}kube-cert-inspector_bg.wasm`)), 'the wasm came from the sub-path');
  assert.deepEqual(errors, []);
  await page.screenshot({ path: path.join(shots, 'embed-docs-page.png'), fullPage: true });
  await context.close();
});

test('inspect() gives the identity on fixtures, and the TypeScript declarations compile against its real output', async () => {
  const { context, page, errors } = await open(`${base}embed-example.html`);
  await page.waitForFunction(() => !document.getElementById('api-output').textContent.includes('waiting'), null, { timeout: 15_000 });
  const names = fs.readdirSync(fixtures).filter((f) => /\.(pem|yaml|json|conf|b64|txt|crt|key)$/.test(f) && f !== 'debian-ca-certificates.crt')
    .concat(['rbac/paste-amy-and-cluster-additions.txt', 'rbac/cluster-additions.yaml', 'errors/forbidden-with-certificate.txt', 'errors/expired.txt', 'node/kubelet-config-rotation-off.yaml']);
  const inputs = Object.fromEntries(names.map((n) => [n, fixture(n)]));
  // A 1024-bit RSA request with its signature's last byte changed: the browser's BigInt checks
  // these keys' signatures in wasm (num-bigint does natively; src/engine/facts/x509.rs, modpow).
  const der = Buffer.from(inputs['csr-rsa1024-sha384.pem'].split(/-----[^-]+-----/)[1].replace(/\s/g, ''), 'base64');
  der[der.length - 1] ^= 1;
  inputs['csr-rsa1024-sha384 tampered'] = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE REQUEST-----\n`;
  const tgz = [...fs.readFileSync(path.join(fixtures, 'pki/broken.tgz'))];
  const node = [...fs.readFileSync(path.join(fixtures, 'node/worker-rotation-off.tgz'))];
  const bundle = fixture('debian-ca-certificates.crt');
  const { reports, tugra, releases, refused } = await page.evaluate(async ({ inputs, tgz, node, bundle }) => {
    const { inspect, inspectBytes } = await import('./kube-cert-inspector.js');
    const out = Object.fromEntries(Object.entries(inputs).map(([n, t]) => [n, inspect(t, { now: '2026-11-24T06:00:00Z' })]));
    // A node's /etc/kubernetes as an archive, through inspectBytes.
    out['pki/broken.tgz'] = inspectBytes(new Uint8Array(tgz), { now: '2026-11-24T06:00:00Z' });
    // A worker node's archive: a KubeletConfiguration, and kubelet.conf's linked certificate read.
    out['node/worker-rotation-off.tgz'] = inspectBytes(new Uint8Array(node), { now: '2026-11-24T06:00:00Z' });
    // Text beyond ASCII survives the API's escaped JSON (src/api.rs AsciiJson).
    const o = inspect(bundle).objects.find((x) => x.username === 'E-Tugra Certification Authority');
    // The release judged for: the UID attribute is read from 1.34, ignored by 1.33.
    const uid = inputs['cert-uid-client.pem'];
    const releases = [inspect(uid, { kubernetes: '1.33' }), inspect(uid, { kubernetes: '1.34' })].map((r) => [r.judged_for.kubernetes, r.objects[0].identity.uid]);
    let refused = '';
    try { inspect(uid, { kubernetes: '1.20' }); } catch (e) { refused = e.message; }
    out['cert-uid-client.pem (1.33)'] = inspect(uid, { kubernetes: '1.33', go: '1.24', now: '2027-01-01T00:00:00Z' });
    return { reports: out, tugra: [o.groups[0], o.certificate.subject_text, o.label.slice(-1)], releases, refused };
  }, { inputs, tgz, node, bundle });
  assert.deepEqual(tugra, ['E-Tuğra EBG Bilişim Teknolojileri ve Hizmetleri A.Ş.', 'C=TR, L=Ankara, O=E-Tuğra EBG Bilişim Teknolojileri ve Hizmetleri A.Ş., OU=E-Tugra Sertifikasyon Merkezi, CN=E-Tugra Certification Authority', '…']);
  assert.deepEqual(releases, [['1.33', null], ['1.34', '1a2b3c4d-amy']]);
  assert.match(refused, /options.kubernetes: expected a Kubernetes release from "1.33" to "1.38", found "1.20"/);
  assert.equal(reports['cert-uid-client.pem (1.33)'].judged_as, 'Kubernetes 1.33 built with Go 1.24 instead of its Go 1.25');
  const pki = reports['pki/broken.tgz'].pki;
  assert.equal(pki.root, 'kubernetes/');
  assert.ok(pki.certificates.some((c) => c.name === 'scheduler.conf' && c.residual === '<invalid>'));
  assert.ok(pki.links.some((l) => l.link === 'API server → etcd' && !l.ok));
  const signature = (n) => reports[n].objects[0].request.signature.status;
  assert.deepEqual(['csr-rsa1024-sha384.pem', 'csr-rsa1024-sha1.pem', 'csr-rsa1024-sha384 tampered', 'csr-rsa512.pem'].map(signature), ['valid', 'valid', 'invalid', 'refused']);
  const identity = (n) => [reports[n].objects[0].username, reports[n].objects[0].groups];
  assert.deepEqual(identity('csr-system-masters.pem'), ['mallory', ['system:masters', 'system:authenticated']]);
  assert.deepEqual(identity('csr-multiple-cn.pem'), ['second', ['system:masters', 'devs', 'system:authenticated']]);
  assert.deepEqual(identity('csr-empty-cn.pem'), [null, []]);
  assert.equal(reports['csr-list.yaml'].csr_queue.rows.length, 3);
  assert.equal(reports['admin.conf'].objects[0].kind, 'kubeconfig');
  const worker = reports['node/worker-rotation-off.tgz'];
  assert.equal(worker.objects.find((o) => o.kind === 'kubelet_config').kubelet_config.rotate_certificates, false);
  assert.equal(worker.objects.find((o) => o.kind === 'kubeconfig').kubeconfig.contexts[0].identity, 'system:node:worker-1 in system:nodes');
  // RBAC reaches the JS API: the pasted policy's view of amy, and the reverse view alone.
  const amy = reports['rbac/paste-amy-and-cluster-additions.txt'];
  assert.equal(amy.rbac.origin, 'pasted');
  assert.ok(amy.rbac.identities[amy.objects[0].access].bindings.some((b) => b.binding === 'RoleBinding dev/dev-team-edit' && b.matched === 'Group dev-team'));
  assert.ok(reports['rbac/cluster-additions.yaml'].rbac.holders.some((p) => p.id === 'approve-csrs'));
  // The API's output never carries key material: no line of a private key's body appears.
  for (const n of ['ca-with-key.pem', 'ca.key', 'user-ec.key', 'key-rsa-pkcs1.pem', 'key-ec-sec1.pem', 'admin.conf']) {
    const json = JSON.stringify(reports[n]);
    const body = inputs[n].split('\n').filter((l) => /^[A-Za-z0-9+/]{40,}={0,2}$/.test(l.trim()));
    const keyData = [...inputs[n].matchAll(/client-key-data: (\S+)/g)].map((m) => m[1].slice(20, 80));
    for (const secret of [...(n === 'admin.conf' ? [] : body.slice(1, 4)), ...keyData]) {
      assert.ok(!json.includes(secret.trim()), `${n}: key material in the API's report`);
    }
  }
  // Every report, as the API returned it, must type-check against the declarations.
  const dir = path.join(root, 'test-results/api-types');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(dist, 'kube-cert-inspector.d.ts'), path.join(dir, 'kube-cert-inspector.d.ts'));
  const body = Object.entries(reports).map(([n, r]) => `  // ${n}\n  ${JSON.stringify(r)},`).join('\n');
  fs.writeFileSync(path.join(dir, 'reports.ts'), `import type { Report } from './kube-cert-inspector';\nexport const reports: Report[] = [\n${body}\n];\n`);
  const tsc = path.join(root, 'node_modules/.bin/tsc');
  try {
    execFileSync(tsc, ['--noEmit', '--strict', '--target', 'es2020', '--module', 'es2020', '--moduleResolution', 'bundler', '--lib', 'es2020,dom', path.join(dir, 'reports.ts')], { encoding: 'utf8' });
  } catch (e) {
    assert.fail(`tsc: the declarations disagree with real output:\n${(e.stdout || '').slice(0, 3000)}`);
  }
  assert.ok(names.length > 40, `${names.length} fixtures checked`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the frame takes #text= and #now= from the fragment and shows the compact layout', async () => {
  const text = Buffer.from(fixture('csr-developer.pem')).toString('base64url');
  const { context, page, errors } = await open(`${base}index.html?embed&theme=dark#text=${text}&now=2026-11-24T00:00:00Z`);
  await page.waitForFunction(() => document.querySelector('.report')?.innerText.includes('alice'), null, { timeout: 10_000 });
  assert.equal(await page.locator('.site-header').count(), 0, 'no page chrome');
  assert.equal(await page.locator('textarea').count(), 0, 'no input box');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the frame answers only its parent on an allowed origin, and posts only there', async () => {
  // Another origin, not named: the frame says "ready" to nobody and ignores its messages.
  let { context, page } = await open(`${hostBase}host?`);
  await page.waitForTimeout(3000); // past the unasked "inspect" at load + 1 s and the analysis after it
  assert.deepEqual(await page.evaluate(() => window.got), [], 'nothing posted to an origin that was not allowed');
  await context.close();
  // The same host, named with ?embed&origin=: the round trip works.
  ({ context, page } = await open(`${hostBase}host?allow=1`));
  await page.waitForFunction(() => window.report, null, { timeout: 10_000 });
  assert.equal(await page.evaluate(() => window.report.objects[0].username), 'alice');
  assert.ok((await page.evaluate(() => window.got)).includes('ready'));
  await context.close();
});

test('views sized for prose, and a live element: attributes and text followed, the frame answers ping', async () => {
  const { context, page, errors, requests } = await open(`${base}embed-example.html`);
  await page.waitForFunction(() => !document.getElementById('element-identity').textContent.includes('waiting'), null, { timeout: 15_000 });
  // A new element on the page, with the system:masters CSR (several findings) and no view: summary.
  await page.evaluate((text) => {
    const el = document.createElement('kube-cert-inspector');
    el.id = 'live';
    el.setAttribute('now', '2026-11-24T00:00:00Z');
    el.textContent = text;
    window.reports = [];
    el.addEventListener('report', (e) => window.reports.push(e.detail));
    document.body.append(el);
    el.scrollIntoView();
  }, fixture('csr-system-masters.pem'));
  const frameDoc = (sel) => page.evaluate((s) => {
    const d = document.getElementById('live').shadowRoot.querySelector('iframe').contentDocument;
    return d && d.querySelector(s) ? d.querySelector(s).innerText : null;
  }, sel);
  const frameHeight = () => page.evaluate(() => document.getElementById('live').shadowRoot.querySelector('iframe').getBoundingClientRect().height);
  const reports = (n) => page.waitForFunction((k) => window.reports.length >= k, n, { timeout: 15_000 });
  await reports(1);
  await page.waitForFunction(() => document.getElementById('live').shadowRoot.querySelector('iframe').contentDocument?.querySelector('.compact .compact-findings'), null, { timeout: 15_000 });
  const summary = await frameDoc('.compact');
  assert.match(summary, /Do not approve/);
  assert.match(summary, /system:masters/);
  assert.match(summary, /Show the full report/);
  assert.equal(await frameDoc('.rbac'), null, 'the summary leaves out the RBAC table');
  await page.waitForTimeout(300);
  const summaryHeight = await frameHeight();
  // view="identity": no findings list.
  await page.evaluate(() => document.getElementById('live').setAttribute('view', 'identity'));
  await page.waitForFunction(() => { const d = document.getElementById('live').shadowRoot.querySelector('iframe').contentDocument; return d.querySelector('.compact') && !d.querySelector('.compact-findings'); }, null, { timeout: 15_000 });
  // view="full": the whole report, and the frame grows with it.
  await page.evaluate(() => document.getElementById('live').setAttribute('view', 'full'));
  await page.waitForFunction(() => { const d = document.getElementById('live').shadowRoot.querySelector('iframe').contentDocument; return d.querySelector('.report') && !d.querySelector('.compact'); }, null, { timeout: 15_000 });
  await page.waitForFunction((h) => document.getElementById('live').shadowRoot.querySelector('iframe').getBoundingClientRect().height > h * 1.5, summaryHeight, { timeout: 10_000 });
  // …and shrinks back with a shorter view.
  const fullHeight = await frameHeight();
  await page.evaluate(() => document.getElementById('live').setAttribute('view', 'identity'));
  await page.waitForFunction((h) => document.getElementById('live').shadowRoot.querySelector('iframe').getBoundingClientRect().height < h * 0.7, fullHeight, { timeout: 10_000 });
  await page.evaluate(() => document.getElementById('live').setAttribute('view', 'full'));
  await page.waitForFunction((h) => document.getElementById('live').shadowRoot.querySelector('iframe').getBoundingClientRect().height > h * 0.9, fullHeight, { timeout: 10_000 });
  // The text changed by the host: inspected again.
  await page.evaluate((text) => { document.getElementById('live').textContent = text; }, fixture('csr-developer.pem'));
  await page.waitForFunction(() => window.reports.at(-1)?.objects[0]?.username === 'alice', null, { timeout: 15_000 });
  // `now` changed: the report is judged at the new instant.
  await page.evaluate(() => document.getElementById('live').setAttribute('now', '2027-06-01T00:00:00Z'));
  await page.waitForFunction(() => window.reports.at(-1)?.now === '2027-06-01T00:00:00Z', null, { timeout: 15_000 });
  // The frame answers ping with ready (a host that missed it can ask again).
  const pong = await page.evaluate(() => new Promise((resolve) => {
    const frame = document.getElementById('live').shadowRoot.querySelector('iframe');
    const on = (e) => { if (e.source === frame.contentWindow && e.data?.type === 'ready') { removeEventListener('message', on); resolve(true); } };
    addEventListener('message', on);
    frame.contentWindow.postMessage({ source: 'kube-cert-inspector', type: 'ping' }, location.origin);
    setTimeout(() => resolve(false), 5000);
  }));
  assert.ok(pong, 'no ready after ping');
  await page.locator('#live').screenshot({ path: path.join(shots, 'embed-live-full.png') });
  assert.deepEqual(own(requests), []);
  assert.deepEqual(errors, []);
  await context.close();
  // ?embed&view=identity, and "Show the full report" inside the frame.
  const text = Buffer.from(fixture('csr-system-masters.pem')).toString('base64url');
  const f = await open(`${base}index.html?embed&view=identity#text=${text}&now=2026-11-24T00:00:00Z`);
  await f.page.locator('.compact').waitFor({ timeout: 15_000 });
  assert.equal(await f.page.locator('.compact-findings').count(), 0);
  await f.page.screenshot({ path: path.join(shots, 'embed-view-identity.png'), fullPage: true });
  await f.page.getByRole('button', { name: 'Show the full report' }).click();
  await f.page.locator('.report .findings').first().waitFor();
  assert.equal(await f.page.locator('.compact').count(), 0);
  assert.deepEqual(f.errors, []);
  await f.context.close();
});

/** The frame of the element `selector`, once it shows a verdict (its first view's or the page's). */
async function verdictIn(page, selector) {
  const frame = await (await page.locator(`${selector} iframe`).elementHandle()).contentFrame();
  await frame.waitForFunction(() => /\S/.test(document.querySelector('.verdict-label')?.textContent || ''), null, { timeout: 15_000 });
  return frame;
}

test('elements on the inspector\'s own origin hand their frames the first module: it is downloaded once, by the docs page (its preload hint used), and each frame shows its first view from it', async () => {
  const from = served.length;
  const { context, page, errors } = await open(`${base}two-elements.html`);
  const [a, b] = [await verdictIn(page, '#a'), await verdictIn(page, '#b')];
  assert.match(await a.locator('body').innerText(), /developer/);
  assert.match(await b.locator('body').innerText(), /system:masters/);
  const first = served.slice(from).filter((u) => u.includes('kube-cert-inspector-first_bg.wasm'));
  assert.deepEqual(first, [`${SUB}kube-cert-inspector-first_bg.wasm`], 'the first module, downloaded once by the docs page');
  // The frames asked for it by its address with ?first=parent, and on another origin they do not.
  assert.match(await page.locator('#a iframe').getAttribute('src'), /[?&]first=parent(&|$)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an element far below the fold downloads nothing until the reader scrolls near it, then shows its first view', async () => {
  const from = served.length;
  const { context, page, errors } = await open(`${base}far-element.html`);
  await page.waitForTimeout(1500);
  const wasm = () => served.slice(from).filter((u) => u.includes('.wasm'));
  assert.deepEqual(wasm(), [], 'no module before the reader scrolls');
  await page.locator('#far').scrollIntoViewIfNeeded();
  await verdictIn(page, '#far');
  assert.equal(wasm().filter((u) => u.includes('first')).length, 1, 'the first module, once');
  assert.deepEqual(errors, []);
  await context.close();
});
