//! Flags a kubelet configuration that does not rotate the kubelet's client certificate
//! (`rotateCertificates` false, or left out: its default is false), naming the node client
//! certificates in the input and when they end (issue #26, "manage expiration").
//!
//! Why: the kubelet logs in to the API server with a client certificate (`system:node:NAME` in
//! `system:nodes`), which the cluster's signer issues for a year. With rotation on, the kubelet
//! asks for a new one at 70-90% of its life and the controller manager approves a node renewing
//! itself; with rotation off, nothing renews it. When it expires the API server refuses the
//! kubelet: the node stops reporting and goes NotReady, its pods are evicted and rescheduled
//! elsewhere after the default five-minute tolerations, while the containers already on the node
//! keep running with nobody managing them.
//! Instead: `rotateCertificates: true` (kubeadm writes it so), then restart the kubelet.
//! Reference: KubeletConfiguration `rotateCertificates` (kubelet-config.v1beta1, "Default:
//! false"); https://kubernetes.io/docs/tasks/tls/certificate-rotation/; kubeadm troubleshooting,
//! "Kubelet client certificate rotation fails".

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;
use crate::engine::util::human_duration;

pub static RULE: Rule = Rule {
    id: "kubelet-client-rotation-off",
    title: "The kubelet does not renew its client certificate",
    severity: Severity::Medium,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "The kubelet logs in to the API server with a client certificate the cluster issued for a year. With rotateCertificates on, it requests a new one at 70-90% of that year and the controller manager approves a node renewing itself; off, nothing renews it. The day it expires the API server refuses the kubelet: the node stops reporting and goes NotReady, its pods are evicted and started elsewhere after the default five-minute tolerations, while the containers already on the node keep running with nobody managing them.",
    fix: "Set rotateCertificates: true in the kubelet's configuration file (/var/lib/kubelet/config.yaml; kubeadm writes it so) and restart the kubelet (systemctl restart kubelet). Renewals are then approved automatically where system:nodes may create certificatesigningrequests/selfnodeclient (kubeadm's kubeadm:node-autoapprove-certificate-rotation binding). If the certificate has already expired, follow kubeadm's steps for \"Kubelet client certificate rotation fails\": a new kubelet.conf from kubeadm kubeconfig user --org system:nodes --client-name system:node:NODE.",
    reference: "KubeletConfiguration rotateCertificates, default false (https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/); https://kubernetes.io/docs/tasks/tls/certificate-rotation/; https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/troubleshooting-kubeadm/",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(k) = ctx.obj.kubelet_config.as_ref() else {
        return Outcome::NotApplicable;
    };
    if k.rotate_certificates {
        return Outcome::Pass;
    }
    let mut detail = if k.rotate_certificates_set {
        "rotateCertificates is false: the kubelet keeps its client certificate until it expires.".to_string()
    } else {
        "rotateCertificates is not set, and its default is false: the kubelet keeps its client certificate until it expires.".to_string()
    };
    // One line per distinct node certificate (kubelet.conf and the file it names are one).
    let mut seen: Vec<&str> = Vec::new();
    for o in ctx.node_client_certificates() {
        let Some(c) = o.certificate.as_ref() else { continue };
        if seen.contains(&c.sha256_fingerprint.as_str()) {
            continue;
        }
        seen.push(&c.sha256_fingerprint);
        let user = o.username.as_deref().unwrap_or("?");
        let left = c.validity.not_after_unix - ctx.now;
        let when = if left > 0 {
            format!("ends {} (in {})", c.validity.not_after, human_duration(left))
        } else {
            format!("ended {} ({} ago)", c.validity.not_after, human_duration(-left))
        };
        detail.push_str(&format!(
            " {user}'s client certificate (#{} {}) {when}: then the API server refuses this kubelet and the node goes NotReady.",
            o.id, o.source
        ));
    }
    Outcome::fail(Severity::Medium, detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::kubelet::KubeletConfigFacts;
    use crate::engine::report::{Object, ObjectKind, Role};
    use crate::engine::rules::testkit::*;

    fn config(rotate: Option<bool>) -> Object {
        let mut o = Object::new(
            0,
            ObjectKind::KubeletConfig,
            Role::Standalone,
            "config.yaml: KubeletConfiguration".into(),
            None,
        );
        o.kubelet_config = Some(KubeletConfigFacts {
            rotate_certificates: rotate.unwrap_or(false),
            rotate_certificates_set: rotate.is_some(),
            ..Default::default()
        });
        o
    }

    #[test]
    fn off_or_unset_fails_and_names_the_nodes_certificate() {
        assert_eq!(run(&RULE, &config(Some(true))), Outcome::Pass);
        assert!(detail(&run(&RULE, &config(None))).contains("not set, and its default is false"));
        let mut node = cert(&[("O", "system:nodes"), ("CN", "system:node:worker-1")], 36);
        node.id = 1;
        node.source = "var/lib/kubelet/pki/kubelet-client-2026-01-10-00-00-00.pem block 1".into();
        let all = [config(Some(false)), node];
        let out = run_all(&RULE, &all, 0);
        assert_eq!(severity(&out), Some(Severity::Medium));
        let d = detail(&out);
        assert!(d.starts_with("rotateCertificates is false"), "{d}");
        assert!(
            d.contains(
                "system:node:worker-1's client certificate (#1 var/lib/kubelet/pki/kubelet-client-2026-01-10-00-00-00.pem block 1) ends"
            ),
            "{d}"
        );
        assert!(d.contains("(in 35 days)") && d.contains("goes NotReady"), "{d}");
    }

    #[test]
    fn only_kubelet_configurations_apply() {
        assert_eq!(
            run(&RULE, &cert(&[("CN", "system:node:a"), ("O", "system:nodes")], 10)),
            Outcome::NotApplicable
        );
    }
}
