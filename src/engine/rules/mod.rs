//! Risk rules: one per file, listed explicitly in [`RULES`].
//!
//! Each rule first decides whether it applies to an object ([`Outcome::NotApplicable`]), then
//! passes or fails with one or more [`Hit`]s. IDs are stable: never renamed, never reused, and
//! they do not encode the severity (a hit may carry a different severity than the default).

use super::facts::identity::Identity;
use super::facts::x509::{CertFacts, CsrFacts, ExtensionFacts, NameAttr, PublicKeyFacts, SignatureAlgorithm};
use super::report::csr_object::CsrObjectFacts;
use super::report::{Finding, Object, Role, Severity, Verdict, VerdictLevel};

mod ca_shared_across_clusters;
mod crypto_dsa_key;
mod crypto_unsupported_curve;
mod crypto_weak_rsa_key;
mod crypto_weak_signature_hash;
mod csr_custom_signer;
mod csr_expiration_too_short;
mod csr_extensions_dropped;
mod csr_issued_certificate_mismatch;
mod csr_kubelet_client_shape;
mod csr_kubelet_serving_shape;
mod csr_legacy_unknown_signer;
mod csr_no_expiration_seconds;
mod csr_node_requester_mismatch;
mod csr_request_invalid;
mod csr_request_not_included;
mod csr_signer_name_invalid;
mod csr_subject_restriction;
mod csr_usages_invalid;
mod csr_usages_not_allowed_for_signer;
mod identity_control_plane;
mod identity_empty_cn;
mod identity_invalid_uid;
mod identity_kubeadm_cluster_admins;
mod identity_lookalike_characters;
mod identity_multiple_cn;
mod identity_name_unparseable;
mod identity_node;
mod identity_reserved_name;
mod identity_service_account;
mod identity_system_masters;
mod key_certificate_mismatch;
mod key_file_permissions;
mod kubeconfig_client_cert_not_from_cluster_ca;
mod kubeconfig_dangling_reference;
mod kubeconfig_data_omitted;
mod kubeconfig_embedded_credentials;
mod kubeconfig_exec_plugin;
mod kubeconfig_file_reference;
mod kubeconfig_insecure_skip_tls_verify;
mod kubeconfig_multiple_auth_methods;
mod kubeconfig_plain_http;
mod kubelet_client_rotation_off;
mod kubelet_kubeconfig_stale_certificate;
mod kubelet_serving_self_signed;
mod pki_ca_key;
mod pki_key_mismatch;
mod pki_shared_ca_key;
mod pki_wrong_ca;
mod rbac_dangerous_power;
mod secret_ca_private_key;
mod secret_private_key;
mod serving_apiserver_missing_names;
mod token_legacy_service_account;
mod usage_ca_on_client_certificate;
mod usage_client_auth_missing;
mod usage_unhandled_critical_extension;
mod validity_ca_rotation_due;
mod validity_expired;
mod validity_expiring_soon;
mod validity_long_lifetime;
mod validity_not_yet_valid;
mod x509_go_refuses;

#[cfg(test)]
pub(crate) mod testkit;

/// Declares [`RULES`] and the first path's [`FIRST_RULES`] from one list, in the order findings of
/// equal severity are listed. `whole` marks a rule that needs what only the whole engine reads
/// (RBAC, a PKI folder, the kubelet's configuration, file modes): `engine::first` steps aside for
/// those inputs, so it records such a rule as not applicable without linking its code and texts
/// into the first module (issue #24).
macro_rules! rules {
    ($($m:ident $($whole:ident)?,)*) => {
        /// Every rule, in the order findings of equal severity are listed.
        pub static RULES: &[&Rule] = &[$(&$m::RULE),*];
        /// Each rule's texts, in the order of [`RULES`].
        pub static TEXTS: &[&Texts] = &[$(&$m::TEXTS),*];
        /// The rules `engine::first` runs, in the same order, without their texts; the others only by id.
        pub static FIRST_RULES: &[Slot] = &[$(rules!(@slot $m $($whole)?)),*];
    };
    (@slot $m:ident) => { Slot::Run(&$m::RULE, None) };
    (@slot $m:ident whole) => { Slot::Skip(stringify!($m)) };
}

