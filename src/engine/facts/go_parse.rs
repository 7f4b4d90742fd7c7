//! What Go's `crypto/x509` refuses, or reads differently, where x509-parser is lenient (issue
//! #21). kube-apiserver parses every client certificate with `x509.ParseCertificate` and every
//! request with `x509.ParseCertificateRequest`; what they refuse, Kubernetes cannot use at all.
//!
//! Checked here, in Go's order and with Go's own error text (`crypto/x509/parser.go`,
//! `parseCertificate`; `x509.go`, `parseCSRExtensions`; `cryptobyte`'s `ReadASN1Integer`,
//! `ReadASN1UTCTime`, `ReadASN1GeneralizedTime`), for Go 1.23 and later as Kubernetes builds it:
//! the version; the serial number (minimally encoded, and not negative: refused since Go 1.23,
//! which Kubernetes keeps through its `godebug default=go1.NN`); the inner and outer signature
//! algorithm identifiers, byte for byte; each validity time exactly as Go formats it back (no
//! fractional seconds, `Z` rather than `+0000`); on version 3 only, the extensions: no OID twice,
//! the subject key identifier and authority info access never critical. And what `Verify` refuses
//! later: a critical extension Go does not handle ("x509: unhandled critical extension").
//!
//! The certificate has already been read by x509-parser; this walks its DER once more with a
//! small reader that never panics.

use super::x509::{self, ExtensionSummary};

/// One DER element: its tag byte and its contents.
struct Tlv<'a> {
    tag: u8,
    content: &'a [u8],
}

/// Reads the next element of `input`; `None` on anything malformed (long-form tags, indefinite
/// or non-minimal lengths, truncation).
fn next<'a>(input: &mut &'a [u8]) -> Option<Tlv<'a>> {
    let all: &'a [u8] = input;
    let tag = *all.first()?;
    if tag & 0x1f == 0x1f {
        return None;
    }
    let first = *all.get(1)?;
    let (len, head) = if first < 0x80 {
        (first as usize, 2)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 {
            return None;
        }
        let bytes = all.get(2..2 + n)?;
        if bytes[0] == 0 {
            return None;
        }
        let len = bytes.iter().fold(0usize, |l, b| (l << 8) | *b as usize);
        if len < 0x80 {
            return None;
        }
        (len, 2 + n)
    };
    let end = head.checked_add(len)?;
    let content = all.get(head..end)?;
    *input = &all[end..];
    Some(Tlv { tag, content })
}

const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;
const OID: u8 = 0x06;
const BOOLEAN: u8 = 0x01;

/// `cryptobyte`'s rule for an INTEGER: present, and minimally encoded.
fn integer_ok(b: &[u8]) -> bool {
    match b {
        [] => false,
        [0x00, next, ..] if *next < 0x80 => false,
        [0xff, next, ..] if *next >= 0x80 => false,
        _ => true,
    }
}

fn digits(s: &[u8]) -> bool {
    s.iter().all(u8::is_ascii_digit)
}

/// A zone as Go's `Z0700` writes it back: `Z`, or a non-zero `+hhmm` / `-hhmm` offset.
fn zone_ok(z: &[u8]) -> bool {
    match z {
        b"Z" => true,
        [b'+' | b'-', rest @ ..] => rest.len() == 4 && digits(rest) && rest != b"0000",
        _ => false,
    }
}

/// `d` is MMDDhhmm[ss]: month 01-12, a day the month has, hour 00-23, minute and second 00-59,
/// as Go's time.Parse checks them.
fn clock_ok(d: &[u8], year: i32) -> bool {
    let n = |i: usize| ((d[i] - b'0') as u32) * 10 + (d[i + 1] - b'0') as u32;
    let (month, day, hour, min) = (n(0), n(2), n(4), n(6));
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    let sec_ok = d.len() < 10 || n(8) <= 59;
    (1..=days).contains(&day) && hour <= 23 && min <= 59 && sec_ok
}

/// `ReadASN1UTCTime`: YYMMDDhhmmss then a zone (or, as Go allows, YYMMDDhhmm then a zone), and
/// the value must read back the same.
fn utc_time_ok(s: &[u8]) -> bool {
    [12usize, 10].iter().any(|&n| {
        s.len() > n && digits(&s[..n]) && zone_ok(&s[n..]) && {
            let yy = ((s[0] - b'0') as i32) * 10 + (s[1] - b'0') as i32;
            clock_ok(&s[2..n], if yy >= 50 { 1900 + yy } else { 2000 + yy })
        }
    })
}

/// `ReadASN1GeneralizedTime`: exactly YYYYMMDDhhmmss then a zone (no fractional seconds).
fn generalized_time_ok(s: &[u8]) -> bool {
    s.len() > 14 && digits(&s[..14]) && zone_ok(&s[14..]) && {
        let year = s[..4].iter().fold(0i32, |y, c| y * 10 + (c - b'0') as i32);
        clock_ok(&s[4..14], year)
    }
}

