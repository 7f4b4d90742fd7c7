//! Flags a node's kubeconfig (a user whose certificate is `system:node:NAME` in `system:nodes`,
//! the kubelet's `kubelet.conf`) that embeds that certificate, when the input shows the kubelet
//! rotates (a newer certificate of the same node, or a KubeletConfiguration with
//! `rotateCertificates: true`): medium. Without that evidence it is said, not alarmed (info).
//!
//! Why: a rotating kubelet writes each new certificate to `/var/lib/kubelet/pki` and leaves the
//! kubeconfig as it was. It runs on the new one; but once the embedded one has expired, the next
//! kubelet start takes it as a sign to bootstrap again ("part of the existing bootstrap client
//! certificate in /etc/kubernetes/kubelet.conf is expired"), finds no bootstrap kubeconfig (kubeadm
//! deletes it after joining), and exits: the node goes NotReady on its next reboot.
//! Instead: point the kubeconfig at `/var/lib/kubelet/pki/kubelet-client-current.pem`, as kubeadm
//! 1.17 and later write it.
//! Reference: pkg/kubelet/certificate/bootstrap/bootstrap.go (`isClientConfigStillValid`);
//! kubernetes/kubernetes#98150; kubeadm troubleshooting, "Kubelet client certificate rotation fails".

use super::{Ctx, Hit, Outcome, Rule, Texts};
use crate::engine::report::Severity;
use crate::engine::util::human_duration;

