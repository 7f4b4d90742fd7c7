//! kubeadm's PKI on a control-plane node: which file is which, which CA must sign it, the
//! `kubeadm certs check-expiration` tables, the trust map (who is client and who is server on
//! each mTLS link), and what is missing.
//!
//! Facts from kubeadm itself: `cmd/kubeadm/app/phases/certs/certlist.go` (names, CNs, O, EKUs,
//! which CA signs which), `cmd/kubeadm/app/constants/constants.go` (file names),
//! `cmd/kubeadm/app/phases/kubeconfig/kubeconfig.go` (the kubeconfig files and their users),
//! `cmd/kubeadm/app/cmd/certs.go` (`check-expiration`: tabwriter(minwidth 10, tabwidth 4,
//! padding 3), "Jan 02, 2006 15:04 MST", `duration.ShortHumanDuration`, `!MISSING! name`), and
//! the "PKI certificates and requirements" page (kubernetes.io/docs/setup/best-practices/certificates/).

use crate::engine::read::pod::StaticPod;
use crate::engine::report::pki::{ExpirationRow, FlagCheck, Missing, PkiFile, PkiReport, TrustLink};
use crate::engine::report::{Object, ObjectKind, Role};
use crate::engine::MAX_NOTES;

/// A CA of kubeadm's layout: (check-expiration name, certificate path, key path).
pub const CAS: &[(&str, &str, &str)] = &[
    ("ca", "pki/ca.crt", "pki/ca.key"),
    ("etcd-ca", "pki/etcd/ca.crt", "pki/etcd/ca.key"),
    ("front-proxy-ca", "pki/front-proxy-ca.crt", "pki/front-proxy-ca.key"),
];

/// A leaf of kubeadm's layout.
pub struct Leaf {
    /// The name `kubeadm certs check-expiration` prints.
    pub name: &'static str,
    /// Path under /etc/kubernetes (a certificate, or a kubeconfig with an embedded one).
    pub path: &'static str,
    /// Its key file, for certificates.
    pub key: Option<&'static str>,
    /// The CA kubeadm signs it with.
    pub ca: &'static str,
    /// In `check-expiration`'s table (kubelet.conf is not: the kubelet rotates its own).
    pub listed: bool,
    /// Expected on every kubeadm control-plane node with local etcd (super-admin.conf only on
    /// the first, kubeadm >= 1.29).
    pub expected: bool,
    /// What it is for, in a few words.
    pub what: &'static str,
}

pub const LEAVES: &[Leaf] = &[
    Leaf {
        name: "admin.conf",
        path: "admin.conf",
        key: None,
        ca: "ca",
        listed: true,
        expected: true,
        what: "kubectl for administrators (CN kubernetes-admin, O kubeadm:cluster-admins)",
    },
    Leaf {
        name: "apiserver",
        path: "pki/apiserver.crt",
        key: Some("pki/apiserver.key"),
        ca: "ca",
        listed: true,
        expected: true,
        what: "the API server's serving certificate",
    },
    Leaf {
        name: "apiserver-etcd-client",
        path: "pki/apiserver-etcd-client.crt",
        key: Some("pki/apiserver-etcd-client.key"),
        ca: "etcd-ca",
        listed: true,
        expected: true,
        what: "the API server's client certificate to etcd",
    },
    Leaf {
        name: "apiserver-kubelet-client",
        path: "pki/apiserver-kubelet-client.crt",
        key: Some("pki/apiserver-kubelet-client.key"),
        ca: "ca",
        listed: true,
        expected: true,
        what: "the API server's client certificate to kubelets (logs, exec, port-forward)",
    },
    Leaf {
        name: "controller-manager.conf",
        path: "controller-manager.conf",
        key: None,
        ca: "ca",
        listed: true,
        expected: true,
        what: "the controller manager's kubeconfig",
    },
    Leaf {
        name: "etcd-healthcheck-client",
        path: "pki/etcd/healthcheck-client.crt",
        key: Some("pki/etcd/healthcheck-client.key"),
        ca: "etcd-ca",
        listed: true,
        expected: true,
        what: "etcd's liveness probe client",
    },
    Leaf {
        name: "etcd-peer",
        path: "pki/etcd/peer.crt",
        key: Some("pki/etcd/peer.key"),
        ca: "etcd-ca",
        listed: true,
        expected: true,
        what: "etcd members to each other (server and client)",
    },
    Leaf {
        name: "etcd-server",
        path: "pki/etcd/server.crt",
        key: Some("pki/etcd/server.key"),
        ca: "etcd-ca",
        listed: true,
        expected: true,
        what: "etcd's serving certificate",
    },
    Leaf {
        name: "front-proxy-client",
        path: "pki/front-proxy-client.crt",
        key: Some("pki/front-proxy-client.key"),
        ca: "front-proxy-ca",
        listed: true,
        expected: true,
        what: "the API server's client certificate to extension API servers (aggregation)",
    },
    Leaf {
        name: "scheduler.conf",
        path: "scheduler.conf",
        key: None,
        ca: "ca",
        listed: true,
        expected: true,
        what: "the scheduler's kubeconfig",
    },
    Leaf {
        name: "super-admin.conf",
        path: "super-admin.conf",
        key: None,
        ca: "ca",
        listed: true,
        expected: false,
        what: "break-glass kubectl in system:masters (first control-plane node only)",
    },
    Leaf {
        name: "kubelet.conf",
        path: "kubelet.conf",
        key: None,
        ca: "ca",
        listed: false,
        expected: false,
        what: "this node's kubelet (system:node:NAME)",
    },
];

