//! The input area: paste or type, drop a file, pick a file, or choose an example.

use gloo_file::callbacks::FileReader;
use gloo_file::File;
use web_sys::{DragEvent, Event, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, InputEvent};
use yew::prelude::*;

use super::background::BIG_INPUT_BYTES;
use crate::engine::facts::release::{DEFAULT_MINOR, RELEASES};
use crate::examples::EXAMPLES;
use wasm_bindgen::JsCast;

#[derive(Properties, PartialEq)]
pub struct InputProps {
    pub text: String,
    /// Set when a binary file is loaded instead of text.
    pub file: Option<String>,
    pub example: Option<&'static str>,
    pub on_text: Callback<String>,
    /// Every file dropped or picked at once, in order: (name, bytes).
    pub on_file: Callback<Vec<(String, Vec<u8>)>>,
    pub on_example: Callback<String>,
    pub on_clear: Callback<()>,
    /// The Kubernetes release judged for ("1.34"; empty for the newest).
    pub kubernetes: String,
    pub on_kubernetes: Callback<String>,
}

/// Largest file read from disk; larger ones get a message instead (the engine refuses > 8 MiB).
const MAX_FILE: f64 = 8.0 * 1024.0 * 1024.0;
/// Files read so far, in the order given.
type Loaded = std::rc::Rc<std::cell::RefCell<Vec<Option<(String, Vec<u8>)>>>>;

/// Most files read at once, as for an archive (a node's /etc/kubernetes has about 30).
const MAX_FILES: u32 = crate::engine::read::archive::MAX_ENTRIES as u32;