rules! {
    identity_system_masters,
    identity_kubeadm_cluster_admins,
    csr_subject_restriction,
    identity_node,
    csr_node_requester_mismatch,
    identity_control_plane,
    identity_service_account,
    identity_reserved_name,
    identity_lookalike_characters,
    identity_empty_cn,
    identity_multiple_cn,
    identity_invalid_uid,
    identity_name_unparseable,
    x509_go_refuses,
    usage_unhandled_critical_extension,
    rbac_dangerous_power whole,
    csr_request_invalid,
    csr_request_not_included,
    csr_signer_name_invalid,
    csr_legacy_unknown_signer,
    csr_custom_signer,
    csr_usages_invalid,
    csr_usages_not_allowed_for_signer,
    csr_kubelet_client_shape,
    csr_kubelet_serving_shape,
    csr_extensions_dropped,
    csr_expiration_too_short,
    csr_no_expiration_seconds,
    csr_issued_certificate_mismatch,
    validity_expired,
    validity_not_yet_valid,
    validity_expiring_soon,
    validity_ca_rotation_due,
    validity_long_lifetime,
    crypto_weak_rsa_key,
    crypto_dsa_key,
    crypto_unsupported_curve,
    crypto_weak_signature_hash,
    usage_ca_on_client_certificate,
    usage_client_auth_missing,
    serving_apiserver_missing_names,
    kubeconfig_insecure_skip_tls_verify,
    kubeconfig_plain_http,
    kubeconfig_embedded_credentials,
    kubeconfig_exec_plugin,
    kubeconfig_multiple_auth_methods,
    kubeconfig_client_cert_not_from_cluster_ca,
    kubeconfig_dangling_reference,
    kubeconfig_file_reference,
    kubeconfig_data_omitted,
    key_certificate_mismatch,
    key_file_permissions whole,
    kubelet_client_rotation_off whole,
    kubelet_kubeconfig_stale_certificate,
    kubelet_serving_self_signed whole,
    pki_wrong_ca whole,
    pki_shared_ca_key whole,
    ca_shared_across_clusters,
    pki_key_mismatch whole,
    pki_ca_key whole,
    secret_ca_private_key,
    secret_private_key,
    token_legacy_service_account,
}

