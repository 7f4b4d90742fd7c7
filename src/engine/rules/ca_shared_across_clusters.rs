//! Flags a cluster CA (a kubeconfig's `certificate-authority-data`) whose key is also the CA key
//! of another cluster in the input: another cluster name at another server, in the same
//! kubeconfig or another one given with it (issue #26, "minimise trust").
//!
//! Why: an API server accepts every client certificate its `--client-ca-file` verifies, so a
//! certificate signed by this key for one cluster — a developer's, a node's, an admin's — is a
//! valid login, with the same username and groups, in every cluster that trusts the key; and
//! Kubernetes cannot revoke a certificate. One stolen key signs for all of them. The PKI
//! guide's model is one root CA per cluster (kubeadm init makes a new one for each).
//! Two entries with the same cluster name are taken as one cluster even at different servers:
//! kubeadm's own kubeconfigs name the control-plane endpoint in admin.conf and the local API
//! endpoint in controller-manager.conf and scheduler.conf. Two names at two servers may still be
//! two addresses of one cluster; the detail says so.
//! Instead: give each cluster its own CA; moving a cluster off a shared CA is a CA rotation.
//! Reference: kubernetes.io/docs/setup/best-practices/certificates/ ("single root CA");
//! kubernetes.io/docs/tasks/tls/manual-rotation-of-ca-certificates/; k8s-rules.md §10.

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::kubeconfig::ClusterFacts;
use crate::engine::report::{Object, Role, Severity};

pub static RULE: Rule = Rule {
    id: "ca-shared-across-clusters",
    title: "One CA key trusted by two clusters",
    severity: Severity::Medium,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "An API server accepts every client certificate its CA verifies. With one CA key behind two clusters, a certificate issued in one (a developer's, a node's, an admin's) logs in to the other with the same username and groups, and Kubernetes cannot revoke it; one stolen key signs for both.",
    fix: "Give each cluster its own CA (kubeadm init makes a new one; never copy pki/ca.key between clusters). Moving a cluster off the shared CA is a CA rotation (Kubernetes docs: Manual rotation of CA certificates); until then, treat a credential of either cluster as valid in both.",
    reference: "kubernetes.io/docs/setup/best-practices/certificates/; kubernetes.io/docs/tasks/tls/manual-rotation-of-ca-certificates/",
};

/// The kubeconfig cluster entry a CA certificate object came from, and that kubeconfig.
fn cluster_of<'a>(all: &'a [Object], o: &Object) -> Option<(&'a ClusterFacts, &'a Object)> {
    let parent = all.get(o.parent?)?;
    let c = parent.kubeconfig.as_ref()?.clusters.iter().find(|c| c.ca_objects.contains(&o.id))?;
    Some((c, parent))
}

fn server(c: &ClusterFacts) -> String {
    c.server.as_deref().unwrap_or("").trim().trim_end_matches('/').to_ascii_lowercase()
}

