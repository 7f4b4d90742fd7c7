//! The certificate security checklist (issue #26), item by item, for an input that is more than
//! one file (a node's archive or folder, kubeconfigs of several clusters): each item passes,
//! fails or is not in this input, with the findings that decided it. Filled in by
//! `analyse::checklist` from the rules' outcomes; it says nothing the findings do not.

use serde::{Deserialize, Serialize};

use super::Severity;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    Pass,
    Fail,
    /// The input holds no evidence either way.
    NotInInput,
}

impl ItemStatus {
    pub fn label(self) -> &'static str {
        match self {
            ItemStatus::Pass => "pass",
            ItemStatus::Fail => "fail",
            ItemStatus::NotInInput => "not in this input",
        }
    }
}

/// A finding an item points to.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ItemFinding {
    pub object: usize,
    pub rule: String,
    pub severity: Severity,
    pub title: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ChecklistItem {
    /// Stable: `protect-private-keys`, `manage-expiration`, `minimise-trust`, `short-lived-credentials`.
    pub id: String,
    pub title: String,
    pub status: ItemStatus,
    /// What was checked, or why the input cannot say.
    pub summary: String,
    /// The rules that make up the item.
    pub rules: Vec<String>,
    /// Their findings above info, worst first.
    pub findings: Vec<ItemFinding>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Checklist {
    pub items: Vec<ChecklistItem>,
}
