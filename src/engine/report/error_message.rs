//! An error message kubectl, client-go or Go printed, as the report carries it: what it means,
//! its usual causes, what to run next, and (with the credentials, certificates or RBAC objects
//! given beside it) which of them is at fault. Read by `read::kubectl_error`, explained and
//! diagnosed by `analyse::explain`.

use serde::{Deserialize, Serialize};

use super::access::Decision;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct ErrorMessageFacts {
    /// Stable: `unauthorized`, `forbidden`, `forbidden-anonymous`, `unknown-authority`,
    /// `certificate-expired`, `hostname-mismatch`, `no-resource-type`, `csr-invalid-request`,
    /// `csr-bad-base64`, `csr-unknown-field`, `exec-plugin`.
    pub kind: String,
    /// The line as given (at most 500 characters).
    pub line: String,
    /// One sentence: what happened.
    pub title: String,
    pub meaning: String,
    /// The usual causes, most likely first.
    pub causes: Vec<String>,
    /// What to check and run next (commands are lines starting with `$ `).
    pub next: Vec<String>,
    /// Where the message's text comes from (a Kubernetes or Go source file).
    pub source: String,
    /// For `forbidden` and `forbidden-anonymous`: the request the message names.
    pub request: Option<DeniedRequest>,
    /// For `certificate-expired`: the instants in the message (RFC 3339 as printed).
    pub current_time: Option<String>,
    pub not_after: Option<String>,
    /// For `hostname-mismatch`: the names the certificate is valid for, and the one asked.
    pub valid_for: Vec<String>,
    pub asked_for: Option<String>,
    /// For `no-resource-type`: the type kubectl did not find.
    pub resource_type: Option<String>,
    /// What the credentials, certificates and RBAC objects given with the message say.
    pub diagnosis: Vec<Diagnosis>,
    /// Whether one of them was found at fault.
    pub cause_found: bool,
    /// For `forbidden`: the `kubectl auth can-i` question, and its answer offline (under the
    /// RBAC objects given, or Kubernetes' default policy).
    pub can_i: Option<String>,
    pub decision: Option<Decision>,
    /// For `forbidden`: the smallest grant that allows exactly this request, as kubectl commands.
    pub grant: Vec<String>,
    /// Set when that grant is broader than it looks (a wildcard, Secrets, escalate …).
    pub grant_warning: Option<String>,
}

/// One thing the inputs given say about the error.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Diagnosis {
    /// The object it is about, when one is.
    pub object: Option<usize>,
    /// This object is (most likely) the cause.
    pub at_fault: bool,
    pub text: String,
}

/// The request a Forbidden message names (`forbiddenMessage` in the API server).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct DeniedRequest {
    pub user: String,
    pub verb: String,
    /// `pods`; empty for a non-resource URL.
    pub resource: String,
    pub subresource: String,
    /// `""` for the core group.
    pub group: String,
    /// `None`: at the cluster scope.
    pub namespace: Option<String>,
    /// A non-resource URL (`/healthz`).
    pub path: Option<String>,
}
