//! The RBAC authorizer, offline: given a [`Policy`] and an identity (username + groups), answers
//! what `kubectl auth can-i` would, lists what `kubectl auth can-i --list` lists, and names the
//! dangerous powers an identity holds and the binding that grants each.
//!
//! Semantics (`../shared/k8s-rules.md` §9) from `kubernetes/kubernetes`:
//! `pkg/apis/rbac/v1/evaluation_helpers.go` (rule matching), `plugin/pkg/auth/authorizer/rbac/rbac.go`
//! (`RuleAllows`), `pkg/registry/rbac/validation/rule.go` (`VisitRulesFor`, `appliesTo`), and the
//! authorizer chain in `pkg/kubeapiserver/authorizer/reload.go` (system:masters first).

use super::resources;
use crate::engine::facts::identity::{AUTHENTICATED, KUBEADM_ADMINS, SYSTEM_MASTERS, SYSTEM_NODES};
use crate::engine::read::rbac::{BindingDef, Origin, Policy, PolicyRule, RoleDef, SubjectRef};
use crate::engine::report::access::{
    Access, AppliedBinding, Decision, Holder, ListRow, Power, PowerHolders, Request, RuleText, Scope, Via,
};
use crate::engine::report::Severity;

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

// ---------------------------------------------------------------------------------------------
// Rule matching (evaluation_helpers.go)

fn has_or_star(list: &[String], want: &str) -> bool {
    list.iter().any(|v| v == "*" || v == want)
}

fn resource_matches(rule: &PolicyRule, resource: &str, subresource: &str) -> bool {
    let combined = if subresource.is_empty() {
        resource.to_string()
    } else {
        format!("{resource}/{subresource}")
    };
    rule.resources
        .iter()
        .any(|r| r == "*" || *r == combined || (!subresource.is_empty() && r.strip_prefix("*/") == Some(subresource)))
}

fn url_matches(rule: &PolicyRule, path: &str) -> bool {
    rule.non_resource_urls
        .iter()
        .any(|u| u == "*" || u == path || u.strip_suffix('*').is_some_and(|prefix| path.starts_with(prefix)))
}

/// `RuleAllows`.
pub fn rule_allows(rule: &PolicyRule, req: &Request) -> bool {
    if !has_or_star(&rule.verbs, &req.verb) {
        return false;
    }
    match &req.path {
        Some(path) => url_matches(rule, path),
        None => {
            has_or_star(&rule.api_groups, &req.group)
                && resource_matches(rule, &req.resource, &req.subresource)
                && (rule.resource_names.is_empty() || (!req.name.is_empty() && rule.resource_names.contains(&req.name)))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Which bindings apply (rule.go appliesTo)

/// How a subject matches the identity, in words; `None` when it does not.
pub fn subject_matches(s: &SubjectRef, binding_ns: Option<&str>, who: &Who) -> Option<String> {
    match s.kind.as_str() {
        "User" if s.name == who.user => Some(format!("User {}", s.name)),
        "Group" if who.groups.contains(&s.name) => Some(if s.name == AUTHENTICATED {
            format!("Group {AUTHENTICATED} (every authenticated user)")
        } else {
            format!("Group {}", s.name)
        }),
        "ServiceAccount" => {
            let ns = s.namespace.as_deref().or(binding_ns).filter(|n| !n.is_empty())?;
            (who.user == format!("system:serviceaccount:{ns}:{}", s.name)).then(|| format!("ServiceAccount {ns}/{}", s.name))
        }
        _ => None,
    }
}

/// The first subject of a binding that matches.
fn binding_matches(b: &BindingDef, who: &Who) -> Option<String> {
    b.subjects.iter().find_map(|s| subject_matches(s, b.namespace.as_deref(), who))
}

fn role_label(role: &RoleDef, b: &BindingDef) -> String {
    if role.computed {
        format!("{} (rules computed from aggregationRule)", b.role_text())
    } else {
        b.role_text()
    }
}

/// Every binding that applies to the identity, in policy order: ClusterRoleBindings, then
/// RoleBindings.
pub fn applied_bindings(policy: &Policy, who: &Who) -> Vec<AppliedBinding> {
    let mut out: Vec<AppliedBinding> = Vec::new();
    let candidates = candidates(policy, who);
    let order = candidates
        .iter()
        .filter(|&&i| policy.bindings[i].namespace.is_none())
        .chain(candidates.iter().filter(|&&i| policy.bindings[i].namespace.is_some()))
        .map(|&i| &policy.bindings[i]);
    for b in order {
        if let Some(matched) = binding_matches(b, who) {
            let role = policy.role_for(b);
            out.push(AppliedBinding {
                binding: b.text(),
                role: role.map(|r| role_label(r, b)).unwrap_or_else(|| b.role_text()),
                matched,
                role_missing: role.is_none(),
                computed: role.is_some_and(|r| r.computed),
            });
        }
    }
    out
}

/// A binding that applies to the identity, with its role (which exists).
struct Bound<'p> {
    binding: &'p BindingDef,
    role: &'p RoleDef,
    matched: String,
}

/// The bindings that apply to the identity and whose role exists, ClusterRoleBindings first:
/// computed once per identity, then every question walks only these.
fn bound<'p>(policy: &'p Policy, who: &Who) -> BoundSet<'p> {
    let mut set = BoundSet::default();
    for i in candidates(policy, who) {
        let b = &policy.bindings[i];
        let (Some(matched), Some(role)) = (binding_matches(b, who), policy.role_for(b)) else {
            continue;
        };
        let x = Bound { binding: b, role, matched };
        match &b.namespace {
            None => set.cluster.push(x),
            Some(ns) => set.local.entry(ns.as_str()).or_default().push(x),
        }
    }
    set
}

