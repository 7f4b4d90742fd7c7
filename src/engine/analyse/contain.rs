//! "This certificate leaked: what do I do?" (issue #26), for every client certificate with an
//! identity: a certificate cannot be revoked in Kubernetes (no CRL or OCSP in the x509
//! authenticator), so it logs in until its notAfter; what can be taken away is what it is
//! granted. RBAC cannot take away what `system:masters` gets before RBAC is asked, nor what the
//! Node authorizer gives a node; those end only with the CA that signed it. The bindings come
//! from the RBAC view (`analyse::access`) and the policy, so each can name the exact subject to
//! remove.
//! Reference: k8s-rules.md §1 and §9; https://kubernetes.io/docs/reference/access-authn-authz/authentication/#x509-client-certificates
//! ("no revocation"); https://kubernetes.io/docs/tasks/tls/manual-rotation-of-ca-certificates/.

use crate::engine::facts::identity::IdentityKind;
use crate::engine::read::rbac::{BindingDef, Policy, SubjectRef};
use crate::engine::report::access::{AppliedBinding, RbacReport};
use crate::engine::report::contain::{BindingStep, Containment};
use crate::engine::report::{Object, ObjectKind};
use crate::engine::util::{human_duration, shell_word};

/// Groups every authenticated user, or every user at all, is in: no one member can leave them.
const EVERYONE: &[&str] = &["system:authenticated", "system:unauthenticated", "system:serviceaccounts"];

/// Sets `containment` on every client certificate that has an RBAC view.
pub fn plan(objects: &mut [Object], policy: Option<&Policy>, rbac: Option<&RbacReport>, now: i64) {
    let (Some(policy), Some(rbac)) = (policy, rbac) else { return };
    for i in 0..objects.len() {
        let o = &objects[i];
        let Some(access) = o.access.and_then(|a| rbac.identities.get(a)) else {
            continue;
        };
        let Some(cert) = o.certificate.as_ref().filter(|c| !c.extensions.is_ca()) else {
            continue;
        };
        if o.kind != ObjectKind::Certificate {
            continue;
        }
        let signer = match o.issued_by.and_then(|s| objects.get(s)) {
            Some(ca) => format!("#{} {}", ca.id, ca.label),
            None => cert.issuer_text.clone(),
        };
        let node = o.identity.as_ref().is_some_and(|id| id.kind == IdentityKind::Node);
        let c = containment(o, access, policy, rbac.origin == "pasted", &signer, node, now);
        objects[i].containment = Some(c);
    }
}

