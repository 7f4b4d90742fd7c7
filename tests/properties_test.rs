//! Property tests (issue #6): any bytes given to a decoder give a value or an error, never a
//! panic; and the whole engine gives a report or a clear error for any input.

use kube_cert_inspector::engine::facts::{keys, token, x509};
use kube_cert_inspector::engine::read::sniff as input;
use kube_cert_inspector::inspect;
use proptest::prelude::*;

const NOW: i64 = 1_795_478_400;

/// Text shaped like what the decoders look for, so the properties reach deep branches.
fn pemish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "-----BEGIN CERTIFICATE-----\n",
        "-----END CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE REQUEST-----",
        "-----BEGIN PRIVATE KEY-----\n",
        "-----END PRIVATE KEY-----",
        "MIIB",
        "MA==",
        "\\n",
        "\n",
        " ",
        "Proc-Type: 4,ENCRYPTED\n",
        "apiVersion: v1\n",
        "kind: List\n",
        "items:\n- ",
        "spec:\n  request: ",
        "kind: CertificateSigningRequest\n",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "eyJhbGciOiJub25lIn0.",
        "abcdef.0123456789abcdef",
        "\u{202e}",
        "\u{1b}[2J",
        "\0",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// YAML as people paste it and as an attacker writes it, for the YAML loader (issue #24's
/// saphyr-parser events): anchors and aliases, tags, flow and block collections, block scalars,
/// directives, document markers, and numbers in every spelling the loader resolves.
fn yamlish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a: ",
        "kind: CertificateSigningRequest\n",
        "spec:\n",
        "  ",
        "\n",
        "- ",
        "? ",
        ": ",
        "&a ",
        "*a",
        "&b ",
        "*b",
        "!!int ",
        "!!str ",
        "!!float ",
        "!!bool ",
        "!!null ",
        "!x ",
        "! ",
        "!!map ",
        "[",
        "]",
        "{",
        "}",
        ", ",
        "|\n",
        ">-\n",
        "'q'",
        "\"\\u263a\"",
        "\"",
        "'",
        "---\n",
        "...\n",
        "%YAML 1.2\n",
        "%TAG !e! tag:e,2000:\n",
        "!e!x ",
        "1",
        "-1",
        "0x1F",
        "0o7",
        "0b1",
        "1.5e3",
        ".5",
        "1.",
        ".inf",
        "-.Inf",
        ".nan",
        "0755",
        "99999999999999999999999",
        "~",
        "true",
        "null",
        "# c\n",
        "\t",
        "\u{feff}",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_engine_answers_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let r = inspect(&bytes, NOW);
        prop_assert!(r.error.is_some() || !r.objects.is_empty() || !r.input.not_understood.is_empty());
    }

    #[test]
    fn the_engine_answers_any_pem_like_text(text in pemish()) {
        let r = inspect(text.as_bytes(), NOW);
        if let Some(e) = &r.error {
            prop_assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn text_decoders_never_panic(text in pemish(), s in ".{0,300}") {
        let _ = input::pem_blocks(&text);
        let _ = input::decode_base64(&s);
        let _ = input::documents(&text);
        let _ = input::documents(&s);
        let _ = token::is_bootstrap(&s);
        let _ = token::parse(&s);
        let _ = token::parse(&text);
    }

    #[test]
    fn yaml_gives_values_or_a_message(text in yamlish()) {
        if let Err(e) = input::documents(&text) {
            prop_assert!(e.starts_with("expected") || e.starts_with("more than"), "{e}");
        }
        let r = inspect(text.as_bytes(), NOW);
        prop_assert!(r.error.is_some() || !r.objects.is_empty() || !r.input.not_understood.is_empty());
    }

    #[test]
    fn der_decoders_never_panic(der in prop::collection::vec(any::<u8>(), 0..1024), label in prop::sample::select(vec!["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PUBLIC KEY"])) {
        let _ = x509::parse_certificate(&der, NOW);
        let _ = x509::parse_csr(&der);
        let _ = x509::parse_spki(&der);
        let _ = keys::parse_private_key(Some(label), &der, false);
        let _ = keys::parse_private_key(None, &der, true);
        let _ = keys::parse_public_key(label, &der);
        let _ = input::looks_like_der(&der);
    }

    #[test]
    fn der_behind_a_sequence_header_never_panics(body in prop::collection::vec(any::<u8>(), 0..600)) {
        // Past the "looks like DER" gate, into x509-parser and the key readers.
        let mut der = vec![0x30, 0x82, (body.len() >> 8) as u8, body.len() as u8];
        der.extend(body);
        let _ = inspect(&der, NOW);
    }
}
