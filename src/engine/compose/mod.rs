//! Making a request, for the learner's lab (issue #22): what a learner types (a username, groups,
//! a key type, a lifetime, a signer) becomes a PKCS#10 certificate request, the
//! CertificateSigningRequest object that carries it, and the commands that take it to a working
//! kubeconfig — the walk-through the Kubernetes docs teach.
//!
//! The key pair never comes here: the page makes it with the browser's WebCrypto and keeps it.
//! The engine encodes what is signed ([`request_info`]: the subject, the public key), the page
//! signs those bytes with its private key, and the engine wraps the signature into the request
//! ([`finish`]). Every structure is DER-encoded with `asn1-rs` (the encoder of the `der-parser`
//! family that reads certificates here), never by hand; the page then inspects the object
//! exactly as if it had been pasted.
//!
//! Sources: RFC 2986 (CertificationRequest), RFC 5758 §3.2 (ecdsa-with-SHA256, no parameters),
//! RFC 4055 §5 (sha256WithRSAEncryption, NULL parameters), RFC 3279 §2.2.3 (ECDSA-Sig-Value);
//! the object and the steps: kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/
//! ("Normal user").

use std::borrow::Cow;

use der_parser::asn1_rs::{self, Any, Class, Header, Integer, Length, Oid, Sequence, Set, Tag, ToDer, Utf8String};
use serde::{Deserialize, Serialize};

use super::rules::{KUBELET_SERVING, KUBE_APISERVER_CLIENT, KUBE_APISERVER_CLIENT_KUBELET};
use super::util::shell_word;

pub mod walk;

/// The key the page makes for the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum KeyType {
    /// ECDSA on P-256, signing with SHA-256: small and fast, what kubeadm and the kubelet use.
    #[default]
    EcdsaP256,
    Rsa2048,
    Rsa3072,
}

impl KeyType {
    pub const ALL: [KeyType; 3] = [KeyType::EcdsaP256, KeyType::Rsa2048, KeyType::Rsa3072];

    pub fn id(self) -> &'static str {
        match self {
            KeyType::EcdsaP256 => "ecdsa-p256",
            KeyType::Rsa2048 => "rsa-2048",
            KeyType::Rsa3072 => "rsa-3072",
        }
    }

    pub fn from_id(id: &str) -> KeyType {
        KeyType::ALL.into_iter().find(|k| k.id() == id).unwrap_or_default()
    }

    pub fn label(self) -> &'static str {
        match self {
            KeyType::EcdsaP256 => "ECDSA P-256 (recommended)",
            KeyType::Rsa2048 => "RSA 2048",
            KeyType::Rsa3072 => "RSA 3072",
        }
    }

    /// The RSA modulus size in bits; `None` for ECDSA.
    pub fn rsa_bits(self) -> Option<u32> {
        match self {
            KeyType::EcdsaP256 => None,
            KeyType::Rsa2048 => Some(2048),
            KeyType::Rsa3072 => Some(3072),
        }
    }

    /// `openssl genpkey` arguments that make the same kind of key.
    fn openssl_genpkey(self) -> &'static str {
        match self {
            KeyType::EcdsaP256 => "-algorithm EC -pkeyopt ec_paramgen_curve:P-256",
            KeyType::Rsa2048 => "-algorithm RSA -pkeyopt rsa_keygen_bits:2048",
            KeyType::Rsa3072 => "-algorithm RSA -pkeyopt rsa_keygen_bits:3072",
        }
    }
}

/// The signers a learner can pick: Kubernetes' built-in ones.
pub const SIGNERS: [(&str, &str); 3] = [
    (KUBE_APISERVER_CLIENT, "a user's client certificate for the API server"),
    (
        KUBE_APISERVER_CLIENT_KUBELET,
        "a kubelet's client certificate (user system:node:NAME, group system:nodes)",
    ),
    (KUBELET_SERVING, "a kubelet's serving certificate (needs DNS or IP names)"),
];

/// What the learner typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The subject's CN: the username. Empty: no CN at all (what an interactive `openssl req`
    /// left blank gives).
    pub username: String,
    /// The subject's O values, one per line as typed; blank lines are skipped.
    pub groups: Vec<String>,
    pub key: KeyType,
    /// `spec.expirationSeconds`; `None` leaves it out.
    pub expiration_seconds: Option<u64>,
    pub signer: String,
    /// `metadata.name`; empty: made from the username.
    pub name: String,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            username: "amy".into(),
            groups: vec!["developers".into()],
            key: KeyType::EcdsaP256,
            expiration_seconds: Some(86_400),
            signer: KUBE_APISERVER_CLIENT.into(),
            name: String::new(),
        }
    }
}

