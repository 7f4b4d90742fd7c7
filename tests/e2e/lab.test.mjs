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
const cli = (args) => execFileSync(cliPath, args, { encoding: 'utf8' });
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
