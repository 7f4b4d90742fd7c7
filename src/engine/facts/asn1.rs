//! The bytes of a certificate or a request as an ASN.1 tree (issue #22, "see the bytes"): every
//! element with its offset, header and content lengths, tag and string type, a name for the
//! parts of X.509 and PKCS#10 a learner looks for, and, on the subject's attributes, what
//! Kubernetes makes of each (username, group, UID, ignored). Read with `der-parser`'s `asn1-rs`.
//! Constructed elements are opened; primitive ones (an OCTET STRING holding an extension, a BIT
//! STRING holding a key) are not, as `openssl asn1parse` does, whose offsets these match.

use serde::{Deserialize, Serialize};
use x509_parser::der_parser::asn1_rs::{Any, Class, FromDer, Tag};

use super::x509::{attr_short, go_string, NameAttr, OID_K8S_UID};

/// One element of the tree, in encoding order (a parent before its children).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Node {
    /// Where its header starts, from the first byte.
    pub offset: u32,
    /// Its header's length (tag and length bytes).
    pub header: u32,
    /// Its content's length.
    pub length: u32,
    /// Nesting depth: 0 for the outermost SEQUENCE.
    pub depth: u8,
    /// "SEQUENCE", "UTF8String", "[0]", …
    pub tag: String,
    /// What this part is, where it has a name: "subject", "CN", "public key", …
    pub label: String,
    /// Its value in words: an OID's name and number, a string, a time, a number.
    pub value: String,
    /// On a subject attribute's value: what Kubernetes does with it, and why.
    pub meaning: String,
    /// On a subject attribute (its SEQUENCE and its value): its index in the object's subject
    /// list, which the identity table shows in the same order.
    pub attr: Option<u32>,
}

/// The tree of one certificate or request, and its bytes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct ByteView {
    pub der: Vec<u8>,
    pub nodes: Vec<Node>,
    /// Set when the bytes end early or hold something that is not DER.
    pub problem: Option<String>,
}

/// Most elements shown: a certificate has a few hundred.
const MAX_NODES: usize = 5_000;
const MAX_DEPTH: u8 = 40;

fn tag_name(class: Class, tag: Tag, constructed: bool) -> String {
    if class != Class::Universal {
        return match class {
            Class::ContextSpecific => format!("[{}]", tag.0),
            Class::Application => format!("[APPLICATION {}]", tag.0),
            _ => format!("[PRIVATE {}]", tag.0),
        };
    }
    let name = match tag {
        Tag::Boolean => "BOOLEAN",
        Tag::Integer => "INTEGER",
        Tag::BitString => "BIT STRING",
        Tag::OctetString => "OCTET STRING",
        Tag::Null => "NULL",
        Tag::Oid => "OBJECT IDENTIFIER",
        Tag::Utf8String => "UTF8String",
        Tag::Sequence => "SEQUENCE",
        Tag::Set => "SET",
        Tag::NumericString => "NumericString",
        Tag::PrintableString => "PrintableString",
        Tag::T61String => "T61String",
        Tag::Ia5String => "IA5String",
        Tag::UtcTime => "UTCTime",
        Tag::GeneralizedTime => "GeneralizedTime",
        Tag::VisibleString => "VisibleString",
        Tag::UniversalString => "UniversalString",
        Tag::BmpString => "BMPString",
        _ => return format!("UNIVERSAL {}{}", tag.0, if constructed { " (constructed)" } else { "" }),
    };
    name.to_string()
}

/// Names of the OIDs a learner meets in a certificate or request.
fn oid_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.2.840.10045.2.1" => "EC public key",
        "1.2.840.10045.3.1.7" => "P-256",
        "1.3.132.0.34" => "P-384",
        "1.2.840.113549.1.1.1" => "RSA",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.3.101.112" => "Ed25519",
        "1.2.840.113549.1.9.14" => "extension request",
        "2.5.29.14" => "subject key identifier",
        "2.5.29.15" => "key usage",
        "2.5.29.17" => "subject alternative name",
        "2.5.29.19" => "basic constraints",
        "2.5.29.35" => "authority key identifier",
        "2.5.29.37" => "extended key usage",
        "1.3.6.1.4.1.57683.2" => "Kubernetes UID",
        _ => return attr_short(oid),
    })
}

/// What the learner should read in a subject attribute's `meaning`.
fn meaning_text(a: &NameAttr) -> String {
    match a.meaning.as_str() {
        "username" => "the username: the API server takes the last CN".into(),
        "group" => "a group: every O becomes one".into(),
        "uid" => "the user's UID (Kubernetes 1.34 and later)".into(),
        "ignored_cn" => "ignored: an earlier CN, and only the last one counts".into(),
        // Set "ignored" by a release whose feature gate is off (1.33).
        _ if a.oid == OID_K8S_UID => "ignored by this release: the UID attribute is read from Kubernetes 1.34".into(),
        _ if a.short == "CN" || a.short == "O" => "ignored: with no username, nothing in the subject counts".into(),
        _ => format!("ignored: Kubernetes reads only CN, O and the UID attribute, not {}", a.short),
    }
}

