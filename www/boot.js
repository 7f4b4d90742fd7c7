// Starts the engine's worker at once, then the page's wasm module (the UI). The worker comes
// first so the engine's wasm downloads alongside the page's (issue #24) instead of after it; the
// page takes it over (src/ui/background.rs, `early_worker`). Kept as a file (not inline) so the
// page's CSP can forbid inline script.
try {
  const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  // What it says before the page listens: that its engine started, or that it could not.
  w.onmessage = (e) => { if (e.data && e.data.ready) w.kciReady = true; };
  w.onerror = (e) => { w.kciError = String(e.message || 'the worker failed'); e.preventDefault(); };
  globalThis.__kciWorker = w;
} catch (e) {
  // The page starts its own (and says why it cannot) when it needs one.
}

import('./kube-cert-inspector-page.js')
  .then(({ default: init }) => init({ module_or_path: new URL('./kube-cert-inspector-page_bg.wasm', import.meta.url) }))
  .catch((e) => {
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.className = 'boot-error';
    p.textContent = 'The inspector could not start in this browser (WebAssembly is required): ' + e;
    document.body.prepend(p);
  });
