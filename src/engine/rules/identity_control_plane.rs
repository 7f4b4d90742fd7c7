//! Flags a subject whose CN is a control-plane component's user
//! (`system:kube-controller-manager`, `system:kube-scheduler`, `system:kube-proxy`,
//! `system:apiserver`, `system:cloud-controller-manager`).
//!
//! Why: default ClusterRoleBindings grant the controller manager, scheduler and kube-proxy users
//! their component's powers; the controller manager's role reads and writes Secrets
//! cluster-wide. kubeadm issues these certificates itself (controller-manager.conf,
//! scheduler.conf) with no O, never through the CSR API. `system:apiserver` and
//! `system:cloud-controller-manager` are reserved names with no default binding: in a
//! certificate they get nothing special (the API server's loopback client is powerful because its
//! token puts it in `system:masters`), but they impersonate a component in audit logs and in any
//! binding a distribution made for them.
//! Instead: components get their credentials from kubeadm or the installer; people and tools
//! get their own user names.
//! Reference: `staging/src/k8s.io/apiserver/pkg/authentication/user/user.go`;
//! `plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-role-bindings.yaml`.

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::facts::identity::{control_plane_user, IdentityKind};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "identity-control-plane",
    title: "Control-plane component identity",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "The default ClusterRoleBindings give the controller manager, scheduler and kube-proxy user names their component's powers; the controller manager's role, for one, lists and watches every resource and reads every Secret. Such certificates are made by kubeadm or the installer on the control-plane nodes, never requested through the CSR API. Other component names (system:apiserver, system:cloud-controller-manager) have no default binding, but impersonate a component in audit logs and in any binding a distribution made.",
    fix: "Deny CSRs that ask for a component's name. If a component's own certificate is shown here, keep it on the control-plane node only and renew it with `kubeadm certs renew`.",
    reference: "kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/authentication/user/user.go; plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-role-bindings.yaml",
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
    let Some(cp) = control_plane_user(user) else {
        return Outcome::Pass;
    };
    let what = cp.what;
    if ctx.csr().is_some() {
        let sev = match (user, cp.bound_by_default) {
            ("system:kube-controller-manager", _) => Severity::Critical,
            (_, true) => Severity::High,
            (_, false) => Severity::Medium,
        };
        Outcome::fail(
            sev,
            format!("Requests the name of {what}. Components never obtain certificates through the CSR API."),
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

    #[test]
    fn apiserver_name_gets_no_special_power_from_a_certificate() {
        // No default binding names User system:apiserver: its loopback power is the
        // system:masters group of its token, which a certificate's CN does not carry.
        let o = run(&RULE, &csr(&[("CN", "system:apiserver")]));
        assert_eq!(severity(&o), Some(Severity::Medium));
        assert!(detail(&o).contains("default policy does not"));
        assert!(!detail(&o).contains("member of system:masters"));
    }
}
