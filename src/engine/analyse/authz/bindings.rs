//! Which bindings apply to an identity (`appliesTo` in `pkg/registry/rbac/validation/rule.go`),
//! and the walk over their rules that every question makes (`VisitRulesFor`).

use super::Who;
use crate::engine::facts::identity::{AUTHENTICATED, SYSTEM_MASTERS};
use crate::engine::read::rbac::{BindingDef, Policy, PolicyRule, RoleDef, SubjectRef};
use crate::engine::report::access::AppliedBinding;

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
pub(super) fn binding_matches(b: &BindingDef, who: &Who) -> Option<String> {
    b.subjects.iter().find_map(|s| subject_matches(s, b.namespace.as_deref(), who))
}

pub(super) fn role_label(role: &RoleDef, b: &BindingDef) -> String {
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
pub(super) struct Bound<'p> {
    pub(super) binding: &'p BindingDef,
    pub(super) role: &'p RoleDef,
    pub(super) matched: String,
}

/// The bindings that apply to the identity and whose role exists, ClusterRoleBindings first:
/// computed once per identity, then every question walks only these.
pub(super) fn bound<'p>(policy: &'p Policy, who: &Who) -> BoundSet<'p> {
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
pub(super) struct BoundSet<'p> {
    pub(super) cluster: Vec<Bound<'p>>,
    pub(super) local: std::collections::HashMap<&'p str, Vec<Bound<'p>>>,
}

/// The bindings that could name this identity (by user, group or service account), from the
/// policy's index; `binding_matches` still decides.
pub(super) fn candidates(policy: &Policy, who: &Who) -> Vec<usize> {
    let mut keys: Vec<String> = vec![format!("U:{}", who.user)];
    keys.extend(who.groups.iter().map(|g| format!("G:{g}")));
    if let Some((ns, name)) = who.user.strip_prefix("system:serviceaccount:").and_then(|r| r.split_once(':')) {
        keys.push(format!("S:{ns}:{name}"));
    }
    policy.bindings_naming(&keys)
}

/// `VisitRulesFor`: every ClusterRoleBinding, and when `namespace` is set, that namespace's
/// RoleBindings. Calls `f` with each rule that applies; stops when `f` returns true.
pub(super) fn visit<'p>(bound: &BoundSet<'p>, namespace: &str, f: impl FnMut(&'p BindingDef, &'p RoleDef, &'p PolicyRule, &str) -> bool) {
    walk(bound, namespace, true, f)
}

/// [`visit`], optionally without the ClusterRoleBindings (when they were already asked).
pub(super) fn walk<'p>(
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

pub(super) fn is_superuser(who: &Who) -> bool {
    who.groups.iter().any(|g| g == SYSTEM_MASTERS)
}
