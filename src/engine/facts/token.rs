//! Bearer tokens (from kubeconfig `token`): recognised, shortened, and decoded without
//! verification when they are JWTs. The full token never appears in the report.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::util::rfc3339;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct TokenFacts {
    /// `service_account_jwt`, `jwt`, `bootstrap`, or `opaque`.
    pub kind: String,
    /// First characters and the length only: "eyJhbG… (912 characters)".
    pub preview: String,
    pub jwt: Option<JwtClaims>,
    /// For bootstrap tokens (`abcdef.0123456789abcdef`): the public token ID.
    pub bootstrap_token_id: Option<String>,
}

/// JWT claims read **without** verifying the signature.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct JwtClaims {
    pub algorithm: Option<String>,
    pub issuer: Option<String>,
    pub subject: Option<String>,
    pub audience: Vec<String>,
    pub issued_at: Option<String>,
    pub expires: Option<String>,
    pub expires_unix: Option<i64>,
    pub namespace: Option<String>,
    pub service_account: Option<String>,
    pub pod: Option<String>,
    /// A legacy Secret-based service-account token: issuer `kubernetes/serviceaccount`, no expiry.
    pub legacy_service_account: bool,
}

pub fn preview(secret: &str) -> String {
    let head: String = secret.chars().take(6).collect();
    format!("{head}… ({} characters, hidden)", secret.chars().count())
}

pub fn is_bootstrap(t: &str) -> Option<String> {
    let (id, secret) = t.split_once('.')?;
    let ok = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    (ok(id, 6) && ok(secret, 16)).then(|| id.to_string())
}

fn decode_part(p: &str) -> Option<Value> {
    let bytes = URL_SAFE_NO_PAD.decode(p.trim_end_matches('=')).ok()?;
    serde_json::from_slice(&bytes).ok()
}

pub fn parse(token: &str) -> TokenFacts {
    let token = token.trim();
    let mut f = TokenFacts {
        preview: preview(token),
        kind: "opaque".into(),
        ..Default::default()
    };
    if let Some(id) = is_bootstrap(token) {
        f.kind = "bootstrap".into();
        f.bootstrap_token_id = Some(id);
        return f;
    }
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return f;
    }
    let (Some(header), Some(claims)) = (decode_part(parts[0]), decode_part(parts[1])) else {
        return f;
    };
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let mut c = JwtClaims {
        algorithm: s(&header, "alg"),
        issuer: s(&claims, "iss"),
        subject: s(&claims, "sub"),
        ..Default::default()
    };
    c.audience = match claims.get("aud") {
        Some(Value::String(a)) => vec![a.clone()],
        Some(Value::Array(a)) => a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
        _ => vec![],
    };
    c.issued_at = claims.get("iat").and_then(Value::as_i64).map(rfc3339);
    c.expires_unix = claims.get("exp").and_then(Value::as_i64);
    c.expires = c.expires_unix.map(rfc3339);
    if let Some(k) = claims.get("kubernetes.io") {
        c.namespace = s(k, "namespace");
        c.service_account = k.get("serviceaccount").and_then(|sa| s(sa, "name"));
        c.pod = k.get("pod").and_then(|p| s(p, "name"));
    }
    if c.issuer.as_deref() == Some("kubernetes/serviceaccount") {
        c.namespace = c.namespace.or_else(|| s(&claims, "kubernetes.io/serviceaccount/namespace"));
        c.service_account = c
            .service_account
            .or_else(|| s(&claims, "kubernetes.io/serviceaccount/service-account.name"));
        c.legacy_service_account = c.expires_unix.is_none();
    }
    let sa_subject = c.subject.as_deref().is_some_and(|s| s.starts_with("system:serviceaccount:"));
    f.kind = if sa_subject || c.service_account.is_some() {
        "service_account_jwt"
    } else {
        "jwt"
    }
    .into();
    f.jwt = Some(c);
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    fn jwt(claims: &str) -> String {
        format!(
            "{}.{}.c2ln",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256"}"#),
            URL_SAFE_NO_PAD.encode(claims)
        )
    }

    #[test]
    fn legacy_service_account_token_has_no_expiry() {
        let t = parse(&jwt(
            r#"{"iss":"kubernetes/serviceaccount","sub":"system:serviceaccount:ci:deployer","kubernetes.io/serviceaccount/namespace":"ci","kubernetes.io/serviceaccount/service-account.name":"deployer"}"#,
        ));
        assert_eq!(t.kind, "service_account_jwt");
        let c = t.jwt.unwrap();
        assert!(c.legacy_service_account);
        assert_eq!(c.namespace.as_deref(), Some("ci"));
        assert_eq!(c.service_account.as_deref(), Some("deployer"));
    }

    #[test]
    fn bound_token_has_expiry_and_is_not_legacy() {
        let t = parse(&jwt(
            r#"{"iss":"https://kubernetes.default.svc","sub":"system:serviceaccount:default:app","aud":["https://kubernetes.default.svc"],"exp":1800000000,"kubernetes.io":{"namespace":"default","serviceaccount":{"name":"app"}}}"#,
        ));
        let c = t.jwt.unwrap();
        assert!(!c.legacy_service_account);
        assert_eq!(c.expires.as_deref(), Some("2027-01-15T08:00:00Z"));
        assert_eq!(c.service_account.as_deref(), Some("app"));
    }

    #[test]
    fn bootstrap_and_opaque_tokens_are_never_shown_whole() {
        let t = parse("abcdef.0123456789abcdef");
        assert_eq!(t.kind, "bootstrap");
        assert_eq!(t.bootstrap_token_id.as_deref(), Some("abcdef"));
        assert!(!t.preview.contains("0123456789abcdef"));
        let o = parse("s3cr3t-static-token-value");
        assert_eq!(o.kind, "opaque");
        assert_eq!(o.preview, "s3cr3t… (25 characters, hidden)");
    }
}