pub static RULE: Rule = Rule {
    id: "kubelet-kubeconfig-stale-certificate",
    title: "The kubelet's kubeconfig embeds a certificate rotation will not update",
    severity: Severity::Medium,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "A rotating kubelet writes each new client certificate to /var/lib/kubelet/pki/kubelet-client-current.pem and leaves its kubeconfig as it was. It runs on the new one, but once the embedded one has expired, the next kubelet start reads it as a failed login, tries to bootstrap again (\"part of the existing bootstrap client certificate in /etc/kubernetes/kubelet.conf is expired\"), finds no bootstrap-kubelet.conf (kubeadm deletes it after the join) and exits: the node goes NotReady at its next reboot or kubelet restart.",
    fix: "In the kubelet's kubeconfig (/etc/kubernetes/kubelet.conf), replace client-certificate-data and client-key-data with client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem and client-key: /var/lib/kubelet/pki/kubelet-client-current.pem, then restart the kubelet. kubeadm 1.17 and later write it so (kubeadm init phase kubelet-finalize enable-client-cert-rotation).",
    reference: "kubernetes/kubernetes pkg/kubelet/certificate/bootstrap/bootstrap.go (isClientConfigStillValid) and issue #98150; https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/troubleshooting-kubeadm/ (\"Kubelet client certificate rotation fails\")",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(k) = ctx.obj.kubeconfig.as_ref() else {
        return Outcome::NotApplicable;
    };
    let nodes: Vec<usize> = ctx.node_client_certificates().map(|o| o.id).collect();
    // The node users, embedded or read from the file the kubeconfig names (that one passes).
    let node_users: Vec<(&str, &crate::engine::report::Object)> = k
        .users
        .iter()
        .filter_map(|u| Some((u.name.as_str(), ctx.all.get(u.client_certificate?)?)))
        .filter(|(_, o)| nodes.contains(&o.id))
        .collect();
    if node_users.is_empty() {
        return Outcome::NotApplicable;
    }
    let embedded: Vec<_> = node_users.into_iter().filter(|(_, o)| ctx.embeds(Some(o.id))).collect();
    let rotating = ctx
        .all
        .iter()
        .find(|o| o.kubelet_config.as_ref().is_some_and(|c| c.rotate_certificates));
    let mut hits = Vec::new();
    for (user, o) in embedded {
        let Some(c) = o.certificate.as_ref() else { continue };
        let node = o.username.as_deref().unwrap_or("?");
        let ends = c.validity.not_after_unix;
        let left = ends - ctx.now;
        let when = if left > 0 {
            format!("ends {} (in {})", c.validity.not_after, human_duration(left))
        } else {
            format!("ended {} ({} ago)", c.validity.not_after, human_duration(-left))
        };
        // A later certificate of the same node elsewhere in the input: the kubelet has rotated.
        let newer = ctx
            .node_client_certificates()
            .filter(|n| n.username.as_deref() == Some(node) && !ctx.embeds(Some(n.id)))
            .filter_map(|n| Some((n, n.certificate.as_ref()?)))
            .filter(|(_, nc)| nc.validity.not_after_unix > ends)
            .max_by_key(|(_, nc)| nc.validity.not_after_unix);
        let hit = match (newer, rotating) {
            (Some((n, nc)), _) => Hit::new(
                Severity::Medium,
                format!(
                    "User {user} embeds {node}'s certificate, which {when}; the kubelet has rotated to #{} ({}), ending {}. It runs on that one, but after {} the next kubelet start fails on the embedded copy.",
                    n.id, n.source, nc.validity.not_after, c.validity.not_after
                ),
            ),
            (None, Some(cfg)) => Hit::new(
                Severity::Medium,
                format!(
                    "User {user} embeds {node}'s certificate, which {when}; the kubelet rotates (#{} {}), so its renewals go to /var/lib/kubelet/pki and this copy will expire: the kubelet start after that fails.",
                    cfg.id, cfg.source
                ),
            ),
            (None, None) => Hit::new(
                Severity::Info,
                format!(
                    "User {user} embeds {node}'s certificate, which {when}. If this is the kubelet's kubeconfig and the kubelet rotates, renewals go to /var/lib/kubelet/pki and this copy goes stale; a kubelet start after it expires fails."
                ),
            ),
        };
        hits.push(hit);
    }
    Outcome::from_hits(hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::kubelet::KubeletConfigFacts;
    use crate::engine::report::{Object, ObjectKind, Role};
    use crate::engine::rules::testkit::*;

    /// A kubelet.conf (#0) embedding a node certificate (#1) ending in `days`.
    fn kubelet_conf(days: i64) -> Vec<Object> {
        let mut u = user("default-auth", &["client-certificate"]);
        u.client_certificate = Some(1);
        let mut k = kubeconfig(crate::engine::report::kubeconfig::KubeconfigFacts {
            users: vec![u],
            ..Default::default()
        });
        k.source = "etc/kubernetes/kubelet.conf: kubeconfig".into();
        let mut c = cert(&[("O", "system:nodes"), ("CN", "system:node:worker-2")], days);
        c.id = 1;
        c.parent = Some(0);
        c.role = Role::KubeconfigClient;
        vec![k, c]
    }

    #[test]
    fn said_without_evidence_of_rotation() {
        let all = kubelet_conf(15);
        let out = run_all(&RULE, &all, 0);
        assert_eq!(severity(&out), Some(Severity::Info));
        assert!(
            detail(&out).starts_with("User default-auth embeds system:node:worker-2's certificate, which ends"),
            "{}",
            detail(&out)
        );
    }

    #[test]
    fn medium_when_the_kubelet_has_rotated_or_rotates() {
        let mut all = kubelet_conf(15);
        let mut rotated = cert(&[("O", "system:nodes"), ("CN", "system:node:worker-2")], 300);
        rotated.id = 2;
        rotated.source = "var/lib/kubelet/pki/kubelet-client-2026-10-01-00-00-00.pem block 1".into();
        all.push(rotated);
        let out = run_all(&RULE, &all, 0);
        assert_eq!(severity(&out), Some(Severity::Medium));
        assert!(
            detail(&out).contains("the kubelet has rotated to #2 (var/lib/kubelet/pki/kubelet-client-2026-10-01-00-00-00.pem block 1)"),
            "{}",
            detail(&out)
        );
        let mut all = kubelet_conf(15);
        let mut cfg = Object::new(
            2,
            ObjectKind::KubeletConfig,
            Role::Standalone,
            "config.yaml: KubeletConfiguration".into(),
            None,
        );
        cfg.kubelet_config = Some(KubeletConfigFacts {
            rotate_certificates: true,
            ..Default::default()
        });
        all.push(cfg);
        let out = run_all(&RULE, &all, 0);
        assert_eq!(severity(&out), Some(Severity::Medium));
        assert!(detail(&out).contains("the kubelet rotates (#2"), "{}", detail(&out));
    }

    #[test]
    fn a_referenced_file_passes_and_a_person_is_not_this() {
        // kubelet.conf naming the file (as kubeadm 1.17+ writes it): the certificate is not embedded.
        let mut all = kubelet_conf(15);
        all[1].parent = None;
        assert_eq!(run_all(&RULE, &all, 0), Outcome::Pass);
        // A person's kubeconfig.
        let mut all = kubelet_conf(15);
        all[1] = cert(&[("CN", "alice")], 15);
        all[1].id = 1;
        all[1].parent = Some(0);
        assert_eq!(run_all(&RULE, &all, 0), Outcome::NotApplicable);
    }
}
