//! Flags a subject whose CN is a control-plane component's user
//! (`system:kube-controller-manager`, `system:kube-scheduler`, `system:kube-proxy`,
//! `system:apiserver`, `system:cloud-controller-manager`).
//!
//! Why: default ClusterRoleBindings grant these users their component's powers; the controller
//! manager's role reads and writes Secrets cluster-wide. kubeadm issues these certificates
//! itself (controller-manager.conf, scheduler.conf) with no O, never through the CSR API.
//! Instead: components get their credentials from kubeadm or the installer; people and tools
//! get their own user names.
//! Reference: `staging/src/k8s.io/apiserver/pkg/authentication/user/user.go`;
//! `plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-role-bindings.yaml`.

use super::{Ctx, Outcome, Rule};
use crate::engine::identity::{IdentityKind, CONTROL_PLANE_USERS};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "identity-control-plane",
    title: "Control-plane component identity",
    severity: Severity::High,
    why: "The API server gives these user names the powers of a control-plane component through default ClusterRoleBindings; the controller manager's role, for one, lists and watches every resource and reads every Secret. Such certificates are made by kubeadm or the installer on the control-plane nodes, never requested through the CSR API.",
    fix: "Deny CSRs that ask for a component's name. If a component's own certificate is shown here, keep it on the control-plane node only and renew it with `kubeadm certs renew`.",
    reference: "kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/authentication/user/user.go; plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-role-bindings.yaml",
    check,
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(id) = ctx.identity() else { return Outcome::NotApplicable };
    if ctx.subject().is_none() || ctx.is_ca_cert() {
        return Outcome::NotApplicable;
    }
    if id.kind != IdentityKind::ControlPlane {
        return Outcome::Pass;
    }
    let user = ctx.obj.username.as_deref().unwrap_or("");
    let what = CONTROL_PLANE_USERS
        .iter()
        .find(|(u, _)| *u == user)
        .map(|(_, w)| *w)
        .unwrap_or("a control-plane component");
    if ctx.csr().is_some() {
        let sev = if matches!(user, "system:kube-controller-manager" | "system:apiserver") {
            Severity::Critical
        } else {
            Severity::High
        };
        Outcome::fail(
            sev,
            format!("Requests the identity of {what}. Components never obtain certificates through the CSR API."),
        )
    } else {
        Outcome::fail(
            Severity::Info,
            format!("A credential of {what}: keep it on the control-plane node."),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn csr_for_a_component_is_serious_certificate_is_info() {
        assert_eq!(
            severity(&run(&RULE, &csr(&[("CN", "system:kube-controller-manager")]))),
            Some(Severity::Critical)
        );
        assert_eq!(
            severity(&run(&RULE, &csr(&[("CN", "system:kube-scheduler")]))),
            Some(Severity::High)
        );
        assert_eq!(
            severity(&run(&RULE, &cert(&[("CN", "system:kube-scheduler")], 365))),
            Some(Severity::Info)
        );
        assert_eq!(run(&RULE, &csr(&[("CN", "kube-scheduler")])), Outcome::Pass);
    }
}
