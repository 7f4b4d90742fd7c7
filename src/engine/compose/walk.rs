//! The walk-through the Kubernetes docs teach ("Normal user"), for the learner's lab (issue #22,
//! part 3): compose → object → approve → kubeconfig → bind → can-i, each step with its artefact,
//! one sentence of why, and what Kubernetes makes of it — every answer the engine's own, from
//! the artefacts themselves, as if they had been pasted.
//!
//! There is no cluster. Approval is played by a practice CA the page makes with WebCrypto (its
//! key never leaves the page's memory), which issues the certificate as kube-controller-manager's
//! signer would (`../shared/k8s-rules.md`, "Signing controller" and "What ends up in the issued
//! certificate"): the subject and the public key copied from the request, its extensions
//! dropped, backdated 5 minutes, living `spec.expirationSeconds` (at least 10 minutes, at most
//! `--cluster-signing-duration`, one year by default), key usages and extended key usages from
//! `spec.usages`, not a CA. As with the request, the engine encodes what is signed ([`to_sign`])
//! and the page signs it; [`walk`] wraps the signatures and plays the steps.

use der_parser::asn1_rs::{self, Any, BitString, Boolean, Class, GeneralizedTime, Header, Integer, Length, OctetString, Tag, UtcTime};
use serde::{Deserialize, Serialize};

use super::{der, oid, pem, sequence, set_of_one, shell_word, signature_der, yaml_string, Draft, KeyType, OID_CN, OID_ECDSA_SHA256};
use crate::engine::analyse::can_i::{self, Query};
use crate::engine::facts::release::{Release, Target};
use crate::engine::report::{Object, VerdictLevel};
use crate::engine::rules::KUBE_APISERVER_CLIENT;
use crate::engine::util::human_duration;
use crate::engine::{analyse_as, Analysis, Input};

/// The practice CA's common name.
pub const CA_NAME: &str = "kubernetes-lab-ca";
/// The signing policy's backdate (k8s-rules.md: `Backdate` 5 minutes).
const BACKDATE: i64 = 300;
/// kube-controller-manager's default `--cluster-signing-duration` (365 × 24 h).
pub const CLUSTER_SIGNING_DURATION: i64 = 365 * 24 * 3600;
/// The shortest certificate the signer issues (10 minutes).
const MIN_DURATION: i64 = 600;
/// The practice CA lives ten years, like kubeadm's.
const CA_LIFETIME: i64 = 10 * 365 * 24 * 3600;
/// The API server a lab kubeconfig names (nothing listens there: it is an example).
pub const SERVER: &str = "https://127.0.0.1:6443";

const OID_KEY_USAGE: &[u64] = &[2, 5, 29, 15];
const OID_EXT_KEY_USAGE: &[u64] = &[2, 5, 29, 37];
const OID_BASIC_CONSTRAINTS: &[u64] = &[2, 5, 29, 19];
const OID_SUBJECT_KEY_ID: &[u64] = &[2, 5, 29, 14];
const OID_AUTHORITY_KEY_ID: &[u64] = &[2, 5, 29, 35];
const OID_CLIENT_AUTH: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 3, 2];
const OID_SERVER_AUTH: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 3, 1];

/// What the engine needs to make the two certificates the page signs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToIssue {
    pub draft: Draft,
    /// The request made (`Made::csr_pem`).
    pub csr_pem: String,
    /// The practice CA's public key (SubjectPublicKeyInfo, ECDSA P-256).
    pub ca_spki: Vec<u8>,
    /// Unix seconds: when the certificates are issued.
    pub now: i64,
}

/// The two TBSCertificates for the page to sign with the practice CA's key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Tbs {
    /// The practice CA's own certificate (self-signed).
    pub ca: Vec<u8>,
    /// The learner's certificate, as the signer issues it.
    pub leaf: Vec<u8>,
}

