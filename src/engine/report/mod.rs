//! The `Report`: the one contract between the engine and every front end (web UI, JS API, CLI).
//!
//! Everything here is plain data that serialises with serde. The JSON shape is documented in
//! `docs/report-json.md`; `SCHEMA_VERSION` changes whenever a field changes meaning or goes away.
//!
//! The types of the report live in this folder, each part beside the others: the analyses fill
//! them in (`access` from the RBAC authorizer, `pki` from kubeadm's layout, `queue` from the CSR
//! objects), and nothing here imports a reader or an analysis. What a certificate, request, key
//! or token *is* comes from `facts`, which imports nothing from here either.

pub mod access;
pub mod checklist;
pub mod contain;
pub mod csr_object;
pub mod error_message;
pub mod kubeconfig;
pub mod kubelet;
pub mod parts;
pub mod pki;
pub mod queue;
pub mod secret;

use serde::{Deserialize, Serialize};

/// Version of the JSON shape. Bump it when a field is removed or changes meaning.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole answer for one input.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Report {
    pub schema_version: u32,
    /// The instant the report was computed for (RFC 3339), as given by the caller.
    pub now: String,
    /// What the report judged for, in words: "Kubernetes 1.37 (Go 1.26)" (`--kubernetes`, the
    /// API's `kubernetes` option; `--go` / `go` to try another Go release).
    pub judged_as: String,
    /// The same, field by field, with the source of the release's Go version.
    #[serde(default)]
    pub judged_for: crate::engine::facts::release::JudgedFor,
    pub input: InputSummary,
    /// Everything recognised, in input order. Children (a kubeconfig's certificates, a CSR
    /// object's issued certificate) name their parent by `parent`.
    pub objects: Vec<Object>,
    /// The worst case over every object; `None` when nothing was recognised.
    pub verdict: Option<Verdict>,
    /// The reviewer's queue, when the input holds more than one CertificateSigningRequest object.
    pub csr_queue: Option<queue::CsrQueue>,
    /// What the input's identities may do under RBAC: the pasted RBAC objects, or Kubernetes'
    /// default policy when none were pasted; `None` when there is neither an identity nor RBAC.
    pub rbac: Option<access::RbacReport>,
    /// Set when the input is a control-plane node's /etc/kubernetes (a folder or an archive):
    /// kubeadm's expiry tables, the trust map, what is missing.
    pub pki: Option<pki::PkiReport>,
    /// The certificate security checklist, item by item, when the input is more than one file
    /// (a node's archive or folder, several kubeconfigs): pass, fail or not in this input.
    #[serde(default)]
    pub checklist: Option<checklist::Checklist>,
    pub counts: Counts,
    /// Set when the input could not be read at all.
    pub error: Option<InputError>,
}

/// What the input was taken to be.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct InputSummary {
    pub bytes: usize,
    /// One line per thing recognised, e.g. "PEM: 2 certificates, 1 private key".
    pub detected: Vec<String>,
    /// One line per part that was not understood, saying what was expected and what was found.
    pub not_understood: Vec<String>,
    /// One line per slip the input had and the engine read past, named so the user can fix
    /// the source: a PEM that lost its line breaks, base64 wrapped twice, CSR fields beside
    /// `spec:` instead of under it.
    pub recovered: Vec<String>,
}

/// Why nothing could be read.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct InputError {
    /// Stable machine-readable code: `empty`, `too_large`, `unrecognised`, `nothing_usable`.
    pub code: String,
    pub message: String,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum VerdictLevel {
    Routine,
    ReviewCarefully,
    DoNotApprove,
}

