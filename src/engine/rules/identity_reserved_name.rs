//! Flags other reserved `system:` names in CN or O: bootstrap identities, `system:anonymous`,
//! `system:unauthenticated`, `system:authenticated` listed by hand, and unknown `system:` names.
//!
//! Why: the `system:` prefix is reserved for Kubernetes by convention only; the x509
//! authenticator passes any value through. kubeadm binds only the group
//! `system:bootstrappers:kubeadm:default-node-token` (CSR creation and node-client auto-approval),
//! so that group can obtain node certificates; a `system:bootstrap:<id>` CN or the plain
//! `system:bootstrappers` group gets nothing from kubeadm (clusters following the TLS-bootstrapping
//! docs may bind `system:bootstrappers` themselves). `CN=system:anonymous` does not make the
//! holder an unauthenticated caller: a certificate's groups are its O values only, so grants to
//! `system:unauthenticated` do not apply, and the group adder skips `system:authenticated`.
//! `O=system:unauthenticated` gets that group's grants and loses `system:authenticated`.
//! Instead: use names outside the `system:` namespace for people and tools.
//! Reference: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects;
//! `staging/src/k8s.io/apiserver/pkg/authentication/group/authenticated_group_adder.go`;
//! kubeadm `cmd/kubeadm/app/phases/bootstraptoken/node/tlsbootstrap.go` (the bootstrap bindings).

use super::{Ctx, Hit, Outcome, Rule, Texts};
use crate::engine::facts::identity::{ANONYMOUS, AUTHENTICATED, KUBEADM_BOOTSTRAP_GROUP, SYSTEM_MASTERS, SYSTEM_NODES, UNAUTHENTICATED};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "identity-reserved-name",
    title: "Uses a reserved system: name",
    severity: Severity::Medium,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Names starting with system: are reserved for Kubernetes itself. The certificate authenticator does not stop anyone claiming them: a certificate can put itself in kubeadm's bootstrap group (which obtains node certificates automatically), or take names that change which default grants apply to it, in ways a reviewer does not expect.",
    fix: "Use user and group names outside the system: prefix for people and tools, and deny requests that claim Kubernetes' own names.",
    reference: "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects; kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/authentication/group/authenticated_group_adder.go",
};

/// Names other rules already explain.
fn covered(name: &str) -> bool {
    name == SYSTEM_MASTERS
        || name == SYSTEM_NODES
        || name.starts_with("system:node:")
        || name.starts_with("system:serviceaccount:")
        || crate::engine::facts::identity::control_plane_user(name).is_some()
}

fn check(ctx: &Ctx) -> Outcome {
    if ctx.subject().is_none() || ctx.is_ca_cert() {
        return Outcome::NotApplicable;
    }
    let mut hits = Vec::new();
    let cn = ctx.obj.username.as_deref();
    let names = cn
        .into_iter()
        .map(|c| ("CN", c))
        .chain(ctx.values("O").into_iter().map(|o| ("O", o)));
    for (attr, v) in names {
        if !v.starts_with("system:") || covered(v) {
            continue;
        }
        let (sev, why) = if v == KUBEADM_BOOTSTRAP_GROUP {
            (
                Severity::High,
                "kubeadm's join-token group: kubeadm binds it to CSR creation and to node-client auto-approval, so the holder can obtain a certificate for any node name without a reviewer".to_string(),
            )
        } else if v.starts_with("system:bootstrap:") || v.starts_with("system:bootstrappers") {
            (
                Severity::Medium,
                format!("a bootstrap-token name; kubeadm binds only {KUBEADM_BOOTSTRAP_GROUP}, so by default this gets nothing, but clusters that follow the TLS-bootstrapping guide bind system:bootstrappers to node CSR creation and auto-approval"),
            )
        } else if v == ANONYMOUS {
            (
                Severity::Medium,
                format!("the certificate is not an unauthenticated caller: its groups are its O values only, so grants to {UNAUTHENTICATED} do not apply, and the API server does not add {AUTHENTICATED}; it gets only what is bound to User {ANONYMOUS} and its O groups"),
            )
        } else if v == UNAUTHENTICATED {
            (
                Severity::Medium,
                format!("the holder gets what is bound to {UNAUTHENTICATED}, and the API server does not add {AUTHENTICATED}, so it loses the grants every authenticated user has"),
            )
        } else if v == AUTHENTICATED {
            (Severity::Low, "listed by hand; the API server adds it anyway".to_string())
        } else {
            (
                Severity::Medium,
                "not a name Kubernetes defines for certificates; check who relies on it".to_string(),
            )
        };
        hits.push(Hit::new(sev, format!("{attr}={v}: {why}.")));
    }
    Outcome::from_hits(hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn only_kubeadms_bootstrap_group_is_high() {
        assert_eq!(
            severity(&run(&RULE, &csr(&[("O", KUBEADM_BOOTSTRAP_GROUP), ("CN", "x")]))),
            Some(Severity::High)
        );
        // kubeadm binds neither the plain group nor a system:bootstrap:<id> user.
        let plain = run(&RULE, &csr(&[("O", "system:bootstrappers"), ("CN", "system:bootstrap:abcdef")]));
        assert_eq!(severity(&plain), Some(Severity::Medium));
        assert!(detail(&plain).contains("by default this gets nothing"));
    }

    #[test]
    fn anonymous_names_are_explained_as_go_treats_them() {
        let unauth = run(&RULE, &csr(&[("O", "system:unauthenticated"), ("CN", "x")]));
        assert_eq!(severity(&unauth), Some(Severity::Medium));
        assert!(detail(&unauth).contains("loses the grants every authenticated user has"));
        let anon = run(&RULE, &csr(&[("CN", "system:anonymous")]));
        assert_eq!(severity(&anon), Some(Severity::Medium));
        assert!(detail(&anon).contains("grants to system:unauthenticated do not apply"));
    }

    #[test]
    fn unknown_system_names_are_medium() {
        assert_eq!(severity(&run(&RULE, &csr(&[("CN", "system:deployer")]))), Some(Severity::Medium));
        assert_eq!(
            run(&RULE, &csr(&[("O", "system:masters"), ("CN", "alice")])),
            Outcome::Pass,
            "covered by identity-system-masters"
        );
        assert_eq!(run(&RULE, &csr(&[("O", "dev"), ("CN", "alice")])), Outcome::Pass);
    }
}
