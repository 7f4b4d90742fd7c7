// Defines <kube-cert-inspector>: a live inspector in a documentation page.
//
//   <script type="module" src="/tools/inspector/embed.js"></script>
//   <kube-cert-inspector now="2026-11-24T00:00:00Z" theme="auto">
//   -----BEGIN CERTIFICATE REQUEST-----
//   ...
//   -----END CERTIFICATE REQUEST-----
//   </kube-cert-inspector>
//
// What it inspects: the text inside the element, or `src` (a same-origin file), or `example`
// (a built-in example id). `now` (RFC 3339) pins the evaluation time, `theme` is light, dark or
// auto, `kubernetes` ("1.34") the Kubernetes release judged for (default: the newest), `view`
// identity, summary (the default) or full. It fires a `report` event whose `detail` is the Report
// (see kube-cert-inspector.d.ts). It is live: a changed attribute or text is inspected again.
//
// It renders through an iframe of this build's embed.html?embed (index.html without its input
// box and without the first module's preload, which this element downloads itself): the frame keeps the
// inspector's own strict Content-Security-Policy whatever the host page allows (the host needs
// no 'wasm-unsafe-eval'), styles cannot leak either way, and nothing is downloaded twice.
// Messages go only to and from the frame's origin, never to '*'.

// Where the frame, worker and wasm files are: beside this module, unless the host moved them
// (a bundler that copies this module elsewhere): then `setBase('/inspector/')` (kept on
// globalThis, so every copy of this module sees it), or a `base` attribute on one element.
const BASE = new URL('./', import.meta.url);
const BASE_KEY = Symbol.for('kube-cert-inspector.base');
const SOURCE = 'kube-cert-inspector';
const DEFAULT_TITLE = 'Kubernetes certificate inspector';

/** `url` (a URL, or a path on this page's origin) as a folder's URL: it ends with '/'. */
function folder(url) {
  const u = new URL(url, document.baseURI);
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u;
}

/** Where this build's files are served from (a URL, or a path on this page's origin). */
export function setBase(url) {
  globalThis[BASE_KEY] = folder(url).href;
  // Elements already on the page follow.
  for (const el of document.querySelectorAll('kube-cert-inspector')) el.moved?.();
}

/** Removes the indentation the text has in the HTML source. */
function dedent(text) {
  const lines = text.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^[ \t]*/)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n') + '\n';
}

/** The first report's module (www/boot.js), downloaded by this page when an element comes near
 * the viewport, once per build, and handed to each frame that asks for it: the download then runs
 * alongside the frame's page and boot script instead of after them, two round trips fewer before
 * the verdict on a slow link (issue #24). By message rather than by a preload hint, whose sharing
 * with the frame depends on the host's cache headers (with none, or no-store, the module was
 * downloaded twice). Only for a frame on this page's origin, which may script the frame anyway:
 * a frame never runs code handed over by another origin. `null` when it cannot be had: the frame
 * then fetches it itself. */
const firstModules = new Map();
/** How near the viewport an element starts its download (about two phone screens). */
const NEAR_PX = 1250;
function firstModule(base) {
  const href = new URL('kube-cert-inspector-first_bg.wasm', base).href;
  if (!firstModules.has(href)) {
    firstModules.set(href, fetch(href, { credentials: 'same-origin' }).then((r) => (r.ok ? r.arrayBuffer() : null), () => null));
  }
  return firstModules.get(href);
}

class KubeCertInspector extends HTMLElement {
  static get observedAttributes() { return ['src', 'now', 'theme', 'kubernetes', 'view', 'example', 'title', 'base']; }

  connectedCallback() {
    // After the current task: a host that imports this module and then calls setBase() (in the
    // same script) is heard before the frame is made.
    setTimeout(() => { if (this.isConnected) this.start(); }, 0);
  }

  /** setBase() was called: a frame made from the old base is made again. */
  moved() {
    if (this.frame && !this.getAttribute('base')) this.reload();
  }

  /** Loads the frame again from its (new) address; it says "ready" again once it has. */
  reload() {
    this.ready = false;
    this.frame.src = this.frameUrl();
  }

  start() {
    if (this.frame) return;
    // The download starts when the frame is about to load: its frame loads lazily, so an element
    // far below the fold costs nothing until the reader scrolls near it. One already near the
    // viewport (an example at the top of a docs page) starts it at once: waiting for the
    // observer's first callback, after the page's first layout, cost ~150 ms on a phone.
    if (this.sameOrigin()) {
      const r = this.getBoundingClientRect();
      const near = (r.width || r.height) && r.bottom > -NEAR_PX && r.top < innerHeight + NEAR_PX;
      if (near || typeof IntersectionObserver !== 'function') firstModule(this.base());
      else {
        this.near = new IntersectionObserver((entries) => {
          if (!entries.some((e) => e.isIntersecting)) return;
          this.near.disconnect();
          firstModule(this.base());
        }, { rootMargin: `${NEAR_PX}px 0px` });
        this.near.observe(this);
      }
    }
    this.style.display = 'block';
    // The frame lives in a shadow root: the element's own text stays where the host put it (not
    // shown), so the host can change it and the element follows.
    const root = this.shadowRoot || this.attachShadow({ mode: 'open' });
    const frame = document.createElement('iframe');
    frame.src = this.frameUrl();
    frame.title = this.getAttribute('title') || DEFAULT_TITLE;
    frame.setAttribute('loading', 'lazy');
    Object.assign(frame.style, { width: '100%', height: '320px', border: '1px solid #d0d7de', borderRadius: '6px', display: 'block' });
    this.frame = frame;
    this.ready = false;
    this.onMessage = (e) => this.receive(e);
    window.addEventListener('message', this.onMessage);
    // Text changed by the host: inspect again (after a pause, as typing would).
    this.observer = new MutationObserver(() => {
      clearTimeout(this.pending);
      this.pending = setTimeout(() => this.send(), 100);
    });
    this.observer.observe(this, { childList: true, characterData: true, subtree: true });
    root.replaceChildren(frame);
  }

