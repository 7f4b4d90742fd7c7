//! Flags a CA certificate with a year or less to live (medium; the last 30 days are also
//! validity-expiring-soon's, which raises the severity there), and names
//! the certificates in the input it signed that outlive it (issue #26, "manage expiration").
//!
//! Why: every certificate a CA signed stops working when the CA expires, whatever its own
//! notAfter says (Go's `Verify` checks the whole chain). kubeadm's `certs renew` renews the leaves,
//! not the CAs (kubeadm makes CAs for 10 years and leaves for 365 days, k8s-rules.md §5), so once
//! a CA has less than a year, a leaf renewed today outlives it, and the CA's own rotation — a new
//! CA distributed to every component and kubeconfig before the old one ends — takes planning.
//! Reference: https://kubernetes.io/docs/tasks/tls/manual-rotation-of-ca-certificates/

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;
use crate::engine::util::human_duration;

pub static RULE: Rule = Rule {
    id: "validity-ca-rotation-due",
    title: "CA expires within a year: plan its rotation",
    severity: Severity::Medium,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "When a CA expires, every certificate it signed stops working with it, however long their own validity: kubelets, control-plane components and users all fail at once. kubeadm certs renew renews leaves, not CAs, and a leaf renewed for a year now would outlive its CA. Rotating a CA means distributing a new one to every component and kubeconfig before the old one ends, which takes planning, not a command.",
    fix: "If it is your cluster's CA (kubeadm's ca, etcd/ca, front-proxy-ca), plan its rotation now (Kubernetes docs: Manual rotation of CA certificates): add the new CA to every trust bundle first, re-issue the leaves from it, then remove the old CA, well before its notAfter. If it is a public root in a trust bundle, its owner replaces it: keep the bundle updated.",
    reference: "https://kubernetes.io/docs/tasks/tls/manual-rotation-of-ca-certificates/; k8s-rules.md §5 (kubeadm: CA 10 years, leaves 365 days)",
};

const DAY: i64 = 86_400;

/// The one-year CA a kubelet makes for its own serving certificate (`CN=NODE-ca@UNIX`,
/// certutil.GenerateSelfSignedCertKey): not a CA anyone rotates (kubelet-serving-self-signed
/// says what to do about it).
fn kubelet_made(subject: &str) -> bool {
    subject
        .strip_prefix("CN=")
        .and_then(|cn| cn.rsplit_once("-ca@"))
        .is_some_and(|(host, unix)| !host.is_empty() && !unix.is_empty() && unix.bytes().all(|b| b.is_ascii_digit()))
}

fn check(ctx: &Ctx) -> Outcome {
    let Some(c) = ctx.cert() else { return Outcome::NotApplicable };
    if !c.extensions.is_ca() {
        return Outcome::NotApplicable;
    }
    let left = c.validity.not_after_unix.saturating_sub(ctx.now);
    if left < 0 || ctx.now < c.validity.not_before_unix {
        return Outcome::NotApplicable;
    }
    if kubelet_made(&c.subject_text) {
        return Outcome::NotApplicable;
    }
    if left > 365 * DAY {
        return Outcome::Pass;
    }
    // The certificates in the input this CA signed whose own validity runs past its end.
    let outliving: Vec<String> = ctx
        .all
        .iter()
        .filter(|o| o.issued_by == Some(ctx.obj.id) && o.id != ctx.obj.id)
        .filter_map(|o| {
            let leaf = o.certificate.as_ref()?;
            (leaf.validity.not_after_unix > c.validity.not_after_unix).then(|| o.label.clone())
        })
        .collect();
    let mut detail = format!(
        "This CA expires in {} ({}); every certificate it signed stops working then.",
        human_duration(left),
        c.validity.not_after
    );
    if !outliving.is_empty() {
        let shown: Vec<&str> = outliving.iter().take(5).map(String::as_str).collect();
        detail.push_str(&format!(
            " {} certificate{} it signed outlive{} it and will fail on its date, not their own: {}{}.",
            outliving.len(),
            if outliving.len() == 1 { "" } else { "s" },
            if outliving.len() == 1 { "s" } else { "" },
            shown.join("; "),
            if outliving.len() > 5 { "; …" } else { "" }
        ));
    }
    Outcome::fail(Severity::Medium, detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    fn ca(days: i64) -> crate::engine::report::Object {
        let mut o = cert(&[("CN", "kubernetes")], days);
        make_ca(&mut o);
        o
    }

    #[test]
    fn within_a_year_medium_and_ten_years_pass() {
        assert_eq!(severity(&run(&RULE, &ca(200))), Some(Severity::Medium));
        assert_eq!(severity(&run(&RULE, &ca(20))), Some(Severity::Medium));
        assert_eq!(run(&RULE, &ca(3650)), Outcome::Pass);
        assert_eq!(run(&RULE, &cert(&[("CN", "a")], 60)), Outcome::NotApplicable, "not a CA");
        assert_eq!(run(&RULE, &ca(0)), Outcome::NotApplicable, "expired: validity-expired says so");
    }

    #[test]
    fn the_kubelets_own_one_year_ca_is_not_one_to_rotate() {
        assert!(kubelet_made("CN=worker-1-ca@1768003200"));
        assert!(!kubelet_made("CN=kubernetes") && !kubelet_made("CN=-ca@1") && !kubelet_made("CN=x-ca@abc"));
        let mut own = ca(200);
        own.certificate.as_mut().unwrap().subject_text = "CN=worker-1-ca@1768003200".into();
        assert_eq!(run(&RULE, &own), Outcome::NotApplicable);
    }

    #[test]
    fn names_the_leaves_that_outlive_it() {
        let root = ca(200);
        let mut long = cert(&[("CN", "kube-apiserver")], 365);
        long.id = 1;
        long.label = "Certificate CN=kube-apiserver".into();
        long.issued_by = Some(0);
        let mut short = cert(&[("CN", "amy")], 30);
        short.id = 2;
        short.issued_by = Some(0);
        let d = detail(&run_all(&RULE, &[root, long, short], 0));
        assert!(
            d.contains("1 certificate it signed outlives it") && d.contains("CN=kube-apiserver"),
            "{d}"
        );
    }
}