/// The signatures, and what the walk needs to play its steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Signed {
    pub draft: Draft,
    pub csr_pem: String,
    pub object_yaml: String,
    pub tbs: Tbs,
    /// WebCrypto's ECDSA signatures (r‖s) of `tbs.ca` and `tbs.leaf`.
    pub ca_signature: Vec<u8>,
    pub leaf_signature: Vec<u8>,
    pub now: i64,
    /// The release judged for ("1.34"); the newest when empty.
    pub kubernetes: String,
}

/// The walk-through, step by step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Walk {
    pub steps: Vec<WalkStep>,
}

/// Where the walk stands after a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum StepState {
    /// It works: go on.
    #[default]
    Done,
    /// Kubernetes (or a careful reviewer) stops the walk here: the outcome says why.
    Stops,
    /// Not reached, because an earlier step stopped.
    NotReached,
}

/// One step: what to run, why, the file it makes, and what Kubernetes makes of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct WalkStep {
    pub title: String,
    /// One sentence: why this step exists.
    pub why: String,
    pub commands: Vec<String>,
    /// The artefact's file name (`amy.crt`) and text; `None` when the step makes no file.
    pub artefact: Option<(String, String)>,
    /// What the engine says of the artefact, in a sentence or two.
    pub outcome: String,
    pub state: StepState,
}

fn encode_time(unix: i64) -> Result<Vec<u8>, String> {
    let t = time::OffsetDateTime::from_unix_timestamp(unix).map_err(|_| format!("{unix} is not a time a certificate can hold"))?;
    let year = t.year();
    let dt = |y: u32| {
        asn1_rs::ASN1DateTime::new(
            y,
            t.month() as u8,
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            None,
            asn1_rs::ASN1TimeZone::Z,
        )
    };
    // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
    if (1950..2050).contains(&year) {
        der(&UtcTime::new(dt(year as u32 % 100)))
    } else if (0..=9999).contains(&year) {
        der(&GeneralizedTime::new(dt(year as u32)))
    } else {
        Err(format!("{unix} is not a time a certificate can hold"))
    }
}

/// A context-specific tag `n` around already encoded content.
fn tagged(n: u32, constructed: bool, content: &[u8]) -> Result<Vec<u8>, String> {
    der(&Any::new(
        Header::new(Class::ContextSpecific, constructed, Tag(n), Length::Definite(content.len())),
        content,
    ))
}

fn extension(arcs: &[u64], critical: bool, value: &[u8]) -> Result<Vec<u8>, String> {
    let mut parts = vec![oid(arcs)?];
    if critical {
        parts.push(der(&Boolean::TRUE)?);
    }
    parts.push(der(&OctetString::new(value))?);
    sequence(&parts)
}

/// KeyUsage's BIT STRING as Go writes it: the named bits, trailing zero bits not sent.
fn key_usage(bits: &[u8]) -> Result<Vec<u8>, String> {
    let mut byte = 0u8;
    for b in bits {
        byte |= 0x80 >> b;
    }
    let unused = byte.trailing_zeros() as u8;
    der(&BitString::new(unused, &[byte]))
}

/// A name of one CN.
fn name(cn: &str) -> Result<Vec<u8>, String> {
    sequence(&[set_of_one(sequence(&[oid(OID_CN)?, der(&asn1_rs::Utf8String::new(cn))?])?)?])
}

/// The key identifier Go computes: SHA-1 of the public key's bits.
fn key_id(spki: &[u8]) -> Result<Vec<u8>, String> {
    use x509_parser::prelude::FromDer;
    let (_, info) = x509_parser::x509::SubjectPublicKeyInfo::from_der(spki)
        .map_err(|e| format!("the practice CA's public key could not be read ({e})"))?;
    Ok(
        ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, &info.subject_public_key.data)
            .as_ref()
            .to_vec(),
    )
}

/// A positive 128-bit serial, from the request and the time (the signer's is random; this one
/// makes the same input give the same certificate).
fn serial(seed: &[u8], now: i64) -> Result<Vec<u8>, String> {
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    ctx.update(seed);
    ctx.update(&now.to_be_bytes());
    let mut s = [0u8; 16];
    s.copy_from_slice(&ctx.finish().as_ref()[..16]);
    s[0] = (s[0] & 0x7f) | 0x40;
    der(&Integer::from_const_array(s))
}