/// An identity's bindings: ClusterRoleBindings, and RoleBindings by namespace, so a question
/// about one namespace walks only that namespace's.
#[derive(Default)]
struct BoundSet<'p> {
    cluster: Vec<Bound<'p>>,
    local: std::collections::HashMap<&'p str, Vec<Bound<'p>>>,
}

/// The bindings that could name this identity (by user, group or service account), from the
/// policy's index; `binding_matches` still decides.
fn candidates(policy: &Policy, who: &Who) -> Vec<usize> {
    let mut keys: Vec<String> = vec![format!("U:{}", who.user)];
    keys.extend(who.groups.iter().map(|g| format!("G:{g}")));
    if let Some((ns, name)) = who.user.strip_prefix("system:serviceaccount:").and_then(|r| r.split_once(':')) {
        keys.push(format!("S:{ns}:{name}"));
    }
    policy.bindings_naming(&keys)
}

/// `VisitRulesFor`: every ClusterRoleBinding, and when `namespace` is set, that namespace's
/// RoleBindings. Calls `f` with each rule that applies; stops when `f` returns true.
fn visit<'p>(bound: &BoundSet<'p>, namespace: &str, f: impl FnMut(&'p BindingDef, &'p RoleDef, &'p PolicyRule, &str) -> bool) {
    walk(bound, namespace, true, f)
}

/// [`visit`], optionally without the ClusterRoleBindings (when they were already asked).
fn walk<'p>(
    bound: &BoundSet<'p>,
    namespace: &str,
    cluster: bool,
    mut f: impl FnMut(&'p BindingDef, &'p RoleDef, &'p PolicyRule, &str) -> bool,
) {
    let local = if namespace.is_empty() { None } else { bound.local.get(namespace) };
    let cluster = if cluster { bound.cluster.as_slice() } else { &[] };
    for x in cluster.iter().chain(local.into_iter().flatten()) {
        for r in &x.role.rules {
            if f(x.binding, x.role, r, &x.matched) {
                return;
            }
        }
    }
}

