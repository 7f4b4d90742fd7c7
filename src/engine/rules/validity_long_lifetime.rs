//! Flags a client certificate valid for more than a year, or a CSR asking for more.
//!
//! Why: Kubernetes has no revocation for client certificates (no CRL or OCSP check), so a
//! leaked certificate works until it expires. kubeadm issues one-year leaf certificates, but it
//! sets NotBefore to the CA's NotBefore and NotAfter to the time of issue + 1 year
//! (`pkiutil/pki_helpers.go` ≤ 1.30), so a certificate renewed by `kubeadm certs renew` spans
//! more than a year without living more than one. The rule therefore judges what is left: when
//! the issuer is in the input and the NotBefore dates match, it recognises kubeadm's pattern;
//! otherwise a long span with less than a year left is only noted.
//! Reference: certificate-signing-requests.md (no revocation; expirationSeconds); NIST SP
//! 800-57 Part 1 (cryptoperiods); kubeadm `CertificateValidityPeriod` (365 days).

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::read::csr_object::DEFAULT_SIGNING_DURATION;
use crate::engine::report::Severity;
use crate::engine::util::human_duration;

pub static RULE: Rule = Rule {
    id: "validity-long-lifetime",
    title: "Valid for more than a year",
    severity: Severity::Medium,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Kubernetes cannot revoke a client certificate: the API server checks no revocation list. Whoever holds it keeps access until it expires, so every extra month of lifetime is a month of exposure if it leaks.",
    fix: "Issue client certificates for days or hours (spec.expirationSeconds), and automate renewal.",
    reference: "https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#normal-user; NIST SP 800-57 Part 1 Rev. 5 §5.3",
};

/// A year plus a day of slack for backdating and leap years.
const LIMIT: i64 = DEFAULT_SIGNING_DURATION + 86400;

fn check(ctx: &Ctx) -> Outcome {
    if let Some(spec) = ctx.spec_fields() {
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
    if c.validity.lifetime_seconds <= LIMIT {
        return Outcome::Pass;
    }
    let left = c.validity.not_after_unix.saturating_sub(ctx.now.max(c.validity.not_before_unix));
    let kubeadm_pattern = ctx
        .obj
        .issued_by
        .and_then(|i| ctx.all.get(i))
        .and_then(|i| i.certificate.as_ref())
        .is_some_and(|ca| ca.validity.not_before_unix == c.validity.not_before_unix);
    let span = format!("{} → {}, {}", c.validity.not_before, c.validity.not_after, c.validity.lifetime);
    if left > LIMIT {
        Outcome::fail(
            Severity::Medium,
            format!("A client certificate valid for {} more ({span}).", human_duration(left)),
        )
    } else if kubeadm_pattern {
        Outcome::fail(
            Severity::Info,
            format!("Spans more than a year ({span}) because its NotBefore is its CA's, as kubeadm sets it when it renews; it has {} left, within kubeadm's one year.", human_duration(left.max(0))),
        )
    } else {
        Outcome::fail(
            Severity::Low,
            format!("Spans more than a year ({span}) but has {} left. A certificate renewed by kubeadm looks like this (NotBefore = the CA's); paste it with its CA to tell.", human_duration(left.max(0))),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn more_than_a_year_for_clients_only() {
        let ten_years = run(&RULE, &cert(&[("CN", "a")], 3650));
        assert_eq!(severity(&ten_years), Some(Severity::Medium));
        assert_eq!(run(&RULE, &cert(&[("CN", "a")], 365)), Outcome::Pass);
        let mut ca = cert(&[("CN", "ca")], 3650);
        make_ca(&mut ca);
        assert_eq!(run(&RULE, &ca), Outcome::NotApplicable);
        let mut o = csr_object(&[("CN", "a")], "kubernetes.io/kube-apiserver-client", &[], "a");
        o.csr_object.as_mut().unwrap().expiration_seconds = Some(10 * DEFAULT_SIGNING_DURATION);
        assert!(fails(run(&RULE, &o)));
    }

    #[test]
    fn kubeadm_renewal_is_judged_by_what_is_left() {
        // CA from two years ago; leaf renewed 100 days ago: NotBefore = the CA's, NotAfter = renewal + 1 year.
        let mut ca = cert(&[("CN", "kubernetes")], 3650);
        make_ca(&mut ca);
        let ca_nb = NOW - 730 * DAY;
        ca.certificate.as_mut().unwrap().validity = crate::engine::facts::x509::Validity::new(ca_nb, ca_nb + 3650 * DAY, NOW);
        let mut leaf = cert(&[("CN", "kube-apiserver-kubelet-client")], 1);
        leaf.id = 1;
        leaf.certificate.as_mut().unwrap().validity = crate::engine::facts::x509::Validity::new(ca_nb, NOW + 265 * DAY, NOW);
        let alone = run(&RULE, &leaf);
        assert_eq!(severity(&alone), Some(Severity::Low), "{}", detail(&alone));
        leaf.issued_by = Some(0);
        let with_ca = run_all(&RULE, &[ca, leaf], 1);
        assert_eq!(severity(&with_ca), Some(Severity::Info), "{}", detail(&with_ca));
        assert!(detail(&with_ca).contains("as kubeadm sets it"));
    }
}
