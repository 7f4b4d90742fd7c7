//! `kubectl auth can-i --list`: the rows an identity's rules make in one namespace.

use super::bindings::{bound, is_superuser, walk, BoundSet};
use super::Who;
use crate::engine::read::rbac::{Policy, PolicyRule};
use crate::engine::report::access::ListRow;

/// The rows `kubectl auth can-i --list` prints in `namespace` (`None`: ClusterRoleBindings only).
pub fn list(policy: &Policy, who: &Who, namespace: Option<&str>) -> Vec<ListRow> {
    rows_in(&bound(policy, who), is_superuser(who), namespace.unwrap_or(""), true, usize::MAX).0
}

/// The rows for the rules `walk` visits in `namespace` (with the ClusterRoleBindings' when
/// `cluster`; the superuser's `*` rows first), keeping the first `cap` distinct rows (in rule
/// order, then sorted) and counting the rest, so a role of 100,000 resources costs a count, not
/// 100,000 rows per scope.
pub(super) fn rows_in(bound: &BoundSet, superuser: bool, namespace: &str, cluster: bool, cap: usize) -> (Vec<ListRow>, usize) {
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

pub(super) fn merge(verbs: &mut Vec<String>, add: &[String]) {
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
