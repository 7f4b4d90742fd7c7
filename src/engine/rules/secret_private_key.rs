//! Notes a private key in the input.
//!
//! Why: a private key is the credential itself. This page never sends or stores it, but it has
//! now been copied to a clipboard or a file somewhere; treat it as exposed if that place is not
//! private.
//! Reference: NIST SP 800-57 Part 1 §6 (protecting private keys).

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::{ObjectKind, Severity};

pub static RULE: Rule = Rule {
    id: "secret-private-key",
    title: "Contains a private key",
    severity: Severity::Medium,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Whoever has a private key can use the certificate that goes with it, and Kubernetes cannot revoke client certificates. This page keeps everything in your browser, but the key has passed through your clipboard or a file; every copy is a copy of the credential.",
    fix: "Share certificates and CSRs, never keys. If the key may have leaked, stop trusting its certificate (for a CA: rotate it).",
    reference: "NIST SP 800-57 Part 1 Rev. 5 §6.2 (https://csrc.nist.gov/pubs/sp/800/57/pt1/r5/final)",
};

fn check(ctx: &Ctx) -> Outcome {
    // A key file in its place in a node's /etc/kubernetes is expected (pki-ca-key speaks for
    // the CA keys, pki-key-mismatch for the pairs).
    if ctx.obj.kind != ObjectKind::PrivateKey || ctx.pki_file().is_some() {
        return Outcome::NotApplicable;
    }
    let k = ctx.obj.key.as_ref();
    let encrypted = k.is_some_and(|k| k.encrypted);
    let sev = if encrypted { Severity::Low } else { Severity::Medium };
    Outcome::fail(
        sev,
        format!(
            "{}{}.",
            k.map(|k| k.summary.as_str()).unwrap_or("A private key"),
            if encrypted { " (passphrase-protected)" } else { ", unencrypted" }
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn any_private_key_is_noted() {
        assert_eq!(severity(&run(&RULE, &private_key(0, "x"))), Some(Severity::Medium));
        assert_eq!(run(&RULE, &cert(&[("CN", "a")], 1)), Outcome::NotApplicable);
    }
}
