//! Small formatting helpers shared by the engine modules.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// RFC 3339 in UTC ("2026-11-23T10:00:00Z"); out-of-range instants are shown as seconds.
pub fn rfc3339(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| format!("@{unix}"))
}

/// Parses an RFC 3339 instant into unix seconds.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    OffsetDateTime::parse(s.trim(), &Rfc3339).ok().map(|t| t.unix_timestamp())
}

/// "1 year 2 days", "3 days 4 h", "5 h 6 min", "42 s": two largest units, for people.
pub fn human_duration(secs: i64) -> String {
    let s = secs.unsigned_abs();
    let units: [(u64, &str, &str); 5] = [
        (365 * 86400, "year", "years"),
        (86400, "day", "days"),
        (3600, "h", "h"),
        (60, "min", "min"),
        (1, "s", "s"),
    ];
    let mut parts = Vec::new();
    let mut rest = s;
    for (size, one, many) in units {
        if rest >= size {
            let n = rest / size;
            rest %= size;
            parts.push(format!("{n} {}", if n == 1 { one } else { many }));
            if parts.len() == 2 {
                break;
            }
        } else if !parts.is_empty() {
            break;
        }
    }
    if parts.is_empty() {
        "0 s".to_string()
    } else {
        parts.join(" ")
    }
}

/// Upper-case hex with colons, as openssl prints serials and fingerprints.
pub fn hex_colon(bytes: &[u8]) -> String {
    hex_with(bytes, b"0123456789ABCDEF", Some(':'))
}

pub fn hex(bytes: &[u8]) -> String {
    hex_with(bytes, b"0123456789abcdef", None)
}

/// Hex digits written straight into one string: a `format!` per byte made fingerprints and
/// serials a measurable part of a bundle's analysis (issue #8's profile).
fn hex_with(bytes: &[u8], digits: &[u8; 16], separator: Option<char>) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if let (Some(sep), true) = (separator, i > 0) {
            out.push(sep);
        }
        out.push(char::from(digits[usize::from(b >> 4)]));
        out.push(char::from(digits[usize::from(b & 0x0f)]));
    }
    out
}

/// Shortens text for labels and error messages without splitting a character.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_two_digits_per_byte() {
        assert_eq!(hex_colon(&[0x00, 0xab, 0x0f]), "00:AB:0F");
        assert_eq!(hex(&[0x00, 0xab, 0x0f]), "00ab0f");
        assert_eq!(hex_colon(&[]), "");
        assert_eq!(hex_colon(&[0xff]), "FF");
    }

    #[test]
    fn durations_read_like_people_write_them() {
        assert_eq!(human_duration(0), "0 s");
        assert_eq!(human_duration(59), "59 s");
        assert_eq!(human_duration(3600 + 120), "1 h 2 min");
        assert_eq!(human_duration(86400 * 2 + 3600 * 5), "2 days 5 h");
        assert_eq!(human_duration(365 * 86400 + 86400), "1 year 1 day");
        assert_eq!(human_duration(-3600), "1 h");
    }

    #[test]
    fn rfc3339_round_trips() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(parse_rfc3339("2026-11-23T10:00:00Z"), Some(1_795_428_000));
        assert_eq!(parse_rfc3339("yesterday"), None);
    }
}

/// Characters a terminal or a page must never receive raw from the input: C0/C1 controls
/// (ESC starts terminal escape sequences, CR and LF forge lines), DEL, and the invisible
/// formatting characters that reorder or hide text (bidi embeddings, overrides and isolates,
/// zero-width characters, line and paragraph separators, the BOM).
pub fn is_unsafe_to_display(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}'
        )
}

/// `s` with every character [`is_unsafe_to_display`] written as a visible `\u{…}` escape (the
/// notation the findings use), so text from the input is shown, never obeyed.
pub fn escape_for_display(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_unsafe_to_display) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe_to_display(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod display_tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls_line_breaks_and_bidi_but_not_letters() {
        assert_eq!(escape_for_display("alice"), "alice");
        assert_eq!(escape_for_display("système:maîtres"), "système:maîtres");
        assert_eq!(escape_for_display("\u{1b}]0;pwned\u{7}"), "\\u{1b}]0;pwned\\u{7}");
        assert_eq!(escape_for_display("a\nVERDICT: ROUTINE"), "a\\u{a}VERDICT: ROUTINE");
        assert_eq!(escape_for_display("dev\u{202e}sretsam"), "dev\\u{202e}sretsam");
        assert_eq!(escape_for_display("x\u{9b}2J"), "x\\u{9b}2J");
    }
}

/// Quotes a word for a POSIX shell when it needs it: `amy` stays, `dev team` becomes `'dev team'`
/// and a `'` inside is closed, escaped and reopened.
pub fn shell_word(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=@".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// Whether an object's `source` says it was read from the input file `file`: the file's name
/// alone (one PEM block), then ": …" (a document's object) or " block N" (one of several PEM
/// blocks).
pub fn source_in_file(source: &str, file: &str) -> bool {
    !file.is_empty()
        && source
            .strip_prefix(file)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(": ") || rest.starts_with(" block "))
}