impl Draft {
    /// The groups as they go into the subject: trimmed, blank lines dropped.
    pub fn subject_groups(&self) -> Vec<String> {
        self.groups.iter().map(|g| g.trim().to_string()).filter(|g| !g.is_empty()).collect()
    }

    /// `metadata.name`: as typed, or made from the username (a DNS subdomain: lower case,
    /// letters, digits, '-' and '.').
    pub fn object_name(&self) -> String {
        let raw = if self.name.trim().is_empty() {
            self.username.trim()
        } else {
            self.name.trim()
        };
        let mut out = String::new();
        for c in raw.to_lowercase().chars() {
            let c = if c.is_ascii_alphanumeric() || c == '.' { c } else { '-' };
            if !(c == '-' && (out.is_empty() || out.ends_with('-'))) {
                out.push(c);
            }
        }
        let out: String = out.trim_matches(|c| c == '-' || c == '.').chars().take(63).collect();
        if out.is_empty() {
            "my-request".into()
        } else {
            out
        }
    }

    /// `spec.usages` for the signer, as the docs and the kubelet request them.
    pub fn usages(&self) -> Vec<&'static str> {
        let rsa = self.key.rsa_bits().is_some();
        let mut u = match self.signer.as_str() {
            KUBE_APISERVER_CLIENT => vec!["client auth"],
            KUBELET_SERVING => vec!["digital signature", "server auth"],
            _ => vec!["digital signature", "client auth"],
        };
        // The kubelet asks for key encipherment too when its key is RSA.
        if rsa && self.signer != KUBE_APISERVER_CLIENT {
            u.insert(1, "key encipherment");
        }
        u
    }
}

const OID_CN: &[u64] = &[2, 5, 4, 3];
const OID_O: &[u64] = &[2, 5, 4, 10];
const OID_ECDSA_SHA256: &[u64] = &[1, 2, 840, 10045, 4, 3, 2];
const OID_RSA_SHA256: &[u64] = &[1, 2, 840, 113549, 1, 1, 11];

fn der(v: &impl ToDer) -> Result<Vec<u8>, String> {
    v.to_der_vec().map_err(|e| format!("could not encode the request: {e}"))
}

fn oid(arcs: &[u64]) -> Result<Vec<u8>, String> {
    der(&Oid::from(arcs).map_err(|_| "could not encode an object identifier".to_string())?)
}

/// A SEQUENCE of already encoded elements.
fn sequence(parts: &[Vec<u8>]) -> Result<Vec<u8>, String> {
    der(&Sequence::new(Cow::Owned(parts.concat())))
}

/// A SET of one already encoded element (an RDN of one attribute).
fn set_of_one(part: Vec<u8>) -> Result<Vec<u8>, String> {
    der(&Set::new(Cow::Owned(part)))
}

/// The subject: CN first, then each O, one attribute per RDN, every value a UTF8String — what
/// `openssl req -subj "/CN=amy/O=developers"` writes with its default string mask.
fn subject(d: &Draft) -> Result<Vec<u8>, String> {
    let mut rdns = Vec::new();
    let mut attr = |arcs: &[u64], value: &str| -> Result<(), String> {
        rdns.push(set_of_one(sequence(&[oid(arcs)?, der(&Utf8String::new(value))?])?)?);
        Ok(())
    };
    if !d.username.trim().is_empty() {
        attr(OID_CN, d.username.trim())?;
    }
    for g in d.subject_groups() {
        attr(OID_O, &g)?;
    }
    sequence(&rdns)
}

/// The CertificationRequestInfo to sign: version 0, the subject, the page's public key (its
/// SubjectPublicKeyInfo, as WebCrypto exports it as "spki"), and no attributes.
pub fn request_info(d: &Draft, spki: &[u8]) -> Result<Vec<u8>, String> {
    check_spki(d.key, spki)?;
    // attributes [0] IMPLICIT SET OF Attribute, empty.
    let no_attributes = Any::new(Header::new(Class::ContextSpecific, true, Tag(0), Length::Definite(0)), &[]);
    sequence(&[der(&0u32)?, subject(d)?, spki.to_vec(), der(&no_attributes)?])
}

