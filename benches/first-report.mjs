// What a reader waits for before the first report (issue #24), on a phone-like profile:
//
//   node benches/first-report.mjs [--loads N]       (after trunk build --release; scripts/bench.sh runs it)
//
// Serves dist/ as a host would (gzip -9 on the wire, or brotli with KCI_ENCODING=br), counts every
// byte sent before the verdict appears — the page, its modules, workers and wasm, everything —
// and times navigation → verdict (the first view's, www/boot.js) and navigation → the page's own
// full report, for the app (#example=csr-system-masters) and for the element alone on a page of
// prose. Two profiles, median of N cold loads each (a
// new browser context per load, so nothing is cached):
//   unthrottled;
//   phone: 1.6 Mbps down with 150 ms before each response's first byte, paced by this server for
//   every request (the worker's included, which DevTools' network emulation may not reach), and
//   the CPU slowed 4× (Emulation.setCPUThrottlingRate).
// Figures only: nothing here is a test.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../tests/e2e/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.ts': 'text/plain' };
const loadsArg = process.argv.indexOf('--loads');
const LOADS = loadsArg > 0 ? Number(process.argv[loadsArg + 1]) : 5;
const ENCODING = process.env.KCI_ENCODING === 'br' ? 'br' : 'gzip';
const BYTES_PER_SECOND = 1.6e6 / 8;
const LATENCY_MS = 150;

// A page of prose with one element, as a docs site would have it: the element of
// embed-example.html (its CSR, pinned time and all), alone.
const exampleElement = fs.readFileSync(path.join(dist, 'embed-example.html'), 'utf8').match(/<kube-cert-inspector id="element"[^]*?<\/kube-cert-inspector>/)[0];
const docsPage = (hint) => `<!doctype html><meta charset="utf-8"><title>docs</title>
${hint ? '<link rel="preload" href="kube-cert-inspector-first_bg.wasm" as="fetch" crossorigin>\n' : ''}<script type="module" src="embed.js"></script>
<p>Who does this CSR make you?</p>
${exampleElement}
<output id="element-identity">waiting</output>
<script type="module">document.addEventListener('report', (e) => { document.getElementById('element-identity').textContent = e.detail.verdict.label; });</script>`;

const encoded = new Map();
function body(file) {
  if (!encoded.has(file)) {
    const raw = fs.readFileSync(file);
    encoded.set(file, ENCODING === 'br'
      ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })
      : zlib.gzipSync(raw, { level: 9 }));
  }
  return encoded.get(file);
}

// One shared link: when throttled, every response's bytes take their turn at BYTES_PER_SECOND.
let throttled = false;
let linkFreeAt = 0;
let log = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const server = http.createServer(async (req, res) => {
  const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (p === '/bench-docs-page.html') return res.writeHead(200, { 'content-type': 'text/html' }).end(docsPage(false));
  if (p === '/bench-docs-page-hint.html') return res.writeHead(200, { 'content-type': 'text/html' }).end(docsPage(true));
  const file = path.join(dist, p.slice(1) || 'index.html');
  if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return res.writeHead(404).end();
  const data = body(file);
  const entry = { url: p, bytes: data.length, at: 0 };
  log.push(entry);
  const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'content-encoding': ENCODING, 'cache-control': 'max-age=600' };
  if (!throttled) {
    res.writeHead(200, headers).end(data);
  } else {
    // The link is shared: 16 KiB slices, each waiting its turn, so parallel downloads share it.
    await sleep(LATENCY_MS);
    res.writeHead(200, headers);
    for (let at = 0; at < data.length; at += 16384) {
      const slice = data.subarray(at, at + 16384);
      const start = Math.max(Date.now(), linkFreeAt);
      linkFreeAt = start + (slice.length / BYTES_PER_SECOND) * 1000;
      await sleep(linkFreeAt - Date.now());
      res.write(slice);
    }
    res.end();
  }
  entry.at = Date.now();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();

/** Polls every frame of `page` (the element's is in its shadow root) until `test` holds in one. */
async function inAnyFrame(page, test, arg) {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(50)) {
    for (const f of page.frames()) {
      if (await f.evaluate(test, arg).catch(() => false)) return;
    }
  }
  throw new Error('no verdict within 60 s');
}

/** One cold load: ms from navigation to the first verdict shown (the first view, www/boot.js)
 * and to the page's own full report, and the bytes sent before each, by file. */
