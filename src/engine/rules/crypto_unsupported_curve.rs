//! Flags elliptic curves Go's crypto/x509 cannot read, and P-224.
//!
//! Why: Go parses ECDSA keys only on P-224, P-256, P-384 and P-521; any other curve
//! (secp256k1, brainpool, P-192) fails with "x509: unsupported elliptic curve", so the API
//! rejects such a CSR and cannot use such a certificate. P-224 (112-bit security) is at the
//! bottom of what NIST allows.
//! Reference: Go crypto/x509 `namedCurveFromOID`; NIST SP 800-186.

use super::{Ctx, Outcome, Rule};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "crypto-unsupported-curve",
    title: "Elliptic curve Kubernetes cannot use, or a weak one",
    severity: Severity::High,
    why: "Kubernetes reads certificates with Go's crypto/x509, which knows only the NIST curves P-224, P-256, P-384 and P-521. Any other curve fails to parse (the CSR is refused, the certificate cannot log in); P-224 works but gives only 112-bit security.",
    fix: "Use P-256: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256.",
    reference: "Go crypto/x509 namedCurveFromOID; NIST SP 800-186 https://csrc.nist.gov/pubs/sp/800/186/final",
    check,
};

fn check(ctx: &Ctx) -> Outcome {
    let curve = match ctx.key_shape() {
        Some(("EC", _, curve)) => curve,
        _ => return Outcome::NotApplicable,
    };
    match curve {
        Some("P-256" | "P-384" | "P-521") => Outcome::Pass,
        Some("P-224") => Outcome::fail(Severity::Medium, "Curve P-224: accepted by Go, but only 112-bit security."),
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
    }
}
