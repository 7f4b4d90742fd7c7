//! `certificates.k8s.io` CertificateSigningRequest objects (v1 and v1beta1), as printed by
//! `kubectl get csr NAME -o yaml|json`. Field meanings: `pkg/apis/certificates/types.go`.

use serde_json::Value;

use crate::engine::facts::x509::Sans;
use crate::engine::report::csr_object::{Condition, CsrObjectFacts, Requester};
use crate::engine::util::human_duration;

use super::{prefix, sniff, Place, Reading};
use crate::engine::facts::x509;
use crate::engine::report::{ObjectKind, Role};
use crate::engine::rules;
use crate::engine::util;

/// Default `--cluster-signing-duration` of kube-controller-manager (one year).
pub const DEFAULT_SIGNING_DURATION: i64 = 365 * 24 * 3600;
/// The signing controller never issues less than this, and the API rejects less.
pub const MIN_EXPIRATION_SECONDS: i64 = 600;

pub struct CsrObjectInput {
    pub facts: CsrObjectFacts,
    /// A slip in the object that was read past, for `input.recovered`.
    pub slip: Option<String>,
    pub request_b64: Option<String>,
    pub certificate_b64: Option<String>,
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter().try_fold(v, |v, k| v.get(k))?.as_str()
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// The lifetime the corrected request asks for: one day, as the seeds recommend for people.
pub const SUGGESTED_EXPIRATION_SECONDS: i64 = 86_400;

/// The object a requester should submit instead: the same request, signer and usages, with
/// `expirationSeconds` set; only what a requester writes (the API server fills in the rest).
pub fn resubmission(f: &CsrObjectFacts, request_b64: &str) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let request: String = request_b64.chars().filter(|c| !c.is_whitespace()).collect();
    let mut y = String::new();
    y.push_str("apiVersion: certificates.k8s.io/v1\nkind: CertificateSigningRequest\nmetadata:\n");
    y.push_str(&format!("  name: {}\nspec:\n", q(&f.name)));
    y.push_str(&format!("  request: {}\n", q(&request)));
    y.push_str(&format!("  signerName: {}\n", q(f.signer_name.as_deref().unwrap_or(""))));
    y.push_str(&format!("  expirationSeconds: {SUGGESTED_EXPIRATION_SECONDS}\n  usages:\n"));
    for u in &f.usages {
        y.push_str(&format!("  - {}\n", q(u)));
    }
    y
}

pub fn is_csr(v: &Value) -> bool {
    v.get("kind").and_then(Value::as_str) == Some("CertificateSigningRequest")
}

/// The fields of a CSR's spec.
const SPEC_FIELDS: &[&str] = &[
    "request",
    "signerName",
    "usages",
    "expirationSeconds",
    "username",
    "groups",
    "uid",
    "extra",
];

