//! Flags contexts that name a missing user or cluster, and a current-context that names a
//! missing context.
//!
//! Why: kubectl fails when it resolves such a context ("context was not found", "cluster has
//! no server defined" and similar), usually because files were merged by hand.
//! Reference: `staging/src/k8s.io/client-go/tools/clientcmd/validation.go`; organize-cluster-access-kubeconfig.md.

use super::{Ctx, Hit, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "kubeconfig-dangling-reference",
    title: "Context points at something that is not there",
    severity: Severity::Medium,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "A context is just a pair of names (cluster, user). If either name is missing from the file, or current-context names a context that does not exist, kubectl fails when it uses it.",
    fix: "Fix the names (kubectl config get-contexts, kubectl config set-context NAME --cluster=C --user=U) or merge the missing entries in.",
    reference: "kubernetes/kubernetes staging/src/k8s.io/client-go/tools/clientcmd/validation.go; https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(k) = ctx.obj.kubeconfig.as_ref() else {
        return Outcome::NotApplicable;
    };
    let mut hits = Vec::new();
    let mut medium = |d: String| hits.push(Hit::rejected(Severity::Medium, d));
    for c in &k.contexts {
        if !c.cluster_found {
            medium(format!(
                "Context {} names cluster \"{}\", which is not in the file.",
                c.name, c.cluster
            ));
        }
        if !c.user_found && !c.user.is_empty() {
            medium(format!("Context {} names user \"{}\", which is not in the file.", c.name, c.user));
        }
    }
    if let Some(cc) = &k.current_context {
        if !k.contexts.iter().any(|c| &c.name == cc) {
            medium(format!("current-context \"{cc}\" is not one of the contexts."));
        }
    }
    Outcome::from_hits(hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::kubeconfig::{ContextFacts, KubeconfigFacts};
    use crate::engine::rules::testkit::*;

    #[test]
    fn missing_user_and_current_context() {
        let ctxf = ContextFacts {
            name: "dev".into(),
            cluster: "c".into(),
            user: "ghost".into(),
            cluster_found: true,
            ..Default::default()
        };
        let k = kubeconfig(KubeconfigFacts {
            contexts: vec![ctxf],
            current_context: Some("prod".into()),
            ..Default::default()
        });
        let d = detail(&run(&RULE, &k));
        assert!(d.contains("user \"ghost\"") && d.contains("current-context \"prod\""), "{d}");
    }
}
