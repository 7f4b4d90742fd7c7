//! Flags a kubeconfig client certificate that was not issued by the CA the same context trusts
//! for its cluster.
//!
//! Why: in most clusters (kubeadm included) one CA both signs the API server's certificate and
//! is the `--client-ca-file`, so a client certificate from another CA is refused with 401.
//! Some clusters use separate CAs, so this is a warning, not a verdict.
//! Reference: kubeadm implementation-details.md (controller-manager signs with ca.crt/ca.key);
//! `pkg/kubeapiserver/authenticator/config.go` (--client-ca-file).

use super::{Ctx, Hit, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "kubeconfig-client-cert-not-from-cluster-ca",
    title: "Client certificate not issued by the cluster's CA",
    severity: Severity::Medium,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "The API server accepts a client certificate only if it chains to its --client-ca-file. In kubeadm clusters that is the same CA as certificate-authority-data, so a certificate signed by another CA will get 401 Unauthorized (unless this cluster deliberately uses a separate client CA).",
    fix: "Use a certificate issued through the cluster's CSR API (kubectl certificate approve) or by the cluster CA, or check which CA the API server's --client-ca-file holds.",
    reference: "https://kubernetes.io/docs/reference/setup-tools/kubeadm/implementation-details/; https://kubernetes.io/docs/reference/access-authn-authz/authentication/#x509-client-certificates",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(k) = ctx.obj.kubeconfig.as_ref() else {
        return Outcome::NotApplicable;
    };
    let mut hits = Vec::new();
    let mut checked = false;
    for c in &k.contexts {
        let (Some(cl), Some(u)) = (
            k.clusters.iter().find(|x| x.name == c.cluster),
            k.users.iter().find(|x| x.name == c.user),
        ) else {
            continue;
        };
        let Some(cert_id) = u.client_certificate else { continue };
        if cl.ca_objects.is_empty() {
            continue;
        }
        checked = true;
        // By key: with several files, the issuer found may be another file's copy of the same CA.
        let key = |i: usize| ctx.all.get(i).and_then(|o| o.certificate_key_id());
        let issuer = ctx.all.get(cert_id).and_then(|o| o.issued_by);
        if !issuer.is_some_and(|i| cl.ca_objects.contains(&i) || cl.ca_objects.iter().any(|c| key(*c).is_some() && key(*c) == key(i))) {
            hits.push(Hit::new(
                Severity::Medium,
                format!(
                    "Context {}: user {}'s certificate does not verify against cluster {}'s CA data.",
                    c.name, u.name, cl.name
                ),
            ));
        }
    }
    if !hits.is_empty() {
        Outcome::Fail(hits)
    } else if checked {
        Outcome::Pass
    } else {
        Outcome::NotApplicable
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::kubeconfig::{ContextFacts, KubeconfigFacts};
    use crate::engine::rules::testkit::*;

    fn setup(issuer: Option<usize>) -> Vec<crate::engine::report::Object> {
        let mut cl = cluster("c", "https://x");
        cl.ca_objects = vec![1];
        let mut u = user("u", &["client-certificate"]);
        u.client_certificate = Some(2);
        let ctxf = ContextFacts {
            name: "ctx".into(),
            cluster: "c".into(),
            user: "u".into(),
            ..Default::default()
        };
        let k = kubeconfig(KubeconfigFacts {
            clusters: vec![cl],
            users: vec![u],
            contexts: vec![ctxf],
            ..Default::default()
        });
        let mut ca = cert(&[("CN", "ca")], 100);
        ca.id = 1;
        let mut client = cert(&[("CN", "a")], 10);
        client.id = 2;
        client.issued_by = issuer;
        vec![k, ca, client]
    }

    #[test]
    fn issuer_must_be_the_cluster_ca() {
        assert_eq!(run_all(&RULE, &setup(Some(1)), 0), Outcome::Pass);
        assert!(detail(&run_all(&RULE, &setup(None), 0)).contains("does not verify"));
    }
}
