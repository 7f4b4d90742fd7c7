//! Sniffing and splitting input: PEM blocks (with any text around them), base64 of PEM or DER,
//! raw DER, and YAML / JSON documents. Every failure is a message that says what was expected
//! and what was found.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use serde_json::Value;

use crate::engine::util::clip;

/// Inputs larger than this are refused before any parsing (a pasted bundle of hundreds of
/// certificates is well under 1 MiB).
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;
/// At most this many YAML documents are read.
pub const MAX_DOCUMENTS: usize = 1000;

const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
const STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// One `-----BEGIN X-----` … `-----END X-----` block.
#[derive(Debug)]
pub struct PemBlock {
    pub label: String,
    /// 1-based line of the BEGIN marker.
    pub line: usize,
    pub der: Result<Vec<u8>, String>,
    /// Legacy `Proc-Type: 4,ENCRYPTED` header.
    pub encrypted_headers: bool,
    /// How the block was damaged in transit, when it was (and still read).
    pub slip: Option<&'static str>,
}

/// Finds every PEM block. Text between blocks is ignored (an `openssl -text` dump, comments).
/// Also accepts blocks pasted on one line and blocks whose newlines arrive as literal `\n`.
/// Where `marker` (which starts with '-') first occurs in `text`: each '-' is found by the
/// byte search (word at a time, even in wasm), then compared. A PEM body is base64, which has
/// no '-', so this skips a body in one pass; `str::find`'s general two-way search was 8% of a
/// bundle's analysis in the browser (issue #8's profile).
fn find_dashes(text: &str, marker: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find('-') {
        let at = from + i;
        if text[at..].starts_with(marker) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

pub fn pem_blocks(text: &str) -> (Vec<PemBlock>, Vec<String>) {
    let mut blocks = Vec::new();
    let mut problems = Vec::new();
    let mut rest = text;
    // Line counting is incremental: recounting from the start for every block made bundles quadratic.
    let mut line = 1usize;
    while let Some(start) = find_dashes(rest, "-----BEGIN ") {
        line += count_lines(&rest[..start]);
        let after = &rest[start + 11..];
        let Some(label_end) = after.find("-----") else {
            problems.push(format!("line {}: a \"-----BEGIN\" marker that never closes with \"-----\"", line));
            break;
        };
        let label = after[..label_end].trim().to_string();
        let body_start = start + 11 + label_end + 5;
        let end_marker = format!("-----END {label}-----");
        let Some(end_rel) = find_dashes(&rest[body_start..], &end_marker) else {
            problems.push(format!(
                "PEM block \"{}\" starting on line {line} has no \"{end_marker}\" line: the paste looks truncated",
                clip(&label, 40)
            ));
            break;
        };
        let raw_body = &rest[body_start..body_start + end_rel];
        // Literal "\n" and "\r" (a PEM copied out of JSON or a log) become real line breaks; the
        // common case, with none, is read in place.
        let backslash = raw_body.contains('\\');
        let escaped = backslash && raw_body.contains("\\n");
        let body: std::borrow::Cow<str> = if backslash {
            raw_body.replace("\\n", "\n").replace("\\r", "").into()
        } else {
            raw_body.into()
        };
        // One pass over the body's lines: the base64 joined, headers, and how it was damaged.
        let mut encrypted_headers = false;
        let mut b64 = String::with_capacity(body.len());
        let (mut filled, mut indented, mut line_len) = (0usize, false, 0usize);
        for (i, l) in body.split('\n').enumerate() {
            let t = l.trim();
            if t.is_empty() {
                continue;
            }
            filled += 1;
            line_len = t.len();
            indented |= i > 0 && l.starts_with([' ', '\t']);
            if t.contains(':') {
                encrypted_headers |= t.starts_with("Proc-Type:") && t.contains("ENCRYPTED");
                continue;
            }
            b64.push_str(t);
        }
        // Judged on the body as pasted (before literal "\n" became line breaks).
        let slip = if escaped {
            Some("its line breaks arrived as literal \\n (copied from JSON or a log)")
        } else if filled == 1 && line_len > 80 {
            Some("it lost its line breaks (all on one line)")
        } else if indented {
            Some("its lines were indented (pasted from YAML, Markdown or an e-mail)")
        } else {
            None
        };
        let der = decode_base64(&b64).map_err(|e| format!("the base64 inside is invalid ({e})"));
        let der = match der {
            Ok(d) if d.is_empty() => Err("the block is empty".to_string()),
            other => other,
        };
        blocks.push(PemBlock {
            label,
            line,
            der,
            encrypted_headers,
            slip,
        });
        let consumed = body_start + end_rel + end_marker.len();
        line += count_lines(&rest[start..consumed]);
        rest = &rest[consumed..];
    }
    (blocks, problems)
}

fn count_lines(s: &str) -> usize {
    s.bytes().filter(|b| *b == b'\n').count()
}

/// Decodes standard or URL-safe base64, ignoring whitespace and padding.
pub fn decode_base64(s: &str) -> Result<Vec<u8>, String> {
    // Plain standard base64 without whitespace (nearly always: a PEM body's lines joined, a
    // kubeconfig's data field) decodes at once, with no copy and no scan before it. When that
    // fails, the text had whitespace, URL-safe letters or an error: read as below, which gives
    // the same bytes for every text the first attempt accepts.
    if let Ok(bytes) = STANDARD.decode(s.as_bytes()) {
        return Ok(bytes);
    }
    // ASCII (nearly always): drop whitespace bytes in one pass. Char by char into a String was
    // 10% of a bundle's analysis in the browser (profile in issue #8's note).
    let compact: Vec<u8> = if s.is_ascii() {
        s.bytes().filter(|b| !(b.is_ascii_whitespace() || *b == 0x0b)).collect()
    } else {
        s.chars().filter(|c| !c.is_whitespace()).collect::<String>().into_bytes()
    };
    if compact.iter().any(|b| matches!(b, b'-' | b'_')) {
        URL_SAFE.decode(&compact)
    } else {
        STANDARD.decode(&compact)
    }
    .map_err(|e| e.to_string())
}

/// True when the text is nothing but base64 characters (whitespace allowed).
pub fn looks_like_base64(s: &str) -> bool {
    let mut n = 0;
    for c in s.chars() {
        if c.is_whitespace() {
            continue;
        }
        if !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '-' | '_')) {
            return false;
        }
        n += 1;
    }
    n >= 16
}