pub fn read(v: &Value) -> CsrObjectInput {
    let mut spec = v.get("spec").cloned().unwrap_or(Value::Null);
    // The indentation slip of a CSR copied from a web page: spec's fields at the top level,
    // beside an empty `spec:`. kubectl would refuse the file (unknown field "request", and
    // spec.request Required); the request is analysed as if the fields were indented.
    let beside: Vec<&str> = SPEC_FIELDS.iter().copied().filter(|f| v.get(*f).is_some()).collect();
    let mut slip = None;
    if !beside.is_empty() && spec.get("request").is_none() {
        let mut fixed = spec.as_object().cloned().unwrap_or_default();
        for f in &beside {
            if let Some(x) = v.get(*f) {
                fixed.entry(f.to_string()).or_insert_with(|| x.clone());
            }
        }
        spec = Value::Object(fixed);
        slip = Some(format!(
            "{} {} beside spec: instead of under it (the indentation was lost). kubectl would refuse this file (unknown field \"{}\"; spec.request: Required). Read as if indented; indent {} by two spaces under spec: before applying it.",
            beside.join(", "),
            if beside.len() == 1 { "sits" } else { "sit" },
            beside[0],
            if beside.len() == 1 { "it" } else { "them" }
        ));
    }
    let name = str_at(v, &["metadata", "name"])
        .or_else(|| str_at(v, &["metadata", "generateName"]))
        .unwrap_or("(unnamed)")
        .to_string();
    let expiration_seconds = spec.get("expirationSeconds").and_then(Value::as_i64);
    let expected_lifetime = match expiration_seconds {
        None => format!(
            "{} (signer default; the request does not set expirationSeconds)",
            human_duration(DEFAULT_SIGNING_DURATION)
        ),
        Some(s) if s < MIN_EXPIRATION_SECONDS => format!("none: the API rejects expirationSeconds below {MIN_EXPIRATION_SECONDS}"),
        Some(s) if s > DEFAULT_SIGNING_DURATION => {
            format!(
                "{} (capped at the default signing duration; {} requested)",
                human_duration(DEFAULT_SIGNING_DURATION),
                human_duration(s)
            )
        }
        Some(s) => format!("{} (requested)", human_duration(s)),
    };
    let conditions: Vec<Condition> = v
        .pointer("/status/conditions")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|c| Condition {
                    kind: c.get("type").and_then(Value::as_str).unwrap_or("").to_string(),
                    status: c.get("status").and_then(Value::as_str).unwrap_or("True").to_string(),
                    reason: c.get("reason").and_then(Value::as_str).map(str::to_string),
                    message: c.get("message").and_then(Value::as_str).map(str::to_string),
                })
                .collect()
        })
        .unwrap_or_default();
    let certificate_b64 = str_at(v, &["status", "certificate"])
        .filter(|s| !s.trim().is_empty())
        .map(str::to_string);
    let cond = |t: &str| conditions.iter().any(|c| c.kind == t && c.status == "True");
    let state = if cond("Denied") {
        "Denied"
    } else if cond("Failed") {
        "Failed"
    } else if certificate_b64.is_some() {
        "Issued"
    } else if cond("Approved") {
        "Approved"
    } else {
        "Pending"
    };
    let facts = CsrObjectFacts {
        described: false,
        resubmit_with_lifetime: None,
        approve_command: format!("kubectl certificate approve {name}"),
        deny_command: format!("kubectl certificate deny {name}"),
        name,
        api_version: v.get("apiVersion").and_then(Value::as_str).unwrap_or("").to_string(),
        signer_name: spec
            .get("signerName")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        created: str_at(v, &["metadata", "creationTimestamp"]).map(str::to_string),
        created_unix: str_at(v, &["metadata", "creationTimestamp"]).and_then(crate::engine::util::parse_rfc3339),
        signer_defaulted: false,
        usages: strings(spec.get("usages")),
        usages_defaulted: false,
        expiration_seconds,
        expected_lifetime,
        requester: Requester {
            username: spec.get("username").and_then(Value::as_str).map(str::to_string),
            uid: spec.get("uid").and_then(Value::as_str).map(str::to_string),
            groups: strings(spec.get("groups")),
        },
        conditions,
        state: state.to_string(),
        request_error: None,
        issued: Vec::new(),
    };
    CsrObjectInput {
        facts,
        slip,
        request_b64: spec.get("request").and_then(Value::as_str).map(str::to_string),
        certificate_b64,
    }
}

/// `ValidateKubeletClientCSR` / `ValidateKubeletServingCSR` (`pkg/apis/certificates/helpers.go`):
/// the Go error messages of the subject and SAN checks, in the helpers' order.
pub fn kubelet_subject_problems(orgs: &[&str], cn: Option<&str>, sans: &Sans, serving: bool) -> Vec<String> {
    let mut p = Vec::new();
    if orgs != ["system:nodes"] {
        p.push(format!("subject organization is not system:nodes (found {orgs:?})"));
    }
    // Client: DNS, Email, IP, URI (ValidateKubeletClientCSR). Serving: DNS-or-IP, Email, URI.
    if serving && sans.dns.is_empty() && sans.ip.is_empty() {
        p.push("DNS or IP subjectAltName is required".into());
    }
    if !serving && !sans.dns.is_empty() {
        p.push("DNS subjectAltNames are not allowed".into());
    }
    if !sans.email.is_empty() {
        p.push("Email subjectAltNames are not allowed".into());
    }
    if !serving && !sans.ip.is_empty() {
        p.push("IP subjectAltNames are not allowed".into());
    }
    if !sans.uri.is_empty() {
        p.push("URI subjectAltNames are not allowed".into());
    }
    if !cn.unwrap_or("").starts_with("system:node:") {
        p.push(format!(
            "subject common name does not begin with system:node: (found \"{}\")",
            cn.unwrap_or("")
        ));
    }
    p
}