/// How long the signer makes the certificate live: the requested duration, at least 10 minutes,
/// at most `--cluster-signing-duration` (its default when absent).
pub fn issued_duration(expiration_seconds: Option<u64>) -> i64 {
    match expiration_seconds {
        None => CLUSTER_SIGNING_DURATION,
        Some(s) => (s.min(i64::MAX as u64) as i64).clamp(MIN_DURATION, CLUSTER_SIGNING_DURATION),
    }
}

/// The TBSCertificates of the practice CA and of the learner's certificate.
pub fn to_sign(i: &ToIssue) -> Result<Tbs, String> {
    use x509_parser::prelude::FromDer;
    let der_csr = crate::engine::read::sniff::pem_blocks(&i.csr_pem)
        .0
        .into_iter()
        .find_map(|b| b.der.ok())
        .ok_or("the request made is not PEM")?;
    let (_, csr) = x509_parser::certification_request::X509CertificationRequest::from_der(&der_csr)
        .map_err(|e| format!("the request made could not be read ({e})"))?;
    let info = &csr.certification_request_info;
    let algorithm = sequence(&[oid(OID_ECDSA_SHA256)?])?;
    let ca_name = name(CA_NAME)?;
    let ca_key_id = key_id(&i.ca_spki)?;
    let not_before = i.now - BACKDATE;
    let ca_not_after = not_before + CA_LIFETIME;
    let version = tagged(0, true, &der(&2u32)?)?;

    // The practice CA, as kubeadm makes a cluster CA: CA:TRUE, keyCertSign, a key identifier.
    let ca_extensions = sequence(&[
        extension(OID_KEY_USAGE, true, &key_usage(&[0, 2, 5])?)?,
        extension(OID_BASIC_CONSTRAINTS, true, &sequence(&[der(&Boolean::TRUE)?])?)?,
        extension(OID_SUBJECT_KEY_ID, false, &der(&OctetString::new(&ca_key_id))?)?,
    ])?;
    let ca = sequence(&[
        version.clone(),
        serial(&i.ca_spki, i.now)?,
        algorithm.clone(),
        ca_name.clone(),
        sequence(&[encode_time(not_before)?, encode_time(ca_not_after)?])?,
        ca_name.clone(),
        i.ca_spki.clone(),
        tagged(3, true, &ca_extensions)?,
    ])?;

    // The learner's certificate: subject and key from the request, the rest from the policy.
    let not_after = (not_before + issued_duration(i.draft.expiration_seconds)).min(ca_not_after);
    let usages = i.draft.usages();
    let mut bits = Vec::new();
    if usages.contains(&"digital signature") {
        bits.push(0);
    }
    if usages.contains(&"key encipherment") {
        bits.push(2);
    }
    let mut ekus = Vec::new();
    if usages.contains(&"client auth") {
        ekus.push(oid(OID_CLIENT_AUTH)?);
    }
    if usages.contains(&"server auth") {
        ekus.push(oid(OID_SERVER_AUTH)?);
    }
    let mut extensions = Vec::new();
    if !bits.is_empty() {
        extensions.push(extension(OID_KEY_USAGE, true, &key_usage(&bits)?)?);
    }
    if !ekus.is_empty() {
        extensions.push(extension(OID_EXT_KEY_USAGE, false, &sequence(&ekus)?)?);
    }
    extensions.push(extension(OID_BASIC_CONSTRAINTS, true, &sequence(&[])?)?);
    extensions.push(extension(
        OID_AUTHORITY_KEY_ID,
        false,
        &sequence(&[tagged(0, false, &ca_key_id)?])?,
    )?);
    let leaf = sequence(&[
        version,
        serial(&der_csr, i.now)?,
        algorithm,
        ca_name,
        sequence(&[encode_time(not_before)?, encode_time(not_after)?])?,
        info.subject.as_raw().to_vec(),
        info.subject_pki.raw.to_vec(),
        tagged(3, true, &sequence(&extensions)?)?,
    ])?;
    Ok(Tbs { ca, leaf })
}