fn is_superuser(who: &Who) -> bool {
    who.groups.iter().any(|g| g == SYSTEM_MASTERS)
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

// ---------------------------------------------------------------------------------------------
// --list

/// The rows `kubectl auth can-i --list` prints in `namespace` (`None`: ClusterRoleBindings only).
pub fn list(policy: &Policy, who: &Who, namespace: Option<&str>) -> Vec<ListRow> {
    rows_in(&bound(policy, who), is_superuser(who), namespace.unwrap_or(""), true, usize::MAX).0
}

/// The rows for the rules `walk` visits in `namespace` (with the ClusterRoleBindings' when
/// `cluster`; the superuser's `*` rows first), keeping the first `cap` distinct rows (in rule
/// order, then sorted) and counting the rest, so a role of 100,000 resources costs a count, not
/// 100,000 rows per scope.
fn rows_in(bound: &BoundSet, superuser: bool, namespace: &str, cluster: bool, cap: usize) -> (Vec<ListRow>, usize) {
    let star = PolicyRule {
        verbs: vec!["*".into()],
        api_groups: vec!["*".into()],
        resources: vec!["*".into()],
        ..Default::default()
    };
    let star_urls = PolicyRule {
        verbs: vec!["*".into()],
        non_resource_urls: vec!["*".into()],
        ..Default::default()
    };
    let mut rules: Vec<&PolicyRule> = Vec::new();
    if superuser && cluster {
        rules.push(&star);
        rules.push(&star_urls);
    }
    walk(bound, namespace, cluster, |_, _, r, _| {
        rules.push(r);
        false
    });
    rows_of(&rules, cap)
}

fn merge(verbs: &mut Vec<String>, add: &[String]) {
    let mut seen: std::collections::HashSet<String> = verbs.iter().cloned().collect();
    for v in add {
        if seen.insert(v.clone()) {
            verbs.push(v.clone());
        }
    }
}

/// Breaks rules down per resource (and URL), merges the verbs of equal rows, sorts. Keeps the
/// first `cap` distinct rows; returns how many more there were.
pub fn rows_of(rules: &[&PolicyRule], cap: usize) -> (Vec<ListRow>, usize) {
    type Key<'a> = (&'a str, &'a str, &'a [String]);
    let mut rows: Vec<ListRow> = Vec::new();
    let mut at: std::collections::HashMap<Key, usize> = std::collections::HashMap::new();
    let mut left_out: std::collections::HashSet<Key> = std::collections::HashSet::new();
    for r in rules {
        let entries = r
            .api_groups
            .iter()
            .flat_map(|g| {
                r.resources
                    .iter()
                    .map(move |res| (res.as_str(), g.as_str(), r.resource_names.as_slice()))
            })
            .chain(r.non_resource_urls.iter().map(|u| (u.as_str(), "\u{0}url", &[][..])));
        for key in entries {
            if let Some(&i) = at.get(&key) {
                merge(&mut rows[i].verbs, &r.verbs);
            } else if rows.len() < cap {
                let (res, g, names) = key;
                rows.push(if g == "\u{0}url" {
                    ListRow {
                        resource: String::new(),
                        non_resource_urls: vec![res.to_string()],
                        resource_names: Vec::new(),
                        verbs: r.verbs.clone(),
                    }
                } else {
                    ListRow {
                        resource: if g.is_empty() { res.to_string() } else { format!("{res}.{g}") },
                        non_resource_urls: Vec::new(),
                        resource_names: names.to_vec(),
                        verbs: r.verbs.clone(),
                    }
                });
                at.insert(key, rows.len() - 1);
            } else {
                left_out.insert(key);
            }
        }
    }
    rows.sort_by(|a, b| {
        (a.resource.is_empty(), &a.resource, &a.non_resource_urls, &a.resource_names).cmp(&(
            b.resource.is_empty(),
            &b.resource,
            &b.non_resource_urls,
            &b.resource_names,
        ))
    });
    (rows, left_out.len())
}

// ---------------------------------------------------------------------------------------------
// Dangerous powers

struct PowerDef {
    id: &'static str,
    title: &'static str,
    /// Severity when held in every namespace / in kube-system / in another namespace.
    severity: [Severity; 3],
    /// Only meaningful cluster-wide (cluster-scoped resources).
    cluster_only: bool,
    /// Requests as (verb, group, resource[/sub], name): the power is held when, in every group,
    /// one request is allowed.
    needs: &'static [&'static [Probe]],
    why: &'static str,
}

type Probe = (&'static str, &'static str, &'static str, &'static str);

use Severity::{Critical, High, Medium};

