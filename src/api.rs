//! The JavaScript API (wasm32 only): `inspect(text, { now })` returns the engine's `Report` as a
//! plain JS object (JSON-compatible: objects, arrays, strings, numbers, null),
//! the same data as the CLI's `--json` and the page's download. TypeScript declarations:
//! `www/kube-cert-inspector.d.ts`, checked against real output by the browser tests.

use wasm_bindgen::prelude::*;

/// A pinned time from JavaScript, as the API and the embed protocol take it: an RFC 3339 string,
/// or milliseconds as `Date.now()` gives them. `Ok(None)` when absent (undefined or null).
pub fn now_from_js(now: &JsValue) -> Result<Option<i64>, String> {
    if now.is_undefined() || now.is_null() {
        return Ok(None);
    }
    if let Some(ms) = now.as_f64() {
        return Ok(Some((ms / 1000.0).floor() as i64));
    }
    if let Some(s) = now.as_string() {
        return crate::engine::util::parse_rfc3339(&s).map(Some).ok_or_else(|| {
            format!(
                "expected an RFC 3339 time such as 2026-11-23T10:00:00Z, found \"{}\"",
                crate::engine::util::clip(&s, 40)
            )
        });
    }
    Err("expected an RFC 3339 string or milliseconds since 1970".into())
}

/// The Report as a plain JS object (JSON-compatible), for the API and the embed messages: the
/// JSON text the download already makes, parsed by the browser. One serializer (serde_json) for
/// every output keeps the wasm smaller than a second, JS-object serializer would.
pub fn report_to_js(report: &crate::engine::report::Report) -> Result<JsValue, JsError> {
    // Pretty, as the download is: one formatter compiled in, not two.
    let json = serde_json::to_string_pretty(report).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("the report's JSON did not parse"))
}

/// `options.now` as unix seconds; the browser's clock when absent.
fn options_now(options: &JsValue) -> Result<i64, JsError> {
    let now = if options.is_object() {
        js_sys::Reflect::get(options, &JsValue::from_str("now")).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    };
    Ok(now_from_js(&now)
        .map_err(|e| JsError::new(&format!("options.now: {e}")))?
        .unwrap_or_else(|| (js_sys::Date::now() / 1000.0) as i64))
}

/// Inspects `text` (PEM, base64, YAML or JSON, as the page accepts it) and returns the Report.
/// `options.now` pins the time; the browser's clock when absent.
#[wasm_bindgen(js_name = inspect)]
pub fn inspect_js(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    report_to_js(&crate::engine::inspect(text.as_bytes(), options_now(&options)?))
}

/// Inspects bytes, as a dropped file is read: DER, or a `.tar` / `.tar.gz` / `.tgz` archive
/// (a control plane's /etc/kubernetes gives `report.pki`), or text.
#[wasm_bindgen(js_name = inspectBytes)]
pub fn inspect_bytes_js(bytes: &[u8], options: JsValue) -> Result<JsValue, JsError> {
    report_to_js(&crate::engine::inspect(bytes, options_now(&options)?))
}
