//! Flags a client certificate or CSR with no CN (or an empty one).
//!
//! Why: `CommonNameUserConversion` returns "not ok" for an empty CN, so the certificate
//! authenticates nobody: the request falls through to other authenticators and usually ends
//! as 401. Any O values are ignored with it.
//! Instead: set CN to the user name the certificate is for.
//! Reference: `staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509.go`.

use super::{Ctx, Outcome, Rule};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "identity-empty-cn",
    title: "No CN: authenticates as nobody",
    severity: Severity::High,
    why: "Kubernetes takes the user name from the subject's CN. With no CN (or an empty one) the certificate does not authenticate anyone, not even as anonymous; its O groups are ignored too.",
    fix: "Put the user name in CN, e.g. openssl req -subj \"/CN=alice/O=developers\".",
    reference: "kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509.go (CommonNameUserConversion)",
    check,
};

fn check(ctx: &Ctx) -> Outcome {
    if !ctx.claims_client_identity() {
        return Outcome::NotApplicable;
    }
    let serving_only = ctx.signer() == Some(super::KUBELET_SERVING);
    Outcome::pass_if(ctx.obj.username.is_some() || serving_only, || {
        Outcome::rejected(
            Severity::High,
            "The subject has no CN, so the API server will not authenticate this certificate as anyone.",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn empty_cn_fails_named_passes() {
        assert!(fails(run(&RULE, &csr(&[("O", "devs")]))));
        assert!(fails(run(&RULE, &csr(&[("CN", ""), ("O", "devs")]))));
        assert_eq!(run(&RULE, &csr(&[("CN", "alice")])), Outcome::Pass);
        let mut ca = cert(&[("O", "x")], 30);
        make_ca(&mut ca);
        assert_eq!(run(&RULE, &ca), Outcome::NotApplicable);
    }
}
