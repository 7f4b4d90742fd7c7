//! Flags an identity that, under the RBAC objects given with it, holds a dangerous power: reading
//! Secrets, creating pods or workload controllers, exec/attach/ephemeral containers,
//! `nodes/proxy`, `escalate`/`bind`, `impersonate`, CSR approval, creating service-account
//! tokens, writing admission webhooks, `*` rules. One hit per power, naming the binding → role
//! that grants it.
//!
//! Why: this is what approving a CSR, or handing out a certificate or kubeconfig, actually gives
//! in *that* cluster; each of these powers leads to other identities' credentials.
//! Applies only when RBAC objects were given: Kubernetes' default policy is already covered by
//! the identity rules (control-plane users, nodes, system:masters).
//! Instead: bind the narrowest role that does the job, in the namespace where it is needed.
//! Reference: `plugin/pkg/auth/authorizer/rbac/rbac.go`; Kubernetes documentation, "RBAC good
//! practices" (kubernetes.io/docs/concepts/security/rbac-good-practices/).

use super::{Ctx, Hit, Outcome, Rule, Texts};

pub static RULE: Rule = Rule {
    id: "rbac-dangerous-power",
    title: "Dangerous RBAC power in your cluster",
    severity: crate::engine::report::Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Under the RBAC objects you gave, this identity holds a power that leads to other identities' credentials or to cluster-admin: reading Secrets, running pods, exec into pods, proxying to kubelets, escalate/bind, impersonation, approving CSRs, minting service-account tokens or writing webhooks.",
    fix: "Bind a narrower role (verbs and resources it needs, in the namespace it needs them, with resourceNames where possible); remove the binding named here if the identity should not have it.",
    reference: "kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/rbac.go; kubernetes.io/docs/concepts/security/rbac-good-practices/",
};

fn check(ctx: &Ctx) -> Outcome {
    let (Some(rbac), Some(access)) = (ctx.rbac, ctx.access()) else {
        return Outcome::NotApplicable;
    };
    if rbac.origin != "pasted" {
        return Outcome::NotApplicable;
    }
    Outcome::from_hits(
        access
            .powers
            .iter()
            .map(|p| Hit::new(p.severity, format!("{} {}, through {}.", p.title, p.scope, p.via)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::access::{Access, Power, RbacReport};
    use crate::engine::report::Severity;
    use crate::engine::rules::testkit::{cert, run, run_with_rbac, severity};

    fn report(origin: &str, powers: Vec<Power>) -> RbacReport {
        RbacReport {
            origin: origin.into(),
            caveat: None,
            cluster_roles: 0,
            roles: 0,
            cluster_role_bindings: 0,
            role_bindings: 0,
            computed: vec![],
            dangling: vec![],
            identities: vec![Access {
                username: "amy".into(),
                groups: vec![],
                superuser: false,
                notes: vec![],
                bindings: vec![],
                scopes: vec![],
                powers,
            }],
            holders: vec![],
            note: None,
        }
    }

    fn secrets() -> Power {
        Power {
            id: "read-secrets".into(),
            title: "Read Secrets".into(),
            severity: Severity::High,
            scope: "in every namespace".into(),
            via: "ClusterRoleBinding x → ClusterRole y (matched User amy)".into(),
            why: String::new(),
        }
    }

    #[test]
    fn fails_with_the_binding_when_a_pasted_policy_grants_a_power() {
        let mut o = cert(&[("CN", "amy")], 30);
        o.access = Some(0);
        let out = run_with_rbac(&RULE, &o, &report("pasted", vec![secrets()]));
        assert_eq!(severity(&out), Some(Severity::High));
        match out {
            Outcome::Fail(h) => assert!(h[0].detail.contains("through ClusterRoleBinding x → ClusterRole y")),
            _ => unreachable!(),
        }
    }

    #[test]
    fn passes_without_powers_and_does_not_apply_to_the_default_policy() {
        let mut o = cert(&[("CN", "amy")], 30);
        o.access = Some(0);
        assert_eq!(run_with_rbac(&RULE, &o, &report("pasted", vec![])), Outcome::Pass);
        assert_eq!(
            run_with_rbac(&RULE, &o, &report("bootstrap", vec![secrets()])),
            Outcome::NotApplicable
        );
        assert_eq!(run(&RULE, &o), Outcome::NotApplicable);
    }
}
