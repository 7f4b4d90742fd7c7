//! Flags a legacy (Secret-based) service-account token: issuer `kubernetes/serviceaccount`,
//! no expiry.
//!
//! Why: it never expires and works until the Secret is deleted; since 1.24 Kubernetes no longer
//! creates them automatically, and 1.29+ cleans up unused ones.
//! Reference: https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#legacy-serviceaccount-token-cleaner

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "token-legacy-service-account",
    title: "Legacy service-account token that never expires",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Secret-based service-account tokens have no expiry: a leaked copy works until someone deletes the Secret. Kubernetes stopped creating them automatically in 1.24 in favour of short-lived bound tokens.",
    fix: "Use a bound token instead (kubectl create token SA --duration=1h) and delete the kubernetes.io/service-account-token Secret.",
    reference: "https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#legacy-serviceaccount-token-cleaner",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(j) = ctx.obj.token.as_ref().and_then(|t| t.jwt.as_ref()) else {
        return Outcome::NotApplicable;
    };
    Outcome::pass_if(!j.legacy_service_account, || {
        Outcome::fail(
            Severity::High,
            format!(
                "Token for service account {}/{} with no expiry.",
                j.namespace.as_deref().unwrap_or("?"),
                j.service_account.as_deref().unwrap_or("?")
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::facts::token::{JwtClaims, TokenFacts};
    use crate::engine::report::{Object, ObjectKind, Role};
    use crate::engine::rules::testkit::*;

    #[test]
    fn legacy_token_fails() {
        let mut o = Object::new(0, ObjectKind::Token, Role::KubeconfigClient, "t".into(), None);
        o.token = Some(TokenFacts {
            jwt: Some(JwtClaims {
                legacy_service_account: true,
                namespace: Some("ci".into()),
                service_account: Some("deploy".into()),
                ..Default::default()
            }),
            ..Default::default()
        });
        assert!(detail(&run(&RULE, &o)).contains("ci/deploy"));
        o.token.as_mut().unwrap().jwt.as_mut().unwrap().legacy_service_account = false;
        assert_eq!(run(&RULE, &o), Outcome::Pass);
    }
}
