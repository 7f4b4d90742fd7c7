//! Flags two of kubeadm's CAs (cluster, etcd, front-proxy) that are one key.
//!
//! Why: kubeadm gives etcd and the front proxy their own CAs so that a key stolen from one part
//! cannot sign for another (the isolation the PKI guide recommends). With one key, whoever holds
//! the cluster CA's key also signs etcd clients (full read of every Secret in etcd), and a
//! certificate from one CA may be accepted by the other: Go's chain building finds the parent by
//! its key identifier, which is the same.
//! Instead: give each CA its own key (kubeadm init does); re-issuing the etcd CA means re-issuing
//! every etcd certificate and apiserver-etcd-client.
//! Reference: kubernetes.io/docs/setup/best-practices/certificates/ ("etcd … its own CA");
//! cmd/kubeadm/app/phases/certs/certlist.go (KubeadmCertEtcdCA, KubeadmCertFrontProxyCA).

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "pki-shared-ca-key",
    title: "Two of kubeadm's CAs share one key",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "kubeadm gives etcd and the front proxy their own CAs so that one stolen key cannot sign for every part of the control plane. On one key, the cluster CA's key also signs etcd clients (every Secret in etcd), and certificates of one CA can chain to the other (same key identifier).",
    fix: "Give each CA its own key, as kubeadm init does; re-issue the etcd (or front-proxy) CA and every certificate it signed.",
    reference: "kubernetes.io/docs/setup/best-practices/certificates/; kubernetes/kubernetes cmd/kubeadm/app/phases/certs/certlist.go",
};

fn check(ctx: &Ctx) -> Outcome {
    let (Some(f), Some(pki)) = (ctx.pki_file().filter(|f| f.kind == "ca"), ctx.pki) else {
        return Outcome::NotApplicable;
    };
    let key = |id: usize| ctx.all.get(id).and_then(|o| o.certificate_key_id());
    let mine = key(f.object);
    let others: Vec<&str> = pki
        .files
        .iter()
        .filter(|g| g.kind == "ca" && g.object != f.object && mine.is_some() && key(g.object) == mine)
        .map(|g| g.name.as_str())
        .collect();
    if others.is_empty() {
        return Outcome::Pass;
    }
    Outcome::fail(
        Severity::High,
        format!(
            "{} ({}) has the same key as {}: one key signs for both.",
            f.path,
            f.name,
            others.join(", ")
        ),
    )
}
