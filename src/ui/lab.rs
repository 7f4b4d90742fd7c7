//! The learner's lab (issue #22), `#lab`: make a request in the page and watch it become a user.
//!
//! The learner types a username, groups, a key type, a lifetime and a signer. As they type, the
//! page makes the real thing: a key pair from the browser's WebCrypto (made once per key type,
//! kept in memory only), the request the engine encodes (`engine::compose`, in the worker), signed
//! here with that key, and the CertificateSigningRequest object around it, which the engine then
//! inspects exactly as if it had been pasted: the verdict and the identity below are the engine's.
//!
//! The private key never enters the DOM, a report, the URL or storage: it is a non-displayed
//! `CryptoKey`, exported (PKCS#8 PEM) only into a file the learner asks to download.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, InputEvent};
use yew::prelude::*;

use super::background::{self, js_error as js_err, Progress};
use super::details::CopyButton;
use super::SharedReport;
use crate::engine::compose::{Draft, KeyType, Made, Step, SIGNERS};

/// The browser's key pair for one key type: the private key (never displayed) and the public
/// key's SubjectPublicKeyInfo.
pub(super) struct Key {
    kind: KeyType,
    private: web_sys::CryptoKey,
    pub(super) spki: Vec<u8>,
}

fn subtle() -> Result<web_sys::SubtleCrypto, String> {
    let crypto = web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(|_| "this browser has no WebCrypto")?;
    Ok(crypto.subtle())
}

/// WebCrypto's algorithm object for a key type (generation when `generate`, else signing).
fn algorithm(kind: KeyType, generate: bool) -> js_sys::Object {
    let a = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&a, &k.into(), &v);
    };
    match kind.rsa_bits() {
        None => {
            set("name", "ECDSA".into());
            if generate {
                set("namedCurve", "P-256".into());
            } else {
                set("hash", "SHA-256".into());
            }
        }
        Some(bits) => {
            set("name", "RSASSA-PKCS1-v1_5".into());
            if generate {
                set("modulusLength", bits.into());
                set("publicExponent", js_sys::Uint8Array::from(&[1u8, 0, 1][..]).into());
                set("hash", "SHA-256".into());
            }
        }
    }
    a
}

/// A key pair of `kind`; `extractable` when the learner may download its private key (the
/// practice CA's is not: nothing can take it out of the browser's key store).
pub(super) async fn make_key(kind: KeyType, extractable: bool) -> Result<Key, String> {
    let subtle = subtle()?;
    let usages = js_sys::Array::of2(&"sign".into(), &"verify".into());
    let pair = JsFuture::from(
        subtle
            .generate_key_with_object(&algorithm(kind, true), extractable, &usages)
            .map_err(js_err)?,
    )
    .await
    .map_err(js_err)?;
    let get = |k: &str| -> Result<web_sys::CryptoKey, String> {
        js_sys::Reflect::get(&pair, &k.into())
            .map_err(js_err)?
            .dyn_into::<web_sys::CryptoKey>()
            .map_err(|_| "the browser made no key pair".to_string())
    };
    let (private, public) = (get("privateKey")?, get("publicKey")?);
    let spki = JsFuture::from(subtle.export_key("spki", &public).map_err(js_err)?)
        .await
        .map_err(js_err)?;
    Ok(Key {
        kind,
        private,
        spki: js_sys::Uint8Array::new(&spki).to_vec(),
    })
}

pub(super) async fn sign(key: &Key, data: &[u8]) -> Result<Vec<u8>, String> {
    let promise = subtle()?
        .sign_with_object_and_u8_array(&algorithm(key.kind, false), &key.private, data)
        .map_err(js_err)?;
    let sig = JsFuture::from(promise).await.map_err(js_err)?;
    Ok(js_sys::Uint8Array::new(&sig).to_vec())
}

/// One request to the engine's worker, awaited.
pub(super) async fn engine_bytes(kind: &'static str, fields: Vec<(&'static str, Vec<u8>)>) -> Result<Vec<u8>, String> {
    let engine = background::engine()?;
    type Answer = Option<Result<Vec<u8>, String>>;
    let result: Rc<RefCell<Answer>> = Rc::default();
    let promise = {
        let result = result.clone();
        js_sys::Promise::new(&mut move |resolve, _| {
            let result = result.clone();
            let borrowed: Vec<(&str, &[u8])> = fields.iter().map(|(k, v)| (*k, v.as_slice())).collect();
            engine.lab(kind, &borrowed, move |r| {
                *result.borrow_mut() = Some(r);
                let _ = resolve.call0(&JsValue::NULL);
            });
        })
    };
    let _ = JsFuture::from(promise).await;
    let r = result.borrow_mut().take();
    r.unwrap_or_else(|| Err("the engine did not answer".into()))
}