/// The usage sets the kubelet signers accept (compared as sets, like `helpers.go`).
pub fn kubelet_usages_match(usages: &[String], serving: bool) -> bool {
    let mut u: Vec<&str> = usages.iter().map(String::as_str).collect();
    u.sort_unstable();
    u.dedup();
    let auth = if serving { "server auth" } else { "client auth" };
    let mut with_ke = vec!["digital signature", "key encipherment", auth];
    let mut without = vec!["digital signature", auth];
    with_ke.sort_unstable();
    without.sort_unstable();
    u == with_ke || u == without
}

/// The signer certificates.k8s.io/v1beta1 fills in when `signerName` is empty
/// (`DefaultSignerNameFromSpec` in `pkg/apis/certificates/v1beta1/defaults.go`).
pub fn v1beta1_default_signer(orgs: &[&str], cn: Option<&str>, sans: &Sans, usages: &[String]) -> &'static str {
    if kubelet_subject_problems(orgs, cn, sans, true).is_empty() && kubelet_usages_match(usages, true) {
        "kubernetes.io/kubelet-serving"
    } else if kubelet_subject_problems(orgs, cn, sans, false).is_empty() && kubelet_usages_match(usages, false) {
        "kubernetes.io/kube-apiserver-client-kubelet"
    } else {
        "kubernetes.io/legacy-unknown"
    }
}

pub fn read_object(r: &mut Reading, v: &Value, here: &str, place: &Place) {
    r.detected.push(format!(
        "CertificateSigningRequest ({})",
        v.get("apiVersion").and_then(Value::as_str).unwrap_or("no apiVersion")
    ));
    r.add_csr_object(v, here, place);
}

impl Reading {
    fn add_csr_object(&mut self, v: &Value, here: &str, place: &Place) {
        let CsrObjectInput {
            mut facts,
            request_b64,
            certificate_b64,
            slip,
        } = read(v);
        let src = format!("{}CertificateSigningRequest {} ({here})", prefix(place), facts.name);
        if let Some(slip) = slip {
            self.recovered.push(format!("{src}: {slip}"));
        }
        let Some(id) = self.push(
            ObjectKind::CsrObject,
            &Place {
                source: src,
                ..place.clone()
            },
        ) else {
            return;
        };
        match request_b64 {
            None => facts.request_error = Some("spec.request is missing".into()),
            Some(b64) => match parse_request_field(&b64, self.target.go) {
                Ok(mut c) => {
                    let ident = self.identity_of(&mut c.subject);
                    let o = &mut self.objects[id];
                    o.set_identity(ident);
                    o.request = Some(c);
                    let year_long = facts.expiration_seconds.is_none()
                        && facts.state == "Pending"
                        && facts.signer_name.as_deref() == Some(rules::KUBE_APISERVER_CLIENT);
                    if year_long {
                        facts.resubmit_with_lifetime = Some(resubmission(&facts, &b64));
                    }
                }
                Err(e) => facts.request_error = Some(e),
            },
        }
        if facts.usages.is_empty() && facts.api_version.ends_with("/v1beta1") {
            // v1beta1 SetDefaults_CertificateSigningRequestSpec, applied before the signer default.
            facts.usages = vec!["digital signature".into(), "key encipherment".into()];
            facts.usages_defaulted = true;
        }
        if facts.signer_name.is_none() && facts.api_version.ends_with("/v1beta1") {
            if let Some(r) = &self.objects[id].request {
                let orgs: Vec<&str> = r.subject.iter().filter(|a| a.short == "O").map(|a| a.value.as_str()).collect();
                let cn = self.objects[id].username.as_deref();
                facts.signer_name = Some(v1beta1_default_signer(&orgs, cn, &r.extensions.sans, &facts.usages).to_string());
                facts.signer_defaulted = true;
            }
        }
        if let Some(b64) = certificate_b64 {
            let p = Place {
                source: format!("{} status.certificate", facts.name),
                parent: Some(id),
                role: Role::CsrIssued,
            };
            facts.issued = self.read_field(&b64, &p, "a PEM certificate");
            let first_cert = facts.issued.iter().find_map(|i| self.objects[*i].certificate.as_ref());
            if let Some(c) = first_cert {
                let (nb, na) = (c.validity.not_before.clone(), c.validity.not_after.clone());
                self.objects[id].not_before = Some(nb);
                self.objects[id].not_after = Some(na);
            }
        }
        let o = &mut self.objects[id];
        o.label = format!("CSR {}", util::clip(&facts.name, 80));
        o.csr_object = Some(facts);
    }
}

