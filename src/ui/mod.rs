//! The Yew front end. It renders the engine's `Report` and never derives a fact itself.
//! State lives in one reducer; components are function components, one per file.

mod access;
mod background;
mod bundle;
mod bytes;
mod chain;
mod checklist;
mod commands;
mod compact;
mod contain;
mod details;
mod embed;
mod error_message;
use crate::examples;
mod findings;
mod folder;
mod identity;
mod input;
mod kubeconfig;
mod lab;
mod object;
mod pki;
mod queue;
mod report;
mod shell;
mod timeline;
mod verdict;
mod walk;

/// Text from the input as the page shows it: control characters, line breaks and bidi or
/// zero-width characters become visible `\u{…}` escapes, so a value cannot reorder, hide or
/// fake what the reviewer reads (Yew already renders it as inert text, never markup).
pub(crate) fn shown(s: &str) -> String {
    crate::engine::util::escape_for_display(s).into_owned()
}

use std::rc::Rc;

/// Table rows rendered before "Show more": thousands of rows would cost the browser seconds of
/// layout, and the full list is always in the report JSON.
pub(crate) const PAGE_ROWS: usize = 200;

/// The "Show more" button under a list cut at `*limit` of `total` entries; nothing once all show.
pub(crate) fn more_button(limit: &UseStateHandle<usize>, total: usize, what: &str) -> Html {
    if **limit >= total {
        return html! {};
    }
    let rest = total - **limit;
    let onclick = {
        let limit = limit.clone();
        Callback::from(move |_: MouseEvent| limit.set(*limit + PAGE_ROWS))
    };
    html! {
        <p class="show-more">
            <button type="button" {onclick}>{ format!("Show {} more {what}", rest.min(PAGE_ROWS)) }</button>
            <span class="hint">{ format!(" {} of {total} shown; the report JSON has them all.", **limit) }</span>
        </p>
    }
}

/// A byte count as people read it: "512 bytes", "120 KB", "5.0 MB".
pub(crate) fn size_text(n: usize) -> String {
    match n {
        0..=1023 => format!("{n} bytes"),
        1024..=1_048_575 => format!("{} KB", n / 1024),
        _ => format!("{:.1} MB", n as f64 / 1_048_576.0),
    }
}

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::engine::report::Report;
use background::BIG_INPUT_BYTES;

pub fn start() {
    // Into a root of its own: Yew empties the element it renders into, and the body holds the
    // first view (www/boot.js) until this page's report replaces it.
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| {
        let body = d.body()?;
        let root = d.create_element("div").ok()?;
        root.set_id("app");
        body.append_child(&root).ok()?;
        Some(root)
    });
    match root {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}

/// A shared report, compared by identity: `Rc<Report>`'s own `PartialEq` compares contents,
/// which made every component re-compare the whole report (seconds for a 144-certificate bundle).
/// The `u32` is the id the engine's worker keeps it under, to ask about it afterwards
/// (`background::Engine::ask`, `background::Engine::json`).
#[derive(Clone)]
pub struct SharedReport(pub Rc<Report>, pub u32);

