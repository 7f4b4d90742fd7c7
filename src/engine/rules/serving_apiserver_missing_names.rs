//! Flags an API server serving certificate missing the standard in-cluster names.
//!
//! Why: pods reach the API server as `kubernetes`, `kubernetes.default`,
//! `kubernetes.default.svc` and `kubernetes.default.svc.<cluster domain>` (and the first IP of
//! the service CIDR); kubeadm puts all of them in `apiserver.crt`. A missing name means TLS
//! verification fails for clients using it.
//! Reference: `cmd/kubeadm/app/phases/certs/certlist.go` (apiserver SANs).

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "serving-apiserver-missing-names",
    title: "API server certificate lacks in-cluster names",
    severity: Severity::Medium,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Workloads inside the cluster reach the API server through the kubernetes Service, under the names kubernetes, kubernetes.default, kubernetes.default.svc and kubernetes.default.svc.<cluster domain>. If the serving certificate does not list one of them, clients using that name fail TLS verification.",
    fix: "Re-issue the serving certificate with every in-cluster name (kubeadm does this; add extra names with apiServer.certSANs and run kubeadm init phase certs apiserver).",
    reference: "kubernetes/kubernetes cmd/kubeadm/app/phases/certs/certlist.go; https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-certs/",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(c) = ctx.cert() else { return Outcome::NotApplicable };
    let dns = &c.extensions.sans.dns;
    // kubeadm's serving certificate has CN kube-apiserver and server auth only (so no username).
    let is_apiserver = ctx.obj.username.as_deref() == Some("kube-apiserver")
        || ctx.values("CN").last() == Some(&"kube-apiserver")
        || ctx.pki_file().is_some_and(|f| f.name == "apiserver")
        || dns.iter().any(|d| d.starts_with("kubernetes.default"));
    if !is_apiserver || c.extensions.is_ca() {
        return Outcome::NotApplicable;
    }
    let mut missing: Vec<String> = ["kubernetes", "kubernetes.default", "kubernetes.default.svc"]
        .iter()
        .filter(|n| !dns.iter().any(|d| d == *n))
        .map(|s| s.to_string())
        .collect();
    if !dns.iter().any(|d| d.starts_with("kubernetes.default.svc.")) {
        missing.push("kubernetes.default.svc.<cluster domain>".into());
    }
    Outcome::pass_if(missing.is_empty(), || {
        Outcome::fail(Severity::Medium, format!("Missing DNS names: {}.", missing.join(", ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn kubeadm_names_pass() {
        let mut c = cert(&[("CN", "kube-apiserver")], 365);
        assert!(detail(&run(&RULE, &c)).contains("kubernetes.default.svc.<cluster domain>"));
        c.certificate.as_mut().unwrap().extensions.sans.dns = [
            "kubernetes",
            "kubernetes.default",
            "kubernetes.default.svc",
            "kubernetes.default.svc.cluster.local",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(run(&RULE, &c), Outcome::Pass);
        assert_eq!(run(&RULE, &cert(&[("CN", "alice")], 1)), Outcome::NotApplicable);
    }
}
