//! Flags a node identity (`CN=system:node:<name>`, `O=system:nodes`) or a half-formed one.
//!
//! Why: the Node authorizer treats a user as node `<name>` when the username starts with
//! `system:node:` *and* the groups contain `system:nodes`; it may then read the Secrets and
//! ConfigMaps of every pod bound to that node. A CSR for a node identity is routine only in the
//! exact shape the kubelet itself requests (signer `kube-apiserver-client-kubelet`, passing
//! `IsKubeletClientCSR`, requested by that node or a bootstrap token: see
//! `csr-node-requester-mismatch`); any other node-shaped request deserves scrutiny. The finding
//! says who approves it: the auto-approver (`sarapprove.go`) runs a SubjectAccessReview for the
//! requester, which passes for the node itself and kubeadm's join tokens (kubeadm's bindings)
//! and for cluster admins (for any node name). A name
//! without the group (or the group without a name) is not a node at all.
//! Instead: let kubelets obtain their own certificates through TLS bootstrapping.
//! Reference: `pkg/auth/nodeidentifier/default.go`; https://kubernetes.io/docs/reference/access-authn-authz/node/

use super::{AutoApproval, Ctx, Outcome, Rule, Texts, KUBELET_SERVING, KUBE_APISERVER_CLIENT_KUBELET};
use crate::engine::facts::identity::IdentityKind;
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "identity-node",
    title: "Node identity",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "A node identity lets the holder act as that node's kubelet: the Node authorizer lets it read the Secrets, ConfigMaps and volumes of every pod scheduled there and update the node's status. Stealing or forging one is a classic lateral-movement step.",
    fix: "Approve node certificates only when the kubelet of that node asked for them (spec.username is system:node:<same name>, or a bootstrap token during join). Never hand-craft node certificates for people or tools.",
    reference: "kubernetes/kubernetes pkg/auth/nodeidentifier/default.go; https://kubernetes.io/docs/reference/access-authn-authz/node/",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(id) = ctx.identity() else { return Outcome::NotApplicable };
    if ctx.subject().is_none() || ctx.is_ca_cert() {
        return Outcome::NotApplicable;
    }
    let user = ctx.obj.username.as_deref().unwrap_or("");
    match id.kind {
        IdentityKind::Node => match (ctx.spec(), ctx.signer()) {
            (Some(spec), Some(KUBE_APISERVER_CLIENT_KUBELET)) => {
                let requester = spec.requester.username.as_deref().unwrap_or("an unknown requester");
                let auto = ctx.auto_approval();
                let how = auto.explain(requester);
                match auto {
                    AutoApproval::SelfRenewal | AutoApproval::BootstrapToken { .. } => Outcome::fail(
                        Severity::Info,
                        format!("{user} requested through the kubelet client signer by {requester}: the shape Kubernetes itself uses. {how}"),
                    ),
                    AutoApproval::Admin => Outcome::fail(
                        Severity::Medium,
                        format!("Asks for node identity {user}, requested by {requester}. {how} Make sure a node is really being provisioned."),
                    ),
                    AutoApproval::Manual => Outcome::fail(
                        Severity::High,
                        format!("Asks for node identity {user}, but was requested by {requester}. {how}"),
                    ),
                    AutoApproval::NotConsidered => {
                        let own = requester == user || requester.starts_with("system:bootstrap:");
                        Outcome::fail(
                            if own { Severity::Medium } else { Severity::High },
                            format!("Asks for node identity {user} (requested by {requester}). {how}"),
                        )
                    }
                }
            }
            (Some(spec), Some(KUBELET_SERVING)) => {
                let requester = spec.requester.username.as_deref().unwrap_or("");
                let sev = if requester == user { Severity::Medium } else { Severity::High };
                Outcome::fail(sev, format!("A kubelet serving certificate for {user} (requested by {}). Serving CSRs are never auto-approved: check the SANs really belong to that node.", if requester.is_empty() { "an unknown requester" } else { requester }))
            }
            (Some(_), _) => Outcome::fail(Severity::High, format!("Asks for node identity {user} through a signer other than the kubelet signers: not how kubelets request certificates.")),
            (None, _) if ctx.csr().is_some() => Outcome::fail(Severity::High, format!("A CSR for node identity {user}: only the kubelet of that node should request it.")),
            (None, _) => Outcome::fail(Severity::Info, format!("A node credential for {user}: guard it like that node's kubelet key.")),
        },
        IdentityKind::NodeLookalike => Outcome::fail(
            Severity::Medium,
            format!("{} is node-shaped but not a node: the Node authorizer needs both CN=system:node:<name> and O=system:nodes, so it only gets what RBAC grants this exact name and groups.", if user.is_empty() { "The subject" } else { user }),
        ),
        _ => Outcome::Pass,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    const NODE: &[(&str, &str)] = &[("O", "system:nodes"), ("CN", "system:node:worker-1")];
    const USAGES: &[&str] = &["digital signature", "client auth"];

    #[test]
    fn kubelet_own_request_is_info_and_foreign_request_is_high() {
        // A kubelet renewing itself: its own name, and the system:nodes group its credential carries.
        let mut renewal = csr_object(NODE, KUBE_APISERVER_CLIENT_KUBELET, USAGES, "system:node:worker-1");
        renewal.csr_object.as_mut().unwrap().requester.groups = vec!["system:nodes".into(), "system:authenticated".into()];
        let own = run(&RULE, &renewal);
        assert_eq!(severity(&own), Some(Severity::Info));
        assert!(detail(&own).contains("selfnodeclient"));
        let boot = run(
            &RULE,
            &csr_object(NODE, KUBE_APISERVER_CLIENT_KUBELET, USAGES, "system:bootstrap:abcdef"),
        );
        assert_eq!(severity(&boot), Some(Severity::Info));
        assert!(detail(&boot).contains("kubeadm does not"), "{}", detail(&boot));
        let alice = run(&RULE, &csr_object(NODE, KUBE_APISERVER_CLIENT_KUBELET, USAGES, "alice"));
        assert_eq!(severity(&alice), Some(Severity::High));
        assert!(detail(&alice).contains("requested by alice"));
        assert!(detail(&alice).contains("leaves it to a person"));
        let other_signer = run(
            &RULE,
            &csr_object(NODE, "kubernetes.io/kube-apiserver-client", USAGES, "system:node:worker-1"),
        );
        assert_eq!(severity(&other_signer), Some(Severity::High));
    }

    #[test]
    fn admins_requests_are_auto_approved_for_any_node() {
        let mut o = csr_object(NODE, KUBE_APISERVER_CLIENT_KUBELET, USAGES, "kubernetes-admin");
        o.csr_object.as_mut().unwrap().requester.groups = vec!["kubeadm:cluster-admins".into(), "system:authenticated".into()];
        let out = run(&RULE, &o);
        assert_eq!(severity(&out), Some(Severity::Medium));
        assert!(detail(&out).contains("approved automatically, for any node name"));
    }

    #[test]
    fn half_node_is_medium_and_users_pass() {
        assert_eq!(
            severity(&run(&RULE, &cert(&[("CN", "system:node:worker-1")], 30))),
            Some(Severity::Medium)
        );
        assert_eq!(run(&RULE, &cert(&[("CN", "alice")], 30)), Outcome::Pass);
    }
}
