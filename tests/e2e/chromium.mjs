// Debian's Chromium as every browser test and benchmark launches it (../shared/toolchain.md):
// headless, and with the background networking that this machine's closed network refuses off.
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

/** The instant every browser test runs at (issue #19): the fixtures' dates are fixed, and the
 *  native tests judge them at the same day (`--now 2026-11-24T00:00:00Z`). The page asks the
 *  browser's clock (`Date.now()`), so each test context's clock starts here and then runs
 *  naturally; the suite gives the same answers on any real date (scripts/test.sh proves it by
 *  running it again under faketime, years ahead). */
export const PINNED_NOW = '2026-11-24T06:00:00Z';

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A new browser context whose pages (and their frames) read the clock from `PINNED_NOW`. */
export async function newContext(browser, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  await context.clock.install({ time: new Date(PINNED_NOW) });
  return context;
}

/** Opens `url` in a new context (clock pinned); records every request, and every console error
 *  or warning and page error (the tests require none). `prepare(context)` runs before the page
 *  loads (routes, for instance). */
export async function openPage(browser, url, contextOptions = {}, prepare = async () => {}) {
  const context = await newContext(browser, contextOptions);
  await prepare(context);
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return { context, page, requests, errors };
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

/** Serves the files of `dir` on 127.0.0.1 (index.html at /; anything else is a 404), calling
 *  `onRequest(url)` for each request. Resolves to { server, base }. */
export async function serveDir(dir, onRequest = () => {}) {
  const server = http.createServer((req, res) => {
    onRequest(req.url);
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${server.address().port}/` };
}