fn time_error(t: &Tlv) -> Option<&'static str> {
    match t.tag {
        UTC_TIME if !utc_time_ok(t.content) => Some("x509: malformed UTCTime"),
        GENERALIZED_TIME if !generalized_time_ok(t.content) => Some("x509: malformed GeneralizedTime"),
        UTC_TIME | GENERALIZED_TIME => None,
        _ => Some("x509: unsupported time format"),
    }
}

/// An extension: its OID (dotted), whether it is critical.
fn extension(e: &Tlv) -> Option<(String, bool)> {
    let mut body = e.content;
    let oid = next(&mut body).filter(|t| t.tag == OID)?;
    let critical = match body.first() {
        Some(&BOOLEAN) => next(&mut body)?.content.first().is_some_and(|b| *b != 0),
        _ => false,
    };
    let dotted = x509::oid_text(&x509_parser::der_parser::oid::Oid::new(std::borrow::Cow::Borrowed(oid.content)));
    Some((dotted, critical))
}

/// Why Go's `x509.ParseCertificate` refuses this certificate, in its words; `None` when the
/// checks here find nothing. Names are judged by `x509::go_string`: `issuer_refused` and
/// `subject_refused` say whether Go refuses a value of either, and Go stops at the first of them
/// it meets (the issuer after the signature algorithm, the subject after the validity), so the
/// checks after it do not speak.
pub fn certificate_error(der: &[u8], issuer_refused: bool, subject_refused: bool) -> Option<String> {
    let mut input = der;
    let cert = next(&mut input).filter(|t| t.tag == SEQUENCE)?;
    let mut outer = cert.content;
    let tbs = next(&mut outer).filter(|t| t.tag == SEQUENCE)?;
    let mut t = tbs.content;
    let mut version = 1;
    if t.first() == Some(&0xa0) {
        let v = next(&mut t)?;
        let mut inner = v.content;
        let int = next(&mut inner).filter(|i| i.tag == INTEGER && integer_ok(i.content) && inner.is_empty());
        let Some(int) = int else {
            return Some("x509: malformed version".into());
        };
        if int.content[0] >= 0x80 {
            return Some("x509: malformed version".into());
        }
        let n = int
            .content
            .iter()
            .fold(0u64, |n, b| n.saturating_mul(256).saturating_add(*b as u64));
        if n > 2 {
            return Some("x509: invalid version".into());
        }
        version = n + 1;
    }
    let serial = next(&mut t).filter(|s| s.tag == INTEGER);
    match serial {
        Some(s) if !integer_ok(s.content) => return Some("x509: malformed serial number".into()),
        Some(s) if s.content[0] >= 0x80 => return Some("x509: negative serial number".into()),
        Some(_) => {}
        None => return Some("x509: malformed serial number".into()),
    }
    let inner_alg = next(&mut t).filter(|a| a.tag == SEQUENCE)?;
    let outer_alg = next(&mut outer).filter(|a| a.tag == SEQUENCE)?;
    if inner_alg.content != outer_alg.content {
        return Some("x509: inner and outer signature algorithm identifiers don't match".into());
    }
    let _issuer = next(&mut t)?;
    if issuer_refused {
        return None;
    }
    let validity = next(&mut t).filter(|v| v.tag == SEQUENCE)?;
    let mut times = validity.content;
    for _ in 0..2 {
        let time = next(&mut times)?;
        if let Some(e) = time_error(&time) {
            return Some(e.into());
        }
    }
    let _subject = next(&mut t)?;
    if subject_refused {
        return None;
    }
    let _spki = next(&mut t)?;
    if version < 3 {
        // Go skips the unique IDs of a v2 certificate and never reads extensions below v3.
        return None;
    }
    while let Some(x) = next(&mut t) {
        if x.tag != 0xa3 {
            continue;
        }
        let mut wrapped = x.content;
        let list = next(&mut wrapped).filter(|l| l.tag == SEQUENCE)?;
        let mut exts = list.content;
        let mut seen: Vec<String> = Vec::new();
        while let Some(e) = next(&mut exts) {
            let (oid, critical) = extension(&e)?;
            if seen.contains(&oid) {
                return Some(format!("x509: certificate contains duplicate extension with OID \"{oid}\""));
            }
            if critical && oid == "2.5.29.14" {
                return Some("x509: subject key identifier incorrectly marked critical".into());
            }
            if critical && oid == "1.3.6.1.5.5.7.1.1" {
                return Some("x509: authority info access incorrectly marked critical".into());
            }
            seen.push(oid);
        }
    }
    None
}