/// Makes the request for `draft` with `key`: what the engine encodes, signed here.
async fn make(draft: &Draft, key: &Key) -> Result<Made, String> {
    let d = postcard::to_allocvec(draft).map_err(|e| e.to_string())?;
    let info = engine_bytes("lab_info", vec![("draft", d.clone()), ("spki", key.spki.clone())]).await?;
    let signature = sign(key, &info).await?;
    let made = engine_bytes("lab_finish", vec![("draft", d), ("info", info), ("signature", signature)]).await?;
    postcard::from_bytes(&made).map_err(|e| format!("the request made could not be read: {e}"))
}

/// The private key as a PKCS#8 PEM file, downloaded: the only way it leaves the page's memory.
async fn download_key(key: Rc<Key>, name: String) -> Result<(), String> {
    let pkcs8 = JsFuture::from(subtle()?.export_key("pkcs8", &key.private).map_err(js_err)?)
        .await
        .map_err(js_err)?;
    let pem = crate::engine::compose::pem("PRIVATE KEY", &js_sys::Uint8Array::new(&pkcs8).to_vec());
    super::report::download(&pem, &name, "application/x-pem-file").map_err(js_err)
}

/// A block of text to take away, with its copy button.
fn artefact(title: &str, id: &str, text: &str, why: &str) -> Html {
    html! {
        <section class="lab-artefact" aria-labelledby={format!("{id}-h")}>
            <h4 id={format!("{id}-h")}>{ title.to_string() }
                <CopyButton text={AttrValue::from(text.to_string())} what={AttrValue::from(title.to_string())} /></h4>
            <p class="hint">{ why.to_string() }</p>
            <pre id={id.to_string()} class="artefact" tabindex="0">{ text.to_string() }</pre>
        </section>
    }
}

