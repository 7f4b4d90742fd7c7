//! YAML documents to JSON values, from saphyr-parser's events (issue #24).
//!
//! Scalars resolve as serde_yaml_ng resolved them before (YAML 1.2's core schema as it reads it):
//! `~`/`null`/empty is null, `true`/`false` (three spellings each) booleans, decimal, `0x`, `0o`
//! and `0b` integers, `.inf`/`.nan` null (JSON has neither), other floats numbers, everything
//! else, and every quoted or block scalar, a string. Floats are read by serde_json's own number
//! parser, which the engine has anyway: core's `f64::from_str` (its tables, ~14 KB of the first
//! module's gzip) is never linked.
//!
//! The limits that protect the page: nesting deeper than [`MAX_DEPTH`] and aliases that would
//! copy more than [`MAX_ALIAS_NODES`] nodes ("billion laughs"; an anchor's kept copy counts) are
//! refused with a message; saphyr-parser is iterative, and so is this loader.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Tag};
use serde_json::{Map, Number, Value};

/// Collections nested deeper than this are refused (serde_yaml_ng's limit was the same).
pub const MAX_DEPTH: usize = 128;
/// Nodes that aliases may copy in one input: a real kubeconfig copies a handful; `a: &a [x,…]`,
/// `b: &b [*a,…]`, … would copy billions.
pub const MAX_ALIAS_NODES: usize = 200_000;

/// A collection being built.
enum Open {
    Seq {
        items: Vec<Value>,
        anchor: usize,
    },
    Map {
        map: Map<String, Value>,
        key: Option<String>,
        anchor: usize,
    },
}

/// What an anchor names: its value, its text when it is a scalar (a key may be an alias), and
/// how many nodes a copy costs.
struct Anchored {
    value: Value,
    text: Option<String>,
    nodes: usize,
}

/// Parses every document of `text`; `max_documents` past which it stops with an error. Empty
/// documents (null) are left out. An error says what was expected, and names the document, the
/// line and the column.
pub fn documents(text: &str, max_documents: usize) -> Result<Vec<Value>, String> {
    let mut out = Vec::new();
    let mut loader = Loader {
        stack: Vec::new(),
        used: aliased(text),
        anchors: HashMap::new(),
        copied: 0,
        root: None,
    };
    let mut document = 0;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| unparsed(document.max(1), e.info(), e.marker()))?;
        let at = |message: String| unparsed(document, &message, &span.start);
        match event {
            Event::DocumentStart(_) => {
                document += 1;
                if document > max_documents {
                    return Err(format!("more than {max_documents} YAML documents; split the input"));
                }
            }
            Event::DocumentEnd => match loader.root.take() {
                Some(Value::Null) | None => {}
                Some(value) => out.push(value),
            },
            event => loader.event(event).map_err(at)?,
        }
    }
    Ok(out)
}

/// What the reader is told of a document that does not parse, and where.
fn unparsed(document: usize, message: &str, at: &Marker) -> String {
    format!(
        "expected YAML, but document {document} does not parse: {message} at line {} column {}",
        at.line(),
        at.col() + 1
    )
}

/// The anchors some alias names (saphyr-parser numbers them in order, the same on every pass).
/// Only these are kept: keeping every anchored node would copy it once per anchor around it (120
/// anchored levels around 190,000 items took 2.8 s and 760 MB). Text without `*` has no alias
/// and is parsed once.
fn aliased(text: &str) -> HashSet<usize> {
    if !text.contains('*') {
        return HashSet::new();
    }
    Parser::new_from_str(text)
        .map_while(Result::ok)
        .filter_map(|(e, _)| if let Event::Alias(id) = e { Some(id) } else { None })
        .collect()
}

struct Loader {
    stack: Vec<Open>,
    /// The anchors some alias names: only these are kept.
    used: HashSet<usize>,
    anchors: HashMap<usize, Anchored>,
    /// Nodes copied for aliases (the anchor's copy and each alias's), against [`MAX_ALIAS_NODES`].
    copied: usize,
    root: Option<Value>,
}

