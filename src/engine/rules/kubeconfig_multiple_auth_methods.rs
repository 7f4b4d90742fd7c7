//! Flags users with more than one of token, basic auth and client certificate.
//!
//! Why: client-go's validation refuses it: "more than one authentication method found for X;
//! found [...], only one is allowed".
//! Reference: `staging/src/k8s.io/client-go/tools/clientcmd/validation.go`.

use super::{Ctx, Hit, Outcome, Rule};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "kubeconfig-multiple-auth-methods",
    title: "More than one authentication method for a user",
    severity: Severity::High,
    why: "kubectl accepts only one of token, username/password and client certificate per user; with more it refuses to run.",
    fix: "Keep one credential per user entry; split them into separate users and contexts if both are needed.",
    reference: "kubernetes/kubernetes staging/src/k8s.io/client-go/tools/clientcmd/validation.go",
    check,
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(k) = ctx.obj.kubeconfig.as_ref() else {
        return Outcome::NotApplicable;
    };
    let hits: Vec<Hit> = k
        .users
        .iter()
        .filter_map(|u| {
            let found: Vec<&str> = u
                .auth_methods
                .iter()
                .map(String::as_str)
                .filter(|m| matches!(*m, "token" | "basic-auth" | "client-certificate"))
                .collect();
            (found.len() > 1).then(|| {
                Hit::rejected(
                    Severity::High,
                    format!(
                        "more than one authentication method found for {}; found {found:?}, only one is allowed",
                        u.name
                    ),
                )
            })
        })
        .collect();
    Outcome::from_hits(hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::kubeconfig::KubeconfigFacts;
    use crate::engine::rules::testkit::*;

    #[test]
    fn token_plus_certificate_is_refused() {
        let k = kubeconfig(KubeconfigFacts {
            users: vec![user("a", &["client-certificate", "token"])],
            ..Default::default()
        });
        assert!(detail(&run(&RULE, &k)).contains("only one is allowed"));
        let ok = kubeconfig(KubeconfigFacts {
            users: vec![user("a", &["client-certificate", "exec"])],
            ..Default::default()
        });
        assert_eq!(run(&RULE, &ok), Outcome::Pass);
    }
}
