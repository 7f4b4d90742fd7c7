//! Big inputs are analysed off the page's main thread, so a 5 MB paste never freezes the tab.
//!
//! `www/worker.js` is a module Web Worker that loads this same wasm (already in the browser's
//! cache) and calls [`inspect_encoded`]; the page reads the report back one object at a time
//! (`engine::parts`), yielding to the browser between slices of at most [`SLICE_MS`], and
//! shows progress meanwhile. Small inputs are analysed at once on the main thread: a worker's
//! start-up would only delay them.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::engine::parts::{self, Decoder};
use crate::engine::report::Report;

/// Inputs from this size on go to the worker (and are not shown in the text box, whose layout
/// alone costs the browser about half a millisecond per KB).
pub const BACKGROUND_BYTES: usize = 128 * 1024;

/// Longest stretch the page spends reading report parts before it yields to the browser.
const SLICE_MS: f64 = 30.0;

/// The worker's entry point (internal, used by `worker.js`): the report for `input` as bytes
/// (`engine::parts`). `now` is in unix seconds.
#[wasm_bindgen(js_name = __inspectEncoded)]
pub fn inspect_encoded(input: &[u8], now: f64) -> Vec<u8> {
    parts::encode(&crate::engine::inspect(input, now as i64))
}

/// What the page hears while a big input is analysed.
pub enum Progress {
    /// A line for the user: what is happening now.
    Status(String),
    Done(Box<Report>),
    Failed(String),
}

/// Who hears the current request's progress.
type Listener = Rc<RefCell<Option<Rc<dyn Fn(Progress)>>>>;

/// The page's worker, started on the first big input and kept for the next.
pub struct Background {
    worker: web_sys::Worker,
    /// The request whose answer is still wanted; answers to older ones are dropped.
    current: Rc<Cell<u32>>,
    on_progress: Listener,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl Background {
    pub fn start() -> Result<Background, String> {
        let opts = web_sys::WorkerOptions::new();
        opts.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options("worker.js", &opts).map_err(|e| format!("{e:?}"))?;
        let current = Rc::new(Cell::new(0u32));
        let on_progress: Listener = Rc::new(RefCell::new(None));
        let on_message = {
            let (current, on_progress) = (current.clone(), on_progress.clone());
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let data = e.data();
                let get = |k: &str| js_sys::Reflect::get(&data, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
                let id = get("id").as_f64().unwrap_or(-1.0);
                if id != f64::from(current.get()) {
                    return;
                }
                let Some(report_to) = on_progress.borrow().clone() else { return };
                if let Some(err) = get("error").as_string() {
                    report_to(Progress::Failed(err));
                    return;
                }
                let bytes = js_sys::Uint8Array::new(&get("report")).to_vec();
                match Decoder::new(bytes) {
                    Ok(d) => read_objects(d, id as u32, current.clone(), report_to),
                    Err(e) => report_to(Progress::Failed(e)),
                }
            })
        };
        let on_error = {
            let (current, on_progress) = (current.clone(), on_progress.clone());
            Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                let msg = js_sys::Reflect::get(&e, &JsValue::from_str("message"))
                    .ok()
                    .and_then(|m| m.as_string())
                    .unwrap_or_else(|| "the background analysis stopped".into());
                if current.get() != 0 {
                    if let Some(f) = on_progress.borrow().clone() {
                        f(Progress::Failed(msg));
                    }
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Background {
            worker,
            current,
            on_progress,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Analyses `input` in the worker; `on_progress` hears status lines, then the report or
    /// why there is none. A newer call supersedes an older one.
    pub fn analyse(&self, input: &[u8], now: i64, on_progress: Rc<dyn Fn(Progress)>) -> Result<(), String> {
        let id = self.current.get().wrapping_add(1).max(1);
        self.current.set(id);
        *self.on_progress.borrow_mut() = Some(on_progress.clone());
        let msg = js_sys::Object::new();
        let bytes = js_sys::Uint8Array::from(input);
        let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&msg, &JsValue::from_str(k), v);
        set("id", &JsValue::from(id)).map_err(|e| format!("{e:?}"))?;
        set("input", &bytes).map_err(|e| format!("{e:?}"))?;
        set("now", &JsValue::from(now as f64)).map_err(|e| format!("{e:?}"))?;
        // The bytes move to the worker (transferred, not copied).
        self.worker
            .post_message_with_transfer(&msg, &js_sys::Array::of1(&bytes.buffer()))
            .map_err(|e| format!("{e:?}"))?;
        on_progress(Progress::Status(format!(
            "Analysing {} in the background…",
            super::size_text(input.len())
        )));
        Ok(())
    }

    /// Forgets the current request (the input was cleared or replaced by a small one).
    pub fn cancel(&self) {
        self.current.set(self.current.get().wrapping_add(1).max(1));
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// Reads objects for at most `SLICE_MS`, then yields to the browser and goes on. A newer request
/// (a changed `current`) stops it at its next slice.
fn read_objects(mut d: Decoder, id: u32, current: Rc<Cell<u32>>, report_to: Rc<dyn Fn(Progress)>) {
    if current.get() != id {
        return;
    }
    let start = now_ms();
    loop {
        match d.read_next() {
            Ok(true) if now_ms() - start < SLICE_MS => {}
            Ok(true) => break,
            Ok(false) => return report_to(Progress::Done(Box::new(d.finish()))),
            Err(e) => return report_to(Progress::Failed(e)),
        }
    }
    let (read, total) = d.progress();
    report_to(Progress::Status(format!("Reading the report: {read} of {total} objects…")));
    Timeout::new(0, move || read_objects(d, id, current, report_to)).forget();
}
