//! index.html's shell (issue #24): the header and the input box as plain HTML, which www/boot.js
//! answers with the first report's module while this page's module and the engine load. This page
//! takes over what was put there — text typed, pasted or dropped, or files dropped — at its start
//! and as it changes, renders behind the shell, and removes it (with the first view) once it has
//! a report of its own or nothing to report (`ui::first_done`).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the reader put into the shell's box.
pub enum Input {
    Text(String),
    /// Files dropped there, read by www/boot.js: (name, bytes), in order.
    Files(Vec<(String, Vec<u8>)>),
}

/// `[{name, bytes: Uint8Array}]` as boot.js hands dropped files over.
fn files(v: &JsValue) -> Option<Vec<(String, Vec<u8>)>> {
    let list = v.dyn_ref::<js_sys::Array>()?;
    list.iter()
        .map(|f| {
            let name = js_sys::Reflect::get(&f, &"name".into()).ok()?.as_string()?;
            let bytes = js_sys::Reflect::get(&f, &"bytes".into())
                .ok()?
                .dyn_into::<js_sys::Uint8Array>()
                .ok()?;
            Some((name, bytes.to_vec()))
        })
        .collect()
}

fn global(name: &str) -> JsValue {
    js_sys::Reflect::get(&js_sys::global(), &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// What the reader has put into the shell's box so far (boot.js keeps the latest), if anything.
pub fn input() -> Option<Input> {
    if let Some(t) = global("__kciShellInput").as_string() {
        return Some(Input::Text(t));
    }
    files(&global("__kciShellFiles")).map(Input::Files)
}

/// Calls `on_input` with every later change of the shell's box until the returned guard drops.
pub fn listen(on_input: impl Fn(Input) + 'static) -> impl FnOnce() {
    let on_input = std::rc::Rc::new(on_input);
    let text = {
        let on_input = on_input.clone();
        Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
            if let Some(t) = e.detail().as_string() {
                on_input(Input::Text(t));
            }
        })
    };
    let dropped = Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
        if let Some(f) = files(&e.detail()) {
            on_input(Input::Files(f));
        }
    });
    let w = web_sys::window();
    if let Some(w) = &w {
        let _ = w.add_event_listener_with_callback("kci-shell", text.as_ref().unchecked_ref());
        let _ = w.add_event_listener_with_callback("kci-shell-files", dropped.as_ref().unchecked_ref());
    }
    move || {
        if let Some(w) = w {
            let _ = w.remove_event_listener_with_callback("kci-shell", text.as_ref().unchecked_ref());
            let _ = w.remove_event_listener_with_callback("kci-shell-files", dropped.as_ref().unchecked_ref());
        }
    }
}

/// Whether the shell is still there.
pub fn present() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("shell"))
        .is_some()
}

/// Removes the shell; the page's own box takes the focus and the selection if the shell's had them.
pub fn remove() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(shell) = doc.get_element_by_id("shell") else {
        return;
    };
    let focused = doc
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .filter(|t| t.id() == "shell-text");
    let selection = focused
        .as_ref()
        .map(|t| (t.selection_start().ok().flatten(), t.selection_end().ok().flatten()));
    shell.remove();
    if let (Some((start, end)), Some(own)) = (
        selection,
        doc.get_element_by_id("input-text")
            .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok()),
    ) {
        let _ = own.focus();
        if let (Some(s), Some(e)) = (start, end) {
            let _ = own.set_selection_range(s, e);
        }
    }
}
