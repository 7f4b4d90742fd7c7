//! The whole report: what was recognised, the overall verdict, then one card per object.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::access::RbacSummary;
use super::bundle::BundleTable;
use super::chain::ChainView;
use super::object::ObjectCard;
use super::queue::QueueTable;
use super::verdict::VerdictBanner;
use super::SharedReport;
use crate::engine::report::ObjectKind;

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub report: SharedReport,
}

/// Saves `text` as a file named `name` of type `mime`, through a Blob (the text never enters the
/// page's DOM: the link holds only a blob: URL, revoked at once).
pub(crate) fn download(text: &str, name: &str, mime: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    web_sys::Url::revoke_object_url(&url)
}

/// What the page says when the worker no longer keeps the report, or cannot run at all.
const GONE: &str = "The report's JSON is no longer available: inspect the input again.";
const NO_JSON: &str = "The report's JSON is not available in this browser.";

/// Downloads report `id`'s JSON (pretty, as the CLI's `--json` prints it), from the engine's
/// worker, which keeps the report: the page's module has no JSON serializer.
fn download_json(id: u32, say: UseStateHandle<Option<&'static str>>) {
    let Ok(engine) = super::background::engine() else {
        say.set(Some(NO_JSON));
        return;
    };
    engine.json(id, true, move |json| {
        say.set(Some(
            match json.map(|json| download(&json, "k8s-cert-report.json", "application/json")) {
                Ok(Ok(())) => "Report downloaded.",
                Ok(Err(_)) => "The browser refused the download.",
                Err(_) => GONE,
            },
        ))
    });
}

/// Copies report `id`'s JSON to the clipboard, and says so once the browser has written it (or
/// refused). The write starts inside the click, with the text to follow from the engine's worker
/// (a `ClipboardItem` holding a promise): Safari refuses a clipboard write that starts after an
/// asynchronous step. Where `ClipboardItem` is missing, the text is written when it arrives.
fn copy_json(id: u32, say: UseStateHandle<Option<&'static str>>) {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use wasm_bindgen::JsValue;
    const COPIED: &str = "Report JSON copied to the clipboard.";
    const REFUSED: &str = "The browser refused to write to the clipboard: use Download report JSON instead.";
    let (Some(w), Ok(engine)) = (web_sys::window(), super::background::engine()) else {
        say.set(Some(NO_JSON));
        return;
    };
    let clipboard = w.navigator().clipboard();
    type Settle = (js_sys::Function, js_sys::Function);
    let settle: Rc<RefCell<Option<Settle>>> = Rc::default();
    let text = {
        let settle = settle.clone();
        js_sys::Promise::new(&mut move |resolve, reject| *settle.borrow_mut() = Some((resolve, reject)))
    };
    let record = js_sys::Object::new();
    let item = js_sys::Reflect::set(&record, &"text/plain".into(), &text)
        .ok()
        .and_then(|_| web_sys::ClipboardItem::new_with_record_from_str_to_blob_promise(&record).ok());
    let started = item.is_some();
    // Set when the worker had no JSON to give: the write then fails for that reason, not a refusal.
    let gone = Rc::new(Cell::new(false));
    if let Some(item) = item {
        let written = wasm_bindgen_futures::JsFuture::from(clipboard.write(&js_sys::Array::of1(&item)));
        let (say, gone) = (say.clone(), gone.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let ok = written.await.is_ok();
            say.set(Some(if ok {
                COPIED
            } else if gone.get() {
                GONE
            } else {
                REFUSED
            }));
        });
    }
    engine.json(id, true, move |json| {
        let Some((resolve, reject)) = settle.borrow_mut().take() else {
            return;
        };
        let Ok(json) = json else {
            gone.set(true);
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(GONE));
            say.set(Some(GONE));
            return;
        };
        if started {
            let opts = web_sys::BlobPropertyBag::new();
            opts.set_type("text/plain");
            let parts = js_sys::Array::of1(&JsValue::from_str(&json));
            match web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) {
                Ok(blob) => drop(resolve.call1(&JsValue::NULL, &blob)),
                Err(e) => drop(reject.call1(&JsValue::NULL, &e)),
            }
        } else {
            let written = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&json));
            wasm_bindgen_futures::spawn_local(async move {
                say.set(Some(if written.await.is_ok() { COPIED } else { REFUSED }));
            });
        }
    });
}

/// `N` of a `#object-N` fragment.
fn hash_object() -> Option<usize> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix("#object-")?.parse().ok()
}

fn document_has(id: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .is_some()
}

/// Detail cards rendered before "show all": a bundle's table already lists everything.
const MAX_CARDS: usize = 50;

