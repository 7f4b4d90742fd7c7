//! Flags RSA keys shorter than 2048 bits (certificates, CSRs and key files).
//!
//! Why: NIST disallows RSA below 2048 bits (112-bit security) for new signatures. Go's
//! crypto/x509 still accepts a 1024-bit client key, so Kubernetes will *not* stop it: it works,
//! and it is weak.
//! Reference: NIST SP 800-131A Rev. 2 §3; k8s-rules.md §8 (Go accepts RSA-1024 client certs).

use super::{Ctx, Outcome, Rule};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "crypto-weak-rsa-key",
    title: "RSA key shorter than 2048 bits",
    severity: Severity::High,
    why: "RSA keys under 2048 bits are below NIST's minimum and 1024-bit keys are within reach of well-funded attackers. Kubernetes does not refuse them (Go accepts a 1024-bit client certificate), so nothing will stop this credential working while it is weak.",
    fix: "Generate a new key: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 (or EC P-256: -algorithm EC -pkeyopt ec_paramgen_curve:P-256).",
    reference: "NIST SP 800-131A Rev. 2 §3 (https://csrc.nist.gov/pubs/sp/800/131/a/r2/final)",
    check,
};

fn check(ctx: &Ctx) -> Outcome {
    let Some((alg, bits, _)) = ctx.key_shape() else {
        return Outcome::NotApplicable;
    };
    if alg != "RSA" {
        return Outcome::NotApplicable;
    }
    match bits {
        Some(b) if b < 2048 => Outcome::fail(Severity::High, format!("RSA {b}-bit key: weak, yet accepted by Kubernetes.")),
        _ => Outcome::Pass,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn rsa_1024_fails_2048_passes() {
        let mut o = csr(&[("CN", "a")]);
        assert_eq!(run(&RULE, &o), Outcome::Pass);
        o.request.as_mut().unwrap().public_key.bits = Some(1024);
        assert!(detail(&run(&RULE, &o)).contains("1024"));
    }
}
