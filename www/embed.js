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
// auto, `kubernetes` ("1.34") the Kubernetes release judged for (default: the newest). It fires a `report` event whose `detail` is the Report (see kube-cert-inspector.d.ts).
//
// It renders through an iframe of this build's index.html?embed: the frame keeps the
// inspector's own strict Content-Security-Policy whatever the host page allows (the host needs
// no 'wasm-unsafe-eval'), styles cannot leak either way, and nothing is downloaded twice.
// Messages go only to and from the frame's origin, never to '*'.

const BASE = new URL('./', import.meta.url);
const SOURCE = 'kube-cert-inspector';

/** Removes the indentation the text has in the HTML source. */
function dedent(text) {
  const lines = text.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^[ \t]*/)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n') + '\n';
}

class KubeCertInspector extends HTMLElement {
  connectedCallback() {
    if (this.frame) return;
    this.inline = dedent(this.textContent || '');
    this.textContent = '';
    this.style.display = 'block';
    const frame = document.createElement('iframe');
    const url = new URL('index.html', BASE);
    url.search = 'embed';
    if (location.origin !== BASE.origin) url.searchParams.set('origin', location.origin);
    const theme = this.getAttribute('theme');
    if (theme) url.searchParams.set('theme', theme);
    const kubernetes = this.getAttribute('kubernetes');
    if (kubernetes) url.searchParams.set('kubernetes', kubernetes);
    const example = this.getAttribute('example');
    if (example) {
      url.hash = `example=${encodeURIComponent(example)}` + (this.getAttribute('now') ? `&now=${encodeURIComponent(this.getAttribute('now'))}` : '');
    }
    frame.src = url.href;
    frame.title = this.getAttribute('title') || 'Kubernetes certificate inspector';
    frame.setAttribute('loading', 'lazy');
    Object.assign(frame.style, { width: '100%', height: '320px', border: '1px solid #d0d7de', borderRadius: '6px', display: 'block' });
    this.frame = frame;
    this.onMessage = (e) => this.receive(e);
    window.addEventListener('message', this.onMessage);
    this.append(frame);
  }

  disconnectedCallback() {
    window.removeEventListener('message', this.onMessage);
    this.frame?.remove();
    this.frame = null;
  }

  async text() {
    const src = this.getAttribute('src');
    if (!src) return this.inline;
    const url = new URL(src, document.baseURI);
    if (url.origin !== location.origin) throw new Error(`src must be on this page's origin (${location.origin}), found ${url.origin}`);
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`src ${url.pathname}: HTTP ${response.status}`);
    return response.text();
  }

  post(message) {
    this.frame?.contentWindow?.postMessage({ source: SOURCE, ...message }, BASE.origin);
  }

  async receive(e) {
    if (!this.frame || e.source !== this.frame.contentWindow || e.origin !== BASE.origin) return;
    const data = e.data || {};
    if (data.source !== SOURCE) return;
    if (data.type === 'ready' && !this.getAttribute('example')) {
      let text;
      try {
        text = await this.text();
      } catch (err) {
        text = `# ${err.message}`;
      }
      this.post({ type: 'inspect', text, now: this.getAttribute('now') || undefined, kubernetes: this.getAttribute('kubernetes') || undefined });
    } else if (data.type === 'report') {
      this.report = data.report;
      this.dispatchEvent(new CustomEvent('report', { detail: data.report, bubbles: true }));
    } else if (data.type === 'resize' && Number.isFinite(data.height)) {
      this.frame.style.height = `${Math.min(Math.max(data.height + 2, 120), 20000)}px`;
    }
  }
}

if (!customElements.get('kube-cert-inspector')) customElements.define('kube-cert-inspector', KubeCertInspector);
