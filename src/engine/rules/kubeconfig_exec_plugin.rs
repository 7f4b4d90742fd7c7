//! Flags `exec` credential plugins and `auth-provider` entries.
//!
//! Why: an exec plugin runs a command on your machine every time kubectl needs a credential:
//! a kubeconfig from someone else can run anything. The in-tree auth providers (gcp, azure)
//! were removed in 1.26.
//! Reference: https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins

use super::{Ctx, Hit, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "kubeconfig-exec-plugin",
    title: "Runs a command to get credentials",
    severity: Severity::Medium,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "An exec entry makes kubectl run that program, with your privileges, whenever it needs a credential. Using a kubeconfig you did not write is running code you did not read.",
    fix: "Check the command and arguments are the tool you expect (aws, gke-gcloud-auth-plugin, kubelogin…), installed from a source you trust. Replace auth-provider entries with the matching exec plugin.",
    reference: "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(k) = ctx.obj.kubeconfig.as_ref() else {
        return Outcome::NotApplicable;
    };
    let mut hits = Vec::new();
    for u in &k.users {
        if let Some(x) = &u.exec {
            hits.push(Hit::new(
                Severity::Medium,
                format!("User {} runs: {} {}", u.name, x.command, x.args.join(" "))
                    .trim_end()
                    .to_string(),
            ));
        }
        if let Some(p) = &u.auth_provider {
            let removed = matches!(p.as_str(), "gcp" | "azure");
            hits.push(Hit {
                severity: if removed { Severity::Medium } else { Severity::Low },
                detail: if removed {
                    format!(
                        "User {} uses auth-provider {p}, removed from kubectl in 1.26: it no longer works.",
                        u.name
                    )
                } else {
                    format!("User {} uses auth-provider {p}.", u.name)
                },
                rejected_by_kubernetes: removed,
            });
        }
    }
    Outcome::from_hits(hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::kubeconfig::{ExecFacts, KubeconfigFacts};
    use crate::engine::rules::testkit::*;

    #[test]
    fn shows_the_command() {
        let mut u = user("eks", &["exec"]);
        u.exec = Some(ExecFacts {
            command: "aws".into(),
            args: vec!["eks".into(), "get-token".into()],
            api_version: None,
        });
        assert_eq!(
            detail(&run(
                &RULE,
                &kubeconfig(KubeconfigFacts {
                    users: vec![u],
                    ..Default::default()
                })
            )),
            "User eks runs: aws eks get-token"
        );
        assert_eq!(run(&RULE, &kubeconfig(KubeconfigFacts::default())), Outcome::Pass);
    }
}
