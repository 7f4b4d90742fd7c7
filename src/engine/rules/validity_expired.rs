//! Flags an expired certificate or token.
//!
//! Why: Go's `Verify` checks the validity window, so the x509 authenticator returns an error
//! (401 unless another credential on the request succeeds); an expired CA breaks every chain
//! under it.
//! Reference: `staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509.go` (tests
//! "expired cert"); Go crypto/x509 `Certificate.Verify`.

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;
use crate::engine::util::human_duration;

pub static RULE: Rule = Rule {
    id: "validity-expired",
    title: "Expired",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Kubernetes (through Go's crypto/x509) refuses certificates outside their validity window: x509: certificate has expired or is not yet valid. A kubeconfig with an expired client certificate gets 401 Unauthorized; an expired CA invalidates everything it signed.",
    fix: "Issue a new certificate (new CSR, or `kubeadm certs renew` for kubeadm's own certificates) and replace the old one everywhere it is used.",
    reference: "kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509_test.go (\"expired cert\"); https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-certs/",
};

fn check(ctx: &Ctx) -> Outcome {
    let not_after = match (ctx.cert(), ctx.obj.token.as_ref().and_then(|t| t.jwt.as_ref())) {
        (Some(c), _) => c.validity.not_after_unix,
        (None, Some(j)) => match j.expires_unix {
            Some(e) => e,
            None => return Outcome::NotApplicable,
        },
        _ => return Outcome::NotApplicable,
    };
    Outcome::pass_if(ctx.now <= not_after, || {
        let what = if ctx.is_ca_cert() { "This CA" } else { "It" };
        Outcome::rejected(
            Severity::High,
            format!(
                "{what} expired {} ago ({}).",
                human_duration(ctx.now.saturating_sub(not_after)),
                crate::engine::util::rfc3339(not_after)
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn expired_fails_valid_passes() {
        let o = run(&RULE, &cert(&[("CN", "a")], 0));
        assert!(detail(&o).starts_with("It expired 1 day ago"), "{}", detail(&o));
        assert_eq!(run(&RULE, &cert(&[("CN", "a")], 10)), Outcome::Pass);
        assert_eq!(run(&RULE, &csr(&[("CN", "a")])), Outcome::NotApplicable);
    }
}
