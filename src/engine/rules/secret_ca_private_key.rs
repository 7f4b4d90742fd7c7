//! Flags a private key that belongs to a CA certificate in the same input.
//!
//! Why: the CA key signs identities. With the cluster CA's key anyone can mint a certificate
//! for any user, `system:masters` included, and the only fix is replacing the CA everywhere.
//! Reference: https://kubernetes.io/docs/tasks/tls/manual-rotation-of-ca-certificates/

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "secret-ca-private-key",
    title: "A CA's private key",
    severity: Severity::Critical,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "This key signs certificates. If it is a cluster CA's key, whoever has it can create a certificate for any user and group, including system:masters, and the API server will accept it. Only rotating the CA undoes that.",
    fix: "Keep CA keys on the control plane (or offline / in an HSM) and never paste or share them. If this copy may have leaked, rotate the CA.",
    reference: "https://kubernetes.io/docs/tasks/tls/manual-rotation-of-ca-certificates/",
};

fn check(ctx: &Ctx) -> Outcome {
    if ctx.obj.key.as_ref().is_none_or(|k| k.visibility != "private") || ctx.pki_file().is_some() {
        return Outcome::NotApplicable;
    }
    let ca = ctx
        .obj
        .key_matches
        .iter()
        .filter_map(|i| ctx.all.get(*i))
        .find(|o| o.certificate.as_ref().is_some_and(|c| c.extensions.is_ca()));
    match ca {
        None => Outcome::Pass,
        Some(o) => Outcome::fail(
            Severity::Critical,
            format!(
                "It is the private key of CA certificate {}.",
                o.certificate.as_ref().map(|c| c.subject_text.as_str()).unwrap_or("?")
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn key_of_a_ca_is_critical() {
        let mut key = private_key(0, "k");
        let mut ca = cert(&[("CN", "kubernetes")], 3650);
        make_ca(&mut ca);
        ca.id = 1;
        key.key_matches = vec![1];
        assert_eq!(severity(&run_all(&RULE, &[key.clone(), ca], 0)), Some(Severity::Critical));
        let mut leaf = cert(&[("CN", "a")], 1);
        leaf.id = 1;
        assert_eq!(run_all(&RULE, &[key, leaf], 0), Outcome::Pass);
    }
}