/// The value of a primitive element, in words.
fn value_text(any: &Any<'_>) -> String {
    let data = any.data;
    match any.tag() {
        Tag::Oid => {
            let s = x509_parser::der_parser::oid::Oid::new(std::borrow::Cow::Borrowed(data)).to_id_string();
            match oid_name(&s) {
                Some(n) => format!("{n} ({s})"),
                None => s,
            }
        }
        Tag::Integer if data.len() <= 8 => {
            let mut v: i64 = if data.first().is_some_and(|b| b & 0x80 != 0) { -1 } else { 0 };
            for b in data {
                v = (v << 8) | i64::from(*b);
            }
            v.to_string()
        }
        Tag::Integer | Tag::BitString | Tag::OctetString => {
            let shown: String = data.iter().take(16).map(|b| format!("{b:02x}")).collect();
            if data.len() > 16 {
                format!("{shown}… ({} bytes)", data.len())
            } else {
                shown
            }
        }
        Tag::Boolean => (data.first() == Some(&0xff)).to_string(),
        Tag::Null => String::new(),
        // Strings as Go reads them (a value Go refuses: as the report shows it).
        tag @ (Tag::Utf8String | Tag::PrintableString | Tag::T61String | Tag::BmpString | Tag::Ia5String | Tag::NumericString) => {
            go_string(tag, data).unwrap_or_else(|(_, shown)| shown)
        }
        _ => String::from_utf8_lossy(data).into_owned(),
    }
}

struct Walk<'a> {
    nodes: Vec<Node>,
    subject: &'a [NameAttr],
    /// Index of the next subject attribute met inside the subject.
    next_attr: usize,
    problem: Option<String>,
}

const TBS_CERT: &str = "tbsCertificate: what the CA signs";
const TBS_REQUEST: &str = "certificationRequestInfo: what the key signs";

/// The label of child `i` of an element labelled `parent` (in a tbsCertificate, `i` counts as if
/// the optional version were there).
fn child_label(parent: &str, i: usize, tag: &str) -> &'static str {
    match (parent, i) {
        ("certificate", 0) => TBS_CERT,
        ("request", 0) => TBS_REQUEST,
        ("certificate" | "request", 1) => "signature algorithm",
        ("certificate" | "request", 2) => "signature",
        (TBS_CERT, 0) => "version",
        (TBS_CERT, 1) => "serial number",
        (TBS_CERT, 2) => "signature algorithm (again)",
        (TBS_CERT, 3) => "issuer",
        (TBS_CERT, 4) => "validity",
        (TBS_CERT, 5) => "subject",
        (TBS_CERT, 6) => "public key",
        (TBS_CERT, _) if tag == "[3]" => "extensions",
        (TBS_REQUEST, 0) => "version",
        (TBS_REQUEST, 1) => "subject",
        (TBS_REQUEST, 2) => "public key",
        (TBS_REQUEST, _) => "attributes",
        ("validity", 0) => "not before",
        ("validity", 1) => "not after",
        _ => "",
    }
}

impl Walk<'_> {
    fn walk(&mut self, bytes: &[u8], base: usize, depth: u8, parent: &str, cert: bool, in_subject: bool) {
        let mut rest = bytes;
        let mut i = 0;
        let mut tbs_shift = 0; // 1 when a tbsCertificate has no version [0]
        while !rest.is_empty() {
            if self.nodes.len() >= MAX_NODES || depth > MAX_DEPTH {
                self.problem
                    .get_or_insert_with(|| "the tree is too large or too deep to show in full".into());
                return;
            }
            let offset = base + (bytes.len() - rest.len());
            let (next, any) = match Any::from_der(rest) {
                Ok(v) => v,
                Err(e) => {
                    self.problem
                        .get_or_insert_with(|| format!("at byte {offset}: not DER ({e}); the rest is not shown"));
                    return;
                }
            };
            let total = rest.len() - next.len();
            let header = total - any.data.len();
            let constructed = any.header.is_constructed();
            let tag = tag_name(any.class(), any.tag(), constructed);
            if parent == TBS_CERT && i == 0 && tag != "[0]" {
                tbs_shift = 1;
            }
            let label = match (depth, cert) {
                (0, true) => "certificate",
                (0, false) => "request",
                _ => child_label(parent, i + tbs_shift, &tag),
            };
            let mut node = Node {
                offset: offset as u32,
                header: header as u32,
                length: any.data.len() as u32,
                depth,
                tag,
                label: label.to_string(),
                value: if constructed { String::new() } else { value_text(&any) },
                ..Node::default()
            };
            // Inside the subject: SET (an RDN) > SEQUENCE (an attribute) > OID, value.
            let attribute = in_subject && parent == "rdn";
            if attribute {
                if let Some(a) = self.subject.get(self.next_attr) {
                    node.attr = Some(self.next_attr as u32);
                    node.label = format!("{} attribute", a.short);
                    node.meaning = meaning_text(a);
                }
            }
            let me = self.nodes.len();
            self.nodes.push(node);
            if constructed {
                let child_parent = if attribute {
                    "attribute"
                } else if in_subject {
                    "rdn"
                } else {
                    label
                };
                let entering = label == "subject";
                self.walk(any.data, offset + header, depth + 1, child_parent, cert, in_subject || entering);
                if attribute {
                    // The attribute's value (its second element) carries the same attribute.
                    let (attr, meaning) = (self.nodes[me].attr, self.nodes[me].meaning.clone());
                    if let Some(v) = self.nodes[me + 1..].iter_mut().filter(|n| n.depth == depth + 1).nth(1) {
                        v.attr = attr;
                        v.label = "value".into();
                        v.meaning = meaning;
                    }
                    self.next_attr += 1;
                }
            }
            rest = next;
            i += 1;
        }
    }
}

