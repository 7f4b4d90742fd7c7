//! Certificate subject → Kubernetes identity, exactly as the API server's x509 authenticator
//! does it (`staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509.go`,
//! `CommonNameUserConversion`), then the group adder
//! (`.../authentication/group/authenticated_group_adder.go`).
//!
//! - username = the **last** CN in encoding order (Go's pkix keeps the last one);
//! - groups = every O, in encoding order, multi-valued RDNs included; OU and the rest ignored;
//! - UID = the attribute with OID 1.3.6.1.4.1.57683.2 (1.34+, feature gate on by default);
//! - an empty or missing CN: the certificate authenticates nobody;
//! - `system:authenticated` is added unless the user is `system:anonymous` or the groups
//!   already hold `system:authenticated` or `system:unauthenticated`.

use serde::Serialize;

use super::x509::{NameAttr, OID_K8S_UID};

pub const SYSTEM_MASTERS: &str = "system:masters";
pub const KUBEADM_ADMINS: &str = "kubeadm:cluster-admins";
pub const SYSTEM_NODES: &str = "system:nodes";
pub const AUTHENTICATED: &str = "system:authenticated";
pub const UNAUTHENTICATED: &str = "system:unauthenticated";
pub const ANONYMOUS: &str = "system:anonymous";

/// Users with a built-in control-plane role (`user.go` constants and default bindings).
pub const CONTROL_PLANE_USERS: &[(&str, &str)] = &[
    ("system:kube-controller-manager", "the controller manager: bound to ClusterRole system:kube-controller-manager, which may list and watch every resource and get, create, update and delete Secrets cluster-wide"),
    ("system:kube-scheduler", "the scheduler: bound to system:kube-scheduler and system:volume-scheduler (reads every pod and node, binds pods to nodes)"),
    ("system:kube-proxy", "kube-proxy: bound to system:node-proxier (reads Services, EndpointSlices and Nodes cluster-wide)"),
    ("system:apiserver", "the API server's own loopback identity (a member of system:masters when the API server creates it)"),
    ("system:cloud-controller-manager", "the cloud controller manager (writes Nodes and Services status)"),
];

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum IdentityKind {
    /// No CN: authenticates as nobody.
    Nobody,
    Superuser,
    KubeadmAdmin,
    Node,
    /// `system:node:` name without the `system:nodes` group, or the reverse.
    NodeLookalike,
    ControlPlane,
    ServiceAccount,
    Bootstrap,
    Anonymous,
    Ordinary,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Identity {
    pub username: Option<String>,
    /// The O values in encoding order (for a token: the groups its authenticator assigns).
    pub subject_groups: Vec<String>,
    /// Where `subject_groups` come from: `subject` (certificate O values) or `token`.
    pub groups_source: String,
    /// Groups the API server adds itself (`system:authenticated`), empty when it does not.
    pub added_groups: Vec<String>,
    pub uid: Option<String>,
    /// Set when the UID attribute is present but Kubernetes would reject it.
    pub uid_error: Option<String>,
    pub kind: IdentityKind,
    /// "Superuser (system:masters)".
    pub kind_label: String,
    /// What this identity can do, in plain words.
    pub can_do: String,
    /// Conditions and oddities worth knowing ("OU is ignored", "only the last CN counts").
    pub notes: Vec<String>,
}

impl Identity {
    /// Every group the API server would see (none when there is no user at all).
    pub fn all_groups(&self) -> Vec<String> {
        if self.username.is_none() {
            return Vec::new();
        }
        self.subject_groups.iter().chain(&self.added_groups).cloned().collect()
    }
}

/// Derives the identity and marks what each subject attribute means to Kubernetes.
pub fn from_subject(attrs: &mut [NameAttr]) -> Identity {
    let cn_positions: Vec<usize> = attrs.iter().enumerate().filter(|(_, a)| a.short == "CN").map(|(i, _)| i).collect();
    for (i, a) in attrs.iter_mut().enumerate() {
        a.meaning = match a.short.as_str() {
            "CN" if Some(&i) == cn_positions.last() => "username",
            "CN" => "ignored_cn",
            "O" => "group",
            _ if a.oid == OID_K8S_UID => "uid",
            _ => "ignored",
        }
        .to_string();
    }
    let username = cn_positions.last().map(|&i| attrs[i].value.clone()).filter(|v| !v.is_empty());
    if username.is_none() {
        // No user, no identity: the O values mean nothing either.
        for a in attrs.iter_mut().filter(|a| a.meaning == "group" || a.meaning == "username") {
            a.meaning = "ignored".to_string();
        }
    }
    let groups: Vec<String> = attrs.iter().filter(|a| a.short == "O").map(|a| a.value.clone()).collect();
    let uids: Vec<&NameAttr> = attrs.iter().filter(|a| a.oid == OID_K8S_UID).collect();
    let (uid, uid_error) = match uids.as_slice() {
        [] => (None, None),
        [one] if one.value.is_empty() => (None, Some("UID cannot be an empty string".to_string())),
        [one] if one.value.starts_with('#') => (None, Some("unable to parse UID into a string".to_string())),
        [one] => (Some(one.value.clone()), None),
        many => (
            None,
            Some(format!(
                "expected 1 UID, but found multiple: [{}]",
                many.iter().map(|a| a.value.as_str()).collect::<Vec<_>>().join(" ")
            )),
        ),
    };
    let mut id = build(username, groups, uid, uid_error);
    if cn_positions.len() > 1 {
        id.notes.push(format!(
            "The subject has {} CN attributes; Kubernetes (like Go's crypto/x509) keeps only the last one.",
            cn_positions.len()
        ));
    }
    let ignored: Vec<&str> = attrs.iter().filter(|a| a.meaning == "ignored").map(|a| a.short.as_str()).collect();
    if !ignored.is_empty() {
        id.notes.push(format!(
            "{} {} ignored by Kubernetes.",
            ignored.join(", "),
            if ignored.len() == 1 { "is" } else { "are" }
        ));
    }
    id
}

/// The identity a service-account JWT or bootstrap token claims. Unlike a certificate's O
/// values, these groups are added by the token authenticator itself.
pub fn from_claims(username: String, groups: Vec<String>) -> Identity {
    let mut id = build(Some(username), groups, None, None);
    id.groups_source = "token".to_string();
    if id.kind == IdentityKind::ServiceAccount {
        let sa = id.kind_label.trim_start_matches("Service account ").to_string();
        id.can_do = format!(
            "Everything RBAC grants to ServiceAccount {sa}, plus what is bound to the groups {} (the token authenticator adds them).",
            id.subject_groups.join(" and ")
        );
    }
    id
}

fn build(username: Option<String>, groups: Vec<String>, uid: Option<String>, uid_error: Option<String>) -> Identity {
    let has = |g: &str| groups.iter().any(|x| x == g);
    let added_groups = match &username {
        Some(u) if u != ANONYMOUS && !has(AUTHENTICATED) && !has(UNAUTHENTICATED) => vec![AUTHENTICATED.to_string()],
        _ => vec![],
    };
    let user = username.as_deref().unwrap_or("");
    let (kind, kind_label, can_do) = if username.is_none() {
        (
            IdentityKind::Nobody,
            "Nobody (empty CN)".to_string(),
            "Nothing: the API server does not authenticate a client certificate whose CN is empty, so the request falls through to other authenticators (it is not even treated as anonymous by this path).".to_string(),
        )
    } else if has(SYSTEM_MASTERS) {
        (
            IdentityKind::Superuser,
            "Superuser (system:masters)".to_string(),
            "Everything. Members of system:masters are allowed every request before RBAC is even consulted, and no RoleBinding can take that away: the only revocation is rotating the cluster CA (or waiting for expiry).".to_string(),
        )
    } else if has(KUBEADM_ADMINS) {
        (
            IdentityKind::KubeadmAdmin,
            "Cluster admin (kubeadm:cluster-admins)".to_string(),
            "Everything RBAC allows: kubeadm binds kubeadm:cluster-admins to the cluster-admin ClusterRole. Unlike system:masters this can be revoked by deleting that ClusterRoleBinding.".to_string(),
        )
    } else if let Some(node) = user.strip_prefix("system:node:") {
        if has(SYSTEM_NODES) {
            (
                IdentityKind::Node,
                format!("Node {node}"),
                format!("Acts as the kubelet of node \"{node}\": the Node authorizer lets it read Services, Endpoints and Nodes, read the Secrets, ConfigMaps and volumes of pods bound to {node}, and update that node, its pods and their status (NodeRestriction limits writes to its own objects)."),
            )
        } else {
            (
                IdentityKind::NodeLookalike,
                format!("Named like node {node}, but not in system:nodes"),
                "The Node authorizer only recognises a node when the username starts with system:node: AND the groups contain system:nodes. This one gets only what RBAC grants to this exact username and its groups.".to_string(),
            )
        }
    } else if has(SYSTEM_NODES) {
        (
            IdentityKind::NodeLookalike,
            "In system:nodes, but not named system:node:<name>".to_string(),
            "The Node authorizer ignores it (no node name); it gets whatever RBAC grants to the system:nodes group, which by default is nothing beyond kubeadm's node bindings (e.g. CSR self-renewal).".to_string(),
        )
    } else if let Some((_, what)) = CONTROL_PLANE_USERS.iter().find(|(u, _)| *u == user) {
        (
            IdentityKind::ControlPlane,
            format!("Control-plane component ({user})"),
            format!("Acts as {what}."),
        )
    } else if let Some(rest) = user.strip_prefix("system:serviceaccount:") {
        let (ns, name) = rest.split_once(':').unwrap_or((rest, "?"));
        (
            IdentityKind::ServiceAccount,
            format!("Service account {ns}/{name}"),
            format!("Gets every RBAC grant bound to ServiceAccount {ns}/{name}: RBAC matches service-account subjects by this exact username. The group grants of system:serviceaccounts and system:serviceaccounts:{ns} apply only if those groups are also listed."),
        )
    } else if user.starts_with("system:bootstrap:") || groups.iter().any(|g| g.starts_with("system:bootstrappers")) {
        (
            IdentityKind::Bootstrap,
            "Bootstrap identity".to_string(),
            "Acts like a node-bootstrap token: kubeadm lets system:bootstrappers:kubeadm:default-node-token create node client CSRs that are approved automatically, so it can obtain a node identity.".to_string(),
        )
    } else if user == ANONYMOUS || has(UNAUTHENTICATED) {
        (
            IdentityKind::Anonymous,
            "Looks anonymous".to_string(),
            "Authenticated by its certificate, yet it names itself system:anonymous or lists system:unauthenticated, so the API server does not add system:authenticated; it receives what the cluster grants to unauthenticated callers.".to_string(),
        )
    } else {
        let who = if groups.is_empty() {
            format!("user \"{user}\"")
        } else {
            format!("user \"{user}\" and groups {}", groups.join(", "))
        };
        (
            IdentityKind::Ordinary,
            format!("User {user}"),
            format!("Only what RoleBindings and ClusterRoleBindings grant to {who}, plus the discovery and self-review access every authenticated user has (system:basic-user, system:discovery, system:public-info-viewer)."),
        )
    };
    let mut notes = Vec::new();
    if let Some(e) = &uid_error {
        notes.push(format!(
            "The UID attribute is invalid and Kubernetes 1.34+ rejects the certificate: {e}."
        ));
    } else if let Some(u) = &uid {
        notes.push(format!("UID \"{u}\" is used from Kubernetes 1.34 (feature gate AllowParsingUserUIDFromCertAuth, on by default); older versions ignore it."));
    }
    if username.is_some() && added_groups.is_empty() {
        notes.push("The API server does not add system:authenticated here: the user is system:anonymous or the groups already hold system:authenticated or system:unauthenticated.".to_string());
    }
    Identity {
        username,
        subject_groups: groups,
        groups_source: "subject".to_string(),
        added_groups,
        uid,
        uid_error,
        kind,
        kind_label,
        can_do,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(short: &str, value: &str, rdn: usize) -> NameAttr {
        let oid = match short {
            "CN" => "2.5.4.3",
            "O" => "2.5.4.10",
            "OU" => "2.5.4.11",
            "k8s-uid" => OID_K8S_UID,
            _ => "2.5.4.6",
        };
        NameAttr {
            oid: oid.into(),
            short: short.into(),
            value: value.into(),
            rdn,
            meaning: String::new(),
        }
    }

    #[test]
    fn last_cn_wins_and_groups_keep_encoding_order() {
        // /O=system:masters/CN=first/CN=second/O=devs — checked against Go in k8s-rules.md §1.
        let mut a = vec![
            attr("O", "system:masters", 0),
            attr("CN", "first", 1),
            attr("CN", "second", 2),
            attr("O", "devs", 3),
        ];
        let id = from_subject(&mut a);
        assert_eq!(id.username.as_deref(), Some("second"));
        assert_eq!(id.subject_groups, vec!["system:masters", "devs"]);
        assert_eq!(id.kind, IdentityKind::Superuser);
        assert_eq!(a[1].meaning, "ignored_cn");
        assert_eq!(a[2].meaning, "username");
    }

    #[test]
    fn multi_valued_rdn_counts() {
        let mut a = vec![attr("CN", "mv", 0), attr("O", "grp1", 0), attr("O", "grp2", 1)];
        let id = from_subject(&mut a);
        assert_eq!(id.username.as_deref(), Some("mv"));
        assert_eq!(id.all_groups(), vec!["grp1", "grp2", "system:authenticated"]);
    }

    #[test]
    fn ou_is_ignored_and_empty_cn_is_nobody() {
        let mut a = vec![attr("O", "My Org", 0), attr("OU", "My Unit", 1)];
        let id = from_subject(&mut a);
        assert_eq!(id.username, None);
        assert_eq!(id.kind, IdentityKind::Nobody);
        assert!(id.added_groups.is_empty());
        assert_eq!(a[1].meaning, "ignored");
    }

    #[test]
    fn unauthenticated_group_stops_the_authenticated_group() {
        let id = from_subject(&mut [attr("CN", "x", 0), attr("O", "system:unauthenticated", 1)]);
        assert!(id.added_groups.is_empty());
        assert_eq!(id.kind, IdentityKind::Anonymous);
        let anon = from_subject(&mut [attr("CN", "system:anonymous", 0)]);
        assert!(anon.added_groups.is_empty());
    }

    #[test]
    fn node_needs_both_name_and_group() {
        let node = from_subject(&mut [attr("O", "system:nodes", 0), attr("CN", "system:node:worker-1", 1)]);
        assert_eq!(node.kind, IdentityKind::Node);
        let half = from_subject(&mut [attr("CN", "system:node:worker-1", 0)]);
        assert_eq!(half.kind, IdentityKind::NodeLookalike);
    }

    #[test]
    fn uid_rules_match_the_authenticator() {
        let ok = from_subject(&mut [attr("CN", "a", 0), attr("k8s-uid", "client_id", 1)]);
        assert_eq!(ok.uid.as_deref(), Some("client_id"));
        let many = from_subject(&mut [attr("CN", "a", 0), attr("k8s-uid", "u1", 1), attr("k8s-uid", "u2", 2)]);
        assert_eq!(many.uid_error.as_deref(), Some("expected 1 UID, but found multiple: [u1 u2]"));
        let empty = from_subject(&mut [attr("CN", "a", 0), attr("k8s-uid", "", 1)]);
        assert_eq!(empty.uid_error.as_deref(), Some("UID cannot be an empty string"));
    }
}