/// `spec.request`: base64 of a PEM `CERTIFICATE REQUEST` (what the API server's `ParseCSR` takes:
/// the first PEM block, which must be exactly that type).
fn parse_request_field(b64: &str, go: x509::GoRelease) -> Result<x509::CsrFacts, String> {
    let bytes = sniff::decode_base64(b64).map_err(|e| format!("spec.request is not valid base64 ({e})"))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| "spec.request decodes to binary data; the API expects base64 of a PEM CERTIFICATE REQUEST".to_string())?;
    let (blocks, problems) = sniff::pem_blocks(text);
    let Some(first) = blocks.first() else {
        return Err(match problems.first() {
            Some(p) => format!("spec.request: {p}"),
            None => format!(
                "spec.request holds no PEM block; expected a CERTIFICATE REQUEST, found {}",
                sniff::describe(text)
            ),
        });
    };
    if first.label != "CERTIFICATE REQUEST" {
        return Err(format!(
            "PEM block type must be CERTIFICATE REQUEST (found \"{}\"); the API rejects this request",
            util::clip(&first.label, 40)
        ));
    }
    let der = first.der.as_ref().map_err(|e| format!("spec.request: {e}"))?;
    x509::parse_csr_as(der, go).map_err(|e| format!("spec.request is {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usages(u: &[&str]) -> Vec<String> {
        u.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn v1beta1_defaults_follow_the_request_shape() {
        let node = ["system:nodes"];
        let cn = Some("system:node:n1");
        let none = Sans::default();
        let with_ip = Sans {
            ip: vec!["10.0.0.1".into()],
            ..Default::default()
        };
        let client = usages(&["digital signature", "key encipherment", "client auth"]);
        let serving = usages(&["server auth", "digital signature"]);
        assert_eq!(
            v1beta1_default_signer(&node, cn, &none, &client),
            "kubernetes.io/kube-apiserver-client-kubelet"
        );
        assert_eq!(
            v1beta1_default_signer(&node, cn, &with_ip, &serving),
            "kubernetes.io/kubelet-serving"
        );
        assert_eq!(
            v1beta1_default_signer(&node, cn, &none, &serving),
            "kubernetes.io/legacy-unknown",
            "serving needs a SAN"
        );
        assert_eq!(
            v1beta1_default_signer(&["devs"], Some("alice"), &none, &client),
            "kubernetes.io/legacy-unknown"
        );
    }

    #[test]
    fn kubelet_client_checks_run_in_gos_order() {
        let sans = Sans {
            dns: vec!["n".into()],
            ip: vec!["10.0.0.1".into()],
            email: vec!["a@b".into()],
            ..Default::default()
        };
        let p = kubelet_subject_problems(&["system:nodes"], Some("system:node:n"), &sans, false);
        assert_eq!(
            p,
            vec![
                "DNS subjectAltNames are not allowed",
                "Email subjectAltNames are not allowed",
                "IP subjectAltNames are not allowed"
            ]
        );
    }

    #[test]
    fn kubelet_usages_are_compared_as_sets() {
        assert!(kubelet_usages_match(
            &usages(&["client auth", "digital signature", "client auth"]),
            false
        ));
        assert!(!kubelet_usages_match(&usages(&["client auth"]), false));
        assert!(!kubelet_usages_match(&usages(&["digital signature", "client auth"]), true));
    }
}