/// A certificate: the TBSCertificate and the practice CA's signature of it.
fn certificate(tbs: &[u8], signature: &[u8]) -> Result<Vec<u8>, String> {
    let sig = signature_der(KeyType::EcdsaP256, signature)?;
    sequence(&[tbs.to_vec(), sequence(&[oid(OID_ECDSA_SHA256)?])?, der(&BitString::new(0, &sig))?])
}

fn b64(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(text.as_bytes())
}

/// The kubeconfig `kubectl config set-credentials … --embed-certs` and `set-context` make: the
/// certificate embedded, the key named by its file (it stays on the learner's machine).
pub fn kubeconfig(user: &str, stem: &str, ca_pem: &str, cert_pem: &str) -> String {
    let u = yaml_string(user);
    let ctx = yaml_string(&format!("{user}@lab"));
    format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: lab\n  cluster:\n    server: {SERVER}\n    certificate-authority-data: {}\nusers:\n- name: {u}\n  user:\n    client-certificate-data: {}\n    client-key: {}\ncontexts:\n- name: {ctx}\n  context:\n    cluster: lab\n    user: {u}\n    namespace: default\ncurrent-context: {ctx}\n",
        b64(ca_pem),
        b64(cert_pem),
        yaml_string(&format!("{stem}.key")),
    )
}

/// What `kubectl create rolebinding NAME --clusterrole=view --user=USER -n default
/// --dry-run=client -o yaml` prints (without its null creationTimestamp).
pub fn rolebinding(name: &str, user: &str) -> String {
    format!(
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: {}\n  namespace: default\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n- apiGroup: rbac.authorization.k8s.io\n  kind: User\n  name: {}\n",
        yaml_string(name),
        yaml_string(user)
    )
}

/// The questions the last step asks, as `kubectl auth can-i` takes them.
const QUESTIONS: [(&str, &str, &str); 4] = [
    ("list", "pods", "default"),
    ("get", "secrets", "default"),
    ("delete", "pods", "default"),
    ("list", "pods", "kube-system"),
];

fn ask(a: &Analysis, verb: &str, target: &str, ns: &str) -> Result<can_i::Answer, String> {
    can_i::can_i(
        a,
        &Query {
            verb: verb.into(),
            target: target.into(),
            namespace: Some(ns.into()),
            ..Query::default()
        },
    )
}

/// "user amy, groups developers and system:authenticated".
fn who(o: &Object) -> String {
    let user = o.username.clone().unwrap_or_default();
    let mut groups = o.groups.clone();
    if !groups.iter().any(|g| g == "system:authenticated") {
        groups.push("system:authenticated".into());
    }
    format!("user {user}, groups {}", groups.join(", "))
}

