//! Flags a subject with more than one CN.
//!
//! Why: Go's crypto/x509 keeps the **last** CN in encoding order, and that is the user name
//! Kubernetes uses. A reviewer reading the first CN (as many tools print it) approves the
//! wrong identity.
//! Instead: exactly one CN.
//! Reference: `x509_test.go` case "common name and UID" (`CN=client_cn2, CN=client_cn` →
//! `client_cn`); Go `crypto/x509/pkix` `Name.FillFromRDNSequence`.

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "identity-multiple-cn",
    title: "Several CNs: only the last one counts",
    severity: Severity::Medium,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Kubernetes uses the last CN of the subject in encoding order as the user name and silently ignores the others. Tools that show the first CN (or a person skimming) will believe it is someone else.",
    fix: "Ask for a request with exactly one CN.",
    reference: "kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509_test.go (\"common name and UID\"); Go crypto/x509/pkix Name.FillFromRDNSequence",
};

fn check(ctx: &Ctx) -> Outcome {
    if ctx.subject().is_none() || ctx.is_ca_cert() {
        return Outcome::NotApplicable;
    }
    let cns = ctx.values("CN");
    Outcome::pass_if(cns.len() <= 1, || {
        let (last, earlier) = cns.split_last().unwrap_or((&"", &[]));
        Outcome::fail(
            Severity::Medium,
            format!("CN values {:?}: Kubernetes uses \"{last}\" and ignores {:?}.", cns, earlier),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn names_the_winner() {
        let o = run(&RULE, &csr(&[("CN", "client_cn2"), ("CN", "client_cn")]));
        assert!(detail(&o).contains("uses \"client_cn\""), "{}", detail(&o));
        assert_eq!(run(&RULE, &csr(&[("CN", "one")])), Outcome::Pass);
    }
}