fn check(ctx: &Ctx) -> Outcome {
    if ctx.obj.role != Role::KubeconfigCa {
        return Outcome::NotApplicable;
    }
    let (Some(key), Some((mine, _))) = (ctx.obj.certificate_key_id().filter(|k| !k.is_empty()), cluster_of(ctx.all, ctx.obj)) else {
        return Outcome::NotApplicable;
    };
    let mut others: Vec<String> = Vec::new();
    for o in ctx.all.iter().filter(|o| o.id != ctx.obj.id && o.role == Role::KubeconfigCa) {
        if o.certificate_key_id() != Some(key) {
            continue;
        }
        let Some((c, kubeconfig)) = cluster_of(ctx.all, o) else { continue };
        if c.name == mine.name || server(c) == server(mine) {
            continue;
        }
        // "dev.conf: kubeconfig" for a file given with others, "kubeconfig" for a paste.
        let file = kubeconfig.source.trim_end_matches("kubeconfig").trim_end_matches(": ");
        let said = format!(
            "cluster {} ({}) in {}",
            c.name,
            c.server.as_deref().unwrap_or("no server"),
            if file.is_empty() { "the same input" } else { file }
        );
        if !others.contains(&said) {
            others.push(said);
        }
    }
    if others.is_empty() {
        return Outcome::Pass;
    }
    Outcome::fail(
        Severity::Medium,
        format!(
            "The CA of cluster {} ({}) has the same key as the CA of {}: a client certificate issued in one is accepted by the other's API server (unless these are two addresses of one cluster).",
            mine.name,
            mine.server.as_deref().unwrap_or("no server"),
            others.join("; ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    /// Kubeconfigs (one object each) with their clusters' CA certificates as children: each
    /// entry is (cluster name, server, the CA's key id).
    fn input(kubeconfigs: &[&[(&str, &str, &str)]]) -> Vec<Object> {
        let mut all: Vec<Object> = Vec::new();
        for clusters in kubeconfigs {
            let k = all.len();
            let mut facts = crate::engine::report::kubeconfig::KubeconfigFacts::default();
            all.push(kubeconfig(Default::default()));
            all[k].id = k;
            all[k].source = format!("kubeconfig-{k}.yaml: kubeconfig");
            for (name, srv, key) in clusters.iter() {
                let mut ca = cert(&[("CN", "kubernetes")], 3650);
                make_ca(&mut ca);
                ca.id = all.len();
                ca.parent = Some(k);
                ca.role = Role::KubeconfigCa;
                if let Some(c) = ca.certificate.as_mut() {
                    c.public_key.key_id = key.to_string();
                }
                let mut c = cluster(name, srv);
                c.ca_objects = vec![ca.id];
                facts.clusters.push(c);
                all.push(ca);
            }
            all[k].kubeconfig = Some(facts);
        }
        all
    }

    #[test]
    fn two_clusters_on_one_ca_key_are_flagged_on_both_sides() {
        let all = input(&[
            &[("dev", "https://dev.example.com:6443", "k1")],
            &[("prod", "https://prod.example.com:6443", "k1")],
        ]);
        let dev = run_all(&RULE, &all, 1);
        assert_eq!(severity(&dev), Some(Severity::Medium));
        let d = detail(&dev);
        assert!(d.contains("The CA of cluster dev (https://dev.example.com:6443)"), "{d}");
        assert!(
            d.contains("cluster prod (https://prod.example.com:6443) in kubeconfig-2.yaml"),
            "{d}"
        );
        assert!(detail(&run_all(&RULE, &all, 3)).contains("cluster dev (https://dev.example.com:6443)"));
        // Not on the kubeconfig itself.
        assert!(matches!(run_all(&RULE, &all, 0), Outcome::NotApplicable));
    }

    #[test]
    fn one_kubeconfig_with_two_clusters_on_one_key_is_flagged() {
        let all = input(&[&[("dev", "https://10.0.0.1:6443", "k1"), ("prod", "https://10.0.1.1:6443", "k1")]]);
        assert!(fails(run_all(&RULE, &all, 1)));
    }

    #[test]
    fn one_cluster_under_two_addresses_or_two_ca_keys_pass() {
        // kubeadm: admin.conf at the endpoint, controller-manager.conf at the local API endpoint.
        let kubeadm = input(&[
            &[("kubernetes", "https://cp.example.com:6443", "k1")],
            &[("kubernetes", "https://192.168.1.10:6443", "k1")],
        ]);
        assert!(matches!(run_all(&RULE, &kubeadm, 1), Outcome::Pass));
        // Two names for one server (a renamed context), and a trailing slash.
        let renamed = input(&[
            &[("prod", "https://prod:6443/", "k1")],
            &[("prod-admin", "https://PROD:6443", "k1")],
        ]);
        assert!(matches!(run_all(&RULE, &renamed, 1), Outcome::Pass));
        let separate = input(&[&[("dev", "https://dev:6443", "k1")], &[("prod", "https://prod:6443", "k2")]]);
        assert!(matches!(run_all(&RULE, &separate, 1), Outcome::Pass));
    }
}
