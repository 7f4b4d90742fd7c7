//! Flags a missing or malformed `spec.signerName`.
//!
//! Why: `ValidateSignerName` requires "a fully qualified domain and path of the form
//! 'example.com/signer-name'": exactly one `/`, a domain of at least two DNS-1123 labels (each ≤63
//! characters, ≤253 in all), a path whose dot-separated pieces are each a DNS-1123 subdomain
//! (so each may be up to 253 characters, room for `<namespace>.<resource-name>`), and 571
//! characters in all. The API refuses anything else.
//! Instead: use a built-in signer (`kubernetes.io/kube-apiserver-client` for users) or your
//! signer's exact name.
//! Reference: `pkg/apis/core/validation/names.go` (ValidateSignerName).

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "csr-signer-name-invalid",
    title: "signerName is missing or malformed",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Every CSR must name the signer that should issue it, as domain/path (e.g. kubernetes.io/kube-apiserver-client). The API server rejects a missing or malformed signerName.",
    fix: "Set spec.signerName to kubernetes.io/kube-apiserver-client for a user's client certificate, or to your signer's exact name.",
    reference: "kubernetes/kubernetes pkg/apis/core/validation/names.go (ValidateSignerName); https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#signers",
};

/// `IsDNS1123Label` (max 63) or, with `max` 253, what `IsDNS1123Subdomain` accepts of a piece
/// without dots: lowercase letters, digits and '-', alphanumeric at both ends.
fn dns_piece(s: &str, max: usize) -> bool {
    !s.is_empty()
        && s.len() <= max
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// The problem with a signer name, or `None` when `ValidateSignerName` accepts it
/// (`pkg/apis/core/validation/names.go`, in its order).
pub fn problem(name: &str) -> Option<String> {
    let shape = "must be a fully qualified domain and path of the form 'example.com/signer-name'";
    let parts: Vec<&str> = name.split('/').collect();
    let [domain, path] = parts.as_slice() else {
        return Some(shape.to_string());
    };
    if domain.len() > 253 {
        return Some(format!("domain is {} characters long; at most 253 are allowed", domain.len()));
    }
    if let Some(bad) = domain.split('.').find(|l| !dns_piece(l, 63)) {
        return Some(format!("domain label \"{bad}\" is not a valid DNS-1123 label"));
    }
    if domain.split('.').count() < 2 {
        return Some(format!(
            "domain \"{domain}\" should be a domain with at least two segments separated by dots"
        ));
    }
    if let Some(bad) = path.split('.').find(|p| !dns_piece(p, 253)) {
        return Some(format!("path piece \"{bad}\" is not a valid DNS-1123 subdomain; {shape}"));
    }
    if name.len() > 571 {
        return Some(format!("is {} characters long; at most 571 are allowed", name.len()));
    }
    None
}

fn check(ctx: &Ctx) -> Outcome {
    let Some(spec) = ctx.spec() else { return Outcome::NotApplicable };
    if spec.described && spec.signer_name.is_none() {
        // Older kubectl describe prints no signer: unknown, not missing.
        return Outcome::NotApplicable;
    }
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
        assert!(problem("Example.com/x").unwrap().contains("not a valid DNS-1123 label"));
        assert!(problem("example.com/a/b").is_some());
        assert!(problem("example.com/").is_some());
    }

    #[test]
    fn path_pieces_are_subdomains_up_to_253_and_the_whole_up_to_571() {
        // <fqdn>/<namespace>.<resource-name>, the shape the 571 limit was made for.
        let long_piece = "a".repeat(200);
        assert_eq!(problem(&format!("example.com/team.{long_piece}")), None);
        assert!(problem(&format!("example.com/{}", "a".repeat(254))).unwrap().contains("path piece"));
        let domain = format!("{0}.{0}.{0}.{0}.exmpl", "d".repeat(61));
        assert_eq!(domain.len(), 253);
        let name = format!("{domain}/{}.{}", "p".repeat(253), "q".repeat(63));
        assert_eq!(name.len(), 571);
        assert_eq!(problem(&name), None);
        let too_long = format!("{domain}/{}.{}", "p".repeat(253), "q".repeat(64));
        assert!(problem(&too_long).unwrap().contains("at most 571"));
    }
}
