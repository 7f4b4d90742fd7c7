//! Flags a CSR without `spec.expirationSeconds`.
//!
//! Why: the signer then issues for its full `--cluster-signing-duration` (one year by default),
//! and client certificates cannot be revoked: a year of access for a credential that may have
//! been needed for a day. API servers before 1.22 drop the field silently.
//! Reference: certificate-signing-requests.md; `pkg/controller/certificates/signer/signer.go` (duration).

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "csr-no-expiration-seconds",
    title: "No expirationSeconds: the signer's default (a year) applies",
    severity: Severity::Low,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Kubernetes cannot revoke a client certificate before it expires. Without expirationSeconds the built-in signers issue for --cluster-signing-duration, one year by default.",
    fix: "Ask for what is needed, e.g. expirationSeconds: 86400 (one day), and renew when it runs out.",
    reference: "https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#request-signing-process; kubernetes/kubernetes pkg/controller/certificates/signer/signer.go",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(spec) = ctx.spec_fields() else {
        return Outcome::NotApplicable;
    };
    Outcome::pass_if(spec.expiration_seconds.is_some(), || {
        Outcome::fail(Severity::Low, format!("Expected lifetime: {}.", spec.expected_lifetime))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn missing_expiration_is_low() {
        let mut o = csr_object(&[("CN", "a")], "kubernetes.io/kube-apiserver-client", &[], "a");
        assert_eq!(run(&RULE, &o), Outcome::Pass);
        o.csr_object.as_mut().unwrap().expiration_seconds = None;
        assert_eq!(severity(&run(&RULE, &o)), Some(Severity::Low));
    }
}