/// Why Go's `x509.ParseCertificateRequest` refuses this request (beyond its names): the same
/// extension requested twice ("x509: certificate request contains duplicate requested
/// extensions"). `requested` is the OIDs of the requested extensions, in order.
pub fn request_error(requested: &[String]) -> Option<String> {
    let mut seen: Vec<&str> = Vec::new();
    for oid in requested {
        if seen.contains(&oid.as_str()) {
            return Some("x509: certificate request contains duplicate requested extensions".into());
        }
        seen.push(oid);
    }
    None
}

/// The critical extensions Go does not handle, which make `Verify` refuse the certificate
/// ("x509: unhandled critical extension"): every critical extension but key usage, basic
/// constraints, a non-empty SAN, name constraints, CRL distribution points, authority and
/// subject key identifiers, certificate policies, policy mappings and constraints, extended key
/// usage, inhibit anyPolicy and authority info access (`processExtensions`).
pub fn unhandled_critical(list: &[ExtensionSummary], sans_empty: bool) -> Vec<String> {
    const HANDLED: &[&str] = &[
        "2.5.29.15",
        "2.5.29.19",
        "2.5.29.30",
        "2.5.29.31",
        "2.5.29.35",
        "2.5.29.36",
        "2.5.29.37",
        "2.5.29.14",
        "2.5.29.32",
        "2.5.29.33",
        "2.5.29.54",
        "1.3.6.1.5.5.7.1.1",
    ];
    list.iter()
        .filter(|e| e.critical && !HANDLED.contains(&e.oid.as_str()) && (e.oid != "2.5.29.17" || sans_empty))
        .map(|e| e.oid.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_as_cryptobyte_reads_them() {
        assert!(integer_ok(&[0x01]));
        assert!(integer_ok(&[0x00, 0x80]));
        assert!(integer_ok(&[0xff]));
        assert!(!integer_ok(&[]));
        assert!(!integer_ok(&[0x00, 0x10]));
        assert!(!integer_ok(&[0xff, 0x80]));
    }

    #[test]
    fn times_as_go_formats_them_back() {
        assert!(utc_time_ok(b"260101000000Z"));
        assert!(utc_time_ok(b"2601010000Z"));
        assert!(utc_time_ok(b"260101000000+0100"));
        assert!(!utc_time_ok(b"260101000000+0000"));
        assert!(!utc_time_ok(b"260101000000"));
        assert!(!utc_time_ok(b"261301000000Z"));
        assert!(!utc_time_ok(b"260230000000Z"));
        assert!(utc_time_ok(b"240229000000Z"));
        assert!(generalized_time_ok(b"20260101000000Z"));
        assert!(!generalized_time_ok(b"20260101000000.5Z"));
        assert!(!generalized_time_ok(b"202601010000Z"));
        assert!(!generalized_time_ok(b"20260101000000+0000"));
    }

    #[test]
    fn extensions_read_with_their_oids_in_dotted_form() {
        let read = |der: &[u8]| {
            let mut input = der;
            next(&mut input).and_then(|t| extension(&t))
        };
        // SEQUENCE { OID 2.5.29.37, OCTET STRING {} }
        assert_eq!(
            read(&[0x30, 0x07, 0x06, 0x03, 0x55, 0x1d, 0x25, 0x04, 0x00]),
            Some(("2.5.29.37".to_string(), false))
        );
        // SEQUENCE { OID 1.3.6.1.4.1.57683.2, BOOLEAN TRUE, OCTET STRING {} }
        let long = [
            0x30, 0x10, 0x06, 0x09, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xc2, 0x53, 0x02, 0x01, 0x01, 0xff, 0x04, 0x00,
        ];
        assert_eq!(read(&long), Some(("1.3.6.1.4.1.57683.2".to_string(), true)));
    }

    #[test]
    fn hostile_bytes_are_no_error_and_no_panic() {
        for der in [
            &b""[..],
            &[0x30],
            &[0x30, 0x84, 0xff, 0xff, 0xff, 0xff],
            &[0x30, 0x80, 0x00, 0x00],
            &[0x1f, 0x00],
        ] {
            assert_eq!(certificate_error(der, false, false), None);
        }
    }

    #[test]
    fn unhandled_critical_extensions_as_go_lists_them() {
        let l = |v: &[(&str, bool)]| {
            v.iter()
                .map(|(o, c)| ExtensionSummary {
                    oid: o.to_string(),
                    name: String::new(),
                    critical: *c,
                })
                .collect::<Vec<_>>()
        };
        assert!(unhandled_critical(&l(&[("2.5.29.15", true), ("2.5.29.19", true)]), false).is_empty());
        assert_eq!(unhandled_critical(&l(&[("1.2.3", true), ("1.2.4", false)]), false), vec!["1.2.3"]);
        assert_eq!(unhandled_critical(&l(&[("2.5.29.17", true)]), true), vec!["2.5.29.17"]);
        assert!(unhandled_critical(&l(&[("2.5.29.17", true)]), false).is_empty());
    }
}