/// The file flags kubeadm writes into its static Pod manifests: (component, flag, file under
/// /etc/kubernetes, what breaks otherwise). From cmd/kubeadm/app/phases/controlplane/manifests.go
/// (getAPIServerCommand, getControllerManagerCommand) and cmd/kubeadm/app/phases/etcd/local.go
/// (getEtcdCommand).
pub const FLAGS: &[(&str, &str, &str, &str)] = &[
    (
        "kube-apiserver",
        "--client-ca-file",
        "pki/ca.crt",
        "the API server would trust another CA for every client certificate",
    ),
    (
        "kube-apiserver",
        "--tls-cert-file",
        "pki/apiserver.crt",
        "clients would see another serving certificate",
    ),
    (
        "kube-apiserver",
        "--tls-private-key-file",
        "pki/apiserver.key",
        "the serving key would not match",
    ),
    (
        "kube-apiserver",
        "--kubelet-client-certificate",
        "pki/apiserver-kubelet-client.crt",
        "kubelets would reject logs, exec and port-forward",
    ),
    (
        "kube-apiserver",
        "--kubelet-client-key",
        "pki/apiserver-kubelet-client.key",
        "the kubelet client key would not match",
    ),
    (
        "kube-apiserver",
        "--etcd-cafile",
        "pki/etcd/ca.crt",
        "the API server would not trust etcd's serving certificate",
    ),
    (
        "kube-apiserver",
        "--etcd-certfile",
        "pki/apiserver-etcd-client.crt",
        "etcd would reject the API server",
    ),
    (
        "kube-apiserver",
        "--etcd-keyfile",
        "pki/apiserver-etcd-client.key",
        "the etcd client key would not match",
    ),
    (
        "kube-apiserver",
        "--proxy-client-cert-file",
        "pki/front-proxy-client.crt",
        "extension API servers would reject the front proxy",
    ),
    (
        "kube-apiserver",
        "--proxy-client-key-file",
        "pki/front-proxy-client.key",
        "the front-proxy key would not match",
    ),
    (
        "kube-apiserver",
        "--requestheader-client-ca-file",
        "pki/front-proxy-ca.crt",
        "the API server would believe request headers from another CA's clients",
    ),
    (
        "kube-apiserver",
        "--service-account-key-file",
        "pki/sa.pub",
        "service-account tokens would not verify",
    ),
    (
        "kube-apiserver",
        "--service-account-signing-key-file",
        "pki/sa.key",
        "tokens would be signed with another key",
    ),
    (
        "kube-controller-manager",
        "--cluster-signing-cert-file",
        "pki/ca.crt",
        "CSRs would be signed by another CA",
    ),
    (
        "kube-controller-manager",
        "--cluster-signing-key-file",
        "pki/ca.key",
        "CSRs would be signed by another key",
    ),
    (
        "kube-controller-manager",
        "--root-ca-file",
        "pki/ca.crt",
        "pods would get another CA in their service-account token volume",
    ),
    (
        "kube-controller-manager",
        "--service-account-private-key-file",
        "pki/sa.key",
        "tokens would be signed with another key",
    ),
    (
        "kube-controller-manager",
        "--requestheader-client-ca-file",
        "pki/front-proxy-ca.crt",
        "front-proxy headers would be believed from another CA",
    ),
    (
        "etcd",
        "--cert-file",
        "pki/etcd/server.crt",
        "clients would see another serving certificate",
    ),
    ("etcd", "--key-file", "pki/etcd/server.key", "the serving key would not match"),
    (
        "etcd",
        "--trusted-ca-file",
        "pki/etcd/ca.crt",
        "etcd would trust another CA's clients (with ca.crt: every cluster client certificate reads all of etcd)",
    ),
    (
        "etcd",
        "--peer-cert-file",
        "pki/etcd/peer.crt",
        "peers would see another certificate",
    ),
    ("etcd", "--peer-key-file", "pki/etcd/peer.key", "the peer key would not match"),
    (
        "etcd",
        "--peer-trusted-ca-file",
        "pki/etcd/ca.crt",
        "etcd would trust another CA's peers",
    ),
];