/// A rule to run, with its texts or without them (the first path), or one recorded by id only
/// (its module's name, `_` for `-`).
#[derive(Clone, Copy)]
pub enum Slot {
    Run(&'static Rule, Option<&'static Texts>),
    Skip(&'static str),
}

pub struct Rule {
    pub id: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    pub check: fn(&Ctx) -> Outcome,
}

/// What a finding says beyond its title and detail: why it matters, what to do instead, the
/// source. Apart from [`Rule`] so that the first report's module, whose view shows a finding's
/// title and detail while the whole report loads, does not carry them (30 KB, 10 KB gzip; issue #24).
pub struct Texts {
    pub why: &'static str,
    pub fix: &'static str,
    pub reference: &'static str,
}

#[derive(Debug, PartialEq)]
pub enum Outcome {
    NotApplicable,
    Pass,
    Fail(Vec<Hit>),
}

#[derive(Debug, PartialEq)]
pub struct Hit {
    pub severity: Severity,
    pub detail: String,
    pub rejected_by_kubernetes: bool,
}

impl Hit {
    pub fn new(severity: Severity, detail: impl Into<String>) -> Hit {
        Hit {
            severity,
            detail: detail.into(),
            rejected_by_kubernetes: false,
        }
    }
    /// A hit Kubernetes itself enforces (the API, the signer or the authenticator refuses).
    pub fn rejected(severity: Severity, detail: impl Into<String>) -> Hit {
        Hit {
            severity,
            detail: detail.into(),
            rejected_by_kubernetes: true,
        }
    }
}

impl Outcome {
    /// Pass when nothing was hit, otherwise fail with every hit.
    pub fn from_hits(hits: Vec<Hit>) -> Outcome {
        if hits.is_empty() {
            Outcome::Pass
        } else {
            Outcome::Fail(hits)
        }
    }
    pub fn fail(severity: Severity, detail: impl Into<String>) -> Outcome {
        Outcome::Fail(vec![Hit {
            severity,
            detail: detail.into(),
            rejected_by_kubernetes: false,
        }])
    }
    /// A failure Kubernetes itself enforces (the API, the signer or the authenticator refuses).
    pub fn rejected(severity: Severity, detail: impl Into<String>) -> Outcome {
        Outcome::Fail(vec![Hit {
            severity,
            detail: detail.into(),
            rejected_by_kubernetes: true,
        }])
    }
    pub fn pass_if(ok: bool, otherwise: impl FnOnce() -> Outcome) -> Outcome {
        if ok {
            Outcome::Pass
        } else {
            otherwise()
        }
    }
}

/// How the `csrapproving` controller (`pkg/controller/certificates/approver/sarapprove.go`)
/// treats a request under kubeadm's default bindings. It only considers
/// `kube-apiserver-client-kubelet` requests that pass `IsKubeletClientCSR`, then asks a
/// SubjectAccessReview *for the requester* (spec.username and spec.groups) whether it may
/// `create` `certificatesigningrequests/selfnodeclient` (only when spec.username equals the CN)
/// or `/nodeclient`, and approves if either is allowed.
#[derive(Debug, PartialEq, Clone, Copy)]
pub enum AutoApproval {
    /// Not a kubelet client request the approver recognises: only a person approves it.
    NotConsidered,
    /// The node renewing itself: kubeadm binds `system:nodes` to `selfnodeclient`.
    SelfRenewal,
    /// A bootstrap token. `kubeadm` is true for kubeadm's join-token group, which kubeadm binds to
    /// `nodeclient`; other bootstrap tokens are approved only where the cluster bound them.
    BootstrapToken { kubeadm: bool },
    /// A superuser (`system:masters`, allowed before RBAC) or a `kubeadm:cluster-admins` member
    /// (cluster-admin's `*` covers `nodeclient`): approved automatically, for any node name.
    Admin,
    /// The requester holds no default grant on `nodeclient`: it waits for a person.
    Manual,
}

impl AutoApproval {
    /// One sentence for a reviewer: who approves this request.
    pub fn explain(self, requester: &str) -> String {
        match self {
            AutoApproval::NotConsidered => "The auto-approver does not consider it (not a valid kubelet client request): only a person can approve it.".to_string(),
            AutoApproval::SelfRenewal => format!("{requester} is renewing its own certificate: kubeadm's binding of system:nodes to selfnodeclient lets the auto-approver approve it."),
            AutoApproval::BootstrapToken { kubeadm: true } => format!("{requester} is a kubeadm join token: kubeadm binds its group to nodeclient, so the auto-approver approves it for any node name."),
            AutoApproval::BootstrapToken { kubeadm: false } => format!("{requester} is a bootstrap token outside kubeadm's group: approved automatically only if your cluster binds its group to nodeclient (kubeadm does not)."),
            AutoApproval::Admin => format!("{requester} is a cluster admin: the auto-approver's SubjectAccessReview on nodeclient passes for admins, so this is approved automatically, for any node name."),
            AutoApproval::Manual => format!("{requester} has no default grant on nodeclient, so the auto-approver leaves it to a person: approving it is your decision."),
        }
    }
}

/// What a rule sees: the object, every other object (for cross-references), and "now".
pub struct Ctx<'a> {
    pub obj: &'a Object,
    pub all: &'a [Object],
    pub now: i64,
    /// The RBAC policy's view of the input's identities, when there is one.
    pub rbac: Option<&'a crate::engine::report::access::RbacReport>,
    /// The node's PKI, when the input is an /etc/kubernetes.
    pub pki: Option<&'a crate::engine::report::pki::PkiReport>,
    /// The modes and owners of the input's files, where an archive's headers gave them.
    pub files: &'a [crate::engine::read::archive::FileMeta],
}

/// The signers built into Kubernetes (`certificate-signing-requests.md`).
pub const KUBE_APISERVER_CLIENT: &str = "kubernetes.io/kube-apiserver-client";
pub const KUBE_APISERVER_CLIENT_KUBELET: &str = "kubernetes.io/kube-apiserver-client-kubelet";
pub const KUBELET_SERVING: &str = "kubernetes.io/kubelet-serving";
pub const LEGACY_UNKNOWN: &str = "kubernetes.io/legacy-unknown";
/// The only signers Kubernetes implements for CSRs (`pkg/controller/certificates/signer`); any
/// other `kubernetes.io` or `*.kubernetes.io` name is reserved and never signed.
pub const BUILT_IN_SIGNERS: &[&str] = &[
    KUBE_APISERVER_CLIENT,
    KUBE_APISERVER_CLIENT_KUBELET,
    KUBELET_SERVING,
    LEGACY_UNKNOWN,
];