/// The public key is what the draft's key type says, and is a public key at all.
fn check_spki(key: KeyType, spki: &[u8]) -> Result<(), String> {
    use x509_parser::prelude::FromDer;
    let (_, info) = x509_parser::x509::SubjectPublicKeyInfo::from_der(spki)
        .map_err(|e| format!("the public key from the browser is not a SubjectPublicKeyInfo ({e})"))?;
    let alg = info.algorithm.algorithm.to_id_string();
    let want = if key.rsa_bits().is_some() {
        "1.2.840.113549.1.1.1"
    } else {
        "1.2.840.10045.2.1"
    };
    if alg != want {
        return Err(format!(
            "expected a {} public key from the browser, found algorithm {alg}",
            key.label()
        ));
    }
    Ok(())
}

/// What [`finish`] makes: everything the learner takes away, but the key (which stays in the page).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Made {
    /// The request, PEM.
    pub csr_pem: String,
    /// The CertificateSigningRequest object, ready for `kubectl apply -f -`.
    pub object_yaml: String,
    /// The kubectl steps to a working kubeconfig and a first `auth can-i`.
    pub steps: Vec<Step>,
    /// The same request made with openssl, on the machine that will use the key.
    pub openssl: Vec<Step>,
    /// The name the files and the object take (`amy`).
    pub stem: String,
}

/// A command and why it is there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Step {
    pub command: String,
    pub why: String,
}

fn step(command: String, why: &str) -> Step {
    Step { command, why: why.into() }
}

/// The signature as the request carries it: ECDSA's r‖s (WebCrypto's form) becomes an
/// ECDSA-Sig-Value; an RSA signature is used as it is.
fn signature_der(key: KeyType, signature: &[u8]) -> Result<Vec<u8>, String> {
    match key.rsa_bits() {
        Some(bits) => {
            if signature.len() != bits as usize / 8 {
                return Err(format!(
                    "expected a {}-byte RSA signature from the browser, found {} bytes",
                    bits / 8,
                    signature.len()
                ));
            }
            Ok(signature.to_vec())
        }
        None => {
            let (r, s) = match <[u8; 64]>::try_from(signature) {
                Ok(rs) => {
                    let mut r = [0u8; 32];
                    let mut s = [0u8; 32];
                    r.copy_from_slice(&rs[..32]);
                    s.copy_from_slice(&rs[32..]);
                    (r, s)
                }
                Err(_) => {
                    return Err(format!(
                        "expected a 64-byte P-256 signature (r and s) from the browser, found {} bytes",
                        signature.len()
                    ))
                }
            };
            sequence(&[der(&Integer::from_const_array(r))?, der(&Integer::from_const_array(s))?])
        }
    }
}

/// Wraps `info` (from [`request_info`]) and the page's `signature` of it into the request, and
/// makes the object and the steps around it.
pub fn finish(d: &Draft, info: &[u8], signature: &[u8]) -> Result<Made, String> {
    let algorithm = match d.key.rsa_bits() {
        Some(_) => sequence(&[oid(OID_RSA_SHA256)?, der(&asn1_rs::Null {})?])?,
        None => sequence(&[oid(OID_ECDSA_SHA256)?])?,
    };
    let signature = signature_der(d.key, signature)?;
    let bits = asn1_rs::BitString::new(0, &signature);
    let csr = sequence(&[info.to_vec(), algorithm, der(&bits)?])?;
    let csr_pem = pem("CERTIFICATE REQUEST", &csr);
    // The files the steps name (amy.key, amy.csr, …) take the object's name.
    let stem = d.object_name();
    Ok(Made {
        object_yaml: object_yaml(d, &csr_pem),
        steps: steps(d, &stem),
        openssl: openssl(d, &stem),
        csr_pem,
        stem,
    })
}

/// `der` as PEM with `label`, 64 characters a line.
pub fn pem(label: &str, der: &[u8]) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// A YAML scalar that reads back as exactly `s`.
fn yaml_string(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
        && !s.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '.');
    if plain {
        s.to_string()
    } else {
        // JSON's string syntax is YAML's double-quoted scalar.
        serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
    }
}

