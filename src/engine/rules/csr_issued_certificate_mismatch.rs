//! Compares the issued certificate (`status.certificate`) with the request.
//!
//! Why: built-in signers copy the subject and the public key from the CSR. A certificate with a
//! different subject or key was not issued for this request (or the object was edited), and the
//! requester's private key will not work with it.
//! Reference: `pkg/controller/certificates/authority/authority.go`.

use super::{Ctx, Hit, Outcome, Rule};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "csr-issued-certificate-mismatch",
    title: "Issued certificate does not match the request",
    severity: Severity::High,
    why: "The signer copies the subject and public key from the request into the certificate. If they differ, the certificate was not issued for this request, and the requester's key cannot be used with it.",
    fix: "Find out who wrote status.certificate; request a new certificate if needed.",
    reference: "kubernetes/kubernetes pkg/controller/certificates/authority/authority.go",
    check,
};

fn check(ctx: &Ctx) -> Outcome {
    let (Some(_), Some(csr)) = (ctx.spec(), ctx.csr()) else {
        return Outcome::NotApplicable;
    };
    let issued: Vec<_> = ctx.children().filter_map(|c| c.certificate.as_ref()).collect();
    let Some(first) = issued.first() else {
        return Outcome::NotApplicable;
    };
    let mut hits = Vec::new();
    if first.subject_text != csr.subject_text {
        hits.push(Hit::new(
            Severity::High,
            format!(
                "Issued subject \"{}\" differs from requested \"{}\".",
                first.subject_text, csr.subject_text
            ),
        ));
    }
    if first.public_key.key_id != csr.public_key.key_id {
        hits.push(Hit::new(
            Severity::High,
            "The issued certificate carries a different public key than the request.",
        ));
    }
    Outcome::from_hits(hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::Role;
    use crate::engine::rules::testkit::*;

    #[test]
    fn compares_subject_and_key() {
        let mut req = csr_object(&[("CN", "a")], "kubernetes.io/kube-apiserver-client", &[], "a");
        req.request.as_mut().unwrap().subject_text = "CN=a".into();
        let mut issued = cert(&[("CN", "a")], 1);
        issued.id = 1;
        issued.parent = Some(0);
        issued.role = Role::CsrIssued;
        issued.certificate.as_mut().unwrap().subject_text = "CN=a".into();
        let all = vec![req.clone(), issued.clone()];
        assert_eq!(run_all(&RULE, &all, 0), Outcome::Pass);
        issued.certificate.as_mut().unwrap().subject_text = "CN=b".into();
        let all = vec![req, issued];
        assert!(detail(&run_all(&RULE, &all, 0)).contains("differs"));
    }
}
