// The learner's lab (issue #22), in headless Chromium: a request made in the page is a real one
// (openssl verifies it; the CLI reads back the identity typed), system:masters flips the verdict,
// and the private key, made by WebCrypto, reaches nothing but the file the learner downloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchChromium, openPage, serveDir } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
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
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Waits until the lab's report shows every string; returns its text. */
async function labReport(page, wanted) {
  try {
    await page.waitForFunction((ws) => {
      const t = document.querySelector('.lab .report')?.innerText || '';
      return ws.every((w) => t.includes(w));
    }, wanted, { timeout: 15_000 });
  } catch {
    const t = (await page.locator('.lab .report').count()) ? await page.locator('.lab .report').innerText() : '(no report)';
    assert.fail(`expected ${JSON.stringify(wanted)} in the lab's report; it shows:\n${t.slice(0, 1500)}`);
  }
  return page.locator('.lab .report').innerText();
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kci-lab-'));
const write = (name, text) => { const p = path.join(tmp, name); fs.writeFileSync(p, text); return p; };
// The CLI the test command's `cargo test` built (debug), or a release build.
const cliPath = ['target/debug/kube-cert-inspector', 'target/release/kube-cert-inspector'].map((p) => path.join(root, p)).find((p) => fs.existsSync(p));
// Its exit status is the verdict (0 routine, 1 review carefully, 2 do not approve): all answers.
const cli = (args) => {
  try {
    return execFileSync(cliPath, args, { encoding: 'utf8' });
  } catch (e) {
    if (e.status >= 1 && e.status <= 2) return e.stdout;
    throw e;
  }
};
const openssl = (args) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('a request made in the page is real: openssl verifies it, and the engine reads back who was typed', async () => {
  const { context, page, errors, requests } = await openPage(browser, `${base}#lab`, { acceptDownloads: true });
  await page.getByLabel('Username (the subject\'s CN)').fill('amy');
  await page.getByLabel(/^Groups/).fill('developers\nqa');
  await labReport(page, ['amy', 'developers', 'qa']);
  await page.waitForFunction(() => (document.getElementById('lab-csr')?.textContent || '').includes('BEGIN CERTIFICATE REQUEST'));
  // Wait until the artefacts show the request for these groups (the CLI reads the YAML back).
  let csr, yaml;
  for (let i = 0; i < 50; i++) {
    yaml = await page.locator('#lab-yaml').innerText();
    csr = await page.locator('#lab-csr').innerText();
    const back = JSON.parse(cli([write('amy-csr.yaml', yaml), '--json', '--now', '2026-11-24T06:00:00Z']));
    if (JSON.stringify(back.objects[0].groups) === JSON.stringify(['developers', 'qa', 'system:authenticated'])) {
      assert.equal(back.objects[0].username, 'amy');
      assert.equal(back.objects[0].csr_object.signer_name, 'kubernetes.io/kube-apiserver-client');
      break;
    }
    assert.ok(i < 49, 'the YAML never showed the groups typed');
    await page.waitForTimeout(100);
  }
  // openssl checks the self-signature and reads the same subject.
  const csrFile = write('amy.csr', csr);
  const verified = execFileSync('openssl', ['req', '-in', csrFile, '-noout', '-verify', '-subject', '-nameopt', 'RFC2253'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.match(verified, /subject=O=qa,O=developers,CN=amy/);
  // The object carries the request base64 on one line, and the usages and lifetime inside spec.
  assert.match(yaml, /^ {2}request: [A-Za-z0-9+/=]+$/m);
  assert.match(yaml, /^spec:\n(?: {2}.*\n)* {2}expirationSeconds: 86400\n {2}usages:\n {2}- client auth$/m);
  assert.ok((await page.locator('#lab-steps').innerText()).includes('kubectl certificate approve amy'));
  assert.ok((await page.locator('#lab-openssl').innerText()).includes('-subj /CN=amy/O=developers/O=qa'));

  // system:masters turns it into "Do not approve", with why.
  await page.getByLabel(/^Groups/).fill('developers\nsystem:masters');
  const text = await labReport(page, ['Do not approve', 'system:masters']);
  assert.ok(/cluster-admin|every permission|full/i.test(text), text.slice(0, 600));
  await page.screenshot({ path: path.join(shots, 'lab-system-masters.png'), fullPage: true });
  await page.screenshot({ path: path.join(shots, 'lab-system-masters-top.png') });

  // The key is downloaded on request, as PKCS#8 PEM, and it is the request's key.
  await page.getByLabel(/^Groups/).fill('developers');
  await labReport(page, ['amy']);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Download amy\.key/ }).click()]);
  assert.equal(download.suggestedFilename(), 'amy.key');
  const keyFile = path.join(tmp, 'amy.key');
  await download.saveAs(keyFile);
  const key = fs.readFileSync(keyFile, 'utf8');
  assert.match(key, /^-----BEGIN PRIVATE KEY-----\n/);
  const csrNow = write('amy2.csr', await page.locator('#lab-csr').innerText());
  assert.equal(openssl(['pkey', '-in', keyFile, '-pubout']), openssl(['req', '-in', csrNow, '-noout', '-pubkey']), 'the key downloaded is the request\'s');
  // …and it reached nothing else: not the DOM, the storage, the URL or the console.
  const body = key.split('\n').filter((l) => /^[A-Za-z0-9+/=]{16,}$/.test(l));
  const seen = await page.evaluate(() => [document.documentElement.outerHTML, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), location.href].join('\n'));
  for (const line of body) {
    assert.ok(!seen.includes(line), 'a line of the private key is in the page, its storage or its URL');
    assert.ok(!errors.some((e) => e.includes(line)), 'a line of the private key was logged');
  }
  assert.deepEqual(requests.filter((u) => !u.startsWith(base) && !u.startsWith('blob:') && !u.startsWith('data:')), [], 'no request beyond the page\'s own files');

  // RSA works too, and openssl verifies it.
  const before = await page.locator('#lab-csr').innerText();
  await page.getByLabel('Key type').selectOption('rsa-2048');
  await page.waitForFunction((b) => { const t = document.getElementById('lab-csr').textContent; return t !== b && t.length > 900; }, before, { timeout: 20_000 });
  const rsa = write('rsa.csr', await page.locator('#lab-csr').innerText());
  assert.match(openssl(['req', '-in', rsa, '-noout', '-text']), /Public-Key: \(2048 bit\)/);
  execFileSync('openssl', ['req', '-in', rsa, '-noout', '-verify'], { stdio: 'ignore' });
  assert.deepEqual(errors, []);
  await page.screenshot({ path: path.join(shots, 'lab.png'), fullPage: true });
  await context.close();
});

