//! `certificates.k8s.io` CertificateSigningRequest objects (v1 and v1beta1), as printed by
//! `kubectl get csr NAME -o yaml|json`. Field meanings: `pkg/apis/certificates/types.go`.

use serde::Serialize;
use serde_json::Value;

use super::util::human_duration;

/// Default `--cluster-signing-duration` of kube-controller-manager (one year).
pub const DEFAULT_SIGNING_DURATION: i64 = 365 * 24 * 3600;
/// The signing controller never issues less than this, and the API rejects less.
pub const MIN_EXPIRATION_SECONDS: i64 = 600;

#[derive(Serialize, Clone, Debug, PartialEq, Default)]
pub struct Requester {
    pub username: Option<String>,
    pub uid: Option<String>,
    pub groups: Vec<String>,
}

#[derive(Serialize, Clone, Debug, PartialEq, Default)]
pub struct Condition {
    #[serde(rename = "type")]
    pub kind: String,
    pub status: String,
    pub reason: Option<String>,
    pub message: Option<String>,
}

#[derive(Serialize, Clone, Debug, PartialEq, Default)]
pub struct CsrObjectFacts {
    pub name: String,
    pub api_version: String,
    pub signer_name: Option<String>,
    pub usages: Vec<String>,
    pub expiration_seconds: Option<i64>,
    /// What the built-in signing controller would issue with the default one-year
    /// `--cluster-signing-duration`: "1 year (signer default)", "1 h (requested)".
    pub expected_lifetime: String,
    /// Who submitted it (set by the API server from the requester's credentials; cannot be forged).
    pub requester: Requester,
    pub conditions: Vec<Condition>,
    /// `Pending`, `Approved`, `Issued`, `Denied` or `Failed`.
    pub state: String,
    /// Why `spec.request` could not be read, when it could not.
    pub request_error: Option<String>,
    /// Object IDs of the certificates found in `status.certificate`.
    pub issued: Vec<usize>,
    /// The commands a reviewer would run.
    pub approve_command: String,
    pub deny_command: String,
}

pub struct CsrObjectInput {
    pub facts: CsrObjectFacts,
    pub request_b64: Option<String>,
    pub certificate_b64: Option<String>,
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter().try_fold(v, |v, k| v.get(k))?.as_str()
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

pub fn is_csr(v: &Value) -> bool {
    v.get("kind").and_then(Value::as_str) == Some("CertificateSigningRequest")
}

pub fn read(v: &Value) -> CsrObjectInput {
    let spec = v.get("spec").cloned().unwrap_or(Value::Null);
    let name = str_at(v, &["metadata", "name"])
        .or_else(|| str_at(v, &["metadata", "generateName"]))
        .unwrap_or("(unnamed)")
        .to_string();
    let expiration_seconds = spec.get("expirationSeconds").and_then(Value::as_i64);
    let expected_lifetime = match expiration_seconds {
        None => format!(
            "{} (signer default; the request does not set expirationSeconds)",
            human_duration(DEFAULT_SIGNING_DURATION)
        ),
        Some(s) if s < MIN_EXPIRATION_SECONDS => format!("none: the API rejects expirationSeconds below {MIN_EXPIRATION_SECONDS}"),
        Some(s) if s > DEFAULT_SIGNING_DURATION => {
            format!(
                "{} (capped at the default signing duration; {} requested)",
                human_duration(DEFAULT_SIGNING_DURATION),
                human_duration(s)
            )
        }
        Some(s) => format!("{} (requested)", human_duration(s)),
    };
    let conditions: Vec<Condition> = v
        .pointer("/status/conditions")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|c| Condition {
                    kind: c.get("type").and_then(Value::as_str).unwrap_or("").to_string(),
                    status: c.get("status").and_then(Value::as_str).unwrap_or("True").to_string(),
                    reason: c.get("reason").and_then(Value::as_str).map(str::to_string),
                    message: c.get("message").and_then(Value::as_str).map(str::to_string),
                })
                .collect()
        })
        .unwrap_or_default();
    let certificate_b64 = str_at(v, &["status", "certificate"])
        .filter(|s| !s.trim().is_empty())
        .map(str::to_string);
    let cond = |t: &str| conditions.iter().any(|c| c.kind == t && c.status == "True");
    let state = if cond("Denied") {
        "Denied"
    } else if cond("Failed") {
        "Failed"
    } else if certificate_b64.is_some() {
        "Issued"
    } else if cond("Approved") {
        "Approved"
    } else {
        "Pending"
    };
    let facts = CsrObjectFacts {
        approve_command: format!("kubectl certificate approve {name}"),
        deny_command: format!("kubectl certificate deny {name}"),
        name,
        api_version: v.get("apiVersion").and_then(Value::as_str).unwrap_or("").to_string(),
        signer_name: spec.get("signerName").and_then(Value::as_str).map(str::to_string),
        usages: strings(spec.get("usages")),
        expiration_seconds,
        expected_lifetime,
        requester: Requester {
            username: spec.get("username").and_then(Value::as_str).map(str::to_string),
            uid: spec.get("uid").and_then(Value::as_str).map(str::to_string),
            groups: strings(spec.get("groups")),
        },
        conditions,
        state: state.to_string(),
        request_error: None,
        issued: Vec::new(),
    };
    CsrObjectInput {
        facts,
        request_b64: spec.get("request").and_then(Value::as_str).map(str::to_string),
        certificate_b64,
    }
}
