//! Flags a missing or malformed `spec.signerName`.
//!
//! Why: `ValidateSignerName` requires "a fully qualified domain and path of the form
//! 'example.com/signer-name'": exactly one `/`, a domain of at least two DNS-1123 labels (≤253
//! characters), a path of dot-separated DNS-1123 subdomains, 571 characters in all. The API
//! refuses anything else.
//! Instead: use a built-in signer (`kubernetes.io/kube-apiserver-client` for users) or your
//! signer's exact name.
//! Reference: `pkg/apis/core/validation/names.go` (ValidateSignerName).

use super::{Ctx, Outcome, Rule};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "csr-signer-name-invalid",
    title: "signerName is missing or malformed",
    severity: Severity::High,
    why: "Every CSR must name the signer that should issue it, as domain/path (e.g. kubernetes.io/kube-apiserver-client). The API server rejects a missing or malformed signerName.",
    fix: "Set spec.signerName to kubernetes.io/kube-apiserver-client for a user's client certificate, or to your signer's exact name.",
    reference: "kubernetes/kubernetes pkg/apis/core/validation/names.go (ValidateSignerName); https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#signers",
    check,
};

fn dns_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// The problem with a signer name, or `None` when `ValidateSignerName` accepts it.
pub fn problem(name: &str) -> Option<String> {
    let shape = "must be a fully qualified domain and path of the form 'example.com/signer-name'";
    if name.len() > 571 {
        return Some(format!("is {} characters long; at most 571 are allowed", name.len()));
    }
    let parts: Vec<&str> = name.split('/').collect();
    let [domain, path] = parts.as_slice() else {
        return Some(shape.to_string());
    };
    if domain.len() > 253 || !domain.split('.').all(dns_label) {
        return Some(format!("domain \"{domain}\" is not a valid DNS name"));
    }
    if domain.split('.').count() < 2 {
        return Some(format!(
            "domain \"{domain}\" should be a domain with at least two segments separated by dots"
        ));
    }
    if path.is_empty() || path.len() > 253 || !path.split('.').all(dns_label) {
        return Some(format!("path \"{path}\" is not a valid DNS-1123 subdomain; {shape}"));
    }
    None
}

fn check(ctx: &Ctx) -> Outcome {
    let Some(spec) = ctx.spec() else { return Outcome::NotApplicable };
    match spec.signer_name.as_deref() {
        Some(n) if spec.signer_defaulted => Outcome::fail(
            Severity::Info,
            format!("No signerName: {} fills in {n}, chosen from the request's shape.", spec.api_version),
        ),
        None if spec.api_version.ends_with("/v1beta1") => Outcome::fail(
            Severity::Medium,
            "No signerName, and the request could not be read to tell which default certificates.k8s.io/v1beta1 would pick.",
        ),
        None => Outcome::rejected(Severity::High, "spec.signerName is required and missing."),
        Some(n) => match problem(n) {
            None => Outcome::Pass,
            Some(p) => Outcome::rejected(Severity::High, format!("signerName \"{n}\" {p}.")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signer_name_shapes() {
        assert_eq!(problem("kubernetes.io/kube-apiserver-client"), None);
        assert_eq!(problem("example.com/my-signer.v2"), None);
        assert!(problem("my-signer").unwrap().contains("example.com/signer-name"));
        assert!(problem("localhost/signer").unwrap().contains("two segments"));
        assert!(problem("Example.com/x").unwrap().contains("not a valid DNS name"));
        assert!(problem("example.com/a/b").is_some());
        assert!(problem("example.com/").is_some());
    }
}
