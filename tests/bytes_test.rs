//! The byte view (issue #22): every element's offset, depth, header and content length is what
//! `openssl asn1parse` prints for the same certificate or request.

use kube_cert_inspector::engine::facts::{asn1, identity, x509};
use std::process::Command;

fn pem_der(path: &str) -> Vec<u8> {
    let text = std::fs::read_to_string(path).unwrap();
    let b64: String = text
        .lines()
        .skip_while(|l| !l.starts_with("-----BEGIN"))
        .skip(1)
        .take_while(|l| !l.starts_with("-----END"))
        .collect();
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(b64).unwrap()
}

/// (offset, depth, header length, length) of every element, as openssl asn1parse lists them.
fn openssl_elements(der: &[u8]) -> Vec<(u32, u8, u32, u32)> {
    let dir = std::env::temp_dir().join(format!("kci-asn1-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("x.der");
    std::fs::write(&f, der).unwrap();
    let out = Command::new("openssl")
        .args(["asn1parse", "-inform", "DER", "-in"])
        .arg(&f)
        .output()
        .expect("openssl runs");
    let text = String::from_utf8_lossy(&out.stdout);
    // "    4:d=1  hl=4 l= 391 cons: SEQUENCE"
    text.lines()
        .filter_map(|l| {
            let (off, rest) = l.split_once(":d=")?;
            let (d, rest) = rest.split_once("hl=")?;
            let (hl, rest) = rest.split_once("l=")?;
            let l = rest.split_whitespace().next()?;
            Some((
                off.trim().parse().ok()?,
                d.trim().parse().ok()?,
                hl.trim().parse().ok()?,
                l.trim().parse().ok()?,
            ))
        })
        .collect()
}

#[test]
fn offsets_and_lengths_match_openssl_asn1parse() {
    let root = env!("CARGO_MANIFEST_DIR");
    for (file, cert) in [
        ("tests/fixtures/cert-developer.pem", true),
        ("tests/fixtures/cert-uid-client.pem", true),
        ("tests/fixtures/csr-system-masters.pem", false),
        ("tests/fixtures/csr-bmp-system-masters.pem", false),
        ("tests/fixtures/csr-multivalued-rdn.pem", false),
    ] {
        let der = pem_der(&format!("{root}/{file}"));
        let mut subject = if cert {
            x509::parse_certificate(&der, 0).unwrap().subject
        } else {
            x509::parse_csr(&der).unwrap().subject
        };
        identity::from_subject(&mut subject);
        let view = asn1::tree(&der, cert, &subject);
        assert_eq!(view.problem, None, "{file}");
        let ours: Vec<(u32, u8, u32, u32)> = view.nodes.iter().map(|n| (n.offset, n.depth, n.header, n.length)).collect();
        let theirs = openssl_elements(&der);
        assert!(theirs.len() > 10, "{file}: openssl listed {} elements", theirs.len());
        assert_eq!(ours, theirs, "{file}");
        // Each subject attribute's value is found and labelled.
        let labelled = view.nodes.iter().filter(|n| n.label == "value" && n.attr.is_some()).count();
        assert_eq!(labelled, subject.len(), "{file}");
    }
}