/// True when the first meaningful line looks like YAML or JSON structure.
/// The text with every PEM block (BEGIN line to END line) taken out, line breaks kept.
pub fn without_pem_blocks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for line in text.lines() {
        let t = line.trim();
        if !inside && t.starts_with("-----BEGIN ") {
            inside = !t[11..].contains("-----END ");
            out.push('\n');
            continue;
        }
        if inside {
            if t.starts_with("-----END ") {
                inside = false;
            }
            out.push('\n');
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

pub fn looks_structured(text: &str) -> bool {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#'));
    match first {
        Some(l) if l.starts_with('{') || l.starts_with('[') || l == "---" || l.starts_with("--- ") => true,
        Some(l) => {
            let key = l.split(':').next().unwrap_or("");
            l.contains(':')
                && !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '"' | '\''))
        }
        None => false,
    }
}

/// A DER SEQUENCE header: what certificates, CSRs and keys start with.
pub fn looks_like_der(bytes: &[u8]) -> bool {
    match bytes {
        // Short form: the length byte covers the rest (an EC public key is 91 bytes).
        [0x30, len @ 0..=0x7f, rest @ ..] => rest.len() >= *len as usize && *len > 6,
        [0x30, 0x81..=0x84, ..] => bytes.len() > 8,
        _ => false,
    }
}

/// One pass over YAML text: the deepest nesting of flow brackets (`[`, `{`), and how many lines
/// and flow items (`,`, `[`, `{`) it has, a bound on the nodes the parser would build.
fn yaml_shape(text: &str) -> (usize, usize) {
    let (mut depth, mut max, mut items) = (0usize, 0usize, 0usize);
    for b in text.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
                items += 1;
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' | b'\n' => items += 1,
            _ => {}
        }
    }
    (max, items)
}

