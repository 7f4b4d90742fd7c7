//! The engine, seen from the page: a module Web Worker (`www/worker.js`) running the engine's own
//! wasm module (`kube-cert-inspector.js`, the JS API's module). The page's module holds no
//! decoder, so it downloads and starts quickly (issue #8), and no input, however big, holds the
//! page's main thread: the report comes back as bytes (`engine::report::parts`) that the page reads one
//! object at a time, yielding to the browser between slices of at most [`SLICE_MS`] and showing
//! progress meanwhile.
//!
//! The worker keeps its last analysis, so the page can ask about that report afterwards — the
//! question box (`kubectl auth can-i`) and the report's JSON (download, copy, an embedding
//! page) — without sending the input again. Every request has an id; an analysis supersedes the
//! ones before it, and the answers to superseded requests are dropped.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::engine::report::parts::{self, Answer, Decoder};
use crate::engine::report::Report;

/// Inputs from this size on are not shown in the text box (its layout alone costs the browser
/// about half a millisecond per KB).
pub const BIG_INPUT_BYTES: usize = 128 * 1024;

/// Longest stretch the page spends reading report parts before it yields to the browser.
const SLICE_MS: f64 = 30.0;

/// How long a small input's analysis may take before the page says what it is waiting for.
const SAY_WAITING_MS: u32 = 400;

/// What the page hears while an input is analysed.
pub enum Progress {
    /// A line for the user: what is happening now.
    Status(String),
    /// The report, with the id the worker keeps it under (for [`Engine::ask`] and
    /// [`Engine::json`]).
    Done(Box<Report>, u32),
    Failed(String),
}

type OnJson = Box<dyn FnOnce(Result<String, String>)>;
type OnAnswer = Box<dyn FnOnce(Answer)>;
type OnBytes = Box<dyn FnOnce(Result<Vec<u8>, String>)>;

/// Who waits for a request's answer.
enum Waiting {
    Analysis(Rc<dyn Fn(Progress)>),
    Json(OnJson),
    Answer(OnAnswer),
    Bytes(OnBytes),
}

impl Waiting {
    /// Answers request `id`, which the worker will not answer, with `why`; an analysis only if it
    /// is still the `current` one.
    fn fail(self, id: u32, current: u32, why: &str) {
        match self {
            Waiting::Analysis(f) if current == id => f(Progress::Failed(why.to_string())),
            Waiting::Analysis(_) => {}
            Waiting::Json(f) => f(Err(why.to_string())),
            Waiting::Answer(f) => f(Err(why.to_string())),
            Waiting::Bytes(f) => f(Err(why.to_string())),
        }
    }
}

struct Shared {
    /// The analysis whose report is still wanted; 0 when none.
    current: Cell<u32>,
    waiting: RefCell<HashMap<u32, Waiting>>,
    /// Set when the worker failed to start or stopped: the next request starts a new one.
    dead: Cell<bool>,
    /// Set once the worker says its engine has started.
    ready: Cell<bool>,
    /// Called once the engine has started or failed ([`Engine::when_settled`]).
    on_settled: RefCell<Vec<Box<dyn FnOnce()>>>,
}

impl Shared {
    fn settle(&self) {
        let waiting: Vec<Box<dyn FnOnce()>> = self.on_settled.borrow_mut().drain(..).collect();
        for f in waiting {
            f();
        }
    }
}

/// The page's engine worker.
pub struct Engine {
    worker: web_sys::Worker,
    shared: Rc<Shared>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static ENGINE: RefCell<Option<Rc<Engine>>> = const { RefCell::new(None) };
    /// The last request id, shared by every worker this page starts: a report shown from a
    /// stopped worker can never name another report in its successor.
    static LAST_ID: Cell<u32> = const { Cell::new(0) };
}

