//! The readers: one module per kind of input, each owning its detection and turning what it
//! recognises into report objects. Two tables dispatch them: [`TEXT_READERS`] for what a text is
//! as a whole (kubectl's CSR output, YAML/JSON documents, PEM, tokens, base64), tried in order, and
//! [`DOCUMENT_READERS`] for the Kubernetes object inside a document (a CSR object, a kubeconfig,
//! a Secret, RBAC, a Pod, a KubeletConfiguration). Adding a kind is a file here and a row in one table.
//!
//! Binary input is DER (`der`); archives are unpacked before reading (`archive`). What every
//! reader shares is [`Reading`]: the objects so far, and the lines for `input.detected`,
//! `input.not_understood` and `input.recovered`.

pub mod archive;
pub mod base64;
pub mod csr_object;
pub mod der;
pub mod document;
pub mod kubeconfig;
pub mod kubectl_error;
pub mod kubectl_text;
pub mod kubelet_config;
pub mod pem;
pub mod pod;
pub mod rbac;
pub mod secret;
pub mod sniff;
pub mod token;
pub mod yaml;

use serde_json::Value;

use super::report::{InputError, Object, ObjectKind, Role};
use super::{util, Input, MAX_NOTES, MAX_OBJECTS};

/// Whole-text readers, in the order they are tried: each returns `None` when the text is not its
/// kind, else whether anything in it was recognised.
pub type TextReader = fn(&mut Reading, &Text, &Place) -> Option<bool>;

/// The text readers, in order, with the given reader of error messages.
macro_rules! text_readers {
    ($errors:path) => {
        &[
            // Error lines first: the rest of the text (a kubeconfig pasted with one) is read after them.
            ("error messages of kubectl, client-go and Go", $errors),
            // kubectl's human-readable CSR output: before YAML, which would take `Name:   alice` for a mapping.
            ("kubectl describe csr / get csr output", kubectl_text::read_text),
            ("YAML or JSON documents", document::read_text),
            ("PEM blocks", pem::read_text),
            ("bearer tokens (JWT, bootstrap)", token::read_text),
            ("base64 of PEM or DER", base64::read_text),
        ]
    };
}

pub const TEXT_READERS: &[(&str, TextReader)] = text_readers!(kubectl_error::read_text);

/// [`TEXT_READERS`] for the first path: the error messages' reader only tells whether a text may
/// hold any.
const FIRST_TEXT_READERS: &[(&str, TextReader)] = text_readers!(kubectl_error::leave_to_whole_engine);

/// A reader of one kind of Kubernetes object: whether it recognises a document, and how to read it.
pub type DocumentReader = (fn(&Value) -> bool, fn(&mut Reading, &Value, &str, &Place));

/// Every kind of Kubernetes object the engine reads, in the order they are tried.
pub const DOCUMENT_READERS: &[DocumentReader] = &[
    (csr_object::is_csr, csr_object::read_object),
    (kubeconfig::is_kubeconfig, kubeconfig::read_object),
    (secret::is_credential_secret, secret::read_object),
    (rbac::is_rbac, rbac::read_object),
    (pod::is_pod, pod::read_object),
    (kubelet_config::is_kubelet_config, kubelet_config::read_object),
];

/// The readers a [`Reading`] dispatches to: every kind ([`Readers::ALL`]), or the few a first
/// report reads ([`Readers::FIRST`], `engine::first`), so a build that uses only those links
/// only those.
pub struct Readers {
    pub text: &'static [(&'static str, TextReader)],
    pub document: &'static [DocumentReader],
}

impl Readers {
    pub const ALL: Readers = Readers {
        text: TEXT_READERS,
        document: DOCUMENT_READERS,
    };
    /// Every text reader (so a text is taken apart exactly as the whole engine does; a text that
    /// may hold error messages, which only the whole engine explains, is left to it), but only the
    /// objects a reviewer or a docs page pastes: CertificateSigningRequests and kubeconfigs. A
    /// Secret, RBAC or a Pod is "not understood" here, which makes the first report step aside
    /// for the whole engine.
    pub const FIRST: Readers = Readers {
        text: FIRST_TEXT_READERS,
        document: &[
            (csr_object::is_csr, csr_object::read_object),
            (kubeconfig::is_kubeconfig, kubeconfig::read_object),
        ],
    };
}

/// What the readers build, and what they say about the input.
pub struct Reading {
    /// The readers dispatched to.
    pub readers: &'static Readers,
    pub objects: Vec<Object>,
    pub detected: Vec<String>,
    pub not_understood: Vec<String>,
    pub recovered: Vec<String>,
    /// RBAC objects read so far (they become a policy, not objects).
    pub rbac: rbac::PolicyBuilder,
    /// Pods read (not understood on their own; a node's static Pod manifests for the PKI audit).
    pub pods: Vec<pod::StaticPod>,
    pub now: i64,
    /// The Kubernetes release judged for, and the Go release whose crypto/x509 reads the certificates.
    pub target: crate::engine::facts::release::Target,
}

/// Where new objects hang and how they are labelled.
#[derive(Clone)]
pub struct Place {
    pub source: String,
    pub parent: Option<usize>,
    pub role: Role,
}

/// A text being read, and what every text reader asks of it.
pub struct Text<'a> {
    pub text: &'a str,
    /// 0 for the input itself; base64 decoded once is 1, twice 2.
    pub depth: u8,
    pub has_pem: bool,
    before: (usize, usize, usize),
}

