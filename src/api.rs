//! The JavaScript API (wasm32 only): `inspect(text, { now })` returns the engine's `Report` as a
//! plain JS object (JSON-compatible: objects, arrays, strings, numbers, null),
//! the same data as the CLI's `--json` and the page's download. TypeScript declarations:
//! `www/kube-cert-inspector.d.ts`, checked against real output by the browser tests.

use wasm_bindgen::prelude::*;

/// Called by the engine module's `main` so the linker keeps this library's exports.
pub fn linked() {}

/// The Report as a plain JS object (JSON-compatible), for the API: the report's JSON (the same
/// data as the CLI's `--json`), parsed by the browser, which builds the objects far faster than
/// a call across the wasm boundary per field would.
pub fn report_to_js(report: &crate::engine::report::Report) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(&report.to_ascii_json().map_err(|e| JsError::new(&e))?).map_err(|_| JsError::new("the report's JSON did not parse"))
}

/// `options.now` as unix seconds; the browser's clock when absent.
fn options_now(options: &JsValue) -> Result<i64, JsError> {
    let now = if options.is_object() {
        js_sys::Reflect::get(options, &JsValue::from_str("now")).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    };
    Ok(crate::js::now_from_js(&now)
        .map_err(|e| JsError::new(&format!("options.now: {e}")))?
        .unwrap_or_else(|| (js_sys::Date::now() / 1000.0) as i64))
}

/// A string option of `options`, if given.
fn option_string(options: &JsValue, key: &str, expected: &str) -> Result<Option<String>, JsError> {
    let v = if options.is_object() {
        js_sys::Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    };
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| JsError::new(&format!("options.{key}: expected {expected}")))
}

/// `options.kubernetes` ("1.34"): the release judged for, the newest when absent; `options.go`
/// ("1.24"): another Go release to parse as than that release's own.
fn options_target(options: &JsValue) -> Result<crate::engine::facts::release::Target, JsError> {
    use crate::engine::facts::release::{Release, Target};
    use crate::engine::facts::x509::GoRelease;
    let range = format!(
        "a Kubernetes release from \"{}\"",
        Release::range_text().replace(" to ", "\" to \"")
    );
    let mut t = match option_string(options, "kubernetes", &range)? {
        None => Target::default(),
        Some(s) => Target::for_release(
            Release::parse(&s).ok_or_else(|| JsError::new(&format!("options.kubernetes: expected {range}, found \"{s}\"")))?,
        ),
    };
    if let Some(s) = option_string(options, "go", "a Go release from \"1.23\" to \"1.27\"")? {
        t.go = GoRelease::parse(&s).ok_or_else(|| {
            JsError::new(&format!(
                "options.go: expected a Go release from \"1.23\" to \"1.27\", found \"{s}\""
            ))
        })?;
    }
    Ok(t)
}

/// Analyses one input as the API's options say.
fn inspect_with(bytes: &[u8], options: &JsValue) -> Result<JsValue, JsError> {
    let input = crate::engine::Input { name: "", bytes };
    report_to_js(&crate::engine::analyse_as(&[input], options_now(options)?, options_target(options)?).report)
}

/// Inspects `text` (PEM, base64, YAML or JSON, as the page accepts it) and returns the Report.
/// `options.now` pins the time; the browser's clock when absent. `options.kubernetes` ("1.34")
/// judges for that release (default: the newest); `options.go` ("1.24") parses as another Go
/// release's crypto/x509 than that release's own.
#[wasm_bindgen(js_name = inspect)]
pub fn inspect_js(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    inspect_with(text.as_bytes(), &options)
}

/// Inspects bytes, as a dropped file is read: DER, or a `.tar` / `.tar.gz` / `.tgz` archive
/// (a control plane's /etc/kubernetes gives `report.pki`), or text.
#[wasm_bindgen(js_name = inspectBytes)]
pub fn inspect_bytes_js(bytes: &[u8], options: JsValue) -> Result<JsValue, JsError> {
    inspect_with(bytes, &options)
}

// --- The page's background worker (`www/worker.js`) ----------------------------------------
// The page's own module holds no decoder: every input it shows goes through these, in a Web
// Worker. The worker keeps the last analysis, so the page can ask about it afterwards (the
// question box, the JSON download) without sending the input again.

/// The last analysis in this worker: its request id, report and RBAC policy.
struct Kept {
    id: u32,
    report: crate::engine::report::Report,
    policy: Option<std::borrow::Cow<'static, crate::engine::read::rbac::Policy>>,
}

thread_local! {
    static KEPT: std::cell::RefCell<Option<Kept>> = const { std::cell::RefCell::new(None) };
}

/// Analyses `input` (text or bytes; a tar of several files is read as a folder) for request
/// `id` and returns its report as bytes (`engine::report::parts`). `now` is in unix seconds;
/// `kubernetes` the release judged for ("1.34"; the newest when empty or unknown).
#[wasm_bindgen(js_name = __analyse)]
pub fn analyse_for_page(input: &[u8], now: f64, id: u32, kubernetes: &str) -> Vec<u8> {
    use crate::engine::facts::release::{Release, Target};
    KEPT.with(|k| *k.borrow_mut() = None);
    let target = Release::parse(kubernetes).map(Target::for_release).unwrap_or_default();
    let a = crate::engine::analyse_as(&[crate::engine::Input { name: "", bytes: input }], now as i64, target);
    let bytes = crate::engine::report::parts::encode(&a.report);
    KEPT.with(|k| {
        *k.borrow_mut() = Some(Kept {
            id,
            report: a.report,
            policy: a.policy,
        })
    });
    bytes
}