fn steps_view(title: &str, id: &str, steps: &[Step], why: &str) -> Html {
    let all: String = steps.iter().map(|s| format!("{}\n", s.command)).collect();
    html! {
        <section class="lab-artefact" aria-labelledby={format!("{id}-h")}>
            <h4 id={format!("{id}-h")}>{ title.to_string() }
                <CopyButton text={AttrValue::from(all)} what={AttrValue::from(title.to_string())} /></h4>
            <p class="hint">{ why.to_string() }</p>
            <ol id={id.to_string()} class="lab-steps">
                { for steps.iter().map(|s| html! { <li><pre class="artefact">{ s.command.clone() }</pre><p class="why">{ s.why.clone() }</p></li> }) }
            </ol>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct LabProps {
    /// The pinned time (an embedding page's, or the URL's), else the clock.
    pub now: Option<i64>,
    pub kubernetes: String,
}

/// Lifetime presets: (seconds, label).
const LIFETIMES: [(u64, &str); 5] = [
    (3_600, "1 hour"),
    (86_400, "1 day"),
    (604_800, "7 days"),
    (2_592_000, "30 days"),
    (31_536_000, "1 year (the built-in signers' usual cap)"),
];

#[function_component(LabView)]
pub fn lab_view(p: &LabProps) -> Html {
    let draft = use_state(Draft::default);
    let groups_text = use_state(|| "developers".to_string());
    // The request made, the draft it was made from, and when (the walk-through issues at that time).
    let made = use_state(|| None::<(Draft, Made, i64)>);
    let report = use_state(|| None::<SharedReport>);
    let status = use_state(|| None::<String>);
    let key: Rc<RefCell<Option<Rc<Key>>>> = use_mut_ref(|| None);
    let generation = use_mut_ref(|| 0u32);
    let pending = use_mut_ref(|| None::<Timeout>);

    // Whenever the draft changes: the key (made once per type), the request, its object, and the
    // engine's report of the object, as if pasted.
    {
        let (made, report, status, key, generation, pending) = (
            made.clone(),
            report.clone(),
            status.clone(),
            key.clone(),
            generation.clone(),
            pending.clone(),
        );
        let (now, kubernetes) = (p.now, p.kubernetes.clone());
        use_effect_with((*draft).clone(), move |d: &Draft| {
            let d = d.clone();
            let gen = generation.borrow().wrapping_add(1);
            *generation.borrow_mut() = gen;
            let run = move || {
                wasm_bindgen_futures::spawn_local(async move {
                    let current = || *generation.borrow() == gen;
                    let have = key.borrow().as_ref().filter(|k| k.kind == d.key).cloned();
                    let k = match have {
                        Some(k) => k,
                        None => {
                            if d.key.rsa_bits().is_some() {
                                status.set(Some(format!("Making an {} key pair in this browser…", d.key.label())));
                            }
                            match make_key(d.key, true).await {
                                Ok(k) => {
                                    let k = Rc::new(k);
                                    *key.borrow_mut() = Some(k.clone());
                                    k
                                }
                                Err(e) => return status.set(Some(format!("The browser could not make a key: {e}"))),
                            }
                        }
                    };
                    if !current() {
                        return;
                    }
                    match make(&d, &k).await {
                        Ok(m) if current() => {
                            status.set(None);
                            let yaml = m.object_yaml.clone();
                            let now = now.unwrap_or_else(|| (js_sys::Date::now() / 1000.0) as i64);
                            made.set(Some((d.clone(), m, now)));
                            let Ok(engine) = background::engine() else { return };
                            let (report, status) = (report.clone(), status.clone());
                            let on_progress: Rc<dyn Fn(Progress)> = Rc::new(move |p| match p {
                                Progress::Done(r, id) => report.set(Some(SharedReport(Rc::new(*r), id))),
                                Progress::Failed(e) => status.set(Some(e)),
                                Progress::Status(_) => {}
                            });
                            engine.analyse(yaml.as_bytes(), now, &kubernetes, on_progress);
                        }
                        Ok(_) => {}
                        Err(e) => status.set(Some(format!("The request could not be made: {e}"))),
                    }
                });
            };
            *pending.borrow_mut() = Some(Timeout::new(150, run));
            || ()
        });
    }

    let set = |f: fn(&mut Draft, String)| {
        let draft = draft.clone();
        move |v: String| {
            let mut d = (*draft).clone();
            f(&mut d, v);
            draft.set(d);
        }
    };
    let on_username = {
        let set = set(|d, v| d.username = v);
        Callback::from(move |e: InputEvent| set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_name = {
        let set = set(|d, v| d.name = v);
        Callback::from(move |e: InputEvent| set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_groups = {
        let groups_text = groups_text.clone();
        let set = set(|d, v| d.groups = v.lines().map(str::to_string).collect());
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            groups_text.set(v.clone());
            set(v)
        })
    };
    let on_key = {
        let set = set(|d, v| d.key = KeyType::from_id(&v));
        Callback::from(move |e: Event| set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let on_signer = {
        let set = set(|d, v| d.signer = v);
        Callback::from(move |e: Event| set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let on_lifetime = {
        let set = set(|d, v| d.expiration_seconds = v.trim().parse().ok());
        Callback::from(move |e: InputEvent| set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_preset = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            let mut d = (*draft).clone();
            d.expiration_seconds = if v.is_empty() { None } else { v.parse().ok() };
            draft.set(d);
        })
    };
    let key_note = use_state(|| None::<String>);
    let on_download = {
        let (key, draft, key_note) = (key.clone(), draft.clone(), key_note.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(k) = key.borrow().clone() else { return };
            let name = format!("{}.key", draft.object_name());
            let key_note = key_note.clone();
            wasm_bindgen_futures::spawn_local(async move {
                key_note.set(Some(match download_key(k, name.clone()).await {
                    Ok(()) => format!("Saved as {name}. Keep it private: whoever holds it is this user."),
                    Err(e) => format!("The browser refused the download: {e}"),
                }));
            });
        })
    };

    let d = &*draft;
    let lifetime = d.expiration_seconds.map(|s| s.to_string()).unwrap_or_default();
    html! {
        <section class="lab" aria-labelledby="lab-heading">
            <h2 id="lab-heading">{ "Make a request and watch it become a user" }</h2>
            <p>{ "Type who you want to be. The page makes a real key pair and a real certificate signing request in this browser, wraps it in the CertificateSigningRequest object you would give kubectl, and inspects it as a reviewer would: the verdict and the identity below are what Kubernetes will make of it. Nothing leaves the page." }</p>
            <div class="lab-grid">
            <form class="lab-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label for="lab-username">{ "Username (the subject's CN)" }</label>
                <input id="lab-username" type="text" value={d.username.clone()} oninput={on_username} autocomplete="off" spellcheck="false" />
                <p class="hint">{ "The API server takes the user's name from the certificate's Common Name. Left empty, there is no user at all." }</p>
                <label for="lab-groups">{ "Groups (the subject's O values), one per line" }</label>
                <textarea id="lab-groups" rows="3" value={(*groups_text).clone()} oninput={on_groups} spellcheck="false" />
                <p class="hint">{ "Each line becomes an O= attribute, and each O a group. Try system:masters to see why a reviewer must refuse it." }</p>
                <label for="lab-key">{ "Key type" }</label>
                <select id="lab-key" onchange={on_key}>
                    { for KeyType::ALL.iter().map(|k| html! { <option value={k.id()} selected={*k == d.key}>{ k.label() }</option> }) }
                </select>
                <label for="lab-lifetime">{ "Requested lifetime (spec.expirationSeconds)" }</label>
                <div class="lab-lifetime">
                    <input id="lab-lifetime" type="number" min="0" inputmode="numeric" value={lifetime.clone()} oninput={on_lifetime} />
                    <select aria-label="Lifetime presets" onchange={on_preset}>
                        <option value="" selected={d.expiration_seconds.is_none()}>{ "leave it out" }</option>
                        { for LIFETIMES.iter().map(|(s, l)| html! { <option value={s.to_string()} selected={d.expiration_seconds == Some(*s)}>{ *l }</option> }) }
                    </select>
                </div>
                <p class="hint">{ "How long the certificate should live, in seconds: at least 600 (10 minutes), and the signer caps it (kube-controller-manager's --cluster-signing-duration, one year by default). It is not how long the request waits for approval." }</p>
                <label for="lab-signer">{ "Signer (spec.signerName)" }</label>
                <select id="lab-signer" onchange={on_signer}>
                    { for SIGNERS.iter().map(|(s, why)| html! { <option value={*s} selected={d.signer == *s}>{ format!("{s}: {why}") }</option> }) }
                </select>
                <label for="lab-name">{ "Object name (metadata.name), optional" }</label>
                <input id="lab-name" type="text" value={d.name.clone()} oninput={on_name} placeholder={d.object_name()} autocomplete="off" spellcheck="false" />
                <p class="hint">{ "Only the CertificateSigningRequest object's name, for kubectl get csr and approve. It is not the username." }</p>
            </form>
            <div class="lab-result">
            <h3>{ "What Kubernetes makes of it" }</h3>
            if let Some(s) = &*status { <p class="lab-status" role="status">{ s.clone() }</p> }
            {
                match &*report {
                    Some(r) => html! { <super::report::ReportView report={r.clone()} /> },
                    None => html! { <p class="empty" aria-live="polite">{ "Making the request…" }</p> },
                }
            }
            </div>
            </div>
            if let Some((made_from, m, made_at)) = &*made {
                <super::walk::WalkView draft={made_from.clone()} made={m.clone()} now={*made_at} kubernetes={p.kubernetes.clone()} />
                <h3>{ "Take it away" }</h3>
                <section class="lab-key" aria-labelledby="lab-key-h">
                    <h4 id="lab-key-h">{ "The private key" }</h4>
                    <p>{ "It was made in this browser and is never shown, stored or put in a report. For a real cluster, make the key on the machine that will use it (the openssl steps below) and send only the request: the key never has to travel." }</p>
                    <button type="button" onclick={on_download}>{ format!("Download {}.key (PKCS#8 PEM)", m.stem) }</button>
                    if let Some(n) = &*key_note { <p role="status">{ n.clone() }</p> }
                </section>
                { artefact("The certificate signing request (PEM)", "lab-csr", &m.csr_pem, &format!("What openssl req writes: save it as {}.csr. openssl req -noout -text -verify -in {}.csr shows it and checks its signature.", m.stem, m.stem)) }
                { artefact("The CertificateSigningRequest object (YAML)", "lab-yaml", &m.object_yaml, &format!("spec.request is the PEM above in base64, on one line; usages and expirationSeconds sit inside spec. Save it as {}-csr.yaml, or pipe it to kubectl apply -f -.", m.stem)) }
                { steps_view("The kubectl steps, to the end", "lab-steps", &m.steps, "Run them against a cluster where you may approve requests (kind or minikube will do).") }
                { steps_view("The same request with openssl", "lab-openssl", &m.openssl, "For a real cluster: the key is made where it is used.") }
            }
        </section>
    }
}

/// Whether the URL's fragment opens the lab (`#lab`, alone or among other keys).
pub fn in_fragment() -> bool {
    super::embed::fragment_flag("lab")
}
