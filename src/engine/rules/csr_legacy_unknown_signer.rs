//! Flags `kubernetes.io/legacy-unknown`.
//!
//! Why: certificates.k8s.io/v1 refuses it on create ("the legacy signerName is not allowed via
//! this API version"); on v1beta1 it means "whatever the cluster's signer does", with no
//! guarantees on trust, usages or subjects, and it is never auto-approved.
//! Instead: choose the signer for the purpose (`kube-apiserver-client` for users).
//! Reference: `pkg/apis/certificates/validation/validation.go`; certificate-signing-requests.md.

use super::{Ctx, Outcome, Rule, Texts, LEGACY_UNKNOWN};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "csr-legacy-unknown-signer",
    title: "Uses the legacy-unknown signer",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "kubernetes.io/legacy-unknown is a leftover from v1beta1 with no defined trust: it accepts any usages and any subject, and what the issued certificate is good for depends on the distribution. certificates.k8s.io/v1 refuses it outright.",
    fix: "Use kubernetes.io/kube-apiserver-client for client certificates, the kubelet signers for kubelets, or your own signer with documented rules.",
    reference: "kubernetes/kubernetes pkg/apis/certificates/validation/validation.go; https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#kubernetes-signers",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(spec) = ctx.spec() else { return Outcome::NotApplicable };
    if ctx.signer() != Some(LEGACY_UNKNOWN) {
        return Outcome::Pass;
    }
    if spec.api_version == "certificates.k8s.io/v1" {
        Outcome::rejected(
            Severity::High,
            "certificates.k8s.io/v1 rejects it: \"the legacy signerName is not allowed via this API version\".",
        )
    } else {
        Outcome::fail(
            Severity::High,
            format!(
                "{} accepts it, but nothing is defined about who trusts the result.",
                if spec.api_version.is_empty() {
                    "This API version"
                } else {
                    &spec.api_version
                }
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn v1_rejects_v1beta1_warns() {
        let mut o = csr_object(&[("CN", "a")], LEGACY_UNKNOWN, &["client auth"], "a");
        assert!(detail(&run(&RULE, &o)).contains("not allowed via this API version"));
        o.csr_object.as_mut().unwrap().api_version = "certificates.k8s.io/v1beta1".into();
        let out = run(&RULE, &o);
        assert!(matches!(&out, Outcome::Fail(h) if !h[0].rejected_by_kubernetes));
        assert_eq!(
            run(&RULE, &csr_object(&[("CN", "a")], "kubernetes.io/kube-apiserver-client", &[], "a")),
            Outcome::Pass
        );
    }
}
