//! Certificate and CSR facts, owned and serialisable, read with x509-parser.
//!
//! Signatures are checked with `ring` directly rather than x509-parser's `verify` feature,
//! because that feature refuses RSA keys below 2048 bits for SHA-256: a 1024-bit CSR would
//! wrongly look forged. Go (what kube-apiserver uses) accepts such signatures, so we must too.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use x509_parser::certificate::X509Certificate;
use x509_parser::certification_request::X509CertificationRequest;
use x509_parser::cri_attributes::ParsedCriAttribute;
use x509_parser::der_parser::asn1_rs::Tag;
use x509_parser::extensions::{GeneralName, ParsedExtension, X509Extension};
use x509_parser::prelude::FromDer;
use x509_parser::public_key::PublicKey;
use x509_parser::x509::{AlgorithmIdentifier, SubjectPublicKeyInfo, X509Name};

use super::go_parse;
use crate::engine::util::{hex, hex_colon, human_duration, rfc3339};

/// The Go release whose `crypto/x509` judges the input (its minor version: 26 is Go 1.26), for
/// what changed between releases. `kubectl version -o json` prints the API server's own
/// (`serverVersion.goVersion`). Measured with scripts/differential.sh against each release:
/// Go 1.24 reads a T61String as raw bytes, 1.25 on as Latin-1; up to 1.26 a subject value of no
/// string type makes `ParseCertificate` fail, 1.27 skips it. Negative serial numbers are refused
/// by every release here (1.23 on, as Kubernetes keeps the default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoRelease(pub u32);

impl GoRelease {
    /// The release judged when none is given: what the engine was checked against first.
    pub const DEFAULT: GoRelease = GoRelease(26);
    /// The releases the differential harness covers.
    pub const KNOWN: std::ops::RangeInclusive<u32> = 23..=27;

    /// "1.24", "go1.24.11" or "24"; `None` outside the known releases.
    pub fn parse(s: &str) -> Option<GoRelease> {
        let s = s.trim().trim_start_matches("go");
        let minor = match s.split('.').collect::<Vec<_>>().as_slice() {
            ["1", m, ..] => m.parse().ok()?,
            [m] => m.parse().ok()?,
            _ => return None,
        };
        Self::KNOWN.contains(&minor).then_some(GoRelease(minor))
    }
    pub fn name(self) -> String {
        format!("Go 1.{}", self.0)
    }
    fn t61_as_latin1(self) -> bool {
        self.0 >= 25
    }
    fn skips_non_strings(self) -> bool {
        self.0 >= 27
    }
}

/// OID of the subject attribute Kubernetes reads as the user's UID (1.34+).
pub const OID_K8S_UID: &str = "1.3.6.1.4.1.57683.2";

