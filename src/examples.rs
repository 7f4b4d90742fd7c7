//! The example menu: real files from `tests/fixtures` (made by openssl and kubectl, see
//! `make-fixtures.sh`), compiled in so the page needs no extra requests.

pub struct Example {
    /// Stable name, also accepted as `#example=<id>` in the page URL.
    pub id: &'static str,
    pub title: &'static str,
    pub text: &'static str,
}

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "csr-system-masters",
        title: "CSR asking for system:masters (kubectl get csr -o yaml)",
        text: include_str!("../tests/fixtures/csr-object-system-masters.yaml"),
    },
    Example {
        id: "csr-developer",
        title: "Routine developer CSR with a one-day expirationSeconds",
        text: include_str!("../tests/fixtures/csr-object-developer.yaml"),
    },
    Example {
        id: "csr-kubelet-client",
        title: "Kubelet client CSR, auto-approved and issued",
        text: include_str!("../tests/fixtures/csr-object-kubelet-client.yaml"),
    },
    Example {
        id: "csr-kubelet-serving-no-sans",
        title: "Kubelet serving CSR missing its SANs",
        text: include_str!("../tests/fixtures/csr-object-kubelet-serving-no-sans.yaml"),
    },
    Example {
        id: "csr-node-by-alice",
        title: "Node identity requested by someone else",
        text: include_str!("../tests/fixtures/csr-object-node-by-alice.yaml"),
    },
    Example {
        id: "csr-list",
        title: "kubectl get csr -o yaml listing several requests",
        text: include_str!("../tests/fixtures/csr-list.yaml"),
    },
    Example {
        id: "csr-lookalike",
        title: "PEM CSR with a Cyrillic look-alike of system:masters",
        text: include_str!("../tests/fixtures/csr-lookalike-cyrillic.pem"),
    },
    Example {
        id: "admin-conf",
        title: "kubeadm admin.conf (kubeconfig)",
        text: include_str!("../tests/fixtures/admin.conf"),
    },
    Example {
        id: "kubeconfig-risky",
        title: "Risky kubeconfig (insecure TLS, static tokens, exec)",
        text: include_str!("../tests/fixtures/kubeconfig-risky.yaml"),
    },
    Example {
        id: "expired-controller-manager",
        title: "Expired control-plane certificate",
        text: include_str!("../tests/fixtures/cert-expired-controller-manager.pem"),
    },
    Example {
        id: "rbac-amy",
        title: "A certificate with the cluster's RBAC objects: what can amy do?",
        text: include_str!("../tests/fixtures/rbac/paste-amy-and-cluster-additions.txt"),
    },
    Example {
        id: "error-forbidden",
        title: "kubectl said Forbidden (the error line with the certificate it used)",
        text: include_str!("../tests/fixtures/errors/forbidden-with-certificate.txt"),
    },
    Example {
        id: "chain",
        title: "API server certificate with its CA (a chain)",
        text: include_str!("../tests/fixtures/chain-with-ca.pem"),
    },
];

pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}
