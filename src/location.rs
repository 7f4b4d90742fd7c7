//! What the page's address says (pure: the strings of `location.search` and `location.hash`
//! in, values out), read the same by the page (`ui::embed`) and by the first view
//! (`first_view`), so both show the same input at the same time.
//!
//! `?embed`, `?view=identity|summary|full`, `?kubernetes=1.34`, `?origin=…`, `?theme=…`;
//! `#text=<base64url>`, `#example=<id>`, `#now=<RFC 3339>`, `#kubernetes=1.34`, bare flags such as
//! `#lab`.

use base64::Engine;

/// `?key=value` pairs of a `location.search` ("?embed&view=summary"), values percent-decoded.
pub fn query(search: &str) -> Vec<(String, String)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (k.to_string(), percent_decode(v))
        })
        .collect()
}

/// The value of `key` in a `location.search`, if present (`Some("")` for a bare `?embed`).
pub fn query_value(search: &str, key: &str) -> Option<String> {
    query(search).into_iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// The raw value of `#key=value` in a `location.hash` (not decoded).
pub fn fragment_value<'a>(hash: &'a str, key: &str) -> Option<&'a str> {
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|kv| kv.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
}

/// Whether the fragment holds `key` as a bare flag (`#lab&walk` holds `lab` and `walk`).
pub fn fragment_flag(hash: &str, key: &str) -> bool {
    hash.trim_start_matches('#').split('&').any(|kv| kv == key)
}

/// `#text=<base64url>`: the text to inspect, when the fragment carries one.
pub fn text_from_fragment(hash: &str) -> Option<String> {
    let b64 = fragment_value(hash, "text")?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(b64.trim_end_matches('='))
        .ok()?;
    String::from_utf8(bytes).ok()
}

/// `#now=<RFC 3339>`: a pinned evaluation time, in unix seconds.
pub fn now_from_fragment(hash: &str) -> Option<i64> {
    crate::engine::util::parse_rfc3339(&percent_decode(fragment_value(hash, "now")?))
}

/// The Kubernetes release judged for: `#kubernetes=1.34` (the page), else `?kubernetes=1.34`
/// (the element's attribute); empty for the newest or an unknown release.
pub fn kubernetes(search: &str, hash: &str) -> String {
    fragment_value(hash, "kubernetes")
        .map(percent_decode)
        .or_else(|| query_value(search, "kubernetes"))
        .filter(|v| crate::engine::facts::release::Release::parse(v).is_some())
        .unwrap_or_default()
}

/// `%XX` sequences decoded (as `decodeURIComponent`; an invalid sequence leaves the text as it is).
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = b
                .get(i + 1..i + 3)
                .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            let Some(v) = hex else { return s.to_string() };
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_query_and_the_fragment() {
        assert_eq!(query_value("?embed&view=summary", "view").as_deref(), Some("summary"));
        assert_eq!(query_value("?embed&view=summary", "embed").as_deref(), Some(""));
        assert_eq!(query_value("", "embed"), None);
        assert_eq!(
            query_value("?origin=https%3A%2F%2Fdocs.example.com", "origin").as_deref(),
            Some("https://docs.example.com")
        );
        assert_eq!(
            fragment_value("#example=csr-system-masters&now=x", "example"),
            Some("csr-system-masters")
        );
        assert!(fragment_flag("#lab&walk", "walk") && !fragment_flag("#lab=1", "lab"));
        // "alice" in base64url, padding optional.
        assert_eq!(text_from_fragment("#text=YWxpY2U").as_deref(), Some("alice"));
        assert_eq!(text_from_fragment("#text=YWxpY2U=").as_deref(), Some("alice"));
        assert_eq!(text_from_fragment("#text=***"), None);
        assert_eq!(now_from_fragment("#now=2026-12-05T00%3A00%3A00Z"), Some(1_796_428_800));
        assert_eq!(now_from_fragment("#now=2026-12-05T00:00:00Z"), Some(1_796_428_800));
        assert_eq!(kubernetes("?embed&kubernetes=1.33", "#kubernetes=1.34"), "1.34");
        assert_eq!(kubernetes("?embed&kubernetes=1.33", ""), "1.33");
        assert_eq!(kubernetes("?kubernetes=9.99", ""), "");
        // Invalid escapes are kept as they are, as decodeURIComponent would refuse them.
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("a%20b"), "a b");
        assert_eq!(percent_decode("%+f"), "%+f");
    }
}