/// One attribute of a subject or issuer name, in encoding order.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct NameAttr {
    pub oid: String,
    /// Short name where one is known ("CN", "O", "OU"); otherwise the OID.
    pub short: String,
    pub value: String,
    /// Index of the RDN (SET) this attribute sits in; two attributes share an index in a
    /// multi-valued RDN such as `CN=a+O=b`.
    pub rdn: usize,
    /// What Kubernetes makes of it: `username`, `group`, `uid`, `ignored_cn` (an earlier CN,
    /// overridden by the last one), or `ignored`. Filled in by the identity module.
    pub meaning: String,
    /// The value is not an ASN.1 string type (shown as `#` + hex of its DER). Go's certificate
    /// parser refuses such a name; its CSR parser keeps the attribute with no value.
    #[serde(default)]
    pub not_a_string: bool,
    /// Why Go's parser refuses this value, when it does: "unsupported string type: N" (with
    /// `not_a_string`), or a string whose characters its type does not allow ("invalid
    /// PrintableString", "invalid UTF-8 string", …; the value is then shown as text). Go then
    /// cannot parse the certificate or CSR at all (rule identity-name-unparseable). Always
    /// written (`null` when Go reads the value): the page's binary report format has no field names.
    #[serde(default)]
    pub go_error: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct PublicKeyFacts {
    /// "RSA", "EC", "Ed25519", "Ed448", "DSA", "ML-DSA-65", or the OID.
    pub algorithm: String,
    pub bits: Option<u32>,
    /// Named curve for EC keys ("P-256"), or the OID when unknown.
    pub curve: Option<String>,
    /// "RSA 2048-bit", "EC P-256".
    pub summary: String,
    /// Hex SHA-256 of the normalised public key; equal values mean the same key pair.
    pub key_id: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct SignatureAlgorithm {
    pub oid: String,
    /// "sha256WithRSAEncryption", "ecdsa-with-SHA384", "Ed25519".
    pub name: String,
    /// The digest, when the algorithm names one ("SHA-256", "SHA-1", "MD5").
    pub hash: Option<String>,
}

/// Whether a signature verified. In JSON `{"status": "valid"}` or `{"status": "unchecked",
/// "reason": "…"}`; in compact binary formats (the page's worker transport) a number and the
/// optional reason (serde's tagged form needs a self-describing format to be read back).
#[derive(Clone, Debug, PartialEq, Default)]
pub enum SignatureCheck {
    #[default]
    Valid,
    Invalid,
    /// Could not be checked here (algorithm not supported by this tool); the reason says which.
    Unchecked(String),
    /// Kubernetes' Go refuses to check it at all; the reason is Go's error.
    Refused(String),
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum SignatureStatus {
    Valid,
    Invalid,
    Unchecked,
    Refused,
}

#[derive(Serialize, Deserialize)]
struct SignatureCheckJson {
    status: SignatureStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

impl SignatureCheck {
    fn parts(&self) -> (SignatureStatus, Option<&String>) {
        match self {
            SignatureCheck::Valid => (SignatureStatus::Valid, None),
            SignatureCheck::Invalid => (SignatureStatus::Invalid, None),
            SignatureCheck::Unchecked(r) => (SignatureStatus::Unchecked, Some(r)),
            SignatureCheck::Refused(r) => (SignatureStatus::Refused, Some(r)),
        }
    }

    fn from_parts(status: SignatureStatus, reason: Option<String>) -> SignatureCheck {
        match status {
            SignatureStatus::Valid => SignatureCheck::Valid,
            SignatureStatus::Invalid => SignatureCheck::Invalid,
            SignatureStatus::Unchecked => SignatureCheck::Unchecked(reason.unwrap_or_default()),
            SignatureStatus::Refused => SignatureCheck::Refused(reason.unwrap_or_default()),
        }
    }
}

impl Serialize for SignatureCheck {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (status, reason) = self.parts();
        if s.is_human_readable() {
            SignatureCheckJson {
                status,
                reason: reason.cloned(),
            }
            .serialize(s)
        } else {
            (status, reason).serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for SignatureCheck {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (status, reason) = if d.is_human_readable() {
            let j = SignatureCheckJson::deserialize(d)?;
            (j.status, j.reason)
        } else {
            <(SignatureStatus, Option<String>)>::deserialize(d)?
        };
        Ok(SignatureCheck::from_parts(status, reason))
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Sans {
    pub dns: Vec<String>,
    pub ip: Vec<String>,
    pub email: Vec<String>,
    pub uri: Vec<String>,
    pub other: Vec<String>,
}

impl Sans {
    pub fn is_empty(&self) -> bool {
        self.dns.is_empty() && self.ip.is_empty() && self.email.is_empty() && self.uri.is_empty() && self.other.is_empty()
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct BasicConstraints {
    pub ca: bool,
    pub path_len: Option<u32>,
    pub critical: bool,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ExtensionSummary {
    pub oid: String,
    pub name: String,
    pub critical: bool,
}

/// The extensions both certificates and CSRs carry, read by one function.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct ExtensionFacts {
    pub sans: Sans,
    /// Key usage names as Kubernetes spells its usages ("digital signature", "cert sign").
    pub key_usage: Vec<String>,
    /// Extended key usages ("client auth", "server auth", or the OID); empty when absent.
    pub extended_key_usage: Vec<String>,
    pub has_extended_key_usage: bool,
    pub basic_constraints: Option<BasicConstraints>,
    pub subject_key_id: Option<String>,
    pub authority_key_id: Option<String>,
    pub list: Vec<ExtensionSummary>,
}

impl ExtensionFacts {
    pub fn is_ca(&self) -> bool {
        self.basic_constraints.as_ref().is_some_and(|b| b.ca)
    }
    pub fn can_sign_certificates(&self) -> bool {
        self.key_usage.iter().any(|u| u == "cert sign")
    }
    /// Would Go's verifier accept this for TLS client authentication? No EKU extension, or one
    /// that lists nothing, means any (Go: no ExtKeyUsage and no UnknownExtKeyUsage).
    pub fn allows_client_auth(&self) -> bool {
        self.eku_unrestricted() || self.extended_key_usage.iter().any(|u| u == "client auth" || u == "any")
    }
    pub fn allows_server_auth(&self) -> bool {
        self.eku_unrestricted() || self.extended_key_usage.iter().any(|u| u == "server auth" || u == "any")
    }
    /// No extended key usage restricts it: none present, or present and empty.
    pub fn eku_unrestricted(&self) -> bool {
        !self.has_extended_key_usage || self.extended_key_usage.is_empty()
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Validity {
    pub not_before: String,
    pub not_after: String,
    pub not_before_unix: i64,
    pub not_after_unix: i64,
    pub lifetime_seconds: i64,
    pub lifetime: String,
    /// `valid`, `expired` or `not_yet_valid` at the report's "now".
    pub status: String,
    /// Seconds until notAfter (negative once expired).
    pub seconds_left: i64,
    /// "expires in 29 days 3 h", "expired 2 days ago", "valid from 3 h from now".
    pub relative: String,
}

impl Validity {
    pub fn new(nb: i64, na: i64, now: i64) -> Self {
        let status = if now < nb {
            "not_yet_valid"
        } else if now > na {
            "expired"
        } else {
            "valid"
        };
        let relative = match status {
            "not_yet_valid" => format!("not valid until {} from now", human_duration(nb.saturating_sub(now))),
            "expired" => format!("expired {} ago", human_duration(now.saturating_sub(na))),
            _ => format!("expires in {}", human_duration(na.saturating_sub(now))),
        };
        Validity {
            not_before: rfc3339(nb),
            not_after: rfc3339(na),
            not_before_unix: nb,
            not_after_unix: na,
            lifetime_seconds: na - nb,
            lifetime: human_duration(na - nb),
            status: status.to_string(),
            seconds_left: na.saturating_sub(now),
            relative,
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct CertFacts {
    pub version: u32,
    pub subject: Vec<NameAttr>,
    pub subject_text: String,
    pub issuer: Vec<NameAttr>,
    pub issuer_text: String,
    /// Subject equals issuer (a root or a self-signed certificate). Its self-signature is not
    /// checked: Go (and so Kubernetes) never checks a trust anchor's own signature either.
    pub self_issued: bool,
    pub serial: String,
    pub validity: Validity,
    pub public_key: PublicKeyFacts,
    pub signature_algorithm: SignatureAlgorithm,
    pub extensions: ExtensionFacts,
    pub sha256_fingerprint: String,
    /// What the certificate is for, from its extensions: "Certificate authority (signs other
    /// certificates)", "Client certificate (logs in to the API server)", ...
    pub purpose: String,
    /// Why Go's `x509.ParseCertificate` (kube-apiserver's parser) refuses the certificate, in
    /// Go's words ("x509: negative serial number"); names Go refuses are on their attributes.
    pub go_error: Option<String>,
    /// Critical extensions (OIDs) Go does not handle: its `Verify` refuses the certificate
    /// ("x509: unhandled critical extension"), so it cannot log in.
    pub unhandled_critical: Vec<String>,
    /// Extensions present that Go never reads (on a version 1 or 2 certificate): they restrict
    /// nothing, and `extensions` holds none of them.
    pub ignored_extensions: Vec<ExtensionSummary>,
    #[serde(skip)]
    pub der: Vec<u8>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct CsrFacts {
    pub subject: Vec<NameAttr>,
    pub subject_text: String,
    pub public_key: PublicKeyFacts,
    pub signature_algorithm: SignatureAlgorithm,
    /// The CSR's own signature, made with its own key: proves the requester holds the key.
    pub signature: SignatureCheck,
    /// Extensions requested through the PKCS#9 extensionRequest attribute.
    pub extensions: ExtensionFacts,
    pub has_challenge_password: bool,
    pub sha256_fingerprint: String,
    /// Why Go's `x509.ParseCertificateRequest` refuses the request (beyond its names), in Go's
    /// words: the API server then refuses the object.
    pub go_error: Option<String>,
    /// The request's bytes, for the byte view (`facts::asn1`); not in the report's JSON.
    #[serde(skip)]
    pub der: Vec<u8>,
}

pub fn attr_short(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.4.3" => "CN",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.6" => "C",
        "2.5.4.8" => "ST",
        "2.5.4.7" => "L",
        "2.5.4.9" => "street",
        "2.5.4.5" => "serialNumber",
        "2.5.4.4" => "SN",
        "2.5.4.42" => "GN",
        "2.5.4.12" => "title",
        "1.2.840.113549.1.9.1" => "emailAddress",
        "0.9.2342.19200300.100.1.1" => "UID",
        "0.9.2342.19200300.100.1.25" => "DC",
        OID_K8S_UID => "k8s-uid",
        _ => return None,
    })
}

impl NameAttr {
    /// An attribute by its short name ("CN", "O", "OU", "k8s-uid", …), for names the engine
    /// builds itself (from `kubectl describe`) and for tests; `meaning` is filled in later by
    /// the identity module.
    pub fn new(short: &str, value: &str, rdn: usize) -> NameAttr {
        const OIDS: &[&str] = &[
            "2.5.4.3",
            "2.5.4.10",
            "2.5.4.11",
            "2.5.4.6",
            "2.5.4.8",
            "2.5.4.7",
            "2.5.4.9",
            "2.5.4.5",
            OID_K8S_UID,
        ];
        let oid = OIDS.iter().find(|o| attr_short(o) == Some(short)).copied().unwrap_or(short);
        NameAttr {
            oid: oid.into(),
            short: short.into(),
            value: value.into(),
            rdn,
            meaning: String::new(),
            not_a_string: false,
            go_error: None,
        }
    }
}

/// Go's PrintableString alphabet (`isPrintable` in crypto/x509): ASN.1's, plus '*' and '&',
/// which real certificates use.
pub fn go_printable(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b" '()+,-./:=?*&".contains(&b)
}

/// An attribute value as Go's crypto/x509 reads it (`parseASN1String`, which both the API
/// server's certificate parser and, through encoding/asn1, its CSR parser follow): the six
/// string types are strings, T61String as Latin-1 and BMPString as UTF-16; each is checked
/// against its character set. `Err` holds Go's reason for refusing the value, and the text to
/// show for it. x509-parser's own `as_str` reads only four of the types, so a T61String or
/// BMPString `O=system:masters` would otherwise not be seen as a group at all.
pub fn go_string(tag: Tag, data: &[u8]) -> Result<String, (String, String)> {
    go_string_as(tag, data, GoRelease::DEFAULT)
}

/// [`go_string`] as a given Go release reads it.
pub fn go_string_as(tag: Tag, data: &[u8], go: GoRelease) -> Result<String, (String, String)> {
    let lossy = || String::from_utf8_lossy(data).into_owned();
    match tag {
        Tag::T61String if go.t61_as_latin1() => Ok(data.iter().map(|&b| b as char).collect()),
        // Before 1.25, the bytes as they are: not UTF-8 above 0x7f (shown replaced).
        Tag::T61String => Ok(lossy()),
        Tag::PrintableString if data.iter().all(|&b| go_printable(b)) => Ok(lossy()),
        Tag::PrintableString => Err(("invalid PrintableString".into(), lossy())),
        Tag::Utf8String => std::str::from_utf8(data)
            .map(str::to_string)
            .map_err(|_| ("invalid UTF-8 string".into(), lossy())),
        Tag::BmpString if data.len().is_multiple_of(2) => {
            let data = data.strip_suffix(&[0, 0]).unwrap_or(data);
            let units = data.chunks_exact(2).map(|u| u16::from_be_bytes([u[0], u[1]]));
            Ok(char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect())
        }
        Tag::BmpString => Err(("invalid BMPString".into(), format!("#{}", hex(data)))),
        Tag::Ia5String if data.is_ascii() => Ok(lossy()),
        Tag::Ia5String => Err(("invalid IA5String".into(), lossy())),
        Tag::NumericString if data.iter().all(|b| b.is_ascii_digit() || *b == b' ') => Ok(lossy()),
        Tag::NumericString => Err(("invalid NumericString".into(), lossy())),
        other => Err((format!("unsupported string type: {}", other.0), format!("#{}", hex(data)))),
    }
}

fn is_string_type(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::T61String | Tag::PrintableString | Tag::Utf8String | Tag::BmpString | Tag::Ia5String | Tag::NumericString
    )
}

pub fn name_attrs(name: &X509Name<'_>) -> Vec<NameAttr> {
    name_attrs_as(name, GoRelease::DEFAULT)
}

/// [`name_attrs`] as a given Go release reads the names: from 1.27 a value of no string type is
/// skipped (no error; it is not a username or group either).
pub fn name_attrs_as(name: &X509Name<'_>, go: GoRelease) -> Vec<NameAttr> {
    let mut out = Vec::new();
    for (rdn_index, rdn) in name.iter().enumerate() {
        for attr in rdn.iter() {
            let oid = oid_text(attr.attr_type());
            let tag = attr.attr_value().tag();
            let (value, mut go_error) = match go_string_as(tag, attr.as_slice(), go) {
                Ok(s) => (s, None),
                Err((why, shown)) => (shown, Some(why)),
            };
            let not_a_string = go_error.is_some() && !is_string_type(tag);
            if not_a_string && go.skips_non_strings() {
                go_error = None;
            }
            out.push(NameAttr {
                short: attr_short(&oid).map(str::to_string).unwrap_or_else(|| oid.clone()),
                oid,
                value,
                rdn: rdn_index,
                meaning: "ignored".to_string(),
                not_a_string,
                go_error,
            });
        }
    }
    out
}

/// Subject attributes a Kubernetes signer leaves out of the certificate it issues. The signer
/// copies the CSR's parsed `pkix.Name` (`authority.go`, `Sign`) and Go re-encodes it with
/// `Name.ToRDNSequence`, which writes only C, ST, L, street, postalCode, O (all values in one
/// multi-valued RDN), OU, the last CN and serialNumber: every other attribute (the Kubernetes UID,
/// emailAddress, DC…), every CN but the last, and any value that is not a string are dropped.
pub fn dropped_by_go_reencoding(attrs: &[NameAttr]) -> Vec<&NameAttr> {
    const KEPT: &[&str] = &[
        "2.5.4.6", "2.5.4.8", "2.5.4.7", "2.5.4.9", "2.5.4.17", "2.5.4.10", "2.5.4.11", "2.5.4.3", "2.5.4.5",
    ];
    let last = |oid: &str| attrs.iter().rposition(|a| a.oid == oid);
    let (last_cn, last_serial) = (last("2.5.4.3"), last("2.5.4.5"));
    attrs
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            let single = match a.oid.as_str() {
                "2.5.4.3" => Some(last_cn),
                "2.5.4.5" => Some(last_serial),
                _ => None,
            };
            !KEPT.contains(&a.oid.as_str()) || a.not_a_string || single.is_some_and(|l| l != Some(*i))
        })
        .map(|(_, a)| a)
        .collect()
}

/// `CN=a, O=b` in encoding order (openssl `-nameopt RFC2253` prints it reversed).
pub fn name_text(attrs: &[NameAttr]) -> String {
    let mut s = String::new();
    for (i, a) in attrs.iter().enumerate() {
        if i > 0 {
            s.push_str(if attrs[i - 1].rdn == a.rdn { " + " } else { ", " });
        }
        s.push_str(&a.short);
        s.push('=');
        s.push_str(&a.value);
    }
    if s.is_empty() {
        "(empty)".to_string()
    } else {
        s
    }
}

/// Name and size of a named elliptic curve; unknown curves are named by their OID.
pub fn named_curve(oid: &str) -> (&str, Option<u32>) {
    match oid {
        "1.2.840.10045.3.1.7" => ("P-256", Some(256)),
        "1.3.132.0.34" => ("P-384", Some(384)),
        "1.3.132.0.35" => ("P-521", Some(521)),
        "1.3.132.0.33" => ("P-224", Some(224)),
        "1.2.840.10045.3.1.1" => ("P-192", Some(192)),
        "1.3.132.0.10" => ("secp256k1", Some(256)),
        "1.3.36.3.3.2.8.1.1.7" => ("brainpoolP256r1", Some(256)),
        "1.3.36.3.3.2.8.1.1.11" => ("brainpoolP384r1", Some(384)),
        "1.3.36.3.3.2.8.1.1.13" => ("brainpoolP512r1", Some(512)),
        other => (other, None),
    }
}

pub fn key_algorithm_name(oid: &str) -> &str {
    match oid {
        "1.2.840.113549.1.1.1" => "RSA",
        "1.2.840.113549.1.1.10" => "RSA-PSS",
        "1.2.840.10045.2.1" => "EC",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        "1.3.101.110" => "X25519",
        "1.2.840.10040.4.1" => "DSA",
        "2.16.840.1.101.3.4.3.17" => "ML-DSA-44",
        "2.16.840.1.101.3.4.3.18" => "ML-DSA-65",
        "2.16.840.1.101.3.4.3.19" => "ML-DSA-87",
        other => other,
    }
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|x| **x == 0).count();
    &b[n..]
}

/// A stable ID for a public key, so that keys, certificates and CSRs can be matched.
pub fn key_id(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u32).to_be_bytes());
        h.update(p);
    }
    hex(&h.finalize())
}

pub fn rsa_key_id(modulus: &[u8], exponent: &[u8]) -> String {
    key_id(&[b"rsa", strip_zeros(modulus), strip_zeros(exponent)])
}

pub fn public_key_facts(spki: &SubjectPublicKeyInfo<'_>) -> PublicKeyFacts {
    let oid = oid_text(&spki.algorithm.algorithm);
    let algorithm = key_algorithm_name(&oid).to_string();
    let data: &[u8] = &spki.subject_public_key.data;
    let mut facts = PublicKeyFacts {
        algorithm: algorithm.clone(),
        ..Default::default()
    };
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => {
            facts.bits = Some((strip_zeros(rsa.modulus).len() * 8) as u32);
            if let Some(first) = strip_zeros(rsa.modulus).first() {
                facts.bits = Some(facts.bits.unwrap_or(0) - first.leading_zeros());
            }
            facts.key_id = rsa_key_id(rsa.modulus, rsa.exponent);
        }
        Ok(PublicKey::EC(_)) => {
            let curve_oid = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| oid_text(&o))
                .unwrap_or_default();
            let (curve, bits) = named_curve(&curve_oid);
            facts.bits = bits;
            facts.curve = Some(if curve.is_empty() {
                "unnamed".to_string()
            } else {
                curve.to_string()
            });
            facts.key_id = key_id(&[b"ec", data]);
        }
        Ok(PublicKey::DSA(y)) => {
            facts.bits = Some((strip_zeros(y).len() * 8) as u32);
            facts.key_id = key_id(&[b"raw", data]);
        }
        _ => {
            if algorithm == "Ed25519" {
                facts.bits = Some(256);
            }
            facts.key_id = key_id(&[b"raw", data]);
        }
    }
    facts.summary = match (&facts.curve, facts.bits) {
        (Some(c), _) => format!("{} {c}", facts.algorithm),
        (None, Some(b)) if facts.algorithm == "RSA" || facts.algorithm == "DSA" => format!("{} {b}-bit", facts.algorithm),
        _ => facts.algorithm.clone(),
    };
    facts
}

pub fn signature_algorithm(alg: &AlgorithmIdentifier<'_>) -> SignatureAlgorithm {
    let oid = oid_text(&alg.algorithm);
    let (name, hash) = match oid.as_str() {
        "1.2.840.113549.1.1.2" => ("md2WithRSAEncryption", Some("MD2")),
        "1.2.840.113549.1.1.4" => ("md5WithRSAEncryption", Some("MD5")),
        "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" => ("sha1WithRSAEncryption", Some("SHA-1")),
        "1.2.840.113549.1.1.14" => ("sha224WithRSAEncryption", Some("SHA-224")),
        "1.2.840.113549.1.1.11" => ("sha256WithRSAEncryption", Some("SHA-256")),
        "1.2.840.113549.1.1.12" => ("sha384WithRSAEncryption", Some("SHA-384")),
        "1.2.840.113549.1.1.13" => ("sha512WithRSAEncryption", Some("SHA-512")),
        "1.2.840.113549.1.1.10" => ("RSASSA-PSS", None),
        "1.2.840.10045.4.1" => ("ecdsa-with-SHA1", Some("SHA-1")),
        "1.2.840.10045.4.3.1" => ("ecdsa-with-SHA224", Some("SHA-224")),
        "1.2.840.10045.4.3.2" => ("ecdsa-with-SHA256", Some("SHA-256")),
        "1.2.840.10045.4.3.3" => ("ecdsa-with-SHA384", Some("SHA-384")),
        "1.2.840.10045.4.3.4" => ("ecdsa-with-SHA512", Some("SHA-512")),
        "1.3.101.112" => ("Ed25519", None),
        "1.3.101.113" => ("Ed448", None),
        "1.2.840.10040.4.3" => ("dsa-with-SHA1", Some("SHA-1")),
        "2.16.840.1.101.3.4.3.2" => ("dsa-with-SHA256", Some("SHA-256")),
        "2.16.840.1.101.3.4.3.17" => ("ML-DSA-44", None),
        "2.16.840.1.101.3.4.3.18" => ("ML-DSA-65", None),
        "2.16.840.1.101.3.4.3.19" => ("ML-DSA-87", None),
        _ => ("", None),
    };
    SignatureAlgorithm {
        name: if name.is_empty() { oid.clone() } else { name.to_string() },
        oid,
        hash: hash.map(str::to_string),
    }
}

/// Checks `signature` over `data` with the key in `spki`, the way Go (>= 1.24, Kubernetes >= 1.33)
/// accepts it: RSA from 1024 bits with any of its PKCS#1 hashes, and a refusal below 1024 bits.
pub fn verify(spki: &SubjectPublicKeyInfo<'_>, alg: &AlgorithmIdentifier<'_>, signature: &[u8], data: &[u8]) -> SignatureCheck {
    use ring::signature as s;
    let sig_oid = oid_text(&alg.algorithm);
    let key_oid = oid_text(&spki.algorithm.algorithm);
    let curve = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.as_oid().ok())
        .map(|o| oid_text(&o));
    let p256 = curve.as_deref() == Some("1.2.840.10045.3.1.7");
    let p384 = curve.as_deref() == Some("1.3.132.0.34");
    let algo: &dyn s::VerificationAlgorithm = match (sig_oid.as_str(), key_oid.as_str()) {
        ("1.2.840.113549.1.1.5" | "1.3.14.3.2.29", "1.2.840.113549.1.1.1") => &s::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
        ("1.2.840.113549.1.1.11", "1.2.840.113549.1.1.1") => &s::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
        ("1.2.840.113549.1.1.12", "1.2.840.113549.1.1.1") => &s::RSA_PKCS1_2048_8192_SHA384,
        ("1.2.840.113549.1.1.13", "1.2.840.113549.1.1.1") => &s::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
        ("1.2.840.10045.4.3.2", _) if p256 => &s::ECDSA_P256_SHA256_ASN1,
        ("1.2.840.10045.4.3.3", _) if p256 => &s::ECDSA_P256_SHA384_ASN1,
        ("1.2.840.10045.4.3.2", _) if p384 => &s::ECDSA_P384_SHA256_ASN1,
        ("1.2.840.10045.4.3.3", _) if p384 => &s::ECDSA_P384_SHA384_ASN1,
        ("1.3.101.112", "1.3.101.112") => &s::ED25519,
        _ => {
            let name = signature_algorithm(alg).name;
            let key = key_algorithm_name(&key_oid).to_string();
            return SignatureCheck::Unchecked(format!("{name} with an {key} key is not checked by this tool"));
        }
    };
    if key_oid == "1.2.840.113549.1.1.1" {
        if let Ok(PublicKey::RSA(rsa)) = spki.parsed() {
            let bits = bit_length(rsa.modulus);
            if bits < 1024 {
                // Go >= 1.24 (Kubernetes >= 1.33) refuses every RSA operation below 1024 bits.
                return SignatureCheck::Refused(format!(
                    "crypto/rsa: {bits}-bit keys are insecure (see https://go.dev/pkg/crypto/rsa#hdr-Minimum_key_size)"
                ));
            }
            if bits < 2048 {
                // Go accepts 1024..2047 bits with every hash; ring stops at 2048 for SHA-384.
                return match rsa_pkcs1v15_verify(rsa.modulus, rsa.exponent, &sig_oid, data, signature) {
                    Some(true) => SignatureCheck::Valid,
                    Some(false) => SignatureCheck::Invalid,
                    None => SignatureCheck::Unchecked(format!("{} is not checked by this tool", signature_algorithm(alg).name)),
                };
            }
        }
    }
    let key = s::UnparsedPublicKey::new(algo, &spki.subject_public_key.data);
    if key.verify(data, signature).is_ok() {
        SignatureCheck::Valid
    } else {
        SignatureCheck::Invalid
    }
}

/// Bits of a big-endian unsigned integer.
fn bit_length(n: &[u8]) -> u32 {
    let n = strip_zeros(n);
    match n.first() {
        None => 0,
        Some(&b) => (n.len() as u32 - 1) * 8 + (8 - b.leading_zeros()),
    }
}

/// RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2) as Go's `crypto/rsa.VerifyPKCS1v15` does it:
/// the signature must be exactly the modulus' length, and `s^e mod n` must equal the expected
/// encoding `00 01 FF.. 00 DigestInfo hash`. `None` for a signature algorithm it does not know.
/// Used for the 1024–2047-bit keys ring's verifiers do not cover for every hash.
fn rsa_pkcs1v15_verify(modulus: &[u8], exponent: &[u8], sig_oid: &str, data: &[u8], signature: &[u8]) -> Option<bool> {
    use ring::digest;
    let (alg, prefix): (&digest::Algorithm, &[u8]) = match sig_oid {
        "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" => (
            &digest::SHA1_FOR_LEGACY_USE_ONLY,
            &[
                0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14,
            ],
        ),
        "1.2.840.113549.1.1.11" => (
            &digest::SHA256,
            &[
                0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
            ],
        ),
        "1.2.840.113549.1.1.12" => (
            &digest::SHA384,
            &[
                0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30,
            ],
        ),
        "1.2.840.113549.1.1.13" => (
            &digest::SHA512,
            &[
                0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40,
            ],
        ),
        _ => return None,
    };
    let n_bytes = strip_zeros(modulus);
    let k = n_bytes.len();
    let hash = digest::digest(alg, data);
    let t_len = prefix.len() + hash.as_ref().len();
    if signature.len() != k || k < t_len + 11 {
        return Some(false);
    }
    // Both are k bytes (the modulus with no leading zero): s < n compares them as numbers.
    if signature >= n_bytes {
        return Some(false);
    }
    let m = crate::bignum::modpow(signature, exponent, n_bytes);
    let mut em = vec![0u8; k - m.len().min(k)];
    em.extend_from_slice(&m);
    let mut expected = vec![0x00, 0x01];
    expected.resize(k - t_len - 1, 0xff);
    expected.push(0x00);
    expected.extend_from_slice(prefix);
    expected.extend_from_slice(hash.as_ref());
    Some(em == expected)
}

fn ip_text(b: &[u8]) -> String {
    match b.len() {
        4 => std::net::Ipv4Addr::new(b[0], b[1], b[2], b[3]).to_string(),
        16 => {
            let mut a = [0u8; 16];
            a.copy_from_slice(b);
            std::net::Ipv6Addr::from(a).to_string()
        }
        _ => format!("#{}", hex(b)),
    }
}

fn eku_name(oid: &str) -> String {
    match oid {
        "1.3.6.1.5.5.7.3.1" => "server auth".into(),
        "1.3.6.1.5.5.7.3.2" => "client auth".into(),
        "1.3.6.1.5.5.7.3.3" => "code signing".into(),
        "1.3.6.1.5.5.7.3.4" => "email protection".into(),
        "1.3.6.1.5.5.7.3.8" => "timestamping".into(),
        "1.3.6.1.5.5.7.3.9" => "ocsp signing".into(),
        "1.3.6.1.5.5.7.3.5" => "ipsec end system".into(),
        "1.3.6.1.5.5.7.3.6" => "ipsec tunnel".into(),
        "1.3.6.1.5.5.7.3.7" => "ipsec user".into(),
        "1.3.6.1.4.1.311.10.3.3" => "microsoft sgc".into(),
        "2.16.840.1.113730.4.1" => "netscape sgc".into(),
        "2.5.29.37.0" => "any".into(),
        other => other.to_string(),
    }
}

fn extension_name(oid: &str) -> &'static str {
    match oid {
        "2.5.29.17" => "subjectAltName",
        "2.5.29.15" => "keyUsage",
        "2.5.29.37" => "extendedKeyUsage",
        "2.5.29.19" => "basicConstraints",
        "2.5.29.14" => "subjectKeyIdentifier",
        "2.5.29.35" => "authorityKeyIdentifier",
        "2.5.29.31" => "cRLDistributionPoints",
        "1.3.6.1.5.5.7.1.1" => "authorityInfoAccess",
        "2.5.29.32" => "certificatePolicies",
        "2.5.29.30" => "nameConstraints",
        "2.16.840.1.113730.1.13" => "nsComment",
        "2.16.840.1.113730.1.1" => "nsCertType",
        "1.3.6.1.4.1.11129.2.4.2" => "signedCertificateTimestamps",
        _ => "unknown",
    }
}

pub fn extension_facts(exts: &[X509Extension<'_>]) -> ExtensionFacts {
    let mut f = ExtensionFacts::default();
    for ext in exts {
        let oid = oid_text(&ext.oid);
        f.list.push(ExtensionSummary {
            name: match extension_name(&oid) {
                "unknown" => oid.clone(),
                n => n.to_string(),
            },
            oid,
            critical: ext.critical,
        });
        match ext.parsed_extension() {
            ParsedExtension::SubjectAlternativeName(san) => {
                for gn in &san.general_names {
                    match gn {
                        GeneralName::DNSName(d) => f.sans.dns.push(d.to_string()),
                        GeneralName::IPAddress(ip) => f.sans.ip.push(ip_text(ip)),
                        GeneralName::RFC822Name(e) => f.sans.email.push(e.to_string()),
                        GeneralName::URI(u) => f.sans.uri.push(u.to_string()),
                        other => f.sans.other.push(format!("{other:?}").chars().take(120).collect()),
                    }
                }
            }
            ParsedExtension::KeyUsage(ku) => {
                let pairs = [
                    (ku.digital_signature(), "digital signature"),
                    (ku.non_repudiation(), "content commitment"),
                    (ku.key_encipherment(), "key encipherment"),
                    (ku.data_encipherment(), "data encipherment"),
                    (ku.key_agreement(), "key agreement"),
                    (ku.key_cert_sign(), "cert sign"),
                    (ku.crl_sign(), "crl sign"),
                    (ku.encipher_only(), "encipher only"),
                    (ku.decipher_only(), "decipher only"),
                ];
                f.key_usage = pairs.iter().filter(|(on, _)| *on).map(|(_, n)| n.to_string()).collect();
            }
            ParsedExtension::ExtendedKeyUsage(eku) => {
                f.has_extended_key_usage = true;
                let pairs = [
                    (eku.server_auth, "server auth"),
                    (eku.client_auth, "client auth"),
                    (eku.code_signing, "code signing"),
                    (eku.email_protection, "email protection"),
                    (eku.time_stamping, "timestamping"),
                    (eku.ocsp_signing, "ocsp signing"),
                    (eku.any, "any"),
                ];
                f.extended_key_usage = pairs.iter().filter(|(on, _)| *on).map(|(_, n)| n.to_string()).collect();
                f.extended_key_usage.extend(eku.other.iter().map(|o| eku_name(&oid_text(o))));
            }
            ParsedExtension::BasicConstraints(bc) => {
                f.basic_constraints = Some(BasicConstraints {
                    ca: bc.ca,
                    path_len: bc.path_len_constraint,
                    critical: ext.critical,
                });
            }
            ParsedExtension::SubjectKeyIdentifier(ki) => f.subject_key_id = Some(hex_colon(ki.0)),
            ParsedExtension::AuthorityKeyIdentifier(aki) => {
                f.authority_key_id = aki.key_identifier.as_ref().map(|k| hex_colon(k.0));
            }
            _ => {}
        }
    }
    f
}

/// An OID in dotted form, exactly as `Oid::to_id_string` writes it, without its `String` per arc
/// and `join` (a measurable part of a bundle's analysis in the browser: issue #8's profile).
pub fn oid_text(oid: &x509_parser::der_parser::oid::Oid<'_>) -> String {
    let Some(arcs) = oid.iter() else {
        return oid.to_id_string();
    };
    let mut out = String::with_capacity(24);
    for (i, mut n) in arcs.enumerate() {
        if i > 0 {
            out.push('.');
        }
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        out.extend(digits[at..].iter().map(|d| char::from(*d)));
    }
    out
}

fn fingerprint(der: &[u8]) -> String {
    hex_colon(&Sha256::digest(der))
}

/// Parses one DER certificate. The error says what was found.
pub fn parse_certificate(der: &[u8], now: i64) -> Result<CertFacts, String> {
    parse_certificate_as(der, now, GoRelease::DEFAULT)
}

/// [`parse_certificate`] as a given Go release parses it.
pub fn parse_certificate_as(der: &[u8], now: i64, go: GoRelease) -> Result<CertFacts, String> {
    let (_, cert) = X509Certificate::from_der(der).map_err(|e| match go_parse::certificate_error(der, false, false) {
        // Said in Go's words when Go refuses it too: that is what Kubernetes would answer.
        Some(go) => format!("not a valid X.509 certificate: Go's crypto/x509, and so Kubernetes, refuses it with \"{go}\" ({e})"),
        None => format!("not a valid X.509 certificate ({e})"),
    })?;
    Ok(cert_facts(&cert, now, go))
}

fn cert_facts(cert: &X509Certificate<'_>, now: i64, go: GoRelease) -> CertFacts {
    let tbs = &cert.tbs_certificate;
    let subject = name_attrs_as(tbs.subject(), go);
    let issuer = name_attrs_as(tbs.issuer(), go);
    let self_issued = tbs.subject().as_raw() == tbs.issuer().as_raw();
    let nb = tbs.validity.not_before.timestamp();
    let na = tbs.validity.not_after.timestamp();
    let der = cert.as_raw().to_vec();
    // Go reads extensions only on a version 3 certificate.
    let (extensions, ignored_extensions) = if tbs.version.0 < 2 {
        (ExtensionFacts::default(), extension_facts(tbs.extensions()).list)
    } else {
        (extension_facts(tbs.extensions()), Vec::new())
    };
    let go_error = go_parse::certificate_error(
        &der,
        issuer.iter().any(|a| a.go_error.is_some()),
        subject.iter().any(|a| a.go_error.is_some()),
    );
    let unhandled_critical = go_parse::unhandled_critical(&extensions.list, extensions.sans.is_empty());
    CertFacts {
        version: tbs.version.0 + 1,
        subject_text: name_text(&subject),
        subject,
        issuer_text: name_text(&issuer),
        issuer,
        self_issued,
        serial: hex_colon(tbs.raw_serial()),
        validity: Validity::new(nb, na, now),
        public_key: public_key_facts(tbs.public_key()),
        signature_algorithm: signature_algorithm(&cert.signature_algorithm),
        extensions,
        sha256_fingerprint: fingerprint(&der),
        purpose: String::new(),
        go_error,
        unhandled_critical,
        ignored_extensions,
        der,
    }
    .with_purpose()
}

impl CsrFacts {
    /// Go's `ParseCertificateRequest` refuses it (a bad name, an extension requested twice): the
    /// API server refuses the object, so it never becomes a certificate.
    pub fn go_refuses(&self) -> bool {
        self.go_error.is_some() || self.subject.iter().any(|a| a.go_error.is_some() && !a.not_a_string)
    }
}

impl CertFacts {
    /// Go's parser refuses a value in the subject or issuer, and with it the whole certificate
    /// (rule identity-name-unparseable): nothing in Kubernetes can use it.
    pub fn go_refuses_a_name(&self) -> bool {
        self.subject.iter().chain(&self.issuer).any(|a| a.go_error.is_some())
    }

    /// Go's parser refuses the certificate, for its names or anything else: no Kubernetes
    /// component can read it.
    pub fn go_refuses(&self) -> bool {
        self.go_error.is_some() || self.go_refuses_a_name()
    }

    /// Would kube-apiserver's verifier accept it as a client certificate (before the chain and
    /// the dates)? Go parses it, its EKU allows client auth, and no critical extension is one
    /// Go does not handle.
    pub fn can_log_in(&self) -> bool {
        !self.go_refuses() && self.unhandled_critical.is_empty() && self.extensions.allows_client_auth()
    }

    fn with_purpose(mut self) -> Self {
        let e = &self.extensions;
        if let Some(err) = &self.go_error {
            self.purpose = format!("Unusable in Kubernetes: Go cannot parse it ({err}), so it can neither log in nor verify anything");
            return self;
        }
        if !self.unhandled_critical.is_empty() {
            self.purpose = format!(
                "Unusable in Kubernetes: Go's verifier refuses it (x509: unhandled critical extension {}), so it can neither log in nor serve TLS to a Go client",
                self.unhandled_critical.join(", ")
            );
            return self;
        }
        self.purpose = if self.go_refuses_a_name() {
            "Unusable in Kubernetes: Go cannot parse its subject or issuer name, so it can neither log in nor verify anything"
        } else if e.is_ca() {
            match (self.self_issued, e.allows_client_auth()) {
                (true, true) => "Root certificate authority (signs other certificates); its extended key usage also lets it log in to the API server as a client",
                (true, false) => "Root certificate authority (signs other certificates; cannot log in to the API server: its extended key usage lacks client auth)",
                (false, true) => "Intermediate certificate authority (signs other certificates); its extended key usage also lets it log in to the API server as a client",
                (false, false) => "Intermediate certificate authority (signs other certificates; cannot log in to the API server: its extended key usage lacks client auth)",
            }
        } else if e.eku_unrestricted() {
            "Any purpose (no extended key usage): usable as a client and as a server certificate"
        } else {
            match (e.allows_client_auth(), e.allows_server_auth()) {
                (true, true) => "Client and server certificate",
                (true, false) => "Client certificate (can log in to the API server)",
                (false, true) => "Serving certificate (TLS server; cannot log in to the API server: its extended key usage lacks client auth)",
                (false, false) => "Neither a client nor a server certificate (other extended key usage; cannot log in to the API server)",
            }
        }
        .to_string();
        self
    }
}

/// Does `issuer_der`'s key verify `cert_der`'s signature (and do the names chain)?
pub fn issued_by(cert_der: &[u8], issuer_der: &[u8]) -> SignatureCheck {
    let (Ok((_, cert)), Ok((_, issuer))) = (X509Certificate::from_der(cert_der), X509Certificate::from_der(issuer_der)) else {
        return SignatureCheck::Unchecked("could not re-read the certificates".into());
    };
    if cert.tbs_certificate.issuer().as_raw() != issuer.tbs_certificate.subject().as_raw() {
        return SignatureCheck::Invalid;
    }
    verify(
        issuer.public_key(),
        &cert.signature_algorithm,
        &cert.signature_value.data,
        cert.tbs_certificate.as_ref(),
    )
}

pub fn parse_csr(der: &[u8]) -> Result<CsrFacts, String> {
    parse_csr_as(der, GoRelease::DEFAULT)
}

/// [`parse_csr`] as a given Go release reads the request's subject.
pub fn parse_csr_as(der: &[u8], go: GoRelease) -> Result<CsrFacts, String> {
    let (_, csr) = X509CertificationRequest::from_der(der).map_err(|e| format!("not a valid PKCS#10 certificate request ({e})"))?;
    let info = &csr.certification_request_info;
    let subject = name_attrs_as(&info.subject, go);
    let mut extensions = ExtensionFacts::default();
    let mut has_challenge_password = false;
    let mut requested: Vec<String> = Vec::new();
    for attr in info.iter_attributes() {
        match attr.parsed_attribute() {
            ParsedCriAttribute::ExtensionRequest(req) => {
                requested.extend(req.extensions.iter().map(|e| oid_text(&e.oid)));
                extensions = extension_facts(&req.extensions);
            }
            ParsedCriAttribute::ChallengePassword(_) => has_challenge_password = true,
            _ => {}
        }
    }
    Ok(CsrFacts {
        subject_text: name_text(&subject),
        subject,
        public_key: public_key_facts(&info.subject_pki),
        signature_algorithm: signature_algorithm(&csr.signature_algorithm),
        signature: verify(&info.subject_pki, &csr.signature_algorithm, &csr.signature_value.data, info.raw),
        extensions,
        has_challenge_password,
        sha256_fingerprint: fingerprint(csr.as_raw()),
        go_error: go_parse::request_error(&requested),
        der: der.to_vec(),
    })
}

/// A bare `PUBLIC KEY` (SubjectPublicKeyInfo).
pub fn parse_spki(der: &[u8]) -> Result<PublicKeyFacts, String> {
    let (_, spki) = SubjectPublicKeyInfo::from_der(der).map_err(|e| format!("not a valid SubjectPublicKeyInfo ({e})"))?;
    Ok(public_key_facts(&spki))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_read_and_refused_as_go_reads_them() {
        let ok = |tag, data: &[u8]| go_string(tag, data).unwrap();
        let refused = |tag, data: &[u8]| go_string(tag, data).unwrap_err().0;
        // Go's own test cases (crypto/x509 parser_test.go TestParseASN1String) where they apply.
        assert_eq!(ok(Tag::T61String, &[0xbf, 0x61, 0x3f]), "¿a?", "T61String is read as Latin-1");
        assert_eq!(ok(Tag::PrintableString, b"*.example & co"), "*.example & co");
        assert_eq!(refused(Tag::PrintableString, b"alice_b"), "invalid PrintableString");
        assert_eq!(refused(Tag::PrintableString, b"a@b"), "invalid PrintableString");
        assert_eq!(ok(Tag::Utf8String, "Tuğra".as_bytes()), "Tuğra");
        assert_eq!(refused(Tag::Utf8String, &[0xff]), "invalid UTF-8 string");
        assert_eq!(ok(Tag::BmpString, &[0, b'h', 0, b'i', 0, 0]), "hi", "a trailing NUL is dropped");
        assert_eq!(ok(Tag::BmpString, &[0xd8, 0x3d, 0xde, 0x00]), "😀", "surrogate pairs");
        assert_eq!(refused(Tag::BmpString, &[0, b'h', 0]), "invalid BMPString");
        assert_eq!(ok(Tag::Ia5String, b"a@b.c"), "a@b.c");
        assert_eq!(refused(Tag::Ia5String, "é".as_bytes()), "invalid IA5String");
        assert_eq!(ok(Tag::NumericString, b"12 34"), "12 34");
        assert_eq!(refused(Tag::NumericString, b"12a"), "invalid NumericString");
        assert_eq!(
            go_string(Tag::Integer, &[1]),
            Err(("unsupported string type: 2".into(), "#01".into()))
        );
        assert!(!is_string_type(Tag::Integer) && is_string_type(Tag::T61String));
    }

    #[test]
    fn oid_text_writes_what_to_id_string_writes() {
        use x509_parser::der_parser::oid::Oid;
        let cases: [&[u64]; 5] = [
            &[2, 5, 4, 3],
            &[1, 2, 840, 113549, 1, 1, 11],
            &[0, 0],
            &[2, 25, u64::MAX],
            &[1, 3, 6, 1, 4, 1, 311, 20, 2, 3],
        ];
        for arcs in cases {
            let oid = Oid::from(arcs).unwrap();
            assert_eq!(oid_text(&oid), oid.to_id_string(), "{arcs:?}");
        }
        // An arc beyond 64 bits (a UUID OID under 2.25): the crate's own text, whatever it is.
        let big = Oid::new(std::borrow::Cow::Borrowed(
            &[0x69, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x01][..],
        ));
        assert_eq!(oid_text(&big), big.to_id_string());
    }
}