impl Loader {
    fn event(&mut self, event: Event<'_>) -> Result<(), String> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let value = scalar(&text, style, tag.as_deref())?;
                self.keep(anchor, &value, Some(&text))?;
                self.finish(value, Some(text))
            }
            Event::SequenceStart(anchor, tag) => {
                collection_tag(tag.as_deref())?;
                self.open(Open::Seq { items: Vec::new(), anchor })
            }
            Event::MappingStart(anchor, tag) => {
                collection_tag(tag.as_deref())?;
                self.open(Open::Map {
                    map: Map::new(),
                    key: None,
                    anchor,
                })
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (value, anchor) = match self.stack.pop() {
                    Some(Open::Seq { items, anchor }) => (Value::Array(items), anchor),
                    Some(Open::Map { map, anchor, .. }) => (Value::Object(map), anchor),
                    None => return Err("an end without a start".into()),
                };
                self.keep(anchor, &value, None)?;
                self.finish(value, None)
            }
            Event::Alias(id) => {
                let a = self.anchors.get(&id).ok_or("an alias to an unknown anchor")?;
                let (value, text, nodes) = (a.value.clone(), a.text.clone(), a.nodes);
                self.charge(nodes)?;
                self.finish(value, text.map(Cow::Owned))
            }
            _ => Ok(()),
        }
    }

    /// Keeps a copy of an anchored node that an alias uses.
    fn keep(&mut self, anchor: usize, value: &Value, text: Option<&str>) -> Result<(), String> {
        if anchor == 0 || !self.used.contains(&anchor) {
            return Ok(());
        }
        let nodes = count(value);
        self.charge(nodes)?;
        let a = Anchored {
            value: value.clone(),
            text: text.map(str::to_string),
            nodes,
        };
        self.anchors.insert(anchor, a);
        Ok(())
    }

    fn charge(&mut self, nodes: usize) -> Result<(), String> {
        self.copied += nodes;
        if self.copied > MAX_ALIAS_NODES {
            return Err(format!(
                "expected aliases that copy at most {MAX_ALIAS_NODES} nodes; found more (an alias bomb?)"
            ));
        }
        Ok(())
    }

    fn open(&mut self, open: Open) -> Result<(), String> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(format!("expected YAML nested at most {MAX_DEPTH} levels deep; found deeper"));
        }
        self.stack.push(open);
        Ok(())
    }

    /// A node is complete: it is an item, a key, a key's value or the document.
    fn finish(&mut self, value: Value, text: Option<Cow<'_, str>>) -> Result<(), String> {
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Open::Seq { items, .. }) => items.push(value),
            Some(Open::Map { map, key, .. }) => match key.take() {
                Some(k) => {
                    map.insert(k, value);
                }
                None => match text {
                    Some(t) => *key = Some(t.into_owned()),
                    None => return Err(format!("expected a string as a mapping's key; found {}", kind(&value))),
                },
            },
        }
        Ok(())
    }
}

fn count(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(count).sum::<usize>(),
        Value::Object(map) => 1 + map.values().map(count).sum::<usize>(),
        _ => 1,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Array(_) => "a sequence",
        Value::Object(_) => "a mapping",
        _ => "a scalar",
    }
}

/// Tags Kubernetes objects never carry (`!foo`) are refused, as serde_yaml_ng refused them.
fn custom_tag(tag: &Tag) -> bool {
    let non_specific = tag.handle.is_empty() && tag.suffix == "!";
    !(tag.is_yaml_core_schema() || non_specific)
}

fn collection_tag(tag: Option<&Tag>) -> Result<(), String> {
    match tag {
        Some(t) if custom_tag(t) => Err(format!("expected YAML without custom tags; found {t}")),
        _ => Ok(()),
    }
}