fn containment(
    o: &Object,
    a: &crate::engine::report::access::Access,
    policy: &Policy,
    given: bool,
    signer: &str,
    node: bool,
    now: i64,
) -> Containment {
    let cert = o.certificate.as_ref();
    let until = cert.map(|c| c.validity.not_after.clone()).unwrap_or_default();
    let left = cert.map(|c| c.validity.not_after_unix - now).unwrap_or(0);
    let window = if left > 0 {
        format!("in {}", human_duration(left))
    } else {
        "already expired".to_string()
    };
    let who = if a.groups.is_empty() {
        a.username.clone()
    } else {
        format!("{} (groups {})", a.username, a.groups.join(", "))
    };
    let mut c = Containment {
        works_until: until.clone(),
        window: window.clone(),
        rbac_contains: !a.superuser && !node,
        cluster_rbac_given: given,
        ..Default::default()
    };
    if a.superuser {
        c.beyond_rbac.push(
            "It is in system:masters: the API server allows it everything before RBAC is asked, so no binding can be removed to stop it."
                .into(),
        );
    }
    if node {
        c.beyond_rbac.push(format!(
            "It is a node identity: the Node authorizer, not RBAC, lets it read the Secrets, ConfigMaps and volumes of the pods bound to {} and update that node; draining the node leaves it fewer pods to read.",
            a.username.trim_start_matches("system:node:")
        ));
    }
    for b in &a.bindings {
        let Some(step) = step(b, a, policy) else { continue };
        if b.matched.starts_with("Group ") {
            c.group_bindings.push(step);
        } else {
            c.user_bindings.push(step);
        }
    }
    c.afterwards = a
        .bindings
        .iter()
        .filter(|b| EVERYONE.iter().any(|g| group_of(&b.matched) == Some(g)))
        .map(|b| format!("{} -> {} (every authenticated user has it)", b.binding, b.role))
        .collect();
    if a.superuser {
        c.afterwards.insert(
            0,
            "everything, as a member of system:masters, until the CA is rotated or the certificate expires".into(),
        );
    }

    // The plan, in order.
    let mut steps = vec![if left > 0 {
        format!("A Kubernetes client certificate cannot be revoked: this one logs in as {who} until {until} ({window}), whatever you do to it. What can be taken away is what it is granted; act in this order.")
    } else {
        format!("This certificate expired {until}: the API server refuses it already. Still treat its key as exposed: whatever it signed for is over, but look for its use before then (below).")
    }];
    if left <= 0 {
        c.steps = steps;
        return c;
    }
    if a.superuser {
        steps.push(format!("RBAC cannot contain it (system:masters). The only way to stop it before {until} is to rotate the CA that signed it ({signer}): distribute a new CA to every component and kubeconfig, re-issue every certificate from it, then remove the old CA from every trust bundle (Kubernetes docs: Manual rotation of CA certificates). On kubeadm: kubeadm certs renew does not do this."));
    }
    if node {
        let name = a.username.trim_start_matches("system:node:");
        steps.push(format!("Drain the node so fewer pods' Secrets are bound to it: kubectl drain {} --ignore-daemonsets --delete-emptydir-data. Only rotating the CA ({signer}) stops the identity itself before {until}.", shell_word(name)));
    }
    if !given {
        steps.push(format!("Add the cluster's RBAC objects to the input (kubectl get clusterroles,clusterrolebindings,roles,rolebindings -A -o yaml) to list every binding that grants {} or its groups something; without them only Kubernetes' default bindings are known.", a.username));
    }
    let kubeadm_admins = crate::engine::facts::identity::KUBEADM_ADMINS;
    if a.groups.iter().any(|g| g == kubeadm_admins) && !c.group_bindings.iter().any(|b| b.subject == format!("Group {kubeadm_admins}")) {
        steps.push(format!("It is in {kubeadm_admins}, which kubeadm binds to cluster-admin (ClusterRoleBinding {kubeadm_admins}, k8s-rules.md §4): removing that group takes cluster-admin from every admin.conf. To contain this one: create a ClusterRoleBinding to cluster-admin for each other administrator by username (or a new group, with new certificates), then kubectl delete clusterrolebinding {kubeadm_admins}; the super-admin.conf in system:masters stays for emergencies."));
    }
    for s in &c.user_bindings {
        if !s.command.is_empty() {
            steps.push(format!(
                "Remove {} from {} (grants {}): {}",
                s.subject, s.binding, s.role, s.command
            ));
        }
    }
    for s in &c.group_bindings {
        if !s.command.is_empty() {
            steps.push(format!(
                "{} grants {} to {}: {} Then: {}",
                s.binding, s.role, s.subject, s.note, s.command
            ));
        }
    }
    steps.push(format!(
        "Look for its use: in the API server's audit log, requests with user.username \"{}\" since it was issued; and do not approve a new certificate for that name to whoever leaked this one.",
        a.username
    ));
    steps.push(if c.afterwards.is_empty() || a.superuser {
        format!("On {until} it stops working by itself.")
    } else {
        format!(
            "Until {until} it keeps what every authenticated user has: {}.",
            c.afterwards
                .iter()
                .map(|x| x.trim_end_matches(" (every authenticated user has it)"))
                .collect::<Vec<_>>()
                .join("; ")
        )
    });
    c.steps = steps;
    c
}

