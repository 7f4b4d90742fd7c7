//! Flags a subject in `kubeadm:cluster-admins`, the group kubeadm binds to `cluster-admin`.
//!
//! Why: the holder gets full control of the cluster through RBAC. Unlike `system:masters` it
//! can be revoked by deleting the `kubeadm:cluster-admins` ClusterRoleBinding, but that
//! revokes every admin.conf at once.
//! Instead: give people their own user names and bind narrower roles; keep cluster-admin
//! credentials short-lived.
//! Reference: `cmd/kubeadm/app/constants/constants.go` (ClusterAdminsGroupAndClusterRoleBinding),
//! KEP-4214 (k/k PR #121305, stable in 1.29).

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::facts::identity::KUBEADM_ADMINS;
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "identity-kubeadm-cluster-admins",
    title: "Grants kubeadm:cluster-admins: full cluster-admin",
    severity: Severity::Critical,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "kubeadm binds the group kubeadm:cluster-admins to the cluster-admin ClusterRole, so this certificate can do anything in the cluster. It is what admin.conf carries since Kubernetes 1.29; RBAC can revoke it, but only for every holder of the group at once.",
    fix: "Issue certificates to named users with only the roles they need. If someone truly needs admin, prefer a short expirationSeconds and a personal group you can unbind alone.",
    reference: "kubernetes/kubernetes cmd/kubeadm/app/constants/constants.go; KEP-4214 (PR #121305): https://kubernetes.io/docs/reference/setup-tools/kubeadm/implementation-details/",
};

fn check(ctx: &Ctx) -> Outcome {
    if ctx.subject().is_none() || ctx.is_ca_cert() {
        return Outcome::NotApplicable;
    }
    Outcome::pass_if(!ctx.values("O").contains(&KUBEADM_ADMINS), || {
        // kubeadm's own admin credentials in their place on a control-plane node: expected.
        if let Some(f) = ctx.pki_file() {
            return Outcome::fail(
                Severity::Info,
                format!(
                    "{} is kubeadm's own cluster-admin credential ({}), expected on a control-plane node: guard it like ca.key.",
                    f.path, f.name
                ),
            );
        }
        Outcome::fail(
            Severity::Critical,
            format!(
                "O={KUBEADM_ADMINS} gives {} cluster-admin through kubeadm's ClusterRoleBinding.",
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
    fn fires_on_kubeadm_admins_only() {
        assert_eq!(
            severity(&run(
                &RULE,
                &cert(&[("O", "kubeadm:cluster-admins"), ("CN", "kubernetes-admin")], 365)
            )),
            Some(Severity::Critical)
        );
        assert_eq!(run(&RULE, &cert(&[("O", "devs"), ("CN", "bob")], 30)), Outcome::Pass);
        let mut ca = cert(&[("O", "kubeadm:cluster-admins"), ("CN", "x")], 30);
        make_ca(&mut ca);
        assert_eq!(run(&RULE, &ca), Outcome::NotApplicable);
    }
}