/// One scalar's value, resolved as the module's head says.
fn scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Result<Value, String> {
    if let Some(tag) = tag {
        if custom_tag(tag) {
            return Err(format!("expected YAML without custom tags; found {tag}"));
        }
        if tag.is_yaml_core_schema() {
            let strict = |v: Option<Value>, what: &str| {
                v.ok_or_else(|| format!("expected {what} after !!{}; found \u{201c}{text}\u{201d}", tag.suffix))
            };
            return match tag.suffix.as_str() {
                "bool" => strict(bool_of(text).map(Value::Bool), "a boolean"),
                "int" => strict(int(text), "an integer"),
                "float" => strict(float(text), "a float"),
                "null" => strict(null(text).then_some(Value::Null), "null"),
                _ => Ok(Value::String(text.to_string())),
            };
        }
        // `! text`: the non-specific tag, a string.
        return Ok(Value::String(text.to_string()));
    }
    if style != ScalarStyle::Plain {
        return Ok(Value::String(text.to_string()));
    }
    if text.is_empty() || null(text) {
        return Ok(Value::Null);
    }
    if let Some(b) = bool_of(text) {
        return Ok(Value::Bool(b));
    }
    // Numbers start with a digit, a sign or a point; most scalars (names, base64) do not.
    if !text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) {
        return Ok(Value::String(text.to_string()));
    }
    if let Some(n) = int(text) {
        return Ok(n);
    }
    if !digits_but_not_number(text) {
        if let Some(f) = float(text) {
            return Ok(f);
        }
    }
    Ok(Value::String(text.to_string()))
}

fn null(text: &str) -> bool {
    matches!(text, "null" | "Null" | "NULL" | "~")
}

