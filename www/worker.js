// The page's engine (issue #8): the page's own module holds no decoder; every input goes here,
// to the engine's wasm module (the same kube-cert-inspector.js the JS API is), so the page
// downloads little before it shows and never freezes, however big the input.
// Protocol (src/ui/background.rs), one answer per request id:
//   {id, kind: 'analyse', input, now, kubernetes} -> {id, report: Uint8Array}   (the worker keeps it)
//   {id, kind: 'json', report, pretty} -> {id, json}                (the kept report's JSON)
//   {id, kind: 'ask', report, user, groups, line} -> {id, answer: Uint8Array}
//   {id, kind: 'bytes', report, object}    -> {id, bytes: Uint8Array}   (the byte view)
//   {id, kind: 'lab_info', draft, spki}      -> {id, bytes: Uint8Array}   (what the page signs)
//   {id, kind: 'lab_finish', draft, info, signature} -> {id, bytes: Uint8Array} (the request made)
//   {id, kind: 'lab_issue', input}    -> {id, bytes: Uint8Array}   (what the practice CA signs)
//   {id, kind: 'lab_walk', input}     -> {id, bytes: Uint8Array}   (the walk-through's steps)
//   any failure                       -> {id, error, fatal}
//   once the engine has started       -> {ready: true}, or {ready: false, error} if it could not
// Like the page, it makes no request beyond the app's own files.
// The engine's wasm is requested first, while its JS glue loads (one round trip less than
// importing the glue before fetching: on a phone's link, 150 ms or more).
const wasm = fetch(new URL('./kube-cert-inspector_bg.wasm', import.meta.url));
let __analyse, __reportJson, __ask, __labInfo, __labFinish, __labIssue, __labWalk, __bytes;
const ready = import('./kube-cert-inspector.js').then(async (m) => {
  await m.default({ module_or_path: wasm });
  ({ __analyse, __reportJson, __ask, __labInfo, __labFinish, __labIssue, __labWalk, __bytes } = m);
});
// Tells the page the engine has started (it says "Starting…" until then, on a slow link), or that
// it could not (the page then stops waiting for it, and says why when asked for a report).
ready.then(() => self.postMessage({ ready: true }), (err) => self.postMessage({ ready: false, error: String(err) }));
let broken = null;

self.onmessage = async (e) => {
  const { id, kind } = e.data;
  try {
    await ready;
  } catch (err) {
    self.postMessage({ id, error: `the inspector's engine could not start in this browser: ${err}`, fatal: true });
    return;
  }
  try {
    if (broken) throw broken;
    if (kind === 'analyse') {
      const report = __analyse(e.data.input, e.data.now, id, String(e.data.kubernetes || ''));
      self.postMessage({ id, report }, [report.buffer]);
    } else if (kind === 'json') {
      self.postMessage({ id, json: __reportJson(e.data.report, e.data.pretty === true) });
    } else if (kind === 'ask') {
      const answer = __ask(e.data.report, e.data.user, e.data.groups, e.data.line);
      self.postMessage({ id, answer }, [answer.buffer]);
    } else if (kind === 'bytes') {
      const bytes = __bytes(e.data.report, e.data.object);
      self.postMessage({ id, bytes }, [bytes.buffer]);
    } else if (kind === 'lab_info') {
      const bytes = __labInfo(e.data.draft, e.data.spki);
      self.postMessage({ id, bytes }, [bytes.buffer]);
    } else if (kind === 'lab_finish') {
      const bytes = __labFinish(e.data.draft, e.data.info, e.data.signature);
      self.postMessage({ id, bytes }, [bytes.buffer]);
    } else if (kind === 'lab_issue' || kind === 'lab_walk') {
      const bytes = (kind === 'lab_issue' ? __labIssue : __labWalk)(e.data.input);
      self.postMessage({ id, bytes }, [bytes.buffer]);
    } else {
      self.postMessage({ id, error: `unknown request ${String(kind)}` });
    }
  } catch (err) {
    // A wasm trap leaves the module in an unknown state: say so, and let the page start a
    // new worker for its next request. An Error from the API (a JsError) is an answer.
    const fatal = err instanceof WebAssembly.RuntimeError || err === broken;
    if (err instanceof WebAssembly.RuntimeError) broken = err;
    self.postMessage({ id, error: String(err && err.message ? err.message : err), fatal });
  }
};