/// Plays the walk: wraps the signatures, reads every artefact back with the engine, and stops
/// where Kubernetes would.
pub fn walk(s: &Signed) -> Result<Walk, String> {
    let d = &s.draft;
    let target = Release::parse(&s.kubernetes).map(Target::for_release).unwrap_or_default();
    let analyse = |name: &str, text: &str| {
        analyse_as(
            &[Input {
                name,
                bytes: text.as_bytes(),
            }],
            s.now,
            target,
        )
    };
    let stem = d.object_name();
    let user = d.username.trim().to_string();
    let name = shell_word(&stem);
    let ca_pem = pem("CERTIFICATE", &certificate(&s.tbs.ca, &s.ca_signature)?);
    let cert_pem = pem("CERTIFICATE", &certificate(&s.tbs.leaf, &s.leaf_signature)?);
    let mut steps = Vec::new();

    // The object, read once: it carries the request (step 1) and the reviewer's verdict (step 2).
    let object = analyse(&format!("{stem}-csr.yaml"), &s.object_yaml);

    // 1. The request.
    let req = object.report.objects.iter().find(|o| o.request.is_some());
    let subject = req
        .and_then(|o| o.request.as_ref())
        .map(|r| r.subject_text.clone())
        .unwrap_or_default();
    steps.push(WalkStep {
        title: "Make the request".into(),
        why: "The request carries who you want to be (the subject) and your public key, signed with your private key to prove you hold it."
            .into(),
        commands: vec![format!(
            "openssl req -new -key {} -subj … -out {}",
            shell_word(&format!("{stem}.key")),
            shell_word(&format!("{stem}.csr"))
        )],
        artefact: Some((format!("{stem}.csr"), s.csr_pem.clone())),
        outcome: match req {
            Some(o) if o.username.is_some() => format!("Subject {subject}: Kubernetes will read {}.", who(o)),
            _ => format!(
                "Subject {}: there is no CN, so there will be no username.",
                if subject.is_empty() { "(empty)" } else { &subject }
            ),
        },
        state: StepState::Done,
    });

    // 2. The object: the API server's own checks, then a reviewer's.
    let obj = object.report.objects.iter().find(|o| o.csr_object.is_some());
    let masters = d.subject_groups().iter().any(|g| g == "system:masters") && d.signer == KUBE_APISERVER_CLIENT;
    let too_short = d.expiration_seconds.is_some_and(|e| e < MIN_DURATION as u64);
    let verdict = obj.and_then(|o| o.verdict.as_ref());
    let (outcome, state) = if masters {
        (
            "The API server refuses to create it: \"use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed\" (the CertificateSubjectRestriction admission plugin, on by default). system:masters passes every authorization check and cannot be revoked, so Kubernetes will not even queue this request.".to_string(),
            StepState::Stops,
        )
    } else if too_short {
        (
            "The API server refuses to create it: spec.expirationSeconds \"may not specify a duration less than 600 seconds (10 minutes)\".".to_string(),
            StepState::Stops,
        )
    } else {
        match verdict {
            Some(v) if v.level == VerdictLevel::DoNotApprove => (
                format!(
                    "Created and Pending, but a careful reviewer stops here. {}: {}",
                    v.label, v.headline
                ),
                StepState::Stops,
            ),
            Some(v) => (
                format!("Created, Pending. A reviewer reads: {}: {}", v.label, v.headline),
                StepState::Done,
            ),
            None => ("Created, Pending.".to_string(), StepState::Done),
        }
    };
    steps.push(WalkStep {
        title: "Create the CertificateSigningRequest".into(),
        why: "Kubernetes signs nothing you did not ask for through its API: the object puts your request in the queue, under a name that is not your username.".into(),
        commands: vec![format!("kubectl apply -f {}", shell_word(&format!("{stem}-csr.yaml"))), format!("kubectl get csr {name}")],
        artefact: Some((format!("{stem}-csr.yaml"), s.object_yaml.clone())),
        outcome,
        state,
    });

    // 3. Approval, and the signer's certificate.
    let issued = analyse(&format!("{stem}.crt"), &format!("{cert_pem}{ca_pem}"));
    let cert = issued
        .report
        .objects
        .iter()
        .find(|o| o.certificate.as_ref().is_some_and(|c| !c.extensions.is_ca()));
    let duration = issued_duration(d.expiration_seconds);
    let lifetime = match d.expiration_seconds {
        None => format!("no expirationSeconds, so the signer's own limit: {}", human_duration(duration)),
        Some(e) if e as i64 != duration => format!(
            "{} asked, {} given",
            human_duration(e.min(i64::MAX as u64) as i64),
            human_duration(duration)
        ),
        Some(_) => human_duration(duration),
    };
    let (outcome, state) = if d.signer != KUBE_APISERVER_CLIENT {
        (
            format!(
                "This walk-through follows the docs' normal user, whose signer is {KUBE_APISERVER_CLIENT}. A kubelet's signers ({}) serve the kubelet's own bootstrap and rotation, not a person's kubeconfig: pick {KUBE_APISERVER_CLIENT} above to walk on.",
                d.signer
            ),
            StepState::Stops,
        )
    } else {
        let valid = cert
            .map(|c| {
                format!(
                    "valid from {} to {}",
                    c.not_before.clone().unwrap_or_default(),
                    c.not_after.clone().unwrap_or_default()
                )
            })
            .unwrap_or_default();
        (
            format!("Issued by {CA_NAME} (a practice CA made in this page, standing in for the cluster's): the subject and key copied from the request, {valid} ({lifetime}, backdated 5 minutes for clocks that lag)."),
            StepState::Done,
        )
    };
    steps.push(WalkStep {
        title: "Approve it; the signer issues the certificate".into(),
        why: "Approval is the moment of trust: the signer copies your subject into a certificate the API server will believe, for as long as it lives, and it cannot be revoked.".into(),
        commands: vec![
            format!("kubectl certificate approve {name}"),
            format!("kubectl get csr {name} -o jsonpath='{{.status.certificate}}' | base64 -d > {}", shell_word(&format!("{stem}.crt"))),
        ],
        artefact: Some((format!("{stem}.crt"), cert_pem.clone())),
        outcome,
        state,
    });

    // 4. The kubeconfig.
    let config = kubeconfig(&user, &stem, &ca_pem, &cert_pem);
    let config_analysis = analyse("config", &config);
    let client = config_analysis
        .report
        .objects
        .iter()
        .find(|o| o.certificate.as_ref().is_some_and(|c| !c.extensions.is_ca()) && o.username.is_some());
    let (outcome, state) = match client {
        Some(o) => (format!("kubectl will present the certificate; the API server will read {}.", who(o)), StepState::Done),
        None => (
            "The certificate has no CN, so the API server does not take it as anyone: kubectl's requests are anonymous and get 401 Unauthorized (or run as system:anonymous where anonymous access is on). Give a username above.".to_string(),
            StepState::Stops,
        ),
    };
    let user_word = shell_word(&user);
    steps.push(WalkStep {
        title: "Put it in a kubeconfig".into(),
        why: "kubectl proves who you are by presenting the certificate and signing with the key: the kubeconfig names both, and the cluster's CA to trust the server.".into(),
        commands: vec![
            format!("kubectl config set-credentials {user_word} --client-key={} --client-certificate={} --embed-certs=true", shell_word(&format!("{stem}.key")), shell_word(&format!("{stem}.crt"))),
            format!("kubectl config set-context {} --cluster=lab --user={user_word} --namespace=default", shell_word(&format!("{user}@lab"))),
        ],
        artefact: Some(("config".into(), config.clone())),
        outcome,
        state,
    });

    // 5. The binding: before it, almost nothing.
    let binding_name = format!("{stem}-view");
    let binding = rolebinding(&binding_name, &user);
    let before = ask(&config_analysis, "list", "pods", "default");
    steps.push(WalkStep {
        title: "Bind a role".into(),
        why: "A certificate says who you are, not what you may do: until a binding names your user or one of your groups, RBAC allows next to nothing.".into(),
        commands: vec![format!("kubectl create rolebinding {} --clusterrole=view --user={user_word} --namespace=default", shell_word(&binding_name))],
        artefact: Some((format!("{binding_name}.yaml"), binding.clone())),
        outcome: match &before {
            Ok(a) if a.decision.allowed => format!("Already before this binding, {user} may list pods in default: {}", a.decision.reason),
            Ok(a) => format!("Before this binding, kubectl auth can-i list pods -n default says no: {} The binding grants the view ClusterRole in namespace default only.", a.decision.reason),
            Err(e) => e.clone(),
        },
        state: StepState::Done,
    });

    // 6. can-i, answered from the binding and Kubernetes' default policy.
    let bound = analyse_as(
        &[
            Input {
                name: "config",
                bytes: config.as_bytes(),
            },
            Input {
                name: &format!("{binding_name}.yaml"),
                bytes: binding.as_bytes(),
            },
        ],
        s.now,
        target,
    );
    let mut transcript = String::new();
    let mut first = None;
    for (verb, what, ns) in QUESTIONS {
        let a = ask(&bound, verb, what, ns)?;
        transcript.push_str(&format!(
            "$ kubectl auth can-i {verb} {what} --namespace={ns} --context={user}@lab\n{}\n",
            a.answer
        ));
        first.get_or_insert(a);
    }
    steps.push(WalkStep {
        title: "Ask what you may do".into(),
        why: "kubectl auth can-i asks the API server's authorizer the question your next command would, without doing it.".into(),
        commands: QUESTIONS.iter().map(|(v, w, n)| format!("kubectl auth can-i {v} {w} --namespace={n} --context={}", shell_word(&format!("{user}@lab")))).collect(),
        artefact: Some(("can-i.txt".into(), transcript)),
        outcome: match first {
            Some(a) if a.decision.allowed => format!(
                "Yes to reading pods in default: {} view excludes Secrets and every write, and a RoleBinding reaches no other namespace. (Answered offline from this binding and Kubernetes' default roles.)",
                a.decision.reason
            ),
            Some(a) => format!("No: {}", a.decision.reason),
            None => String::new(),
        },
        state: StepState::Done,
    });

    // After a stop, the later steps are shown as not reached.
    if let Some(i) = steps.iter().position(|s| s.state == StepState::Stops) {
        for s in &mut steps[i + 1..] {
            s.state = StepState::NotReached;
        }
    }
    Ok(Walk { steps })
}

