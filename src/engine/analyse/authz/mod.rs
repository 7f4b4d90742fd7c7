//! The RBAC authorizer, offline: given a [`Policy`] and an identity (username + groups), answers
//! what `kubectl auth can-i` would, lists what `kubectl auth can-i --list` lists, and names the
//! dangerous powers an identity holds and the binding that grants each.
//!
//! Semantics (`../shared/k8s-rules.md` §9) from `kubernetes/kubernetes`:
//! `pkg/apis/rbac/v1/evaluation_helpers.go` (rule matching), `plugin/pkg/auth/authorizer/rbac/rbac.go`
//! (`RuleAllows`), `pkg/registry/rbac/validation/rule.go` (`VisitRulesFor`, `appliesTo`), and the
//! authorizer chain in `pkg/kubeapiserver/authorizer/reload.go` (system:masters first).

mod bindings;
mod list;
mod matching;
mod powers;

pub use bindings::{applied_bindings, subject_matches};
pub use list::{list, rows_of};
pub use matching::rule_allows;
pub use powers::{access, holders, powers};

use crate::engine::facts::identity::{SYSTEM_MASTERS, SYSTEM_NODES};
use crate::engine::read::rbac::{Origin, Policy, PolicyRule};
use crate::engine::report::access::{Decision, ListRow, Request, RuleText, Via};
use bindings::{bound, is_superuser, role_label, visit};

/// Rows kept per scope in the report, and scopes per identity: a hostile role of 100,000
/// resources must not make a report of gigabytes.
pub const MAX_ROWS: usize = 1000;
pub const MAX_SCOPES: usize = 50;

/// Who is asking: the username and every group, `system:authenticated` included where the API
/// server adds it (the report's `groups`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Who {
    pub user: String,
    pub groups: Vec<String>,
}

impl From<&PolicyRule> for RuleText {
    fn from(r: &PolicyRule) -> Self {
        RuleText {
            api_groups: r.api_groups.clone(),
            resources: r.resources.clone(),
            resource_names: r.resource_names.clone(),
            non_resource_urls: r.non_resource_urls.clone(),
            verbs: r.verbs.clone(),
        }
    }
}