const POWERS: &[PowerDef] = &[
    PowerDef {
        id: "cluster-admin",
        title: "Every verb on every resource (cluster-admin's *)",
        severity: [Critical, Critical, High],
        cluster_only: false,
        needs: &[&[("*", "*", "*", "")]],
        why: "A rule of * verbs on * resources in * groups is cluster-admin: in one namespace it is that namespace's admin, in every namespace it is the whole cluster.",
    },
    PowerDef {
        id: "read-secrets",
        title: "Read Secrets",
        severity: [High, High, Medium],
        cluster_only: false,
        needs: &[&[("get", "", "secrets", ""), ("list", "", "secrets", ""), ("watch", "", "secrets", "")]],
        why: "Secrets hold service-account tokens, TLS keys and passwords; whoever reads them becomes whoever those credentials are. list and watch return the contents too.",
    },
    PowerDef {
        id: "create-workloads",
        title: "Create pods or workload controllers",
        severity: [High, High, Medium],
        cluster_only: false,
        needs: &[&[
            ("create", "", "pods", ""),
            ("create", "apps", "deployments", ""),
            ("create", "apps", "daemonsets", ""),
            ("create", "apps", "statefulsets", ""),
            ("create", "apps", "replicasets", ""),
            ("create", "batch", "jobs", ""),
            ("create", "batch", "cronjobs", ""),
            ("create", "", "replicationcontrollers", ""),
        ]],
        why: "A pod runs as any service account of its namespace and can mount its Secrets and host paths: creating pods (directly or through a controller) is reaching every credential of the namespace, and in kube-system the control plane's.",
    },
    PowerDef {
        id: "exec-into-pods",
        title: "Exec, attach or add ephemeral containers to pods",
        severity: [High, High, Medium],
        cluster_only: false,
        needs: &[&[
            ("create", "", "pods/exec", ""),
            ("get", "", "pods/exec", ""),
            ("create", "", "pods/attach", ""),
            ("get", "", "pods/attach", ""),
            ("patch", "", "pods/ephemeralcontainers", ""),
            ("update", "", "pods/ephemeralcontainers", ""),
        ]],
        why: "A shell in a running pod has that pod's service-account token, mounted Secrets and network position.",
    },
    PowerDef {
        id: "node-proxy",
        title: "Proxy to kubelets (nodes/proxy)",
        severity: [High, High, High],
        cluster_only: true,
        needs: &[&[("get", "", "nodes/proxy", ""), ("create", "", "nodes/proxy", "")]],
        why: "nodes/proxy reaches the kubelet API, which runs commands in any pod on the node; the API server's audit log does not see what is done there.",
    },
    PowerDef {
        id: "escalate-or-bind",
        title: "Escalate or bind roles",
        severity: [Critical, Critical, High],
        cluster_only: false,
        needs: &[&[
            ("escalate", "rbac.authorization.k8s.io", "clusterroles", ""),
            ("escalate", "rbac.authorization.k8s.io", "roles", ""),
            ("bind", "rbac.authorization.k8s.io", "clusterroles", ""),
            ("bind", "rbac.authorization.k8s.io", "roles", ""),
        ]],
        why: "escalate lets a role be given permissions its editor does not hold, bind lets a binding grant a role its creator does not hold: both are a path to cluster-admin.",
    },
    PowerDef {
        id: "impersonate",
        title: "Impersonate users, groups or service accounts",
        severity: [Critical, Critical, High],
        cluster_only: false,
        needs: &[&[
            ("impersonate", "", "users", ""),
            ("impersonate", "", "groups", ""),
            ("impersonate", "", "serviceaccounts", ""),
        ]],
        why: "Impersonation acts as another identity (--as, --as-group system:masters): it is at least as strong as the strongest identity it may impersonate.",
    },
    PowerDef {
        id: "approve-csrs",
        title: "Approve certificate signing requests",
        severity: [High, High, High],
        cluster_only: true,
        // The approval admission plugin asks `approve` on the signer's name, then on
        // "kubernetes.io/*" (plugin/pkg/admission/certificates/util.go IsAuthorizedForSignerName).
        needs: &[
            &[("update", "certificates.k8s.io", "certificatesigningrequests/approval", "")],
            &[
                ("approve", "certificates.k8s.io", "signers", "kubernetes.io/kube-apiserver-client"),
                ("approve", "certificates.k8s.io", "signers", "kubernetes.io/*"),
            ],
        ],
        why: "Approving a CSR for kubernetes.io/kube-apiserver-client mints a client certificate with any user name and groups the requester chose (system:masters aside): a certificate for any identity.",
    },
    PowerDef {
        id: "create-tokens",
        title: "Create service-account tokens",
        severity: [High, High, Medium],
        cluster_only: false,
        needs: &[&[("create", "", "serviceaccounts/token", "")]],
        why: "serviceaccounts/token create issues a token for a service account: the caller becomes that account, with all its bindings.",
    },
    PowerDef {
        id: "write-webhooks",
        title: "Write admission webhook configurations",
        severity: [High, High, High],
        cluster_only: true,
        needs: &[&[
            ("create", "admissionregistration.k8s.io", "mutatingwebhookconfigurations", ""),
            ("update", "admissionregistration.k8s.io", "mutatingwebhookconfigurations", ""),
            ("patch", "admissionregistration.k8s.io", "mutatingwebhookconfigurations", ""),
            ("create", "admissionregistration.k8s.io", "validatingwebhookconfigurations", ""),
            ("update", "admissionregistration.k8s.io", "validatingwebhookconfigurations", ""),
            ("patch", "admissionregistration.k8s.io", "validatingwebhookconfigurations", ""),
        ]],
        why: "A mutating webhook sees and rewrites every object created, Secrets and pods included; a validating one sees them all and can block the cluster.",
    },
];

