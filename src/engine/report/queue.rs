//! The reviewer's queue as the report carries it: one row per CertificateSigningRequest object,
//! with `kubectl get csr`'s columns and the verdict. Built by `analyse::queue`.

use serde::{Deserialize, Serialize};

use super::{Severity, VerdictLevel};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CsrQueue {
    /// Worst first: verdict, then the worst finding, then name.
    pub rows: Vec<QueueRow>,
    /// `kubectl certificate approve …` for the pending requests whose verdict is routine.
    pub approve_command: Option<String>,
    /// `kubectl certificate deny …` for the pending requests not to approve.
    pub deny_command: Option<String>,
    /// Pending requests that need a careful look before either command (by name).
    pub to_review: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct QueueRow {
    /// The CSR object's id in `objects`.
    pub object: usize,
    pub name: String,
    /// kubectl's AGE (`HumanDuration` of now − creationTimestamp), `<unknown>` without one.
    pub age: String,
    /// Seconds since creation, for sorting; `None` without a creationTimestamp.
    pub age_seconds: Option<i64>,
    /// `<none>` when not set.
    pub signer_name: String,
    /// spec.username, the submitter.
    pub requestor: String,
    /// kubectl's REQUESTEDDURATION: `HumanDuration(expirationSeconds)` or `<none>`.
    pub requested_duration: String,
    pub requested_seconds: Option<i64>,
    /// kubectl's CONDITION: `Denied` / `Approved` / `Pending`, then `,Failed`, then `,Issued`.
    pub condition: String,
    /// The identity the certificate would carry (last CN), `None` when the request is unreadable.
    pub username: Option<String>,
    /// Every group the API server would see.
    pub groups: Vec<String>,
    pub verdict: VerdictLevel,
    pub verdict_label: String,
    /// The worst finding's severity and title, for the row.
    pub worst: Option<Severity>,
    pub reason: Option<String>,
}
