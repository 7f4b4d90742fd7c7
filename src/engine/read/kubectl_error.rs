//! Error messages as kubectl prints them (issue #23): `error: You must be logged in to the
//! server (Unauthorized)`, `Error from server (Forbidden): … User "amy" cannot list resource
//! "pods" in API group "" in the namespace "dev"`, Go's TLS verification errors
//! (`x509: certificate signed by unknown authority`, `… has expired or is not yet valid: current
//! time … is after …`, `… is valid for …, not …`), `the server doesn't have a resource type`,
//! the CertificateSigningRequest API's refusals, and exec-plugin failures. Each recognised line
//! becomes an object of its own (explained by `analyse::explain`); the rest of the text (a
//! kubeconfig, a certificate, RBAC objects pasted with it) is read as usual.

use super::{Place, Reading, Text};
use crate::engine::report::error_message::{DeniedRequest, ErrorMessageFacts};
use crate::engine::report::ObjectKind;
use crate::engine::util;

/// Words one of the recognised messages holds; a text with none of them is not scanned line by
/// line (a 5 MB certificate bundle costs one search per word).
const MARKERS: &[&str] = &[
    "x509: ",
    "cannot ",
    "You must be logged in to the server",
    "doesn't have a resource type",
    "spec.request",
    "illegal base64 data",
    "unknown field",
    "exec plugin",
    "exec: ",
    "getting credentials: exec",
];

/// Lines longer than this are not messages (a message with a long URL is well under it).
const MAX_LINE: usize = 4000;

/// Whether a text may hold an error message (the input itself, with one of [`MARKERS`]).
fn may_hold_messages(t: &Text) -> bool {
    t.depth == 0 && MARKERS.iter().any(|m| t.text.contains(m))
}

/// Whether a line is read as a message at all: kubectl prints its messages at the start of a
/// line (or after a tab); a comment, a line indented with spaces, a list item or a quoted key
/// belongs to YAML or JSON (a Status, an Event, a condition's message) and is left to the
/// document readers.
fn candidate(line: &str) -> bool {
    let nested = line.starts_with(' ') || line.starts_with('-') || line.starts_with('"') || line.starts_with('{');
    !line.starts_with('#') && !nested && line.len() <= MAX_LINE
}

/// [`read_text`] for the first path (`Readers::FIRST`, issue #24), without the recognisers (they
/// and their texts stay out of the first report's module): a text with a line [`read_text`] might
/// take for a message — every message [`recognise`] knows holds one of [`MARKERS`] (tested) — is
/// left whole to the whole engine, which explains it.
pub fn leave_to_whole_engine(r: &mut Reading, t: &Text, _place: &Place) -> Option<bool> {
    let maybe = may_hold_messages(t) && t.text.lines().any(|l| candidate(l) && MARKERS.iter().any(|m| l.contains(m)));
    if !maybe {
        return None;
    }
    r.not_understood
        .push("A line that may be an error message: the whole inspector explains them.".into());
    Some(true)
}

pub fn read_text(r: &mut Reading, t: &Text, place: &Place) -> Option<bool> {
    if !may_hold_messages(t) {
        return None;
    }
    let mut found: Vec<ErrorMessageFacts> = Vec::new();
    let mut rest = String::new();
    for line in t.text.lines() {
        if line.starts_with('#') {
            rest.push('\n');
            continue;
        }
        match candidate(line).then(|| recognise(line)).flatten() {
            // kubectl repeats a message (each discovery retry, then a summary): one per kind, and
            // per request for Forbidden.
            Some(m) if !found.iter().any(|f| f.kind == m.kind && f.request == m.request) => found.push(m),
            Some(_) => {}
            None => {
                rest.push_str(line);
                rest.push('\n');
            }
        }
    }
    if found.is_empty() {
        return None;
    }
    r.detected.push(format!(
        "{} error message{} (kubectl, client-go or Go)",
        found.len(),
        if found.len() == 1 { "" } else { "s" }
    ));
    for (i, m) in found.into_iter().enumerate() {
        let source = if place.source.is_empty() {
            format!("error message {}", i + 1)
        } else {
            format!("{} error message {}", place.source, i + 1)
        };
        let p = Place { source, ..place.clone() };
        if let Some(id) = r.push(ObjectKind::ErrorMessage, &p) {
            r.objects[id].label = format!("Error: {}", util::clip(&m.line, 80));
            r.objects[id].error_message = Some(m);
        }
    }
    // What came with the message (a kubeconfig, a certificate, RBAC objects) is read as usual.
    if !rest.trim().is_empty() {
        r.read_text(&rest, place, t.depth);
    }
    Some(true)
}

