//! The pure inspection engine: bytes + "now" in, [`Report`] out. No browser types, no clock,
//! no panics on input.

pub mod archive;
pub mod authz;
pub mod can_i;
pub mod csr_object;
pub mod identity;
pub mod input;
pub mod keys;
pub mod kubeconfig;
pub mod kubectl_text;
pub mod parts;
pub mod pki;
pub mod queue;
pub mod rbac;
pub mod report;
pub mod resources;
pub mod rules;
pub mod secret;
pub mod token;
pub mod util;
pub mod x509;

use serde_json::Value;

use report::{Counts, InputError, InputSummary, Object, ObjectKind, Report, Role, SCHEMA_VERSION};

/// At most this many objects are built from one input (a CA bundle has ~150).
pub const MAX_OBJECTS: usize = 5000;
/// At most this many "not understood" messages are kept, so hostile input cannot flood the page.
pub const MAX_NOTES: usize = 50;

/// Inspects whatever was pasted or dropped. `now` is unix seconds (the caller's clock).
pub fn inspect(input: &[u8], now: i64) -> Report {
    analyse(&[Input { name: "", bytes: input }], now).report
}

/// One input: a file's name (empty for a paste) and its bytes.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// The report, and the RBAC policy it was computed with (for `--can-i` questions).
pub struct Analysis {
    pub report: Report,
    pub policy: Option<std::borrow::Cow<'static, rbac::Policy>>,
}

/// At most this many distinct identities get an RBAC view (each is a few KB of report).
pub const MAX_ACCESS: usize = 300;

/// Reads, links, resolves RBAC and applies the rules. Several files are read together (a
/// certificate with the cluster's RBAC objects, a node's /etc/kubernetes); each object's
/// `source` starts with its file's name.
pub fn analyse(files: &[Input], now: i64) -> Analysis {
    let mut b = Builder {
        objects: Vec::new(),
        detected: Vec::new(),
        not_understood: Vec::new(),
        recovered: Vec::new(),
        rbac: rbac::PolicyBuilder::default(),
        pods: Vec::new(),
        now,
    };
    // Archives (.tar, .tar.gz, .tgz) become the files inside them, each named by its path.
    let mut unpacked: Vec<(String, Vec<u8>)> = Vec::new();
    let mut whole: Vec<usize> = Vec::new();
    for (i, f) in files.iter().enumerate() {
        if !archive::is_archive(f.bytes) {
            whole.push(i);
            continue;
        }
        let what = if f.name.is_empty() {
            "the archive".to_string()
        } else {
            f.name.to_string()
        };
        if f.bytes.len() > input::MAX_INPUT_BYTES {
            b.not_understood.push(format!(
                "{what}: an archive of {:.1} MiB; expected at most {} MiB (a node's /etc/kubernetes packs to well under 1 MiB).",
                f.bytes.len() as f64 / 1048576.0,
                input::MAX_INPUT_BYTES / 1048576
            ));
            continue;
        }
        match archive::files(f.bytes) {
            Ok((inside, notes)) => {
                let label = if f.name.is_empty() { String::new() } else { format!(" {}", f.name) };
                b.detected.push(format!("Archive{label}: {} files", inside.len()));
                b.not_understood.extend(notes.into_iter().map(|n| format!("{what}: {n}.")));
                unpacked.extend(inside);
            }
            Err(e) => b.not_understood.push(format!("{what}: {e}.")),
        }
    }
    // An archive that could not be read is not read again as something else.
    let expanded: Vec<Input> = whole
        .iter()
        .map(|&i| files[i])
        .chain(unpacked.iter().map(|(n, bytes)| Input { name: n, bytes }))
        .collect();
    let paths: Vec<&str> = expanded.iter().map(|f| f.name).collect();
    let error = match expanded.as_slice() {
        [] if !files.is_empty() => Some(InputError {
            code: "nothing_usable".into(),
            message: if b.not_understood.is_empty() {
                "Nothing could be read: the archive holds no regular files.".to_string()
            } else {
                format!("Nothing could be read. {}", b.not_understood.join(" "))
            },
        }),
        [one] => b.read_top(one.bytes, one.name),
        many => {
            for f in many {
                if let Some(e) = b.read_top(f.bytes, f.name) {
                    b.not_understood.push(format!("{}: {}", f.name, e.message));
                }
            }
            many.is_empty().then(|| InputError {
                code: "empty".into(),
                message: "No input was given.".into(),
            })
        }
    };
    if b.not_understood.len() > MAX_NOTES {
        let more = b.not_understood.len() - MAX_NOTES;
        b.not_understood.truncate(MAX_NOTES);
        b.not_understood.push(format!("… and {more} more problems not listed."));
    }
    b.link();
    let pasted_rbac = !b.rbac.is_empty();
    if pasted_rbac {
        let r = &b.rbac;
        let crb = r.bindings.iter().filter(|x| x.namespace.is_none()).count();
        let n = |count: usize, one: &str| format!("{count} {one}{}", if count == 1 { "" } else { "s" });
        b.detected.push(format!(
            "RBAC: {}, {}, {}, {}",
            n(r.cluster_roles.len(), "ClusterRole"),
            n(r.roles.len(), "Role"),
            n(crb, "ClusterRoleBinding"),
            n(r.bindings.len() - crb, "RoleBinding")
        ));
    }
    let mut objects = b.objects;
    let mut completed = false;
    let mut given: std::collections::HashSet<(Option<String>, String)> = std::collections::HashSet::new();
    let policy: Option<std::borrow::Cow<'static, rbac::Policy>> = if pasted_rbac {
        let mut pasted = std::mem::take(&mut b.rbac);
        // The reverse view lists the subjects of the bindings given, not of the defaults laid
        // underneath a partial paste.
        given = pasted.bindings.iter().map(|b| (b.namespace.clone(), b.name.clone())).collect();
        completed = pasted.complete_with_defaults();
        Some(std::borrow::Cow::Owned(pasted.build(rbac::Origin::Pasted)))
    } else if objects.iter().any(logs_in) {
        Some(std::borrow::Cow::Borrowed(rbac::Policy::bootstrap()))
    } else {
        None
    };
    // The static Pod manifests' commands, for the PKI's flag checks.
    let manifests: Vec<(String, Vec<String>)> = b
        .pods
        .iter()
        .filter(|p| p.source.contains("manifests/"))
        .map(|p| (p.source.clone(), p.argv.clone()))
        .collect();
    let pki_report = pki::audit(&objects, &paths, &manifests, now);
    if let Some(p) = &pki_report {
        // A node's /etc/kubernetes also holds its static Pod manifests: named once, their
        // "not understood" notes withdrawn.
        let dir = format!("{}manifests/", p.root);
        // Notes past MAX_NOTES were already cut (and counted in the "… more" line).
        let withdrawn: std::collections::HashSet<usize> = b
            .pods
            .iter()
            .filter(|pod| pod.source.starts_with(&dir) && pod.note < MAX_NOTES)
            .map(|pod| pod.note)
            .collect();
        if !withdrawn.is_empty() {
            let mut i = 0;
            b.not_understood.retain(|_| {
                i += 1;
                !withdrawn.contains(&(i - 1))
            });
            b.detected.push(format!(
                "{} static Pod manifests in {dir} (their file flags are checked below)",
                withdrawn.len()
            ));
        }
    }
    let rbac_report = policy.as_deref().map(|p| {
        let mut r = rbac_view(p, &mut objects, &given);
        if completed {
            r.caveat = Some(rbac::COMPLETED_CAVEAT.to_string());
        }
        r
    });
    rules::evaluate(&mut objects, now, rbac_report.as_ref(), pki_report.as_ref());
    // A request not to approve at all is not fixed by a shorter lifetime.
    for o in objects.iter_mut() {
        let refused = o.verdict.as_ref().is_some_and(|v| v.level == report::VerdictLevel::DoNotApprove);
        if let (true, Some(c)) = (refused, o.csr_object.as_mut()) {
            c.resubmit_with_lifetime = None;
        }
    }
    let mut counts = Counts::default();
    for f in objects.iter().flat_map(|o| &o.findings) {
        match f.severity {
            report::Severity::Critical => counts.critical += 1,
            report::Severity::High => counts.high += 1,
            report::Severity::Medium => counts.medium += 1,
            report::Severity::Low => counts.low += 1,
            report::Severity::Info => counts.info += 1,
        }
    }
    let error = error.or_else(|| {
        (objects.is_empty() && !pasted_rbac).then(|| InputError {
            code: "nothing_usable".into(),
            message: format!(
                "Nothing in the input could be read as a certificate, CSR, key or Kubernetes object. {}",
                b.not_understood.join(" ")
            )
            .trim()
            .to_string(),
        })
    });
    let verdict = (!objects.is_empty()).then(|| {
        rules::verdict(
            objects.iter().flat_map(|o| &o.findings),
            objects.iter().any(|o| o.request.is_some()),
        )
    });
    let csr_queue = queue::build(&objects, now);
    let report = Report {
        schema_version: SCHEMA_VERSION,
        now: util::rfc3339(now),
        input: InputSummary {
            bytes: files.iter().map(|f| f.bytes.len()).sum(),
            detected: summarise(&objects, &b.detected),
            not_understood: b.not_understood,
            recovered: b.recovered,
        },
        objects,
        verdict,
        csr_queue,
        rbac: rbac_report,
        pki: pki_report,
        counts,
        error,
    };
    Analysis { report, policy }
}

