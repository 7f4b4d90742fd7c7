//! What an identity may do under RBAC, as the report carries it: the answer to one request
//! (`kubectl auth can-i`), the rows of `--list`, the bindings that apply, the dangerous powers,
//! and the reverse view of a pasted policy. Filled in by `analyse::access` with the authorizer
//! of `analyse::authz`.

use serde::{Deserialize, Serialize};

use super::Severity;

/// One request's attributes, as the API server builds them.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Request {
    pub verb: String,
    /// API group (`""` is the core group).
    pub group: String,
    pub resource: String,
    pub subresource: String,
    /// Object name; empty when the request has none (list, watch, create, deletecollection).
    pub name: String,
    /// Empty for cluster-scoped resources, non-resource URLs and "every namespace".
    pub namespace: String,
    /// Set for a non-resource request (`/healthz`); the resource fields are then empty.
    pub path: Option<String>,
}

impl Request {
    pub fn resource(verb: &str, group: &str, resource: &str, namespace: &str) -> Request {
        let (resource, subresource) = resource.split_once('/').unwrap_or((resource, ""));
        Request {
            verb: verb.into(),
            group: group.into(),
            resource: resource.into(),
            subresource: subresource.into(),
            namespace: namespace.into(),
            ..Default::default()
        }
    }
    pub fn url(verb: &str, path: &str) -> Request {
        Request {
            verb: verb.into(),
            path: Some(path.into()),
            ..Default::default()
        }
    }
    /// "get pods -n dev", "create pods/exec", "get /healthz".
    pub fn text(&self) -> String {
        if let Some(p) = &self.path {
            return format!("{} {p}", self.verb);
        }
        let mut s = format!("{} {}", self.verb, self.resource);
        if !self.group.is_empty() {
            s = format!("{s}.{}", self.group);
        }
        if !self.subresource.is_empty() {
            s = format!("{s}/{}", self.subresource);
        }
        if !self.name.is_empty() {
            s = format!("{s} named {}", self.name);
        }
        if !self.namespace.is_empty() {
            s = format!("{s} -n {}", self.namespace);
        }
        s
    }
}

/// A rule as it appears in the answer (field names as in YAML).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct RuleText {
    #[serde(rename = "apiGroups")]
    pub api_groups: Vec<String>,
    pub resources: Vec<String>,
    #[serde(rename = "resourceNames")]
    pub resource_names: Vec<String>,
    #[serde(rename = "nonResourceURLs")]
    pub non_resource_urls: Vec<String>,
    pub verbs: Vec<String>,
}

/// Which binding, role and rule allowed a request.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Via {
    /// "ClusterRoleBinding cluster-admin", "RoleBinding dev/amy-view", or "superuser authorizer".
    pub binding: String,
    /// "ClusterRole view (rules computed from aggregationRule)".
    pub role: String,
    pub rule: Option<RuleText>,
    /// The subject that matched: "User amy", "Group dev (a group of the identity)",
    /// "Group system:authenticated (every authenticated user)", "ServiceAccount ns/name".
    pub matched: String,
}

/// The answer to one request.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Decision {
    pub allowed: bool,
    pub request: Request,
    pub via: Option<Via>,
    /// One sentence: why yes or no.
    pub reason: String,
    /// What RBAC alone cannot show (Node authorizer, webhooks), and request adjustments made.
    pub notes: Vec<String>,
}

/// One row of `kubectl auth can-i --list`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ListRow {
    /// `pods`, `deployments.apps`, `*.*`; empty on a non-resource row.
    pub resource: String,
    pub non_resource_urls: Vec<String>,
    pub resource_names: Vec<String>,
    pub verbs: Vec<String>,
}

impl ListRow {
    /// The four cells as kubectl prints them (`[get list]`).
    pub fn cells(&self) -> [String; 4] {
        let b = |v: &[String]| format!("[{}]", v.join(" "));
        [
            self.resource.clone(),
            b(&self.non_resource_urls),
            b(&self.resource_names),
            b(&self.verbs),
        ]
    }
}

/// A binding that applies to an identity.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct AppliedBinding {
    pub binding: String,
    pub role: String,
    pub matched: String,
    /// The role does not exist: the binding grants nothing.
    pub role_missing: bool,
    /// The role's rules were computed from its aggregationRule.
    pub computed: bool,
}

/// What an identity may do in one scope.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Scope {
    /// `None`: every namespace and the cluster (ClusterRoleBindings); `Some(ns)`: what the
    /// RoleBindings of `ns` add there (`kubectl auth can-i --list -n ns` shows both together).
    pub namespace: Option<String>,
    /// At most `analyse::authz::MAX_ROWS`; `more` says how many were left out (`--list` prints them all).
    pub rows: Vec<ListRow>,
    pub more: usize,
}

/// A dangerous power held, with the binding that grants it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Power {
    /// Stable: `cluster-admin`, `read-secrets`, `create-workloads`, `exec-into-pods`,
    /// `node-proxy`, `escalate-or-bind`, `impersonate`, `approve-csrs`, `create-tokens`,
    /// `write-webhooks`, `wildcard`.
    pub id: String,
    pub title: String,
    pub severity: Severity,
    /// "in every namespace" or "in namespace dev" or "cluster-wide".
    pub scope: String,
    /// "ClusterRoleBinding x → ClusterRole y (matched Group dev)".
    pub via: String,
    /// Why it matters.
    pub why: String,
}

/// What one identity may do under the policy.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Access {
    pub username: String,
    pub groups: Vec<String>,
    /// In system:masters: allowed everything before RBAC is asked.
    pub superuser: bool,
    /// What RBAC alone cannot show for this identity.
    pub notes: Vec<String>,
    pub bindings: Vec<AppliedBinding>,
    pub scopes: Vec<Scope>,
    pub powers: Vec<Power>,
}

/// Which subjects hold one dangerous power (the reverse view of a pasted policy).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PowerHolders {
    pub id: String,
    pub title: String,
    pub holders: Vec<Holder>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Holder {
    /// "User alice", "Group ops", "ServiceAccount kube-system/foo".
    pub subject: String,
    pub severity: Severity,
    pub scope: String,
    pub via: String,
}

/// The policy part of the report.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct RbacReport {
    /// `pasted` (RBAC objects in the input) or `bootstrap` (Kubernetes' default policy).
    pub origin: String,
    /// Set for the bootstrap policy: what it is and what it is not.
    pub caveat: Option<String>,
    pub cluster_roles: usize,
    pub roles: usize,
    pub cluster_role_bindings: usize,
    pub role_bindings: usize,
    /// Aggregated ClusterRoles whose rules were computed here.
    pub computed: Vec<String>,
    /// Bindings to roles that do not exist (they grant nothing).
    pub dangling: Vec<String>,
    /// One per distinct identity in the input; objects name theirs by `access`.
    pub identities: Vec<Access>,
    /// For a pasted policy: who holds each dangerous power.
    pub holders: Vec<PowerHolders>,
    /// Set when identities were left out (a cap on big inputs).
    pub note: Option<String>,
}
