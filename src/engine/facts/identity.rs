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

use serde::{Deserialize, Serialize};

use super::x509::{NameAttr, OID_K8S_UID};

pub const SYSTEM_MASTERS: &str = "system:masters";
pub const KUBEADM_ADMINS: &str = "kubeadm:cluster-admins";
pub const SYSTEM_NODES: &str = "system:nodes";
pub const AUTHENTICATED: &str = "system:authenticated";
pub const UNAUTHENTICATED: &str = "system:unauthenticated";
pub const ANONYMOUS: &str = "system:anonymous";

/// A control-plane component's user name (`user.go` constants).
pub struct ControlPlaneUser {
    pub name: &'static str,
    /// Does Kubernetes' default RBAC policy bind anything to this user name?
    /// (`plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-role-bindings.yaml`)
    pub bound_by_default: bool,
    /// What a certificate with this CN gets, in plain words.
    pub what: &'static str,
}

/// Users with a control-plane component's name. Only the first three are bound by the default
/// policy; `system:apiserver` and `system:cloud-controller-manager` are constants in `user.go`
/// with no default binding (the API server's loopback client is powerful because its token puts
/// it in system:masters, which a certificate's CN does not).
pub const CONTROL_PLANE_USERS: &[ControlPlaneUser] = &[
    ControlPlaneUser {
        name: "system:kube-controller-manager",
        bound_by_default: true,
        what: "the controller manager: bound to ClusterRole system:kube-controller-manager, which may list and watch every resource and get, create, update and delete Secrets cluster-wide",
    },
    ControlPlaneUser {
        name: "system:kube-scheduler",
        bound_by_default: true,
        what: "the scheduler: bound to system:kube-scheduler and system:volume-scheduler (reads every pod and node, binds pods to nodes)",
    },
    ControlPlaneUser {
        name: "system:kube-proxy",
        bound_by_default: true,
        what: "kube-proxy: bound to system:node-proxier (reads Services, EndpointSlices and Nodes cluster-wide)",
    },
    ControlPlaneUser {
        name: "system:apiserver",
        bound_by_default: false,
        what: "the API server's own user name. In a certificate it gets only what RBAC binds to User system:apiserver, which the default policy does not: the API server's loopback client is powerful because its token also puts it in system:masters, and a certificate's CN does not",
    },
    ControlPlaneUser {
        name: "system:cloud-controller-manager",
        bound_by_default: false,
        what: "the cloud controller manager's user name. The default policy binds nothing to it; a cloud provider's manifests may bind it to their own roles (which write Node and Service status)",
    },
];

/// The control-plane user of that name, if it is one.
pub fn control_plane_user(name: &str) -> Option<&'static ControlPlaneUser> {
    CONTROL_PLANE_USERS.iter().find(|u| u.name == name)
}

/// The group kubeadm binds for node bootstrap (`kubeadm:kubelet-bootstrap`,
/// `kubeadm:node-autoapprove-bootstrap`): the only bootstrap group that gets anything by default.
pub const KUBEADM_BOOTSTRAP_GROUP: &str = "system:bootstrappers:kubeadm:default-node-token";

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
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

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
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

/// Derives the identity and marks what each subject attribute means to Kubernetes, for a
/// release that reads the UID attribute (1.34 on).
pub fn from_subject(attrs: &mut [NameAttr]) -> Identity {
    from_subject_for(attrs, true)
}