impl VerdictLevel {
    pub fn label(self) -> &'static str {
        match self {
            VerdictLevel::Routine => "Routine",
            VerdictLevel::ReviewCarefully => "Review carefully",
            VerdictLevel::DoNotApprove => "Do not approve",
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Verdict {
    pub level: VerdictLevel,
    /// The level in words fit for what was inspected: "Do not approve" for CSRs, "Dangerous"
    /// for certificates and kubeconfigs.
    pub label: String,
    /// One sentence for a reviewer.
    pub headline: String,
    /// The findings that decided it, worst first ("[critical] identity-system-masters: …").
    pub reasons: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Counts {
    pub critical: usize,
    pub high: usize,
    pub medium: usize,
    pub low: usize,
    pub info: usize,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    Certificate,
    CertificateRequest,
    CsrObject,
    Kubeconfig,
    TlsSecret,
    PrivateKey,
    PublicKey,
    Token,
    /// An error message kubectl, client-go or Go printed (explained, not a credential).
    ErrorMessage,
    /// A kubelet's configuration file (`/var/lib/kubelet/config.yaml`): how it renews its certificates.
    KubeletConfig,
}

impl ObjectKind {
    pub fn label(self) -> &'static str {
        match self {
            ObjectKind::Certificate => "Certificate",
            ObjectKind::CertificateRequest => "Certificate signing request (PEM)",
            ObjectKind::CsrObject => "CertificateSigningRequest",
            ObjectKind::Kubeconfig => "kubeconfig",
            ObjectKind::TlsSecret => "Secret",
            ObjectKind::PrivateKey => "Private key",
            ObjectKind::PublicKey => "Public key",
            ObjectKind::Token => "Bearer token",
            ObjectKind::ErrorMessage => "Error message",
            ObjectKind::KubeletConfig => "KubeletConfiguration",
        }
    }
}

/// Where an object sits, which decides which rules apply to it.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Pasted on its own (or in a bundle): purpose inferred from its extensions.
    #[default]
    Standalone,
    /// `users[].user.client-certificate-data` / `client-key-data` / `token` of a kubeconfig.
    KubeconfigClient,
    /// `clusters[].cluster.certificate-authority-data` of a kubeconfig.
    KubeconfigCa,
    /// `status.certificate` of a CertificateSigningRequest.
    CsrIssued,
    /// `tls.crt` / `tls.key` of a Secret.
    SecretTls,
    /// `ca.crt` of a Secret.
    SecretCa,
}

/// One recognised thing. Exactly one of the detail sections is set, matching `kind`
/// (a CSR object carries both `csr_object` and the parsed `request`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Object {
    pub id: usize,
    pub kind: ObjectKind,
    pub role: Role,
    /// Short title: "Certificate CN=kubernetes-admin", "CSR alice".
    pub label: String,
    /// Where in the input it was found: "PEM block 2 (line 14)", "users[0] kubernetes-admin".
    pub source: String,
    pub parent: Option<usize>,
    /// Kubernetes username the API server would derive; `None` when there is none.
    pub username: Option<String>,
    /// Every group the API server would see, including `system:authenticated` where it adds it.
    pub groups: Vec<String>,
    pub not_before: Option<String>,
    pub not_after: Option<String>,
    pub identity: Option<crate::engine::facts::identity::Identity>,
    pub certificate: Option<crate::engine::facts::x509::CertFacts>,
    pub request: Option<crate::engine::facts::x509::CsrFacts>,
    pub csr_object: Option<csr_object::CsrObjectFacts>,
    pub kubeconfig: Option<kubeconfig::KubeconfigFacts>,
    pub secret: Option<secret::SecretFacts>,
    pub key: Option<crate::engine::facts::keys::KeyFacts>,
    pub token: Option<crate::engine::facts::token::TokenFacts>,
    pub error_message: Option<error_message::ErrorMessageFacts>,
    /// For a kubelet's configuration file: how it gets and renews its certificates.
    #[serde(default)]
    pub kubelet_config: Option<kubelet::KubeletConfigFacts>,
    /// For a certificate: the object that issued it, when its signature verified.
    pub issued_by: Option<usize>,
    /// For a certificate: why Go's `Verify` with client auth refuses it through the chain found
    /// in the input (a CA above it whose extended key usage lacks client auth), when it does.
    pub chain_problem: Option<String>,
    /// For a key: the certificates and CSRs it belongs to; for a certificate/CSR: its keys.
    pub key_matches: Vec<usize>,
    /// Index into `rbac.identities`: what this object's identity may do.
    pub access: Option<usize>,
    /// For a client certificate with an identity: what to do if it leaked.
    #[serde(default)]
    pub containment: Option<contain::Containment>,
    pub findings: Vec<Finding>,
    /// Rule IDs that were checked and passed.
    pub passed: Vec<String>,
    /// Rule IDs that do not apply to this object.
    pub not_applicable: Vec<String>,
    /// Set for CSR objects and PEM CSRs: what a reviewer should do.
    pub verdict: Option<Verdict>,
}

