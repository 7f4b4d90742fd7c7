//! Flags a certificate whose notBefore is in the future.
//!
//! Why: refused exactly like an expired one ("future cert" test); usually a clock problem on
//! the issuing machine or a certificate made for later.
//! Reference: `x509_test.go` ("future cert").

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;
use crate::engine::util::human_duration;

pub static RULE: Rule = Rule {
    id: "validity-not-yet-valid",
    title: "Not valid yet",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "A certificate is refused before its notBefore time just as after its notAfter. This usually means the clock of the machine that issued it was ahead.",
    fix: "Check the clocks of the signer and the API server (NTP), or wait until notBefore.",
    reference: "kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509_test.go (\"future cert\")",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(c) = ctx.cert() else { return Outcome::NotApplicable };
    Outcome::pass_if(ctx.now >= c.validity.not_before_unix, || {
        Outcome::rejected(
            Severity::High,
            format!(
                "Valid only from {} ({} from now).",
                c.validity.not_before,
                human_duration(c.validity.not_before_unix.saturating_sub(ctx.now))
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn future_certificate_fails() {
        let mut o = cert(&[("CN", "a")], 10);
        assert_eq!(run(&RULE, &o), Outcome::Pass);
        o.certificate.as_mut().unwrap().validity.not_before_unix = NOW + 3600;
        assert!(detail(&run(&RULE, &o)).contains("1 h from now"));
    }
}
