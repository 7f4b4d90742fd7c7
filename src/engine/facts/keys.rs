//! Private and public keys: recognised and summarised, never reproduced.
//!
//! Only the *public* half is derived (RSA modulus and exponent, the EC point a SEC1 key stores,
//! the Ed25519 public key computed from the seed) so a key can be matched with its certificate.
//! No secret byte is copied into the report.

use der_parser::ber::BerObject;
use der_parser::der::parse_der;
use serde::{Deserialize, Serialize};

use super::x509::{key_algorithm_name, key_id, named_curve, oid_text, rsa_key_id};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct KeyFacts {
    /// `private` or `public`.
    pub visibility: String,
    /// PEM label or format it came in ("PRIVATE KEY (PKCS#8)", "RSA PRIVATE KEY (PKCS#1)").
    pub format: String,
    pub algorithm: String,
    pub bits: Option<u32>,
    pub curve: Option<String>,
    pub summary: String,
    /// Encrypted keys cannot be read without the passphrase, so cannot be matched.
    pub encrypted: bool,
    /// Same value as `PublicKeyFacts::key_id` of the matching certificate or CSR; empty when unknown.
    pub key_id: String,
    /// Why the key could not be matched, when it could not.
    pub note: Option<String>,
}

fn int_bytes<'a>(o: &BerObject<'a>) -> Option<&'a [u8]> {
    o.as_slice().ok()
}

fn bit_len(b: &[u8]) -> u32 {
    let b = &b[b.iter().take_while(|x| **x == 0).count()..];
    match b.first() {
        Some(first) => (b.len() as u32) * 8 - first.leading_zeros(),
        None => 0,
    }
}

fn curve_of(oid: &str) -> (Option<String>, Option<u32>) {
    if oid.is_empty() {
        return (None, None);
    }
    let (name, bits) = named_curve(oid);
    (Some(name.to_string()), bits)
}

/// PKCS#1 RSAPrivateKey: SEQUENCE { version, n, e, d, p, q, ... }.
fn rsa_pkcs1(der: &[u8], format: &str) -> Result<KeyFacts, String> {
    let (_, obj) = parse_der(der).map_err(|_| "the RSA key is not valid DER".to_string())?;
    let seq = obj.as_sequence().map_err(|_| "the RSA key is not a SEQUENCE".to_string())?;
    let (n, e) = match (seq.get(1).and_then(int_bytes), seq.get(2).and_then(int_bytes)) {
        (Some(n), Some(e)) => (n, e),
        _ => return Err("the RSA key has no modulus and exponent".into()),
    };
    let bits = bit_len(n);
    Ok(KeyFacts {
        visibility: "private".into(),
        format: format.into(),
        algorithm: "RSA".into(),
        bits: Some(bits),
        summary: format!("RSA {bits}-bit private key"),
        key_id: rsa_key_id(n, e),
        ..Default::default()
    })
}

/// SEC1 ECPrivateKey: SEQUENCE { 1, OCTET STRING d, [0] curve OPTIONAL, [1] BIT STRING Q OPTIONAL }.
fn ec_sec1(der: &[u8], format: &str, outer_curve: Option<String>) -> Result<KeyFacts, String> {
    let (_, obj) = parse_der(der).map_err(|_| "the EC key is not valid DER".to_string())?;
    let seq = obj.as_sequence().map_err(|_| "the EC key is not a SEQUENCE".to_string())?;
    let mut curve_oid = outer_curve.unwrap_or_default();
    let mut point: Option<Vec<u8>> = None;
    for el in seq.iter().skip(2) {
        let tag = el.header.tag().0;
        let Ok(inner) = el.as_slice() else { continue };
        let Ok((_, inner)) = parse_der(inner) else { continue };
        if tag == 0 {
            if let Ok(oid) = inner.as_oid() {
                curve_oid = oid_text(oid);
            }
        } else if tag == 1 {
            if let Ok(bits) = inner.as_bitstring() {
                point = Some(bits.data.to_vec());
            }
        }
    }
    let (curve, bits) = curve_of(&curve_oid);
    let mut k = KeyFacts {
        visibility: "private".into(),
        format: format.into(),
        algorithm: "EC".into(),
        bits,
        summary: format!("EC {} private key", curve.as_deref().unwrap_or("(unknown curve)")),
        curve,
        ..Default::default()
    };
    match point {
        Some(p) => k.key_id = key_id(&[b"ec", &p]),
        None => k.note = Some("this EC key does not store its public point, so it cannot be matched here".into()),
    }
    Ok(k)
}

