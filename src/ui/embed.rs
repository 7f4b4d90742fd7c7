//! `index.html?embed`: the compact layout for documentation pages, and its postMessage protocol.
//!
//! - The frame posts `{source: "kube-cert-inspector", type: "ready"}` to its parent when it can
//!   take input, and again whenever the parent posts `{source, type: "ping"}` (for a host that
//!   missed it); the parent posts `{source, type: "inspect", text, now, kubernetes, view}`; the
//!   frame answers `{source, type: "report", report}` and `{source, type: "resize", height}`
//!   whenever its content height changes.
//! - `view`: `identity` (verdict and the CN/O → username/groups mapping), `summary` (also the
//!   findings' titles, each expandable) or `full` (the whole report, the default of `?embed`);
//!   `?embed&view=summary` sets it from the start, an `inspect` message's `view` changes it.
//! - Origins: the frame accepts messages only from its parent window, and only when the
//!   message's origin is the allowed origin: the frame's own origin, or the one named by
//!   `?embed&origin=https://docs.example.com`. It posts only to that origin, never to `*`.
//! - `#text=<base64url>` prefills it (a URL fragment never reaches a server), `#now=<RFC 3339>`
//!   pins the time, `?embed&theme=light|dark|auto` sets the colour scheme, `?embed&kubernetes=1.34`
//!   (or `#kubernetes=1.34`) the Kubernetes release judged for.

use super::compact::EmbedView;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// How the page was opened for embedding.
#[derive(Clone, PartialEq, Debug)]
pub struct Embed {
    /// The only origin messages are accepted from and posted to.
    pub origin: String,
    /// The view `?embed&view=` asks for (`full` when absent or unknown).
    pub view: EmbedView,
}

fn search() -> Option<String> {
    web_sys::window()?.location().search().ok()
}

fn hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

fn search_params() -> Option<Vec<(String, String)>> {
    Some(crate::location::query(&search()?))
}

/// `Some` when the URL has `?embed`; also applies `theme=`.
pub fn config() -> Option<Embed> {
    let params = search_params()?;
    params.iter().find(|(k, _)| k == "embed")?;
    let window = web_sys::window()?;
    let own = window.location().origin().ok()?;
    let origin = params
        .iter()
        .find(|(k, _)| k == "origin")
        .map(|(_, v)| v.trim_end_matches('/').to_string())
        .filter(|v| v.starts_with("https://") || v.starts_with("http://"))
        .unwrap_or(own);
    if let Some(theme) = params.iter().find(|(k, _)| k == "theme").map(|(_, v)| v.as_str()) {
        if let Some(root) = window.document().and_then(|d| d.document_element()) {
            match theme {
                "light" | "dark" => {
                    let _ = root.set_attribute("data-theme", theme);
                }
                _ => {
                    let _ = root.remove_attribute("data-theme");
                }
            }
        }
    }
    let view = params
        .iter()
        .find(|(k, _)| k == "view")
        .and_then(|(_, v)| EmbedView::parse(v))
        .unwrap_or(EmbedView::Full);
    Some(Embed { origin, view })
}

/// Whether the fragment holds `key` as a bare flag (`#lab&walk` holds `lab` and `walk`).
pub fn fragment_flag(key: &str) -> bool {
    crate::location::fragment_flag(&hash(), key)
}

/// `#text=<base64url>`: the text to inspect, when the fragment carries one.
pub fn text_from_fragment() -> Option<String> {
    crate::location::text_from_fragment(&hash())
}

/// The Kubernetes release judged for: `#kubernetes=1.34` in the fragment (the page, remembered
/// only there), or `?embed&kubernetes=1.34` (the element's attribute); empty for the newest.
pub fn kubernetes_from_url() -> String {
    crate::location::kubernetes(&search().unwrap_or_default(), &hash())
}

