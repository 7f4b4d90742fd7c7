//! A CertificateSigningRequest object as the report carries it (`certificates.k8s.io` v1 and
//! v1beta1; field meanings from `pkg/apis/certificates/types.go`). Read by `read::csr_object`.

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Requester {
    pub username: Option<String>,
    pub uid: Option<String>,
    pub groups: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Condition {
    #[serde(rename = "type")]
    pub kind: String,
    pub status: String,
    pub reason: Option<String>,
    pub message: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct CsrObjectFacts {
    pub name: String,
    /// metadata.creationTimestamp (RFC 3339) as given, and as unix seconds when it parses.
    pub created: Option<String>,
    pub created_unix: Option<i64>,
    pub api_version: String,
    pub signer_name: Option<String>,
    /// True when `signer_name` was not in the object and is the v1beta1 API's default.
    pub signer_defaulted: bool,
    pub usages: Vec<String>,
    /// True when `usages` was empty and is the v1beta1 API's default
    /// (`[digital signature, key encipherment]`, `SetDefaults_CertificateSigningRequestSpec`).
    pub usages_defaulted: bool,
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
    /// Read from `kubectl describe csr` output: the request and the spec fields describe does
    /// not print (usages, expirationSeconds) are unknown, not empty.
    pub described: bool,
    /// For a pending user request without `expirationSeconds` (so a year-long certificate):
    /// the same request as a new object asking for one day, for the requester to submit
    /// instead (a CSR's spec cannot be edited). YAML, every string JSON-quoted.
    pub resubmit_with_lifetime: Option<String>,
    /// The commands a reviewer would run.
    pub approve_command: String,
    pub deny_command: String,
}