/// The object the docs' "Normal user" walk-through applies: the request base64-encoded on one
/// line (the slip `base64 | tr -d '\n'` exists to avoid), the usages and the lifetime inside `spec`.
fn object_yaml(d: &Draft, csr_pem: &str) -> String {
    use base64::Engine;
    let request = base64::engine::general_purpose::STANDARD.encode(csr_pem.as_bytes());
    let mut y = String::from("apiVersion: certificates.k8s.io/v1\nkind: CertificateSigningRequest\nmetadata:\n");
    y.push_str(&format!("  name: {}\nspec:\n  request: {request}\n", yaml_string(&d.object_name())));
    y.push_str(&format!("  signerName: {}\n", yaml_string(&d.signer)));
    if let Some(s) = d.expiration_seconds {
        y.push_str(&format!("  expirationSeconds: {s}\n"));
    }
    y.push_str("  usages:\n");
    for u in d.usages() {
        y.push_str(&format!("  - {u}\n"));
    }
    y
}

fn steps(d: &Draft, stem: &str) -> Vec<Step> {
    let name = shell_word(&d.object_name());
    let user = shell_word(d.username.trim());
    let crt = shell_word(&format!("{stem}.crt"));
    let key = shell_word(&format!("{stem}.key"));
    let yaml = shell_word(&format!("{stem}-csr.yaml"));
    let mut s = vec![
        step(format!("kubectl apply -f {yaml}"), "Creates the CertificateSigningRequest object (the YAML above, saved to that file). Its name is only the object's name: the username is the CN inside the request."),
        step(format!("kubectl get csr {name}"), "Shows it Pending: nothing is signed until someone with approve permission approves it."),
        step(format!("kubectl certificate approve {name}"), "Approves it (a reviewer first checks who it makes you, as this page does). The signer then issues the certificate."),
        step(
            format!("kubectl get csr {name} -o jsonpath='{{.status.certificate}}' | base64 -d > {crt}"),
            "Saves the issued certificate: status.certificate holds it as base64 of PEM.",
        ),
    ];
    if d.signer == KUBE_APISERVER_CLIENT && !d.username.trim().is_empty() {
        s.extend([
            step(
                format!("kubectl config set-credentials {user} --client-key={key} --client-certificate={crt} --embed-certs=true"),
                "Adds a kubeconfig user with the key you downloaded (it stays on your machine) and the certificate, both embedded.",
            ),
            step(
                format!("kubectl config set-context {user} --cluster=$(kubectl config view --minify -o jsonpath='{{.clusters[0].name}}') --user={user}"),
                "A context that talks to the current cluster as that user.",
            ),
            step(
                format!("kubectl create rolebinding {} --clusterrole=view --user={user} --namespace=default", shell_word(&format!("{stem}-view"))),
                "Until a binding grants something, a new user can do almost nothing (403 Forbidden): this grants read access in one namespace.",
            ),
            step(
                format!("kubectl auth can-i list pods --namespace=default --context={user}"),
                "Asks the API server, as the new user, whether it may list pods there: yes, thanks to the binding.",
            ),
        ]);
    }
    s
}

/// The subject as `openssl req -subj` takes it: '/' and '\\' in a value escaped.
fn openssl_subject(d: &Draft) -> String {
    let esc = |v: &str| v.replace('\\', "\\\\").replace('/', "\\/");
    let mut subj = String::new();
    if !d.username.trim().is_empty() {
        subj.push_str(&format!("/CN={}", esc(d.username.trim())));
    }
    for g in d.subject_groups() {
        subj.push_str(&format!("/O={}", esc(&g)));
    }
    if subj.is_empty() {
        // An empty subject: openssl needs at least the slash.
        subj.push('/');
    }
    subj
}

