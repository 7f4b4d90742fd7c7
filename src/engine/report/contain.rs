//! What to do when a certificate leaks (issue #26): how long it works whatever is done, whether
//! RBAC can take its powers away at all, the bindings to remove (bound to its username, or
//! through its groups, which also affects every other member), what it can still do afterwards,
//! and the steps in order. Filled in by `analyse::contain`.

use serde::{Deserialize, Serialize};

/// One binding that grants the leaked identity something, and how to take it away.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct BindingStep {
    /// "ClusterRoleBinding ops-admin", "RoleBinding dev/amy-edit".
    pub binding: String,
    /// "ClusterRole cluster-admin".
    pub role: String,
    /// The subject that matched: "User amy", "Group dev".
    pub subject: String,
    /// The command that removes the grant: a delete when the subject is the binding's only one,
    /// else a JSON patch that removes that subject (after testing it is still the one at that
    /// index). Empty for Kubernetes' own default bindings, which are not to be removed.
    pub command: String,
    /// What removing it also does, or why not to.
    pub note: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Containment {
    /// The certificate's notAfter: it logs in until then, whatever is done.
    pub works_until: String,
    /// "in 9 months 3 days".
    pub window: String,
    /// Whether removing RBAC bindings takes all its powers away (not for system:masters, and not
    /// what the Node authorizer gives a node).
    pub rbac_contains: bool,
    /// What RBAC cannot reach for this identity.
    pub beyond_rbac: Vec<String>,
    /// Whether the cluster's RBAC objects were given (otherwise the bindings are Kubernetes' defaults only).
    pub cluster_rbac_given: bool,
    /// Bindings that name its username (or its ServiceAccount).
    pub user_bindings: Vec<BindingStep>,
    /// Bindings that reach it through one of its groups.
    pub group_bindings: Vec<BindingStep>,
    /// What it can still do once those are removed.
    pub afterwards: Vec<String>,
    /// The plan, in order.
    pub steps: Vec<String>,
}