#[cfg(test)]
mod tests {
    use super::super::tests::browser_key;
    use super::super::{finish, request_info};
    use super::*;
    use crate::engine::facts::x509::{self, SignatureCheck};

    /// 2026-12-05T00:00:00Z.
    const NOW: i64 = 1_796_428_800;

    /// The walk for `d`, signed as the page signs: the learner's key, then the practice CA's.
    fn play(d: &Draft) -> (Walk, Signed) {
        let (spki, sign) = browser_key();
        let info = request_info(d, &spki).unwrap();
        let made = finish(d, &info, &sign(&info)).unwrap();
        let (ca_spki, ca_sign) = browser_key();
        let tbs = to_sign(&ToIssue {
            draft: d.clone(),
            csr_pem: made.csr_pem.clone(),
            ca_spki,
            now: NOW,
        })
        .unwrap();
        let signed = Signed {
            draft: d.clone(),
            csr_pem: made.csr_pem,
            object_yaml: made.object_yaml,
            ca_signature: ca_sign(&tbs.ca),
            leaf_signature: ca_sign(&tbs.leaf),
            tbs,
            now: NOW,
            kubernetes: String::new(),
        };
        (walk(&signed).unwrap(), signed)
    }

    fn states(w: &Walk) -> Vec<StepState> {
        w.steps.iter().map(|s| s.state).collect()
    }