/// Sets (or, with an empty value, removes) `#key=value` in the fragment, keeping the other keys,
/// without a new history entry or a scroll.
pub fn set_fragment(key: &str, value: &str) {
    let Some(window) = web_sys::window() else { return };
    let hash = window.location().hash().unwrap_or_default();
    let mut parts: Vec<String> = hash
        .trim_start_matches('#')
        .split('&')
        .filter(|kv| !kv.is_empty() && kv.split('=').next() != Some(key))
        .map(str::to_string)
        .collect();
    if !value.is_empty() {
        parts.push(format!("{key}={value}"));
    }
    let location = window.location();
    let mut url = location.pathname().unwrap_or_default() + &location.search().unwrap_or_default();
    if !parts.is_empty() {
        url = format!("{url}#{}", parts.join("&"));
    }
    if let Ok(h) = window.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// `#now=<RFC 3339>`: a pinned evaluation time.
pub fn now_from_fragment() -> Option<i64> {
    crate::location::now_from_fragment(&hash())
}

fn message(kind: &str) -> js_sys::Object {
    let m = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&m, &"source".into(), &"kube-cert-inspector".into());
    let _ = js_sys::Reflect::set(&m, &"type".into(), &kind.into());
    m
}

impl Embed {
    fn post(&self, m: &js_sys::Object) {
        if let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) {
            let _ = parent.post_message(m, &self.origin);
        }
    }

    pub fn post_ready(&self) {
        self.post(&message("ready"));
    }

    /// Posts the report (its JSON, as the engine's worker made it) as a plain object.
    pub fn post_report_json(&self, json: &str) {
        let m = message("report");
        if let Ok(v) = js_sys::JSON::parse(json) {
            let _ = js_sys::Reflect::set(&m, &"report".into(), &v);
            self.post(&m);
        }
    }

    pub fn post_height(&self) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        // The body's height, not the document's scroll height: the latter never falls below the
        // frame's own height, so a frame could grow (to a full report) but never shrink back.
        let height = doc.body().map(|b| b.scroll_height()).unwrap_or(0);
        let m = message("resize");
        let _ = js_sys::Reflect::set(&m, &"height".into(), &JsValue::from(height));
        self.post(&m);
    }

    /// Listens for `inspect` messages from the parent at the allowed origin; calls `on_inspect`
    /// with the text, the pinned time (unix seconds) if one was given, the release and the view
    /// asked for. Answers `ping` with `ready`. The listener lives as long as the page.
    pub fn listen(&self, on_inspect: impl Fn(String, Option<i64>, Option<String>, Option<EmbedView>) + 'static) {
        let me = self.clone();
        let Some(window) = web_sys::window() else { return };
        let origin = self.origin.clone();
        let closure = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let Some(window) = web_sys::window() else { return };
            let from_parent = match (e.source(), window.parent().ok().flatten()) {
                (Some(src), Some(parent)) => js_sys::Object::is(&src, &parent),
                _ => false,
            };
            if !from_parent || e.origin() != origin {
                return;
            }
            let data = e.data();
            let get = |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
            if get("source").as_string().as_deref() != Some("kube-cert-inspector") {
                return;
            }
            match get("type").as_string().as_deref() {
                Some("inspect") => {}
                Some("ping") => return me.post_ready(),
                _ => return,
            }
            let Some(text) = get("text").as_string() else { return };
            // A malformed `now` is ignored: the clock applies.
            // So is an unknown `kubernetes`: the release stays as it was.
            let kubernetes = get("kubernetes")
                .as_string()
                .filter(|v| crate::engine::facts::release::Release::parse(v).is_some());
            let view = get("view").as_string().and_then(|v| EmbedView::parse(&v));
            on_inspect(text, crate::js::now_from_js(&get("now")).ok().flatten(), kubernetes, view);
        });
        let _ = window.add_event_listener_with_callback("message", closure.as_ref().unchecked_ref());
        closure.forget();
    }

    /// Posts the content height whenever it changes.
    pub fn watch_height(&self) {
        let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else {
            return;
        };
        let me = self.clone();
        let closure = Closure::<dyn Fn()>::new(move || me.post_height());
        if let Ok(observer) = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref()) {
            observer.observe(&body);
        }
        closure.forget();
    }
}
