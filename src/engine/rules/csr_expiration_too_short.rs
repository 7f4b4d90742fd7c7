//! Flags `spec.expirationSeconds` below 600.
//!
//! Why: API validation refuses it: "may not specify a duration less than 600 seconds (10 minutes)".
//! Reference: `pkg/apis/certificates/validation/validation.go`.

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::read::csr_object::MIN_EXPIRATION_SECONDS;
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "csr-expiration-too-short",
    title: "expirationSeconds below 600 is rejected",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why:
        "The API server refuses CSRs asking for less than 10 minutes, and the signing controller never issues less than 10 minutes anyway.",
    fix: "Use expirationSeconds: 600 or more (3600 for an hour, 86400 for a day).",
    reference: "kubernetes/kubernetes pkg/apis/certificates/validation/validation.go",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(spec) = ctx.spec() else { return Outcome::NotApplicable };
    match spec.expiration_seconds {
        None => Outcome::NotApplicable,
        Some(s) => Outcome::pass_if(s >= MIN_EXPIRATION_SECONDS, || {
            Outcome::rejected(
                Severity::High,
                format!("expirationSeconds: {s}: may not specify a duration less than 600 seconds (10 minutes)."),
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn boundary_is_600() {
        let mut o = csr_object(&[("CN", "a")], "kubernetes.io/kube-apiserver-client", &[], "a");
        o.csr_object.as_mut().unwrap().expiration_seconds = Some(599);
        assert!(fails(run(&RULE, &o)));
        o.csr_object.as_mut().unwrap().expiration_seconds = Some(600);
        assert_eq!(run(&RULE, &o), Outcome::Pass);
    }
}