impl<'a> Ctx<'a> {
    pub fn cert(&self) -> Option<&'a CertFacts> {
        self.obj.certificate.as_ref()
    }
    pub fn csr(&self) -> Option<&'a CsrFacts> {
        self.obj.request.as_ref()
    }
    pub fn spec(&self) -> Option<&'a CsrObjectFacts> {
        self.obj.csr_object.as_ref()
    }
    pub fn identity(&self) -> Option<&'a Identity> {
        self.obj.identity.as_ref()
    }
    pub fn subject(&self) -> Option<&'a [NameAttr]> {
        self.cert()
            .map(|c| c.subject.as_slice())
            .or(self.csr().map(|c| c.subject.as_slice()))
    }
    pub fn extensions(&self) -> Option<&'a ExtensionFacts> {
        self.cert().map(|c| &c.extensions).or(self.csr().map(|c| &c.extensions))
    }
    pub fn public_key(&self) -> Option<&'a PublicKeyFacts> {
        self.cert().map(|c| &c.public_key).or(self.csr().map(|c| &c.public_key))
    }
    /// The key being judged, of a certificate or CSR or else of a key file: (algorithm, bits, curve).
    pub fn key_shape(&self) -> Option<(&'a str, Option<u32>, Option<&'a str>)> {
        match (self.public_key(), self.obj.key.as_ref()) {
            (Some(pk), _) => Some((pk.algorithm.as_str(), pk.bits, pk.curve.as_deref())),
            (None, Some(k)) => Some((k.algorithm.as_str(), k.bits, k.curve.as_deref())),
            _ => None,
        }
    }
    pub fn signature_algorithm(&self) -> Option<&'a SignatureAlgorithm> {
        self.cert()
            .map(|c| &c.signature_algorithm)
            .or(self.csr().map(|c| &c.signature_algorithm))
    }
    /// The spec, when its fields were actually in the input (not for `kubectl describe` output,
    /// which omits usages and expirationSeconds): for rules that judge those fields.
    pub fn spec_fields(&self) -> Option<&'a CsrObjectFacts> {
        self.spec().filter(|s| !s.described)
    }
    pub fn signer(&self) -> Option<&'a str> {
        self.spec().and_then(|s| s.signer_name.as_deref())
    }
    pub fn parent(&self) -> Option<&'a Object> {
        self.obj.parent.and_then(|p| self.all.get(p))
    }
    pub fn children(&self) -> impl Iterator<Item = &'a Object> + '_ {
        let id = self.obj.id;
        self.all.iter().filter(move |o| o.parent == Some(id))
    }
    /// The certificate is a CA (basicConstraints CA:TRUE).
    pub fn is_ca_cert(&self) -> bool {
        self.cert().is_some_and(|c| c.extensions.is_ca())
    }
    /// Does this object carry an identity meant for the API server? CSRs and CSR objects do;
    /// certificates do unless they are CAs or purely serving certificates.
    pub fn claims_client_identity(&self) -> bool {
        if self.csr().is_some() {
            return true;
        }
        let Some(c) = self.cert() else { return false };
        match self.obj.role {
            Role::KubeconfigClient => true,
            Role::KubeconfigCa | Role::SecretCa => false,
            _ => !c.extensions.is_ca() && c.extensions.has_extended_key_usage && c.extensions.allows_client_auth(),
        }
    }
    /// Whether the auto-approver would approve this request, with kubeadm's default bindings.
    pub fn auto_approval(&self) -> AutoApproval {
        use crate::engine::facts::identity::{KUBEADM_ADMINS, KUBEADM_BOOTSTRAP_GROUP, SYSTEM_MASTERS, SYSTEM_NODES};
        let (Some(spec), Some(csr)) = (self.spec(), self.csr()) else {
            return AutoApproval::NotConsidered;
        };
        let kubelet_client = self.signer() == Some(KUBE_APISERVER_CLIENT_KUBELET)
            && crate::engine::read::csr_object::kubelet_subject_problems(
                &self.values("O"),
                self.obj.username.as_deref(),
                &csr.extensions.sans,
                false,
            )
            .is_empty()
            && crate::engine::read::csr_object::kubelet_usages_match(&spec.usages, false);
        if !kubelet_client {
            return AutoApproval::NotConsidered;
        }
        let requester = spec.requester.username.as_deref().unwrap_or("");
        let in_group = |g: &str| spec.requester.groups.iter().any(|x| x == g);
        if requester == self.obj.username.as_deref().unwrap_or("") && in_group(SYSTEM_NODES) {
            AutoApproval::SelfRenewal
        } else if in_group(SYSTEM_MASTERS) || in_group(KUBEADM_ADMINS) {
            AutoApproval::Admin
        } else if in_group(KUBEADM_BOOTSTRAP_GROUP) {
            AutoApproval::BootstrapToken { kubeadm: true }
        } else if requester.starts_with("system:bootstrap:") {
            AutoApproval::BootstrapToken { kubeadm: false }
        } else {
            AutoApproval::Manual
        }
    }
    /// For an issued certificate, the CSR object it came from.
    pub fn issuing_csr(&self) -> Option<&'a CsrObjectFacts> {
        (self.obj.role == Role::CsrIssued)
            .then(|| self.parent().and_then(|p| p.csr_object.as_ref()))
            .flatten()
    }
    /// What the object's identity may do under the RBAC policy, when computed.
    pub fn access(&self) -> Option<&'a crate::engine::report::access::Access> {
        self.obj.access.and_then(|i| self.rbac?.identities.get(i))
    }
    /// Which kubeadm file this object is, when the input is a node's /etc/kubernetes.
    /// The mode and owner of the file this object was read from (its top-level object's), when
    /// an archive's header gave them.
    pub fn file(&self) -> Option<&'a crate::engine::read::archive::FileMeta> {
        let mut root = self.obj;
        while let Some(p) = root.parent.and_then(|p| self.all.get(p)) {
            root = p;
        }
        self.files
            .iter()
            .find(|f| crate::engine::util::source_in_file(&root.source, &f.path))
    }

    /// Whether the object `id` is embedded in this one (a kubeconfig's `client-key-data`), not
    /// read from a file the kubeconfig names.
    pub fn embeds(&self, id: Option<usize>) -> bool {
        id.and_then(|i| self.all.get(i)).is_some_and(|o| o.parent == Some(self.obj.id))
    }

    /// The node client certificates in the input (a kubelet's login: `CN=system:node:NAME`,
    /// `O=system:nodes`, client auth), embedded in a kubeconfig or read from a file.
    pub fn node_client_certificates(&self) -> impl Iterator<Item = &'a Object> {
        self.all.iter().filter(|o| {
            o.certificate
                .as_ref()
                .is_some_and(|c| !c.extensions.is_ca() && c.extensions.allows_client_auth())
                && o.identity
                    .as_ref()
                    .is_some_and(|i| i.kind == crate::engine::facts::identity::IdentityKind::Node)
        })
    }

    pub fn pki_file(&self) -> Option<&'a crate::engine::report::pki::PkiFile> {
        self.pki?.files.iter().find(|f| f.object == self.obj.id)
    }
    /// Subject attributes of the given short name, in order.
    pub fn values(&self, short: &str) -> Vec<&'a str> {
        self.subject()
            .map(|s| s.iter().filter(|a| a.short == short).map(|a| a.value.as_str()).collect())
            .unwrap_or_default()
    }
}

