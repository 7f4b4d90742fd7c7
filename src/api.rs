//! The JavaScript API (wasm32 only): `inspect(text, { now })` returns the engine's `Report` as a
//! plain JS object (serde-wasm-bindgen, JSON-compatible: objects, arrays, strings, numbers, null),
//! the same data as the CLI's `--json` and the page's download. TypeScript declarations:
//! `www/kube-cert-inspector.d.ts`, checked against real output by the browser tests.

use wasm_bindgen::prelude::*;

/// Unix seconds from `options.now`: an RFC 3339 string, or milliseconds as JavaScript's
/// `Date.now()` gives them; the browser's clock when absent.
fn now_from(options: &JsValue) -> Result<i64, JsError> {
    let now = if options.is_object() {
        js_sys::Reflect::get(options, &JsValue::from_str("now")).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    };
    if now.is_undefined() || now.is_null() {
        return Ok((js_sys::Date::now() / 1000.0) as i64);
    }
    if let Some(ms) = now.as_f64() {
        return Ok((ms / 1000.0).floor() as i64);
    }
    if let Some(s) = now.as_string() {
        return crate::engine::util::parse_rfc3339(&s).ok_or_else(|| {
            JsError::new(&format!(
                "options.now: expected an RFC 3339 time such as 2026-11-23T10:00:00Z, found \"{}\"",
                crate::engine::util::clip(&s, 40)
            ))
        });
    }
    Err(JsError::new("options.now: expected an RFC 3339 string or milliseconds since 1970"))
}

/// Inspects `text` (PEM, base64, YAML or JSON, as the page accepts it) and returns the Report.
#[wasm_bindgen(js_name = inspect)]
pub fn inspect_js(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    let now = now_from(&options)?;
    let report = crate::engine::inspect(text.as_bytes(), now);
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&report, &serializer).map_err(|e| JsError::new(&e.to_string()))
}
