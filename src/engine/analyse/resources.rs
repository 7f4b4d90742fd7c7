//! Built-in Kubernetes resources, known without a cluster: their API group and whether they are
//! namespaced. `kubectl auth can-i` learns this by discovery; offline we use the built-in types
//! of Kubernetes 1.30 (`kubectl api-resources` on a kubeadm cluster).

/// (plural, short names, API group, namespaced)
const RESOURCES: &[(&str, &[&str], &str, bool)] = &[
    ("bindings", &[], "", true),
    ("componentstatuses", &["cs"], "", false),
    ("configmaps", &["cm"], "", true),
    ("endpoints", &["ep"], "", true),
    ("events", &["ev"], "", true),
    ("limitranges", &["limits"], "", true),
    ("namespaces", &["ns"], "", false),
    ("nodes", &["no"], "", false),
    ("persistentvolumeclaims", &["pvc"], "", true),
    ("persistentvolumes", &["pv"], "", false),
    ("pods", &["po"], "", true),
    ("podtemplates", &[], "", true),
    ("replicationcontrollers", &["rc"], "", true),
    ("resourcequotas", &["quota"], "", true),
    ("secrets", &[], "", true),
    ("serviceaccounts", &["sa"], "", true),
    ("services", &["svc"], "", true),
    ("mutatingwebhookconfigurations", &[], "admissionregistration.k8s.io", false),
    ("validatingwebhookconfigurations", &[], "admissionregistration.k8s.io", false),
    ("validatingadmissionpolicies", &[], "admissionregistration.k8s.io", false),
    ("validatingadmissionpolicybindings", &[], "admissionregistration.k8s.io", false),
    ("customresourcedefinitions", &["crd", "crds"], "apiextensions.k8s.io", false),
    ("apiservices", &[], "apiregistration.k8s.io", false),
    ("controllerrevisions", &[], "apps", true),
    ("daemonsets", &["ds"], "apps", true),
    ("deployments", &["deploy"], "apps", true),
    ("replicasets", &["rs"], "apps", true),
    ("statefulsets", &["sts"], "apps", true),
    ("selfsubjectreviews", &[], "authentication.k8s.io", false),
    ("tokenreviews", &[], "authentication.k8s.io", false),
    ("localsubjectaccessreviews", &[], "authorization.k8s.io", true),
    ("selfsubjectaccessreviews", &[], "authorization.k8s.io", false),
    ("selfsubjectrulesreviews", &[], "authorization.k8s.io", false),
    ("subjectaccessreviews", &[], "authorization.k8s.io", false),
    ("horizontalpodautoscalers", &["hpa"], "autoscaling", true),
    ("cronjobs", &["cj"], "batch", true),
    ("jobs", &[], "batch", true),
    ("certificatesigningrequests", &["csr"], "certificates.k8s.io", false),
    ("leases", &[], "coordination.k8s.io", true),
    ("endpointslices", &[], "discovery.k8s.io", true),
    ("flowschemas", &[], "flowcontrol.apiserver.k8s.io", false),
    ("prioritylevelconfigurations", &[], "flowcontrol.apiserver.k8s.io", false),
    ("ingressclasses", &[], "networking.k8s.io", false),
    ("ingresses", &["ing"], "networking.k8s.io", true),
    ("networkpolicies", &["netpol"], "networking.k8s.io", true),
    ("runtimeclasses", &[], "node.k8s.io", false),
    ("poddisruptionbudgets", &["pdb"], "policy", true),
    ("clusterrolebindings", &[], "rbac.authorization.k8s.io", false),
    ("clusterroles", &[], "rbac.authorization.k8s.io", false),
    ("rolebindings", &[], "rbac.authorization.k8s.io", true),
    ("roles", &[], "rbac.authorization.k8s.io", true),
    ("priorityclasses", &["pc"], "scheduling.k8s.io", false),
    ("csidrivers", &[], "storage.k8s.io", false),
    ("csinodes", &[], "storage.k8s.io", false),
    ("csistoragecapacities", &[], "storage.k8s.io", true),
    ("storageclasses", &["sc"], "storage.k8s.io", false),
    ("volumeattachments", &[], "storage.k8s.io", false),
    // Not served as resources, but RBAC rules name them (CSR approval, impersonation).
    ("signers", &[], "certificates.k8s.io", false),
    ("users", &[], "", false),
    ("groups", &[], "", false),
    ("userextras", &[], "authentication.k8s.io", false),
    ("uids", &[], "authentication.k8s.io", false),
];

/// A resource as resolved: plural name, API group, namespaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Known {
    pub resource: &'static str,
    pub group: &'static str,
    pub namespaced: bool,
}

/// Resolves `pods`, `pod`, `po`, `Pod`, `deployments.apps`, `deploy` … to a built-in resource.
/// With a group given (`TYPE.GROUP`), only a resource of that group matches.
pub fn lookup(name: &str, group: Option<&str>) -> Option<Known> {
    let n = name.to_ascii_lowercase();
    RESOURCES
        .iter()
        .filter(|(_, _, g, _)| group.is_none_or(|want| want == *g))
        .find(|(plural, short, _, _)| {
            *plural == n
                || short.contains(&n.as_str())
                || plural.strip_suffix('s') == Some(&n)
                || plural.strip_suffix("es") == Some(&n)
                || plural.strip_suffix("ies").is_some_and(|stem| format!("{stem}y") == n)
        })
        .map(|(plural, _, g, namespaced)| Known {
            resource: plural,
            group: g,
            namespaced: *namespaced,
        })
}

/// Whether a resource (in a group) is cluster-scoped, when known.
pub fn is_cluster_scoped(resource: &str, group: &str) -> bool {
    lookup(resource, Some(group)).is_some_and(|k| !k.namespaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_kubectl() {
        assert_eq!(lookup("pods", None).unwrap().group, "");
        assert_eq!(lookup("po", None).unwrap().resource, "pods");
        assert_eq!(lookup("Pod", None).unwrap().resource, "pods");
        assert_eq!(lookup("deployments", None).unwrap().group, "apps");
        assert_eq!(lookup("deploy", None).unwrap().group, "apps");
        assert_eq!(lookup("networkpolicy", None).unwrap().resource, "networkpolicies");
        assert_eq!(lookup("ingresses", None).unwrap().group, "networking.k8s.io");
        assert_eq!(lookup("csr", None).unwrap().resource, "certificatesigningrequests");
        assert!(lookup("deployments", Some("")).is_none());
        assert!(lookup("widgets", None).is_none());
        assert!(is_cluster_scoped("nodes", ""));
        assert!(!is_cluster_scoped("pods", ""));
        assert!(!is_cluster_scoped("widgets", "example.com"));
    }
}
