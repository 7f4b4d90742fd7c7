//! Flags a certificate with a critical extension that Go does not handle.
//!
//! Why: Go's `Certificate.Verify`, which kube-apiserver runs on every client certificate (and
//! every Go TLS client on a serving certificate), refuses a certificate that carries a critical
//! extension it does not implement: "x509: unhandled critical extension". Go handles key usage,
//! basic constraints, a non-empty subject alternative name, name constraints, CRL distribution
//! points, the key identifiers, certificate policies, policy mappings and constraints, extended
//! key usage, inhibit anyPolicy and authority info access; any other critical extension makes
//! the certificate unusable in Kubernetes, whatever its subject says.
//! Instead: issue it again without the extension, or with it marked non-critical.
//! Reference: Go `crypto/x509/parser.go` (`processExtensions`), `verify.go` (`Verify`,
//! `UnhandledCriticalExtension`); RFC 5280 §4.2 (a critical extension a verifier does not
//! recognise must be rejected).

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "usage-unhandled-critical-extension",
    title: "A critical extension Go does not handle: it cannot log in",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Go's verifier (kube-apiserver's, and every Go TLS client's) refuses a certificate with a critical extension it does not implement (x509: unhandled critical extension). As a client certificate it cannot log in; as a serving certificate, Go clients refuse it.",
    fix: "Issue the certificate again without that extension, or with it marked non-critical.",
    reference: "Go crypto/x509 parser.go (processExtensions) and verify.go (Verify); RFC 5280 section 4.2",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(c) = ctx.cert() else { return Outcome::NotApplicable };
    if c.go_refuses() {
        return Outcome::NotApplicable;
    }
    Outcome::pass_if(c.unhandled_critical.is_empty(), || {
        Outcome::rejected(
            Severity::High,
            format!(
                "Critical extension{} {} {} not handled by Go: its verifier refuses this certificate (x509: unhandled critical extension), so it cannot log in to the API server or serve TLS to a Go client.",
                if c.unhandled_critical.len() == 1 { "" } else { "s" },
                c.unhandled_critical.join(", "),
                if c.unhandled_critical.len() == 1 { "is" } else { "are" }
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn an_unhandled_critical_extension_stops_login() {
        let mut c = cert(&[("CN", "amy")], 10);
        assert_eq!(run(&RULE, &c), Outcome::Pass);
        c.certificate.as_mut().unwrap().unhandled_critical = vec!["1.3.6.1.4.1.57683.99.1".into()];
        let o = run(&RULE, &c);
        assert!(
            detail(&o).contains("Critical extension 1.3.6.1.4.1.57683.99.1 is not handled by Go"),
            "{}",
            detail(&o)
        );
        c.certificate.as_mut().unwrap().go_error = Some("x509: negative serial number".into());
        assert_eq!(run(&RULE, &c), Outcome::NotApplicable, "x509-go-refuses says it first");
    }
}
