// The page's background thread (issue #8): inputs of 128 KB and more are analysed here, so the
// page's main thread never freezes. It loads the same wasm as the page (from the browser's
// cache) and answers each {id, input, now} with {id, report} (src/ui/background.rs) or
// {id, error}. Like the page, it makes no request beyond the app's own two files.
import init, { __inspectEncoded } from './kube-cert-inspector.js';

const ready = init({ module_or_path: new URL('./kube-cert-inspector_bg.wasm', import.meta.url) });

self.onmessage = async (e) => {
  const { id, input, now } = e.data;
  try {
    await ready;
    const report = __inspectEncoded(input, now);
    self.postMessage({ id, report }, [report.buffer]);
  } catch (err) {
    self.postMessage({ id, error: String(err) });
  }
};