impl PartialEq for SharedReport {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for SharedReport {
    type Target = Report;
    fn deref(&self) -> &Report {
        &self.0
    }
}

/// What is being inspected.
#[derive(Clone, PartialEq)]
pub enum Source {
    Text(String),
    /// A dropped or picked file that is not UTF-8 text (DER).
    Binary {
        name: String,
        bytes: Rc<Vec<u8>>,
    },
}

/// The page's state, matched in `html!`.
#[derive(Clone, PartialEq)]
pub enum View {
    Empty,
    /// A big input is being analysed in the background: what is happening now.
    Working(String),
    /// The background analysis failed: why.
    Failed(String),
    Ready(SharedReport),
}

#[derive(Clone, PartialEq)]
pub struct State {
    pub source: Source,
    pub view: View,
    /// The example shown, if the input is one.
    pub example: Option<&'static str>,
    /// A pinned evaluation time (unix seconds) from an embedding page; the clock otherwise.
    pub now: Option<i64>,
    /// The input was typed (or pasted) into the box: its analysis waits for a pause in typing.
    pub typed: bool,
    /// The Kubernetes release judged for ("1.34"); empty for the newest.
    pub kubernetes: String,
}

pub enum Action {
    /// The text changed (typing, paste, example, file); analysis follows after a pause.
    SetText {
        text: String,
        example: Option<&'static str>,
        typed: bool,
    },
    SetBinary {
        name: String,
        bytes: Vec<u8>,
    },
    Analysed(SharedReport),
    Working(String),
    Failed(String),
    Clear,
    /// Text, time and release from an embedding page (postMessage).
    Pin {
        text: String,
        now: Option<i64>,
        kubernetes: Option<String>,
    },
    /// The Kubernetes release judged for changed (the selector).
    SetKubernetes(String),
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        s.typed = false;
        match action {
            Action::SetText { text, example, typed } => {
                s.source = Source::Text(text);
                s.example = example;
                s.typed = typed;
            }
            Action::SetBinary { name, bytes } => {
                s.source = Source::Binary {
                    name,
                    bytes: Rc::new(bytes),
                };
                s.example = None;
            }
            Action::Analysed(r) => s.view = View::Ready(r),
            Action::Working(m) => s.view = View::Working(m),
            Action::Failed(m) => s.view = View::Failed(m),
            Action::Pin { text, now, kubernetes } => {
                s.source = Source::Text(text);
                s.now = now;
                s.example = None;
                if let Some(k) = kubernetes {
                    s.kubernetes = k;
                }
            }
            Action::SetKubernetes(k) => s.kubernetes = k,
            Action::Clear => {
                s.source = Source::Text(String::new());
                s.view = View::Empty;
                s.example = None;
            }
        }
        Rc::new(s)
    }
}

fn now_unix() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

impl Source {
    fn bytes(&self) -> &[u8] {
        match self {
            Source::Text(t) => t.as_bytes(),
            Source::Binary { bytes, .. } => bytes,
        }
    }
}

/// One file stays itself (text in the box, or binary). Several files, or a folder, are packed
/// into one tar archive, which the engine unpacks like any archive: every object keeps its
/// file's path as its source, and a node's /etc/kubernetes is recognised as its PKI.
/// `Err` carries binary input: (what to call it, bytes).
fn join_files(mut files: Vec<(String, Vec<u8>)>) -> Result<String, (String, Vec<u8>)> {
    if files.len() == 1 {
        let (name, bytes) = files.remove(0);
        return String::from_utf8(bytes).map_err(|e| (name, e.into_bytes()));
    }
    let n = files.len();
    let folder = files
        .first()
        .and_then(|(p, _)| p.split_once('/').map(|(d, _)| d.to_string()))
        .filter(|d| files.iter().all(|(p, _)| p.starts_with(&format!("{d}/"))));
    let mut tar = tar::Builder::new(Vec::new());
    for (name, bytes) in &files {
        let mut h = tar::Header::new_gnu();
        h.set_size(bytes.len() as u64);
        // Mode 0: not known (a browser cannot see a file's mode), so the engine does not judge it.
        h.set_mode(0);
        h.set_cksum();
        let _ = tar.append_data(&mut h, name, bytes.as_slice());
    }
    let packed = tar.into_inner().unwrap_or_default();
    Err((
        match folder {
            Some(d) => format!("folder {d}: {n} files"),
            None => format!("{n} files"),
        },
        packed,
    ))
}

/// Removes the first view and index.html's shell (www/boot.js) and shows this page in their
/// place; from then on the page alone answers its box and an embedding page.
fn first_done() {
    let _ = js_sys::Reflect::set(&js_sys::global(), &"__kciFirstDone".into(), &true.into());
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(v) = doc.get_element_by_id("first-view") {
        v.remove();
    }
    if let Some(b) = doc.body() {
        let _ = b.class_list().remove_1("kci-first");
    }
    // Last: the page's box can take the focus only once nothing hides it.
    shell::remove();
}

