//! Reader of RBAC objects (`ClusterRole`, `ClusterRoleBinding`, `Role`, `RoleBinding`, alone or
//! in `List`s) into a [`Policy`] that [`crate::engine::analyse::authz`] queries; and Kubernetes' default
//! bootstrap policy for when none is pasted.
//!
//! Aggregation is computed here, as the `clusterroleaggregation` controller does it
//! (`pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go`): a ClusterRole
//! with `aggregationRule.clusterRoleSelectors` gets the rules of every other ClusterRole that a
//! selector matches, in name order, exact duplicates dropped. A live cluster's dump already
//! carries the computed rules, so only roles whose `rules` are empty are computed (and labelled
//! so), repeatedly until nothing changes (`view` → `edit` → `admin`).

use std::collections::BTreeMap;

use serde_json::Value;

/// One `rules[]` entry.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PolicyRule {
    pub verbs: Vec<String>,
    pub api_groups: Vec<String>,
    pub resources: Vec<String>,
    pub resource_names: Vec<String>,
    pub non_resource_urls: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelSelector {
    pub match_labels: BTreeMap<String, String>,
    /// (key, operator, values): operators In, NotIn, Exists, DoesNotExist.
    pub match_expressions: Vec<(String, String, Vec<String>)>,
}

impl LabelSelector {
    /// Kubernetes' `LabelSelectorAsSelector`: every requirement must hold; an empty selector
    /// matches everything, an unknown operator nothing.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        self.match_labels.iter().all(|(k, v)| labels.get(k) == Some(v))
            && self.match_expressions.iter().all(|(k, op, values)| match op.as_str() {
                "In" => labels.get(k).is_some_and(|v| values.contains(v)),
                "NotIn" => labels.get(k).is_none_or(|v| !values.contains(v)),
                "Exists" => labels.contains_key(k),
                "DoesNotExist" => !labels.contains_key(k),
                _ => false,
            })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RoleDef {
    /// `None` for a ClusterRole.
    pub namespace: Option<String>,
    pub name: String,
    pub labels: BTreeMap<String, String>,
    pub rules: Vec<PolicyRule>,
    pub aggregation: Option<Vec<LabelSelector>>,
    /// The rules were computed here from `aggregationRule` (the input had none).
    pub computed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubjectRef {
    /// `User`, `Group` or `ServiceAccount`.
    pub kind: String,
    pub name: String,
    pub namespace: Option<String>,
}

impl SubjectRef {
    pub fn text(&self) -> String {
        match (&*self.kind, &self.namespace) {
            ("ServiceAccount", Some(ns)) => format!("ServiceAccount {ns}/{}", self.name),
            _ => format!("{} {}", self.kind, self.name),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct BindingDef {
    /// `None` for a ClusterRoleBinding.
    pub namespace: Option<String>,
    pub name: String,
    /// `Role` or `ClusterRole`.
    pub role_kind: String,
    pub role_name: String,
    pub subjects: Vec<SubjectRef>,
}

impl BindingDef {
    /// "ClusterRoleBinding cluster-admin", "RoleBinding dev/amy-view".
    pub fn text(&self) -> String {
        match &self.namespace {
            None => format!("ClusterRoleBinding {}", self.name),
            Some(ns) => format!("RoleBinding {ns}/{}", self.name),
        }
    }
    pub fn role_text(&self) -> String {
        match (&*self.role_kind, &self.namespace) {
            ("Role", Some(ns)) => format!("Role {ns}/{}", self.role_name),
            (k, _) => format!("{k} {}", self.role_name),
        }
    }
}

/// Where the policy came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// RBAC objects in the input: the user's cluster.
    Pasted,
    /// Nothing pasted: Kubernetes' default bootstrap policy (`data/rbac-bootstrap/`).
    Bootstrap,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    pub origin: Origin,
    pub cluster_roles: Vec<RoleDef>,
    pub roles: Vec<RoleDef>,
    pub bindings: Vec<BindingDef>,
    /// Lookups built by [`Policy::reindex`]: a policy of thousands of objects is asked about
    /// thousands of subjects (the reverse view), so no question walks every object.
    index: Index,
}

#[derive(Clone, Debug, PartialEq, Default)]
struct Index {
    /// `(namespace, name)` → position in `cluster_roles` (namespace `None`) or `roles`.
    roles: std::collections::HashMap<(Option<String>, String), usize>,
    /// Subject key (`U:name`, `G:name`, `S:namespace:name`) → bindings naming it, in order.
    subjects: std::collections::HashMap<String, Vec<usize>>,
}

/// The index key of a subject as a binding names it (`None`: it can match nobody).
pub fn subject_key(s: &SubjectRef, binding_ns: Option<&str>) -> Option<String> {
    match s.kind.as_str() {
        "User" => Some(format!("U:{}", s.name)),
        "Group" => Some(format!("G:{}", s.name)),
        "ServiceAccount" => {
            let ns = s.namespace.as_deref().or(binding_ns).filter(|n| !n.is_empty())?;
            Some(format!("S:{ns}:{}", s.name))
        }
        _ => None,
    }
}

/// Shown when a partial paste was completed with the default policy.
pub const COMPLETED_CAVEAT: &str = "The RBAC objects given have no cluster-admin ClusterRole, so they are not a whole cluster's policy: Kubernetes' default roles and bindings (its bootstrap policy, about v1.30) were added underneath, yours winning on equal names. For your cluster's exact answer, give the whole output of: kubectl get clusterroles,clusterrolebindings,roles,rolebindings -A -o yaml";

/// The version caveat shown whenever the bootstrap policy stands in for the cluster's.
pub const BOOTSTRAP_CAVEAT: &str = "No RBAC objects were given, so this is what Kubernetes' default bootstrap policy alone grants (its own test data, about v1.30; a cluster's installer and operators add bindings, and newer versions add roles). For your cluster's answer, add the output of: kubectl get clusterroles,clusterrolebindings,roles,rolebindings -A -o yaml";

/// The default policy as one JSON List, made from the six YAML files beside it by
/// `scripts/make-bootstrap-json.py` (JSON parses ~20x faster than YAML in the browser; the test
/// `bootstrap_json_matches_the_yaml` proves they hold the same policy).
const BOOTSTRAP_JSON: &str = include_str!("../../../data/rbac-bootstrap/policy.json");

/// The four RBAC kinds.
pub fn is_rbac(v: &Value) -> bool {
    let kind = v.get("kind").and_then(Value::as_str).unwrap_or("");
    let api = v.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    matches!(kind, "ClusterRole" | "ClusterRoleBinding" | "Role" | "RoleBinding") && api.starts_with("rbac.authorization.k8s.io/")
}

/// Collects RBAC objects as they are read.
#[derive(Default, Debug, Clone)]
pub struct PolicyBuilder {
    pub cluster_roles: Vec<RoleDef>,
    pub roles: Vec<RoleDef>,
    pub bindings: Vec<BindingDef>,
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default()
}

fn string_map(v: Option<&Value>) -> BTreeMap<String, String> {
    v.and_then(Value::as_object)
        .map(|m| m.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect())
        .unwrap_or_default()
}

fn rule(v: &Value) -> PolicyRule {
    PolicyRule {
        verbs: strings(v.get("verbs")),
        api_groups: strings(v.get("apiGroups")),
        resources: strings(v.get("resources")),
        resource_names: strings(v.get("resourceNames")),
        non_resource_urls: strings(v.get("nonResourceURLs")),
    }
}

fn selector(v: &Value) -> LabelSelector {
    LabelSelector {
        match_labels: string_map(v.get("matchLabels")),
        match_expressions: v
            .get("matchExpressions")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|e| {
                        let s = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                        (s("key"), s("operator"), strings(e.get("values")))
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

impl PolicyBuilder {
    /// Reads one RBAC object. `Err` says what was expected and what was found.
    pub fn add(&mut self, v: &Value) -> Result<(), String> {
        let kind = v.get("kind").and_then(Value::as_str).unwrap_or("");
        let meta = v.get("metadata");
        let name = meta.and_then(|m| m.get("name")).and_then(Value::as_str).unwrap_or("").to_string();
        if name.is_empty() {
            return Err(format!("a {kind} without metadata.name; expected a named object"));
        }
        let namespace = meta
            .and_then(|m| m.get("namespace"))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        match kind {
            "ClusterRole" | "Role" => {
                let role = RoleDef {
                    namespace: if kind == "Role" {
                        Some(namespace.unwrap_or_else(|| "default".into()))
                    } else {
                        None
                    },
                    name,
                    labels: string_map(meta.and_then(|m| m.get("labels"))),
                    rules: v
                        .get("rules")
                        .and_then(Value::as_array)
                        .map(|a| a.iter().map(rule).collect())
                        .unwrap_or_default(),
                    aggregation: v
                        .get("aggregationRule")
                        .and_then(|a| a.get("clusterRoleSelectors"))
                        .and_then(Value::as_array)
                        .filter(|_| kind == "ClusterRole")
                        .map(|a| a.iter().map(selector).collect()),
                    computed: false,
                };
                if kind == "Role" {
                    self.roles.push(role);
                } else {
                    self.cluster_roles.push(role);
                }
            }
            _ => {
                let role_ref = v.get("roleRef");
                let rs = |k: &str| role_ref.and_then(|r| r.get(k)).and_then(Value::as_str).unwrap_or("").to_string();
                let (role_kind, role_name) = (rs("kind"), rs("name"));
                if role_name.is_empty() || !matches!(&*role_kind, "Role" | "ClusterRole") {
                    return Err(format!(
                        "{kind} {name}: expected roleRef with kind Role or ClusterRole and a name, found kind \"{role_kind}\" name \"{role_name}\""
                    ));
                }
                if kind == "ClusterRoleBinding" && role_kind == "Role" {
                    return Err(format!(
                        "ClusterRoleBinding {name}: roleRef kind Role; a ClusterRoleBinding can only refer to a ClusterRole (the API rejects it)"
                    ));
                }
                let subjects = v
                    .get("subjects")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .map(|s| {
                                let f = |k: &str| s.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                                SubjectRef {
                                    kind: f("kind"),
                                    name: f("name"),
                                    namespace: Some(f("namespace")).filter(|n| !n.is_empty()),
                                }
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                self.bindings.push(BindingDef {
                    namespace: if kind == "RoleBinding" {
                        Some(namespace.unwrap_or_else(|| "default".into()))
                    } else {
                        None
                    },
                    name,
                    role_kind,
                    role_name,
                    subjects,
                });
            }
        }
        Ok(())
    }

    /// A paste of a few objects (no `cluster-admin` ClusterRole, which every cluster has) is
    /// what someone added to a cluster, not the cluster's whole policy: Kubernetes' default
    /// roles and bindings are laid underneath, the pasted objects winning on equal names.
    /// Returns true when it did so.
    pub fn complete_with_defaults(&mut self) -> bool {
        if self.cluster_roles.iter().any(|r| r.name == "cluster-admin") {
            return false;
        }
        let defaults = bootstrap_objects();
        for r in &defaults.cluster_roles {
            if !self.cluster_roles.iter().any(|x| x.name == r.name) {
                self.cluster_roles.push(r.clone());
            }
        }
        for r in &defaults.roles {
            if !self.roles.iter().any(|x| x.name == r.name && x.namespace == r.namespace) {
                self.roles.push(r.clone());
            }
        }
        for b in &defaults.bindings {
            if !self.bindings.iter().any(|x| x.name == b.name && x.namespace == b.namespace) {
                self.bindings.push(b.clone());
            }
        }
        true
    }

    /// How many objects were read.
    pub fn len(&self) -> usize {
        self.cluster_roles.len() + self.roles.len() + self.bindings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cluster_roles.is_empty() && self.roles.is_empty() && self.bindings.is_empty()
    }

    pub fn build(self, origin: Origin) -> Policy {
        let mut p = Policy {
            origin,
            cluster_roles: self.cluster_roles,
            roles: self.roles,
            bindings: self.bindings,
            index: Index::default(),
        };
        p.cluster_roles.sort_by(|a, b| a.name.cmp(&b.name));
        aggregate(&mut p.cluster_roles);
        p.reindex();
        p
    }
}

/// Computes the rules of aggregated ClusterRoles that came without rules, to a fixed point.
/// `roles` is sorted by name.
fn aggregate(roles: &mut [RoleDef]) {
    let pending: Vec<usize> = (0..roles.len())
        .filter(|&i| roles[i].aggregation.is_some() && roles[i].rules.is_empty())
        .collect();
    // Each pass can only add rules; a chain of n aggregated roles settles in n passes.
    for _ in 0..=pending.len() {
        let mut changed = false;
        for &i in &pending {
            let selectors = roles[i].aggregation.clone().unwrap_or_default();
            let mut rules: Vec<PolicyRule> = Vec::new();
            for (j, other) in roles.iter().enumerate() {
                if j == i || !selectors.iter().any(|s| s.matches(&other.labels)) {
                    continue;
                }
                for r in &other.rules {
                    if !rules.contains(r) {
                        rules.push(r.clone());
                    }
                }
            }
            if rules != roles[i].rules {
                roles[i].rules = rules;
                roles[i].computed = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// Every item of the `List`s in these texts.
fn read_list(texts: &[&str]) -> PolicyBuilder {
    let mut b = PolicyBuilder::default();
    for text in texts {
        for doc in crate::engine::read::sniff::documents(text).unwrap_or_default() {
            for item in doc.get("items").and_then(Value::as_array).into_iter().flatten() {
                let _ = b.add(item);
            }
        }
    }
    b
}

/// The default policy's objects as written (aggregated roles without rules), read once.
fn bootstrap_objects() -> &'static PolicyBuilder {
    static OBJECTS: std::sync::OnceLock<PolicyBuilder> = std::sync::OnceLock::new();
    OBJECTS.get_or_init(|| read_list(&[BOOTSTRAP_JSON]))
}

impl Policy {
    /// Kubernetes' default bootstrap policy, read once.
    pub fn bootstrap() -> &'static Policy {
        static POLICY: std::sync::OnceLock<Policy> = std::sync::OnceLock::new();
        POLICY.get_or_init(|| bootstrap_objects().clone().build(Origin::Bootstrap))
    }

    /// Rebuilds the lookups; call after changing `roles` or `bindings` by hand. The first of
    /// equal names wins, as in `find`.
    pub fn reindex(&mut self) {
        let mut idx = Index::default();
        for (i, r) in self.cluster_roles.iter().enumerate() {
            idx.roles.entry((None, r.name.clone())).or_insert(i);
        }
        for (i, r) in self.roles.iter().enumerate() {
            idx.roles.entry((r.namespace.clone(), r.name.clone())).or_insert(i);
        }
        for (i, b) in self.bindings.iter().enumerate() {
            for s in &b.subjects {
                if let Some(k) = subject_key(s, b.namespace.as_deref()) {
                    let v = idx.subjects.entry(k).or_default();
                    if v.last() != Some(&i) {
                        v.push(i);
                    }
                }
            }
        }
        self.index = idx;
    }

    /// Positions in `bindings` of those naming any of these subject keys, in policy order.
    pub fn bindings_naming(&self, keys: &[String]) -> Vec<usize> {
        let mut out: Vec<usize> = keys.iter().filter_map(|k| self.index.subjects.get(k)).flatten().copied().collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The role a binding refers to; `None` when it does not exist (the binding grants nothing).
    pub fn role_for(&self, b: &BindingDef) -> Option<&RoleDef> {
        match (&*b.role_kind, &b.namespace) {
            ("ClusterRole", _) => self
                .index
                .roles
                .get(&(None, b.role_name.clone()))
                .and_then(|&i| self.cluster_roles.get(i)),
            ("Role", Some(ns)) => self
                .index
                .roles
                .get(&(Some(ns.clone()), b.role_name.clone()))
                .and_then(|&i| self.roles.get(i)),
            _ => None,
        }
    }

    /// Bindings whose role does not exist.
    pub fn dangling(&self) -> Vec<&BindingDef> {
        self.bindings.iter().filter(|b| self.role_for(b).is_none()).collect()
    }
}

/// One RBAC object: into the policy being built, not an object of the report.
pub fn read_object(r: &mut super::Reading, v: &Value, here: &str, place: &super::Place) {
    if let Err(e) = r.rbac.add(v) {
        r.not_understood.push(format!("{}{here}: {e}.", super::prefix(place)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bootstrap_reads_every_object_and_computes_view_edit_admin() {
        let p = Policy::bootstrap();
        assert_eq!(p.origin, Origin::Bootstrap);
        // Counted in data/rbac-bootstrap with PyYAML: items by kind.
        assert_eq!(p.cluster_roles.len(), 69);
        assert_eq!(p.roles.len(), 7);
        assert_eq!(p.bindings.len(), 48 + 7);
        let role = |n: &str| p.cluster_roles.iter().find(|r| r.name == n).unwrap();
        let (view, edit, admin) = (role("view"), role("edit"), role("admin"));
        assert!(view.computed && edit.computed && admin.computed);
        // edit includes every view rule, admin every edit rule (the chain reached its fixed point).
        assert!(view.rules.iter().all(|r| edit.rules.contains(r)));
        assert!(edit.rules.iter().all(|r| admin.rules.contains(r)));
        assert!(admin.rules.len() > edit.rules.len() && edit.rules.len() > view.rules.len());
        assert!(!role("cluster-admin").computed);
        // A binding to a role absent from the data (README: podcheckpoint-controller).
        assert!(p.dangling().iter().any(|b| b.role_name.contains("podcheckpoint")));
    }

    #[test]
    fn bootstrap_json_matches_the_yaml() {
        let yaml = read_list(&[
            include_str!("../../../data/rbac-bootstrap/cluster-roles.yaml"),
            include_str!("../../../data/rbac-bootstrap/cluster-role-bindings.yaml"),
            include_str!("../../../data/rbac-bootstrap/namespace-roles.yaml"),
            include_str!("../../../data/rbac-bootstrap/namespace-role-bindings.yaml"),
            include_str!("../../../data/rbac-bootstrap/controller-roles.yaml"),
            include_str!("../../../data/rbac-bootstrap/controller-role-bindings.yaml"),
        ]);
        let json = bootstrap_objects();
        assert_eq!(yaml.cluster_roles, json.cluster_roles);
        assert_eq!(yaml.roles, json.roles);
        assert_eq!(yaml.bindings, json.bindings);
    }

    #[test]
    fn selectors_follow_label_selector_semantics() {
        let labels: BTreeMap<String, String> = [("a".to_string(), "1".to_string())].into();
        let sel = |ml: &[(&str, &str)], me: &[(&str, &str, &[&str])]| LabelSelector {
            match_labels: ml.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            match_expressions: me
                .iter()
                .map(|(k, o, v)| (k.to_string(), o.to_string(), v.iter().map(|s| s.to_string()).collect()))
                .collect(),
        };
        assert!(sel(&[("a", "1")], &[]).matches(&labels));
        assert!(!sel(&[("a", "2")], &[]).matches(&labels));
        assert!(sel(&[], &[("a", "In", &["1", "3"])]).matches(&labels));
        assert!(!sel(&[], &[("a", "NotIn", &["1"])]).matches(&labels));
        assert!(sel(&[], &[("b", "NotIn", &["1"])]).matches(&labels));
        assert!(sel(&[], &[("a", "Exists", &[])]).matches(&labels));
        assert!(sel(&[], &[("b", "DoesNotExist", &[])]).matches(&labels));
        assert!(!sel(&[], &[("a", "Bogus", &[])]).matches(&labels));
    }

    #[test]
    fn a_cluster_role_binding_to_a_role_is_refused() {
        let v: Value = serde_json::json!({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding",
            "metadata":{"name":"x"},"roleRef":{"kind":"Role","name":"r"}});
        let mut b = PolicyBuilder::default();
        assert!(b.add(&v).unwrap_err().contains("can only refer to a ClusterRole"));
        let unnamed: Value = serde_json::json!({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role"});
        assert!(b.add(&unnamed).unwrap_err().contains("without metadata.name"));
    }
}