/// Runs every rule on every object and stores findings, passes and not-applicables.
pub fn evaluate(
    objects: &mut [Object],
    now: i64,
    rbac: Option<&crate::engine::report::access::RbacReport>,
    pki: Option<&crate::engine::report::pki::PkiReport>,
    files: &[crate::engine::read::archive::FileMeta],
) {
    evaluate_with(
        RULES.iter().zip(TEXTS).map(|(r, t)| Slot::Run(r, Some(t))),
        objects,
        now,
        rbac,
        pki,
        files,
    );
}

/// [`evaluate`] for `engine::first`: the rules of [`FIRST_RULES`], with no RBAC, PKI or files
/// (so the rules it leaves out would all be not applicable).
pub fn evaluate_first(objects: &mut [Object], now: i64) {
    evaluate_with(FIRST_RULES.iter().copied(), objects, now, None, None, &[]);
}

fn evaluate_with(
    rules: impl Iterator<Item = Slot> + Clone,
    objects: &mut [Object],
    now: i64,
    rbac: Option<&crate::engine::report::access::RbacReport>,
    pki: Option<&crate::engine::report::pki::PkiReport>,
    files: &[crate::engine::read::archive::FileMeta],
) {
    let mut results = Vec::with_capacity(objects.len());
    for o in objects.iter() {
        let ctx = Ctx {
            obj: o,
            all: objects,
            now,
            rbac,
            pki,
            files,
        };
        let mut findings = Vec::new();
        let mut passed = Vec::new();
        let mut na = Vec::new();
        for slot in rules.clone() {
            let (rule, texts) = match slot {
                Slot::Run(rule, texts) => (rule, texts),
                Slot::Skip(module) => {
                    na.push(module.replace('_', "-"));
                    continue;
                }
            };
            match (rule.check)(&ctx) {
                Outcome::NotApplicable => na.push(rule.id.to_string()),
                Outcome::Pass => passed.push(rule.id.to_string()),
                Outcome::Fail(hits) => findings.extend(hits.into_iter().map(|h| Finding {
                    id: rule.id.to_string(),
                    severity: h.severity,
                    title: rule.title.to_string(),
                    detail: h.detail,
                    why: texts.map_or_else(String::new, |t| t.why.to_string()),
                    fix: texts.map_or_else(String::new, |t| t.fix.to_string()),
                    reference: texts.map_or_else(String::new, |t| t.reference.to_string()),
                    rejected_by_kubernetes: h.rejected_by_kubernetes,
                })),
            }
        }
        findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
        results.push((findings, passed, na));
    }
    for (o, (findings, passed, na)) in objects.iter_mut().zip(results) {
        o.findings = findings;
        o.passed = passed;
        o.not_applicable = na;
        if o.request.is_some() || o.csr_object.is_some() {
            o.verdict = Some(verdict(o.findings.iter(), true));
        }
    }
}