fn openssl(d: &Draft, stem: &str) -> Vec<Step> {
    let key = shell_word(&format!("{stem}.key"));
    let csr = shell_word(&format!("{stem}.csr"));
    vec![
        step(
            format!("openssl genpkey {} -out {key}", d.key.openssl_genpkey()),
            "Makes the private key on the machine that will use it: it never has to travel.",
        ),
        step(
            format!("openssl req -new -key {key} -subj {} -out {csr}", shell_word(&openssl_subject(d))),
            "Makes the request: CN is the username, each O a group. Type O= (the letter), not 0=.",
        ),
        step(
            format!("base64 < {csr} | tr -d '\\n'"),
            "The request as spec.request wants it: base64 on one line (base64 alone wraps at 76 characters, which the API refuses).",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::facts::x509::{self, SignatureCheck};
    use ring::rand::SystemRandom;
    use ring::signature::{EcdsaKeyPair, KeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};

    /// A P-256 key as WebCrypto would give it: its SPKI, and a signer of r‖s.
    pub(super) fn browser_key() -> (Vec<u8>, impl Fn(&[u8]) -> Vec<u8>) {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
        let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &rng).unwrap();
        // SPKI of a P-256 key: the fixed prefix, then the uncompressed point.
        let mut spki = vec![
            0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03,
            0x01, 0x07, 0x03, 0x42, 0x00,
        ];
        spki.extend_from_slice(pair.public_key().as_ref());
        (spki, move |m: &[u8]| pair.sign(&SystemRandom::new(), m).unwrap().as_ref().to_vec())
    }

    fn make(d: &Draft) -> Made {
        let (spki, sign) = browser_key();
        let info = request_info(d, &spki).unwrap();
        finish(d, &info, &sign(&info)).unwrap()
    }

    #[test]
    fn the_request_is_what_was_typed_and_its_signature_verifies() {
        let d = Draft {
            groups: vec!["developers".into(), "  ".into(), " qa ".into()],
            ..Draft::default()
        };
        let made = make(&d);
        let der = crate::engine::read::sniff::pem_blocks(&made.csr_pem).0.remove(0).der.unwrap();
        let csr = x509::parse_csr(&der).unwrap();
        assert_eq!(csr.signature, SignatureCheck::Valid, "{made:?}");
        let names: Vec<(String, String)> = csr.subject.iter().map(|a| (a.short.clone(), a.value.clone())).collect();
        assert_eq!(
            names,
            [
                ("CN".into(), "amy".into()),
                ("O".into(), "developers".into()),
                ("O".into(), "qa".into())
            ]
        );
        assert!(
            made.object_yaml.contains("  name: amy\n")
                && made
                    .object_yaml
                    .contains("  expirationSeconds: 86400\n  usages:\n  - client auth\n")
        );
        assert_eq!(
            made.openssl[1].command,
            "openssl req -new -key amy.key -subj /CN=amy/O=developers/O=qa -out amy.csr"
        );
    }

    #[test]
    fn awkward_names_are_quoted_for_the_shell_and_yaml() {
        let d = Draft {
            username: "o'brien/x".into(),
            groups: vec!["dev team".into()],
            ..Draft::default()
        };
        let made = make(&d);
        assert_eq!(made.stem, "o-brien-x");
        assert!(
            made.steps.iter().any(|s| s.command.contains("set-credentials 'o'\\''brien/x'")),
            "{:?}",
            made.steps
        );
        assert_eq!(
            made.openssl[1].command,
            "openssl req -new -key o-brien-x.key -subj '/CN=o'\\''brien\\/x/O=dev team' -out o-brien-x.csr"
        );
        let empty = make(&Draft {
            username: " ".into(),
            groups: vec![],
            ..Draft::default()
        });
        assert_eq!(empty.stem, "my-request");
        assert!(empty.openssl[1].command.contains("-subj / "));
    }

    #[test]
    fn a_key_of_the_wrong_kind_or_a_bad_signature_is_refused() {
        let (spki, _) = browser_key();
        let rsa = Draft {
            key: KeyType::Rsa2048,
            ..Draft::default()
        };
        assert!(request_info(&rsa, &spki).unwrap_err().contains("expected a RSA 2048 public key"));
        assert!(request_info(&Draft::default(), b"\x30\x03junk").is_err());
        let info = request_info(&Draft::default(), &spki).unwrap();
        assert!(finish(&Draft::default(), &info, &[0u8; 10]).unwrap_err().contains("64-byte"));
    }

    #[test]
    fn usages_follow_the_signer_and_the_key() {
        let mut d = Draft::default();
        assert_eq!(d.usages(), ["client auth"]);
        d.signer = KUBE_APISERVER_CLIENT_KUBELET.into();
        assert_eq!(d.usages(), ["digital signature", "client auth"]);
        d.key = KeyType::Rsa2048;
        assert_eq!(d.usages(), ["digital signature", "key encipherment", "client auth"]);
        d.signer = KUBELET_SERVING.into();
        assert_eq!(d.usages(), ["digital signature", "key encipherment", "server auth"]);
    }
}
