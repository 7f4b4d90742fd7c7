//! Flags CA powers on a client credential: a certificate with `CA:TRUE` or `keyCertSign` that
//! also works for client authentication, or a CSR asking for either.
//!
//! Why: Go accepts a CA:TRUE certificate with client-auth EKU as a login (checked with Go 1.27),
//! so such a certificate can both authenticate *and* sign further certificates. Go accepts a
//! parent only with CA:TRUE *and*, when a keyUsage extension is present, keyCertSign
//! (`CheckSignatureFrom`: a v3 certificate without CA:TRUE, or whose keyUsage lacks
//! keyCertSign, gets `ConstraintViolationError`). With both halves, if the cluster CA issued it,
//! its holder can mint any identity, `system:masters` included; with one half alone it cannot sign
//! anything Go accepts, and it is a mis-issued certificate rather than a live threat.
//! The built-in Kubernetes signers always issue `IsCA: false`; a custom signer might not.
//! Reference: k8s-rules.md §8; Go `crypto/x509` `Certificate.CheckSignatureFrom`;
//! `pkg/controller/certificates/authority/policies.go` (IsCA false); RFC 5280 §4.2.1.9.

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::{Role, Severity};

pub static RULE: Rule = Rule {
    id: "usage-ca-on-client-certificate",
    title: "CA powers on a client credential",
    severity: Severity::Critical,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "A certificate that is both a CA (CA:TRUE, and keyCertSign if it has a keyUsage extension) and a client certificate logs in and can also sign new certificates that Go accepts. Signed by the cluster CA, it can mint any Kubernetes identity, including system:masters, which nothing can revoke. Go needs both halves: CA:TRUE alone (with a keyUsage lacking keyCertSign), or keyCertSign without CA:TRUE, cannot sign, but shows the issuer handed out CA settings carelessly.",
    fix: "Client certificates must have CA:FALSE, no keyCertSign, and the client auth EKU. Deny CSRs that ask for CA rights; the built-in signers ignore them, a custom signer may not.",
    reference: "RFC 5280 §4.2.1.9; kubernetes/kubernetes pkg/controller/certificates/authority/policies.go",
};

fn check(ctx: &Ctx) -> Outcome {
    if let Some(csr) = ctx.csr() {
        let asks = csr.extensions.is_ca()
            || csr.extensions.can_sign_certificates()
            || ctx.spec().is_some_and(|s| s.usages.iter().any(|u| u == "cert sign"));
        if !asks {
            return Outcome::Pass;
        }
        let builtin = ctx.signer().is_some_and(|s| s.starts_with("kubernetes.io/"));
        return if builtin {
            Outcome::fail(
                Severity::Medium,
                "The request asks for CA rights (CA:TRUE or cert sign). Built-in signers issue CA:FALSE, but the intent is suspicious.",
            )
        } else {
            Outcome::fail(Severity::Critical, "The request asks for CA rights (CA:TRUE or cert sign). If the signer honours it, the holder can mint certificates for any identity.")
        };
    }
    let Some(c) = ctx.cert() else { return Outcome::NotApplicable };
    let client = match ctx.obj.role {
        Role::KubeconfigClient | Role::CsrIssued => true,
        _ => c.extensions.has_extended_key_usage && c.extensions.allows_client_auth(),
    };
    if c.self_issued || !client {
        return Outcome::NotApplicable;
    }
    let (ca, cert_sign, has_key_usage) = (
        c.extensions.is_ca(),
        c.extensions.can_sign_certificates(),
        !c.extensions.key_usage.is_empty(),
    );
    if !(ca || cert_sign) {
        return Outcome::Pass;
    }
    if ca && (cert_sign || !has_key_usage) {
        let cluster_ca = ctx.obj.role == Role::KubeconfigClient
            || ctx
                .obj
                .issued_by
                .and_then(|i| ctx.all.get(i))
                .is_some_and(|i| matches!(i.role, Role::KubeconfigCa | Role::SecretCa));
        let sev = if cluster_ca { Severity::Critical } else { Severity::High };
        let ku = if has_key_usage {
            format!("key usage [{}]", c.extensions.key_usage.join(", "))
        } else {
            "no keyUsage extension (so no restriction)".to_string()
        };
        return Outcome::fail(
            sev,
            format!("CA:TRUE with {ku} and client auth: it logs in and can sign certificates Go accepts."),
        );
    }
    let half = if ca {
        format!(
            "CA:TRUE, but its key usage [{}] lacks keyCertSign",
            c.extensions.key_usage.join(", ")
        )
    } else {
        "keyCertSign without CA:TRUE".to_string()
    };
    Outcome::fail(
        Severity::Medium,
        format!("{half}: Go refuses it as an issuer (ConstraintViolationError), so it cannot sign certificates Kubernetes accepts. Still, a client certificate should carry neither; ask why the issuer set it."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn client_certificate_with_ca_rights() {
        let mut c = cert(&[("CN", "a")], 10);
        assert_eq!(run(&RULE, &c), Outcome::Pass);
        c.certificate.as_mut().unwrap().extensions.basic_constraints = Some(crate::engine::facts::x509::BasicConstraints {
            ca: true,
            path_len: None,
            critical: true,
        });
        c.certificate.as_mut().unwrap().extensions.key_usage.push("cert sign".into());
        assert_eq!(severity(&run(&RULE, &c)), Some(Severity::High));
        c.role = Role::KubeconfigClient;
        assert_eq!(severity(&run(&RULE, &c)), Some(Severity::Critical));
        // CA:TRUE with a keyUsage that lacks keyCertSign: Go will not accept it as a parent.
        c.certificate.as_mut().unwrap().extensions.key_usage = vec!["digital signature".into()];
        let half = run(&RULE, &c);
        assert_eq!(severity(&half), Some(Severity::Medium));
        assert!(detail(&half).contains("lacks keyCertSign"));
        let mut root = cert(&[("CN", "root")], 10);
        make_ca(&mut root);
        root.certificate.as_mut().unwrap().self_issued = true;
        assert_eq!(run(&RULE, &root), Outcome::NotApplicable);
    }

    #[test]
    fn cert_sign_without_ca_cannot_sign() {
        let mut c = cert(&[("CN", "a")], 10);
        c.certificate.as_mut().unwrap().extensions.key_usage.push("cert sign".into());
        let o = run(&RULE, &c);
        assert_eq!(severity(&o), Some(Severity::Medium));
        assert!(detail(&o).contains("keyCertSign without CA:TRUE"));
    }

    #[test]
    fn csr_asking_for_cert_sign() {
        let o = csr_object(&[("CN", "a")], "example.com/signer", &["cert sign", "client auth"], "a");
        assert_eq!(severity(&run(&RULE, &o)), Some(Severity::Critical));
        let b = csr_object(&[("CN", "a")], "kubernetes.io/legacy-unknown", &["cert sign"], "a");
        assert_eq!(severity(&run(&RULE, &b)), Some(Severity::Medium));
    }
}
