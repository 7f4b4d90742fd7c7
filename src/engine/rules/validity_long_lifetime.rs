//! Flags a client certificate valid for more than a year, or a CSR asking for more.
//!
//! Why: Kubernetes has no revocation for client certificates (no CRL or OCSP check), so a
//! leaked certificate works until it expires. kubeadm issues one-year leaf certificates.
//! Reference: certificate-signing-requests.md (no revocation; expirationSeconds); NIST SP
//! 800-57 Part 1 (cryptoperiods); kubeadm `CertificateValidityPeriod` (365 days).

use super::{Ctx, Outcome, Rule};
use crate::engine::csr_object::DEFAULT_SIGNING_DURATION;
use crate::engine::report::Severity;
use crate::engine::util::human_duration;

pub static RULE: Rule = Rule {
    id: "validity-long-lifetime",
    title: "Valid for more than a year",
    severity: Severity::Medium,
    why: "Kubernetes cannot revoke a client certificate: the API server checks no revocation list. Whoever holds it keeps access until it expires, so every extra month of lifetime is a month of exposure if it leaks.",
    fix: "Issue client certificates for days or hours (spec.expirationSeconds), and automate renewal.",
    reference: "https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#normal-user; NIST SP 800-57 Part 1 Rev. 5 §5.3",
    check,
};

/// A year plus a day of slack for backdating and leap years.
const LIMIT: i64 = DEFAULT_SIGNING_DURATION + 86400;

fn check(ctx: &Ctx) -> Outcome {
    if let Some(spec) = ctx.spec() {
        return match spec.expiration_seconds {
            Some(s) if s > LIMIT => Outcome::fail(
                Severity::Low,
                format!(
                    "Asks for {}; the built-in signers cap it at --cluster-signing-duration (one year by default).",
                    human_duration(s)
                ),
            ),
            _ => Outcome::Pass,
        };
    }
    let Some(c) = ctx.cert() else { return Outcome::NotApplicable };
    if !ctx.claims_client_identity() {
        return Outcome::NotApplicable;
    }
    Outcome::pass_if(c.validity.lifetime_seconds <= LIMIT, || {
        Outcome::fail(
            Severity::Medium,
            format!(
                "A client certificate valid for {} ({} → {}).",
                c.validity.lifetime, c.validity.not_before, c.validity.not_after
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn more_than_a_year_for_clients_only() {
        assert!(fails(run(&RULE, &cert(&[("CN", "a")], 3650))));
        assert_eq!(run(&RULE, &cert(&[("CN", "a")], 365)), Outcome::Pass);
        let mut ca = cert(&[("CN", "ca")], 3650);
        make_ca(&mut ca);
        assert_eq!(run(&RULE, &ca), Outcome::NotApplicable);
        let mut o = csr_object(&[("CN", "a")], "kubernetes.io/kube-apiserver-client", &[], "a");
        o.csr_object.as_mut().unwrap().expiration_seconds = Some(10 * DEFAULT_SIGNING_DURATION);
        assert!(fails(run(&RULE, &o)));
    }
}
