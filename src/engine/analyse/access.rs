//! What the input's identities may do under RBAC: the policy to ask (the RBAC objects given, laid
//! over Kubernetes' default policy when partial, or the default policy alone), each distinct
//! identity's view (objects point at theirs by `access`), and for a pasted policy the reverse view
//! (who holds each dangerous power). The authorizer itself is [`super::authz`].

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::authz;
use crate::engine::read::rbac;
use crate::engine::report::access::RbacReport;
use crate::engine::report::{Object, Role};

/// At most this many distinct identities get an RBAC view (each is a few KB of report).
pub const MAX_ACCESS: usize = 300;

/// The policy the identities are asked under, and what `Report.rbac` says of it.
pub struct Resolved {
    pub policy: Option<Cow<'static, rbac::Policy>>,
    pub report: Option<RbacReport>,
}

/// Builds the policy from the RBAC objects read (`pasted`, possibly empty) and resolves every
/// identity that logs in.
pub fn resolve(pasted: rbac::PolicyBuilder, objects: &mut [Object]) -> Resolved {
    let mut completed = false;
    let mut given: HashSet<(Option<String>, String)> = HashSet::new();
    let policy: Option<Cow<'static, rbac::Policy>> = if !pasted.is_empty() {
        let mut pasted = pasted;
        // The reverse view lists the subjects of the bindings given, not of the defaults laid
        // underneath a partial paste.
        given = pasted.bindings.iter().map(|b| (b.namespace.clone(), b.name.clone())).collect();
        completed = pasted.complete_with_defaults();
        Some(Cow::Owned(pasted.build(rbac::Origin::Pasted)))
    } else if objects.iter().any(logs_in) {
        Some(Cow::Borrowed(rbac::Policy::bootstrap()))
    } else {
        None
    };
    let report = policy.as_deref().map(|p| {
        let mut r = view(p, objects, &given);
        if completed {
            r.caveat = Some(rbac::COMPLETED_CAVEAT.to_string());
        }
        r
    });
    Resolved { policy, report }
}

/// The line `input.detected` gets for the RBAC objects given.
pub fn detected(r: &rbac::PolicyBuilder) -> String {
    let crb = r.bindings.iter().filter(|x| x.namespace.is_none()).count();
    let n = |count: usize, one: &str| format!("{count} {one}{}", if count == 1 { "" } else { "s" });
    format!(
        "RBAC: {}, {}, {}, {}",
        n(r.cluster_roles.len(), "ClusterRole"),
        n(r.roles.len(), "Role"),
        n(crb, "ClusterRoleBinding"),
        n(r.bindings.len() - crb, "RoleBinding")
    )
}

/// Whether the object is a credential someone logs in with (what RBAC is asked about): requests,
/// tokens, and certificates that are not CAs and allow client auth. A CA bundle's roots carry
/// an identity only in theory (Go does not refuse a CA as a client certificate); they get no
/// RBAC view.
pub fn logs_in(o: &Object) -> bool {
    match (&o.certificate, o.role) {
        _ if o.username.is_none() => false,
        (Some(c), _) if !c.can_log_in() || o.chain_problem.is_some() => false,
        (Some(_), Role::KubeconfigClient) => true,
        (Some(c), _) => !c.extensions.is_ca(),
        // A request the API server refuses at creation never becomes a credential.
        (None, _) => !o.request.as_ref().is_some_and(|r| r.go_refuses()),
    }
}

/// Each distinct identity's view under the policy (objects point at theirs by `access`), and for
/// a pasted policy the reverse view.
fn view(policy: &rbac::Policy, objects: &mut [Object], given: &HashSet<(Option<String>, String)>) -> RbacReport {
    let mut identities: Vec<crate::engine::report::access::Access> = Vec::new();
    let mut seen: HashMap<authz::Who, usize> = HashMap::new();
    let mut left_out = 0usize;
    for o in objects.iter_mut().filter(|o| logs_in(o)) {
        let Some(user) = o.username.clone() else { continue };
        let who = authz::Who {
            user,
            groups: o.groups.clone(),
        };
        if let Some(&i) = seen.get(&who) {
            o.access = Some(i);
        } else if identities.len() < MAX_ACCESS {
            identities.push(authz::access(policy, &who));
            seen.insert(who, identities.len() - 1);
            o.access = Some(identities.len() - 1);
        } else {
            left_out += 1;
        }
    }
    let pasted = policy.origin == rbac::Origin::Pasted;
    RbacReport {
        origin: if pasted { "pasted" } else { "bootstrap" }.into(),
        caveat: (!pasted).then(|| rbac::BOOTSTRAP_CAVEAT.to_string()),
        cluster_roles: policy.cluster_roles.len(),
        roles: policy.roles.len(),
        cluster_role_bindings: policy.bindings.iter().filter(|b| b.namespace.is_none()).count(),
        role_bindings: policy.bindings.iter().filter(|b| b.namespace.is_some()).count(),
        computed: policy
            .cluster_roles
            .iter()
            .filter(|r| r.computed)
            .map(|r| format!("ClusterRole {}: {} rules computed from its aggregationRule", r.name, r.rules.len()))
            .collect(),
        // Only for the RBAC objects given: the default policy's one dangling binding
        // (podcheckpoint-controller) is an artefact of its test data's mixed versions
        // (data/rbac-bootstrap/README.md), not of anyone's cluster.
        dangling: if pasted {
            policy
                .dangling()
                .iter()
                .map(|b| format!("{} refers to {}, which does not exist: it grants nothing.", b.text(), b.role_text()))
                .collect()
        } else {
            Vec::new()
        },
        identities,
        holders: if pasted {
            authz::holders(policy, |b| given.contains(&(b.namespace.clone(), b.name.clone())))
        } else {
            Vec::new()
        },
        note: (left_out > 0)
            .then(|| format!("RBAC was resolved for the first {MAX_ACCESS} distinct identities; {left_out} more objects were left out.")),
    }
}
