// Starts the page's wasm module (the UI; the engine's module starts in www/worker.js). Kept as a
// file (not inline) so the page's CSP can forbid inline script.
import init from './kube-cert-inspector-page.js';

init({ module_or_path: new URL('./kube-cert-inspector-page_bg.wasm', import.meta.url) }).catch((e) => {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.className = 'boot-error';
  p.textContent = 'The inspector could not start in this browser (WebAssembly is required): ' + e;
  document.body.prepend(p);
});
