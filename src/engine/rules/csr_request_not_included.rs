//! Notes a CertificateSigningRequest known only from `kubectl describe csr`, which prints the
//! parsed subject but not the request itself.
//!
//! Why: the identity (CN, O) can be read from the description, but the public key, the
//! self-signature, the requested SANs and extensions, `spec.usages` and `expirationSeconds` are
//! not in it, so every rule that needs them could not run: a verdict from a description covers
//! the subject alone and must not read as "routine".
//! Instead: `kubectl get csr NAME -o yaml` and paste that.
//! Reference: `staging/src/k8s.io/kubectl/pkg/describe/describe.go` (describeCertificateSigningRequest).

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "csr-request-not-included",
    title: "Only kubectl's description of the request was pasted",
    severity: Severity::Medium,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "kubectl describe csr shows the subject (and so the identity) but not the request: its key, self-signature, SANs, extensions, usages and requested lifetime were not checked. A verdict from a description covers the subject alone.",
    fix: "Run kubectl get csr NAME -o yaml and paste that for the full review.",
    reference: "kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/describe/describe.go (describeCertificateSigningRequest)",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(spec) = ctx.spec() else { return Outcome::NotApplicable };
    Outcome::pass_if(!spec.described, || {
        Outcome::fail(
            Severity::Medium,
            format!(
                "Read from kubectl describe: the key, self-signature, SANs, usages and lifetime were not checked. Run kubectl get csr {} -o yaml for the full review.",
                spec.name
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn a_described_request_asks_for_the_yaml() {
        let mut o = csr_object(&[("CN", "a")], "kubernetes.io/kube-apiserver-client", &[], "a");
        assert_eq!(run(&RULE, &o), Outcome::Pass);
        o.csr_object.as_mut().unwrap().described = true;
        assert!(detail(&run(&RULE, &o)).contains("kubectl get csr test -o yaml"));
        assert_eq!(run(&RULE, &csr(&[("CN", "a")])), Outcome::NotApplicable);
    }
}
