//! Flags a certificate expiring within 30 days (medium) or 7 days (high).
//!
//! Why: kubeadm's own certificates last a year and break the control plane when they lapse;
//! client certificates expire silently and kubectl starts returning 401.
//! Reference: https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-certs/

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;
use crate::engine::util::human_duration;

pub static RULE: Rule = Rule {
    id: "validity-expiring-soon",
    title: "Expires soon",
    severity: Severity::Medium,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "When a certificate lapses, whatever uses it stops working at once: kubectl gets 401, control-plane components cannot talk to the API server. Renewing ahead of time is cheap; an outage is not.",
    fix: "Renew now: a new CSR for users, `kubeadm certs renew all` (then restart the control-plane pods) for kubeadm clusters, and enable kubelet certificate rotation.",
    reference: "https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-certs/",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(c) = ctx.cert() else { return Outcome::NotApplicable };
    let left = c.validity.not_after_unix.saturating_sub(ctx.now);
    if left < 0 || ctx.now < c.validity.not_before_unix {
        return Outcome::NotApplicable;
    }
    let sev = if left <= 7 * 86400 {
        Severity::High
    } else if left <= 30 * 86400 {
        Severity::Medium
    } else {
        return Outcome::Pass;
    };
    Outcome::fail(sev, format!("Expires in {} ({}).", human_duration(left), c.validity.not_after))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn windows_of_7_and_30_days() {
        assert_eq!(severity(&run(&RULE, &cert(&[("CN", "a")], 5))), Some(Severity::High));
        assert_eq!(severity(&run(&RULE, &cert(&[("CN", "a")], 20))), Some(Severity::Medium));
        assert_eq!(run(&RULE, &cert(&[("CN", "a")], 60)), Outcome::Pass);
        assert_eq!(
            run(&RULE, &cert(&[("CN", "a")], 0)),
            Outcome::NotApplicable,
            "already expired: validity-expired says so"
        );
    }
}
