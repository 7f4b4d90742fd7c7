//! The first report (issue #24): what a reviewer or a docs page pastes most — PEM certificates and
//! requests, CertificateSigningRequest objects, kubeconfigs — judged by the same readers, facts
//! and rules as [`super::analyse_as`], without what only other inputs need (archives, RBAC and
//! its default policy, the PKI audit, the error explainer, the CSR queue, the lab). A build that
//! calls only [`first`] links only that: the small module the page and the element fetch before
//! anything else, so a verdict shows after a fraction of the download.
//!
//! It steps aside (`None`) whenever the whole engine would read anything it does not: then the
//! page waits for the whole engine, as before. When it answers, its objects' identities, findings
//! and verdicts are the whole engine's (tests/first_test.rs compares them on every fixture);
//! what it leaves out is what the first view does not show: `rbac` and each object's `access`,
//! `csr_queue`.

use super::report::{InputSummary, Report, SCHEMA_VERSION};
use super::{analyse, facts, read, rules, util};

/// The report of one pasted input for the first view, or `None` when only the whole engine can
/// read it.
pub fn first(input: &[u8], now: i64, target: facts::release::Target) -> Option<Report> {
    if read::archive::is_archive(input) {
        return None;
    }
    let mut r = read::Reading::with(now, &read::Readers::FIRST);
    r.target = target;
    if r.read_top(input, "").is_some() {
        return None;
    }
    let read::Reading {
        mut objects,
        detected,
        not_understood,
        recovered,
        rbac,
        pods,
        ..
    } = r;
    let explained = objects.iter().any(|o| o.error_message.is_some());
    if objects.is_empty() || explained || !not_understood.is_empty() || !rbac.is_empty() || !pods.is_empty() {
        return None;
    }
    analyse::link::link(&mut objects);
    rules::evaluate_first(&mut objects, now);
    analyse::settle_verdicts(&mut objects);
    Some(Report {
        schema_version: SCHEMA_VERSION,
        now: util::rfc3339(now),
        judged_as: target.name(),
        judged_for: facts::release::JudgedFor::from(&target),
        input: InputSummary {
            bytes: input.len(),
            detected: analyse::summary::detected(&objects, &detected),
            not_understood,
            recovered,
        },
        verdict: analyse::summary::verdict(&objects),
        csr_queue: None,
        counts: analyse::summary::counts(&objects),
        rbac: None,
        pki: None,
        checklist: None,
        objects,
        error: None,
    })
}
