//! Says what a CA private key on the node allows (kubeadm keeps them on control-plane nodes),
//! and, when the keys are absent, that the node runs in external-CA mode.
//!
//! Why: `ca.key` signs a client certificate for any user and group, system:masters included,
//! which no RBAC change can revoke; `etcd/ca.key` signs etcd clients (every Secret in etcd);
//! `front-proxy-ca.key` signs the front proxy, which extension API servers believe about any
//! user. Guard ca.key above all. Without the keys kubeadm cannot renew (EXTERNALLY MANAGED).
//! Instead: keep the directory root-only (0600 keys) and backups encrypted; for the strictest
//! setups, kubeadm's external CA mode keeps ca.key off the nodes.
//! Reference: kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-certs/ ("External CA
//! mode"); cmd/kubeadm/app/phases/certs/certlist.go.

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "pki-ca-key",
    title: "CA private key on the node",
    severity: Severity::Info,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "kubeadm keeps the CA keys on control-plane nodes so it can renew certificates. Whoever reads ca.key can sign a client certificate for any user in any group, system:masters included, and no RBAC change revokes it; etcd/ca.key signs etcd clients (every Secret); front-proxy-ca.key makes extension API servers believe any user.",
    fix: "Keep /etc/kubernetes/pki root-only with 0600 keys and backups encrypted. To keep ca.key off the nodes, use kubeadm's external CA mode (then renew with your CA).",
    reference: "kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-certs/ (External CA mode)",
};

fn check(ctx: &Ctx) -> Outcome {
    let (Some(f), Some(pki)) = (ctx.pki_file(), ctx.pki) else {
        return Outcome::NotApplicable;
    };
    match f.kind.as_str() {
        "ca-key" => {
            let allows = match f.expect.as_str() {
                "ca" => "signs a client certificate for any user and group, system:masters included (unrevocable cluster-admin)",
                "etcd-ca" => "signs etcd clients: read and write every object in etcd, Secrets included",
                _ => "signs the front proxy's identity, which extension API servers believe about any user",
            };
            Outcome::fail(
                Severity::Info,
                format!("{}: expected on a kubeadm control-plane node; it {allows}. Guard it.", f.path),
            )
        }
        "ca" => {
            let external = pki.authorities.iter().any(|a| a.name == f.name && a.externally_managed);
            if external {
                Outcome::fail(
                    Severity::Info,
                    format!("{}: its key is not here: external CA mode. kubeadm cannot renew what it signed (EXTERNALLY MANAGED yes); renew with your CA.", f.path),
                )
            } else {
                Outcome::Pass
            }
        }
        _ => Outcome::NotApplicable,
    }
}
