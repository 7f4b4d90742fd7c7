//! Flags a client certificate or CSR with no CN (or an empty one).
//!
//! Why: `CommonNameUserConversion` returns "not ok" without an error for an empty CN, so the
//! certificate authenticates nobody; the union falls through to the other authenticators and,
//! with anonymous auth on (the default), to the anonymous one: the request runs as
//! `system:anonymous` (403 for most requests; 401 with `--anonymous-auth=false`). Any O values are
//! ignored with it. Nothing in the CSR API or the kube-apiserver-client signer refuses a request
//! without CN, so approving one issues a certificate that logs in as nobody.
//! Instead: set CN to the user name the certificate is for.
//! Reference: `staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509.go`;
//! `pkg/kubeapiserver/authenticator/config.go` (`union.NewFailOnError(authn, anonymous)`).

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "identity-empty-cn",
    title: "No CN: the API server treats the caller as anonymous",
    severity: Severity::Medium,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Kubernetes takes the user name from the subject's CN. With no CN (or an empty one) the certificate authenticator returns no user and no error, so the request falls through to the anonymous authenticator (on by default) and runs as system:anonymous, which most requests refuse with 403 (401 when anonymous auth is off). Its O groups are ignored too. Nothing in Kubernetes refuses such a CSR, so it issues a certificate that is useless as a login.",
    fix: "Put the user name in CN, e.g. openssl req -subj \"/CN=alice/O=developers\".",
    reference: "kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509.go (CommonNameUserConversion)",
};

fn check(ctx: &Ctx) -> Outcome {
    if !ctx.claims_client_identity() {
        return Outcome::NotApplicable;
    }
    let serving_only = ctx.signer() == Some(super::KUBELET_SERVING);
    Outcome::pass_if(ctx.obj.username.is_some() || serving_only, || {
        Outcome::fail(
            Severity::Medium,
            "The subject has no CN: the certificate authenticates nobody, and the request runs as system:anonymous (403 for most requests).",
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