/// Flow nesting past this is refused before YAML parsing: libyaml (serde_yaml_ng's parser until
/// issue #24) took 35 s for `a: [[[…` 100,000 deep, and the loader refuses anything past
/// [`yaml::MAX_DEPTH`](super::yaml::MAX_DEPTH) levels anyway; no Kubernetes object nests flow
/// YAML this deep.
pub const MAX_FLOW_DEPTH: usize = 64;
/// YAML with more lines and flow items than this is refused before parsing: every item becomes a
/// value held in memory (serde_yaml_ng took 1.2 GB for 7 MB of `[[…],…]`). A 5 MB
/// `kubectl get csr -o yaml` has well under 100,000.
pub const MAX_YAML_ITEMS: usize = 200_000;

/// Parses JSON or (multi-document) YAML into values. YAML goes through [`super::yaml`], whose
/// depth and alias-expansion ("billion laughs") limits protect the page; flow nesting deeper than
/// [`MAX_FLOW_DEPTH`] and more than [`MAX_YAML_ITEMS`] items are refused first.
pub fn documents(text: &str) -> Result<Vec<Value>, String> {
    let t = text.trim_start();
    if t.starts_with('{') || t.starts_with('[') {
        return match serde_json::from_str::<Value>(t) {
            Ok(Value::Array(items)) => Ok(items),
            Ok(v) => Ok(vec![v]),
            Err(e) => Err(format!("expected JSON, but it does not parse: {e}")),
        };
    }
    let (depth, items) = yaml_shape(text);
    if depth > MAX_FLOW_DEPTH {
        return Err(format!(
            "expected YAML nested at most {MAX_FLOW_DEPTH} levels deep; found [ or {{ brackets nested {depth} deep"
        ));
    }
    if items > MAX_YAML_ITEMS {
        return Err(format!(
            "expected YAML of at most {MAX_YAML_ITEMS} lines and items; found {items}: split the input"
        ));
    }
    super::yaml::documents(text, MAX_DOCUMENTS)
}