/// The kept report of request `id`, or why it is not here.
fn kept<T>(id: u32, f: impl FnOnce(&Kept) -> T) -> Result<T, String> {
    KEPT.with(|k| match k.borrow().as_ref() {
        Some(kept) if kept.id == id => Ok(f(kept)),
        _ => Err("this report is no longer the latest analysed here: inspect the input again".into()),
    })
}

/// The report of request `id` as JSON: pretty, as the CLI's `--json` prints it, for the download
/// and the clipboard; compact (`Report::to_ascii_json`) for an embedding page's message.
#[wasm_bindgen(js_name = __reportJson)]
pub fn report_json(id: u32, pretty: bool) -> Result<String, JsError> {
    kept(id, |k| {
        if pretty {
            serde_json::to_string_pretty(&k.report).map_err(|e| JsError::new(&e.to_string()))
        } else {
            k.report.to_ascii_json().map_err(|e| JsError::new(&e))
        }
    })
    .map_err(|e| JsError::new(&e))?
}

/// `kubectl auth can-i …` (the `line`, as typed) for the identity `user` with `groups`, under the
/// policy request `id`'s report was computed with; the answer as bytes (`engine::report::parts`).
#[wasm_bindgen(js_name = __ask)]
pub fn ask(id: u32, user: String, groups: Vec<String>, line: &str) -> Vec<u8> {
    let who = crate::engine::analyse::authz::Who { user, groups };
    let answer = kept(id, |k| match &k.policy {
        Some(policy) => crate::engine::analyse::can_i::ask(&k.report, policy, &who, line),
        None => Err("this report has no RBAC policy to ask".into()),
    })
    .and_then(|a| a);
    crate::engine::report::parts::encode_answer(&answer)
}

// --- The learner's lab (`engine::compose`), for the page's "Make a request" view ------------

fn draft(bytes: &[u8]) -> Result<crate::engine::compose::Draft, JsError> {
    postcard::from_bytes(bytes).map_err(|e| JsError::new(&format!("the request's fields could not be read: {e}")))
}

/// The bytes the page signs for `draft` (postcard of `compose::Draft`) with the key whose public
/// half is `spki`.
#[wasm_bindgen(js_name = __labInfo)]
pub fn lab_info(draft_bytes: &[u8], spki: &[u8]) -> Result<Vec<u8>, JsError> {
    crate::engine::compose::request_info(&draft(draft_bytes)?, spki).map_err(|e| JsError::new(&e))
}

/// The request, its object and the steps (postcard of `compose::Made`), from the page's
/// `signature` of `info`.
#[wasm_bindgen(js_name = __labFinish)]
pub fn lab_finish(draft_bytes: &[u8], info: &[u8], signature: &[u8]) -> Result<Vec<u8>, JsError> {
    let made = crate::engine::compose::finish(&draft(draft_bytes)?, info, signature).map_err(|e| JsError::new(&e))?;
    postcard::to_allocvec(&made).map_err(|e| JsError::new(&e.to_string()))
}

/// Reads `input` as postcard of `I`, runs `f`, and writes its answer as postcard.
fn postcard_call<I: serde::de::DeserializeOwned, O: serde::Serialize>(
    input: &[u8],
    f: impl FnOnce(&I) -> Result<O, String>,
) -> Result<Vec<u8>, JsError> {
    let i: I = postcard::from_bytes(input).map_err(|e| JsError::new(&format!("the walk's fields could not be read: {e}")))?;
    let o = f(&i).map_err(|e| JsError::new(&e))?;
    postcard::to_allocvec(&o).map_err(|e| JsError::new(&e.to_string()))
}

/// The two certificates the walk-through's practice CA signs (postcard of `compose::walk::Tbs`),
/// from postcard of `compose::walk::ToIssue`.
#[wasm_bindgen(js_name = __labIssue)]
pub fn lab_issue(input: &[u8]) -> Result<Vec<u8>, JsError> {
    postcard_call(input, crate::engine::compose::walk::to_sign)
}

/// The walk-through, step by step (postcard of `compose::walk::Walk`), from postcard of
/// `compose::walk::Signed`.
#[wasm_bindgen(js_name = __labWalk)]
pub fn lab_walk(input: &[u8]) -> Result<Vec<u8>, JsError> {
    postcard_call(input, crate::engine::compose::walk::walk)
}

/// The byte view of object `object` of report `id` (a certificate or a request): its ASN.1 tree
/// and bytes (postcard of `facts::asn1::ByteView`), computed only when the page opens it.
#[wasm_bindgen(js_name = __bytes)]
pub fn byte_view(id: u32, object: u32) -> Result<Vec<u8>, JsError> {
    let view = kept(id, |k| {
        let o = k.report.objects.get(object as usize).ok_or("no such object")?;
        match (&o.certificate, &o.request) {
            (Some(c), _) => Ok(crate::engine::facts::asn1::tree(&c.der, true, &c.subject)),
            (_, Some(r)) => Ok(crate::engine::facts::asn1::tree(&r.der, false, &r.subject)),
            _ => Err("this object is neither a certificate nor a request"),
        }
    })
    .map_err(|e| JsError::new(&e))?
    .map_err(JsError::new)?;
    postcard::to_allocvec(&view).map_err(|e| JsError::new(&e.to_string()))
}