/// Whether the object is a credential someone logs in with (what RBAC is asked about): requests,
/// tokens, and certificates that are not CAs and allow client auth. A CA bundle's roots carry
/// an identity only in theory (Go does not refuse a CA as a client certificate); they get no
/// RBAC view.
fn logs_in(o: &Object) -> bool {
    match (&o.certificate, o.role) {
        _ if o.username.is_none() => false,
        (Some(c), _) if c.go_refuses_a_name() => false,
        (Some(_), Role::KubeconfigClient) => true,
        (Some(c), _) => !c.extensions.is_ca() && c.extensions.allows_client_auth(),
        (None, _) => true,
    }
}

/// Each distinct identity's view under the policy (objects point at theirs by `access`), and for
/// a pasted policy the reverse view.
fn rbac_view(
    policy: &rbac::Policy,
    objects: &mut [Object],
    given: &std::collections::HashSet<(Option<String>, String)>,
) -> authz::RbacReport {
    let mut identities: Vec<authz::Access> = Vec::new();
    let mut seen: std::collections::HashMap<authz::Who, usize> = std::collections::HashMap::new();
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
    authz::RbacReport {
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
        dangling: policy
            .dangling()
            .iter()
            .map(|b| format!("{} refers to {}, which does not exist: it grants nothing.", b.text(), b.role_text()))
            .collect(),
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

fn summarise(objects: &[Object], formats: &[String]) -> Vec<String> {
    let mut out: Vec<String> = formats.to_vec();
    out.dedup();
    let count = |k: ObjectKind| objects.iter().filter(|o| o.kind == k).count();
    let parts: Vec<String> = [
        (ObjectKind::Certificate, "certificate", "certificates"),
        (
            ObjectKind::CertificateRequest,
            "PEM certificate request",
            "PEM certificate requests",
        ),
        (
            ObjectKind::CsrObject,
            "CertificateSigningRequest object",
            "CertificateSigningRequest objects",
        ),
        (ObjectKind::Kubeconfig, "kubeconfig", "kubeconfigs"),
        (ObjectKind::TlsSecret, "Secret", "Secrets"),
        (ObjectKind::PrivateKey, "private key", "private keys"),
        (ObjectKind::PublicKey, "public key", "public keys"),
        (ObjectKind::Token, "bearer token", "bearer tokens"),
    ]
    .iter()
    .filter_map(|(k, one, many)| match count(*k) {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    })
    .collect();
    if !parts.is_empty() {
        out.push(format!("Found {}", parts.join(", ")));
    }
    out
}

struct Builder {
    objects: Vec<Object>,
    detected: Vec<String>,
    not_understood: Vec<String>,
    recovered: Vec<String>,
    /// RBAC objects read so far (they become a policy, not objects).
    rbac: rbac::PolicyBuilder,
    /// Pods read (not understood on their own; a node's static Pod manifests for the PKI audit).
    pods: Vec<StaticPod>,
    now: i64,
}

/// A Pod document: where it was read, its first container's command and args, and the index of
/// the "not understood" note it got.
struct StaticPod {
    source: String,
    argv: Vec<String>,
    note: usize,
}

/// The first container's command and args.
fn pod_argv(pod: &Value) -> Vec<String> {
    let Some(c) = pod.pointer("/spec/containers/0") else {
        return Vec::new();
    };
    let strings = |k: &str| -> Vec<String> {
        c.get(k)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
            .unwrap_or_default()
    };
    [strings("command"), strings("args")].concat()
}

/// A reader of one kind of Kubernetes object: whether it recognises a document, and how to read it.
type Reader = (fn(&Value) -> bool, fn(&mut Builder, &Value, &str, &Place));

/// Every kind of Kubernetes object the engine reads, in the order they are tried: one table, one
/// dispatcher (`Builder::read_object`).
const READERS: &[Reader] = &[
    (csr_object::is_csr, Builder::read_csr_object),
    (kubeconfig::is_kubeconfig, Builder::read_kubeconfig),
    (secret::is_credential_secret, Builder::read_secret),
    (rbac::is_rbac, Builder::read_rbac),
];

/// Where new objects hang and how they are labelled.
#[derive(Clone)]
struct Place {
    source: String,
    parent: Option<usize>,
    role: Role,
}

impl Builder {
    fn push(&mut self, kind: ObjectKind, place: &Place) -> Option<usize> {
        if self.objects.len() >= MAX_OBJECTS {
            if self.objects.len() == MAX_OBJECTS {
                self.not_understood
                    .push(format!("Only the first {MAX_OBJECTS} objects were analysed."));
            }
            return None;
        }
        let id = self.objects.len();
        self.objects
            .push(Object::new(id, kind, place.role, place.source.clone(), place.parent));
        Some(id)
    }

    fn read_top(&mut self, input: &[u8], name: &str) -> Option<InputError> {
        if input.len() > input::MAX_INPUT_BYTES {
            return Some(InputError {
                code: "too_large".into(),
                message: format!(
                    "The input is {:.1} MiB; expected at most {} MiB (a certificate is ~1-2 KiB, a bundle of hundreds well under 1 MiB).",
                    input.len() as f64 / 1048576.0,
                    input::MAX_INPUT_BYTES / 1048576
                ),
            });
        }
        let top = Place {
            source: name.to_string(),
            parent: None,
            role: Role::Standalone,
        };
        match std::str::from_utf8(input) {
            Ok(text) => {
                let text = text.trim_start_matches('\u{feff}');
                if text.trim().is_empty() {
                    return Some(InputError {
                        code: "empty".into(),
                        message: "The input is empty. Paste a PEM certificate or CSR, `kubectl get csr NAME -o yaml`, a kubeconfig, or drop a file.".into(),
                    });
                }
                if !self.read_text(text, &top, 0) {
                    return Some(InputError {
                        code: "unrecognised".into(),
                        message: format!(
                            "Expected a PEM block (-----BEGIN CERTIFICATE----- …), base64 of PEM or DER, DER bytes, or a Kubernetes CertificateSigningRequest, kubeconfig or Secret (TLS or service-account token) as YAML or JSON; found {}.",
                            input::describe(text)
                        ),
                    });
                }
                None
            }
            Err(_) => {
                if input::looks_like_der(input) {
                    self.detected.push("Binary DER".into());
                    if self
                        .read_der(
                            input,
                            None,
                            &Place {
                                source: if name.is_empty() { "DER input".into() } else { name.to_string() },
                                ..top
                            },
                        )
                        .is_some()
                    {
                        return None;
                    }
                }
                Some(InputError {
                    code: "unrecognised".into(),
                    message: format!(
                        "Expected text (PEM, base64, YAML or JSON) or DER bytes of a certificate, CSR or key; found {} bytes of binary data starting {}.",
                        input.len(),
                        util::hex_colon(&input[..input.len().min(8)])
                    ),
                })
            }
        }
    }

    /// Reads text of any supported kind. Returns false when nothing in it was recognised.
    fn read_text(&mut self, text: &str, place: &Place, depth: u8) -> bool {
        let (objects_before, notes_before, rbac_before) = (self.objects.len(), self.not_understood.len(), self.rbac.len());
        let progressed = |b: &Self| b.objects.len() > objects_before || b.not_understood.len() > notes_before || b.rbac.len() > rbac_before;
        let has_pem = text.contains("-----BEGIN ");
        if depth == 0 && !has_pem {
            // kubectl's human-readable output about CSRs: before YAML, which would take
            // `Name:   alice` for a mapping.
            if let Some(d) = kubectl_text::describe_csr(text) {
                self.add_described_csr(d, place);
                return true;
            }
            if let Some(names) = kubectl_text::csr_table_names(text) {
                let first = names.first().map(String::as_str).unwrap_or("NAME");
                let shown: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
                self.not_understood.push(format!(
                    "This is `kubectl get csr` table output: it names {} request{} ({}{}) but carries none of their data (no request, no subject). Paste `kubectl get csr {first} -o yaml` for one, or `kubectl get csr -o yaml` for the whole queue.",
                    names.len(),
                    if names.len() == 1 { "" } else { "s" },
                    shown.join(", "),
                    if names.len() > shown.len() { ", …" } else { "" }
                ));
                return true;
            }
        }
        // PEM at the start of a line is not inside YAML or JSON (there it is indented or quoted):
        // the text is PEM with perhaps YAML around it, read below.
        let top_level_pem = has_pem && text.lines().any(|l| l.starts_with("-----BEGIN "));
        if input::looks_structured(text) && !top_level_pem {
            match input::documents(text) {
                Ok(docs) => {
                    let structured = docs.iter().any(|d| d.is_object() || d.is_array());
                    for (i, d) in docs.iter().enumerate() {
                        self.read_document(d, i, docs.len(), place);
                    }
                    if self.objects.len() > objects_before || (structured && !has_pem) {
                        return progressed(self);
                    }
                }
                Err(e) if !has_pem => {
                    self.not_understood.push(format!("{}{}.", prefix(place), e));
                    return true;
                }
                Err(_) => {}
            }
        }
        if has_pem {
            let n = self.read_pem(text, place);
            if n > 0 {
                self.detected.push(format!("PEM ({n} block{})", if n == 1 { "" } else { "s" }));
            }
            // A certificate pasted together with YAML (the cluster's RBAC objects, say): the
            // text around the PEM blocks is read as documents too.
            if depth == 0 {
                let rest = input::without_pem_blocks(text);
                if rest.contains("kind") && input::looks_structured(&rest) {
                    match input::documents(&rest) {
                        Ok(docs) => {
                            for (i, d) in docs.iter().enumerate().filter(|(_, d)| d.is_object()) {
                                self.read_document(d, i, docs.len(), place);
                            }
                        }
                        Err(e) => self
                            .not_understood
                            .push(format!("{}the text around the PEM blocks: {e}.", prefix(place))),
                    }
                }
            }
            return progressed(self);
        }
        let t = text.trim();
        if depth < 2 && t.split('.').count() == 3 && !t.contains(char::is_whitespace) && t.starts_with("eyJ") {
            self.detected.push("JSON Web Token".into());
            self.add_token(t, place);
            return true;
        }
        if token::is_bootstrap(t).is_some() {
            self.detected.push("Bootstrap token".into());
            self.add_token(t, place);
            return true;
        }
        if depth < 2 && input::looks_like_base64(text) {
            return match input::decode_base64(text) {
                Ok(bytes) => self.read_decoded(&bytes, place, depth + 1, "Base64"),
                Err(e) => {
                    self.not_understood
                        .push(format!("{}expected base64, but it does not decode ({e}).", prefix(place)));
                    true
                }
            };
        }
        false
    }

    /// Decoded base64: PEM text, or DER.
    fn read_decoded(&mut self, bytes: &[u8], place: &Place, depth: u8, what: &str) -> bool {
        if let Ok(inner) = std::str::from_utf8(bytes) {
            if inner.contains("-----BEGIN ") {
                self.detected.push(format!("{what} of PEM"));
                return self.read_text(inner, place, depth);
            }
            // Base64 of base64: a value encoded once too often (e.g. `base64 < req.b64`).
            if depth < 3 && input::looks_like_base64(inner) {
                if let Ok(again) = input::decode_base64(inner) {
                    if again.starts_with(b"-----BEGIN ") || input::looks_like_der(&again) {
                        self.recovered.push(format!(
                            "{}The base64 was encoded twice (base64 of base64): decoded it twice. Encode the PEM only once, e.g. base64 -w0 < request.csr.",
                            prefix(place)
                        ));
                        return self.read_decoded(&again, place, depth + 1, what);
                    }
                }
            }
        }
        if input::looks_like_der(bytes) {
            self.detected.push(format!("{what} of DER"));
            if self.read_der(bytes, None, place).is_some() {
                return true;
            }
        }
        self.not_understood.push(format!(
            "{}decoded {} bytes of base64, but they are neither PEM nor DER of a certificate, CSR or key.",
            prefix(place),
            bytes.len()
        ));
        true
    }

    /// Reads every PEM block in `text`; returns how many blocks there were.
    fn read_pem(&mut self, text: &str, place: &Place) -> usize {
        let (blocks, problems) = input::pem_blocks(text);
        for p in problems {
            self.not_understood.push(format!("{}{p}.", prefix(place)));
        }
        for (i, block) in blocks.iter().enumerate() {
            let source = if place.source.is_empty() {
                format!("PEM block {} (line {})", i + 1, block.line)
            } else if blocks.len() > 1 {
                format!("{} block {}", place.source, i + 1)
            } else {
                place.source.clone()
            };
            if let Some(slip) = block.slip {
                self.recovered.push(format!("{source} ({}): {slip}; read it anyway.", block.label));
            }
            let p = Place {
                source: source.clone(),
                ..place.clone()
            };
            match &block.der {
                Err(e) => self.not_understood.push(format!("{source} ({}): {e}.", block.label)),
                Ok(der) => match block.label.as_str() {
                    "EC PARAMETERS" => {}
                    "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => self.add_cert(der, &p),
                    "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => {
                        if let Err(e) = self.add_csr(der, &p) {
                            self.not_understood.push(format!("{source} ({}): {e}.", block.label));
                        }
                    }
                    "PUBLIC KEY" | "RSA PUBLIC KEY" => match keys::parse_public_key(&block.label, der) {
                        Ok(k) => self.add_key(k, &p),
                        Err(e) => self.not_understood.push(format!("{source} ({}): {e}.", block.label)),
                    },
                    l if l.ends_with("PRIVATE KEY") => match keys::parse_private_key(Some(l), der, block.encrypted_headers) {
                        Ok(k) => self.add_key(k, &p),
                        Err(e) => self
                            .not_understood
                            .push(format!("{source} ({l}): recognised as a private key, but {e}.")),
                    },
                    other => self.not_understood.push(format!(
                        "{source}: a PEM block of type \"{}\"; expected CERTIFICATE, CERTIFICATE REQUEST, a PRIVATE KEY or PUBLIC KEY.",
                        util::clip(other, 40)
                    )),
                },
            }
        }
        blocks.len()
    }

    /// Bare DER of unknown type: certificate, then CSR, then key, then public key.
    fn read_der(&mut self, der: &[u8], label: Option<&str>, place: &Place) -> Option<usize> {
        let before = self.objects.len();
        if let Ok(c) = x509::parse_certificate(der, self.now) {
            self.push_cert(c, place);
        } else if self.add_csr(der, place).is_err() {
            if let Ok(k) = keys::parse_private_key(label, der, false).or_else(|_| keys::parse_public_key("PUBLIC KEY", der)) {
                self.add_key(k, place);
            }
        }
        (self.objects.len() > before).then_some(before)
    }

    fn add_cert(&mut self, der: &[u8], place: &Place) {
        match x509::parse_certificate(der, self.now) {
            Ok(c) => self.push_cert(c, place),
            Err(e) => self.not_understood.push(format!("{}: {e}.", place.source)),
        }
    }

    fn push_cert(&mut self, mut c: x509::CertFacts, place: &Place) {
        let Some(id) = self.push(ObjectKind::Certificate, place) else {
            return;
        };
        let o = &mut self.objects[id];
        o.label = format!(
            "{} {}",
            if c.extensions.is_ca() { "CA certificate" } else { "Certificate" },
            util::clip(&c.subject_text, 80)
        );
        o.not_before = Some(c.validity.not_before.clone());
        o.not_after = Some(c.validity.not_after.clone());
        // The API server verifies client certificates with Go's x509 and ExtKeyUsageClientAuth:
        // a certificate logs in when its EKU includes client auth or any, or it has no EKU, CA or
        // not (Go does not refuse a CA as the leaf). Exactly those get an identity.
        if c.extensions.allows_client_auth() {
            let mut ident = identity::from_subject(&mut c.subject);
            if c.extensions.is_ca() {
                ident.notes.insert(0, "This is a CA certificate, and Go does not refuse a CA as a client certificate: whoever holds its private key, presenting it to an API server that trusts it, logs in as this identity.".into());
            }
            if c.go_refuses_a_name() {
                ident.notes.insert(
                    0,
                    "Go cannot parse this certificate's names, so it cannot log in at all: this is the identity it would have if it could."
                        .into(),
                );
            }
            o.set_identity(ident);
        }
        o.certificate = Some(c);
    }

    fn add_csr(&mut self, der: &[u8], place: &Place) -> Result<usize, String> {
        let mut c = x509::parse_csr(der)?;
        let id = self.push(ObjectKind::CertificateRequest, place).ok_or("too many objects")?;
        let ident = identity::from_subject(&mut c.subject);
        let o = &mut self.objects[id];
        o.label = format!("CSR {}", util::clip(&c.subject_text, 80));
        o.set_identity(ident);
        o.request = Some(c);
        Ok(id)
    }

    fn add_key(&mut self, k: keys::KeyFacts, place: &Place) {
        let kind = if k.visibility == "private" {
            ObjectKind::PrivateKey
        } else {
            ObjectKind::PublicKey
        };
        if let Some(id) = self.push(kind, place) {
            self.objects[id].label = util::clip(&k.summary, 80);
            self.objects[id].key = Some(k);
        }
    }

    fn add_token(&mut self, t: &str, place: &Place) -> Option<usize> {
        let facts = token::parse(t);
        let id = self.push(ObjectKind::Token, place)?;
        let ident = match (&facts.jwt, &facts.bootstrap_token_id) {
            (Some(j), _) if facts.kind == "service_account_jwt" => {
                let ns = j.namespace.clone().unwrap_or_default();
                let user = j
                    .subject
                    .clone()
                    .filter(|s| s.starts_with("system:serviceaccount:"))
                    .unwrap_or_else(|| format!("system:serviceaccount:{ns}:{}", j.service_account.clone().unwrap_or_default()));
                Some(identity::from_claims(
                    user,
                    vec!["system:serviceaccounts".into(), format!("system:serviceaccounts:{ns}")],
                ))
            }
            (_, Some(tid)) => Some(identity::from_claims(
                format!("system:bootstrap:{tid}"),
                vec!["system:bootstrappers".into()],
            )),
            _ => None,
        };
        let o = &mut self.objects[id];
        o.label = match facts.kind.as_str() {
            "service_account_jwt" => "Service-account token".into(),
            "bootstrap" => "Bootstrap token".into(),
            "jwt" => "JWT bearer token".into(),
            _ => "Static bearer token".into(),
        };
        if let Some(i) = ident {
            o.set_identity(i);
        }
        o.not_after = facts.jwt.as_ref().and_then(|j| j.expires.clone());
        o.token = Some(facts);
        Some(id)
    }

    fn read_document(&mut self, d: &Value, index: usize, total: usize, place: &Place) {
        // With several files, the file's name first: "manifests/etcd.yaml: the document".
        let here = if total > 1 {
            format!("{}document {}", prefix(place), index + 1)
        } else {
            format!("{}the document", prefix(place))
        };
        let kind = d.get("kind").and_then(Value::as_str).unwrap_or("");
        if let Some(items) = d.get("items").and_then(Value::as_array).filter(|_| kind.ends_with("List")) {
            self.detected.push(format!("Kubernetes {kind} ({} items)", items.len()));
            for (i, item) in items.iter().enumerate() {
                self.read_object(item, &format!("items[{i}]"), place);
            }
            return;
        }
        if !d.is_object() {
            self.not_understood.push(format!(
                "{here}: expected a Kubernetes object or kubeconfig (a mapping), found a {}.",
                json_type(d)
            ));
            return;
        }
        self.read_object(d, &here, place);
    }

    fn read_object(&mut self, v: &Value, here: &str, place: &Place) {
        if let Some((_, read)) = READERS.iter().find(|(recognises, _)| recognises(v)) {
            return read(self, v, here, place);
        }
        let kind = v.get("kind").and_then(Value::as_str).map(str::to_string);
        if kind.as_deref() == Some("Pod") {
            // Kept for the PKI audit, which checks a control plane's static Pod manifests; the
            // note below is withdrawn there when the Pod is one of them.
            self.pods.push(StaticPod {
                source: place.source.clone(),
                argv: pod_argv(v),
                note: self.not_understood.len(),
            });
        }
        self.not_understood.push(match kind {
            Some(k) => format!(
                "{here}: a Kubernetes {}; expected a CertificateSigningRequest, a kubeconfig (kind: Config), a TLS or service-account-token Secret, or RBAC (ClusterRole, ClusterRoleBinding, Role, RoleBinding).",
                util::clip(&k, 60)
            ),
            None => format!(
                "{here}: YAML/JSON without a Kubernetes kind; expected a CertificateSigningRequest, a kubeconfig, a TLS or service-account-token Secret, or RBAC objects."
            ),
        });
    }

    fn read_csr_object(&mut self, v: &Value, here: &str, place: &Place) {
        self.detected.push(format!(
            "CertificateSigningRequest ({})",
            v.get("apiVersion").and_then(Value::as_str).unwrap_or("no apiVersion")
        ));
        self.add_csr_object(v, here, place);
    }

    fn read_kubeconfig(&mut self, v: &Value, _here: &str, place: &Place) {
        self.detected.push("kubeconfig".into());
        self.add_kubeconfig(v, place);
    }

    fn read_secret(&mut self, v: &Value, _here: &str, place: &Place) {
        self.detected.push("Kubernetes Secret".into());
        self.add_secret(v, place);
    }

    fn read_rbac(&mut self, v: &Value, here: &str, place: &Place) {
        if let Err(e) = self.rbac.add(v) {
            self.not_understood.push(format!("{}{here}: {e}.", prefix(place)));
        }
    }

    /// A base64 field holding PEM (or DER). Returns the IDs of the objects it produced.
    fn read_field(&mut self, b64: &str, place: &Place, want: &str) -> Vec<usize> {
        let before = self.objects.len();
        let unknown_before = self.not_understood.len();
        match input::decode_base64(b64) {
            Err(e) => self.not_understood.push(format!(
                "{}: expected base64 of {want}, but it does not decode ({e}).",
                place.source
            )),
            Ok(bytes) => {
                if let Ok(text) = std::str::from_utf8(&bytes) {
                    if text.contains("-----BEGIN ") {
                        self.read_pem(text, place);
                    } else {
                        self.not_understood.push(format!(
                            "{}: expected base64 of {want}, found base64 of {}.",
                            place.source,
                            input::describe(text)
                        ));
                    }
                } else if self.read_der(&bytes, None, place).is_none() {
                    self.not_understood.push(format!(
                        "{}: expected base64 of {want}, found {} bytes of other binary data.",
                        place.source,
                        bytes.len()
                    ));
                }
            }
        }
        if self.objects.len() == before && self.not_understood.len() == unknown_before {
            self.not_understood
                .push(format!("{}: expected {want}, found nothing usable.", place.source));
        }
        (before..self.objects.len()).collect()
    }

    /// A request known from `kubectl describe csr`: the identity from the described subject,
    /// the rest unknown (rule csr-request-not-included says so).
    fn add_described_csr(&mut self, d: kubectl_text::DescribedCsr, place: &Place) {
        let src = format!("kubectl describe csr {}", d.name);
        let Some(id) = self.push(
            ObjectKind::CsrObject,
            &Place {
                source: src.clone(),
                ..place.clone()
            },
        ) else {
            return;
        };
        self.detected.push("kubectl describe csr output".into());
        self.recovered.push(format!(
            "{src}: kubectl describe shows the subject but not the request, so the identity comes from the described Common Name and Organization; the key, self-signature, SANs, usages and lifetime could not be checked. For the full review: kubectl get csr {} -o yaml.",
            d.name
        ));
        // Go's order when it writes a name: every O, then the CN.
        let mut subject: Vec<x509::NameAttr> = d.organizations.iter().map(|o| x509::NameAttr::new("O", o, 0)).collect();
        if let Some(cn) = &d.common_name {
            subject.push(x509::NameAttr::new("CN", cn, 1));
        }
        let ident = identity::from_subject(&mut subject);
        let status = d.status.clone().unwrap_or_default();
        let state = ["Denied", "Failed", "Issued", "Approved"]
            .into_iter()
            .find(|s| status.contains(s))
            .unwrap_or("Pending");
        let facts = csr_object::CsrObjectFacts {
            name: d.name.clone(),
            api_version: "certificates.k8s.io/v1".into(),
            signer_name: d.signer.clone(),
            expected_lifetime: "unknown (kubectl describe does not print the request's spec)".into(),
            requester: csr_object::Requester {
                username: d.requester.clone(),
                ..Default::default()
            },
            state: state.into(),
            described: true,
            approve_command: format!("kubectl certificate approve {}", d.name),
            deny_command: format!("kubectl certificate deny {}", d.name),
            ..Default::default()
        };
        let o = &mut self.objects[id];
        o.label = format!("CSR {} (from kubectl describe)", d.name);
        o.set_identity(ident);
        o.request = Some(x509::CsrFacts {
            subject_text: x509::name_text(&subject),
            subject,
            signature: x509::SignatureCheck::Unchecked("kubectl describe does not include the request".into()),
            ..Default::default()
        });
        o.csr_object = Some(facts);
    }

    fn add_csr_object(&mut self, v: &Value, here: &str, place: &Place) {
        let csr_object::CsrObjectInput {
            mut facts,
            request_b64,
            certificate_b64,
            slip,
        } = csr_object::read(v);
        let src = format!("{}CertificateSigningRequest {} ({here})", prefix(place), facts.name);
        if let Some(slip) = slip {
            self.recovered.push(format!("{src}: {slip}"));
        }
        let Some(id) = self.push(
            ObjectKind::CsrObject,
            &Place {
                source: src,
                ..place.clone()
            },
        ) else {
            return;
        };
        match request_b64 {
            None => facts.request_error = Some("spec.request is missing".into()),
            Some(b64) => match parse_request_field(&b64) {
                Ok(mut c) => {
                    let ident = identity::from_subject(&mut c.subject);
                    let o = &mut self.objects[id];
                    o.set_identity(ident);
                    o.request = Some(c);
                    let year_long = facts.expiration_seconds.is_none()
                        && facts.state == "Pending"
                        && facts.signer_name.as_deref() == Some(rules::KUBE_APISERVER_CLIENT);
                    if year_long {
                        facts.resubmit_with_lifetime = Some(csr_object::resubmission(&facts, &b64));
                    }
                }
                Err(e) => facts.request_error = Some(e),
            },
        }
        if facts.usages.is_empty() && facts.api_version.ends_with("/v1beta1") {
            // v1beta1 SetDefaults_CertificateSigningRequestSpec, applied before the signer default.
            facts.usages = vec!["digital signature".into(), "key encipherment".into()];
            facts.usages_defaulted = true;
        }
        if facts.signer_name.is_none() && facts.api_version.ends_with("/v1beta1") {
            if let Some(r) = &self.objects[id].request {
                let orgs: Vec<&str> = r.subject.iter().filter(|a| a.short == "O").map(|a| a.value.as_str()).collect();
                let cn = self.objects[id].username.as_deref();
                facts.signer_name = Some(csr_object::v1beta1_default_signer(&orgs, cn, &r.extensions.sans, &facts.usages).to_string());
                facts.signer_defaulted = true;
            }
        }
        if let Some(b64) = certificate_b64 {
            let p = Place {
                source: format!("{} status.certificate", facts.name),
                parent: Some(id),
                role: Role::CsrIssued,
            };
            facts.issued = self.read_field(&b64, &p, "a PEM certificate");
            let first_cert = facts.issued.iter().find_map(|i| self.objects[*i].certificate.as_ref());
            if let Some(c) = first_cert {
                let (nb, na) = (c.validity.not_before.clone(), c.validity.not_after.clone());
                self.objects[id].not_before = Some(nb);
                self.objects[id].not_after = Some(na);
            }
        }
        let o = &mut self.objects[id];
        o.label = format!("CSR {}", util::clip(&facts.name, 80));
        o.csr_object = Some(facts);
    }

    fn add_kubeconfig(&mut self, v: &Value, place: &Place) {
        let (mut facts, embedded) = kubeconfig::read(v);
        let Some(id) = self.push(
            ObjectKind::Kubeconfig,
            &Place {
                source: format!("{}kubeconfig", prefix(place)),
                ..place.clone()
            },
        ) else {
            return;
        };
        for e in embedded {
            match e {
                kubeconfig::Embedded::ClusterCa { cluster, b64 } => {
                    let p = Place {
                        source: format!("cluster {} certificate-authority-data", facts.clusters[cluster].name),
                        parent: Some(id),
                        role: Role::KubeconfigCa,
                    };
                    facts.clusters[cluster].ca_objects = self.read_field(&b64, &p, "a PEM CA certificate");
                }
                kubeconfig::Embedded::ClientCert { user, b64 } => {
                    let p = Place {
                        source: format!("user {} client-certificate-data", facts.users[user].name),
                        parent: Some(id),
                        role: Role::KubeconfigClient,
                    };
                    facts.users[user].client_certificate = self.read_field(&b64, &p, "a PEM client certificate").first().copied();
                }
                kubeconfig::Embedded::ClientKey { user, b64 } => {
                    let p = Place {
                        source: format!("user {} client-key-data", facts.users[user].name),
                        parent: Some(id),
                        role: Role::KubeconfigClient,
                    };
                    facts.users[user].client_key = self.read_field(&b64, &p, "a PEM private key").first().copied();
                }
                kubeconfig::Embedded::Token { user, token } => {
                    let p = Place {
                        source: format!("user {} token", facts.users[user].name),
                        parent: Some(id),
                        role: Role::KubeconfigClient,
                    };
                    facts.users[user].token = self.add_token(&token, &p);
                }
            }
        }
        for c in &mut facts.contexts {
            let Some(u) = facts.users.iter().find(|u| u.name == c.user) else {
                continue;
            };
            let cred = u.client_certificate.or(u.token).map(|i| &self.objects[i]);
            if let Some(o) = cred {
                c.identity = o.username.as_ref().map(|name| {
                    let groups: Vec<&str> = o
                        .groups
                        .iter()
                        .map(String::as_str)
                        .filter(|g| *g != identity::AUTHENTICATED)
                        .collect();
                    if groups.is_empty() {
                        name.clone()
                    } else {
                        format!("{name} in {}", groups.join(", "))
                    }
                });
                c.expires = o.not_after.clone();
            } else if credential_omitted(&facts.omitted, &u.name) {
                c.identity = Some("hidden: kubectl config view omitted the credential (use --raw)".to_string());
            } else if let Some(x) = &u.exec {
                c.identity = Some(format!("decided at run time by exec plugin \"{}\"", x.command));
            } else if let Some(b) = &u.basic_auth_username {
                c.identity = Some(format!("basic-auth user {b}"));
            }
            if let Some(imp) = &u.impersonate_user {
                c.identity = Some(format!(
                    "impersonates {imp}{}",
                    c.identity.as_ref().map(|i| format!(" (authenticating as {i})")).unwrap_or_default()
                ));
            }
        }
        let o = &mut self.objects[id];
        o.label = match &facts.current_context {
            Some(cc) => format!("kubeconfig (current context {})", util::clip(cc, 60)),
            None => "kubeconfig".into(),
        };
        o.kubeconfig = Some(facts);
    }

    fn add_secret(&mut self, v: &Value, place: &Place) {
        let (facts, entries) = secret::read(v);
        let Some(id) = self.push(
            ObjectKind::TlsSecret,
            &Place {
                source: format!("{}Secret {}", prefix(place), facts.name),
                ..place.clone()
            },
        ) else {
            return;
        };
        let mut skipped = Vec::new();
        for e in entries {
            let role = if e.key == "ca.crt" { Role::SecretCa } else { Role::SecretTls };
            let p = Place {
                source: format!("Secret {} {}", facts.name, e.key),
                parent: Some(id),
                role,
            };
            let value = if e.base64 {
                match input::decode_base64(&e.value).map(String::from_utf8) {
                    Ok(Ok(text)) => text,
                    Ok(Err(_)) if e.key.ends_with(".crt") || e.key.ends_with(".key") => {
                        self.read_field(&e.value, &p, "PEM data");
                        continue;
                    }
                    _ => {
                        self.not_understood
                            .push(format!("{}: expected base64, but it does not decode to text.", p.source));
                        continue;
                    }
                }
            } else {
                e.value.clone()
            };
            if value.contains("-----BEGIN ") {
                self.read_pem(&value, &p);
            } else if e.key == "token" {
                self.add_token(value.trim(), &p);
            } else if e.key != "namespace" {
                skipped.push(e.key);
            }
        }
        if !skipped.is_empty() {
            self.not_understood.push(format!(
                "Secret {}: keys {} hold neither PEM data nor a token and were skipped.",
                facts.name,
                skipped.join(", ")
            ));
        }
        let o = &mut self.objects[id];
        o.label = format!("Secret {}", util::clip(&facts.name, 80));
        o.secret = Some(facts);
    }

    /// Cross-references: who issued whom (by verified signature) and which key belongs to what.
    fn link(&mut self) {
        let certs: Vec<usize> = self.objects.iter().filter(|o| o.certificate.is_some()).map(|o| o.id).collect();
        for &c in &certs {
            let cert = self.objects[c]
                .certificate
                .as_ref()
                .map(|x| (x.issuer_text.clone(), x.self_issued, x.der.clone()));
            let Some((issuer_text, self_issued, der)) = cert else { continue };
            if self_issued {
                continue;
            }
            let issuer = certs.iter().copied().find(|&i| {
                i != c
                    && self.objects[i]
                        .certificate
                        .as_ref()
                        .is_some_and(|ic| ic.subject_text == issuer_text && x509::issued_by(&der, &ic.der) == x509::SignatureCheck::Valid)
            });
            self.objects[c].issued_by = issuer;
        }
        let key_ids: Vec<(usize, String)> = self
            .objects
            .iter()
            .filter_map(|o| o.key.as_ref().filter(|k| !k.key_id.is_empty()).map(|k| (o.id, k.key_id.clone())))
            .collect();
        for (key_obj, kid) in key_ids {
            for i in 0..self.objects.len() {
                let o = &self.objects[i];
                let pk = o
                    .certificate
                    .as_ref()
                    .map(|c| &c.public_key.key_id)
                    .or(o.request.as_ref().map(|r| &r.public_key.key_id));
                if pk == Some(&kid) {
                    self.objects[i].key_matches.push(key_obj);
                    self.objects[key_obj].key_matches.push(i);
                }
            }
        }
    }
}

/// Did `kubectl config view` omit this user's certificate or token?
fn credential_omitted(omitted: &[String], user: &str) -> bool {
    omitted
        .iter()
        .any(|o| o == &format!("user {user}: client-certificate-data") || o == &format!("user {user}: token"))
}

fn prefix(place: &Place) -> String {
    if place.source.is_empty() {
        String::new()
    } else {
        format!("{}: ", place.source)
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "mapping",
    }
}

/// `spec.request`: base64 of a PEM `CERTIFICATE REQUEST` (what the API server's `ParseCSR` takes:
/// the first PEM block, which must be exactly that type).
fn parse_request_field(b64: &str) -> Result<x509::CsrFacts, String> {
    let bytes = input::decode_base64(b64).map_err(|e| format!("spec.request is not valid base64 ({e})"))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| "spec.request decodes to binary data; the API expects base64 of a PEM CERTIFICATE REQUEST".to_string())?;
    let (blocks, problems) = input::pem_blocks(text);
    let Some(first) = blocks.first() else {
        return Err(match problems.first() {
            Some(p) => format!("spec.request: {p}"),
            None => format!(
                "spec.request holds no PEM block; expected a CERTIFICATE REQUEST, found {}",
                input::describe(text)
            ),
        });
    };
    if first.label != "CERTIFICATE REQUEST" {
        return Err(format!(
            "PEM block type must be CERTIFICATE REQUEST (found \"{}\"); the API rejects this request",
            util::clip(&first.label, 40)
        ));
    }
    let der = first.der.as_ref().map_err(|e| format!("spec.request: {e}"))?;
    x509::parse_csr(der).map_err(|e| format!("spec.request is {e}"))
}
