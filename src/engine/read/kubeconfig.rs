//! kubeconfig files (`clientcmd/api/v1/types.go`): clusters, users, contexts, current-context.
//! Embedded data (`*-data`, `token`) is handed back to the engine to analyse as objects of its
//! own; file paths cannot be read from a browser page and are reported as such.

use crate::engine::report::kubeconfig::{ClusterFacts, ContextFacts, ExecFacts, KubeconfigFacts, UserFacts};
use serde_json::Value;

use super::{prefix, Place, Reading};
use crate::engine::facts::identity;
use crate::engine::report::{ObjectKind, Role};
use crate::engine::util;

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

pub fn read_object(r: &mut Reading, v: &Value, _here: &str, place: &Place) {
    r.detected.push("kubeconfig".into());
    r.add_kubeconfig(v, place);
}

impl Reading {
    fn add_kubeconfig(&mut self, v: &Value, place: &Place) {
        let (mut facts, embedded) = read(v);
        let Some(id) = self.push(
            ObjectKind::Kubeconfig,
            &Place {
                source: format!("{}kubeconfig", prefix(place)),
                ..place.clone()
            },
        ) else {
            return;
        };
        for e in embedded {
            match e {
                Embedded::ClusterCa { cluster, b64 } => {
                    let p = Place {
                        source: format!("cluster {} certificate-authority-data", facts.clusters[cluster].name),
                        parent: Some(id),
                        role: Role::KubeconfigCa,
                    };
                    facts.clusters[cluster].ca_objects = self.read_field(&b64, &p, "a PEM CA certificate");
                }
                Embedded::ClientCert { user, b64 } => {
                    let p = Place {
                        source: format!("user {} client-certificate-data", facts.users[user].name),
                        parent: Some(id),
                        role: Role::KubeconfigClient,
                    };
                    facts.users[user].client_certificate = self.read_field(&b64, &p, "a PEM client certificate").first().copied();
                }
                Embedded::ClientKey { user, b64 } => {
                    let p = Place {
                        source: format!("user {} client-key-data", facts.users[user].name),
                        parent: Some(id),
                        role: Role::KubeconfigClient,
                    };
                    facts.users[user].client_key = self.read_field(&b64, &p, "a PEM private key").first().copied();
                }
                Embedded::Token { user, token } => {
                    let p = Place {
                        source: format!("user {} token", facts.users[user].name),
                        parent: Some(id),
                        role: Role::KubeconfigClient,
                    };
                    facts.users[user].token = self.add_token(&token, &p);
                }
            }
        }
        describe_contexts(&mut facts, &self.objects);
        let o = &mut self.objects[id];
        o.label = match &facts.current_context {
            Some(cc) => format!("kubeconfig (current context {})", util::clip(cc, 60)),
            None => "kubeconfig".into(),
        };
        o.kubeconfig = Some(facts);
    }
}

/// Each context's identity and expiry, in words, from its user's credential (embedded, or read
/// from a file the input also holds).
pub fn describe_contexts(facts: &mut KubeconfigFacts, objects: &[crate::engine::report::Object]) {
    for c in &mut facts.contexts {
        let Some(u) = facts.users.iter().find(|u| u.name == c.user) else {
            continue;
        };
        let cred = u.client_certificate.or(u.token).map(|i| &objects[i]);
        if let Some(o) = cred {
            c.identity = o.username.as_ref().map(|name| {
                let groups: Vec<&str> = o
                    .groups
                    .iter()
                    .map(String::as_str)
                    .filter(|g| *g != identity::AUTHENTICATED)
                    .collect();
                if groups.is_empty() {
                    name.clone()
                } else {
                    format!("{name} in {}", groups.join(", "))
                }
            });
            c.expires = o.not_after.clone();
        } else if credential_omitted(&facts.omitted, &u.name) {
            c.identity = Some("hidden: kubectl config view omitted the credential (use --raw)".to_string());
        } else if let Some(x) = &u.exec {
            c.identity = Some(format!("decided at run time by exec plugin \"{}\"", x.command));
        } else if let Some(b) = &u.basic_auth_username {
            c.identity = Some(format!("basic-auth user {b}"));
        }
        if let Some(imp) = &u.impersonate_user {
            c.identity = Some(format!(
                "impersonates {imp}{}",
                c.identity.as_ref().map(|i| format!(" (authenticating as {i})")).unwrap_or_default()
            ));
        }
    }
}

/// Did `kubectl config view` omit this user's certificate or token?
fn credential_omitted(omitted: &[String], user: &str) -> bool {
    omitted
        .iter()
        .any(|o| o == &format!("user {user}: client-certificate-data") || o == &format!("user {user}: token"))
}