fn probe_request(p: &Probe, namespace: &str) -> Request {
    let mut r = Request::resource(p.0, p.1, p.2, namespace);
    r.name = p.3.to_string();
    r
}

/// The first grant (binding text, role text, matched) allowing `req` through RBAC only.
fn grant(bound: &BoundSet, req: &Request, cluster: bool) -> Option<String> {
    let mut out = None;
    walk(bound, &req.namespace, cluster, |b, role, rule, matched| {
        if rule_allows(rule, req) {
            out = Some(format!("{} → {} (matched {matched})", b.text(), role_label(role, b)));
            true
        } else {
            false
        }
    });
    out
}

/// The namespaces in which a RoleBinding applies to the identity.
fn bound_namespaces(bound: &BoundSet) -> Vec<String> {
    let mut out: Vec<String> = bound.local.keys().map(|k| k.to_string()).collect();
    out.sort();
    out
}

/// The dangerous powers the identity holds through RBAC (the superuser is reported apart).
pub fn powers(policy: &Policy, who: &Who) -> Vec<Power> {
    powers_of(&bound(policy, who))
}

/// [`powers`] for bindings already found.
fn powers_of(bound: &BoundSet) -> Vec<Power> {
    let mut out = Vec::new();
    let namespaces = bound_namespaces(bound);
    for def in POWERS {
        // In a namespace only its RoleBindings are asked: the ClusterRoleBindings' rules do not
        // depend on the namespace and were asked first (and every multi-part power is
        // cluster-only).
        let held = |ns: &str| -> Option<String> {
            let mut vias: Vec<String> = Vec::new();
            for group in def.needs {
                let via = group.iter().find_map(|p| grant(bound, &probe_request(p, ns), ns.is_empty()))?;
                if !vias.contains(&via) {
                    vias.push(via);
                }
            }
            Some(vias.join("; "))
        };
        let namespaced_probe = |p: &Probe| !resources::is_cluster_scoped(p.2.split('/').next().unwrap_or(""), p.1);
        let cluster_only = def.cluster_only || !def.needs.iter().flat_map(|g| g.iter()).any(namespaced_probe);
        if let Some(via) = held("") {
            out.push(Power {
                id: def.id.into(),
                title: def.title.into(),
                severity: def.severity[0],
                scope: if cluster_only { "cluster-wide" } else { "in every namespace" }.into(),
                via,
                why: def.why.into(),
            });
            continue;
        }
        if cluster_only {
            continue;
        }
        for ns in &namespaces {
            if let Some(via) = held(ns) {
                out.push(Power {
                    id: def.id.into(),
                    title: def.title.into(),
                    severity: def.severity[if ns == "kube-system" { 1 } else { 2 }],
                    scope: format!("in namespace {ns}"),
                    via,
                    why: def.why.into(),
                });
            }
        }
    }
    // Wildcards beyond cluster-admin: a `*` verb or resource in a rule that applies.
    let mut wild: Option<String> = None;
    for ns in std::iter::once("").chain(namespaces.iter().map(String::as_str)) {
        walk(bound, ns, ns.is_empty(), |b, role, rule, matched| {
            let star =
                rule.verbs.iter().any(|v| v == "*") || rule.resources.iter().any(|r| r == "*") || rule.api_groups.iter().any(|g| g == "*");
            if star && wild.is_none() {
                wild = Some(format!("{} → {} (matched {matched})", b.text(), role_label(role, b)));
            }
            false
        });
    }
    if let (Some(via), false) = (wild, out.iter().any(|p| p.id == "cluster-admin")) {
        out.push(Power {
            id: "wildcard".into(),
            title: "Wildcard rule (* verbs, resources or groups)".into(),
            severity: Severity::Low,
            scope: "where the binding applies".into(),
            via,
            why: "A * grants whatever exists now and whatever is added later (new resources, custom resources, new subresources), which no reviewer saw when the rule was written.".into(),
        });
    }
    out
}