    #[test]
    fn the_docs_walk_ends_with_can_i_answers_from_the_binding() {
        let (w, _) = play(&Draft::default());
        assert_eq!(states(&w), [StepState::Done; 6], "{w:#?}");
        assert!(
            w.steps[0].outcome.contains("user amy, groups developers, system:authenticated"),
            "{}",
            w.steps[0].outcome
        );
        let cert = &w.steps[2].artefact.as_ref().unwrap().1;
        let der = crate::engine::read::sniff::pem_blocks(cert).0.remove(0).der.unwrap();
        let c = x509::parse_certificate(&der, NOW).unwrap();
        // The signer's policy: backdated 5 minutes, the day asked for, client auth only, not a CA.
        assert_eq!(c.validity.not_before, "2026-12-04T23:55:00Z");
        assert_eq!(c.validity.not_after, "2026-12-05T23:55:00Z");
        assert_eq!(c.extensions.extended_key_usage, ["client auth"]);
        assert!(c.extensions.key_usage.is_empty() && !c.extensions.is_ca());
        assert!(w.steps[3].outcome.contains("user amy"), "{}", w.steps[3].outcome);
        assert!(
            w.steps[4]
                .outcome
                .starts_with("Before this binding, kubectl auth can-i list pods -n default says no"),
            "{}",
            w.steps[4].outcome
        );
        assert_eq!(
            w.steps[5].artefact.as_ref().unwrap().1,
            "$ kubectl auth can-i list pods --namespace=default --context=amy@lab\nyes\n\
             $ kubectl auth can-i get secrets --namespace=default --context=amy@lab\nno\n\
             $ kubectl auth can-i delete pods --namespace=default --context=amy@lab\nno\n\
             $ kubectl auth can-i list pods --namespace=kube-system --context=amy@lab\nno\n"
        );
        assert!(
            w.steps[5].outcome.contains("RoleBinding default/amy-view"),
            "{}",
            w.steps[5].outcome
        );
    }

