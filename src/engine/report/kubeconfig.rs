//! A kubeconfig as the report carries it (`clientcmd/api/v1/types.go`): clusters, users,
//! contexts; embedded certificates, keys and tokens are objects of their own, named by id. Read
//! by `read::kubeconfig`.

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct ClusterFacts {
    pub name: String,
    pub server: Option<String>,
    pub insecure_skip_tls_verify: bool,
    pub tls_server_name: Option<String>,
    pub proxy_url: Option<String>,
    /// Object IDs of the certificates in `certificate-authority-data`.
    pub ca_objects: Vec<usize>,
    pub ca_path: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct ExecFacts {
    pub command: String,
    pub args: Vec<String>,
    pub api_version: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct UserFacts {
    pub name: String,
    /// The credential kinds present: `client-certificate`, `token`, `basic-auth`, `exec`, `auth-provider`.
    pub auth_methods: Vec<String>,
    pub client_certificate: Option<usize>,
    pub client_key: Option<usize>,
    pub token: Option<usize>,
    pub client_certificate_path: Option<String>,
    pub client_key_path: Option<String>,
    pub token_file: Option<String>,
    pub basic_auth_username: Option<String>,
    pub has_password: bool,
    pub exec: Option<ExecFacts>,
    pub auth_provider: Option<String>,
    /// Impersonation (`as`, `as-groups`, `as-uid`).
    pub impersonate_user: Option<String>,
    pub impersonate_groups: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct ContextFacts {
    pub name: String,
    pub cluster: String,
    pub user: String,
    pub namespace: Option<String>,
    pub cluster_found: bool,
    pub user_found: bool,
    pub current: bool,
    /// The identity this context authenticates as, summarised ("kubernetes-admin in kubeadm:cluster-admins").
    pub identity: Option<String>,
    pub server: Option<String>,
    /// Expiry of the user's client certificate or token.
    pub expires: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct KubeconfigFacts {
    pub current_context: Option<String>,
    pub clusters: Vec<ClusterFacts>,
    pub users: Vec<UserFacts>,
    pub contexts: Vec<ContextFacts>,
    /// Paths the file refers to that the input does not hold (a page cannot read them).
    pub file_references: Vec<String>,
    /// Paths the file refers to that the input holds (a node's archive with /var/lib/kubelet),
    /// each with the file that was read for it: "user default-auth: client-certificate
    /// /var/lib/kubelet/pki/kubelet-client-current.pem: var/lib/kubelet/pki/kubelet-client-2026-06-01-00-00-00.pem (#14)".
    #[serde(default)]
    pub resolved_references: Vec<String>,
    /// Fields `kubectl config view` (without `--raw`) replaced by `DATA+OMITTED` or `REDACTED`.
    pub omitted: Vec<String>,
}

impl KubeconfigFacts {
    /// The user of the current context, when both exist.
    pub fn current_user(&self) -> Option<&UserFacts> {
        let ctx = self.contexts.iter().find(|c| c.current)?;
        self.users.iter().find(|u| u.name == ctx.user)
    }
}
