//! Notes a kubeconfig printed by `kubectl config view` without `--raw`: embedded certificates,
//! keys and tokens were replaced by `DATA+OMITTED` / `REDACTED`, so the identity cannot be read.
//!
//! Why: the report would otherwise look complete while it analysed nothing; the reader needs to
//! know what was hidden and how to get it.
//! Reference: `kubectl config view --help` (`--raw`: display raw byte data and sensitive data).

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "kubeconfig-data-omitted",
    title: "Certificates and tokens were hidden by kubectl config view",
    severity: Severity::Info,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "kubectl config view replaces embedded certificates, keys and tokens with DATA+OMITTED or REDACTED unless --raw is given. What was hidden cannot be analysed, so identities and expiry dates are unknown.",
    fix: "To analyse the client certificate, paste the output of kubectl config view --raw --minify (it contains secrets; this page keeps them in the browser), or only the certificate: kubectl config view --raw --minify -o jsonpath='{.users[0].user.client-certificate-data}' | base64 -d.",
    reference: "kubectl config view --help (--raw); https://kubernetes.io/docs/reference/kubectl/generated/kubectl_config/kubectl_config_view/",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(k) = ctx.obj.kubeconfig.as_ref() else {
        return Outcome::NotApplicable;
    };
    Outcome::pass_if(k.omitted.is_empty(), || {
        Outcome::fail(Severity::Info, format!("Hidden: {}.", k.omitted.join("; ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::kubeconfig::KubeconfigFacts;
    use crate::engine::rules::testkit::*;

    #[test]
    fn lists_what_was_hidden() {
        let k = kubeconfig(KubeconfigFacts {
            omitted: vec!["user a: client-certificate-data".into()],
            ..Default::default()
        });
        assert_eq!(detail(&run(&RULE, &k)), "Hidden: user a: client-certificate-data.");
        assert_eq!(run(&RULE, &kubeconfig(KubeconfigFacts::default())), Outcome::Pass);
    }
}
