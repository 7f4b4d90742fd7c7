//! Dangerous powers: which of the requests that make an identity dangerous (read Secrets, create
//! pods, exec, escalate, impersonate, approve CSRs …) its bindings grant, and through which; an
//! identity's whole view (`access`); and who holds each power in a pasted policy (`holders`).

use super::bindings::{applied_bindings, bound, is_superuser, role_label, walk, BoundSet};
use super::list::rows_in;
use super::{identity_notes, rule_allows, Who};
use super::{MAX_ROWS, MAX_SCOPES};
use crate::engine::analyse::resources;
use crate::engine::facts::identity::KUBEADM_ADMINS;
use crate::engine::read::rbac::{BindingDef, Policy, SubjectRef};
use crate::engine::report::access::{Access, Holder, Power, PowerHolders, Request, Scope};
use crate::engine::report::Severity;

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
