//! `CertificateSubjectRestriction`: a `kube-apiserver-client` CSR with `O=system:masters`.
//!
//! Why: this admission plugin (on by default) forbids creating such a CSR: "use of
//! kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed". If you
//! are looking at one that exists, the plugin is off in that cluster. It does not check other
//! admin groups such as `kubeadm:cluster-admins`.
//! Reference: `plugin/pkg/admission/certificates/subjectrestriction/admission.go`.

use super::{Ctx, Outcome, Rule, Texts, KUBE_APISERVER_CLIENT};
use crate::engine::facts::identity::SYSTEM_MASTERS;
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "csr-subject-restriction",
    title: "Forbidden by CertificateSubjectRestriction",
    severity: Severity::Critical,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "The CertificateSubjectRestriction admission plugin, on by default, refuses to create kube-apiserver-client CSRs that ask for system:masters. If such a CSR exists in your cluster, that safety net is switched off.",
    fix: "Deny it. Check whether the admission plugin was disabled (--disable-admission-plugins) and why.",
    reference: "kubernetes/kubernetes plugin/pkg/admission/certificates/subjectrestriction/admission.go; https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#certificatesubjectrestriction",
};

fn check(ctx: &Ctx) -> Outcome {
    if ctx.signer() != Some(KUBE_APISERVER_CLIENT) || ctx.csr().is_none() {
        return Outcome::NotApplicable;
    }
    Outcome::pass_if(!ctx.values("O").contains(&SYSTEM_MASTERS), || {
        Outcome::rejected(Severity::Critical, "use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed (admission refuses it unless the plugin is disabled).")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn only_system_masters_on_the_client_signer() {
        assert!(fails(run(
            &RULE,
            &csr_object(&[("O", "system:masters"), ("CN", "a")], KUBE_APISERVER_CLIENT, &[], "a")
        )));
        assert_eq!(
            run(
                &RULE,
                &csr_object(&[("O", "kubeadm:cluster-admins"), ("CN", "a")], KUBE_APISERVER_CLIENT, &[], "a")
            ),
            Outcome::Pass
        );
        assert_eq!(
            run(
                &RULE,
                &csr_object(&[("O", "system:masters"), ("CN", "a")], "example.com/s", &[], "a")
            ),
            Outcome::NotApplicable
        );
    }
}
