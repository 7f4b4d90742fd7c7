//! What the two wasm modules (the page's and the engine's) both need from JavaScript.

use wasm_bindgen::JsValue;

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
