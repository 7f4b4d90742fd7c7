//! Flags a certificate or CSR whose CN is a service account's user name
//! (`system:serviceaccount:<namespace>:<name>`).
//!
//! Why: RBAC matches a ServiceAccount subject by this exact user name, so the certificate gets
//! every grant bound to that ServiceAccount, for the certificate's whole lifetime, and deleting
//! the ServiceAccount or its tokens does not revoke it.
//! Instead: let workloads use projected service-account tokens; give people their own names.
//! Reference: `pkg/registry/rbac/validation/rule.go` (appliesToUser);
//! https://kubernetes.io/docs/reference/access-authn-authz/authentication/#service-account-tokens

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::facts::identity::IdentityKind;
use crate::engine::report::{ObjectKind, Severity};

pub static RULE: Rule = Rule {
    id: "identity-service-account",
    title: "Impersonates a service account",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "RBAC matches ServiceAccount subjects purely by the user name system:serviceaccount:<ns>:<name>, so a certificate with that CN gets everything bound to the service account. Unlike a token it survives deleting the ServiceAccount and cannot be revoked before it expires.",
    fix: "Service accounts should authenticate with short-lived projected tokens (kubectl create token). Deny certificates that claim a service account's name.",
    reference: "kubernetes/kubernetes pkg/registry/rbac/validation/rule.go (appliesToUser); https://kubernetes.io/docs/reference/access-authn-authz/authentication/",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(id) = ctx.identity() else { return Outcome::NotApplicable };
    if ctx.obj.kind == ObjectKind::Token || ctx.is_ca_cert() {
        return Outcome::NotApplicable;
    }
    Outcome::pass_if(id.kind != IdentityKind::ServiceAccount, || {
        Outcome::fail(Severity::High, format!("{} as a certificate: {}", id.kind_label, id.can_do))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn fires_on_service_account_names() {
        let o = run(&RULE, &csr(&[("CN", "system:serviceaccount:kube-system:default")]));
        assert_eq!(severity(&o), Some(Severity::High));
        assert!(detail(&o).contains("kube-system/default"));
        assert_eq!(run(&RULE, &csr(&[("CN", "serviceaccount-bob")])), Outcome::Pass);
    }
}