  disconnectedCallback() {
    window.removeEventListener('message', this.onMessage);
    this.observer?.disconnect();
    this.near?.disconnect();
    clearTimeout(this.pending);
    this.frame?.remove();
    this.frame = null;
  }

  attributeChangedCallback(name, before, after) {
    if (!this.frame || before === after) return;
    if (name === 'theme' || name === 'example' || name === 'base' || (this.getAttribute('example') && name !== 'title')) {
      // The frame is made for them (an example's frame holds its text and time): load it again.
      this.reload();
    } else if (name === 'title') {
      this.frame.title = after || DEFAULT_TITLE;
    } else {
      this.send();
    }
  }

  /** Where this element's frame comes from: its `base` attribute, setBase()'s, else the module's. */
  base() {
    const b = this.getAttribute('base') || globalThis[BASE_KEY];
    return b ? folder(b) : BASE;
  }

  /** Are the frame's files on this page's origin (so this page may hand the frame the first module)? */
  sameOrigin() {
    return this.base().origin === location.origin;
  }

  /** The frame's address: this build's embed.html?embed, with the view and what it is made for. */
  frameUrl() {
    const base = this.base();
    const url = new URL('embed.html', base);
    url.search = 'embed';
    if (this.sameOrigin()) url.searchParams.set('first', 'parent');
    else url.searchParams.set('origin', location.origin);
    url.searchParams.set('view', this.view());
    const theme = this.getAttribute('theme');
    if (theme) url.searchParams.set('theme', theme);
    const kubernetes = this.getAttribute('kubernetes');
    if (kubernetes) url.searchParams.set('kubernetes', kubernetes);
    const example = this.getAttribute('example');
    if (example) {
      url.hash = `example=${encodeURIComponent(example)}` + (this.getAttribute('now') ? `&now=${encodeURIComponent(this.getAttribute('now'))}` : '');
    }
    return url.href;
  }

  /** `summary` unless the `view` attribute says `identity` or `full`. */
  view() {
    const v = this.getAttribute('view');
    return v === 'identity' || v === 'full' ? v : 'summary';
  }

  async text() {
    const src = this.getAttribute('src');
    if (!src) return dedent(this.textContent || '');
    const url = new URL(src, document.baseURI);
    if (url.origin !== location.origin) throw new Error(`src must be on this page's origin (${location.origin}), found ${url.origin}`);
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`src ${url.pathname}: HTTP ${response.status}`);
    return response.text();
  }

  post(message, transfer = []) {
    this.frame?.contentWindow?.postMessage({ source: SOURCE, ...message }, this.base().origin, transfer);
  }

  /** Sends what to inspect, once the frame is ready (an `example` element's frame has it already). */
  async send() {
    if (!this.ready || !this.frame || this.getAttribute('example')) return;
    let text;
    try {
      text = await this.text();
    } catch (err) {
      text = `# ${err.message}`;
    }
    this.post({ type: 'inspect', text, now: this.getAttribute('now') || undefined, kubernetes: this.getAttribute('kubernetes') || undefined, view: this.view() });
  }

  async receive(e) {
    if (!this.frame || e.source !== this.frame.contentWindow || e.origin !== this.base().origin) return;
    const data = e.data || {};
    if (data.source !== SOURCE) return;
    if (data.type === 'first-module?') {
      // A copy for each frame: a transferred buffer is gone from this page.
      const bytes = this.sameOrigin() ? await firstModule(this.base()) : null;
      const copy = bytes && bytes.slice(0);
      this.post({ type: 'first-module', bytes: copy }, copy ? [copy] : []);
    } else if (data.type === 'ready') {
      this.ready = true;
      if (!this.getAttribute('example')) this.send();
    } else if (data.type === 'report') {
      this.report = data.report;
      this.dispatchEvent(new CustomEvent('report', { detail: data.report, bubbles: true }));
    } else if (data.type === 'resize' && Number.isFinite(data.height)) {
      this.frame.style.height = `${Math.min(Math.max(data.height + 2, 120), 20000)}px`;
    }
  }
}

if (!customElements.get('kube-cert-inspector')) customElements.define('kube-cert-inspector', KubeCertInspector);
