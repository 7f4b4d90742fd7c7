//! Lists requested extensions the built-in signer will not copy into the certificate.
//!
//! Why: the Kubernetes signers copy the subject, the SANs they allow and the public key, and
//! derive key usage and EKU from `spec.usages`; every other requested extension (basic
//! constraints, EKU, policies…) is dropped, and `IsCA` is always false. A requester who asks
//! for `CA:TRUE` or extra EKUs will not get them from a built-in signer.
//! Reference: certificate-signing-requests.md (signer table); `pkg/controller/certificates/authority/policies.go`.

use super::{Ctx, Outcome, Rule, KUBELET_SERVING, KUBE_APISERVER_CLIENT, KUBE_APISERVER_CLIENT_KUBELET, LEGACY_UNKNOWN};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "csr-extensions-dropped",
    title: "Requested extensions the signer drops",
    severity: Severity::Low,
    why: "Built-in signers build the certificate from the subject, the public key, the SANs they allow and spec.usages. Other extensions in the request (basicConstraints, extendedKeyUsage, policies) are ignored, so the issued certificate differs from what the CSR asks for.",
    fix: "Put usages in spec.usages, not in CSR extensions, and do not rely on anything else the request asks for.",
    reference: "https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#kubernetes-signers; kubernetes/kubernetes pkg/controller/certificates/authority/policies.go",
    check,
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(csr) = ctx.csr() else { return Outcome::NotApplicable };
    let honoured: &[&str] = match ctx.signer() {
        Some(KUBE_APISERVER_CLIENT | LEGACY_UNKNOWN | KUBELET_SERVING) => &["subjectAltName", "keyUsage"],
        Some(KUBE_APISERVER_CLIENT_KUBELET) => &["keyUsage"],
        _ => return Outcome::NotApplicable,
    };
    let dropped: Vec<&str> = csr
        .extensions
        .list
        .iter()
        .map(|e| e.name.as_str())
        .filter(|n| !honoured.contains(n))
        .collect();
    Outcome::pass_if(dropped.is_empty(), || {
        Outcome::fail(Severity::Low, format!("The signer ignores the requested {}.", dropped.join(", ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;
    use crate::engine::x509::ExtensionSummary;

    #[test]
    fn lists_what_is_dropped() {
        let mut o = csr_object(&[("CN", "a")], KUBE_APISERVER_CLIENT, &[], "a");
        assert_eq!(run(&RULE, &o), Outcome::Pass);
        for n in ["subjectAltName", "basicConstraints"] {
            o.request.as_mut().unwrap().extensions.list.push(ExtensionSummary {
                oid: String::new(),
                name: n.into(),
                critical: false,
            });
        }
        assert_eq!(detail(&run(&RULE, &o)), "The signer ignores the requested basicConstraints.");
    }
}