test('the lab opens from the page and back, and works with the keyboard alone', async () => {
  const { context, page, errors } = await openPage(browser, base, {});
  await page.getByRole('link', { name: /Make your own request/ }).click();
  await page.getByLabel('Username (the subject\'s CN)').waitFor();
  assert.ok(page.url().endsWith('#lab'));
  // Tab into the form and type: every field is reachable and labelled.
  await page.getByLabel('Username (the subject\'s CN)').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('bob');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'lab-groups');
  await labReport(page, ['bob']);
  await page.getByRole('link', { name: /Back to inspecting/ }).click();
  await page.getByLabel(/Paste PEM, base64/).waitFor();
  // The examples menu leads there too.
  await page.selectOption('#example-select', 'lab');
  await page.getByLabel('Username (the subject\'s CN)').waitFor();
  // …and to the walk-through.
  await page.getByRole('link', { name: /Back to inspecting/ }).click();
  await page.selectOption('#example-select', 'lab-walk');
  await page.locator('#lab-walk .walk-nav').waitFor({ timeout: 20_000 });
  assert.ok(page.url().endsWith('#lab&walk'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('see the bytes: the tree beside the hex, linked both ways with the identity table, by mouse and keyboard', async () => {
  const { context, page, errors } = await openPage(browser, `${base}#example=csr-system-masters`, {});
  const card = page.locator('.object').first();
  await card.locator('table.mapping').waitFor();
  await card.locator('details.bytes > summary').click();
  await card.locator('.asn1-tree li').first().waitFor();
  const nodes = await card.locator('.asn1-tree li').count();
  assert.ok(nodes > 20, `${nodes} elements`);
  // The identity table's O=system:masters row, chosen with the keyboard, marks its bytes.
  const row = card.locator('table.mapping tr.attr', { hasText: 'system:masters' });
  await row.focus();
  await page.keyboard.press('Enter');
  await card.locator('.asn1-node.selected', { hasText: 'system:masters' }).waitFor();
  const chosen = await card.locator('.asn1-chosen').innerText();
  assert.match(chosen, /^value: UTF8String · 2 \+ 14 bytes at byte \d+ → a group/);
  const marked = (await card.locator('.hex .sel').allInnerTexts()).join('').replace(/\s+/g, '');
  assert.equal(Buffer.from(marked, 'hex').toString(), 'system:masters', 'the content bytes marked are the value');
  // The reverse: choosing the username's value in the tree marks its row in the table.
  await card.locator('.asn1-node button', { hasText: 'mallory' }).click();
  await card.locator('table.mapping tr.attr.selected', { hasText: 'mallory' }).waitFor();
  await page.screenshot({ path: path.join(shots, 'bytes.png'), fullPage: true });
  await card.locator('details.bytes').screenshot({ path: path.join(shots, 'bytes-view.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

/** Runs `kubectl ARGS` against tests/fixtures/errors/fake-apiserver.py (discovery only). */
async function withFakeApiserver(fn) {
  const key = path.join(tmp, 'srv.key');
  const crt = path.join(tmp, 'srv.crt');
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', crt, '-subj', '/CN=localhost', '-days', '1']);
  const port = 20000 + (process.pid % 20000);
  const { spawn } = await import('node:child_process');
  const srv = spawn('python3', [path.join(root, 'tests/fixtures/errors/fake-apiserver.py'), String(port), crt, key, 'discovery'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 800));
    return fn((args) => execFileSync('kubectl', [`--server=https://127.0.0.1:${port}`, '--insecure-skip-tls-verify', '--token=t', '--request-timeout=5s', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } finally {
    srv.kill();
  }
}

/** The walk-through's steps: each one's state, and its artefact's text. */
async function walkSteps(page) {
  await page.locator('#lab-walk .walk-nav button').nth(5).waitFor({ timeout: 20_000 });
  const steps = [];
  for (let i = 0; i < 6; i++) {
    await page.locator('#lab-walk .walk-nav button').nth(i).click();
    await page.locator('#lab-walk .walk-step h4', { hasText: `Step ${i + 1} of 6` }).waitFor();
    const state = await page.locator('#lab-walk .walk-nav li').nth(i).getAttribute('class');
    const artefact = await page.locator('#lab-walk .walk-artefact').innerText();
    const outcome = await page.locator('#lab-walk .walk-step .walk-outcome').last().innerText();
    steps.push({ state, artefact, outcome });
  }
  return steps;
}

test('the walk-through takes the request to kubectl auth can-i: kubectl, openssl and the CLI read each step\'s file', async () => {
  // 2026-12-05T00:00:00Z, pinned: the practice CA issues at that time.
  const { context, page, errors, requests } = await openPage(browser, `${base}#lab&walk&now=2026-12-05T00:00:00Z`, {});
  await page.getByLabel('Username (the subject\'s CN)').waitFor();
  // The examples menu's link lands here with the walk in view.
  await page.locator('#lab-walk').waitFor();
  const steps = await walkSteps(page);
  assert.deepEqual(steps.map((s) => s.state), Array(6).fill('done'), JSON.stringify(steps.map((s) => s.outcome), null, 1));
  const [request, object, crt, config, binding, canI] = steps.map((s) => s.artefact);
  assert.match(steps[0].outcome, /user amy, groups developers, system:authenticated/);

  // kubectl reads the object and the binding as the docs' steps would create them.
  await withFakeApiserver((kubectl) => {
    const csr = JSON.parse(kubectl(['create', '--dry-run=client', '--validate=false', '-o', 'json', '-f', write('walk-csr.yaml', object)]));
    assert.equal(csr.kind, 'CertificateSigningRequest');
    assert.equal(csr.metadata.name, 'amy');
    assert.equal(csr.spec.signerName, 'kubernetes.io/kube-apiserver-client');
    assert.equal(csr.spec.expirationSeconds, 86400);
    assert.deepEqual(csr.spec.usages, ['client auth']);
    assert.equal(Buffer.from(csr.spec.request, 'base64').toString(), request.trim() + '\n');
    // Only fields the API's schema has (api/openapi-spec/v3/apis__certificates.k8s.io__v1_openapi.json,
    // CertificateSigningRequestSpec: request and signerName required).
    const specFields = ['expirationSeconds', 'extra', 'groups', 'request', 'signerName', 'uid', 'usages', 'username'];
    assert.deepEqual(Object.keys(csr.spec).filter((k) => !specFields.includes(k)), []);
    assert.deepEqual(Object.keys(csr).sort(), ['apiVersion', 'kind', 'metadata', 'spec']);
    const rb = JSON.parse(kubectl(['create', '--dry-run=client', '--validate=false', '-o', 'json', '-f', write('walk-rb.yaml', binding)]));
    assert.deepEqual([rb.kind, rb.metadata.namespace, rb.roleRef.kind, rb.roleRef.name], ['RoleBinding', 'default', 'ClusterRole', 'view']);
    assert.deepEqual(rb.subjects, [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'amy' }]);
  });
  // kubectl reads the kubeconfig: the user, its embedded certificate, the key by its file.
  const configFile = write('walk-config', config);
  const view = JSON.parse(execFileSync('kubectl', ['--kubeconfig', configFile, 'config', 'view', '--raw', '-o', 'json'], { encoding: 'utf8' }));
  assert.equal(view['current-context'], 'amy@lab');
  assert.equal(view.users[0].user['client-key'], 'amy.key');
  assert.equal(Buffer.from(view.users[0].user['client-certificate-data'], 'base64').toString(), crt.trim() + '\n');
  // openssl: the certificate chains to the practice CA, for client authentication, on that day.
  const caFile = write('walk-ca.crt', Buffer.from(view.clusters[0].cluster['certificate-authority-data'], 'base64').toString());
  const crtFile = write('walk-amy.crt', crt);
  assert.match(openssl(['verify', '-attime', String(1796428800 + 3600), '-purpose', 'sslclient', '-CAfile', caFile, crtFile]), /OK/);
  assert.match(openssl(['x509', '-in', crtFile, '-noout', '-subject', '-dates', '-nameopt', 'RFC2253']),
    /subject=O=developers,CN=amy\nnotBefore=Dec  4 23:55:00 2026 GMT\nnotAfter=Dec  5 23:55:00 2026 GMT/);
  // The CLI reads the kubeconfig as the page did.
  const back = JSON.parse(cli([configFile, '--json', '--now', '2026-12-05T01:00:00Z']));
  assert.ok(back.objects.some((o) => o.username === 'amy' && JSON.stringify(o.groups) === JSON.stringify(['developers', 'system:authenticated'])));
  // The binding's effect, answered offline.
  assert.match(steps[4].outcome, /Before this binding, kubectl auth can-i list pods -n default says no/);
  assert.equal(canI.split('\n').filter((l) => !l.startsWith('$') && l).join(' '), 'yes no no no');
  assert.match(steps[5].outcome, /RoleBinding default\/amy-view/);
  await page.locator('#lab-walk').screenshot({ path: path.join(shots, 'lab-walk.png') });

  // With the keyboard: the step buttons and Previous/Next are reachable and work.
  await page.locator('#lab-walk .walk-nav button').first().focus();
  await page.keyboard.press('Enter');
  await page.locator('#lab-walk .walk-step h4', { hasText: 'Step 1 of 6' }).waitFor();
  await page.getByRole('button', { name: 'Next step →' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('#lab-walk .walk-step h4', { hasText: 'Step 2 of 6' }).waitFor();

  // system:masters: the API server refuses the object, and the walk stops there.
  await page.getByLabel(/^Groups/).fill('system:masters');
  await page.waitForFunction(() => document.querySelector('#lab-walk .walk-nav li:nth-child(2)')?.className === 'stops', null, { timeout: 15_000 });
  const stopped = await walkSteps(page);
  assert.deepEqual(stopped.map((s) => s.state), ['done', 'stops', 'not-reached', 'not-reached', 'not-reached', 'not-reached']);
  assert.match(stopped[1].outcome, /system:masters group is not allowed/);
  await page.locator('#lab-walk .walk-nav button').nth(1).click();
  await page.locator('#lab-walk').screenshot({ path: path.join(shots, 'lab-walk-masters.png') });
  assert.deepEqual(errors, []);
  assert.deepEqual(requests.filter((u) => !u.startsWith(base) && !u.startsWith('blob:') && !u.startsWith('data:')), [], 'no request beyond the page\'s own files');
  await context.close();
});