impl Object {
    /// Its certificate's public-key identifier: two certificates with the same one verify the
    /// same signatures (one CA in two files, or two CAs on one key).
    pub fn certificate_key_id(&self) -> Option<&str> {
        self.certificate.as_ref().map(|c| c.public_key.key_id.as_str())
    }

    /// Sets the identity and the top-level `username` / `groups` the JSON contract promises.
    pub fn set_identity(&mut self, identity: crate::engine::facts::identity::Identity) {
        self.username = identity.username.clone();
        self.groups = identity.all_groups();
        self.identity = Some(identity);
    }

    pub fn new(id: usize, kind: ObjectKind, role: Role, source: String, parent: Option<usize>) -> Self {
        Object {
            id,
            kind,
            role,
            label: kind.label().to_string(),
            source,
            parent,
            username: None,
            groups: Vec::new(),
            not_before: None,
            not_after: None,
            identity: None,
            certificate: None,
            request: None,
            csr_object: None,
            kubeconfig: None,
            secret: None,
            key: None,
            token: None,
            error_message: None,
            kubelet_config: None,
            issued_by: None,
            chain_problem: None,
            key_matches: Vec::new(),
            access: None,
            containment: None,
            findings: Vec::new(),
            passed: Vec::new(),
            not_applicable: Vec::new(),
            verdict: None,
        }
    }
}

/// One rule that fired on one object.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Finding {
    /// Stable rule ID (never reused, never renamed when the severity changes).
    pub id: String,
    pub severity: Severity,
    pub title: String,
    /// What exactly was found on this object.
    pub detail: String,
    /// Why it matters, for someone learning.
    pub why: String,
    /// What to do instead.
    pub fix: String,
    /// Where the fact comes from (Kubernetes doc or source path, RFC, NIST).
    pub reference: String,
    /// True when Kubernetes itself rejects this (the API, the signer or the authenticator).
    pub rejected_by_kubernetes: bool,
}

/// serde_json's compact output, with every non-ASCII character written as a `\uXXXX` escape.
/// The browser's text decoder and `JSON.parse` take a fast path for pure-ASCII text: for the
/// 144-certificate bundle's report, decoding and parsing fell from 7.0 ms (pretty, UTF-8) to
/// 2.9 ms (measured in Node's V8; issue #8). Same data as any JSON: `JSON.parse` undoes the escapes.
struct AsciiJson;

impl serde_json::ser::Formatter for AsciiJson {
    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        if fragment.is_ascii() {
            return w.write_all(fragment.as_bytes());
        }
        let mut units = [0u16; 2];
        for c in fragment.chars() {
            if c.is_ascii() {
                w.write_all(&[c as u8])?;
            } else {
                for u in c.encode_utf16(&mut units) {
                    write!(w, "\\u{u:04x}")?;
                }
            }
        }
        Ok(())
    }
}

impl Report {
    /// The report as compact, pure-ASCII JSON (see [`AsciiJson`]): what the JS API parses.
    pub fn to_ascii_json(&self) -> Result<String, String> {
        let mut out = Vec::with_capacity(64 * 1024);
        self.serialize(&mut serde_json::Serializer::with_formatter(&mut out, AsciiJson))
            .map_err(|e| e.to_string())?;
        String::from_utf8(out).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_json_escapes_everything_beyond_ascii_and_means_the_same() {
        let r = Report {
            now: "E-Tuğra A.Ş. … 😀 \"quoted\" \\ tab\t".into(),
            ..Report::default()
        };
        let json = r.to_ascii_json().unwrap();
        assert!(json.is_ascii(), "{json}");
        assert!(
            json.contains(r#"E-Tu\u011fra A.\u015e. \u2026 \ud83d\ude00 \"quoted\" \\ tab\t"#),
            "{json}"
        );
        let back: Report = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            serde_json::from_str::<serde_json::Value>(&json).unwrap()
        );
    }
}