/// [`from_subject`] for a release that reads the UID attribute (`reads_uid`, 1.34 on) or not
/// (1.33, where the feature gate is alpha and off: the attribute is ignored, valid or not).
pub fn from_subject_for(attrs: &mut [NameAttr], reads_uid: bool) -> Identity {
    // A value of no string type is skipped by Go's pkix.Name (FillFromRDNSequence): it is
    // neither the CN nor a group. (Go's certificate parser refuses it outright; its CSR parser
    // keeps it without a value.)
    let cn_positions: Vec<usize> = attrs
        .iter()
        .enumerate()
        .filter(|(_, a)| a.short == "CN" && !a.not_a_string)
        .map(|(i, _)| i)
        .collect();
    for (i, a) in attrs.iter_mut().enumerate() {
        a.meaning = match a.short.as_str() {
            _ if a.oid == OID_K8S_UID && !reads_uid => "ignored",
            _ if a.not_a_string && a.oid != OID_K8S_UID => "ignored",
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
    let groups: Vec<String> = attrs
        .iter()
        .filter(|a| a.short == "O" && !a.not_a_string)
        .map(|a| a.value.clone())
        .collect();
    let uids: Vec<&NameAttr> = attrs.iter().filter(|a| reads_uid && a.oid == OID_K8S_UID).collect();
    let (uid, uid_error) = match uids.as_slice() {
        [] => (None, None),
        [one] if one.value.is_empty() => (None, Some("UID cannot be an empty string".to_string())),
        [one] if one.not_a_string => (None, Some("unable to parse UID into a string".to_string())),
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
    if !reads_uid && attrs.iter().any(|a| a.oid == OID_K8S_UID) {
        id.notes.push("The UID attribute (1.3.6.1.4.1.57683.2) is ignored by Kubernetes 1.33, where the feature gate AllowParsingUserUIDFromCertAuth is alpha and off by default; from 1.34 the gate is on and the attribute becomes the user's UID (or, if malformed, makes authentication fail).".to_string());
    }
    let ignored: Vec<&str> = attrs
        .iter()
        .filter(|a| a.meaning == "ignored" && (reads_uid || a.oid != OID_K8S_UID))
        .map(|a| a.short.as_str())
        .collect();
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
            "No user of its own: the certificate authenticator returns \"not authenticated\" (no error) for an empty CN, so unless another credential on the request authenticates it, the API server's anonymous authenticator (on by default) runs it as system:anonymous in group system:unauthenticated, which most requests refuse with 403; with --anonymous-auth=false it gets 401. Its O values are ignored.".to_string(),
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
    } else if let Some(cp) = control_plane_user(user) {
        (
            IdentityKind::ControlPlane,
            format!("Control-plane component ({user})"),
            if cp.bound_by_default {
                format!("Acts as {}.", cp.what)
            } else {
                format!("Named after {}.", cp.what)
            },
        )
    } else if let Some(rest) = user.strip_prefix("system:serviceaccount:") {
        let (ns, name) = rest.split_once(':').unwrap_or((rest, "?"));
        (
            IdentityKind::ServiceAccount,
            format!("Service account {ns}/{name}"),
            format!("Gets every RBAC grant bound to ServiceAccount {ns}/{name}: RBAC matches service-account subjects by this exact username. The group grants of system:serviceaccounts and system:serviceaccounts:{ns} apply only if those groups are also listed."),
        )
    } else if has(KUBEADM_BOOTSTRAP_GROUP) {
        (
            IdentityKind::Bootstrap,
            "Node bootstrap identity (kubeadm)".to_string(),
            format!("Acts like a kubeadm join token: kubeadm binds {KUBEADM_BOOTSTRAP_GROUP} to system:node-bootstrapper (create CSRs) and to the nodeclient auto-approval role, so it can submit a kubelet client CSR for any node name and have it approved automatically: it can obtain a node identity."),
        )
    } else if user == ANONYMOUS {
        (
            IdentityKind::Anonymous,
            "Named system:anonymous".to_string(),
            format!("Authenticated by its certificate, yet named system:anonymous. It is not an unauthenticated caller: its groups are its O values only, so grants to system:unauthenticated do not apply, and the API server does not add system:authenticated either (the group adder skips system:anonymous). It gets only what is bound to User system:anonymous{}.", if groups.is_empty() { String::new() } else { format!(" and to {}", groups.join(", ")) }),
        )
    } else if has(UNAUTHENTICATED) {
        (
            IdentityKind::Anonymous,
            "Lists system:unauthenticated".to_string(),
            format!("Authenticated by its certificate, yet it lists system:unauthenticated among its groups, so the API server does not add system:authenticated: it gets what is bound to system:unauthenticated (by default discovery and the public info viewer) and to user \"{user}\", but not the grants every authenticated user has."),
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
            "The UID attribute is invalid ({e}): a certificate with it fails authentication on Kubernetes 1.34+; the built-in CSR signers drop the attribute."
        ));
    } else if let Some(u) = &uid {
        notes.push(format!("UID \"{u}\" is used from Kubernetes 1.34 (feature gate AllowParsingUserUIDFromCertAuth, on by default) when it is in a certificate; older versions ignore it, and the built-in CSR signers drop it from the certificates they issue."));
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
        NameAttr::new(short, value, rdn)
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
    fn values_of_no_string_type_are_neither_the_cn_nor_groups() {
        // Go's pkix.Name skips them (FillFromRDNSequence: `value, ok := atv.Value.(string)`).
        let mut a = vec![
            attr("CN", "alice", 0),
            attr("CN", "#0201", 1),
            attr("O", "#0201", 2),
            attr("O", "devs", 3),
        ];
        a[1].not_a_string = true;
        a[2].not_a_string = true;
        let id = from_subject(&mut a);
        assert_eq!(id.username.as_deref(), Some("alice"));
        assert_eq!(id.subject_groups, vec!["devs"]);
        assert_eq!(
            [a[0].meaning.as_str(), &a[1].meaning, &a[2].meaning],
            ["username", "ignored", "ignored"]
        );
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
    fn release_1_33_ignores_the_uid_attribute() {
        let mut a = [attr("CN", "a", 0), attr("k8s-uid", "u1", 1), attr("k8s-uid", "u2", 2)];
        let id = from_subject_for(&mut a, false);
        assert_eq!((id.uid.as_deref(), id.uid_error.as_deref()), (None, None));
        assert!(a[1..].iter().all(|x| x.meaning == "ignored"));
        assert!(id.notes.iter().any(|n| n.contains("ignored by Kubernetes 1.33")), "{:?}", id.notes);
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