/// The text between `start` (after it) and the next `"` (Go's %q: `\"` inside is an escaped quote).
fn quoted_after<'a>(s: &'a str, start: &str) -> Option<(String, &'a str)> {
    let i = s.find(start)? + start.len();
    let body = &s[i..];
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((j, c)) = chars.next() {
        match c {
            '\\' => {
                if let Some((_, n)) = chars.next() {
                    out.push(n);
                }
            }
            '"' => return Some((out, &body[j + 1..])),
            c => out.push(c),
        }
    }
    None
}

fn facts(kind: &str, line: &str) -> ErrorMessageFacts {
    ErrorMessageFacts {
        kind: kind.into(),
        line: util::clip(line.trim(), 500),
        ..Default::default()
    }
}

/// The request of `forbiddenMessage` (`staging/src/k8s.io/apiserver/pkg/endpoints/handlers/
/// responsewriters/errors.go`): `User "U" cannot VERB resource "R[/S]" in API group "G" in the
/// namespace "NS"` or `… at the cluster scope`, or `User "U" cannot VERB path "/p"`.
fn denied(line: &str) -> Option<DeniedRequest> {
    let (user, rest) = quoted_after(line, "User \"")?;
    let rest = rest.strip_prefix(" cannot ")?;
    let (verb, rest) = rest.split_once(' ')?;
    if let Some(p) = rest.strip_prefix("path ") {
        let (path, _) = quoted_after(p, "\"")?;
        return Some(DeniedRequest {
            user,
            verb: verb.into(),
            path: Some(path),
            ..Default::default()
        });
    }
    let (resource, rest) = quoted_after(rest, "resource \"")?;
    let (group, rest) = quoted_after(rest, "in API group \"")?;
    let namespace = match quoted_after(rest, "in the namespace \"") {
        Some((ns, _)) => Some(ns),
        None if rest.contains("at the cluster scope") => None,
        None => return None,
    };
    let (resource, subresource) = resource
        .split_once('/')
        .map(|(r, s)| (r.to_string(), s.to_string()))
        .unwrap_or((resource, String::new()));
    Some(DeniedRequest {
        user,
        verb: verb.into(),
        resource,
        subresource,
        group,
        namespace,
        path: None,
    })
}

