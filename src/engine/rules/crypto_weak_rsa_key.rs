//! Flags RSA keys shorter than 2048 bits (certificates, CSRs and key files).
//!
//! Why: NIST disallows RSA below 2048 bits (112-bit security) for new signatures. Go still
//! accepts 1024–2047-bit keys, so Kubernetes will *not* stop those: they work, and they are
//! weak. Below 1024 bits Go >= 1.24 (which Kubernetes >= 1.33 is built with) refuses every RSA
//! operation ("crypto/rsa: N-bit keys are insecure"): such a CSR fails `CheckSignature` and is
//! refused by the API, and such a certificate cannot complete a TLS handshake.
//! Reference: NIST SP 800-131A Rev. 2 §3; k8s-rules.md §8 (Go accepts RSA-1024 client certs);
//! Go 1.24 release notes, crypto/rsa (GODEBUG rsa1024min).

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "crypto-weak-rsa-key",
    title: "RSA key shorter than 2048 bits",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "RSA keys under 2048 bits are below NIST's minimum and 1024-bit keys are within reach of well-funded attackers. Kubernetes does not refuse 1024–2047-bit keys (Go accepts them), so nothing stops such a credential working while it is weak. Below 1024 bits, Kubernetes 1.33+ (Go 1.24+) refuses the key outright.",
    fix: "Generate a new key: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 (or EC P-256: -algorithm EC -pkeyopt ec_paramgen_curve:P-256).",
    reference: "NIST SP 800-131A Rev. 2 §3 (https://csrc.nist.gov/pubs/sp/800/131/a/r2/final)",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some((alg, bits, _)) = ctx.key_shape() else {
        return Outcome::NotApplicable;
    };
    if alg != "RSA" {
        return Outcome::NotApplicable;
    }
    match bits {
        Some(b) if b < 1024 => Outcome::rejected(
            Severity::High,
            format!("RSA {b}-bit key: Kubernetes 1.33+ (Go 1.24+) refuses it (\"crypto/rsa: {b}-bit keys are insecure\"): a CSR with it is refused by the API, a certificate with it cannot complete a TLS handshake. Older versions accepted it."),
        ),
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
        let weak = run(&RULE, &o);
        assert!(detail(&weak).contains("weak, yet accepted"));
        assert!(!matches!(&weak, Outcome::Fail(h) if h[0].rejected_by_kubernetes));
        o.request.as_mut().unwrap().public_key.bits = Some(512);
        let tiny = run(&RULE, &o);
        assert!(matches!(&tiny, Outcome::Fail(h) if h[0].rejected_by_kubernetes));
        assert!(detail(&tiny).contains("512-bit keys are insecure"));
    }
}
