//! kubeconfig files (`clientcmd/api/v1/types.go`): clusters, users, contexts, current-context.
//! Embedded data (`*-data`, `token`) is handed back to the engine to analyse as objects of its
//! own; file paths cannot be read from a browser page and are reported as such.

use serde::{Deserialize, Serialize};
use serde_json::Value;

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
    /// Paths the file refers to; a page cannot read them.
    pub file_references: Vec<String>,
    /// Fields `kubectl config view` (without `--raw`) replaced by `DATA+OMITTED` or `REDACTED`.
    pub omitted: Vec<String>,
}

/// What `kubectl config view` prints instead of embedded data and secrets.
pub fn is_placeholder(v: &str) -> bool {
    matches!(v.trim(), "DATA+OMITTED" | "REDACTED")
}

/// What a kubeconfig embeds, for the engine to analyse.
pub enum Embedded {
    ClusterCa { cluster: usize, b64: String },
    ClientCert { user: usize, b64: String },
    ClientKey { user: usize, b64: String },
    Token { user: usize, token: String },
}

pub fn is_kubeconfig(v: &Value) -> bool {
    v.get("kind").and_then(Value::as_str) == Some("Config")
        || (v.get("kind").is_none() && (v.get("clusters").is_some() || v.get("users").is_some() || v.get("contexts").is_some()))
}

fn s(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).map(str::to_string).filter(|x| !x.is_empty())
}

fn named<'a>(v: &'a Value, list: &str) -> Vec<(String, &'a Value)> {
    v.get(list)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .enumerate()
                .map(|(i, e)| (s(e, "name").unwrap_or_else(|| format!("{list}[{i}]")), e))
                .collect()
        })
        .unwrap_or_default()
}

pub fn read(v: &Value) -> (KubeconfigFacts, Vec<Embedded>) {
    let mut f = KubeconfigFacts {
        current_context: s(v, "current-context"),
        ..Default::default()
    };
    let mut embedded = Vec::new();
    for (i, (name, e)) in named(v, "clusters").into_iter().enumerate() {
        let c = e.get("cluster").unwrap_or(&Value::Null);
        let ca_path = s(c, "certificate-authority");
        if let Some(p) = &ca_path {
            f.file_references.push(format!("cluster {name}: certificate-authority {p}"));
        }
        match s(c, "certificate-authority-data") {
            Some(v) if is_placeholder(&v) => f.omitted.push(format!("cluster {name}: certificate-authority-data")),
            Some(b64) => embedded.push(Embedded::ClusterCa { cluster: i, b64 }),
            None => {}
        }
        f.clusters.push(ClusterFacts {
            name,
            server: s(c, "server"),
            insecure_skip_tls_verify: c.get("insecure-skip-tls-verify").and_then(Value::as_bool).unwrap_or(false),
            tls_server_name: s(c, "tls-server-name"),
            proxy_url: s(c, "proxy-url"),
            ca_objects: Vec::new(),
            ca_path,
        });
    }
    for (i, (name, e)) in named(v, "users").into_iter().enumerate() {
        let u = e.get("user").unwrap_or(&Value::Null);
        let mut uf = UserFacts {
            name: name.clone(),
            ..Default::default()
        };
        uf.client_certificate_path = s(u, "client-certificate");
        uf.client_key_path = s(u, "client-key");
        uf.token_file = s(u, "tokenFile");
        for (label, p) in [
            ("client-certificate", &uf.client_certificate_path),
            ("client-key", &uf.client_key_path),
            ("tokenFile", &uf.token_file),
        ] {
            if let Some(p) = p {
                f.file_references.push(format!("user {name}: {label} {p}"));
            }
        }
        let cert = s(u, "client-certificate-data");
        if cert.is_some() || uf.client_certificate_path.is_some() {
            uf.auth_methods.push("client-certificate".into());
        }
        match cert {
            Some(v) if is_placeholder(&v) => f.omitted.push(format!("user {name}: client-certificate-data")),
            Some(b64) => embedded.push(Embedded::ClientCert { user: i, b64 }),
            None => {}
        }
        match s(u, "client-key-data") {
            Some(v) if is_placeholder(&v) => f.omitted.push(format!("user {name}: client-key-data")),
            Some(b64) => embedded.push(Embedded::ClientKey { user: i, b64 }),
            None => {}
        }
        let token = s(u, "token");
        if token.is_some() || uf.token_file.is_some() {
            uf.auth_methods.push("token".into());
        }
        match token {
            Some(v) if is_placeholder(&v) => f.omitted.push(format!("user {name}: token")),
            Some(token) => embedded.push(Embedded::Token { user: i, token }),
            None => {}
        }
        uf.basic_auth_username = s(u, "username");
        uf.has_password = s(u, "password").is_some();
        if uf.basic_auth_username.is_some() || uf.has_password {
            uf.auth_methods.push("basic-auth".into());
        }
        if let Some(x) = u.get("exec").filter(|x| x.is_object()) {
            uf.auth_methods.push("exec".into());
            uf.exec = Some(ExecFacts {
                command: s(x, "command").unwrap_or_default(),
                args: x
                    .get("args")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(|y| y.as_str().map(str::to_string)).collect())
                    .unwrap_or_default(),
                api_version: s(x, "apiVersion"),
            });
        }
        if let Some(p) = u.get("auth-provider").filter(|x| x.is_object()) {
            uf.auth_methods.push("auth-provider".into());
            uf.auth_provider = Some(s(p, "name").unwrap_or_else(|| "(unnamed)".into()));
        }
        uf.impersonate_user = s(u, "as");
        uf.impersonate_groups = u
            .get("as-groups")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|y| y.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        f.users.push(uf);
    }
    for (name, e) in named(v, "contexts") {
        let c = e.get("context").unwrap_or(&Value::Null);
        let cluster = s(c, "cluster").unwrap_or_default();
        let user = s(c, "user").unwrap_or_default();
        f.contexts.push(ContextFacts {
            current: f.current_context.as_deref() == Some(name.as_str()),
            cluster_found: f.clusters.iter().any(|x| x.name == cluster),
            user_found: f.users.iter().any(|x| x.name == user),
            server: f.clusters.iter().find(|x| x.name == cluster).and_then(|x| x.server.clone()),
            name,
            cluster,
            user,
            namespace: s(c, "namespace"),
            identity: None,
            expires: None,
        });
    }
    (f, embedded)
}
