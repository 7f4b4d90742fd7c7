//! JSON for a terminal: the same JSON, with every character a terminal must not receive raw
//! escaped.

use std::fmt::Write as _;

/// JSON with every character a terminal must not receive raw written as a `\uXXXX` escape.
/// serde_json already escapes C0 controls; DEL, C1 controls and bidi/invisible formatting
/// characters are escaped here. The JSON means exactly the same (all are BMP characters).
pub fn json_for_terminal(json: &str) -> String {
    // Runs of safe text are copied whole: char by char, this was most of the CLI's time for a
    // kubeconfig of 500 users.
    let mut out = String::with_capacity(json.len());
    let (mut from, mut i) = (0, 0);
    while i < json.len() {
        let b = json.as_bytes()[i];
        let c = if b.is_ascii() {
            b as char
        } else {
            json[i..].chars().next().unwrap_or_default()
        };
        if c != '\n' && crate::engine::util::is_unsafe_to_display(c) {
            out.push_str(&json[from..i]);
            let _ = write!(out, "\\u{:04x}", c as u32);
            from = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    out.push_str(&json[from..]);
    out
}
