//! Flags usages a built-in signer will refuse.
//!
//! - `kube-apiserver-client`: must include `client auth`; nothing beyond `digital signature`,
//!   `key encipherment`, `client auth` ("invalid usage for client certificate", "missing
//!   required usage for client certificate: client auth").
//! - `kube-apiserver-client-kubelet`: exactly `{digital signature, key encipherment, client
//!   auth}` or `{digital signature, client auth}`.
//! - `kubelet-serving`: exactly `{digital signature, key encipherment, server auth}` or
//!   `{digital signature, server auth}`.
//!
//! Why: the signing controller checks these after approval and marks the CSR `Failed`
//! (`SignerValidationFailure`) instead of issuing: approving is pointless.
//! Reference: `pkg/controller/certificates/signer/signer.go`; `pkg/apis/certificates/helpers.go`.

use super::{Ctx, Outcome, Rule, Texts, KUBELET_SERVING, KUBE_APISERVER_CLIENT, KUBE_APISERVER_CLIENT_KUBELET};
use crate::engine::read::csr_object::kubelet_usages_match;
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "csr-usages-not-allowed-for-signer",
    title: "Usages the signer will refuse",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Each built-in signer issues only certain usages. After approval the signing controller checks them and marks the CSR Failed (SignerValidationFailure) instead of issuing a certificate.",
    fix: "kube-apiserver-client: [digital signature, key encipherment, client auth]. Kubelet client: [digital signature, client auth] (optionally key encipherment). Kubelet serving: [digital signature, server auth] (optionally key encipherment).",
    reference: "kubernetes/kubernetes pkg/controller/certificates/signer/signer.go; pkg/apis/certificates/helpers.go; https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#kubernetes-signers",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(spec) = ctx.spec_fields() else {
        return Outcome::NotApplicable;
    };
    let mut u: Vec<&str> = spec.usages.iter().map(String::as_str).collect();
    u.sort_unstable();
    u.dedup();
    match ctx.signer() {
        Some(KUBE_APISERVER_CLIENT) => {
            let allowed = ["digital signature", "key encipherment", "client auth"];
            if let Some(bad) = u.iter().find(|x| !allowed.contains(x)) {
                Outcome::rejected(Severity::High, format!("invalid usage for client certificate: {bad}"))
            } else if !u.contains(&"client auth") {
                Outcome::rejected(Severity::High, "missing required usage for client certificate: client auth")
            } else {
                Outcome::Pass
            }
        }
        Some(KUBE_APISERVER_CLIENT_KUBELET) => Outcome::pass_if(kubelet_usages_match(&spec.usages, false), || {
            Outcome::rejected(
                Severity::High,
                format!("usages did not match [client auth digital signature key encipherment]: got {u:?}"),
            )
        }),
        Some(KUBELET_SERVING) => Outcome::pass_if(kubelet_usages_match(&spec.usages, true), || {
            Outcome::rejected(
                Severity::High,
                format!("usages did not match [digital signature key encipherment server auth]: got {u:?}"),
            )
        }),
        _ => Outcome::NotApplicable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn per_signer_usage_sets() {
        let s = |signer, u: &[&str]| run(&RULE, &csr_object(&[("CN", "a")], signer, u, "a"));
        assert_eq!(s(KUBE_APISERVER_CLIENT, &["client auth", "digital signature"]), Outcome::Pass);
        assert!(detail(&s(KUBE_APISERVER_CLIENT, &["client auth", "server auth"]))
            .contains("invalid usage for client certificate: server auth"));
        assert!(detail(&s(KUBE_APISERVER_CLIENT, &["digital signature"])).contains("missing required usage"));
        assert_eq!(
            s(KUBE_APISERVER_CLIENT_KUBELET, &["client auth", "digital signature"]),
            Outcome::Pass
        );
        assert!(fails(s(KUBE_APISERVER_CLIENT_KUBELET, &["client auth"])));
        assert_eq!(
            s(KUBELET_SERVING, &["key encipherment", "digital signature", "server auth"]),
            Outcome::Pass
        );
        assert!(fails(s(KUBELET_SERVING, &["server auth", "client auth", "digital signature"])));
        assert_eq!(s("example.com/x", &["anything"]), Outcome::NotApplicable);
    }
}