/// The tree of a certificate (`cert`) or request's DER, its subject's attributes as the report
/// lists them (in encoding order, with their meanings).
pub fn tree(der: &[u8], cert: bool, subject: &[NameAttr]) -> ByteView {
    let mut w = Walk {
        nodes: Vec::new(),
        subject,
        next_attr: 0,
        problem: None,
    };
    w.walk(der, 0, 0, "", cert, false);
    ByteView {
        der: der.to_vec(),
        nodes: w.nodes,
        problem: w.problem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::facts::{identity, x509};

    fn pem_der(path: &str) -> Vec<u8> {
        let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        crate::engine::read::sniff::pem_blocks(&text).0.remove(0).der.unwrap()
    }

    #[test]
    fn a_request_names_its_parts_and_its_subject_says_what_kubernetes_makes_of_it() {
        let der = pem_der("tests/fixtures/csr-system-masters.pem");
        let mut c = x509::parse_csr(&der).unwrap();
        identity::from_subject(&mut c.subject);
        let v = tree(&der, false, &c.subject);
        assert_eq!(v.problem, None);
        assert_eq!(v.nodes[0].label, "request");
        assert_eq!(
            (v.nodes[0].offset, v.nodes[0].header as usize + v.nodes[0].length as usize),
            (0, der.len())
        );
        let subject = v.nodes.iter().find(|n| n.label == "subject").expect("the subject");
        assert_eq!(subject.tag, "SEQUENCE");
        let values: Vec<(&str, &str, &str)> = v
            .nodes
            .iter()
            .filter(|n| n.label == "value")
            .map(|n| (n.tag.as_str(), n.value.as_str(), n.meaning.as_str()))
            .collect();
        assert!(
            values.iter().any(|(_, v, m)| *v == "system:masters" && m.starts_with("a group")),
            "{values:?}"
        );
        assert!(
            values.iter().any(|(_, v, m)| *v == "mallory" && m.starts_with("the username")),
            "{values:?}"
        );
        // Every subject attribute is found, in the order the identity table shows them.
        let attrs: Vec<u32> = v.nodes.iter().filter(|n| n.label == "value").filter_map(|n| n.attr).collect();
        assert_eq!(attrs, (0..c.subject.len() as u32).collect::<Vec<_>>());
    }

    #[test]
    fn the_uid_attribute_says_what_the_release_does_with_it() {
        let der = pem_der("tests/fixtures/cert-uid-client.pem");
        for (reads_uid, says) in [
            (true, "the user's UID"),
            (false, "ignored by this release: the UID attribute is read from Kubernetes 1.34"),
        ] {
            let mut c = x509::parse_certificate(&der, 0).unwrap();
            identity::from_subject_for(&mut c.subject, reads_uid);
            let v = tree(&der, true, &c.subject);
            let uid = v
                .nodes
                .iter()
                .find(|n| n.label == "value" && n.value == "1a2b3c4d-amy")
                .expect("the UID's value");
            assert!(uid.meaning.starts_with(says), "{}", uid.meaning);
        }
    }

    #[test]
    fn broken_and_hostile_bytes_give_a_problem_not_a_panic() {
        for bytes in [&b""[..], b"\x30", b"\x30\x84\xff\xff\xff\xff", b"\x30\x03\x02\x01", &[0x30; 200]] {
            let v = tree(bytes, true, &[]);
            assert!(v.nodes.len() <= MAX_NODES);
            let _ = v.problem;
        }
        // Deep nesting stops at the limit.
        let mut deep = Vec::new();
        for _ in 0..100 {
            deep.insert(0, 0x30);
            let len = deep.len() - 1;
            deep.insert(1, len as u8);
            if deep.len() > 120 {
                break;
            }
        }
        let v = tree(&deep, true, &[]);
        assert!(v.nodes.iter().all(|n| n.depth <= MAX_DEPTH + 1));
    }
}
