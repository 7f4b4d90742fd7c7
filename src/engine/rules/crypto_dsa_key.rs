//! Flags DSA keys.
//!
//! Why: Go's crypto/x509 cannot verify DSA signatures (`ErrUnsupportedAlgorithm`) and Go's TLS
//! stack does not offer DSA, so the API server rejects a DSA-signed CSR (`spec.request: Invalid`)
//! and cannot use a DSA client certificate. FIPS 186-5 withdrew DSA for signing.
//! Reference: Go crypto/x509 `checkSignature`; FIPS 186-5 (2023).

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "crypto-dsa-key",
    title: "DSA key: not usable with Kubernetes",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "DSA is withdrawn for new signatures (FIPS 186-5), and Go, which Kubernetes is written in, cannot verify DSA signatures or use DSA keys in TLS. A DSA CSR is refused by the API; a DSA certificate cannot log in.",
    fix: "Use an ECDSA P-256 or RSA 2048+ key.",
    reference: "Go crypto/x509 (checkSignature: DSA unsupported); FIPS 186-5 https://csrc.nist.gov/pubs/fips/186-5/final",
};

fn check(ctx: &Ctx) -> Outcome {
    match ctx.key_shape().map(|(alg, _, _)| alg) {
        None => Outcome::NotApplicable,
        Some("DSA") => Outcome::rejected(Severity::High, "A DSA key: Go's crypto/x509 and TLS do not support it."),
        Some(_) => Outcome::Pass,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn dsa_fails() {
        let mut o = csr(&[("CN", "a")]);
        assert_eq!(run(&RULE, &o), Outcome::Pass);
        o.request.as_mut().unwrap().public_key.algorithm = "DSA".into();
        assert!(fails(run(&RULE, &o)));
    }
}