#[function_component(ReportView)]
pub fn report_view(p: &ReportProps) -> Html {
    let r = &p.report;
    let copied = use_state(|| None::<&'static str>);
    let on_download = {
        let (id, copied) = (r.1, copied.clone());
        Callback::from(move |_: MouseEvent| download_json(id, copied.clone()))
    };
    let on_copy = {
        let (id, copied) = (r.1, copied.clone());
        Callback::from(move |_: MouseEvent| copy_json(id, copied.clone()))
    };
    let top: Vec<usize> = r.objects.iter().filter(|o| o.parent.is_none()).map(|o| o.id).collect();
    let certs_only = top.len() >= 3 && top.iter().all(|i| r.objects[*i].kind == ObjectKind::Certificate);
    let for_csr = r.objects.iter().any(|o| o.request.is_some());
    let show_all = use_state(|| false);
    let shown = if *show_all { top.len() } else { top.len().min(MAX_CARDS) };
    // A link to a card not rendered yet (`#object-N` from a table row) renders it too, after the
    // first cards, and scrolls to it once it exists.
    let revealed = use_state(Vec::<usize>::new);
    {
        let (revealed, r) = (revealed.clone(), r.clone());
        use_effect_with(r.clone(), move |_| {
            revealed.set(Vec::new());
            let on_hash = Closure::<dyn Fn()>::new(move || {
                let Some(id) = hash_object() else { return };
                // The card that shows it: its top-level ancestor.
                let mut top = id;
                while let Some(p) = r.objects.get(top).and_then(|o| o.parent) {
                    top = p;
                }
                if document_has(&format!("object-{id}")) || top >= r.objects.len() {
                    return;
                }
                let mut v = (*revealed).clone();
                if !v.contains(&top) {
                    v.push(top);
                    revealed.set(v);
                }
            });
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
                }
            }
        });
    }
    use_effect_with((*revealed).clone(), |_| {
        if let (Some(id), Some(d)) = (hash_object(), web_sys::window().and_then(|w| w.document())) {
            if let Some(el) = d.get_element_by_id(&format!("object-{id}")) {
                el.scroll_into_view();
            }
        }
        || ()
    });
    let extra: Vec<usize> = revealed.iter().copied().filter(|i| !top[..shown].contains(i)).collect();
    let on_show_all = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(true))
    };
    let announcement = match (&r.error, &r.verdict) {
        (Some(e), _) => format!("Could not read the input: {}", e.message),
        (None, Some(v)) => format!("{}: {} {} objects found.", v.label, v.headline, r.objects.len()),
        _ => String::new(),
    };

    html! {
        <section class="report" aria-labelledby="report-heading">
            <h2 id="report-heading" class="visually-hidden">{ "Report" }</h2>
            <p class="visually-hidden" aria-live="polite">{ announcement }</p>
            <div class="recognised">
                <p class="judged">{ format!("Judged for {}.", r.judged_as) }</p>
                { for r.input.detected.iter().map(|d| html! { <p class="detected">{ if d.starts_with("Found ") { "" } else { "Recognised: " } }{ super::shown(d) }</p> }) }
                { for r.input.not_understood.iter().map(|d| html! { <p class="not-understood" role="alert"><strong>{ "Not understood: " }</strong>{ super::shown(d) }</p> }) }
                { for r.input.recovered.iter().map(|d| html! { <p class="recovered"><strong>{ "Recovered: " }</strong>{ super::shown(d) }</p> }) }
            </div>
            if let Some(e) = &r.error {
                <div class="error-box" role="alert">
                    <h3>{ "Could not read the input" }</h3>
                    <p>{ super::shown(&e.message) }</p>
                </div>
            }
            if let Some(v) = &r.verdict {
                if top.len() > 1 || !for_csr {
                    <VerdictBanner verdict={v.clone()} title={if for_csr { "Overall" } else { "Summary" }} />
                }
            }
            if !r.objects.is_empty() || r.rbac.is_some() {
                <div class="report-actions">
                    <button type="button" onclick={on_copy}>{ "Copy report as JSON" }</button>
                    <button type="button" onclick={on_download}>{ "Download report JSON" }</button>
                    if let Some(m) = *copied { <span role="status">{ m }</span> }
                </div>
            }
            <super::checklist::ChecklistView report={r.clone()} />
            <super::pki::PkiView report={r.clone()} />
            if !certs_only && r.pki.is_none() {
                <ChainView report={r.clone()} />
            }
            if certs_only {
                <BundleTable report={r.clone()} ids={top.clone()} />
            }
            if let Some(q) = &r.csr_queue {
                <QueueTable queue={q.clone()} />
            }
            <RbacSummary report={r.clone()} />
            { for top.iter().take(shown).chain(extra.iter()).map(|i| html! { <ObjectCard key={*i} report={r.clone()} index={*i} /> }) }
            if shown < top.len() {
                <button type="button" class="show-all" onclick={on_show_all}>{ format!("Show the other {} objects in detail", top.len() - shown) }</button>
            }
        </section>
    }
}
