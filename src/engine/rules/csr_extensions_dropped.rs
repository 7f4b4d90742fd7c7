//! Lists what the built-in signer leaves out of the certificate it issues: requested extensions
//! and subject attributes.
//!
//! Why: the signer builds the certificate from the CSR's parsed subject, its SANs and its public
//! key (`authority.go`, `Sign`); its signing policy then sets `Extensions` and `ExtraExtensions`
//! to nil and takes key usage and extended key usage from `spec.usages` only (`policies.go`), so
//! every requested extension is dropped, keyUsage included; `IsCA` is always false. Go re-encodes
//! the subject, keeping only C, ST, L, street, postalCode, O, OU, the last CN and serialNumber:
//! the Kubernetes UID attribute and any other one is dropped, so the issued certificate has no UID.
//! SANs are copied (for the kubelet client signer they are not dropped but refused:
//! `csr-kubelet-client-shape`).
//! Reference: `pkg/controller/certificates/authority/authority.go`, `policies.go`; Go `crypto/x509/pkix` `Name.ToRDNSequence`.

use super::{Ctx, Outcome, Rule, Texts, BUILT_IN_SIGNERS};
use crate::engine::facts::x509::{dropped_by_go_reencoding, OID_K8S_UID};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "csr-extensions-dropped",
    title: "Requested extensions or subject attributes the signer drops",
    severity: Severity::Low,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Built-in signers build the certificate from the subject, the SANs and the public key of the request, then set every extension themselves: key usage and extended key usage come from spec.usages only, basicConstraints is always CA:FALSE. Any extension in the request (keyUsage, extendedKeyUsage, basicConstraints, policies) is ignored, and the subject is re-encoded without attributes Go does not know, such as the Kubernetes UID. The issued certificate differs from what the CSR asks for.",
    fix: "Put usages in spec.usages, not in CSR extensions, and do not rely on a UID or other non-standard subject attributes in certificates from the built-in signers.",
    reference: "kubernetes/kubernetes pkg/controller/certificates/authority/authority.go, policies.go; https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#kubernetes-signers",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(csr) = ctx.csr() else { return Outcome::NotApplicable };
    if !ctx.signer().is_some_and(|s| BUILT_IN_SIGNERS.contains(&s)) {
        return Outcome::NotApplicable;
    }
    let mut parts = Vec::new();
    let extensions: Vec<&str> = csr
        .extensions
        .list
        .iter()
        .map(|e| e.name.as_str())
        .filter(|n| *n != "subjectAltName")
        .collect();
    if !extensions.is_empty() {
        parts.push(format!(
            "ignores the requested {} (key usage and EKU come from spec.usages)",
            extensions.join(", ")
        ));
    }
    let attrs: Vec<String> = dropped_by_go_reencoding(&csr.subject)
        .iter()
        .map(|a| {
            if a.oid == OID_K8S_UID {
                format!("the Kubernetes UID ({}={}): the certificate will have no UID", a.short, a.value)
            } else {
                format!("{}={}", a.short, a.value)
            }
        })
        .collect();
    if !attrs.is_empty() {
        parts.push(format!("drops from the subject {}", attrs.join(", ")));
    }
    Outcome::pass_if(parts.is_empty(), || {
        Outcome::fail(Severity::Low, format!("The signer {}.", parts.join("; and ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::facts::x509::ExtensionSummary;
    use crate::engine::rules::testkit::*;
    use crate::engine::rules::{KUBE_APISERVER_CLIENT, KUBE_APISERVER_CLIENT_KUBELET};

    fn with_extensions(mut o: crate::engine::report::Object, names: &[&str]) -> crate::engine::report::Object {
        for n in names {
            o.request.as_mut().unwrap().extensions.list.push(ExtensionSummary {
                oid: String::new(),
                name: n.to_string(),
                critical: false,
            });
        }
        o
    }

    #[test]
    fn key_usage_is_dropped_too_sans_are_copied() {
        let o = csr_object(&[("CN", "a")], KUBE_APISERVER_CLIENT, &[], "a");
        assert_eq!(run(&RULE, &o), Outcome::Pass);
        let o = with_extensions(o, &["subjectAltName", "keyUsage", "basicConstraints"]);
        assert_eq!(
            detail(&run(&RULE, &o)),
            "The signer ignores the requested keyUsage, basicConstraints (key usage and EKU come from spec.usages)."
        );
        // Kubelet client: SANs are refused by csr-kubelet-client-shape, not listed here.
        let k = with_extensions(
            csr_object(
                &[("O", "system:nodes"), ("CN", "system:node:n")],
                KUBE_APISERVER_CLIENT_KUBELET,
                &[],
                "n",
            ),
            &["subjectAltName"],
        );
        assert_eq!(run(&RULE, &k), Outcome::Pass);
        assert_eq!(
            run(&RULE, &csr_object(&[("CN", "a")], "example.com/ca", &[], "a")),
            Outcome::NotApplicable
        );
    }

    #[test]
    fn the_uid_and_earlier_cns_are_dropped_from_the_subject() {
        let o = csr_object(
            &[("CN", "first"), ("CN", "jbeda"), ("O", "app1"), ("k8s-uid", "u1")],
            KUBE_APISERVER_CLIENT,
            &[],
            "a",
        );
        let d = detail(&run(&RULE, &o));
        assert!(d.contains("CN=first"), "{d}");
        assert!(d.contains("the certificate will have no UID"), "{d}");
        assert!(!d.contains("CN=jbeda"), "{d}");
    }
}
