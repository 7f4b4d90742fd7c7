//! Kubernetes `Secret` objects holding TLS material (`type: kubernetes.io/tls`, or any Secret
//! with `tls.crt`, `tls.key` or `ca.crt`) or a service-account token
//! (`type: kubernetes.io/service-account-token`: `token`, `ca.crt`, `namespace`).
//! Values in `data` are base64; `stringData` is plain.

use crate::engine::report::secret::SecretFacts;
use serde_json::Value;

use super::{prefix, sniff, Place, Reading};
use crate::engine::report::{ObjectKind, Role};
use crate::engine::util;

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

pub fn read_object(r: &mut Reading, v: &Value, _here: &str, place: &Place) {
    r.detected.push("Kubernetes Secret".into());
    r.add_secret(v, place);
}

impl Reading {
    fn add_secret(&mut self, v: &Value, place: &Place) {
        let (facts, entries) = read(v);
        let Some(id) = self.push(
            ObjectKind::TlsSecret,
            &Place {
                source: format!("{}Secret {}", prefix(place), facts.name),
                ..place.clone()
            },
        ) else {
            return;
        };
        let mut skipped = Vec::new();
        for e in entries {
            let role = if e.key == "ca.crt" { Role::SecretCa } else { Role::SecretTls };
            let p = Place {
                source: format!("Secret {} {}", facts.name, e.key),
                parent: Some(id),
                role,
            };
            let value = if e.base64 {
                match sniff::decode_base64(&e.value).map(String::from_utf8) {
                    Ok(Ok(text)) => text,
                    Ok(Err(_)) if e.key.ends_with(".crt") || e.key.ends_with(".key") => {
                        self.read_field(&e.value, &p, "PEM data");
                        continue;
                    }
                    _ => {
                        self.not_understood
                            .push(format!("{}: expected base64, but it does not decode to text.", p.source));
                        continue;
                    }
                }
            } else {
                e.value.clone()
            };
            if value.contains("-----BEGIN ") {
                self.read_pem(&value, &p);
            } else if e.key == "token" {
                self.add_token(value.trim(), &p);
            } else if e.key != "namespace" {
                skipped.push(e.key);
            }
        }
        if !skipped.is_empty() {
            self.not_understood.push(format!(
                "Secret {}: keys {} hold neither PEM data nor a token and were skipped.",
                facts.name,
                skipped.join(", ")
            ));
        }
        let o = &mut self.objects[id];
        o.label = format!("Secret {}", util::clip(&facts.name, 80));
        o.secret = Some(facts);
    }
}
