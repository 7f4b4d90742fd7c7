//! Flags a Kubernetes UID subject attribute (OID 1.3.6.1.4.1.57683.2) that the API server
//! rejects: empty, not a string, or present more than once.
//!
//! Why: from 1.34 (feature gate `AllowParsingUserUIDFromCertAuth`, beta and on by default) the
//! authenticator reads this attribute of a *certificate* as the user's UID and fails
//! authentication when it is empty or repeated; older versions ignore it. A value that is not a
//! string never gets that far: Go's certificate parser refuses the whole name ("unsupported
//! string type"), on every version. A *request* is different: the built-in signers copy the
//! parsed name and Go re-encodes it without non-standard attributes, so the issued certificate
//! has no UID at all (see csr-extensions-dropped); only a signer that copies the subject as it is
//! (openssl x509 -req, many custom signers) passes the bad attribute on.
//! Instead: at most one UID attribute, a non-empty UTF8String, or leave it out.
//! Reference: `staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509.go`;
//! `content/en/docs/reference/command-line-tools-reference/feature-gates/AllowParsingUserUIDFromCertAuth.md`;
//! Go `crypto/x509/parser.go` (`parseName`); `pkg/controller/certificates/authority/authority.go`.

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "identity-invalid-uid",
    title: "Malformed Kubernetes UID attribute",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Since Kubernetes 1.34 the certificate authenticator reads the subject attribute 1.3.6.1.4.1.57683.2 of a certificate as the user's UID, and fails authentication when it is empty or repeated; a value that is not a string makes Go refuse the certificate outright, on every version. Kubernetes' own signers drop the attribute from the certificates they issue.",
    fix: "Include the UID attribute at most once, as a non-empty UTF8String, or leave it out.",
    reference: "kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509.go; https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/; Go crypto/x509 parser.go parseName",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(id) = ctx.identity() else { return Outcome::NotApplicable };
    if ctx.subject().is_none() {
        return Outcome::NotApplicable;
    }
    let Some(e) = &id.uid_error else { return Outcome::Pass };
    if ctx.csr().is_some() {
        if ctx.signer().is_some_and(|s| super::BUILT_IN_SIGNERS.contains(&s)) {
            // The signer drops the attribute: the certificate has no UID (csr-extensions-dropped says so).
            return Outcome::NotApplicable;
        }
        return Outcome::fail(
            Severity::Medium,
            format!("The UID attribute is malformed ({e}). Kubernetes' own signers drop it; a signer that copies the subject as it is (openssl x509 -req, many custom signers) produces a certificate that Kubernetes 1.34+ refuses."),
        );
    }
    let not_a_string = ctx
        .subject()
        .is_some_and(|s| s.iter().any(|a| a.oid == crate::engine::facts::x509::OID_K8S_UID && a.not_a_string));
    if not_a_string {
        Outcome::rejected(
            Severity::High,
            "The UID attribute is not a string: Go's crypto/x509 cannot parse this certificate's subject (\"unsupported string type\"), so no Kubernetes version accepts it.",
        )
    } else {
        Outcome::rejected(Severity::High, format!("Kubernetes 1.34+ refuses this certificate: {e}."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn repeated_uid_in_a_certificate_is_rejected() {
        let o = run(&RULE, &cert(&[("CN", "a"), ("k8s-uid", "1"), ("k8s-uid", "2")], 1));
        assert!(detail(&o).contains("expected 1 UID, but found multiple"));
        assert_eq!(run(&RULE, &cert(&[("CN", "a"), ("k8s-uid", "1")], 1)), Outcome::Pass);
    }

    #[test]
    fn built_in_signers_drop_the_uid_so_requests_to_them_are_not_rejected() {
        let bad = &[("CN", "a"), ("k8s-uid", "1"), ("k8s-uid", "2")];
        assert_eq!(
            run(&RULE, &csr_object(bad, "kubernetes.io/kube-apiserver-client", &[], "a")),
            Outcome::NotApplicable
        );
        let custom = run(&RULE, &csr_object(bad, "example.com/ca", &[], "a"));
        assert_eq!(severity(&custom), Some(Severity::Medium));
        assert_eq!(
            severity(&run(&RULE, &csr(bad))),
            Some(Severity::Medium),
            "a bare CSR: the signer is unknown"
        );
    }

    #[test]
    fn a_non_string_uid_fails_gos_certificate_parser() {
        let mut c = cert(&[("CN", "a"), ("k8s-uid", "#3000")], 1);
        let crate::engine::report::Object {
            certificate: Some(facts), ..
        } = &mut c
        else {
            unreachable!()
        };
        facts.subject[1].not_a_string = true;
        let id = crate::engine::facts::identity::from_subject(&mut facts.subject);
        c.set_identity(id);
        assert!(detail(&run(&RULE, &c)).contains("unsupported string type"));
    }
}