/// The group a binding matched through: "Group dev (a group of the identity)" -> "dev".
fn group_of(matched: &str) -> Option<&str> {
    let g = matched.strip_prefix("Group ")?;
    Some(g.split(" (").next().unwrap_or(g))
}

/// How to take one binding's grant away from the identity.
fn step(b: &AppliedBinding, a: &crate::engine::report::access::Access, policy: &Policy) -> Option<BindingStep> {
    let group = group_of(&b.matched);
    if group.is_some_and(|g| EVERYONE.contains(&g)) {
        return None; // what remains afterwards
    }
    let def = policy.bindings.iter().find(|d| d.text() == b.binding)?;
    let subject_matches = |s: &SubjectRef| match (s.kind.as_str(), group) {
        ("Group", Some(g)) => s.name == g,
        ("User", None) => s.name == a.username,
        ("ServiceAccount", None) => format!("system:serviceaccount:{}:{}", s.namespace.as_deref().unwrap_or(""), s.name) == a.username,
        _ => false,
    };
    let index = def.subjects.iter().position(subject_matches)?;
    let subject = def.subjects[index].text();
    let default = Policy::bootstrap()
        .bindings
        .iter()
        .any(|d| d.text() == def.text() && d.subjects == def.subjects);
    let (command, note) = if default {
        (
            String::new(),
            "one of Kubernetes' (or kubeadm's) own bindings: removing the subject would break every other member; rotate instead"
                .to_string(),
        )
    } else {
        let command = remove_command(def, index);
        let note = match group {
            Some(g) => format!(
                "removing {subject} takes it from every other member of {g} too, and the leaked certificate keeps {g} in its subject until it expires: there is no per-user removal from a group. First bind each member who still needs it by username ({}), then remove the group.",
                rebind_hint(def)
            ),
            None if def.subjects.len() == 1 => format!("{} names only {subject}: deleting it takes nothing from anyone else.", def.text()),
            None => format!("{} names {} subjects: only {subject} is removed.", def.text(), def.subjects.len()),
        };
        let note = if b.role_missing {
            format!(
                "{note} Its role does not exist, so it grants nothing today; remove it anyway: creating that role later would grant it."
            )
        } else {
            note
        };
        (command, note)
    };
    Some(BindingStep {
        binding: b.binding.clone(),
        role: b.role.clone(),
        subject,
        command,
        note,
    })
}

fn kind_and_scope(def: &BindingDef) -> (&'static str, String) {
    match &def.namespace {
        None => ("clusterrolebinding", String::new()),
        Some(ns) => ("rolebinding", format!(" -n {}", shell_word(ns))),
    }
}

/// `kubectl delete` when the subject is the binding's only one, else a JSON patch that removes
/// it after testing that it is still the subject at that index.
fn remove_command(def: &BindingDef, index: usize) -> String {
    let (kind, ns) = kind_and_scope(def);
    if def.subjects.len() == 1 {
        return format!("kubectl delete {kind} {}{ns}", shell_word(&def.name));
    }
    let patch = serde_json::json!([
        {"op": "test", "path": format!("/subjects/{index}/name"), "value": def.subjects[index].name},
        {"op": "remove", "path": format!("/subjects/{index}")}
    ]);
    format!(
        "kubectl patch {kind} {}{ns} --type=json -p {}",
        shell_word(&def.name),
        shell_word(&patch.to_string())
    )
}

/// The command that binds one member by username to the same role.
fn rebind_hint(def: &BindingDef) -> String {
    let (kind, ns) = kind_and_scope(def);
    let role_flag = if def.role_kind == "Role" { "role" } else { "clusterrole" };
    format!(
        "kubectl create {kind} {}-USER --{role_flag}={} --user=USER{ns}",
        def.name, def.role_name
    )
}