/// The page's engine, started on first use (and again if it stopped). The app calls this as it
/// starts, so the engine's module downloads while the page renders.
pub fn engine() -> Result<Rc<Engine>, String> {
    ENGINE.with(|slot| {
        if let Some(e) = slot.borrow().as_ref().filter(|e| !e.shared.dead.get()) {
            return Ok(e.clone());
        }
        let e = Rc::new(Engine::start()?);
        *slot.borrow_mut() = Some(e.clone());
        Ok(e)
    })
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn get(data: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(data, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}

pub(crate) fn js_error(e: JsValue) -> String {
    e.as_string()
        .or_else(|| get(&e, "message").as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

impl Engine {
    /// The worker www/boot.js started before this module had even downloaded (so the engine's
    /// wasm downloads alongside the page's), taken once; `None` when there is none or it failed.
    /// Returns it and whether its engine already said it started.
    fn early_worker() -> Option<(web_sys::Worker, bool)> {
        let global = js_sys::global();
        // From now on www/boot.js starts no worker of its own: this page has one.
        let _ = js_sys::Reflect::set(&global, &JsValue::from_str("__kciEngineTaken"), &JsValue::TRUE);
        let key = JsValue::from_str("__kciWorker");
        let w = js_sys::Reflect::get(&global, &key).ok()?.dyn_into::<web_sys::Worker>().ok()?;
        let _ = js_sys::Reflect::delete_property(global.unchecked_ref::<js_sys::Object>(), &key);
        if get(&w, "kciError").is_truthy() {
            w.terminate();
            return None;
        }
        let ready = get(&w, "kciReady").as_bool() == Some(true);
        Some((w, ready))
    }

    fn start() -> Result<Engine, String> {
        let (worker, ready) = match Self::early_worker() {
            Some(early) => early,
            None => {
                let opts = web_sys::WorkerOptions::new();
                opts.set_type(web_sys::WorkerType::Module);
                let worker = web_sys::Worker::new_with_options("worker.js", &opts).map_err(|e| {
                    format!(
                        "this browser could not start the inspector's background worker (module workers are needed): {}",
                        js_error(e)
                    )
                })?;
                (worker, false)
            }
        };
        let shared = Rc::new(Shared {
            current: Cell::new(0),
            waiting: RefCell::new(HashMap::new()),
            dead: Cell::new(false),
            ready: Cell::new(ready),
            on_settled: RefCell::new(Vec::new()),
        });
        let on_message = {
            let shared = shared.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let data = e.data();
                if let Some(ready) = get(&data, "ready").as_bool() {
                    // Started, or could not start (its wasm did not load): the next request
                    // starts a new worker, and says why if that one cannot start either.
                    if ready {
                        shared.ready.set(true);
                    } else {
                        shared.dead.set(true);
                    }
                    shared.settle();
                    return;
                }
                let id = get(&data, "id").as_f64().unwrap_or(-1.0) as u32;
                let Some(waiting) = shared.waiting.borrow_mut().remove(&id) else {
                    return;
                };
                let error = get(&data, "error").as_string();
                if error.is_some() && get(&data, "fatal").as_bool() == Some(true) {
                    // The engine stopped (a trap): this worker is not asked again.
                    shared.dead.set(true);
                }
                match waiting {
                    Waiting::Analysis(report_to) => {
                        if shared.current.get() != id {
                            return;
                        }
                        if let Some(err) = error {
                            return report_to(Progress::Failed(err));
                        }
                        let bytes = js_sys::Uint8Array::new(&get(&data, "report")).to_vec();
                        match Decoder::new(bytes) {
                            Ok(d) => read_objects(d, id, shared.clone(), report_to),
                            Err(e) => report_to(Progress::Failed(e)),
                        }
                    }
                    Waiting::Json(f) => f(match error {
                        Some(e) => Err(e),
                        None => get(&data, "json").as_string().ok_or_else(|| "the worker sent no JSON".into()),
                    }),
                    Waiting::Bytes(f) => f(match error {
                        Some(e) => Err(e),
                        None => Ok(js_sys::Uint8Array::new(&get(&data, "bytes")).to_vec()),
                    }),
                    Waiting::Answer(f) => f(match error {
                        Some(e) => Err(e),
                        None => parts::decode_answer(&js_sys::Uint8Array::new(&get(&data, "answer")).to_vec()),
                    }),
                }
            })
        };
        let on_error = {
            let shared = shared.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                e.prevent_default();
                let msg = get(&e, "message")
                    .as_string()
                    .unwrap_or_else(|| "the background analysis could not start or stopped".into());
                shared.dead.set(true);
                let waiting: Vec<(u32, Waiting)> = shared.waiting.borrow_mut().drain().collect();
                for (id, w) in waiting {
                    w.fail(id, shared.current.get(), &msg);
                }
                shared.settle();
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Engine {
            worker,
            shared,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Calls `f` once the engine has started (its wasm downloaded and compiled) or failed to: at
    /// once when it already has.
    pub fn when_settled(&self, f: impl FnOnce() + 'static) {
        if self.shared.ready.get() || self.shared.dead.get() {
            f();
        } else {
            self.shared.on_settled.borrow_mut().push(Box::new(f));
        }
    }

    /// Sends request `id` to the worker; `waiting` hears its answer, or why it gets none.
    fn post(&self, id: u32, waiting: Waiting, fields: &[(&str, JsValue)], transfer: Option<&JsValue>) {
        self.shared.waiting.borrow_mut().insert(id, waiting);
        let sent = (|| {
            let msg = js_sys::Object::new();
            js_sys::Reflect::set(&msg, &"id".into(), &JsValue::from(id))?;
            for (k, v) in fields {
                js_sys::Reflect::set(&msg, &JsValue::from_str(k), v)?;
            }
            match transfer {
                Some(t) => self.worker.post_message_with_transfer(&msg, &js_sys::Array::of1(t)),
                None => self.worker.post_message(&msg),
            }
        })();
        if let Err(e) = sent {
            let unsent = self.shared.waiting.borrow_mut().remove(&id);
            if let Some(w) = unsent {
                w.fail(id, self.shared.current.get(), &js_error(e));
            }
        }
    }

    fn next_id(&self) -> u32 {
        LAST_ID.with(|last| {
            let id = last.get().wrapping_add(1).max(1);
            last.set(id);
            id
        })
    }

    /// Analyses `input` in the worker; `on_progress` hears status lines, then the report or
    /// why there is none. A newer call supersedes an older one.
    /// `kubernetes` is the release judged for ("1.34"; empty for the newest).
    pub fn analyse(&self, input: &[u8], now: i64, kubernetes: &str, on_progress: Rc<dyn Fn(Progress)>) {
        let id = self.next_id();
        self.cancel();
        self.shared.current.set(id);
        let bytes = js_sys::Uint8Array::from(input);
        // The bytes move to the worker (transferred, not copied).
        self.post(
            id,
            Waiting::Analysis(on_progress.clone()),
            &[
                ("kind", "analyse".into()),
                ("input", bytes.clone().into()),
                ("now", JsValue::from(now as f64)),
                ("kubernetes", JsValue::from_str(kubernetes)),
            ],
            Some(&bytes.buffer()),
        );
        if !self.shared.waiting.borrow().contains_key(&id) {
            // Not sent: `on_progress` has heard why.
        } else if input.len() >= BIG_INPUT_BYTES {
            on_progress(Progress::Status(format!(
                "Analysing {} in the background…",
                super::size_text(input.len())
            )));
        } else {
            // A small input's report is usually back before anyone would notice; when it is not
            // (the engine still downloading on a slow link), say what the page is waiting for.
            let shared = self.shared.clone();
            Timeout::new(SAY_WAITING_MS, move || {
                if shared.current.get() == id && shared.waiting.borrow().contains_key(&id) {
                    on_progress(Progress::Status(
                        if shared.ready.get() {
                            "Analysing…"
                        } else {
                            "Starting the inspector's engine (downloaded once, then kept by the browser)…"
                        }
                        .to_string(),
                    ));
                }
            })
            .forget();
        }
    }

    /// Forgets the current analysis (the input was cleared or replaced).
    pub fn cancel(&self) {
        let old = self.shared.current.replace(0);
        self.shared.waiting.borrow_mut().remove(&old);
    }

    /// The JSON of report `report` (the id [`Progress::Done`] gave): `pretty` as the CLI's
    /// `--json` prints it, or compact.
    pub fn json(&self, report: u32, pretty: bool, on_json: impl FnOnce(Result<String, String>) + 'static) {
        let id = self.next_id();
        let fields = [
            ("kind", "json".into()),
            ("report", JsValue::from(report)),
            ("pretty", JsValue::from(pretty)),
        ];
        self.post(id, Waiting::Json(Box::new(on_json)), &fields, None);
    }

    /// `kubectl auth can-i <line>` for `user` in `groups`, under report `report`'s RBAC policy.
    pub fn ask(&self, report: u32, user: &str, groups: &[String], line: &str, on_answer: impl FnOnce(Answer) + 'static) {
        let id = self.next_id();
        let groups: js_sys::Array = groups.iter().map(|g| JsValue::from_str(g)).collect();
        let fields = [
            ("kind", "ask".into()),
            ("report", JsValue::from(report)),
            ("user", JsValue::from_str(user)),
            ("groups", groups.into()),
            ("line", JsValue::from_str(line)),
        ];
        self.post(id, Waiting::Answer(Box::new(on_answer)), &fields, None);
    }
}

impl Engine {
    /// A request of the learner's lab (`lab_info`, `lab_finish`, `lab_issue`, `lab_walk`: see www/worker.js) with its
    /// byte fields; `on_bytes` hears the engine's bytes or why there are none.
    pub fn lab(&self, kind: &str, fields: &[(&str, &[u8])], on_bytes: impl FnOnce(Result<Vec<u8>, String>) + 'static) {
        let id = self.next_id();
        let mut all: Vec<(&str, JsValue)> = vec![("kind", JsValue::from_str(kind))];
        all.extend(fields.iter().map(|(k, v)| (*k, js_sys::Uint8Array::from(*v).into())));
        self.post(id, Waiting::Bytes(Box::new(on_bytes)), &all, None);
    }
}

impl Engine {
    /// The byte view of object `object` of report `report` (postcard of `facts::asn1::ByteView`).
    pub fn byte_view(&self, report: u32, object: usize, on_bytes: impl FnOnce(Result<Vec<u8>, String>) + 'static) {
        let id = self.next_id();
        let fields = [
            ("kind", JsValue::from_str("bytes")),
            ("report", JsValue::from(report)),
            ("object", JsValue::from(object as u32)),
        ];
        self.post(id, Waiting::Bytes(Box::new(on_bytes)), &fields, None);
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// Reads objects for at most `SLICE_MS`, then yields to the browser and goes on. A newer request
/// (a changed `current`) stops it at its next slice.
fn read_objects(mut d: Decoder, id: u32, shared: Rc<Shared>, report_to: Rc<dyn Fn(Progress)>) {
    if shared.current.get() != id {
        return;
    }
    let start = now_ms();
    loop {
        match d.read_next() {
            Ok(true) if now_ms() - start < SLICE_MS => {}
            Ok(true) => break,
            Ok(false) => return report_to(Progress::Done(Box::new(d.finish()), id)),
            Err(e) => return report_to(Progress::Failed(e)),
        }
    }
    let (read, total) = d.progress();
    report_to(Progress::Status(format!("Reading the report: {read} of {total} objects…")));
    Timeout::new(0, move || read_objects(d, id, shared, report_to)).forget();
}
