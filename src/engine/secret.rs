//! Kubernetes `Secret` objects holding TLS material (`type: kubernetes.io/tls`, or any Secret
//! with `tls.crt`, `tls.key` or `ca.crt`) or a service-account token
//! (`type: kubernetes.io/service-account-token`: `token`, `ca.crt`, `namespace`).
//! Values in `data` are base64; `stringData` is plain.

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct SecretFacts {
    pub name: String,
    pub namespace: Option<String>,
    pub secret_type: String,
    /// Keys present in the Secret (values are never copied here).
    pub keys: Vec<String>,
}

/// A value to analyse: its key, whether it is base64 (`data`) or plain (`stringData`).
pub struct Entry {
    pub key: String,
    pub value: String,
    pub base64: bool,
}

/// A Secret this tool can say something about: TLS material or a service-account token.
pub fn is_credential_secret(v: &Value) -> bool {
    let ty = v.get("type").and_then(Value::as_str);
    v.get("kind").and_then(Value::as_str) == Some("Secret")
        && (matches!(ty, Some("kubernetes.io/tls" | "kubernetes.io/service-account-token"))
            || ["data", "stringData"]
                .iter()
                .any(|d| v.get(*d).is_some_and(|m| m.get("tls.crt").is_some() || m.get("ca.crt").is_some())))
}

pub fn read(v: &Value) -> (SecretFacts, Vec<Entry>) {
    let mut f = SecretFacts {
        name: v
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or("(unnamed)")
            .to_string(),
        namespace: v.pointer("/metadata/namespace").and_then(Value::as_str).map(str::to_string),
        secret_type: v.get("type").and_then(Value::as_str).unwrap_or("Opaque").to_string(),
        keys: Vec::new(),
    };
    let mut entries = Vec::new();
    for (section, base64) in [("data", true), ("stringData", false)] {
        if let Some(m) = v.get(section).and_then(Value::as_object) {
            for (k, val) in m {
                f.keys.push(k.clone());
                if let Some(s) = val.as_str() {
                    entries.push(Entry {
                        key: k.clone(),
                        value: s.to_string(),
                        base64,
                    });
                }
            }
        }
    }
    (f, entries)
}
