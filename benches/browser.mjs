// Same-page benchmark (issue #8), one run, one command:
//
//   bash scripts/bench.sh        (builds the release site, then runs this in headless Chromium)
//
// Prints, for the Debian CA bundle, a `kubectl get csr -o yaml` List of 200 requests and a
// kubeconfig with 500 users: our inspect() (full analysis, Report returned to JS) per item,
// against node-forge and @peculiar/x509 parsing the same certificates in the same page (npm dev
// dependencies used only here; @peculiar/x509's browser build needs reflect-metadata first); the
// first-load size (gzip -9 and brotli q11) with a breakdown; and the longest main-thread task
// while a 5 MB paste is analysed (the time to first report: benches/first-report.mjs). Figures
// only: nothing here is a test.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../tests/e2e/chromium.mjs';
import { bundle, bundlePems, csrList, kubeconfig, bigText } from './inputs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

// --- size breakdown: function bodies grouped by crate, from the wasm's name section ------------
function breakdown(buf) {
  let at = 8;
  const u32 = () => { let r = 0, shift = 0, b; do { b = buf[at++]; r |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80); return r >>> 0; };
  const str = () => { const n = u32(); const s = buf.toString('utf8', at, at + n); at += n; return s; };
  let imported = 0, bodies = [], names = new Map(), data = 0;
  while (at < buf.length) {
    const id = buf[at++];
    const size = u32();
    const end = at + size;
    if (id === 2) {
      for (let n = u32(), i = 0; i < n; i++) {
        str(); str();
        const kind = buf[at++];
        if (kind === 0) { u32(); imported++; } else if (kind === 1) { at++; const f = u32(); u32(); if (f & 1) u32(); } else if (kind === 2) { const f = u32(); u32(); if (f & 1) u32(); } else if (kind === 3) { at += 2; }
      }
    } else if (id === 10) {
      for (let n = u32(), i = 0; i < n; i++) { const len = u32(); bodies.push(len); at += len; }
    } else if (id === 11) {
      data += size;
    } else if (id === 0) {
      const name = str();
      if (name === 'name') {
        while (at < end) {
          const sub = buf[at++];
          const len = u32();
          const subEnd = at + len;
          if (sub === 1) for (let n = u32(), i = 0; i < n; i++) { const idx = u32(); names.set(idx, str()); }
          at = subEnd;
        }
      }
    }
    at = end;
  }
  // Rust's legacy mangling: _ZN <len><segment>... E, with $LT$, $GT$, $u20$ and .. for ::.
  const demangle = (m) => {
    // v0 mangling (the precompiled std): the first crate root, e.g. Cs…_4core.
    const v0 = m.startsWith('_R') && m.match(/C[s][0-9A-Za-z]*_(\d+)/);
    if (v0) return m.substr(v0.index + v0[0].length, Number(v0[1]));
    if (!m.startsWith('_ZN')) return m;
    const segs = [];
    let i = 3;
    while (i < m.length && m[i] !== 'E') {
      let len = 0;
      while (m[i] >= '0' && m[i] <= '9') len = len * 10 + Number(m[i++]);
      if (!len) break;
      segs.push(m.slice(i, i + len));
      i += len;
    }
    return segs.filter((g) => !/^h[0-9a-f]{16}$/.test(g)).join('::').replace(/^_/, '')
      .replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$RF\$/g, '&').replace(/\$u20\$/g, ' ').replace(/\$u7b\$/g, '{').replace(/\$u7d\$/g, '}').replace(/\$C\$/g, ',').replace(/\$[a-z0-9]+\$/g, '').replace(/\.\./g, '::');
  };
  const crate = (mangled) => {
    const name = demangle(mangled);
    let n = name.replace(/^[<&\s]+|^(mut|dyn|impl) /g, '').replace(/^(mut|dyn) /, '').replace(/\[[0-9a-f]+\]/g, '');
    const parts = n.split('::');
    if (parts[0] === 'kube_cert_inspector') return parts.slice(0, parts[1] === 'engine' && parts[2] && !parts[2].includes('<') ? 3 : 2).join('::').replace(/[<(].*/, '');
    const c = parts[0].replace(/[<( ].*/, '');
    return c === 'T' || c === 'F' ? '(generic impls)' : c || '(unnamed)';
  };
  const by = new Map();
  bodies.forEach((len, i) => { const k = crate(names.get(imported + i) || '(unnamed)'); by.set(k, (by.get(k) || 0) + len); });
  by.set('data segments (string constants and tables)', data);
  return [...by].sort((a, b) => b[1] - a[1]);
}

// --- server ----------------------------------------------------------------------------------
const benchPage = `<!doctype html><meta charset="utf-8"><title>bench</title>
<script src="/forge.min.js"></script><script src="/reflect.js"></script><script src="/x509.js"></script><script type="module" src="/bench-page.js"></script>`;
const benchScript = `
import init, { inspect, __analyse } from '/kube-cert-inspector.js';
window.ready = init({ module_or_path: '/kube-cert-inspector_bg.wasm' });
function median(v) { v.sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; }
// 20 calls first: V8 tiers wasm up (Liftoff, then TurboFan) at its own pace; after 2 calls the
// bundle took 97-166 µs per certificate, after 95 more 42-67 (2026-12-06).
window.time = (fn, rounds) => { for (let i = 0; i < 20; i++) fn(); const t = []; for (let i = 0; i < rounds; i++) { const s = performance.now(); fn(); t.push(performance.now() - s); } return median(t); };
window.ours = (text, rounds) => window.time(() => inspect(text, { now: '2026-11-24T00:00:00Z' }), rounds);
// What the page's worker does for the page: the analysis, and the report as bytes (src/api.rs).
window.oursPage = (text, rounds) => { const b = new TextEncoder().encode(text); return window.time(() => __analyse(b, 1795478400, 1, ''), rounds); };
window.forgeParse = (pems, rounds) => window.time(() => { for (const p of pems) { try { forge.pki.certificateFromPem(p); } catch (e) {} } }, rounds);
window.peculiarParse = (pems, rounds) => window.time(() => { for (const p of pems) { try { new x509.X509Certificate(p); } catch (e) {} } }, rounds);
window.count = (text) => inspect(text, { now: '2026-11-24T00:00:00Z' }).objects.length;
window.parsed = (pems) => {
  let f = 0, x = 0, err = '';
  for (const p of pems) { try { forge.pki.certificateFromPem(p); f++; } catch (e) {} try { new x509.X509Certificate(p); x++; } catch (e) { err = String(e); } }
  return { forge: f, peculiar: x, err };
};
`;
const server = http.createServer((req, res) => {
  const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const send = (type, body) => { res.writeHead(200, { 'content-type': type }); res.end(body); };
  if (p === '/bench.html') return send('text/html', benchPage);
  if (p === '/bench-page.js') return send('text/javascript', benchScript);
  if (p === '/forge.min.js') return send('text/javascript', fs.readFileSync(path.join(root, 'node_modules/node-forge/dist/forge.min.js')));
  if (p === '/reflect.js') return send('text/javascript', fs.readFileSync(path.join(root, 'node_modules/reflect-metadata/Reflect.js')));
  if (p === '/x509.js') return send('text/javascript', fs.readFileSync(path.join(root, 'node_modules/@peculiar/x509/build/x509.js')));
  const file = path.join(dist, p.slice(1) || 'index.html');
  if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return res.writeHead(404).end();
  send(TYPES[path.extname(file)] || 'application/octet-stream', fs.readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();
const fmt = (us) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);

try {
  // --- speed ---------------------------------------------------------------------------------
  const page = await browser.newPage();
  await page.goto(base + 'bench.html');
  await page.evaluate(() => window.ready);
  console.log('\nSpeed in headless Chromium (median of 31 rounds, 11 for @peculiar/x509; per item)');
  const rows = [];
  for (const [what, text, items] of [['Debian CA bundle', bundle, bundlePems.length], ['CSR List of 200', csrList, 200], ['kubeconfig, 500 users', kubeconfig, 500]]) {
    const n = await page.evaluate((t) => window.count(t), text);
    const ours = (await page.evaluate(([t, r]) => window.ours(t, r), [text, 31])) * 1000 / items;
    const pagePath = (await page.evaluate(([t, r]) => window.oursPage(t, r), [text, 31])) * 1000 / items;
    rows.push([what, items, n, ours, pagePath]);
  }
  const ok = await page.evaluate((p) => window.parsed(p), bundlePems);
  const forge = (await page.evaluate(([p, r]) => window.forgeParse(p, r), [bundlePems, 31])) * 1000 / bundlePems.length;
  const peculiar = (await page.evaluate(([p, r]) => window.peculiarParse(p, r), [bundlePems, 11])) * 1000 / bundlePems.length;
  // Native figures of the same inputs (scripts/bench.sh passes them from cargo bench --bench bundle).
  const natives = [process.env.NATIVE_US, process.env.NATIVE_CSR_US, process.env.NATIVE_KUBECONFIG_US].map(Number);
  rows.forEach(([what, items, n, ours, pagePath], k) => console.log(`  ${what.padEnd(24)} ${String(items).padStart(4)} items (${n} objects)  inspect(): ${fmt(ours)} per item; the page's worker (analysis + report bytes): ${fmt(pagePath)}` +
    (natives[k] ? `; native ${fmt(natives[k])} → worker/native ${(pagePath / natives[k]).toFixed(1)}×` : '')));
  const bundleOurs = rows[0][3];
  console.log(`  node-forge 1.4.3 parse only (bundle; ${ok.forge}/${bundlePems.length} parse)      ${fmt(forge)} per certificate  → inspect() is ${(forge / bundleOurs).toFixed(1)}× faster`);
  console.log(`  @peculiar/x509 2.2.0 parse only (bundle; ${ok.peculiar}/${bundlePems.length} parse)  ${fmt(peculiar)} per certificate  → inspect() is ${(peculiar / bundleOurs).toFixed(1)}× faster${ok.peculiar ? '' : ` (it fails: ${ok.err.slice(0, 80)})`}`);
  if (process.env.NATIVE_US) {
    console.log(`  native (cargo bench --bench bundle)                     ${process.env.NATIVE_US} µs per certificate  → inspect()/native = ${(bundleOurs / Number(process.env.NATIVE_US)).toFixed(1)}×, the page's worker/native = ${(rows[0][4] / Number(process.env.NATIVE_US)).toFixed(1)}×`);
    if (process.env.NATIVE_JSON_US) console.log(`  native inspect + JSON (like for like with inspect(), which returns JS objects)  ${process.env.NATIVE_JSON_US} µs per certificate  → inspect()/native = ${(bundleOurs / Number(process.env.NATIVE_JSON_US)).toFixed(1)}×`);
  }

  // --- size ----------------------------------------------------------------------------------
  const sizes = (files) => {
    let tg = 0, tb = 0;
    for (const f of files) {
      const b = fs.readFileSync(path.join(dist, f));
      const g = zlib.gzipSync(b, { level: 9 }).length;
      const br = zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
      tg += g; tb += br;
      console.log(`  ${f.padEnd(34)} ${String(b.length).padStart(8)} raw ${String(g).padStart(8)} gzip ${String(br).padStart(8)} brotli`);
    }
    return [tg, tb];
  };
  console.log('\nFirst load: what index.html fetches before the page shows and takes input, bytes');
  const [pg, pb] = sizes(['index.html', 'boot.js', 'kube-cert-inspector-page.js', 'kube-cert-inspector-page_bg.wasm', 'style.css']);
  console.log(`  ${'total'.padEnd(34)} ${''.padStart(8)}     ${String(pg).padStart(8)} gzip ${String(pb).padStart(8)} brotli   (target: 250 KB gzip = 256000)`);
  console.log("\nThe engine: fetched by the page's worker once the page runs (and the JS API's module), bytes");
  const [eg, eb] = sizes(['worker.js', 'kube-cert-inspector.js', 'kube-cert-inspector_bg.wasm']);
  console.log(`  ${'total'.padEnd(34)} ${''.padStart(8)}     ${String(eg).padStart(8)} gzip ${String(eb).padStart(8)} brotli`);
  console.log(`  ${'page + engine (a first report)'.padEnd(34)} ${''.padStart(8)}     ${String(pg + eg).padStart(8)} gzip ${String(pb + eb).padStart(8)} brotli`);
  for (const [what, file] of [["page module", 'target/wasm32-unknown-unknown/release/kube-cert-inspector-page.wasm'], ["engine module", 'target/wasm32-unknown-unknown/release-engine/kube-cert-inspector.wasm']]) {
    const f = path.join(root, file);
    if (!fs.existsSync(f)) continue;
    console.log(`\nWhat takes the space in the ${what} (${file}: before wasm-bindgen and wasm-opt, which shrink it by about a third; by crate, share of code + data)`);
    const rows = breakdown(fs.readFileSync(f));
    const total = rows.reduce((t, [, n]) => t + n, 0);
    for (const [name, n] of rows.slice(0, 14)) console.log(`  ${(100 * n / total).toFixed(1).padStart(5)}%  ${String(n).padStart(8)}  ${name}`);
    const rest = rows.slice(14).reduce((t, [, n]) => t + n, 0);
    console.log(`  ${(100 * rest / total).toFixed(1).padStart(5)}%  ${String(rest).padStart(8)}  (${rows.length - 14} more)`);
  }

  // --- a 5 MB paste (BENCH_SKIP_BIG=1 skips it, for quick A/B runs) -----------------------------
  if (!process.env.BENCH_SKIP_BIG) {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await p.goto(base + 'index.html');
  await p.getByLabel(/Paste PEM, base64/).waitFor();
  await p.evaluate((t) => { window.bigText = t; }, bigText);
  // A Chromium trace, not the longtask observer: the observer misses style and layout work
  // (a 5 MB text box costs seconds of layout that it never reports).
  const tracePath = process.env.BENCH_KEEP_TRACE || path.join(os.tmpdir(), `kci-bench-trace-${process.pid}.json`);
  await browser.startTracing(p, { path: tracePath, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'] });
  // A paste as the browser delivers it: a paste event carrying the text.
  const t0 = Date.now();
  await p.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', window.bigText);
    document.getElementById('input-text').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  const progress = await p.waitForFunction(() => document.querySelector('.working')?.innerText || '', null, { timeout: 60_000, polling: 'raf' }).then((h) => h.jsonValue()).catch(() => '(none seen)');
  await p.waitForFunction(() => /certificates/.test(document.querySelector('.report')?.innerText || ''), null, { timeout: 300_000, polling: 100 });
  const took = Date.now() - t0;
  await browser.stopTracing();
  const trace = JSON.parse(fs.readFileSync(tracePath, 'utf8'));
  if (!process.env.BENCH_KEEP_TRACE) fs.unlinkSync(tracePath);
  const events = trace.traceEvents || trace;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && mains.has(`${e.pid}:${e.tid}`)).map((e) => e.dur / 1000);
  const longest = Math.max(0, ...tasks);
  const over = tasks.filter((d) => d >= 50).length;
  console.log(`5 MB paste (${(bigText.length / 1e6).toFixed(1)} MB, ${bigText.split('-----BEGIN').length - 1} certificates): report after ${took} ms; longest main-thread task ${longest.toFixed(0)} ms (target < 200 ms), ${over} tasks ≥ 50 ms; progress shown: "${String(progress).split('\n')[0]}"`);
  await ctx.close();
  }
} finally {
  await browser.close();
  server.close();
}
