//! Flags elliptic curves Go's crypto/x509 cannot read, and P-224.
//!
//! Why: Go parses ECDSA keys only on P-224, P-256, P-384 and P-521; any other curve
//! (secp256k1, brainpool, P-192) fails with "x509: unsupported elliptic curve", so the API
//! rejects such a CSR and cannot use such a certificate. P-224 parses, but Go's TLS 1.3 has no
//! signature scheme for it (`signatureSchemesForCertificate` returns none for P-224 in TLS 1.3):
//! a Go client such as kubectl cannot prove it holds the key over TLS 1.3, the version Go
//! negotiates by default, so the certificate sends no identity (the request then runs as
//! anonymous) or the handshake fails; it works only where TLS 1.2 is forced.
//! Reference: Go crypto/x509 `namedCurveFromOID`; Go crypto/tls `signatureSchemesForCertificate`;
//! NIST SP 800-186.

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "crypto-unsupported-curve",
    title: "Elliptic curve Kubernetes cannot use, or a weak one",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Kubernetes reads certificates with Go's crypto/x509, which knows only the NIST curves P-224, P-256, P-384 and P-521. Any other curve fails to parse (the CSR is refused, the certificate cannot log in). P-224 parses, but Go's TLS 1.3 has no signature scheme for it, so over TLS 1.3 (Go's default) a P-224 client certificate cannot be used to log in.",
    fix: "Use P-256: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256.",
    reference: "Go crypto/x509 namedCurveFromOID; NIST SP 800-186 https://csrc.nist.gov/pubs/sp/800/186/final",
};

fn check(ctx: &Ctx) -> Outcome {
    let curve = match ctx.key_shape() {
        Some(("EC", _, curve)) => curve,
        _ => return Outcome::NotApplicable,
    };
    match curve {
        Some("P-256" | "P-384" | "P-521") => Outcome::Pass,
        Some("P-224") => Outcome::fail(
            Severity::High,
            "Curve P-224: Go parses it, but its TLS 1.3 has no signature scheme for P-224, so kubectl and other Go clients cannot present this certificate over TLS 1.3 (the default): the request goes without a client certificate (anonymous) or the handshake fails. It works only where TLS 1.2 is forced, with 112-bit security.",
        ),
        other => Outcome::rejected(
            Severity::High,
            format!(
                "Curve {}: Go's crypto/x509 fails with \"x509: unsupported elliptic curve\".",
                other.unwrap_or("(unnamed)")
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn only_nist_curves_pass() {
        let mut o = csr(&[("CN", "a")]);
        assert_eq!(run(&RULE, &o), Outcome::NotApplicable, "RSA");
        let pk = &mut o.request.as_mut().unwrap().public_key;
        pk.algorithm = "EC".into();
        pk.curve = Some("P-256".into());
        assert_eq!(run(&RULE, &o), Outcome::Pass);
        o.request.as_mut().unwrap().public_key.curve = Some("secp256k1".into());
        assert!(detail(&run(&RULE, &o)).contains("unsupported elliptic curve"));
        o.request.as_mut().unwrap().public_key.curve = Some("P-224".into());
        let p224 = run(&RULE, &o);
        assert_eq!(severity(&p224), Some(Severity::High));
        assert!(detail(&p224).contains("TLS 1.3"));
    }
}
