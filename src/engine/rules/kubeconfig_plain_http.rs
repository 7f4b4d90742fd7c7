//! Flags a cluster `server` that uses plain `http://`.
//!
//! Why: no TLS at all: credentials and every response travel in clear text, and the server is
//! not authenticated. The secure port of kube-apiserver serves only HTTPS; the insecure port
//! was removed in 1.20.
//! Reference: https://kubernetes.io/docs/concepts/security/controlling-access/#transport-security

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "kubeconfig-plain-http",
    title: "Server address uses plain HTTP",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "An http:// server address means no TLS: tokens and passwords are sent in clear text and nothing proves you are talking to your cluster. The API server's insecure port was removed in Kubernetes 1.20, so this is either a proxy or a mistake.",
    fix: "Use the https:// address of the API server (usually port 6443) with its CA in certificate-authority-data.",
    reference: "https://kubernetes.io/docs/concepts/security/controlling-access/#transport-security",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(k) = ctx.obj.kubeconfig.as_ref() else {
        return Outcome::NotApplicable;
    };
    let bad: Vec<String> = k
        .clusters
        .iter()
        .filter(|c| c.server.as_deref().is_some_and(|s| s.to_ascii_lowercase().starts_with("http://")))
        .map(|c| format!("{} ({})", c.name, c.server.as_deref().unwrap_or("")))
        .collect();
    Outcome::pass_if(bad.is_empty(), || {
        Outcome::fail(Severity::High, format!("Plain HTTP server for cluster {}.", bad.join(", ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::kubeconfig::KubeconfigFacts;
    use crate::engine::rules::testkit::*;

    #[test]
    fn http_fails_https_passes() {
        assert!(fails(run(
            &RULE,
            &kubeconfig(KubeconfigFacts {
                clusters: vec![cluster("a", "http://x:8080")],
                ..Default::default()
            })
        )));
        assert_eq!(
            run(
                &RULE,
                &kubeconfig(KubeconfigFacts {
                    clusters: vec![cluster("a", "https://x:6443")],
                    ..Default::default()
                })
            ),
            Outcome::Pass
        );
    }
}
