//! The certificate security checklist the PKI material ends on (issue #26): protect private keys,
//! manage expiration, minimise trust, short-lived credentials. Each item is a set of rules; it
//! fails when one of them found something above info, passes when one of them applied and found
//! nothing worse, and is "not in this input" when none applied, with what the input would need.

use crate::engine::report::checklist::{Checklist, ChecklistItem, ItemFinding, ItemStatus};
use crate::engine::report::{Object, Severity};

/// An item: (id, title, its rules each with what it checks, what the input lacks when none of
/// them applied).
type Item = (&'static str, &'static str, &'static [(&'static str, &'static str)], &'static str);

const ITEMS: &[Item] = &[
    (
        "protect-private-keys",
        "Protect private keys",
        &[
            ("key-file-permissions", "key files and kubeconfigs with embedded keys readable by their owner only"),
            ("secret-ca-private-key", "no CA key in a Secret"),
        ],
        "no key file whose mode is known (a paste or a folder picked in a browser carries no modes; give a .tgz made by tar czf, or the folder to the CLI)",
    ),
    (
        "manage-expiration",
        "Manage expiration",
        &[
            ("validity-expired", "no certificate expired"),
            ("validity-expiring-soon", "none ending within 30 days"),
            ("validity-ca-rotation-due", "every CA with more than a year to live"),
            ("kubelet-client-rotation-off", "the kubelet renewing its client certificate"),
            ("kubelet-kubeconfig-stale-certificate", "the kubelet's kubeconfig following its renewals"),
            ("kubelet-serving-self-signed", "a kubelet serving certificate from the cluster's CA"),
        ],
        "no certificate and no kubelet configuration",
    ),
    (
        "minimise-trust",
        "Minimise trust",
        &[
            ("pki-shared-ca-key", "a separate key for each of kubeadm's CAs (etcd's own)"),
            ("ca-shared-across-clusters", "no cluster CA key shared with another cluster in the input"),
            ("pki-wrong-ca", "each of kubeadm's certificates signed by the CA its peer trusts"),
        ],
        "neither a control plane's PKI nor a kubeconfig's cluster CA",
    ),
    (
        "short-lived-credentials",
        "Short-lived credentials",
        &[
            ("token-legacy-service-account", "no non-expiring service-account token Secret"),
            ("validity-long-lifetime", "no client certificate with more than a year left"),
        ],
        "no client certificate and no service-account token",
    ),
];

/// The checklist over the objects' rule outcomes.
pub fn build(objects: &[Object]) -> Checklist {
    let items = ITEMS
        .iter()
        .map(|(id, title, rules, lacks)| {
            let is_ours = |r: &str| rules.iter().any(|(x, _)| *x == r);
            let mut findings: Vec<ItemFinding> = objects
                .iter()
                .flat_map(|o| {
                    o.findings
                        .iter()
                        .filter(|f| is_ours(&f.id) && f.severity > Severity::Info)
                        .map(|f| ItemFinding {
                            object: o.id,
                            rule: f.id.clone(),
                            severity: f.severity,
                            title: f.title.clone(),
                        })
                })
                .collect();
            findings.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.object.cmp(&b.object)));
            // What the input let the item check: the rules that applied to some object.
            let applied: Vec<&str> = rules
                .iter()
                .filter(|(r, _)| {
                    objects
                        .iter()
                        .any(|o| o.passed.iter().any(|p| p == r) || o.findings.iter().any(|f| f.id == *r))
                })
                .map(|(_, what)| *what)
                .collect();
            let (status, summary) = if !findings.is_empty() {
                let n = findings.len();
                (
                    ItemStatus::Fail,
                    format!(
                        "{n} finding{} against it. Checked: {}.",
                        if n == 1 { "" } else { "s" },
                        applied.join("; ")
                    ),
                )
            } else if !applied.is_empty() {
                (ItemStatus::Pass, format!("Checked: {}.", applied.join("; ")))
            } else {
                (ItemStatus::NotInInput, format!("Not in this input: {lacks}."))
            };
            ChecklistItem {
                id: id.to_string(),
                title: title.to_string(),
                status,
                summary,
                rules: rules.iter().map(|(r, _)| r.to_string()).collect(),
                findings,
            }
        })
        .collect();
    Checklist { items }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::{Finding, ObjectKind, Role};

    fn object(id: usize, passed: &[&str], fired: &[(&str, Severity)]) -> Object {
        let mut o = Object::new(id, ObjectKind::Certificate, Role::Standalone, "test".into(), None);
        o.passed = passed.iter().map(|p| p.to_string()).collect();
        o.findings = fired
            .iter()
            .map(|(r, s)| Finding {
                id: r.to_string(),
                severity: *s,
                title: format!("title of {r}"),
                detail: String::new(),
                why: String::new(),
                fix: String::new(),
                reference: String::new(),
                rejected_by_kubernetes: false,
            })
            .collect();
        o
    }

    #[test]
    fn fail_pass_and_not_in_input() {
        let objects = [
            object(
                0,
                &["validity-expired", "validity-long-lifetime"],
                &[("key-file-permissions", Severity::Medium)],
            ),
            object(
                1,
                &[],
                &[
                    ("key-file-permissions", Severity::High),
                    ("kubelet-kubeconfig-stale-certificate", Severity::Info),
                ],
            ),
        ];
        let c = build(&objects);
        let item = |id: &str| c.items.iter().find(|i| i.id == id).unwrap();
        let keys = item("protect-private-keys");
        assert_eq!(keys.status, ItemStatus::Fail);
        assert_eq!(
            keys.findings.iter().map(|f| (f.object, f.severity)).collect::<Vec<_>>(),
            [(1, Severity::High), (0, Severity::Medium)]
        );
        assert_eq!(
            keys.summary,
            "2 findings against it. Checked: key files and kubeconfigs with embedded keys readable by their owner only."
        );
        // An info finding does not fail an item; it shows the rule applied.
        assert_eq!(item("manage-expiration").status, ItemStatus::Pass);
        assert_eq!(item("short-lived-credentials").status, ItemStatus::Pass);
        assert_eq!(
            item("short-lived-credentials").summary,
            "Checked: no client certificate with more than a year left."
        );
        let trust = item("minimise-trust");
        assert_eq!(trust.status, ItemStatus::NotInInput);
        assert_eq!(
            trust.summary,
            "Not in this input: neither a control plane's PKI nor a kubeconfig's cluster CA."
        );
    }
}