/// Checks the file flags of the node's static Pod manifests: `manifests` are (path, the
/// container's command and args).
fn check_flags(root: &str, manifests: &[(String, Vec<String>)]) -> Vec<FlagCheck> {
    let mut out = Vec::new();
    for (path, argv) in manifests {
        let Some(component) = argv.first().map(|c| c.rsplit('/').next().unwrap_or(c).to_string()) else {
            continue;
        };
        for (comp, flag, expected, breaks) in FLAGS.iter().filter(|(c, _, _, _)| *c == component) {
            let Some(value) = argv.iter().find_map(|a| a.strip_prefix(&format!("{flag}="))) else {
                continue;
            };
            // kubeadm's certificatesDir is /etc/kubernetes/pki; compare under /etc/kubernetes.
            let rel = value.strip_prefix("/etc/kubernetes/").unwrap_or(value);
            let ok = rel == *expected;
            let problem = (!ok).then(|| {
                let other = CAS
                    .iter()
                    .find(|(_, c, k)| *c == rel || *k == rel)
                    .map(|(n, _, _)| match *n {
                        "ca" => " (the cluster CA's file)".to_string(),
                        "etcd-ca" => " (the etcd CA's file)".to_string(),
                        _ => " (the front-proxy CA's file)".to_string(),
                    })
                    .or_else(|| {
                        LEAVES
                            .iter()
                            .find(|l| l.path == rel || l.key == Some(rel))
                            .map(|l| format!(" ({}'s file)", l.name))
                    })
                    .unwrap_or_default();
                format!("{comp} {flag} points to {value}{other}; kubeadm passes /etc/kubernetes/{expected}: {breaks}.")
            });
            out.push(FlagCheck {
                manifest: path.strip_prefix(root).unwrap_or(path).to_string(),
                flag: flag.to_string(),
                value: value.to_string(),
                expected: expected.to_string(),
                ok,
                problem,
            });
        }
    }
    out
}

/// The object read from exactly this path (a single PEM block keeps the file name as source).
fn at<'a>(objects: &'a [Object], path: &str, kind: ObjectKind) -> Option<&'a Object> {
    objects.iter().find(|o| o.kind == kind && o.source == path)
}

/// The kubeconfig read from this path.
fn kubeconfig_at<'a>(objects: &'a [Object], path: &str) -> Option<&'a Object> {
    objects
        .iter()
        .find(|o| o.kind == ObjectKind::Kubeconfig && o.source == format!("{path}: kubeconfig"))
}

/// The kubeconfig's embedded client object of this kind (its certificate, its key).
fn kubeconfig_child<'a>(objects: &'a [Object], kc: &Object, kind: ObjectKind) -> Option<&'a Object> {
    objects
        .iter()
        .find(|o| o.parent == Some(kc.id) && o.role == Role::KubeconfigClient && o.kind == kind)
}