/// PKCS#8 PrivateKeyInfo: SEQUENCE { version, AlgorithmIdentifier, OCTET STRING key, ... }.
fn pkcs8(der: &[u8]) -> Result<KeyFacts, String> {
    let format = "PRIVATE KEY (PKCS#8)";
    let (_, obj) = parse_der(der).map_err(|_| "the key is not valid DER".to_string())?;
    let seq = obj.as_sequence().map_err(|_| "the key is not a PKCS#8 SEQUENCE".to_string())?;
    let alg = seq
        .get(1)
        .and_then(|a| a.as_sequence().ok())
        .ok_or("the key has no algorithm identifier")?;
    let oid = alg.first().and_then(|o| o.as_oid().ok()).map(|o| oid_text(o)).unwrap_or_default();
    let param = alg.get(1).and_then(|o| o.as_oid().ok()).map(|o| oid_text(o));
    let inner = seq.get(2).and_then(|o| o.as_slice().ok()).ok_or("the key has no key octets")?;
    match oid.as_str() {
        "1.2.840.113549.1.1.1" => rsa_pkcs1(inner, format),
        "1.2.840.10045.2.1" => ec_sec1(inner, format, param),
        "1.3.101.112" => {
            // CurvePrivateKey ::= OCTET STRING (the 32-byte seed); derive the public key.
            let seed = parse_der(inner).ok().and_then(|(_, o)| o.as_slice().ok().map(<[u8]>::to_vec));
            let mut k = KeyFacts {
                visibility: "private".into(),
                format: format.into(),
                algorithm: "Ed25519".into(),
                bits: Some(256),
                summary: "Ed25519 private key".into(),
                ..Default::default()
            };
            match seed.as_deref().map(ring::signature::Ed25519KeyPair::from_seed_unchecked) {
                Some(Ok(pair)) => {
                    use ring::signature::KeyPair;
                    k.key_id = key_id(&[b"raw", pair.public_key().as_ref()]);
                }
                _ => k.note = Some("the Ed25519 seed could not be read".into()),
            }
            Ok(k)
        }
        other => {
            let name = key_algorithm_name(other).to_string();
            Ok(KeyFacts {
                visibility: "private".into(),
                format: format.into(),
                summary: format!("{name} private key"),
                note: Some(format!("{name} keys are not matched to certificates by this tool")),
                algorithm: name,
                ..Default::default()
            })
        }
    }
}

/// Reads a private key given its PEM label (or `None` for bare DER, which is tried as PKCS#8
/// then PKCS#1). `encrypted_headers` is true for legacy `Proc-Type: 4,ENCRYPTED` blocks.
pub fn parse_private_key(label: Option<&str>, der: &[u8], encrypted_headers: bool) -> Result<KeyFacts, String> {
    let encrypted = |format: &str, algorithm: &str| KeyFacts {
        visibility: "private".into(),
        format: format.into(),
        algorithm: algorithm.into(),
        summary: format!(
            "encrypted {} private key",
            if algorithm.is_empty() { "(unknown type)" } else { algorithm }
        ),
        encrypted: true,
        note: Some("the key is encrypted with a passphrase, so it cannot be matched to a certificate here".into()),
        ..Default::default()
    };
    match label {
        Some("ENCRYPTED PRIVATE KEY") => Ok(encrypted("ENCRYPTED PRIVATE KEY (PKCS#8)", "")),
        Some("RSA PRIVATE KEY") if encrypted_headers => Ok(encrypted("RSA PRIVATE KEY (legacy encrypted PEM)", "RSA")),
        Some("EC PRIVATE KEY") if encrypted_headers => Ok(encrypted("EC PRIVATE KEY (legacy encrypted PEM)", "EC")),
        Some("RSA PRIVATE KEY") => rsa_pkcs1(der, "RSA PRIVATE KEY (PKCS#1)"),
        Some("EC PRIVATE KEY") => ec_sec1(der, "EC PRIVATE KEY (SEC1)", None),
        Some("DSA PRIVATE KEY") => Ok(KeyFacts {
            visibility: "private".into(),
            format: "DSA PRIVATE KEY".into(),
            algorithm: "DSA".into(),
            summary: "DSA private key".into(),
            encrypted: encrypted_headers,
            note: Some("DSA keys are not matched to certificates by this tool".into()),
            ..Default::default()
        }),
        Some("OPENSSH PRIVATE KEY") => Ok(KeyFacts {
            visibility: "private".into(),
            format: "OPENSSH PRIVATE KEY".into(),
            algorithm: "OpenSSH".into(),
            summary: "OpenSSH private key (an SSH key, not used by Kubernetes client certificates)".into(),
            note: Some("OpenSSH keys are not matched to certificates".into()),
            ..Default::default()
        }),
        Some(_) => pkcs8(der),
        None => pkcs8(der).or_else(|_| rsa_pkcs1(der, "RSA PRIVATE KEY (PKCS#1, DER)")),
    }
}

/// A `PUBLIC KEY` block (SubjectPublicKeyInfo) or `RSA PUBLIC KEY` (PKCS#1).
pub fn parse_public_key(label: &str, der: &[u8]) -> Result<KeyFacts, String> {
    if label == "RSA PUBLIC KEY" {
        let (_, obj) = parse_der(der).map_err(|_| "the RSA public key is not valid DER".to_string())?;
        let seq = obj.as_sequence().map_err(|_| "the RSA public key is not a SEQUENCE".to_string())?;
        let (Some(n), Some(e)) = (seq.first().and_then(int_bytes), seq.get(1).and_then(int_bytes)) else {
            return Err("the RSA public key has no modulus and exponent".into());
        };
        let bits = bit_len(n);
        return Ok(KeyFacts {
            visibility: "public".into(),
            format: label.into(),
            algorithm: "RSA".into(),
            bits: Some(bits),
            summary: format!("RSA {bits}-bit public key"),
            key_id: rsa_key_id(n, e),
            ..Default::default()
        });
    }
    let pk = super::x509::parse_spki(der)?;
    Ok(KeyFacts {
        visibility: "public".into(),
        format: "PUBLIC KEY (SubjectPublicKeyInfo)".into(),
        summary: format!("{} public key", pk.summary),
        algorithm: pk.algorithm,
        bits: pk.bits,
        curve: pk.curve,
        key_id: pk.key_id,
        ..Default::default()
    })
}
