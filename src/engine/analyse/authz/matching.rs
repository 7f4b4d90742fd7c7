//! Whether one rule allows one request: `pkg/apis/rbac/v1/evaluation_helpers.go` and `RuleAllows`
//! in `plugin/pkg/auth/authorizer/rbac/rbac.go`.

use crate::engine::read::rbac::PolicyRule;
use crate::engine::report::access::Request;

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