/// Files dropped or picked: one file of text goes into the box; anything else is binary input
/// (several files packed as one archive).
fn files_action(files: Vec<(String, Vec<u8>)>) -> Action {
    match join_files(files) {
        Ok(text) => Action::SetText {
            text,
            example: None,
            typed: false,
        },
        Err((name, bytes)) => Action::SetBinary { name, bytes },
    }
}

/// `#example=<id>` in the URL preselects an example (for documentation pages and links).
fn example_from_hash() -> Option<&'static examples::Example> {
    let hash = web_sys::window()?.location().hash().ok()?;
    examples::find(crate::location::fragment_value(&hash, "example")?)
}

#[function_component(App)]
pub fn app() -> Html {
    let embed = use_memo((), |_| embed::config());
    let state = use_reducer(|| {
        let now = embed::now_from_fragment();
        let kubernetes = embed::kubernetes_from_url();
        let blank = State {
            source: Source::Text(String::new()),
            view: View::Empty,
            example: None,
            now,
            typed: false,
            kubernetes: kubernetes.clone(),
        };
        // What the reader put into index.html's box before this page started (www/boot.js)
        // comes first: it is what they see; then `#text=`, then `#example=`.
        let (text, example) = match shell::input() {
            Some(shell::Input::Files(files)) => return (*Rc::new(blank).reduce(files_action(files))).clone(),
            Some(shell::Input::Text(text)) => {
                let example = example_from_hash().filter(|e| e.text == text).map(|e| e.id);
                (text, example)
            }
            None => match (embed::text_from_fragment(), example_from_hash()) {
                (Some(text), _) => (text, None),
                (None, Some(e)) => (e.text.to_string(), Some(e.id)),
                (None, None) => return blank,
            },
        };
        State {
            source: Source::Text(text),
            example,
            ..blank
        }
    });
    // Embedded: the view a docs page asked for (`?embed&view=`, then each `inspect` message's).
    let embed_view = use_state(|| embed.as_ref().as_ref().map(|e| e.view).unwrap_or(compact::EmbedView::Full));
    // Embedded: listen to the parent, report height changes, then say "ready" (once).
    {
        let state = state.clone();
        let embed = embed.clone();
        let embed_view = embed_view.clone();
        use_effect_with((), move |_| {
            if let Some(e) = embed.as_ref() {
                let dispatcher = state.dispatcher();
                e.listen(move |text, now, kubernetes, view| {
                    if let Some(v) = view {
                        embed_view.set(v);
                    }
                    dispatcher.dispatch(Action::Pin { text, now, kubernetes })
                });
                e.watch_height();
                e.post_ready();
            }
            || ()
        });
    }
    // Embedded: every new report goes to the parent.
    {
        let embed = embed.clone();
        use_effect_with(state.view.clone(), move |view| {
            if let (Some(e), View::Ready(r), Ok(engine)) = (embed.as_ref(), view, background::engine()) {
                let e = e.clone();
                engine.json(r.1, false, move |json| {
                    if let Ok(json) = json {
                        e.post_report_json(&json);
                    }
                });
            }
            || ()
        });
    }
    let pending = use_mut_ref(|| None::<Timeout>);
    // What the reader puts into index.html's box (www/boot.js) until this page replaces it.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            shell::listen(move |input| {
                dispatcher.dispatch(match input {
                    shell::Input::Text(text) => Action::SetText {
                        text,
                        example: None,
                        typed: true,
                    },
                    shell::Input::Files(files) => files_action(files),
                })
            })
        });
    }
    // `#lab` opens the learner's lab instead of the inspector; the back button closes it.
    let lab_open = use_state(lab::in_fragment);
    {
        let lab_open = lab_open.clone();
        use_effect_with((), move |_| {
            let on_hash = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || lab_open.set(lab::in_fragment()));
            let w = web_sys::window();
            if let Some(w) = &w {
                use wasm_bindgen::JsCast;
                let _ = w.add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = w {
                    use wasm_bindgen::JsCast;
                    let _ = w.remove_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
                }
            }
        });
    }

    // The engine's module downloads in its worker while the page renders; `engine_up` once it has
    // started (or failed to).
    let engine_up = use_state(|| false);
    {
        let engine_up = engine_up.setter();
        use_effect_with((), move |_| {
            match background::engine() {
                Ok(e) => e.when_settled(move || engine_up.set(true)),
                Err(_) => engine_up.set(true),
            }
            || ()
        });
    }

    // The first view and index.html's shell (www/boot.js, issue #24) give way once this page has a
    // report or an error of its own to show, or nothing to show: the lab, or an empty box once the
    // engine has started (until then the shell's box answers a paste with the first module at once,
    // where this page's box would wait for the engine: ~1.8 s on the phone profile).
    {
        let settled = matches!(state.view, View::Ready(_) | View::Failed(_));
        let blank = matches!(&state.source, Source::Text(t) if t.trim().is_empty());
        use_effect_with((settled, blank, *lab_open, *engine_up), |&(settled, blank, lab, engine_up)| {
            if settled || (shell::present() && ((blank && engine_up) || lab)) {
                first_done();
            }
        });
    }

    // Analyse whenever the input changes, in the engine's worker (typing is debounced); the page
    // shows progress for a big input and stays responsive whatever the size.
    {
        let state = state.clone();
        let pending = pending.clone();
        use_effect_with(
            (state.source.clone(), state.now, state.kubernetes.clone()),
            move |(source, now, kubernetes)| {
                let (source, now, typed, kubernetes) = (source.clone(), *now, state.typed, kubernetes.clone());
                let dispatcher = state.dispatcher();
                *pending.borrow_mut() = None;
                let engine = background::engine();
                if let Ok(e) = &engine {
                    e.cancel();
                }
                if matches!(&source, Source::Text(t) if t.trim().is_empty()) {
                    dispatcher.dispatch(Action::Clear);
                } else {
                    let len = source.bytes().len();
                    let run = move || {
                        let d = dispatcher.clone();
                        let on_progress: Rc<dyn Fn(background::Progress)> = Rc::new(move |p| match p {
                            background::Progress::Status(m) => d.dispatch(Action::Working(m)),
                            background::Progress::Done(r, id) => d.dispatch(Action::Analysed(SharedReport(Rc::new(*r), id))),
                            background::Progress::Failed(m) => d.dispatch(Action::Failed(m)),
                        });
                        match background::engine() {
                            Ok(e) => e.analyse(source.bytes(), now.unwrap_or_else(now_unix), &kubernetes, on_progress),
                            Err(e) => dispatcher.dispatch(Action::Failed(e)),
                        }
                    };
                    // Typing pauses before each analysis; a file, an example or an embedding page's text
                    // does not wait.
                    let delay = if typed && len < BIG_INPUT_BYTES { 200 } else { 0 };
                    *pending.borrow_mut() = Some(Timeout::new(delay, run));
                }
                || ()
            },
        );
    }

    let on_text = {
        let state = state.clone();
        Callback::from(move |text: String| {
            state.dispatch(Action::SetText {
                text,
                example: None,
                typed: true,
            })
        })
    };
    let on_file = {
        let state = state.clone();
        Callback::from(move |files: Vec<(String, Vec<u8>)>| state.dispatch(files_action(files)))
    };
    let on_example = {
        let state = state.clone();
        Callback::from(move |id: String| {
            // The lab and its walk-through are views, opened by the fragment; the rest are inputs.
            let lab = match id.as_str() {
                "lab" => Some("lab"),
                "lab-walk" => Some("lab&walk"),
                _ => None,
            };
            if let Some(hash) = lab {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().set_hash(hash);
                }
            } else if let Some(e) = examples::find(&id) {
                state.dispatch(Action::SetText {
                    text: e.text.to_string(),
                    example: Some(e.id),
                    typed: false,
                });
            }
        })
    };
    let on_clear = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Clear))
    };
    let on_kubernetes = {
        let state = state.clone();
        Callback::from(move |k: String| {
            embed::set_fragment("kubernetes", &k);
            state.dispatch(Action::SetKubernetes(k))
        })
    };

    let (text, file) = match &state.source {
        Source::Text(t) if t.len() >= BIG_INPUT_BYTES => (
            String::new(),
            Some(format!(
                "{} of text, not shown in the box: too large to edit here",
                size_text(t.len())
            )),
        ),
        Source::Text(t) => (t.clone(), None),
        Source::Binary { name, bytes } => (
            String::new(),
            Some(if crate::engine::read::archive::is_archive(bytes) {
                format!("{name} ({}, read as an archive: each file by its path)", size_text(bytes.len()))
            } else {
                format!("{name} ({} bytes of binary data, read as DER)", bytes.len())
            }),
        ),
    };

    if embed.is_some() {
        // The compact layout: the report alone, no page chrome and no input box.
        return html! {
            <>
            <main id="main" class="embedded">
            {
                match &state.view {
                    View::Empty => html! { <p class="empty" aria-live="polite">{ "Waiting for something to inspect." }</p> },
                    View::Working(m) => working(m),
                    View::Failed(m) => failed(m),
                    View::Ready(r) if *embed_view == compact::EmbedView::Full => html! { <report::ReportView report={r.clone()} /> },
                    View::Ready(r) => {
                        let set = embed_view.setter();
                        let on_full = Callback::from(move |_| set.set(compact::EmbedView::Full));
                        html! { <compact::CompactReport report={r.clone()} view={*embed_view} on_full={on_full} /> }
                    }
                }
            }
            </main>
            <p class="embed-footer">{ "Kubernetes certificate inspector: runs in this browser; nothing leaves the page." }</p>
            </>
        };
    }
    html! {
        <>
        <header class="site-header">
            <h1>{ "Kubernetes certificate inspector" }</h1>
            <p class="tagline">{ "Paste a certificate, a CSR, " }<code>{ "kubectl get csr -o yaml" }</code>{ " or a kubeconfig: see who it makes you in Kubernetes, when it expires, and what is risky." }</p>
            <p class="privacy" role="note">
                { "Everything runs in your browser. Nothing you paste leaves this page or is stored: the page's Content-Security-Policy forbids it any network connection. Private keys and tokens are recognised, never displayed." }
            </p>
        </header>
        <nav class="modes" aria-label="What to do">
            if *lab_open {
                <a href="#">{ "← Back to inspecting what you paste" }</a>
            } else {
                <a href="#lab">{ "Learning? Make your own request and watch it become a user →" }</a>
            }
        </nav>
        if *lab_open {
            <main id="main">
                <lab::LabView now={state.now} kubernetes={state.kubernetes.clone()} />
            </main>
        } else {
        <main id="main">
            <input::InputPanel {text} {file} example={state.example} kubernetes={state.kubernetes.clone()} {on_text} {on_file} {on_example} {on_clear} {on_kubernetes} />
            {
                match &state.view {
                    View::Empty => html! {
                        <section class="empty" aria-live="polite">
                            <p>{ "Nothing to inspect yet. Paste or drop something above, or pick an example." }</p>
                        </section>
                    },
                    View::Working(m) => working(m),
                    View::Failed(m) => failed(m),
                    View::Ready(r) => html! { <report::ReportView report={r.clone()} /> },
                }
            }
        </main>
        }
        <footer class="site-footer">
            <p>{ "Identity rules follow the Kubernetes API server's x509 authenticator and CSR validation; each finding cites its source. " }
               <a href="https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/">{ "Kubernetes CSR documentation" }</a></p>
        </footer>
        </>
    }
}

fn working(status: &str) -> Html {
    html! {
        <section class="working" role="status" aria-live="polite">
            <p>{ status.to_string() }</p>
            <progress aria-label="Analysis in progress"></progress>
            <p class="hint">{ "The page stays usable meanwhile; the input never leaves this browser." }</p>
        </section>
    }
}

fn failed(why: &str) -> Html {
    html! {
        <div class="error-box" role="alert">
            <h3>{ "The analysis stopped" }</h3>
            <p>{ format!("Expected a report from the background analysis; found an error instead: {}", shown(why)) }</p>
        </div>
    }
}