/// kubectl's table: Resources, Non-Resource URLs, Resource Names, Verbs, columns padded.
pub fn list_table(rows: &[ListRow]) -> String {
    let mut cells: Vec<[String; 4]> = vec![["Resources", "Non-Resource URLs", "Resource Names", "Verbs"].map(String::from)];
    cells.extend(rows.iter().map(ListRow::cells));
    let widths: Vec<usize> = (0..4)
        .map(|i| cells.iter().map(|c| c[i].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for c in &cells {
        let mut line = String::new();
        for i in 0..4 {
            if i == 3 {
                line.push_str(&c[i]);
            } else {
                line.push_str(&format!("{:w$}   ", c[i], w = widths[i]));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Notes on what RBAC data cannot show for this identity.
pub fn identity_notes(who: &Who, origin: Origin) -> Vec<String> {
    let mut notes = Vec::new();
    if is_superuser(who) {
        notes.push(format!("{SYSTEM_MASTERS} is allowed everything by the API server's superuser authorizer, which answers before RBAC: no binding, and no removal of a binding, changes that. Only revoking the certificate's trust (rotating the CA) takes it away."));
    }
    if who.user.starts_with("system:node:") && who.groups.iter().any(|g| g == SYSTEM_NODES) {
        notes.push("The Node authorizer also answers for this identity, before RBAC: it lets a node read the Secrets, ConfigMaps, volumes and service-account tokens of the pods bound to it, and update its own Node and Lease objects. Those object-scoped grants are not RBAC data, so they are not in this table.".into());
    }
    if origin == Origin::Bootstrap {
        notes.push("Managed clusters (EKS, GKE, AKS) also ask a webhook authorizer, which can allow more than RBAC shows.".into());
    }
    notes
}

/// Answers one request as the authorizer chain would (superuser, then RBAC).
pub fn decide(policy: &Policy, who: &Who, req: &Request) -> Decision {
    let mut req = req.clone();
    let mut notes = Vec::new();
    if req.path.is_none() && !req.name.is_empty() && matches!(req.verb.as_str(), "list" | "watch" | "create" | "deletecollection") {
        notes.push(format!(
            "A {} request carries no object name, so the name {} is not part of it (rules with resourceNames never cover {}).",
            req.verb, req.name, req.verb
        ));
        req.name.clear();
    }
    notes.extend(
        identity_notes(who, policy.origin)
            .into_iter()
            .filter(|n| !n.starts_with(SYSTEM_MASTERS)),
    );
    if is_superuser(who) {
        return Decision {
            allowed: true,
            reason: format!(
                "{} is in {SYSTEM_MASTERS}: the superuser authorizer allows every request before RBAC is asked.",
                who.user
            ),
            via: Some(Via {
                binding: "superuser authorizer".into(),
                role: "(none: not RBAC)".into(),
                rule: None,
                matched: format!("Group {SYSTEM_MASTERS}"),
            }),
            request: req,
            notes,
        };
    }
    let mut via = None;
    let bound = bound(policy, who);
    visit(&bound, &req.namespace, |b, role, rule, matched| {
        if rule_allows(rule, &req) {
            via = Some(Via {
                binding: b.text(),
                role: role_label(role, b),
                rule: Some(rule.into()),
                matched: matched.to_string(),
            });
            true
        } else {
            false
        }
    });
    let reason = match &via {
        Some(v) => format!("{} → {} allows it ({}).", v.binding, v.role, v.matched),
        None if req.namespace.is_empty() && req.path.is_none() => "No ClusterRoleBinding of this identity has a rule that covers it (RoleBindings never grant cluster-scoped resources or requests across every namespace).".to_string(),
        None if req.path.is_some() => "No ClusterRoleBinding of this identity has a rule that covers this URL (RoleBindings never grant non-resource URLs).".to_string(),
        None => format!("No ClusterRoleBinding of this identity, and no RoleBinding in namespace {}, has a rule that covers it. RBAC has no deny: nothing matched, so the answer is no.", req.namespace),
    };
    Decision {
        allowed: via.is_some(),
        request: req,
        via,
        reason,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::facts::identity::AUTHENTICATED;
    use crate::engine::read::rbac::PolicyBuilder;
    use crate::engine::read::rbac::{BindingDef, SubjectRef};
    use crate::engine::report::Severity;

    fn policy(yaml: &str) -> Policy {
        let mut b = PolicyBuilder::default();
        for doc in crate::engine::read::sniff::documents(yaml).unwrap() {
            b.add(&doc).unwrap();
        }
        b.build(Origin::Pasted)
    }

    fn user(name: &str, groups: &[&str]) -> Who {
        let mut g: Vec<String> = groups.iter().map(|s| s.to_string()).collect();
        g.push(AUTHENTICATED.into());
        Who {
            user: name.into(),
            groups: g,
        }
    }

    fn can(p: &Policy, w: &Who, verb: &str, group: &str, res: &str, ns: &str) -> bool {
        decide(p, w, &Request::resource(verb, group, res, ns)).allowed
    }

    const ROLES: &str = r#"
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pod-reader}
rules:
- apiGroups: [""]
  resources: ["pods", "pods/log"]
  verbs: ["get", "list"]
- apiGroups: [""]
  resources: ["configmaps"]
  resourceNames: ["app-config"]
  verbs: ["get", "update"]
- apiGroups: ["", "apps"]
  resources: ["*/scale"]
  verbs: ["patch"]
- nonResourceURLs: ["/metrics", "/logs/*"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: readers, namespace: dev}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: amy}
- {kind: ServiceAccount, name: app}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops-readers}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: ops}
- {kind: ServiceAccount, name: nowhere}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ghost, namespace: dev}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: does-not-exist}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: amy}
"#;

    #[test]
    fn rolebinding_to_a_clusterrole_grants_only_in_its_namespace() {
        let p = policy(ROLES);
        let amy = user("amy", &[]);
        assert!(can(&p, &amy, "get", "", "pods", "dev"));
        assert!(!can(&p, &amy, "get", "", "pods", "prod"));
        // Every namespace at once is cluster scope: RoleBindings never count.
        assert!(!can(&p, &amy, "get", "", "pods", ""));
        assert!(!decide(&p, &amy, &Request::url("get", "/metrics")).allowed);
        // The group binding is cluster-wide, URLs included.
        let ops = user("bob", &["ops"]);
        assert!(can(&p, &ops, "list", "", "pods", "prod"));
        assert!(can(&p, &ops, "list", "", "pods", ""));
        assert!(decide(&p, &ops, &Request::url("get", "/metrics")).allowed);
    }

    #[test]
    fn subresources_wildcards_and_names_match_like_the_authorizer() {
        let p = policy(ROLES);
        let ops = user("bob", &["ops"]);
        assert!(can(&p, &ops, "get", "", "pods/log", "dev"));
        assert!(!can(&p, &ops, "get", "", "pods/exec", "dev"), "pods does not cover pods/exec");
        assert!(can(&p, &ops, "patch", "apps", "deployments/scale", "dev"), "*/scale");
        assert!(!can(&p, &ops, "patch", "apps", "deployments", "dev"), "*/scale is not the resource");
        assert!(!can(&p, &ops, "patch", "batch", "jobs/scale", "dev"), "apiGroups still apply");
        assert!(!can(&p, &ops, "get", "", "pods", "") || can(&p, &ops, "get", "", "pods", ""));
        let mut named = Request::resource("get", "", "configmaps", "dev");
        named.name = "app-config".into();
        assert!(decide(&p, &ops, &named).allowed);
        named.name = "other".into();
        assert!(!decide(&p, &ops, &named).allowed);
        // resourceNames never cover create (the request has no name).
        let mut create = Request::resource("create", "", "configmaps", "dev");
        create.name = "app-config".into();
        let d = decide(&p, &ops, &create);
        assert!(!d.allowed && d.notes.iter().any(|n| n.contains("carries no object name")));
        assert!(decide(&p, &ops, &Request::url("get", "/logs/kube-apiserver.log")).allowed);
        assert!(
            !decide(&p, &ops, &Request::url("get", "/logs")).allowed,
            "/logs/* is a prefix of /logs/…"
        );
        assert!(!decide(&p, &ops, &Request::url("post", "/metrics")).allowed);
    }

    #[test]
    fn service_account_subjects_default_to_the_binding_namespace() {
        let p = policy(ROLES);
        let app = Who {
            user: "system:serviceaccount:dev:app".into(),
            groups: vec![AUTHENTICATED.into()],
        };
        assert!(can(&p, &app, "get", "", "pods", "dev"));
        let other = Who {
            user: "system:serviceaccount:prod:app".into(),
            groups: vec![AUTHENTICATED.into()],
        };
        assert!(!can(&p, &other, "get", "", "pods", "dev"));
        // In a ClusterRoleBinding a ServiceAccount subject without namespace matches nothing.
        let nowhere = Who {
            user: "system:serviceaccount::nowhere".into(),
            groups: vec![],
        };
        assert!(!can(&p, &nowhere, "get", "", "pods", "dev"));
    }

    #[test]
    fn a_missing_role_grants_nothing_and_is_shown() {
        let p = policy(ROLES);
        let b = applied_bindings(&p, &user("amy", &[]));
        let ghost = b.iter().find(|x| x.binding == "RoleBinding dev/ghost").unwrap();
        assert!(ghost.role_missing);
        assert_eq!(p.dangling().len(), 1);
    }

    #[test]
    fn system_masters_is_allowed_before_rbac() {
        let p = policy(ROLES);
        let admin = user("kubernetes-admin", &[SYSTEM_MASTERS]);
        let d = decide(&p, &admin, &Request::resource("delete", "", "nodes", ""));
        assert!(d.allowed);
        assert_eq!(d.via.unwrap().binding, "superuser authorizer");
        assert_eq!(list(&p, &admin, None)[0].resource, "*.*");
    }

    #[test]
    fn list_rows_look_like_kubectl() {
        let p = policy(ROLES);
        let rows = list(&p, &user("amy", &[]), Some("dev"));
        let table = list_table(&rows);
        assert!(table.starts_with("Resources"), "{table}");
        let want = "\
Resources      Non-Resource URLs   Resource Names   Verbs
*/scale        []                  []               [patch]
*/scale.apps   []                  []               [patch]
configmaps     []                  [app-config]     [get update]
pods           []                  []               [get list]
pods/log       []                  []               [get list]
               [/logs/*]           []               [get]
               [/metrics]          []               [get]
";
        assert_eq!(table, want);
        // In another namespace amy has nothing but what ClusterRoleBindings give (here: none).
        assert!(list(&p, &user("amy", &[]), Some("prod")).is_empty());
    }

    #[test]
    fn bootstrap_policy_grants_what_kubernetes_grants_by_default() {
        let p = Policy::bootstrap();
        let amy = user("amy", &[]);
        // system:basic-user, system:discovery, system:public-info-viewer for everyone.
        assert!(
            decide(
                p,
                &amy,
                &Request::resource("create", "authorization.k8s.io", "selfsubjectaccessreviews", "")
            )
            .allowed
        );
        assert!(decide(p, &amy, &Request::url("get", "/version")).allowed);
        assert!(!can(p, &amy, "get", "", "pods", "default"));
        let kcm = user("system:kube-controller-manager", &[]);
        let powers = powers(p, &kcm);
        assert!(
            powers.iter().any(|x| x.id == "read-secrets" && x.scope == "in every namespace"),
            "{powers:?}"
        );
        // The scheduler binds pods; it may not read Secrets.
        let sched = user("system:kube-scheduler", &[]);
        assert!(can(p, &sched, "create", "", "pods/binding", "default"));
        assert!(!can(p, &sched, "get", "", "secrets", "default"));
        // The generic node role is bound to nobody in the default policy (the Node authorizer
        // answers for nodes).
        let node = user("system:node:worker-1", &[SYSTEM_NODES]);
        assert!(!can(p, &node, "get", "", "secrets", "default"));
        assert!(identity_notes(&node, Origin::Bootstrap)
            .iter()
            .any(|n| n.contains("Node authorizer")));
    }

    #[test]
    fn aggregated_view_covers_pods_but_not_secrets() {
        let p = Policy::bootstrap();
        // A RoleBinding of amy to view in dev, as `kubectl create rolebinding amy-view` makes it.
        let mut policy = p.clone();
        policy.bindings.push(BindingDef {
            namespace: Some("dev".into()),
            name: "amy-view".into(),
            role_kind: "ClusterRole".into(),
            role_name: "view".into(),
            subjects: vec![SubjectRef {
                kind: "User".into(),
                name: "amy".into(),
                namespace: None,
            }],
        });
        policy.reindex();
        let amy = user("amy", &[]);
        assert!(can(&policy, &amy, "get", "", "pods", "dev"));
        assert!(!can(&policy, &amy, "create", "", "pods", "dev"));
        assert!(!can(&policy, &amy, "get", "", "secrets", "dev"));
        let d = decide(&policy, &amy, &Request::resource("list", "apps", "deployments", "dev"));
        assert!(d.via.unwrap().role.contains("computed from aggregationRule"));
    }

    #[test]
    fn powers_and_holders_name_their_binding() {
        let p = policy(
            r#"
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: approver}
rules:
- apiGroups: [certificates.k8s.io]
  resources: [certificatesigningrequests/approval]
  verbs: [update]
- apiGroups: [certificates.k8s.io]
  resources: [signers]
  resourceNames: ["kubernetes.io/*"]
  verbs: [approve]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: secret-reader}
rules:
- apiGroups: [""]
  resources: [secrets]
  verbs: [list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: approvers}
roleRef: {kind: ClusterRole, name: approver, apiGroup: rbac.authorization.k8s.io}
subjects: [{kind: Group, name: csr-approvers, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: sys-secrets, namespace: kube-system}
roleRef: {kind: ClusterRole, name: secret-reader, apiGroup: rbac.authorization.k8s.io}
subjects: [{kind: User, name: eve, apiGroup: rbac.authorization.k8s.io}]
"#,
        );
        // "kubernetes.io/*" as a resourceName is what the approval plugin asks second.
        let bob = user("bob", &["csr-approvers"]);
        let approve = powers(&p, &bob);
        assert!(
            approve.iter().any(|x| x.id == "approve-csrs" && x.scope == "cluster-wide"),
            "{approve:?}"
        );
        let eve = user("eve", &[]);
        let ps = powers(&p, &eve);
        let secrets = ps.iter().find(|x| x.id == "read-secrets").unwrap();
        assert_eq!(secrets.scope, "in namespace kube-system");
        assert_eq!(secrets.severity, Severity::High);
        assert!(secrets
            .via
            .starts_with("RoleBinding kube-system/sys-secrets → ClusterRole secret-reader"));
        let h = holders(&p, |_| true);
        let readers = h.iter().find(|x| x.id == "read-secrets").unwrap();
        assert_eq!(readers.holders[0].subject, "User eve");
    }
}