/// Sums findings up. Anything critical, or anything Kubernetes itself would refuse, is
/// "do not approve"; anything high or medium needs a careful look; the rest is routine.
pub fn verdict<'a>(findings: impl Iterator<Item = &'a Finding>, for_csr: bool) -> Verdict {
    let mut fs: Vec<&Finding> = findings.filter(|f| f.severity >= Severity::Low).collect();
    fs.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(b.rejected_by_kubernetes.cmp(&a.rejected_by_kubernetes))
    });
    let blocking = fs
        .iter()
        .any(|f| f.severity == Severity::Critical || (f.rejected_by_kubernetes && f.severity >= Severity::High));
    let level = if blocking {
        VerdictLevel::DoNotApprove
    } else if fs.iter().any(|f| f.severity >= Severity::Medium) {
        VerdictLevel::ReviewCarefully
    } else {
        VerdictLevel::Routine
    };
    let top = fs.first().map(|f| f.title.clone());
    let headline = match (level, top) {
        (VerdictLevel::Routine, _) if for_csr => "Nothing here needs more than the usual check of who asked for it.".to_string(),
        (VerdictLevel::Routine, _) | (_, None) => "No serious risks found.".to_string(),
        (_, Some(t)) => format!("{t}."),
    };
    let reasons = fs
        .iter()
        .filter(|f| f.severity >= Severity::Medium || level == VerdictLevel::Routine)
        .map(|f| format!("[{}] {}: {}", f.severity.label(), f.id, f.detail))
        .collect();
    let label = match (level, for_csr) {
        (l, true) => l.label(),
        (VerdictLevel::DoNotApprove, false) => "Dangerous or unusable",
        (VerdictLevel::ReviewCarefully, false) => "Needs attention",
        (VerdictLevel::Routine, false) => "No serious risks",
    }
    .to_string();
    Verdict {
        level,
        label,
        headline,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_first_rules_are_every_rule_in_order_with_ids_from_module_names() {
        assert_eq!(FIRST_RULES.len(), RULES.len());
        for (slot, rule) in FIRST_RULES.iter().zip(RULES) {
            match slot {
                Slot::Run(r, texts) => assert!(r.id == rule.id && texts.is_none(), "{}", rule.id),
                Slot::Skip(module) => assert_eq!(module.replace('_', "-"), rule.id),
            }
        }
    }

    #[test]
    fn ids_are_unique_kebab_case_and_free_of_severity() {
        let mut seen = HashSet::new();
        for (r, t) in RULES.iter().zip(TEXTS) {
            assert!(seen.insert(r.id), "duplicate id {}", r.id);
            assert!(
                r.id.chars().all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "{}",
                r.id
            );
            for sev in ["critical", "high", "medium", "low", "info", "e-", "w-"] {
                assert!(!r.id.starts_with(sev), "{} encodes a severity", r.id);
            }
            assert!(
                !t.why.is_empty() && !t.fix.is_empty() && !t.reference.is_empty() && !r.title.is_empty(),
                "{}",
                r.id
            );
        }
    }
}