/// Recognises one line; `None` when it is none of the messages this reader knows.
pub fn recognise(line: &str) -> Option<ErrorMessageFacts> {
    if line.contains("User \"") && line.contains(" cannot ") {
        let req = denied(line)?;
        let kind = if req.user == "system:anonymous" {
            "forbidden-anonymous"
        } else {
            "forbidden"
        };
        return Some(ErrorMessageFacts {
            request: Some(req),
            ..facts(kind, line)
        });
    }
    if line.contains("You must be logged in to the server") {
        return Some(facts("unauthorized", line));
    }
    if line.contains("x509: certificate signed by unknown authority") {
        return Some(facts("unknown-authority", line));
    }
    if line.contains("x509: certificate has expired or is not yet valid") {
        let mut f = facts("certificate-expired", line);
        if let Some(i) = line.find("current time ") {
            let rest = &line[i + "current time ".len()..];
            let mut words = rest.split_whitespace();
            f.current_time = words.next().map(str::to_string);
            if let (Some("is"), Some("after" | "before"), Some(t)) = (words.next(), words.next(), words.next()) {
                f.not_after = Some(t.trim_end_matches(|c: char| !c.is_ascii_alphanumeric()).to_string());
            }
        }
        return Some(f);
    }
    if let Some(i) = line.find("x509: certificate is valid for ") {
        let rest = &line[i + "x509: certificate is valid for ".len()..];
        let mut f = facts("hostname-mismatch", line);
        if let Some((names, asked)) = rest.rsplit_once(", not ") {
            f.valid_for = names.split(", ").map(str::to_string).collect();
            f.asked_for = Some(asked.trim().trim_end_matches(['"', '.']).to_string());
        }
        return Some(f);
    }
    if let Some(i) = line.find("x509: cannot validate certificate for ") {
        // Go's HostnameError for an IP address when the certificate has no IP SANs.
        let mut f = facts("hostname-mismatch", line);
        f.asked_for = line[i + "x509: cannot validate certificate for ".len()..]
            .split_whitespace()
            .next()
            .map(str::to_string);
        return Some(f);
    }
    if line.contains("x509: certificate is not valid for any names") {
        let mut f = facts("hostname-mismatch", line);
        f.asked_for = line.rsplit_once("wanted to match ").map(|(_, a)| a.trim().to_string());
        return Some(f);
    }
    if line.contains("doesn't have a resource type") {
        let mut f = facts("no-resource-type", line);
        f.resource_type = quoted_after(line, "resource type \"").map(|(t, _)| t);
        return Some(f);
    }
    if line.contains("spec.request") && line.contains("Invalid value") {
        return Some(facts("csr-invalid-request", line));
    }
    if line.contains("illegal base64 data at input byte") {
        return Some(facts("csr-bad-base64", line));
    }
    if line.contains("unknown field \"") && (line.contains("CertificateSigningRequest") || line.contains("strict decoding error")) {
        return Some(facts("csr-unknown-field", line));
    }
    if line.contains("exec plugin") || line.contains("getting credentials: exec") {
        return Some(facts("exec-plugin", line));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What makes [`leave_to_whole_engine`] safe: a line [`recognise`] takes holds a marker.
    #[test]
    fn every_recognised_line_holds_a_marker() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors");
        let mut recognised = 0;
        for e in std::fs::read_dir(dir).expect("error fixtures").flatten() {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            for line in text.lines().filter(|l| recognise(l).is_some()) {
                recognised += 1;
                assert!(MARKERS.iter().any(|m| line.contains(m)), "{line}");
            }
        }
        let own = [
            "error: getting credentials: exec-ish failure",
            "Unable to connect to the server: x509: cannot validate certificate for 10.0.0.1 because it doesn't contain any IP SANs",
            "The CertificateSigningRequest \"x\" is invalid: spec.request: Invalid value: []byte{}: PEM block type must be CERTIFICATE REQUEST",
        ];
        for line in own {
            assert!(recognise(line).is_some() && MARKERS.iter().any(|m| line.contains(m)), "{line}");
        }
        assert!(recognised >= 8, "{recognised} lines recognised in the fixtures");
    }

    #[test]
    fn forbidden_in_a_namespace_at_the_cluster_scope_and_for_a_path() {
        let f = recognise(r#"Error from server (Forbidden): pods is forbidden: User "amy" cannot list resource "pods" in API group "" in the namespace "dev""#).unwrap();
        assert_eq!(f.kind, "forbidden");
        let r = f.request.unwrap();
        assert_eq!(
            (r.user.as_str(), r.verb.as_str(), r.resource.as_str(), r.group.as_str()),
            ("amy", "list", "pods", "")
        );
        assert_eq!(r.namespace.as_deref(), Some("dev"));
        let f = recognise(r#"Error from server (Forbidden): nodes is forbidden: User "amy" cannot list resource "nodes" in API group "" at the cluster scope"#).unwrap();
        assert_eq!(f.request.unwrap().namespace, None);
        let f = recognise(r#"Error from server (Forbidden): pods "web-0" is forbidden: User "amy" cannot create resource "pods/exec" in API group "" in the namespace "dev""#).unwrap();
        let r = f.request.unwrap();
        assert_eq!((r.resource.as_str(), r.subresource.as_str()), ("pods", "exec"));
        let f = recognise(r#"Error from server (Forbidden): forbidden: User "system:anonymous" cannot get path "/healthz""#).unwrap();
        assert_eq!(f.kind, "forbidden-anonymous");
        assert_eq!(f.request.unwrap().path.as_deref(), Some("/healthz"));
    }

    #[test]
    fn tls_messages_keep_their_details() {
        let f = recognise("Unable to connect to the server: tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2026-12-04T10:00:00Z is after 2026-12-01T00:00:00Z").unwrap();
        assert_eq!(f.kind, "certificate-expired");
        assert_eq!(f.current_time.as_deref(), Some("2026-12-04T10:00:00Z"));
        assert_eq!(f.not_after.as_deref(), Some("2026-12-01T00:00:00Z"));
        let f = recognise("Unable to connect to the server: tls: failed to verify certificate: x509: certificate is valid for kubernetes, kubernetes.default, 10.96.0.1, 192.168.1.10, not 203.0.113.7").unwrap();
        assert_eq!(f.valid_for, vec!["kubernetes", "kubernetes.default", "10.96.0.1", "192.168.1.10"]);
        assert_eq!(f.asked_for.as_deref(), Some("203.0.113.7"));
        assert_eq!(
            recognise("Unable to connect to the server: x509: certificate signed by unknown authority")
                .unwrap()
                .kind,
            "unknown-authority"
        );
    }

    #[test]
    fn a_message_inside_yaml_or_json_is_left_to_the_document_readers() {
        let yaml = "apiVersion: v1\nkind: Status\nmessage: x\nitems:\n- message: 'pods is forbidden: User \"amy\" cannot list resource \"pods\" in API group \"\" in the namespace \"dev\"'\n  reason: Forbidden\n";
        let json = "{\n  \"message\": \"pods is forbidden: User \\\"amy\\\" cannot list resource \\\"pods\\\" in API group \\\"\\\" at the cluster scope\"\n}";
        let place = Place {
            source: String::new(),
            parent: None,
            role: Default::default(),
        };
        for text in [yaml, json] {
            let t = Text {
                text,
                depth: 0,
                has_pem: false,
                before: (0, 0, 0),
            };
            assert_eq!(read_text(&mut Reading::new(0), &t, &place), None, "{text}");
        }
    }

    #[test]
    fn ordinary_text_is_not_a_message() {
        for l in ["kind: Config", "- name: amy", "This user cannot be found", "", "x509 certificate"] {
            assert_eq!(recognise(l), None, "{l}");
        }
    }
}