/// Describes unreadable text for an error message: its first line, clipped.
/// A single word this long may be a password or token, so it is described, never quoted.
pub fn describe(text: &str) -> String {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    if first.len() >= 12 && !first.contains(char::is_whitespace) {
        return format!(
            "a single {}-character word (not quoted, in case it is a secret)",
            first.chars().count()
        );
    }
    format!("text starting \u{201c}{}\u{201d}", clip(first, 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_inside_other_text_and_on_one_line() {
        let text = "Certificate:\n  Data: ...\n-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\ntrailer\n-----BEGIN PUBLIC KEY----- BAUG -----END PUBLIC KEY-----";
        let (blocks, problems) = pem_blocks(text);
        assert!(problems.is_empty());
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].label, "CERTIFICATE");
        assert_eq!(blocks[0].line, 3);
        assert_eq!(blocks[1].line, 7, "line numbers keep counting across blocks");
        assert_eq!(blocks[0].der.as_deref(), Ok(&[1u8, 2, 3][..]));
        assert_eq!(blocks[1].der.as_deref(), Ok(&[4u8, 5, 6][..]));
    }

    #[test]
    fn how_a_body_was_damaged_is_told_and_it_is_still_read() {
        // "kubernetes-inspector" (20 bytes) as base64 lines, pasted in the ways they arrive.
        let want = b"kubernetes-inspector".to_vec();
        let block = |body: &str| {
            let (mut b, problems) = pem_blocks(&format!("-----BEGIN CERTIFICATE-----{body}-----END CERTIFICATE-----"));
            assert!(problems.is_empty(), "{problems:?}");
            b.remove(0)
        };
        let plain = block("\na3ViZXJuZXRl\ncy1pbnNwZWN0\nb3I=\n");
        assert_eq!((plain.der.as_ref(), plain.slip), (Ok(&want), None));
        let crlf = block("\r\na3ViZXJuZXRl\r\ncy1pbnNwZWN0\r\nb3I=\r\n");
        assert_eq!((crlf.der.as_ref(), crlf.slip), (Ok(&want), None));
        let escaped = block("\\na3ViZXJuZXRl\\ncy1pbnNwZWN0\\r\\nb3I=\\n");
        assert_eq!(escaped.der.as_ref(), Ok(&want));
        assert!(escaped.slip.unwrap().contains("literal \\n"));
        let indented = block("\n    a3ViZXJuZXRl\n    cy1pbnNwZWN0\n    b3I=\n  ");
        assert_eq!(indented.der.as_ref(), Ok(&want));
        assert!(indented.slip.unwrap().contains("indented"));
        // One line: a slip only past 80 characters (a short body fits one line anyway).
        let long = "a3ViZXJuZXRlcy1pbnNwZWN0b3I".repeat(4);
        assert!(block(&format!(" {long} ")).slip.unwrap().contains("all on one line"));
        assert_eq!(block(" a3ViZXJuZXRlcy1pbnNwZWN0b3I= ").slip, None);
        // Spaces inside a line and URL-safe letters take the general decoder.
        assert_eq!(block("\na3ViZXJu ZXRl\ncy1pbnNwZWN0\nb3I\n").der.as_ref(), Ok(&want));
        assert_eq!(block("\n-_8=\n").der.as_deref(), Ok(&[0xfb, 0xff][..]));
        // Legacy encrypted PEM headers are recognised and are not base64.
        let legacy = block("\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\na3ViZXJuZXRl\ncy1pbnNwZWN0b3I=\n");
        assert!(legacy.encrypted_headers);
        assert_eq!(legacy.der.as_ref(), Ok(&want));
        assert_eq!(block("\n\n  \n").der.as_ref().unwrap_err(), "the block is empty");
    }

    #[test]
    fn truncated_and_corrupt_pem_say_what_is_wrong() {
        let (blocks, problems) = pem_blocks("-----BEGIN CERTIFICATE-----\nMIIB");
        assert!(blocks.is_empty());
        assert!(problems[0].contains("no \"-----END CERTIFICATE-----\" line"), "{problems:?}");
        let (blocks, _) = pem_blocks("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----");
        assert!(blocks[0].der.as_ref().unwrap_err().contains("base64"));
    }

    #[test]
    fn base64_ignores_every_kind_of_whitespace() {
        let want = b"kubernetes".to_vec();
        assert_eq!(decode_base64("a3ViZXJu\r\nZXRlcw==").unwrap(), want);
        assert_eq!(
            decode_base64("a3ViZXJu\u{a0}\u{2028}ZXRlcw==").unwrap(),
            want,
            "no-break space and line separator from a web page"
        );
        assert_eq!(decode_base64("a3ViZXJu\x0bZXRlcw").unwrap(), want);
        assert_eq!(decode_base64("-_8=").unwrap(), vec![0xfb, 0xff], "URL-safe alphabet");
    }

    #[test]
    fn escaped_newlines_from_json_are_accepted() {
        let (blocks, _) = pem_blocks("-----BEGIN CERTIFICATE-----\\nAQID\\n-----END CERTIFICATE-----");
        assert_eq!(blocks[0].der.as_deref(), Ok(&[1u8, 2, 3][..]));
    }

    #[test]
    fn structure_sniffing() {
        assert!(looks_structured("apiVersion: v1\nkind: Config"));
        assert!(looks_structured("  {\"a\": 1}"));
        assert!(!looks_structured("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"));
        assert!(looks_like_base64("LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\n"));
        assert!(!looks_like_base64("hello world, this is prose"));
    }

    #[test]
    fn yaml_bombs_and_deep_nesting_are_refused() {
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n";
        let err = documents(bomb).unwrap_err();
        assert!(err.contains("expected YAML"), "{err}");
        let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(documents(&deep).unwrap_err().contains("expected JSON"));
        let deep_yaml = format!("a: {}1{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(documents(&deep_yaml).is_err());
    }
}
