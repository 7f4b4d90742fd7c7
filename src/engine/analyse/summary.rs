//! The report's summary: what was detected (one line per kind of object found), the counts of
//! findings by severity, the verdict over every object, and the error when nothing was usable.

use crate::engine::report::{Counts, InputError, Object, ObjectKind, Severity, Verdict};
use crate::engine::rules;

/// Findings counted by severity.
pub fn counts(objects: &[Object]) -> Counts {
    let mut counts = Counts::default();
    for f in objects.iter().flat_map(|o| &o.findings) {
        match f.severity {
            Severity::Critical => counts.critical += 1,
            Severity::High => counts.high += 1,
            Severity::Medium => counts.medium += 1,
            Severity::Low => counts.low += 1,
            Severity::Info => counts.info += 1,
        }
    }
    counts
}

/// The worst case over every object; `None` when nothing was recognised.
pub fn verdict(objects: &[Object]) -> Option<Verdict> {
    // An error message alone is explained, not judged.
    let judged = objects.iter().any(|o| o.kind != ObjectKind::ErrorMessage);
    judged.then(|| {
        rules::verdict(
            objects.iter().flat_map(|o| &o.findings),
            objects.iter().any(|o| o.request.is_some()),
        )
    })
}

/// Nothing in the input could be read (and it held no RBAC objects either).
pub fn nothing_usable(objects: &[Object], rbac_given: bool, not_understood: &[String]) -> Option<InputError> {
    (objects.is_empty() && !rbac_given).then(|| InputError {
        code: "nothing_usable".into(),
        message: format!(
            "Nothing in the input could be read as a certificate, CSR, key or Kubernetes object. {}",
            not_understood.join(" ")
        )
        .trim()
        .to_string(),
    })
}

/// `input.detected`: the formats seen, then "Found 2 certificates, 1 private key".
pub fn detected(objects: &[Object], formats: &[String]) -> Vec<String> {
    let mut out: Vec<String> = formats.to_vec();
    out.dedup();
    let count = |k: ObjectKind| objects.iter().filter(|o| o.kind == k).count();
    let parts: Vec<String> = [
        (ObjectKind::Certificate, "certificate", "certificates"),
        (
            ObjectKind::CertificateRequest,
            "PEM certificate request",
            "PEM certificate requests",
        ),
        (
            ObjectKind::CsrObject,
            "CertificateSigningRequest object",
            "CertificateSigningRequest objects",
        ),
        (ObjectKind::Kubeconfig, "kubeconfig", "kubeconfigs"),
        (ObjectKind::TlsSecret, "Secret", "Secrets"),
        (ObjectKind::PrivateKey, "private key", "private keys"),
        (ObjectKind::PublicKey, "public key", "public keys"),
        (ObjectKind::Token, "bearer token", "bearer tokens"),
    ]
    .iter()
    .filter_map(|(k, one, many)| match count(*k) {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    })
    .collect();
    if !parts.is_empty() {
        out.push(format!("Found {}", parts.join(", ")));
    }
    out
}
