//! kubectl's human-readable output about CSRs, which reviewers paste instead of the YAML:
//! the `kubectl get csr` table (`printCertificateSigningRequest`: NAME, AGE, SIGNERNAME,
//! REQUESTOR, REQUESTEDDURATION, CONDITION) and `kubectl describe csr`
//! (`describeCertificateSigningRequest`: Name, Requesting User, Status, then the parsed Subject
//! with Common Name and one Organization per line). Neither carries the request itself.

use super::{Place, Reading, Text};
use crate::engine::facts::x509;
use crate::engine::report::csr_object::{CsrObjectFacts, Requester};
use crate::engine::report::ObjectKind;

/// What `kubectl describe csr` shows of one request.
#[derive(Debug, PartialEq, Default)]
pub struct DescribedCsr {
    pub name: String,
    pub requester: Option<String>,
    pub signer: Option<String>,
    pub status: Option<String>,
    pub common_name: Option<String>,
    pub organizations: Vec<String>,
}

/// The request names of a pasted `kubectl get csr` table, or `None` when it is not one.
pub fn csr_table_names(text: &str) -> Option<Vec<String>> {
    // The header may follow a prompt line (`$ kubectl get csr`) or comments.
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let is_header = |l: &str| {
        let h: Vec<&str> = l.split_whitespace().collect();
        h.first() == Some(&"NAME") && h.contains(&"CONDITION") && (h.contains(&"SIGNERNAME") || h.contains(&"REQUESTOR"))
    };
    lines.by_ref().take(5).find(|l| is_header(l))?;
    Some(
        lines
            .filter_map(|l| l.split_whitespace().next().map(str::to_string))
            .take(1000)
            .collect(),
    )
}

/// A `Key:` at the start of a describe line (capitalised words, then a colon and a space or the
/// end). Values such as `system:masters` are not keys: they start lowercase.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_start();
    let colon = t.find(':')?;
    let key = &t[..colon];
    let rest = &t[colon + 1..];
    let is_key = key.starts_with(|c: char| c.is_ascii_uppercase())
        && key.chars().all(|c| c.is_ascii_alphabetic() || c == ' ')
        && (rest.is_empty() || rest.starts_with([' ', '\t']));
    is_key.then(|| (key, rest.trim()))
}

/// The request `kubectl describe csr` printed, or `None` when the text is not that output.
pub fn describe_csr(text: &str) -> Option<DescribedCsr> {
    if !(text.contains("Requesting User:") && text.contains("Common Name:")) {
        return None;
    }
    let mut d = DescribedCsr::default();
    let mut last_key = "";
    for line in text.lines().take(500) {
        if line.trim().is_empty() {
            continue;
        }
        match key_value(line) {
            Some((key, value)) => {
                let v = (!value.is_empty() && value != "<none>").then(|| value.to_string());
                match key {
                    "Name" if d.name.is_empty() => d.name = value.to_string(),
                    "Requesting User" => d.requester = v,
                    "Signer" => d.signer = v,
                    "Status" => d.status = v,
                    "Common Name" => d.common_name = v,
                    "Organization" => d.organizations.extend(v),
                    _ => {}
                }
                last_key = key;
            }
            // printListHelper puts each further value on its own indented line.
            None if last_key == "Organization" => d.organizations.push(line.trim().to_string()),
            None => {}
        }
    }
    (!d.name.is_empty()).then_some(d)
}

/// kubectl's human-readable output about CSRs (only as the whole input, and never with PEM).
pub fn read_text(r: &mut Reading, t: &Text, place: &Place) -> Option<bool> {
    if t.depth != 0 || t.has_pem {
        return None;
    }
    if let Some(d) = describe_csr(t.text) {
        r.add_described_csr(d, place);
        return Some(true);
    }
    let names = csr_table_names(t.text)?;
    let first = names.first().map(String::as_str).unwrap_or("NAME");
    let shown: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
    r.not_understood.push(format!(
        "This is `kubectl get csr` table output: it names {} request{} ({}{}) but carries none of their data (no request, no subject). Paste `kubectl get csr {first} -o yaml` for one, or `kubectl get csr -o yaml` for the whole queue.",
        names.len(),
        if names.len() == 1 { "" } else { "s" },
        shown.join(", "),
        if names.len() > shown.len() { ", …" } else { "" }
    ));
    Some(true)
}

