// What the browser's own WebCrypto would take for the signature checks the engine does with ring
// in wasm (issue #24's question): one verify per request or user, the key imported from its SPKI
// each time as the engine would have to, sequentially and all at once, in headless Chromium.
//
//   node benches/webcrypto.mjs
//
// Figures only: nothing here is a test, and the engine does not use WebCrypto (README, Speed).
import http from 'node:http';
import { launchChromium } from '../tests/e2e/chromium.mjs';
const server = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>wc</title>'));
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${server.address().port}/`);
const out = await page.evaluate(async () => {
  const data = new Uint8Array(600).map((_, i) => i);
  const res = {};
  const time = async (name, alg, gen, signAlg, n) => {
    const kp = await crypto.subtle.generateKey(gen, true, ['sign', 'verify']);
    const spki = await crypto.subtle.exportKey('spki', kp.publicKey);
    const sig = await crypto.subtle.sign(signAlg, kp.privateKey, data);
    // Like-for-like with the engine: import the key from its SPKI each time, then verify.
    const one = async () => { const k = await crypto.subtle.importKey('spki', spki, alg, false, ['verify']); return crypto.subtle.verify(signAlg, k, sig, data); };
    for (let i = 0; i < 20; i++) await one();
    let t = performance.now();
    for (let i = 0; i < n; i++) if (!(await one())) throw new Error('bad');
    const seq = (performance.now() - t) * 1000 / n;
    t = performance.now();
    const all = await Promise.all(Array.from({ length: n }, one));
    if (!all.every(Boolean)) throw new Error('bad');
    const par = (performance.now() - t) * 1000 / n;
    res[name] = { sequential_us: seq.toFixed(0), all_at_once_us: par.toFixed(0) };
  };
  await time('ECDSA P-256 SHA-256', { name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', hash: 'SHA-256' }, 200);
  await time('RSA-2048 PKCS#1 v1.5 SHA-256', { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, { name: 'RSASSA-PKCS1-v1_5' }, 500);
  return res;
});
console.log(JSON.stringify(out, null, 1));
await browser.close(); server.close();