async function load(url, shown, full, phone) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  if (phone) {
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  throttled = phone;
  linkFreeAt = 0;
  log = [];
  if (process.env.KCI_BENCH_TRACE) page.on('console', (m) => console.log('  page:', m.text()));
  const t0 = Date.now();
  await page.goto(base + url, { waitUntil: 'commit' });
  await inAnyFrame(page, shown);
  const t = Date.now() - t0;
  // When the first view was painted, by boot.js's mark (in the element's frame, converted to the
  // docs page's clock), from the page's navigation: what the reader sees, without the poll's lag.
  // None when the page's own report came first (unthrottled, sometimes).
  let painted = null;
  const origin = await page.evaluate(() => performance.timeOrigin);
  for (const f of page.frames()) {
    const at = await f.evaluate(() => {
      const m = performance.getEntriesByName('kci-first-painted')[0];
      return m ? performance.timeOrigin + m.startTime : null;
    }).catch(() => null);
    if (at) painted = Math.round(at - origin);
  }
  // The scenario's own first-verdict time, when it has one (a paste's): ms since the epoch, or
  // { at, after } for a paste made later (when, and how long its first verdict took).
  const pasted = await full(page);
  const firstAt = typeof pasted === 'number' ? pasted : null;
  const tFull = Date.now() - t0;
  // KCI_BENCH_TRACE=1: the browser's own timeline (ms since navigation): each file's request,
  // first byte and end, and when the first view was shown.
  if (process.env.KCI_BENCH_TRACE) {
    for (const f of page.frames()) {
      const timeline = await f.evaluate(() => ({
        shown: performance.getEntriesByType('mark').map((m) => `${m.name} ${m.startTime.toFixed(0)}`).join(', '),
        files: performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))
          .map((e) => `${e.name.replace(/^.*\//, '') || '(page)'} ${e.startTime.toFixed(0)}/${e.responseStart.toFixed(0)}/${e.responseEnd.toFixed(0)}`),
      })).catch(() => null);
      if (timeline) console.log(`  frame ${f.url().replace(/^.*\//, '')}: marks: ${timeline.shown}; request/first byte/end: ${timeline.files.join(', ')}`);
    }
  }
  const before = log.filter((e) => e.at && e.at <= t0 + t);
  // KCI_BENCH_TRACE=1: when each response ended, against the verdict's time.
  if (process.env.KCI_BENCH_TRACE) console.log(`  verdict at ${t} ms; responses ended: ${log.map((e) => `${e.url} ${e.at - t0}`).join(', ')}`);
  const beforeFull = log.filter((e) => e.at && e.at <= t0 + tFull);
  await ctx.close();
  throttled = false;
  return { t, tFull, before, beforeFull, painted, pastedFirst: firstAt ? firstAt - t0 : null, late: pasted?.after !== undefined ? { at: pasted.at - t0, after: pasted.after } : null };
}

// The page's own report (the first view gone, the page's module and the whole engine loaded).
const app = async (page) => { await page.waitForFunction(() => !document.getElementById('first-view') && document.querySelector('.report')?.innerText.includes('Do not approve'), null, { timeout: 60_000, polling: 50 }); };
// The element's full report: the page's own output says when it reported.
const element = async (page) => { await page.waitForFunction(() => !/waiting/.test(document.getElementById('element-identity')?.textContent || 'waiting'), null, { timeout: 60_000, polling: 50 }); };

// The first verdict shown, in the page or the element's frame (the first view's or the page's).
const verdictShown = () => /\S/.test(document.querySelector('.verdict-label')?.textContent || '');
// Opened with nothing to show: the input box (index.html's shell, plain HTML).
const inputShown = () => !!document.querySelector('textarea');
// …and then a paste made as soon as the box is there: to its first verdict (the first module's,
// under the shell's box), and to the page's own full report.
const EXAMPLE = fs.readFileSync(path.join(dist, 'examples/csr-system-masters.txt'), 'utf8');
/** Resolves to when the paste's first verdict was seen (ms since the epoch). */
const pastedVerdict = async (page) => {
  await page.locator('textarea').first().fill(EXAMPLE);
  await page.waitForFunction(() => /\S/.test(document.querySelector('.verdict-label')?.textContent || ''), null, { timeout: 60_000, polling: 50 });
  const firstAt = Date.now();
  await page.waitForFunction(() => !document.getElementById('first-view') && document.querySelector('.report')?.innerText.includes('Do not approve'), null, { timeout: 60_000, polling: 50 });
  return firstAt;
};

