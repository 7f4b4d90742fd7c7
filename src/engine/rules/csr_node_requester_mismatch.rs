//! A CSR asks for a node identity but was submitted by someone who is neither that node nor a
//! bootstrap identity.
//!
//! Why: the auto-approver (`csrapproving`) approves kubelet client CSRs only after a
//! SubjectAccessReview *for the requester*: `selfnodeclient` when `spec.username` equals the
//! CSR's CN (a node renewing itself), else `nodeclient`. kubeadm grants `selfnodeclient` to
//! `system:nodes` and `nodeclient` to its join-token group; cluster admins pass both, so their
//! requests for any node name are approved automatically. `spec.username` is set by the API
//! server from the requester's credentials and cannot be forged, so a mismatch means someone
//! else is asking to become that node.
//! Instead: deny it and find out who the requester is.
//! Reference: `pkg/controller/certificates/approver/sarapprove.go`; `pkg/registry/certificates/certificates/strategy.go` (PrepareForCreate).

use super::{AutoApproval, Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "csr-node-requester-mismatch",
    title: "Node identity requested by someone else",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "spec.username is filled in by the API server from whoever submitted the CSR, so it cannot be faked. A kubelet renews its own certificate (requester = the same system:node:<name>), and a joining node uses a bootstrap token (system:bootstrap:<id>). Anyone else asking for a node's identity is trying to become that node.",
    fix: "Deny the request (kubectl certificate deny NAME) and check who the requester is and why they asked.",
    reference: "kubernetes/kubernetes pkg/controller/certificates/approver/sarapprove.go; pkg/registry/certificates/certificates/strategy.go",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(spec) = ctx.spec() else { return Outcome::NotApplicable };
    let Some(user) = ctx.obj.username.as_deref().filter(|u| u.starts_with("system:node:")) else {
        return Outcome::NotApplicable;
    };
    let Some(requester) = spec.requester.username.as_deref() else {
        return Outcome::fail(
            Severity::Medium,
            format!("Asks for {user}, but the object has no spec.username, so who asked cannot be checked."),
        );
    };
    let bootstrap =
        requester.starts_with("system:bootstrap:") || spec.requester.groups.iter().any(|g| g.starts_with("system:bootstrappers"));
    if requester == user || bootstrap {
        return Outcome::Pass;
    }
    let auto = ctx.auto_approval();
    let sev = if auto == AutoApproval::Admin {
        Severity::Medium
    } else {
        Severity::High
    };
    Outcome::fail(
        sev,
        format!("Asks for {user} but was submitted by {requester}. {}", auto.explain(requester)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn only_the_node_or_a_bootstrap_identity_may_ask() {
        let node = &[("O", "system:nodes"), ("CN", "system:node:n1")];
        let s = "kubernetes.io/kube-apiserver-client-kubelet";
        assert_eq!(run(&RULE, &csr_object(node, s, &[], "system:node:n1")), Outcome::Pass);
        assert_eq!(run(&RULE, &csr_object(node, s, &[], "system:bootstrap:07401b")), Outcome::Pass);
        let o = run(&RULE, &csr_object(node, s, &[], "system:node:n2"));
        assert_eq!(severity(&o), Some(Severity::High));
        assert!(detail(&o).contains("submitted by system:node:n2"));
        let mut admin = csr_object(node, s, &["digital signature", "client auth"], "kubernetes-admin");
        admin.csr_object.as_mut().unwrap().requester.groups = vec!["system:masters".into()];
        let a = run(&RULE, &admin);
        assert_eq!(severity(&a), Some(Severity::Medium));
        assert!(detail(&a).contains("approved automatically, for any node name"));
        assert_eq!(run(&RULE, &csr_object(&[("CN", "alice")], s, &[], "alice")), Outcome::NotApplicable);
        assert_eq!(run(&RULE, &csr(node)), Outcome::NotApplicable);
    }
}