#[function_component(InputPanel)]
pub fn input_panel(p: &InputProps) -> Html {
    let reader = use_mut_ref(Vec::<FileReader>::new);
    let dragging = use_state(|| false);
    let file_error = use_state(|| None::<String>);

    // Reads every file given (up to MAX_FILES), then hands them over together, in order.
    let read_files = {
        let reader = reader.clone();
        let on_file = p.on_file.clone();
        let file_error = file_error.clone();
        move |list: web_sys::FileList| {
            let files: Vec<web_sys::File> = (0..list.length().min(MAX_FILES)).filter_map(|i| list.get(i)).collect();
            if list.length() > MAX_FILES {
                file_error.set(Some(format!("{} files given; the first {MAX_FILES} were read.", list.length())));
            } else {
                file_error.set(None);
            }
            if let Some(big) = files.iter().find(|f| f.size() > MAX_FILE) {
                file_error.set(Some(format!(
                    "{} is {:.1} MiB; expected at most 8 MiB.",
                    big.name(),
                    big.size() / 1048576.0
                )));
                return;
            }
            let total = files.len();
            let done: Loaded = std::rc::Rc::new(std::cell::RefCell::new(vec![None; total]));
            let mut tasks = Vec::new();
            for (i, file) in files.into_iter().enumerate() {
                // A folder picked with the directory picker: the path inside it.
                let relative = js_sys::Reflect::get(&file, &"webkitRelativePath".into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .filter(|p| !p.is_empty());
                let name = relative.unwrap_or_else(|| file.name());
                let (done, on_file, file_error) = (done.clone(), on_file.clone(), file_error.clone());
                tasks.push(gloo_file::callbacks::read_as_bytes(&File::from(file), move |res| match res {
                    Ok(bytes) => {
                        let all = {
                            let mut d = done.borrow_mut();
                            d[i] = Some((name, bytes));
                            d.iter()
                                .all(Option::is_some)
                                .then(|| d.iter_mut().filter_map(Option::take).collect::<Vec<_>>())
                        };
                        if let Some(all) = all {
                            on_file.emit(all);
                        }
                    }
                    Err(e) => file_error.set(Some(format!("Could not read {name}: {e}"))),
                }));
            }
            *reader.borrow_mut() = tasks;
        }
    };

    let oninput = {
        let on_text = p.on_text.clone();
        Callback::from(move |e: InputEvent| {
            let t: HtmlTextAreaElement = e.target_unchecked_into();
            let text = t.value();
            if text.len() >= BIG_INPUT_BYTES {
                // Out of the box before the browser lays it out (seconds for megabytes).
                t.set_value("");
            }
            on_text.emit(text);
        })
    };
    // A big paste never enters the box at all: the browser's own insertion and layout of
    // megabytes of text would freeze the tab before any of our code runs.
    let onpaste = {
        let on_text = p.on_text.clone();
        Callback::from(move |e: Event| {
            let Some(e) = e.dyn_ref::<web_sys::ClipboardEvent>() else { return };
            let text = e.clipboard_data().and_then(|d| d.get_data("text/plain").ok()).unwrap_or_default();
            if text.len() >= BIG_INPUT_BYTES {
                e.prevent_default();
                on_text.emit(text);
            }
        })
    };
    let onchange_file = {
        let read_files = read_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(l) = input.files() {
                read_files(l);
            }
            input.set_value("");
        })
    };
    let ondrop = {
        let dragging = dragging.clone();
        let on_file = p.on_file.clone();
        let file_error = file_error.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let Some(dt) = e.data_transfer() else { return };
            // A dropped folder is walked (its files keep their paths); plain files are read as they are.
            let entries = super::folder::dropped_entries(&dt);
            if entries.iter().any(super::folder::is_directory) {
                let (on_file, file_error) = (on_file.clone(), file_error.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match super::folder::read_entries(entries).await {
                        Ok((files, note)) => {
                            file_error.set(note);
                            if !files.is_empty() {
                                on_file.emit(files);
                            }
                        }
                        Err(e) => file_error.set(Some(e)),
                    }
                });
            } else if let Some(l) = dt.files() {
                read_files(l);
            }
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let onchange_example = {
        let on_example = p.on_example.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            on_example.emit(s.value());
        })
    };
    let onchange_kubernetes = {
        let on_kubernetes = p.on_kubernetes.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            on_kubernetes.emit(s.value());
        })
    };
    let onclear = {
        let on_clear = p.on_clear.clone();
        Callback::from(move |_: MouseEvent| on_clear.emit(()))
    };

    html! {
        <section class="input" aria-labelledby="input-heading">
            <h2 id="input-heading" class="visually-hidden">{ "Input" }</h2>
            <div class="toolbar">
                <label for="example-select">{ "Examples" }</label>
                <select id="example-select" onchange={onchange_example}>
                    <option value="" selected={p.example.is_none()}>{ "Choose an example…" }</option>
                    { for EXAMPLES.iter().map(|e| html! {
                        <option value={e.id} selected={p.example == Some(e.id)}>{ e.title }</option>
                    }) }
                    <option value="lab">{ "Make your own request (the learner's lab)…" }</option>
                    <option value="lab-walk">{ "Walk through it: request → approve → kubeconfig → can-i…" }</option>
                </select>
                <label class="button" for="file-input">{ "Open files…" }</label>
                <input id="file-input" class="visually-hidden" type="file" multiple=true onchange={onchange_file.clone()}
                    accept=".pem,.crt,.cer,.csr,.der,.key,.pub,.yaml,.yml,.json,.conf,.kubeconfig,.txt,.b64,.tar,.tgz,.gz" />
                <label class="button" for="folder-input" title="A control plane's /etc/kubernetes, audited at once">{ "Open a folder…" }</label>
                <input id="folder-input" class="visually-hidden" type="file" webkitdirectory=true multiple=true onchange={onchange_file} />
                <button type="button" onclick={onclear} disabled={p.text.is_empty() && p.file.is_none()}>{ "Clear" }</button>
                <label for="kubernetes-select" title="Releases differ: the Go release that parses certificates, and whether the UID attribute is read">{ "Judge for Kubernetes" }</label>
                <select id="kubernetes-select" onchange={onchange_kubernetes}>
                    { for RELEASES.iter().rev().map(|r| {
                        let default = r.minor == DEFAULT_MINOR;
                        let value = if default { String::new() } else { r.name() };
                        html! {
                            <option value={value.clone()} selected={p.kubernetes == value || (default && p.kubernetes == r.name())}>
                                { format!("{} ({}; Go 1.{})", r.name(), r.status(), r.go) }
                            </option>
                        }
                    }) }
                </select>
            </div>
            <label for="input-text" class="input-label">{ "Paste PEM, base64, DER, YAML or JSON, or the error kubectl printed (with your kubeconfig or certificate), or drop files, a folder or a .tgz here" }</label>
            <textarea id="input-text" class={classes!("input-text", dragging.then_some("dragging"))}
                spellcheck="false" autocomplete="off" autocapitalize="off"
                placeholder={p.file.clone().unwrap_or_else(|| "-----BEGIN CERTIFICATE REQUEST-----\n…\nor: kubectl get csr NAME -o yaml\nor: Error from server (Forbidden): … (with your kubeconfig)".to_string())}
                value={p.text.clone()} {oninput} {onpaste} {ondrop} {ondragover} {ondragleave} />
            if let Some(f) = &p.file {
                <p class="file-note" role="status">{ format!("Loaded {f}.") }</p>
            }
            if let Some(e) = &*file_error {
                <p class="error" role="alert">{ e }</p>
            }
        </section>
    }
}
