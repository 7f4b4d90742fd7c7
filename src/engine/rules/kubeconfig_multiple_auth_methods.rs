//! Flags users whose credentials client-go refuses or combines in ways worth knowing.
//!
//! Why: client-go's `validateAuthInfo` counts only `token` and basic auth (username/password) as
//! methods and refuses both together: "more than one authentication method found for X; found
//! [token basicAuth], only one is allowed". It also refuses `auth-provider` together with `exec`.
//! A client certificate is not counted: token + certificate is valid, and both are sent; the API
//! server's x509 authenticator runs before the token authenticators (`union.New` returns the
//! first success), so the certificate decides who the user is while it verifies, and the token
//! takes over silently once the certificate expires or is not trusted.
//! Reference: `staging/src/k8s.io/client-go/tools/clientcmd/validation.go` (validateAuthInfo);
//! `pkg/kubeapiserver/authenticator/config.go`.

use super::{Ctx, Hit, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "kubeconfig-multiple-auth-methods",
    title: "More than one authentication method for a user",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "kubectl refuses a user with both a token and a username/password, and one with both an auth-provider and an exec plugin. A token next to a client certificate is accepted, but the two identities are mixed: the certificate wins while it verifies, then the token takes over without a word.",
    fix: "Keep one credential per user entry; split them into separate users and contexts if both are needed.",
    reference: "kubernetes/kubernetes staging/src/k8s.io/client-go/tools/clientcmd/validation.go",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(k) = ctx.obj.kubeconfig.as_ref() else {
        return Outcome::NotApplicable;
    };
    let mut hits = Vec::new();
    for u in &k.users {
        let has = |m: &str| u.auth_methods.iter().any(|x| x == m);
        // validateAuthInfo counts `token`, not `tokenFile`.
        let token_string = has("token") && !(u.token_file.is_some() && u.token.is_none());
        if token_string && has("basic-auth") {
            hits.push(Hit::rejected(
                Severity::High,
                format!(
                    "more than one authentication method found for {}; found [token basicAuth], only one is allowed",
                    u.name
                ),
            ));
        }
        if has("auth-provider") && has("exec") {
            hits.push(Hit::rejected(
                Severity::High,
                format!("authProvider cannot be provided in combination with an exec plugin for {}", u.name),
            ));
        }
        if has("client-certificate") && (has("token") || has("basic-auth")) {
            hits.push(Hit::new(
                Severity::Low,
                format!(
                    "User {} has a client certificate and a {}: kubectl accepts it and sends both; the API server authenticates the certificate first, and falls back to the {} only when the certificate fails (expired, or not from its CA), so who you are can change silently.",
                    u.name,
                    if has("token") { "token" } else { "username/password" },
                    if has("token") { "token" } else { "password" },
                ),
            ));
        }
    }
    Outcome::from_hits(hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::kubeconfig::KubeconfigFacts;
    use crate::engine::rules::testkit::*;

    #[test]
    fn token_plus_basic_auth_is_refused_token_plus_certificate_is_not() {
        let k = kubeconfig(KubeconfigFacts {
            users: vec![user("a", &["token", "basic-auth"])],
            ..Default::default()
        });
        assert!(detail(&run(&RULE, &k)).contains("found [token basicAuth], only one is allowed"));
        let both = kubeconfig(KubeconfigFacts {
            users: vec![user("a", &["client-certificate", "token"])],
            ..Default::default()
        });
        let o = run(&RULE, &both);
        assert_eq!(severity(&o), Some(Severity::Low));
        assert!(!detail(&o).contains("only one is allowed"));
        assert!(matches!(&o, Outcome::Fail(h) if !h[0].rejected_by_kubernetes));
        let ok = kubeconfig(KubeconfigFacts {
            users: vec![user("a", &["client-certificate", "exec"])],
            ..Default::default()
        });
        assert_eq!(run(&RULE, &ok), Outcome::Pass);
    }
}
