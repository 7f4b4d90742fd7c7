//! Checks the subject and SANs of a `kube-apiserver-client-kubelet` request the way
//! `ValidateKubeletClientCSR` does: O exactly `[system:nodes]`, no DNS, email, IP or URI SANs,
//! CN beginning `system:node:`. (Usages: `csr-usages-not-allowed-for-signer`.)
//!
//! Why: the signer refuses anything else (CSR marked Failed) and the auto-approver only
//! considers requests that pass.
//! Reference: `pkg/apis/certificates/helpers.go` (ValidateKubeletClientCSR); certificate-signing-requests.md.

use super::{Ctx, Hit, Outcome, Rule, Texts, KUBE_APISERVER_CLIENT_KUBELET};
use crate::engine::read::csr_object::kubelet_subject_problems;
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "csr-kubelet-client-shape",
    title: "Not the shape of a kubelet client request",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "The kubelet client signer only issues CN=system:node:<name>, O=system:nodes with no subjectAltNames. Anything else is refused after approval (the CSR is marked Failed), and the auto-approver never approves it.",
    fix: "A kubelet client CSR has subject /O=system:nodes/CN=system:node:<node-name> and no SANs; let the kubelet create it itself.",
    reference: "kubernetes/kubernetes pkg/apis/certificates/helpers.go (ValidateKubeletClientCSR)",
};

fn check(ctx: &Ctx) -> Outcome {
    check_shape(ctx, KUBE_APISERVER_CLIENT_KUBELET, false)
}

/// Shared by both kubelet signers: applies to CSR objects for `signer`, rejects each problem.
pub fn check_shape(ctx: &Ctx, signer: &str, serving: bool) -> Outcome {
    if ctx.signer() != Some(signer) {
        return Outcome::NotApplicable;
    }
    let (Some(csr), Some(_)) = (ctx.csr(), ctx.spec()) else {
        return Outcome::NotApplicable;
    };
    let problems = kubelet_subject_problems(&ctx.values("O"), ctx.obj.username.as_deref(), &csr.extensions.sans, serving);
    Outcome::from_hits(problems.into_iter().map(|d| Hit::rejected(Severity::High, d)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn exact_subject_and_no_sans() {
        let ok = csr_object(
            &[("O", "system:nodes"), ("CN", "system:node:n1")],
            KUBE_APISERVER_CLIENT_KUBELET,
            &[],
            "x",
        );
        assert_eq!(run(&RULE, &ok), Outcome::Pass);
        let extra = csr_object(
            &[("O", "system:nodes"), ("O", "x"), ("CN", "system:node:n1")],
            KUBE_APISERVER_CLIENT_KUBELET,
            &[],
            "x",
        );
        assert!(detail(&run(&RULE, &extra)).contains("subject organization is not system:nodes"));
        let mut sans = ok.clone();
        sans.request.as_mut().unwrap().extensions.sans.dns.push("n1".into());
        assert!(detail(&run(&RULE, &sans)).contains("DNS subjectAltNames are not allowed"));
        let cn = csr_object(&[("O", "system:nodes"), ("CN", "n1")], KUBE_APISERVER_CLIENT_KUBELET, &[], "x");
        assert!(detail(&run(&RULE, &cn)).contains("does not begin with system:node:"));
    }
}
