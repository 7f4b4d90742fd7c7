//! Compares the issued certificate (`status.certificate`) with the request, as Kubernetes would:
//! the identity (username, groups) and the public key, not the subject's bytes.
//!
//! Why: built-in signers copy the CSR's parsed subject and its public key into the certificate
//! (`authority.go`, `Sign`), and Go re-encodes the name (`Name.ToRDNSequence`): every O in one
//! multi-valued RDN before the CN, only the last CN, non-standard attributes such as the
//! Kubernetes UID dropped. So `/CN=jbeda/O=app1/O=app2` is issued as `O=app1+O=app2, CN=jbeda`,
//! which is the same identity. A different username, different groups or a different key mean
//! the certificate was not issued for this request (or the object was edited), and the
//! requester's private key will not work with it.
//! Reference: `pkg/controller/certificates/authority/authority.go`; Go `crypto/x509/pkix` `Name.ToRDNSequence`.

use super::{Ctx, Hit, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "csr-issued-certificate-mismatch",
    title: "Issued certificate does not match the request",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "The signer copies the requested subject (re-encoded by Go: O values in one RDN, the last CN, non-standard attributes dropped) and the public key into the certificate. If the certificate names another user or other groups, or holds another key, it was not issued for this request, and the requester's key cannot be used with it.",
    fix: "Find out who wrote status.certificate; request a new certificate if needed.",
    reference: "kubernetes/kubernetes pkg/controller/certificates/authority/authority.go; Go crypto/x509/pkix Name.ToRDNSequence",
};

fn check(ctx: &Ctx) -> Outcome {
    let (Some(_), Some(csr)) = (ctx.spec(), ctx.csr()) else {
        return Outcome::NotApplicable;
    };
    let Some(issued) = ctx.children().find(|c| c.certificate.is_some()) else {
        return Outcome::NotApplicable;
    };
    let Some(cert) = issued.certificate.as_ref() else {
        return Outcome::NotApplicable;
    };
    let mut hits = Vec::new();
    if issued.username != ctx.obj.username {
        let name = |u: &Option<String>| u.clone().unwrap_or_else(|| "nobody (no CN)".into());
        hits.push(Hit::new(
            Severity::High,
            format!(
                "The certificate logs in as {}; the request asks for {}.",
                name(&issued.username),
                name(&ctx.obj.username)
            ),
        ));
    }
    if issued.groups != ctx.obj.groups {
        hits.push(Hit::new(
            Severity::High,
            format!(
                "The certificate's groups are [{}]; the request asks for [{}].",
                issued.groups.join(", "),
                ctx.obj.groups.join(", ")
            ),
        ));
    }
    if cert.public_key.key_id != csr.public_key.key_id {
        hits.push(Hit::new(
            Severity::High,
            "The issued certificate carries a different public key than the request.",
        ));
    }
    // A subject that differs only by Go's re-encoding is the same identity: a pass (what the
    // signer dropped, such as the UID, is listed by csr-extensions-dropped).
    Outcome::from_hits(hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::{Object, Role};
    use crate::engine::rules::testkit::*;

    fn issued_for(req: &Object, subject: &[(&str, &str)]) -> Object {
        let mut issued = cert(subject, 1);
        issued.id = 1;
        issued.parent = Some(0);
        issued.role = Role::CsrIssued;
        issued.certificate.as_mut().unwrap().public_key = req.request.as_ref().unwrap().public_key.clone();
        issued
    }

    #[test]
    fn go_reencoding_of_the_same_name_is_the_same_identity() {
        // The authentication docs' example: requested /CN=jbeda/O=app1/O=app2, issued O=app1+O=app2, CN=jbeda.
        let mut req = csr_object(
            &[("CN", "jbeda"), ("O", "app1"), ("O", "app2")],
            "kubernetes.io/kube-apiserver-client",
            &[],
            "a",
        );
        req.request.as_mut().unwrap().subject_text = "CN=jbeda, O=app1, O=app2".into();
        let mut issued = issued_for(&req, &[("O", "app1"), ("O", "app2"), ("CN", "jbeda")]);
        issued.certificate.as_mut().unwrap().subject_text = "O=app1 + O=app2, CN=jbeda".into();
        assert_eq!(run_all(&RULE, &[req, issued], 0), Outcome::Pass);
    }

    #[test]
    fn another_user_groups_or_key_is_a_mismatch() {
        let req = csr_object(&[("CN", "a"), ("O", "dev")], "kubernetes.io/kube-apiserver-client", &[], "a");
        let same = issued_for(&req, &[("CN", "a"), ("O", "dev")]);
        assert_eq!(run_all(&RULE, &[req.clone(), same.clone()], 0), Outcome::Pass);
        let other_user = issued_for(&req, &[("CN", "b"), ("O", "dev")]);
        assert!(detail(&run_all(&RULE, &[req.clone(), other_user], 0)).contains("logs in as b"));
        let other_groups = issued_for(&req, &[("CN", "a"), ("O", "system:masters")]);
        assert!(detail(&run_all(&RULE, &[req.clone(), other_groups], 0)).contains("system:masters"));
        let mut other_key = same;
        other_key.certificate.as_mut().unwrap().public_key.key_id = "other".into();
        assert!(detail(&run_all(&RULE, &[req, other_key], 0)).contains("different public key"));
    }
}