impl Reading {
    /// A request known from `kubectl describe csr`: the identity from the described subject,
    /// the rest unknown (rule csr-request-not-included says so).
    fn add_described_csr(&mut self, d: DescribedCsr, place: &Place) {
        let src = format!("kubectl describe csr {}", d.name);
        let Some(id) = self.push(
            ObjectKind::CsrObject,
            &Place {
                source: src.clone(),
                ..place.clone()
            },
        ) else {
            return;
        };
        self.detected.push("kubectl describe csr output".into());
        self.recovered.push(format!(
            "{src}: kubectl describe shows the subject but not the request, so the identity comes from the described Common Name and Organization; the key, self-signature, SANs, usages and lifetime could not be checked. For the full review: kubectl get csr {} -o yaml.",
            d.name
        ));
        // Go's order when it writes a name: every O, then the CN.
        let mut subject: Vec<x509::NameAttr> = d.organizations.iter().map(|o| x509::NameAttr::new("O", o, 0)).collect();
        if let Some(cn) = &d.common_name {
            subject.push(x509::NameAttr::new("CN", cn, 1));
        }
        let ident = self.identity_of(&mut subject);
        let status = d.status.clone().unwrap_or_default();
        let state = ["Denied", "Failed", "Issued", "Approved"]
            .into_iter()
            .find(|s| status.contains(s))
            .unwrap_or("Pending");
        let facts = CsrObjectFacts {
            name: d.name.clone(),
            api_version: "certificates.k8s.io/v1".into(),
            signer_name: d.signer.clone(),
            expected_lifetime: "unknown (kubectl describe does not print the request's spec)".into(),
            requester: Requester {
                username: d.requester.clone(),
                ..Default::default()
            },
            state: state.into(),
            described: true,
            approve_command: format!("kubectl certificate approve {}", d.name),
            deny_command: format!("kubectl certificate deny {}", d.name),
            ..Default::default()
        };
        let o = &mut self.objects[id];
        o.label = format!("CSR {} (from kubectl describe)", d.name);
        o.set_identity(ident);
        o.request = Some(x509::CsrFacts {
            subject_text: x509::name_text(&subject),
            subject,
            signature: x509::SignatureCheck::Unchecked("kubectl describe does not include the request".into()),
            ..Default::default()
        });
        o.csr_object = Some(facts);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_csr_tables_are_recognised_by_their_header() {
        let t = "NAME    AGE   SIGNERNAME                            REQUESTOR   REQUESTEDDURATION   CONDITION\nalice   15h   kubernetes.io/kube-apiserver-client   alice       24h                 Pending\n";
        assert_eq!(csr_table_names(t), Some(vec!["alice".to_string()]));
        assert_eq!(csr_table_names("NAME READY STATUS\nweb 1/1 Running"), None);
        let prompt = format!("$ kubectl get csr\n{t}");
        assert_eq!(csr_table_names(&prompt), Some(vec!["alice".to_string()]));
    }

    #[test]
    fn describe_reads_the_subject_with_several_organizations() {
        let t = "Name:               mallory-admin\nLabels:             <none>\nAnnotations:        <none>\nCreationTimestamp:  Mon, 23 Nov 2026 09:00:00 +0000\nRequesting User:    mallory\nSigner:             kubernetes.io/kube-apiserver-client\nStatus:             Pending\nSubject:\n         Common Name:    mallory\n         Serial Number:  \n         Organization:   developers\n                         system:masters\nEvents:  <none>\n";
        let d = describe_csr(t).unwrap();
        assert_eq!(d.name, "mallory-admin");
        assert_eq!(d.requester.as_deref(), Some("mallory"));
        assert_eq!(d.signer.as_deref(), Some("kubernetes.io/kube-apiserver-client"));
        assert_eq!(d.common_name.as_deref(), Some("mallory"));
        assert_eq!(d.organizations, ["developers", "system:masters"]);
    }
}