    #[test]
    fn the_issued_certificate_chains_to_the_practice_ca() {
        let (w, _) = play(&Draft::default());
        if let Ok(dir) = std::env::var("KCI_WALK_DUMP") {
            for s in &w.steps {
                if let Some((name, text)) = &s.artefact {
                    std::fs::write(format!("{dir}/{name}"), text).unwrap();
                }
            }
        }
        let config = &w.steps[3].artefact.as_ref().unwrap().1;
        let a = crate::engine::inspect(config.as_bytes(), NOW);
        let leaf = a.objects.iter().find(|o| o.username.as_deref() == Some("amy")).expect("amy");
        let ca = a
            .objects
            .iter()
            .find(|o| o.certificate.as_ref().is_some_and(|c| c.extensions.is_ca()))
            .expect("the CA");
        assert_eq!(leaf.issued_by, Some(ca.id), "{:#?}", a.objects);
        assert_eq!(leaf.certificate.as_ref().unwrap().issuer_text, format!("CN={CA_NAME}"));
        // The signature checks inside the engine agree: the leaf's signature verifies with the CA's key.
        assert!(leaf.chain_problem.is_none(), "{:?}", leaf.chain_problem);
        let _ = SignatureCheck::Valid;
    }

    #[test]
    fn kubernetes_stops_the_walk_where_it_would() {
        let masters = Draft {
            groups: vec!["system:masters".into()],
            ..Draft::default()
        };
        let (w, _) = play(&masters);
        assert_eq!(&states(&w)[..3], [StepState::Done, StepState::Stops, StepState::NotReached]);
        assert!(w.steps[1].outcome.contains("system:masters group is not allowed"));
        let short = Draft {
            expiration_seconds: Some(300),
            ..Draft::default()
        };
        assert!(play(&short).0.steps[1].outcome.contains("less than 600 seconds"));
        let no_cn = Draft {
            username: String::new(),
            ..Draft::default()
        };
        let (w, _) = play(&no_cn);
        assert_eq!(w.steps[3].state, StepState::Stops, "{w:#?}");
        assert!(w.steps[3].outcome.contains("401 Unauthorized"));
        let kubelet = Draft {
            signer: crate::engine::rules::KUBELET_SERVING.into(),
            ..Draft::default()
        };
        // No DNS or IP name: the reviewer's verdict stops it before the signer would refuse it.
        let (w, _) = play(&kubelet);
        assert!(w.steps[..3].iter().any(|s| s.state == StepState::Stops), "{w:#?}");
        assert_eq!(w.steps[5].state, StepState::NotReached);
    }

    #[test]
    fn lifetimes_follow_the_signing_policy() {
        assert_eq!(issued_duration(None), CLUSTER_SIGNING_DURATION);
        assert_eq!(issued_duration(Some(60)), 600);
        assert_eq!(issued_duration(Some(3600)), 3600);
        assert_eq!(issued_duration(Some(u64::MAX)), CLUSTER_SIGNING_DURATION);
        // After 2049 the times are GeneralizedTime (RFC 5280).
        assert_eq!(encode_time(2_524_608_000).unwrap()[0], 0x18);
        assert_eq!(encode_time(NOW).unwrap()[0], 0x17);
    }
}
