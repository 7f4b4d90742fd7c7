//! Flags clusters with `insecure-skip-tls-verify: true`.
//!
//! Why: kubectl then accepts any server certificate, so anyone on the network path can pose as
//! the API server and collect the credentials kubectl sends (tokens, passwords) or feed it
//! false data. kubectl refuses the combination with a CA file/data outright.
//! Reference: `staging/src/k8s.io/client-go/tools/clientcmd/api/v1/types.go`; `clientcmd/validation.go`.

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "kubeconfig-insecure-skip-tls-verify",
    title: "TLS verification of the API server is switched off",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "With insecure-skip-tls-verify, kubectl talks to whatever answers at the server address without checking its certificate. Anyone able to intercept the connection can impersonate the cluster and capture bearer tokens or passwords sent to it.",
    fix: "Remove insecure-skip-tls-verify and set certificate-authority-data to the cluster's CA (kubectl config set-cluster NAME --certificate-authority=ca.crt --embed-certs).",
    reference: "kubernetes/kubernetes staging/src/k8s.io/client-go/tools/clientcmd/api/v1/types.go; staging/src/k8s.io/client-go/tools/clientcmd/validation.go",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(k) = ctx.obj.kubeconfig.as_ref() else {
        return Outcome::NotApplicable;
    };
    let hits: Vec<super::Hit> = k
        .clusters
        .iter()
        .filter(|c| c.insecure_skip_tls_verify)
        .map(|c| {
            let with_ca = !c.ca_objects.is_empty() || c.ca_path.is_some();
            super::Hit {
                severity: Severity::High,
                detail: if with_ca {
                    format!("Cluster {} skips TLS verification and also sets a CA: kubectl refuses this (\"specifying a root certificates file with the insecure flag is not allowed\").", c.name)
                } else {
                    format!("Cluster {} ({}) skips TLS verification.", c.name, c.server.as_deref().unwrap_or("no server"))
                },
                rejected_by_kubernetes: with_ca,
            }
        })
        .collect();
    Outcome::from_hits(hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::kubeconfig::KubeconfigFacts;
    use crate::engine::rules::testkit::*;

    #[test]
    fn insecure_cluster_fails() {
        let mut c = cluster("prod", "https://10.0.0.1:6443");
        let ok = kubeconfig(KubeconfigFacts {
            clusters: vec![c.clone()],
            ..Default::default()
        });
        assert_eq!(run(&RULE, &ok), Outcome::Pass);
        c.insecure_skip_tls_verify = true;
        let bad = kubeconfig(KubeconfigFacts {
            clusters: vec![c],
            ..Default::default()
        });
        assert!(detail(&run(&RULE, &bad)).contains("prod"));
    }
}
