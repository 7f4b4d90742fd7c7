//! Flags other reserved `system:` names in CN or O: bootstrap identities, `system:anonymous`,
//! `system:unauthenticated`, `system:authenticated` listed by hand, and unknown `system:` names.
//!
//! Why: the `system:` prefix is reserved for Kubernetes by convention only; the x509
//! authenticator passes any value through. Bootstrap groups can request node certificates that
//! are approved automatically. `CN=system:anonymous` or `O=system:unauthenticated` (or `O=system:authenticated`)
//! stop the API server adding `system:authenticated`, an oddity that breaks expectations.
//! Instead: use names outside the `system:` namespace for people and tools.
//! Reference: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects;
//! `staging/src/k8s.io/apiserver/pkg/authentication/group/authenticated_group_adder.go`.

use super::{Ctx, Hit, Outcome, Rule};
use crate::engine::identity::{ANONYMOUS, AUTHENTICATED, SYSTEM_MASTERS, SYSTEM_NODES, UNAUTHENTICATED};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "identity-reserved-name",
    title: "Uses a reserved system: name",
    severity: Severity::Medium,
    why: "Names starting with system: are reserved for Kubernetes itself. The certificate authenticator does not stop anyone claiming them, so a certificate can put itself in bootstrap groups (which may obtain node certificates automatically) or call itself anonymous, which stops the API server adding system:authenticated.",
    fix: "Use user and group names outside the system: prefix for people and tools, and deny requests that claim Kubernetes' own names.",
    reference: "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects; kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/authentication/group/authenticated_group_adder.go",
    check,
};

/// Names other rules already explain.
fn covered(name: &str) -> bool {
    name == SYSTEM_MASTERS
        || name == SYSTEM_NODES
        || name.starts_with("system:node:")
        || name.starts_with("system:serviceaccount:")
        || crate::engine::identity::CONTROL_PLANE_USERS.iter().any(|(u, _)| *u == name)
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
        let (sev, why) = if v.starts_with("system:bootstrap:") || v.starts_with("system:bootstrappers") {
            (
                Severity::High,
                "a bootstrap identity: kubeadm lets it create node client CSRs that are approved automatically".to_string(),
            )
        } else if v == ANONYMOUS || v == UNAUTHENTICATED {
            (Severity::High, format!("the API server will not add {AUTHENTICATED}, so the caller looks unauthenticated yet still gets what anonymous users get"))
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
    fn bootstrap_and_anonymous_are_high_unknown_is_medium() {
        assert_eq!(
            severity(&run(&RULE, &csr(&[("O", "system:bootstrappers"), ("CN", "x")]))),
            Some(Severity::High)
        );
        assert_eq!(
            severity(&run(&RULE, &csr(&[("O", "system:unauthenticated"), ("CN", "x")]))),
            Some(Severity::High)
        );
        assert_eq!(severity(&run(&RULE, &csr(&[("CN", "system:anonymous")]))), Some(Severity::High));
        assert_eq!(severity(&run(&RULE, &csr(&[("CN", "system:deployer")]))), Some(Severity::Medium));
        assert_eq!(
            run(&RULE, &csr(&[("O", "system:masters"), ("CN", "alice")])),
            Outcome::Pass,
            "covered by identity-system-masters"
        );
        assert_eq!(run(&RULE, &csr(&[("O", "dev"), ("CN", "alice")])), Outcome::Pass);
    }
}
