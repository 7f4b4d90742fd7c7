//! Notes paths a kubeconfig refers to (`certificate-authority`, `client-certificate`,
//! `client-key`, `tokenFile`): a browser page cannot read them.
//!
//! Why: the report is incomplete for those credentials; say so rather than stay silent.
//! Relative paths resolve against the kubeconfig file's own directory.
//! Reference: organize-cluster-access-kubeconfig.md ("File references").

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "kubeconfig-file-reference",
    title: "Refers to files this page cannot read",
    severity: Severity::Info,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "The kubeconfig names files on its owner's disk instead of embedding their contents. This page only sees what you paste, so those certificates and keys are not analysed.",
    fix: "To inspect them, paste the files themselves, or embed them: kubectl config view --flatten --minify.",
    reference: "https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/#file-references",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(k) = ctx.obj.kubeconfig.as_ref() else {
        return Outcome::NotApplicable;
    };
    Outcome::pass_if(k.file_references.is_empty(), || {
        Outcome::fail(Severity::Info, format!("Not read: {}.", k.file_references.join("; ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::kubeconfig::KubeconfigFacts;
    use crate::engine::rules::testkit::*;

    #[test]
    fn lists_paths() {
        let k = kubeconfig(KubeconfigFacts {
            file_references: vec!["user a: client-key /home/a/.kube/a.key".into()],
            ..Default::default()
        });
        assert!(detail(&run(&RULE, &k)).contains("/home/a/.kube/a.key"));
        assert_eq!(run(&RULE, &kubeconfig(KubeconfigFacts::default())), Outcome::Pass);
    }
}
