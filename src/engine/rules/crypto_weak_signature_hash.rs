//! Flags MD5 and SHA-1 signatures and says what Kubernetes (Go's crypto/x509) does with each.
//!
//! - A certificate signed with SHA-1 or MD5 by its issuer: Go refuses to verify the chain
//!   ("x509: cannot verify signature: insecure algorithm SHA1-RSA"), so it cannot log in.
//! - A self-signed root's own signature is never checked, so SHA-1 there is only a smell.
//! - A CSR signed with SHA-1: `CheckSignature()` accepts it (the issued certificate is signed
//!   with the CA's own algorithm); with MD5 it is rejected.
//!
//! Reference: k8s-rules.md §8 (checked with Go 1.27); Go crypto/x509 `checkSignature`.

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "crypto-weak-signature-hash",
    title: "Signed with MD5 or SHA-1",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "MD5 and SHA-1 collisions are practical, so a signature over them can be forged. Go, and therefore Kubernetes, refuses certificates whose issuer signed them with SHA-1 or MD5; for CSRs it still accepts SHA-1 but refuses MD5.",
    fix: "Re-issue with SHA-256: openssl req/x509 -sha256 (the default in current OpenSSL).",
    reference: "Go crypto/x509 checkSignature (InsecureAlgorithmError); https://shattered.io; RFC 6151",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(alg) = ctx.signature_algorithm() else {
        return Outcome::NotApplicable;
    };
    let hash = alg.hash.as_deref().unwrap_or("");
    if !matches!(hash, "SHA-1" | "MD5" | "MD2") {
        return Outcome::Pass;
    }
    let name = &alg.name;
    if ctx.csr().is_some() {
        return if hash == "SHA-1" {
            Outcome::fail(Severity::Medium, format!("The CSR is signed with {name}. The API accepts SHA-1 CSRs (the certificate is signed with the CA's own algorithm), but it shows an old toolchain."))
        } else {
            Outcome::rejected(
                Severity::High,
                format!("The CSR is signed with {name}: Go's CheckSignature refuses {hash}, so the API rejects it."),
            )
        };
    }
    let Some(c) = ctx.cert() else { return Outcome::NotApplicable };
    if c.self_issued {
        Outcome::fail(Severity::Low, format!("Self-signed with {name}. A trust anchor's own signature is not checked, so this still works as a root, but re-issue it when convenient."))
    } else {
        Outcome::rejected(Severity::High, format!("Signed by its issuer with {name}: Go refuses it (\"x509: cannot verify signature: insecure algorithm\"), so Kubernetes will not accept this certificate."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn sha1_meaning_depends_on_what_is_signed() {
        let mut c = cert(&[("CN", "a")], 10);
        c.certificate.as_mut().unwrap().signature_algorithm.hash = Some("SHA-1".into());
        assert!(matches!(run(&RULE, &c), Outcome::Fail(h) if h[0].rejected_by_kubernetes));
        c.certificate.as_mut().unwrap().self_issued = true;
        assert_eq!(severity(&run(&RULE, &c)), Some(Severity::Low));
        let mut r = csr(&[("CN", "a")]);
        r.request.as_mut().unwrap().signature_algorithm.hash = Some("SHA-1".into());
        assert!(matches!(run(&RULE, &r), Outcome::Fail(h) if !h[0].rejected_by_kubernetes && h[0].severity == Severity::Medium));
        r.request.as_mut().unwrap().signature_algorithm.hash = Some("MD5".into());
        assert!(matches!(run(&RULE, &r), Outcome::Fail(h) if h[0].rejected_by_kubernetes));
        assert_eq!(run(&RULE, &cert(&[("CN", "a")], 10)), Outcome::Pass);
    }
}