/// Where kubeadm's layout sits among the paths: the prefix before `pki/ca.crt` and friends.
fn find_root(paths: &[&str]) -> Option<String> {
    let known: Vec<&str> = CAS
        .iter()
        .flat_map(|(_, c, k)| [*c, *k])
        .chain(LEAVES.iter().map(|l| l.path))
        .chain(["pki/sa.key", "pki/sa.pub"])
        .collect();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for p in paths {
        for k in &known {
            if let Some(prefix) = p.strip_suffix(k) {
                if prefix.is_empty() || prefix.ends_with('/') {
                    match counts.iter_mut().find(|(x, _)| x == prefix) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((prefix.to_string(), 1)),
                    }
                }
            }
        }
    }
    // At least two of kubeadm's files, one of them a control plane's: one stray "admin.conf" is
    // not a node's PKI, and a worker node's /etc/kubernetes holds only kubelet.conf and pki/ca.crt.
    let control_plane = |prefix: &str| {
        paths.iter().any(|p| {
            p.strip_prefix(prefix)
                .is_some_and(|rel| known.contains(&rel) && !matches!(rel, "kubelet.conf" | "pki/ca.crt"))
        })
    };
    counts
        .into_iter()
        .filter(|(p, n)| *n >= 2 && control_plane(p))
        .max_by_key(|(_, n)| *n)
        .map(|(p, _)| p)
}

/// Go's `duration.ShortHumanDuration` (k8s.io/apimachinery/pkg/util/duration).
pub fn short_human_duration(seconds: i64) -> String {
    if seconds < -1 {
        "<invalid>".into()
    } else if seconds < 0 {
        "0s".into()
    } else if seconds < 60 {
        format!("{seconds}s")
    } else if seconds < 3600 {
        format!("{}m", seconds / 60)
    } else if seconds < 86400 {
        format!("{}h", seconds / 3600)
    } else if seconds < 86400 * 365 {
        format!("{}d", seconds / 86400)
    } else {
        format!("{}y", seconds / 86400 / 365)
    }
}

/// Go's time format "Jan 02, 2006 15:04 MST", in UTC.
pub fn kubeadm_date(unix: i64) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let t = crate::engine::util::rfc3339(unix); // 2027-06-01T00:00:00Z
    let (y, m, d, hh, mm) = (&t[0..4], &t[5..7], &t[8..10], &t[11..13], &t[14..16]);
    let month = m
        .parse::<usize>()
        .ok()
        .and_then(|i| MONTHS.get(i.wrapping_sub(1)))
        .unwrap_or(&"???");
    format!("{month} {d}, {y} {hh}:{mm} UTC")
}

