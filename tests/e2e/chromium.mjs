// Debian's Chromium as every browser test and benchmark launches it (../shared/toolchain.md):
// headless, and with the background networking that this machine's closed network refuses off.
import { chromium } from 'playwright-core';

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
 *  or warning and page error (the tests require none). */
export async function openPage(browser, url, contextOptions = {}) {
  const context = await newContext(browser, contextOptions);
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return { context, page, requests, errors };
}
