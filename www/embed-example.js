// The example page's own script: drives the iframe (2) and calls the JS API (3).
// Listeners first, then the frame's src, then the API (a dynamic import, so nothing delays them).

const SOURCE = 'kube-cert-inspector';
const $ = (id) => document.getElementById(id);

// 1. The element fires `report`.
document.addEventListener('report', (e) => {
  if (e.target.id !== 'element') return;
  const o = e.detail.objects[0];
  $('element-identity').textContent = `username ${o.username}, groups ${o.groups.join(', ')}; ${e.detail.verdict.label}`;
});

// 2. The iframe: wait for "ready" from it (and only it), post the text, read the report.
const frame = $('frame');
window.addEventListener('message', (e) => {
  if (e.source !== frame.contentWindow || e.origin !== location.origin || e.data?.source !== SOURCE) return;
  if (e.data.type === 'ready') {
    frame.contentWindow.postMessage({ source: SOURCE, type: 'inspect', text: $('frame-input').textContent, now: '2026-11-24T00:00:00Z' }, location.origin);
  } else if (e.data.type === 'report') {
    const v = e.data.report.verdict;
    $('frame-verdict').textContent = `${v.label}: ${v.headline}`;
  } else if (e.data.type === 'resize') {
    frame.style.height = `${e.data.height + 2}px`;
  }
});
frame.src = frame.dataset.src;

// 3. The JS API.
const { default: init, inspect } = await import('./kube-cert-inspector.js');
await init({ module_or_path: new URL('./kube-cert-inspector_bg.wasm', import.meta.url) });
const report = inspect($('api-input').textContent, { now: '2026-11-24T00:00:00Z' });
const o = report.objects[0];
$('api-output').textContent = `username ${o.username}, groups ${o.groups.join(', ')}`;