fn bool_of(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// Leading zeros before digits make a string in YAML 1.2 (`0755`).
fn digits_but_not_number(text: &str) -> bool {
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    t.len() > 1 && t.starts_with('0') && t[1..].bytes().all(|b| b.is_ascii_digit())
}

/// `[+-]` then `0x`/`0o`/`0b` digits or decimal digits, as a u64 or i64 (u128/i128 beyond those,
/// which JSON numbers cannot hold: a float).
fn int(text: &str) -> Option<Value> {
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if rest.starts_with(['+', '-']) {
        return None;
    }
    let (radix, digits) = match rest.get(..2) {
        Some("0x") => (16, &rest[2..]),
        Some("0o") => (8, &rest[2..]),
        Some("0b") => (2, &rest[2..]),
        _ => {
            if digits_but_not_number(text) {
                return None;
            }
            (10, rest)
        }
    };
    if digits.starts_with(['+', '-']) {
        return None;
    }
    let magnitude = u128::from_str_radix(digits, radix).ok()?;
    if !negative {
        return Some(match u64::try_from(magnitude) {
            Ok(n) => Value::Number(n.into()),
            Err(_) => Value::Number(Number::from_f64(magnitude as f64)?),
        });
    }
    match i128::try_from(magnitude).ok().and_then(|m| i64::try_from(-m).ok()) {
        Some(n) => Some(Value::Number(n.into())),
        None => Number::from_f64(-(magnitude as f64)).map(Value::Number),
    }
}

/// A float as Rust's `f64::from_str` reads one (`1.5`, `.5`, `1.`, `1e3`, `+1.5E-3`), a number;
/// `.inf`/`.nan` in YAML's spellings, null. Read by serde_json after rewriting to JSON's syntax.
fn float(text: &str) -> Option<Value> {
    let unpositive = match text.strip_prefix('+') {
        Some(u) if u.starts_with(['+', '-']) => return None,
        Some(u) => u,
        None => text,
    };
    if matches!(unpositive, ".inf" | ".Inf" | ".INF") || matches!(text, "-.inf" | "-.Inf" | "-.INF" | ".nan" | ".NaN" | ".NAN") {
        return Some(Value::Null);
    }
    let bare = unpositive.strip_prefix('-').unwrap_or(unpositive);
    let (mantissa, exponent) = match bare.find(['e', 'E']) {
        Some(i) => (&bare[..i], Some(&bare[i + 1..])),
        None => (bare, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !digits(whole) || !digits(fraction) {
        return None;
    }
    let mut json = String::with_capacity(text.len() + 2);
    if unpositive.starts_with('-') {
        json.push('-');
    }
    let whole = whole.trim_start_matches('0');
    json.push_str(if whole.is_empty() { "0" } else { whole });
    if !fraction.is_empty() {
        json.push('.');
        json.push_str(fraction);
    }
    if let Some(e) = exponent {
        let e_digits = e.strip_prefix(['+', '-']).unwrap_or(e);
        if e_digits.is_empty() || !digits(e_digits) {
            return None;
        }
        json.push('e');
        json.push_str(e);
    }
    let f: f64 = serde_json::from_str(&json).ok()?;
    f.is_finite().then(|| Number::from_f64(f).map(Value::Number)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn one(text: &str) -> Value {
        documents(text, 10).unwrap().remove(0)
    }

    #[test]
    fn scalars_resolve_as_serde_yaml_ng_resolved_them() {
        let v = one(concat!(
            "a: ~\nb: null\nc:\nd: True\ne: FALSE\nf: 42\ng: -7\nh: 0x1F\ni: 0o17\nj: 0b101\n",
            "k: 0755\nl: 1.5\nm: .5\nn: 1.\no: +1e3\np: -2.5E-1\nq: .inf\nr: -.Inf\ns: .NaN\n",
            "t: inf\nu: nan\nv: 1e400\nw: '42'\nx: \"true\"\ny: |\n  text\nz: 18446744073709551616\n",
            "aa: -9223372036854775808\nab: 1_000\nac: !!str 5\nad: !!int \"7\"\nae: ! 12\naf: 01.5\n",
            "ag: 1.5.5\nah: +-1\nai: 0x-1\n",
        ));
        let want = json!({
            "a": null, "b": null, "c": null, "d": true, "e": false, "f": 42, "g": -7, "h": 31,
            "i": 15, "j": 5, "k": "0755", "l": 1.5, "m": 0.5, "n": 1.0, "o": 1000.0, "p": -0.25,
            "q": null, "r": null, "s": null, "t": "inf", "u": "nan", "v": "1e400", "w": "42",
            "x": "true", "y": "text\n", "z": 18446744073709551616.0,
            "aa": i64::MIN, "ab": "1_000", "ac": "5", "ad": 7, "ae": "12", "af": 1.5,
            "ag": "1.5.5", "ah": "+-1", "ai": "0x-1",
        });
        assert_eq!(v, want);
    }

    #[test]
    fn documents_anchors_and_keys() {
        let docs = documents("a: &x {b: 1}\nc: *x\n&k key: *k\n---\n---\n- 1\n...\n", 10).unwrap();
        assert_eq!(docs, vec![json!({"a": {"b": 1}, "c": {"b": 1}, "key": "key"}), json!([1])]);
        assert_eq!(documents("", 10).unwrap(), Vec::<Value>::new());
        assert!(documents("a: 1\n---\nb: 2\n---\nc: 3\n", 2).unwrap_err().contains("more than 2"));
        let e = documents("a: 1\n---\nb: [1,\n", 10).unwrap_err();
        assert!(e.starts_with("expected YAML, but document 2 does not parse: "), "{e}");
        assert!(e.contains("line 4"), "{e}");
        let e = documents("? [1]\n: x\n", 10).unwrap_err();
        assert!(e.contains("expected a string as a mapping's key; found a sequence"), "{e}");
        let e = documents("a: !Secret x\n", 10).unwrap_err();
        assert!(e.contains("custom tags; found !Secret"), "{e}");
        let e = documents("a: *nowhere\n", 10).unwrap_err();
        assert!(e.contains("does not parse"), "{e}");
    }

    #[test]
    fn depth_and_alias_bombs_are_refused() {
        let deep = format!("{}1{}", "- ".repeat(10), "");
        assert!(documents(&deep, 10).is_ok());
        let mut block = String::new();
        for i in 0..(MAX_DEPTH + 1) {
            block.push_str(&" ".repeat(i));
            block.push_str("a:\n");
        }
        let e = documents(&block, 10).unwrap_err();
        assert!(e.contains("nested at most 128"), "{e}");
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n";
        let e = documents(bomb, 10).unwrap_err();
        assert!(e.contains("alias bomb"), "{e}");
        // Anchors around anchors: kept only when an alias names them, and then paid for.
        let mut nested = String::from("x:\n");
        for i in 0..100 {
            nested.push_str(&format!("{}- &a{i}\n", "  ".repeat(i + 1)));
        }
        nested.push_str(&format!("{}- [{}]\n", "  ".repeat(101), vec!["1"; 5_000].join(",")));
        assert_eq!(documents(&nested, 10).unwrap().len(), 1);
        let used: String = (0..100).map(|i| format!("y{i}: *a{i}\n")).collect();
        let e = documents(&format!("{nested}{used}"), 10).unwrap_err();
        assert!(e.contains("alias bomb"), "{e}");
    }
}
