// Starts the page. Kept as a file (not inline) so the page's CSP can forbid inline script.
//
// When the page is opened with something to show — `#example=`, `#text=`, or embedded in a docs
// page (`?embed`, which receives its input by message) — the first report comes from a small
// module of its own (kube-cert-inspector-first: the engine's first path and the compact view's
// HTML, src/first_view.rs), fetched before anything else, so a phone on a slow link shows the
// verdict after a third of the download (issue #24). Then the page's module (the UI) and the
// engine's worker load behind it; the page replaces the first view with its own report as soon
// as that is ready (src/ui/mod.rs, `first_done`). Opened with nothing to show, the page's module
// and the engine's worker start at once.
const here = (file) => new URL(file, import.meta.url);
const params = new URLSearchParams(location.search);
const embedded = params.has('embed');
const fragment = location.hash.replace(/^#/, '').split('&');
const named = fragment.some((kv) => /^(example|text)=/.test(kv)) && !fragment.includes('lab');

// --- The page and the engine ----------------------------------------------------------------
let started = false;
let workerStarted = false;
/** The engine's worker, so its wasm downloads while the page starts; the page takes it over
 * (src/ui/background.rs, `early_worker`), or has started its own if it needed one before this
 * ran (it then sets `__kciEngineTaken`). */
function startWorker() {
  if (workerStarted || globalThis.__kciEngineTaken) return;
  workerStarted = true;
  try {
    const w = new Worker(here('./worker.js'), { type: 'module' });
    // What it says before the page listens: that its engine started, or that it could not.
    w.onmessage = (e) => { if (e.data && e.data.ready) w.kciReady = true; };
    w.onerror = (e) => { w.kciError = String(e.message || 'the worker failed'); e.preventDefault(); };
    globalThis.__kciWorker = w;
  } catch (e) {
    // The page starts its own (and says why it cannot) when it needs one.
  }
}
/** Starts the page's module and the engine's worker: once the page's wasm has started to arrive
 * (`headStart`: a page opened empty shows its input box sooner, and the engine still downloads
 * alongside), or at once (behind a first view, where the page's report needs both). */
function startFull(headStart) {
  if (started) return;
  started = true;
  // The page's wasm is requested at once, while its JS glue loads.
  const pageWasm = fetch(here('./kube-cert-inspector-page_bg.wasm'));
  if (headStart === true) pageWasm.then(startWorker, startWorker);
  else startWorker();
  import('./kube-cert-inspector-page.js')
    .then(({ default: init }) => init({ module_or_path: pageWasm }))
    .catch((e) => {
      const p = document.createElement('p');
      p.setAttribute('role', 'alert');
      p.className = 'boot-error';
      p.textContent = 'The inspector could not start in this browser (WebAssembly is required): ' + e;
      document.body.prepend(p);
    });
}

// --- The first view -------------------------------------------------------------------------
// Embedded: messages only from the parent at the allowed origin (this page's own, or ?origin=),
// posted only to it, as the page does (src/ui/embed.rs).
const origin = (() => {
  const o = (params.get('origin') || '').replace(/\/+$/, '');
  return /^https?:\/\//.test(o) ? o : location.origin;
})();
const post = (message) => {
  if (embedded && window.parent !== window) window.parent.postMessage({ source: 'kube-cert-inspector', ...message }, origin);
};
if (embedded) {
  const theme = params.get('theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
}

/** The first module's wasm, fetched from beside this page. */
const fetchFirst = () => fetch(here('./kube-cert-inspector-first_bg.wasm'));

/** In a frame of the element (www/embed.js) on this origin (`?first=parent`), the first module's
 * bytes as the parent page downloaded them, alongside this page rather than after it; the parent
 * answers `first-module?` with them, or with nothing (then this page fetches the file). Never from
 * another origin: a page runs no code handed over by someone else. */
function firstFromParent() {
  if (!embedded || params.get('first') !== 'parent' || origin !== location.origin || window.parent === window) return null;
  return new Promise((resolve) => {
    const answer = (e) => {
      const d = e.data || {};
      if (e.source !== window.parent || e.origin !== location.origin || d.source !== 'kube-cert-inspector' || d.type !== 'first-module') return;
      window.removeEventListener('message', answer);
      resolve(d.bytes instanceof ArrayBuffer ? d.bytes : fetchFirst());
    };
    window.addEventListener('message', answer);
    post({ type: 'first-module?' });
  });
}

let observer = null;
/** Shows `html` (the first module's, every text in it escaped there) until the page replaces it. */
function show(html) {
  // The page's own report has replaced the first view: it answers from now on.
  if (globalThis.__kciFirstDone || !html) return;
  let view = document.getElementById('first-view');
  if (!view) {
    view = document.createElement('div');
    view.id = 'first-view';
    document.body.prepend(view);
  }
  view.innerHTML = html;
  performance.mark('kci-first-shown');
  // After the next frame is painted: when the reader sees it (the bench reads this mark).
  requestAnimationFrame(() => setTimeout(() => performance.mark('kci-first-painted')));
  document.body.classList.add('kci-first');
  if (embedded && !observer && typeof ResizeObserver === 'function') {
    observer = new ResizeObserver(() => {
      if (!globalThis.__kciFirstDone) post({ type: 'resize', height: document.body.scrollHeight });
    });
    observer.observe(document.body);
  }
}

if (!embedded && !named) {
  startFull(true);
} else {
  // The wasm is requested at once, while its JS glue loads (one round trip less); so is the
  // example the address names (the module does not carry the examples: scripts/examples.mjs).
  const wasm = firstFromParent() || fetchFirst();
  const id = (fragment.find((kv) => kv.startsWith('example=')) || '').slice('example='.length);
  const example = /^[a-z0-9-]{1,64}$/.test(id)
    ? fetch(here(`./examples/${id}.txt`)).then((r) => (r.ok ? r.text() : undefined), () => undefined)
    : Promise.resolve(undefined);
  // However the first module fares, the page follows: once the first view is shown (so nothing
  // competes with it for the link or the processor), or at the latest after 4 s (a link that
  // never delivers the module, a parent that never sends anything).
  const fallback = setTimeout(startFull, 4000);
  import('./kube-cert-inspector-first.js')
    .then(async (m) => {
      // Marks for the bench's timeline (KCI_BENCH_TRACE=1 node benches/first-report.mjs).
      performance.mark('kci-first-glue');
      await m.default({ module_or_path: wasm });
      performance.mark('kci-first-ready');
      if (named) {
        const text = await example;
        performance.mark('kci-first-example');
        show(m.firstOfAddress(location.search, location.hash, text));
        startFull();
      }
      if (embedded) {
        window.addEventListener('message', (e) => {
          if (globalThis.__kciFirstDone || e.source !== window.parent || e.origin !== origin) return;
          const d = e.data || {};
          if (d.source !== 'kube-cert-inspector') return;
          if (d.type === 'ping') post({ type: 'ready' });
          if (d.type !== 'inspect' || typeof d.text !== 'string') return;
          const view = ['identity', 'summary', 'full'].includes(d.view) ? d.view : (params.get('view') || 'full');
          try {
            show(m.firstOfMessage(d.text, d.now, d.kubernetes, view, location.search, location.hash));
          } catch (err) {
            // The page's own report follows, and says what went wrong.
          }
          startFull();
        });
        // The page says "ready" again once it has loaded; the parent then sends its input again.
        if (!named) post({ type: 'ready' });
      }
    })
    .catch(() => startFull());
}