/// Audits the input as a control-plane node's /etc/kubernetes; `None` when it is not one.
pub fn audit(objects: &[Object], paths: &[&str], manifests: &[(String, Vec<String>)], now: i64) -> Option<PkiReport> {
    let root = find_root(paths)?;
    let p = |rel: &str| format!("{root}{rel}");
    let present = |rel: &str| paths.contains(&p(rel).as_str());
    let mut files: Vec<PkiFile> = Vec::new();
    // The CAs and their keys.
    let ca_objs: Vec<(&str, Option<&Object>, bool)> = CAS
        .iter()
        .map(|(name, crt, key)| (*name, at(objects, &p(crt), ObjectKind::Certificate), present(key)))
        .collect();
    // The CA that signed a certificate, by key: the issuer object `link` found may be a copy
    // of the CA (a kubeconfig's certificate-authority-data), and two CAs on one key sign alike,
    // so the expected CA is named first when its key is the signer's.
    let key_of = |o: &Object| o.certificate_key_id().unwrap_or_default().to_string();
    let ca_name_of = |id: Option<usize>, expected: &str| -> String {
        let Some(issuer) = id.and_then(|i| objects.get(i)) else {
            return String::new();
        };
        let k = key_of(issuer);
        if k.is_empty() {
            return String::new();
        }
        let same = |(n, o, _): &&(&str, Option<&Object>, bool)| o.is_some_and(|o| key_of(o) == k).then_some(n.to_string());
        ca_objs
            .iter()
            .filter(|(n, _, _)| *n == expected)
            .find_map(|x| same(&x))
            .or_else(|| ca_objs.iter().find_map(|x| same(&x)))
            .unwrap_or_default()
    };
    let row = |name: &str, path: String, o: Option<&Object>, authority: &str, external: bool| {
        let na = o.and_then(|o| o.certificate.as_ref()).map(|c| c.validity.not_after_unix);
        ExpirationRow {
            name: name.into(),
            path,
            object: o.map(|o| o.id),
            expires: na.map(kubeadm_date).unwrap_or_default(),
            expires_unix: na,
            residual: na.map(|t| short_human_duration(t - now)).unwrap_or_default(),
            residual_seconds: na.map(|t| t - now),
            authority: authority.into(),
            externally_managed: external,
            missing: o.is_none(),
        }
    };
    let mut authorities = Vec::new();
    for ((name, crt, key), (_, o, has_key)) in CAS.iter().zip(&ca_objs) {
        if let Some(o) = o {
            files.push(PkiFile {
                object: o.id,
                name: name.to_string(),
                path: p(crt),
                kind: "ca".into(),
                expect: String::new(),
                signed_by: String::new(),
            });
            authorities.push(row(name, p(crt), Some(o), "", !has_key));
        } else if *name != "etcd-ca" || present("pki/etcd/server.crt") {
            authorities.push(row(name, p(crt), None, "", false));
        }
        if let Some(k) = at(objects, &p(key), ObjectKind::PrivateKey) {
            files.push(PkiFile {
                object: k.id,
                name: format!("{name}.key"),
                path: p(key),
                kind: "ca-key".into(),
                expect: name.to_string(),
                signed_by: String::new(),
            });
        }
    }
    let local_etcd = ca_objs.iter().any(|(n, o, _)| *n == "etcd-ca" && o.is_some());
    let mut certificates = Vec::new();
    let mut missing = Vec::new();
    let mut leaf_signer: Vec<(&str, String)> = Vec::new();
    for l in LEAVES {
        let conf = l.path.ends_with(".conf");
        let kc = if conf { kubeconfig_at(objects, &p(l.path)) } else { None };
        let o = if conf {
            kc.and_then(|kc| kubeconfig_child(objects, kc, ObjectKind::Certificate))
        } else {
            at(objects, &p(l.path), ObjectKind::Certificate)
        };
        let external = ca_objs.iter().any(|(n, o, k)| *n == l.ca && o.is_some() && !k);
        let etcd_side = l.ca == "etcd-ca";
        // The kubeconfig itself and its embedded key are kubeadm's files too.
        if let Some(kc) = kc {
            files.push(PkiFile {
                object: kc.id,
                name: l.name.into(),
                path: p(l.path),
                kind: "kubeconfig".into(),
                expect: String::new(),
                signed_by: String::new(),
            });
            if let Some(k) = kubeconfig_child(objects, kc, ObjectKind::PrivateKey) {
                files.push(PkiFile {
                    object: k.id,
                    name: format!("{} client key", l.name),
                    path: p(l.path),
                    kind: "kubeconfig-key".into(),
                    expect: String::new(),
                    signed_by: String::new(),
                });
            }
        }
        match o {
            Some(o) => {
                let signed_by = ca_name_of(o.issued_by, l.ca);
                files.push(PkiFile {
                    object: o.id,
                    name: l.name.into(),
                    path: p(l.path),
                    kind: if l.path.ends_with(".conf") { "kubeconfig-cert" } else { "cert" }.into(),
                    expect: l.ca.into(),
                    signed_by: signed_by.clone(),
                });
                leaf_signer.push((l.name, signed_by));
                if l.listed {
                    certificates.push(row(l.name, p(l.path), Some(o), l.ca, external));
                }
            }
            None if l.expected && (!etcd_side || local_etcd) && !present(l.path) => {
                if l.listed {
                    certificates.push(row(l.name, p(l.path), None, l.ca, false));
                }
                missing.push(Missing {
                    path: p(l.path),
                    why: format!("kubeadm writes it on every control-plane node: {}. Without it that component cannot start or connect; `kubeadm init phase` (certs or kubeconfig) recreates it from the CA.", l.what),
                });
            }
            None => {}
        }
        if let (Some(key), Some(o)) = (l.key, o) {
            if let Some(k) = at(objects, &p(key), ObjectKind::PrivateKey) {
                files.push(PkiFile {
                    object: k.id,
                    name: format!("{}.key", l.name),
                    path: p(key),
                    kind: "key".into(),
                    expect: o.id.to_string(),
                    signed_by: String::new(),
                });
            } else if !present(key) {
                missing.push(Missing {
                    path: p(key),
                    why: format!(
                        "the private key of {}: the component cannot use its certificate without it",
                        p(l.path)
                    ),
                });
            }
        }
    }
    for (name, path, kind) in [
        ("sa.key", "pki/sa.key", ObjectKind::PrivateKey),
        ("sa.pub", "pki/sa.pub", ObjectKind::PublicKey),
    ] {
        match at(objects, &p(path), kind) {
            Some(o) => files.push(PkiFile {
                object: o.id,
                name: name.into(),
                path: p(path),
                kind: if name == "sa.key" { "sa-key" } else { "sa-pub" }.into(),
                expect: String::new(),
                signed_by: String::new(),
            }),
            None if !present(path) && ca_objs.first().is_some_and(|(_, o, _)| o.is_some()) => missing.push(Missing {
                path: p(path),
                why: "the service-account token signing pair: the controller manager signs tokens with sa.key, the API server verifies them with sa.pub".into(),
            }),
            None => {}
        }
    }
    let signer = |n: &str| leaf_signer.iter().find(|(x, _)| *x == n).map(|(_, s)| s.clone());
    let mut links = Vec::new();
    let mut link = |text: &str, client: &str, server: Option<&str>, trusts: &str, breaks: &str| {
        let Some(cs) = signer(client) else { return };
        let ss = server.and_then(signer);
        if server.is_some() && ss.is_none() {
            return;
        }
        let ok = cs == trusts && ss.as_deref().is_none_or(|s| s == trusts);
        let problem = (!ok).then(|| {
            let mut parts = Vec::new();
            if cs != trusts {
                parts.push(format!(
                    "{client} is signed by {}, but the other side trusts only {trusts}",
                    if cs.is_empty() {
                        "a CA not in this folder".to_string()
                    } else {
                        cs.clone()
                    }
                ));
            }
            if let Some(s) = ss.as_deref().filter(|s| *s != trusts) {
                parts.push(format!(
                    "{} is signed by {}, not {trusts}",
                    server.unwrap_or(""),
                    if s.is_empty() { "a CA not in this folder" } else { s }
                ));
            }
            format!("{}: {breaks}", parts.join("; "))
        });
        links.push(TrustLink {
            link: text.into(),
            client: client.into(),
            client_signed_by: cs,
            server: server.map(str::to_string),
            server_signed_by: ss.unwrap_or_default(),
            trusts: trusts.into(),
            ok,
            problem,
        });
    };
    link(
        "API server → etcd",
        "apiserver-etcd-client",
        Some("etcd-server"),
        "etcd-ca",
        "etcd rejects the API server (x509: certificate signed by unknown authority) and the control plane stops",
    );
    link(
        "etcd ↔ etcd (peers)",
        "etcd-peer",
        Some("etcd-peer"),
        "etcd-ca",
        "etcd members cannot join each other",
    );
    link(
        "etcd liveness probe → etcd",
        "etcd-healthcheck-client",
        Some("etcd-server"),
        "etcd-ca",
        "the etcd pod's probe fails and the kubelet restarts it",
    );
    link(
        "API server → kubelets",
        "apiserver-kubelet-client",
        None,
        "ca",
        "kubelets (--client-ca-file=ca.crt) reject kubectl logs, exec and port-forward",
    );
    link(
        "API server → extension API servers (front proxy)",
        "front-proxy-client",
        None,
        "front-proxy-ca",
        "aggregated APIs (metrics-server …) reject the API server's proxied requests",
    );
    for c in [
        "admin.conf",
        "super-admin.conf",
        "controller-manager.conf",
        "scheduler.conf",
        "kubelet.conf",
    ] {
        link(
            &format!("{c} → API server"),
            c,
            Some("apiserver"),
            "ca",
            "the API server (--client-ca-file=ca.crt) rejects this user",
        );
    }
    let flags = check_flags(&root, manifests);
    Some(PkiReport {
        root,
        certificates,
        authorities,
        links,
        missing,
        files,
        flags,
    })
}

