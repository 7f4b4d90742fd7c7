//! Flags a Kubernetes UID subject attribute (OID 1.3.6.1.4.1.57683.2) that the API server
//! rejects: empty, not a string, or present more than once.
//!
//! Why: from 1.34 (feature gate `AllowParsingUserUIDFromCertAuth`, beta and on by default) the
//! authenticator reads this attribute as the user's UID and fails authentication when it is
//! malformed; older versions ignore it.
//! Instead: at most one UID attribute, a non-empty string.
//! Reference: `staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509.go`;
//! `content/en/docs/reference/command-line-tools-reference/feature-gates/AllowParsingUserUIDFromCertAuth.md`.

use super::{Ctx, Outcome, Rule};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "identity-invalid-uid",
    title: "Malformed Kubernetes UID attribute",
    severity: Severity::High,
    why: "Since Kubernetes 1.34 the certificate authenticator reads the subject attribute 1.3.6.1.4.1.57683.2 as the user's UID. If it is empty, not a string, or repeated, authentication fails with an error, so the certificate stops working when the cluster is upgraded.",
    fix: "Include the UID attribute at most once, as a non-empty UTF8String, or leave it out.",
    reference: "kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509.go; https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/",
    check,
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(id) = ctx.identity() else { return Outcome::NotApplicable };
    if ctx.subject().is_none() {
        return Outcome::NotApplicable;
    }
    match &id.uid_error {
        None => Outcome::Pass,
        Some(e) => Outcome::rejected(Severity::High, format!("Kubernetes 1.34+ rejects it: {e}.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn repeated_uid_is_rejected() {
        let o = run(&RULE, &csr(&[("CN", "a"), ("k8s-uid", "1"), ("k8s-uid", "2")]));
        assert!(detail(&o).contains("expected 1 UID, but found multiple"));
        assert_eq!(run(&RULE, &csr(&[("CN", "a"), ("k8s-uid", "1")])), Outcome::Pass);
    }
}
