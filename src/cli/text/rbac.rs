//! The RBAC policy the identities were resolved under, and what one identity may do.

use std::fmt::Write as _;

use super::{sev_tag, Safe};

/// The policy: where it came from, what was computed, what is broken, who holds what.
pub fn render_rbac(s: &mut String, rb: &crate::engine::report::access::RbacReport) {
    if rb.origin == "pasted" {
        out!(
            s,
            "\nRBAC: your objects ({} ClusterRoles, {} Roles, {} ClusterRoleBindings, {} RoleBindings)",
            rb.cluster_roles,
            rb.roles,
            rb.cluster_role_bindings,
            rb.role_bindings
        );
    } else {
        out!(s, "\nRBAC: Kubernetes' default policy");
    }
    if let Some(c) = &rb.caveat {
        out!(s, "  {}", c);
    }
    for c in &rb.computed {
        out!(s, "  computed: {}", c);
    }
    for d in &rb.dangling {
        out!(s, "  grants nothing: {}", d);
    }
    if let Some(n) = &rb.note {
        out!(s, "  note: {}", n);
    }
    if !rb.holders.is_empty() {
        out!(s, "\nWHO HOLDS DANGEROUS POWERS");
        for p in &rb.holders {
            out!(s, "  {} ({} subjects)", p.title, p.holders.len());
            for h in &p.holders {
                out!(s, "    {} {} {}, via {}", sev_tag(h.severity), h.subject, h.scope, h.via);
            }
        }
    }
}

/// What one identity may do (the powers are findings when the policy was given).
pub fn render_access(s: &mut String, a: &crate::engine::report::access::Access, pasted: bool) {
    out!(
        s,
        "    rbac:     {}",
        if pasted {
            "under your RBAC objects"
        } else {
            "under Kubernetes' default policy"
        }
    );
    if a.superuser {
        out!(s, "      allowed everything: system:masters is answered before RBAC");
    }
    if a.bindings.is_empty() {
        out!(s, "      no binding applies to this identity");
    }
    for b in &a.bindings {
        out!(
            s,
            "      {} -> {}{} (matched {})",
            b.binding,
            b.role,
            if b.role_missing { " [missing: grants nothing]" } else { "" },
            b.matched
        );
    }
    let scopes: Vec<String> = a
        .scopes
        .iter()
        .map(|sc| {
            format!(
                "{}: {} rows",
                sc.namespace
                    .as_deref()
                    .map(|n| format!("in {n}"))
                    .unwrap_or_else(|| "everywhere".into()),
                sc.rows.len()
            )
        })
        .collect();
    out!(
        s,
        "      may do:   {} (table: --list [-n NS]; one question: --can-i VERB TYPE)",
        scopes.join("; ")
    );
    if !pasted {
        for p in &a.powers {
            out!(s, "      power:    {} {} {}, via {}", sev_tag(p.severity), p.title, p.scope, p.via);
        }
    }
    for n in &a.notes {
        out!(s, "      note:     {}", n);
    }
}