/** A paste made once the page's module has mounted (behind the shell; on the phone profile before
 * the engine has started): when it was made, and how long its first verdict took. */
const pastedOnceMounted = async (page) => {
  await page.locator('#input-text').waitFor({ state: 'attached', timeout: 60_000 });
  const at = Date.now();
  // The shell's box, or the page's once it has taken over (resolved again if that happens meanwhile).
  await page.locator('textarea:visible').first().fill(EXAMPLE);
  await page.waitForFunction(() => /\S/.test(document.querySelector('.verdict-label')?.textContent || ''), null, { timeout: 60_000, polling: 20 });
  const after = Date.now() - at;
  await page.waitForFunction(() => !document.getElementById('first-view') && document.querySelector('.report')?.innerText.includes('Do not approve'), null, { timeout: 60_000, polling: 50 });
  return { at, after };
};

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
try {
  console.log(`First report, served ${ENCODING}-encoded from dist/ (median of ${LOADS} cold loads)`);
  const scenarios = [
    ['the app, #example=csr-system-masters', 'index.html#example=csr-system-masters', verdictShown, app],
    ['the element on a page of prose', 'bench-docs-page.html', verdictShown, element],
    // …with the preload hint README's embedding section gives (the docs integrations write it).
    ['the element on a page of prose with the preload hint', 'bench-docs-page-hint.html', verdictShown, element],
    ['the app opened empty (to its input box; then a paste made at once, to its first verdict and to the full report)', 'index.html', inputShown, pastedVerdict],
    ['the app opened empty, a paste made once the page\'s module has mounted', 'index.html', inputShown, pastedOnceMounted],
  ];
  // KCI_BENCH_ONLY=empty: only the scenarios whose description holds that text.
  for (const [what, url, shown, full] of scenarios.filter(([w]) => w.includes(process.env.KCI_BENCH_ONLY || ''))) {
    for (const phone of [false, true]) {
      const runs = [];
      for (let i = 0; i < LOADS; i++) runs.push(await load(url, shown, full, phone));
      const t = median(runs.map((r) => r.t));
      const painted = runs.map((r) => r.painted).filter((p) => p !== null);
      const tFull = median(runs.map((r) => r.tFull));
      const last = runs[runs.length - 1];
      const total = last.before.reduce((s, e) => s + e.bytes, 0);
      const totalFull = last.beforeFull.reduce((s, e) => s + e.bytes, 0);
      console.log(`\n${what}, ${phone ? `phone (${BYTES_PER_SECOND * 8 / 1e6} Mbps, ${LATENCY_MS} ms, CPU 4×)` : 'unthrottled'}: ${t} ms to the verdict (min ${Math.min(...runs.map((r) => r.t))}, max ${Math.max(...runs.map((r) => r.t))}); ${tFull} ms to the full report; first view painted at ${painted.length ? `${median(painted)} ms (boot.js's mark, median of ${painted.length})` : 'none (the page\'s report came first)'}`);
      const pasted = runs.map((r) => r.pastedFirst).filter((p) => p !== null);
      if (pasted.length) console.log(`  the paste's first verdict at ${median(pasted)} ms from navigation (median; min ${Math.min(...pasted)}, max ${Math.max(...pasted)})`);
      const late = runs.map((r) => r.late).filter(Boolean);
      if (late.length) console.log(`  the paste, made at ${median(late.map((l) => l.at))} ms (median), showed its first verdict ${median(late.map((l) => l.after))} ms later (min ${Math.min(...late.map((l) => l.after))}, max ${Math.max(...late.map((l) => l.after))})`);
      if (!phone) {
        const seen = new Map();
        for (const e of last.before) seen.set(e.url, (seen.get(e.url) || 0) + e.bytes);
        for (const [u, b] of seen) console.log(`  ${u.padEnd(40)} ${String(b).padStart(8)} bytes ${ENCODING}`);
      }
      console.log(`  every byte before the verdict: ${total} bytes ${ENCODING} (${(total / 1024).toFixed(0)} KiB; target 307,200); before the full report: ${totalFull}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