/// kubeadm's two tables, as `kubeadm certs check-expiration` prints them (Go's tabwriter with
/// minwidth 10, padding 3; the last column padded to 8 as `%-8v` does).
pub fn expiration_tables(r: &PkiReport) -> String {
    fn table(rows: &[Vec<String>]) -> String {
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        // Every cell but a line's last is tab-terminated and aligned; the last is written as is.
        let widths: Vec<usize> = (0..cols.saturating_sub(1))
            .map(|i| {
                rows.iter()
                    .filter(|r| r.len() > i + 1)
                    .map(|r| r[i].chars().count() + 3)
                    .max()
                    .unwrap_or(0)
                    .max(10)
            })
            .collect();
        let mut out = String::new();
        for r in rows {
            for (i, c) in r.iter().enumerate() {
                if i + 1 < r.len() {
                    out.push_str(&format!("{c:<w$}", w = widths[i]));
                } else {
                    out.push_str(c);
                }
            }
            out.push('\n');
        }
        out
    }
    let yes_no = |b: bool| format!("{:<8}", if b { "yes" } else { "no" });
    let mut certs = vec![[
        "CERTIFICATE",
        "EXPIRES",
        "RESIDUAL TIME",
        "CERTIFICATE AUTHORITY",
        "EXTERNALLY MANAGED",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect::<Vec<_>>()];
    for c in &r.certificates {
        certs.push(if c.missing {
            vec![
                format!("!MISSING! {}", c.name),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]
        } else {
            vec![
                c.name.clone(),
                c.expires.clone(),
                c.residual.clone(),
                c.authority.clone(),
                yes_no(c.externally_managed),
            ]
        });
    }
    let mut cas = vec![["CERTIFICATE AUTHORITY", "EXPIRES", "RESIDUAL TIME", "EXTERNALLY MANAGED"]
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()];
    for c in &r.authorities {
        cas.push(if c.missing {
            vec![format!("!MISSING! {}", c.name), String::new(), String::new(), String::new()]
        } else {
            vec![c.name.clone(), c.expires.clone(), c.residual.clone(), yes_no(c.externally_managed)]
        });
    }
    format!("{}\n{}", table(&certs), table(&cas))
}

/// A node's /etc/kubernetes also holds its static Pod manifests: once the audit has read their
/// file flags, they are named once in `detected` and their "not understood" notes withdrawn.
pub fn withdraw_manifest_notes(p: &PkiReport, pods: &[StaticPod], not_understood: &mut Vec<String>, detected: &mut Vec<String>) {
    let dir = format!("{}manifests/", p.root);
    // Notes past MAX_NOTES were already cut (and counted in the "… more" line).
    let withdrawn: std::collections::HashSet<usize> = pods
        .iter()
        .filter(|pod| pod.source.starts_with(&dir) && pod.note < MAX_NOTES)
        .map(|pod| pod.note)
        .collect();
    if withdrawn.is_empty() {
        return;
    }
    let mut i = 0;
    not_understood.retain(|_| {
        i += 1;
        !withdrawn.contains(&(i - 1))
    });
    detected.push(format!(
        "{} static Pod manifests in {dir} (their file flags are checked below)",
        withdrawn.len()
    ));
}

/// The static Pod manifests' commands, for the flag checks: (path, the first container's
/// command and args).
pub fn manifests(pods: &[StaticPod]) -> Vec<(String, Vec<String>)> {
    pods.iter()
        .filter(|p| p.source.contains("manifests/"))
        .map(|p| (p.source.clone(), p.argv.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn residual_time_and_dates_as_kubeadm_prints_them() {
        assert_eq!(short_human_duration(-5), "<invalid>");
        assert_eq!(short_human_duration(-1), "0s");
        assert_eq!(short_human_duration(59), "59s");
        assert_eq!(short_human_duration(3599), "59m");
        assert_eq!(short_human_duration(86399), "23h");
        assert_eq!(short_human_duration(188 * 86400 + 5), "188d");
        assert_eq!(short_human_duration(86400 * 365 * 9 + 86400 * 30), "9y");
        assert_eq!(kubeadm_date(1_811_808_000), "Jun 01, 2027 00:00 UTC");
    }

    #[test]
    fn the_root_is_where_kubeadm_files_are() {
        assert_eq!(
            find_root(&["kubernetes/pki/ca.crt", "kubernetes/admin.conf", "x/y"]),
            Some("kubernetes/".into())
        );
        assert_eq!(find_root(&["pki/ca.crt", "pki/ca.key"]), Some(String::new()));
        assert_eq!(find_root(&["admin.conf"]), None, "one file is not a node's PKI");
        assert_eq!(find_root(&["notpki/ca.crt", "xadmin.conf"]), None);
    }
}
