// Starts the page. Kept as a file (not inline) so the page's CSP can forbid inline script.
//
// The first report comes from a small module of its own (kube-cert-inspector-first: the engine's
// first path and the compact view's HTML, src/first_view.rs), so a phone on a slow link shows the
// verdict after a third of the download (issue #24). index.html requests that module as it
// arrives (a preload) and shows its header and input box as plain HTML (the shell); this file
// answers what is pasted or dropped there with the first module — and what the page was opened
// with, `#example=` or `#text=` — then starts the page's module (the UI) and the engine's worker
// behind it. The page's module takes the box's text over and, once it has a report of its own
// (or nothing to report), removes the shell and the first view (src/ui/mod.rs, `first_done`).
// Embedded in a docs page (`embed.html?embed`, which receives its input by message) there is no
// shell: the first view answers the first `inspect` message.
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
    w.onmessage = (e) => {
      if (e.data?.ready === true) w.kciReady = true;
      if (e.data?.ready === false) w.kciError = String(e.data.error || 'the engine could not start');
    };
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
/** Runs `fn` once the next frame has been painted, or after 250 ms (a hidden tab paints no frame). */
function afterPaint(fn) {
  requestAnimationFrame(() => setTimeout(fn));
  setTimeout(fn, 250);
}
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
    // Under the shell's input box in the app; the whole frame when embedded.
    const main = shell && shell.querySelector(':scope > main');
    if (main) main.append(view);
    else document.body.prepend(view);
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

// --- The shell: index.html's input box, answered by the first module until the page takes over
/** The app's shell; none in a frame (embed.html has none; an iframe of index.html?embed drops it:
 * no input box in a frame). */
const shell = (() => {
  const s = document.getElementById('shell');
  if (s && embedded) s.remove();
  return embedded ? null : s;
})();
const box = document.getElementById('shell-text');
const status = document.getElementById('shell-status');
/** Inputs this large never enter the box (the browser's own layout of megabytes of text would
 * freeze the tab), as in the page's box (src/ui/background.rs, BIG_INPUT_BYTES). */
const BIG_INPUT_BYTES = 128 * 1024;
const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** What the shell says of an input the first module does not read. */
const READ_BY_THE_WHOLE = 'The whole inspector reads this once it has loaded (a moment)…';
/** The first module, once it has started. */
let first = null;
/** The reader has changed the box: nothing the address names overwrites it. */
let touched = false;
/** A big paste, held out of the box. */
let held = null;

function say(text) {
  if (status) status.textContent = text;
}
function hideFirst() {
  document.getElementById('first-view')?.remove();
  document.body.classList.remove('kci-first');
}
const sizeText = (n) => (n < 1024 ? `${n} bytes` : n < 1048576 ? `${Math.floor(n / 1024)} KB` : `${(n / 1048576).toFixed(1)} MB`);

/** The box's input (or the big paste held), as the first module reads it. */
function answer() {
  const text = held ?? box.value;
  if (!text.trim()) {
    hideFirst();
    say('Nothing to inspect yet. Paste or drop something above.');
    return;
  }
  // A big paste (held) is over the first path's 64 KiB: only the whole inspector reads it.
  const html = held === null && first && first.firstOfInput(text, location.search, location.hash);
  if (html) {
    say('');
    show(html);
  } else {
    hideFirst();
    say(held !== null
      ? `${sizeText(text.length)} of text, not shown in the box: too large to edit here. The whole inspector reads it once it has loaded…`
      : READ_BY_THE_WHOLE);
  }
}
/** Takes `text` (pasted, or a dropped file's) as the box's input: in the box, or held out of it
 * when big; answered at once. */
function take(text) {
  touched = true;
  held = text.length < BIG_INPUT_BYTES ? null : text;
  box.value = held === null ? text : '';
  publish(text);
  answer();
}
/** Tells the page's module (if it has started; it also reads these globals when it starts) what
 * the input is now: text, or files. */
function publish(text, files) {
  globalThis.__kciShellInput = files ? undefined : text;
  globalThis.__kciShellFiles = files;
  window.dispatchEvent(new CustomEvent(files ? 'kci-shell-files' : 'kci-shell', { detail: files || text }));
}