impl Text<'_> {
    /// How many objects there were before this text.
    pub fn before_objects(&self) -> usize {
        self.before.0
    }

    /// Whether reading it added an object, a note or an RBAC object.
    pub fn progressed(&self, r: &Reading) -> bool {
        r.objects.len() > self.before.0 || r.not_understood.len() > self.before.1 || r.rbac.len() > self.before.2
    }
}

impl Reading {
    pub fn new(now: i64) -> Reading {
        Reading::with(now, &Readers::ALL)
    }

    /// A reading that dispatches to `readers` only.
    pub fn with(now: i64, readers: &'static Readers) -> Reading {
        Reading {
            readers,
            objects: Vec::new(),
            detected: Vec::new(),
            not_understood: Vec::new(),
            recovered: Vec::new(),
            rbac: rbac::PolicyBuilder::default(),
            pods: Vec::new(),
            now,
            target: Default::default(),
        }
    }

    /// The identity a subject maps to, for the release judged.
    pub fn identity_of(&self, subject: &mut [crate::engine::facts::x509::NameAttr]) -> crate::engine::facts::identity::Identity {
        crate::engine::facts::identity::from_subject_for(subject, self.target.uid_from_certificates())
    }

    pub fn push(&mut self, kind: ObjectKind, place: &Place) -> Option<usize> {
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

    /// Reads every input (archives already unpacked). `given` is whether any file was given at
    /// all. Returns why nothing could be read, when that is the whole answer.
    pub fn read_all(&mut self, inputs: &[Input], given: bool) -> Option<InputError> {
        let error = match inputs {
            [] if given => Some(InputError {
                code: "nothing_usable".into(),
                message: if self.not_understood.is_empty() {
                    "Nothing could be read: the archive holds no regular files.".to_string()
                } else {
                    format!("Nothing could be read. {}", self.not_understood.join(" "))
                },
            }),
            [one] => self.read_top(one.bytes, one.name),
            many => {
                for f in many {
                    if let Some(e) = self.read_top(f.bytes, f.name) {
                        self.not_understood.push(format!("{}: {}", f.name, e.message));
                    }
                }
                many.is_empty().then(|| InputError {
                    code: "empty".into(),
                    message: "No input was given.".into(),
                })
            }
        };
        if self.not_understood.len() > MAX_NOTES {
            let more = self.not_understood.len() - MAX_NOTES;
            self.not_understood.truncate(MAX_NOTES);
            self.not_understood.push(format!("… and {more} more problems not listed."));
        }
        error
    }

    /// Reads one file (or the paste): text of any kind, or DER.
    pub fn read_top(&mut self, input: &[u8], name: &str) -> Option<InputError> {
        if input.len() > sniff::MAX_INPUT_BYTES {
            return Some(InputError {
                code: "too_large".into(),
                message: format!(
                    "The input is {:.1} MiB; expected at most {} MiB (a certificate is ~1-2 KiB, a bundle of hundreds well under 1 MiB).",
                    input.len() as f64 / 1048576.0,
                    sniff::MAX_INPUT_BYTES / 1048576
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
                            sniff::describe(text)
                        ),
                    });
                }
                None
            }
            Err(_) => {
                if sniff::looks_like_der(input) {
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
    pub fn read_text(&mut self, text: &str, place: &Place, depth: u8) -> bool {
        let t = Text {
            text,
            depth,
            has_pem: text.contains("-----BEGIN "),
            before: (self.objects.len(), self.not_understood.len(), self.rbac.len()),
        };
        self.readers
            .text
            .iter()
            .find_map(|(_, read)| read(self, &t, place))
            .unwrap_or(false)
    }

    pub(super) fn read_document(&mut self, d: &Value, index: usize, total: usize, place: &Place) {
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

    /// One Kubernetes object: the first reader of [`DOCUMENT_READERS`] that recognises it.
    pub(super) fn read_object(&mut self, v: &Value, here: &str, place: &Place) {
        match self.readers.document.iter().find(|(recognises, _)| recognises(v)) {
            Some((_, read)) => read(self, v, here, place),
            None => {
                let kind = v.get("kind").and_then(Value::as_str);
                self.not_understood.push(not_a_known_kind(here, kind));
            }
        }
    }

    /// A base64 field holding PEM (or DER). Returns the IDs of the objects it produced.
    pub(super) fn read_field(&mut self, b64: &str, place: &Place, want: &str) -> Vec<usize> {
        let before = self.objects.len();
        let unknown_before = self.not_understood.len();
        match sniff::decode_base64(b64) {
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
                            sniff::describe(text)
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
}

/// The note for a Kubernetes object no reader takes.
pub fn not_a_known_kind(here: &str, kind: Option<&str>) -> String {
    match kind {
        Some(k) => format!(
            "{here}: a Kubernetes {}; expected a CertificateSigningRequest, a kubeconfig (kind: Config), a TLS or service-account-token Secret, RBAC (ClusterRole, ClusterRoleBinding, Role, RoleBinding), or a KubeletConfiguration.",
            util::clip(k, 60)
        ),
        None => format!(
            "{here}: YAML/JSON without a Kubernetes kind; expected a CertificateSigningRequest, a kubeconfig, a TLS or service-account-token Secret, RBAC objects, or a KubeletConfiguration."
        ),
    }
}

pub fn prefix(place: &Place) -> String {
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
