//! Checks a `kubelet-serving` request the way `ValidateKubeletServingCSR` does: O exactly
//! `[system:nodes]`, at least one DNS or IP SAN, no email or URI SANs, CN beginning
//! `system:node:`. (Usages: `csr-usages-not-allowed-for-signer`.)
//!
//! Why: the signer refuses anything else; a serving certificate without SANs cannot be
//! verified by the API server when it connects to the kubelet.
//! Reference: `pkg/apis/certificates/helpers.go` (ValidateKubeletServingCSR).

use super::csr_kubelet_client_shape::check_shape;
use super::{Ctx, Outcome, Rule, Texts, KUBELET_SERVING};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "csr-kubelet-serving-shape",
    title: "Not the shape of a kubelet serving request",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "The kubelet serving signer only issues CN=system:node:<name>, O=system:nodes certificates that name the node by at least one DNS name or IP address, and never email or URI names. Anything else is refused after approval.",
    fix: "The kubelet (with serverTLSBootstrap: true) requests this itself, listing the node's hostnames and IPs as SANs; check they really belong to that node before approving.",
    reference: "kubernetes/kubernetes pkg/apis/certificates/helpers.go (ValidateKubeletServingCSR)",
};

fn check(ctx: &Ctx) -> Outcome {
    check_shape(ctx, KUBELET_SERVING, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn needs_a_dns_or_ip_san() {
        let mut o = csr_object(
            &[("O", "system:nodes"), ("CN", "system:node:n1")],
            KUBELET_SERVING,
            &[],
            "system:node:n1",
        );
        assert!(detail(&run(&RULE, &o)).contains("DNS or IP subjectAltName is required"));
        o.request.as_mut().unwrap().extensions.sans.ip.push("10.0.0.5".into());
        assert_eq!(run(&RULE, &o), Outcome::Pass);
        o.request.as_mut().unwrap().extensions.sans.uri.push("spiffe://x".into());
        assert!(detail(&run(&RULE, &o)).contains("URI subjectAltNames are not allowed"));
    }
}
