//! Flags a certificate or CSR whose subject puts the holder in `system:masters`.
//!
//! Why: `system:masters` is authorised by a hard-wired privileged-groups authorizer that runs
//! before Node, RBAC and webhooks, so every request is allowed and no RoleBinding can revoke
//! it; only rotating the cluster CA (or expiry) ends it.
//! Instead: issue an ordinary user certificate and bind the rights needed with RBAC; for
//! admin work use a group bound to `cluster-admin` (kubeadm's `kubeadm:cluster-admins`).
//! Reference: `pkg/kubeapiserver/authorizer/reload.go` (NewPrivilegedGroups), kubeadm
//! implementation-details.md ("a superuser group that bypasses RBAC").

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::facts::identity::SYSTEM_MASTERS;
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "identity-system-masters",
    title: "Grants system:masters: an unrevocable superuser",
    severity: Severity::Critical,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Members of system:masters are allowed every request before RBAC is even consulted. Deleting RoleBindings does nothing; the only way to take the access back is to rotate the cluster CA or wait for the certificate to expire.",
    fix: "Request a certificate for an ordinary user or group and grant what is needed with RBAC. For break-glass admin, keep kubeadm's super-admin.conf offline; for everyday admin use a group bound to cluster-admin (kubeadm:cluster-admins), which RBAC can revoke.",
    reference: "kubernetes/kubernetes pkg/kubeapiserver/authorizer/reload.go (privileged groups run before RBAC); https://kubernetes.io/docs/reference/setup-tools/kubeadm/implementation-details/",
};

fn check(ctx: &Ctx) -> Outcome {
    if ctx.subject().is_none() || ctx.is_ca_cert() {
        return Outcome::NotApplicable;
    }
    Outcome::pass_if(!ctx.values("O").contains(&SYSTEM_MASTERS), || {
        // kubeadm's break-glass super-admin.conf in its place: expected, and unrevocable.
        if let Some(f) = ctx.pki_file() {
            return Outcome::fail(
                Severity::Low,
                format!("{} is kubeadm's break-glass superuser ({}, system:masters, unrevocable until it expires): kubeadm keeps it on the first control-plane node only; move it off the node if you can.", f.path, f.name),
            );
        }
        Outcome::fail(
            Severity::Critical,
            format!(
                "O={SYSTEM_MASTERS} makes {} a superuser that RBAC cannot restrict.",
                ctx.obj.username.as_deref().unwrap_or("the holder")
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn fires_on_system_masters_and_passes_otherwise() {
        let o = run(&RULE, &csr(&[("O", "system:masters"), ("CN", "alice")]));
        assert_eq!(severity(&o), Some(Severity::Critical));
        assert!(detail(&o).contains("alice"));
        assert_eq!(run(&RULE, &csr(&[("O", "devs"), ("CN", "alice")])), Outcome::Pass);
        assert_eq!(
            run(&RULE, &csr(&[("O", "System:Masters"), ("CN", "alice")])),
            Outcome::Pass,
            "case variants are the look-alike rule's job"
        );
    }
}