if (shell) {
  const lab = () => location.hash.replace(/^#/, '').split('&').includes('lab');
  const setLab = () => shell.classList.toggle('lab', lab());
  setLab();
  window.addEventListener('hashchange', setLab);
  let typing = null;
  // Text put there before this file ran (the box shows as the page arrives).
  if (box.value) {
    touched = true;
    publish(box.value);
  }
  box.addEventListener('input', (e) => {
    touched = true;
    held = null;
    publish(box.value);
    clearTimeout(typing);
    // A paste or a drop is answered at once; typing, once it pauses.
    typing = setTimeout(answer, /^insertFrom(Paste|Drop)$/.test(e.inputType || '') ? 0 : 200);
  });
  box.addEventListener('paste', (e) => {
    const text = e.clipboardData?.getData('text/plain') || '';
    if (text.length < BIG_INPUT_BYTES) return;
    e.preventDefault();
    take(text);
  });
  box.addEventListener('dragover', (e) => {
    e.preventDefault();
    box.classList.add('dragging');
  });
  box.addEventListener('dragleave', () => box.classList.remove('dragging'));
  box.addEventListener('drop', async (e) => {
    e.preventDefault();
    box.classList.remove('dragging');
    const dt = e.dataTransfer;
    if (!dt) return;
    if ([...(dt.items || [])].some((i) => i.webkitGetAsEntry?.()?.isDirectory)) {
      say('Folders are read once the whole page has loaded (a few seconds): drop it again then, or use "Open a folder…".');
      return;
    }
    const files = [...dt.files].slice(0, 2000);
    if (!files.length) return;
    const big = files.find((f) => f.size > MAX_FILE_BYTES);
    if (big) {
      say(`${big.name} is ${(big.size / 1048576).toFixed(1)} MiB; expected at most 8 MiB.`);
      return;
    }
    touched = true;
    const read = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    // One file of text goes into the box, as if pasted; anything else waits for the page.
    let text = null;
    if (read.length === 1) {
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(read[0].bytes);
      } catch {
        text = null;
      }
    }
    if (text !== null) {
      take(text);
    } else {
      held = null;
      box.value = '';
      hideFirst();
      publish(null, read);
      say(`Loaded ${read.length === 1 ? read[0].name : `${read.length} files`}: the whole inspector reads ${read.length === 1 ? 'it' : 'them'} once it has loaded (a moment)…`);
    }
  });
}

// --- Starting ---------------------------------------------------------------------------------
// The first module's wasm is requested at once (index.html's preload already has it on its way;
// an embedded frame may get it from its parent), while its JS glue loads; so is the example the
// address names (the module does not carry the examples: scripts/examples.mjs).
const wasm = firstFromParent() || fetchFirst();
const id = (fragment.find((kv) => kv.startsWith('example=')) || '').slice('example='.length);
const example = named && /^[a-z0-9-]{1,64}$/.test(id)
  ? fetch(here(`./examples/${id}.txt`)).then((r) => (r.ok ? r.text() : undefined), () => undefined)
  : Promise.resolve(undefined);
// The example goes into the box as soon as it is here, unless the reader has written there.
if (shell) example.then((t) => { if (t !== undefined && !touched) box.value = t; });
// However the first module fares, the page follows: once the first view is shown (so nothing
// competes with it for the link or the processor), or at the latest after 4 s (a link that
// never delivers the module, a parent that never sends anything). The app opened empty gives the
// page's module a head start over the engine (its toolbar, then the engine's reports).
setTimeout(() => startFull(!embedded && !named), 4000);
import('./kube-cert-inspector-first.js')
  .then(async (m) => {
    // Marks for the bench's timeline (KCI_BENCH_TRACE=1 node benches/first-report.mjs).
    performance.mark('kci-first-glue');
    await m.default({ module_or_path: wasm });
    performance.mark('kci-first-ready');
    if (named) {
      const text = await example;
      performance.mark('kci-first-example');
      if (!touched) {
        const html = m.firstOfAddress(location.search, location.hash, text);
        if (shell) {
          const address = m.textOfAddress(location.hash);
          if (address !== undefined) box.value = address;
          if (box.value.trim()) say(html ? '' : READ_BY_THE_WHOLE);
        }
        show(html);
        // A link to a report lands on it: on a phone the header and the box fill the first
        // screen, so the view is scrolled to (unless the reader has scrolled already).
        const view = shell && html && document.getElementById('first-view');
        if (view && window.scrollY === 0 && view.getBoundingClientRect().top > window.innerHeight * 0.6) {
          window.scrollTo({ top: view.getBoundingClientRect().top - 8 });
        }
      }
    }
    if (shell) {
      first = m;
      // What the reader put in the box while the module was on its way.
      if (touched) answer();
    }
    // Behind a first view, once it is painted: starting the page's module and the engine's
    // worker (a thread) costs a phone's processor tens of milliseconds the verdict need not wait.
    if (named) afterPaint(startFull);
    else if (!embedded) startFull(true);
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
        afterPaint(startFull);
      });
      // The page says "ready" again once it has loaded; the parent then sends its input again.
      if (!named) post({ type: 'ready' });
    }
  })
  .catch(() => startFull());