/// Everything about one identity.
pub fn access(policy: &Policy, who: &Who) -> Access {
    // The identity's bindings, found once for every scope and power below.
    let bound = bound(policy, who);
    let namespaces = bound_namespaces(&bound);
    let superuser = is_superuser(who);
    // Every namespace (ClusterRoleBindings), then what each namespace's RoleBindings add.
    let scope = |namespace: Option<String>| {
        let (rows, more) = match &namespace {
            None => rows_in(&bound, superuser, "", true, MAX_ROWS),
            Some(ns) => rows_in(&bound, superuser, ns, false, MAX_ROWS),
        };
        Scope { namespace, rows, more }
    };
    let mut scopes = vec![scope(None)];
    scopes.extend(namespaces.iter().take(MAX_SCOPES).map(|ns| scope(Some(ns.clone()))));
    let bindings = applied_bindings(policy, who);
    let mut notes = identity_notes(who, policy.origin);
    if namespaces.len() > MAX_SCOPES {
        notes.push(format!(
            "RoleBindings apply to this identity in {} namespaces; the first {MAX_SCOPES} are shown (the CLI's --list -n NS answers for any).",
            namespaces.len()
        ));
    }
    let kubeadm_group = format!("Group {KUBEADM_ADMINS}");
    if who.groups.iter().any(|g| g == KUBEADM_ADMINS) && !bindings.iter().any(|b| b.matched == kubeadm_group) {
        notes.push(format!("kubeadm binds {KUBEADM_ADMINS} to cluster-admin at kubeadm init (ClusterRoleBinding kubeadm:cluster-admins); Kubernetes' default policy does not, and no binding given here does. On a kubeadm cluster this identity is cluster-admin: add the output of kubectl get clusterrolebindings -o yaml to see it."));
    }
    Access {
        username: who.user.clone(),
        groups: who.groups.clone(),
        superuser,
        notes,
        bindings,
        scopes,
        powers: powers_of(&bound),
    }
}

/// The reverse view: for each dangerous power, the subjects of the policy that hold it.
/// `listed` picks the bindings whose subjects are listed (the ones given, not the defaults laid
/// under a partial paste); their powers count every binding of the policy.
pub fn holders(policy: &Policy, listed: impl Fn(&BindingDef) -> bool) -> Vec<PowerHolders> {
    let mut subjects: Vec<(SubjectRef, Who)> = Vec::new();
    for b in policy.bindings.iter().filter(|b| listed(b)) {
        for s in &b.subjects {
            let who = match s.kind.as_str() {
                "User" => Who {
                    user: s.name.clone(),
                    groups: Vec::new(),
                },
                "Group" => Who {
                    user: String::new(),
                    groups: vec![s.name.clone()],
                },
                "ServiceAccount" => match s.namespace.as_deref().or(b.namespace.as_deref()) {
                    Some(ns) => Who {
                        user: format!("system:serviceaccount:{ns}:{}", s.name),
                        groups: Vec::new(),
                    },
                    None => continue,
                },
                _ => continue,
            };
            let key = SubjectRef {
                namespace: if s.kind == "ServiceAccount" {
                    s.namespace.clone().or(b.namespace.clone())
                } else {
                    None
                },
                ..s.clone()
            };
            if !subjects.iter().any(|(k, _)| *k == key) {
                subjects.push((key, who));
            }
        }
    }
    let mut out: Vec<PowerHolders> = Vec::new();
    for (s, who) in &subjects {
        for p in powers(policy, who) {
            let h = Holder {
                subject: s.text(),
                severity: p.severity,
                scope: p.scope,
                via: p.via,
            };
            match out.iter_mut().find(|x| x.id == p.id) {
                Some(x) => x.holders.push(h),
                None => out.push(PowerHolders {
                    id: p.id,
                    title: p.title,
                    holders: vec![h],
                }),
            }
        }
    }
    let order = |id: &str| POWERS.iter().position(|d| d.id == id).unwrap_or(POWERS.len());
    out.sort_by_key(|p| order(&p.id));
    for p in &mut out {
        p.holders
            .sort_by(|a, b| b.severity.cmp(&a.severity).then(a.subject.cmp(&b.subject)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::read::rbac::PolicyBuilder;

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
