//! Flags a subject or issuer name that Go's parser refuses, and with it the whole certificate
//! or request: a PrintableString holding a character its type does not allow ('_', '@', …), a
//! UTF8String that is not UTF-8, a non-ASCII IA5String, a NumericString with more than digits
//! and spaces, an odd-length BMPString, and (certificates only) a value of no string type.
//!
//! Why: Go's crypto/x509 reads every attribute value with `parseASN1String` and fails
//! `ParseCertificate` with "x509: invalid RDNSequence: invalid attribute value: …" when one is
//! refused, so a client certificate cannot log in and a CA verifies nothing. A request is read
//! through encoding/asn1, which refuses the same bad strings (a value of no string type is kept
//! there, without a value), so `ParseCSR` fails and the API server answers `spec.request:
//! Invalid`. OpenSSL writes such names without complaint, which is how they reach a cluster.
//! (T61String and BMPString are read like any other string: see `x509::go_string`.)
//! Instead: write names as UTF8String (`openssl req -utf8`, `string_mask = utf8only`).
//! Reference: Go `crypto/x509/parser.go` (`parseName`, `parseASN1String`, `isPrintable`);
//! `encoding/asn1/asn1.go` (`parsePrintableString`, `parseIA5String`, …);
//! `pkg/apis/certificates/helpers.go` (ParseCSR).

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::facts::x509::{go_printable, NameAttr, OID_K8S_UID};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "identity-name-unparseable",
    title: "A name Go cannot parse: Kubernetes refuses it",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Go, and therefore every Kubernetes component, checks each subject and issuer value against its ASN.1 string type. One bad value (a PrintableString with '_' or '@', a UTF8String that is not UTF-8) and it cannot parse the certificate at all, so it cannot log in; a request with one is refused by the API server (spec.request: Invalid). OpenSSL writes such names without complaint.",
    fix: "Write the name as UTF8String: openssl req -utf8 (or string_mask = utf8only, the default in current OpenSSL), then request or issue it again.",
    reference: "Go crypto/x509 parser.go (parseName, parseASN1String); encoding/asn1 asn1.go; kubernetes/kubernetes pkg/apis/certificates/helpers.go (ParseCSR)",
};

/// "the subject's CN \"alice_b\" (invalid PrintableString: '_' is not allowed)".
fn describe(which: &str, a: &NameAttr, why: &str) -> String {
    let shown = crate::engine::util::clip(&a.value, 60);
    if why == "invalid PrintableString" {
        let mut seen: Vec<char> = Vec::new();
        for c in a.value.chars().filter(|c| !c.is_ascii() || !go_printable(*c as u8)) {
            if !seen.contains(&c) {
                seen.push(c);
            }
        }
        let list: Vec<String> = seen.iter().take(5).map(|c| format!("{c:?}")).collect();
        return format!(
            "the {which}'s {} \"{shown}\" (invalid PrintableString: {} not allowed in that type)",
            a.short,
            list.join(", ")
        );
    }
    format!("the {which}'s {} \"{shown}\" ({why})", a.short)
}

fn check(ctx: &Ctx) -> Outcome {
    if let Some(c) = ctx.cert() {
        let refused: Vec<String> = [("subject", &c.subject), ("issuer", &c.issuer)]
            .iter()
            .flat_map(|(which, attrs)| {
                attrs
                    .iter()
                    // A UID of no string type: identity-invalid-uid says so.
                    .filter(|a| !(*which == "subject" && a.oid == OID_K8S_UID && a.not_a_string))
                    .filter_map(move |a| a.go_error.as_deref().map(|why| describe(which, a, why)))
            })
            .collect();
        if refused.is_empty() {
            return Outcome::Pass;
        }
        return Outcome::rejected(
            Severity::High,
            format!(
                "Go's crypto/x509 cannot parse this certificate (\"x509: invalid RDNSequence: invalid attribute value\"): {}. No Kubernetes component can read it, so it cannot log in, and as a CA it verifies nothing.",
                refused.join("; ")
            ),
        );
    }
    let Some(r) = ctx.csr() else { return Outcome::NotApplicable };
    let refused: Vec<String> = r
        .subject
        .iter()
        .filter(|a| !a.not_a_string)
        .filter_map(|a| a.go_error.as_deref().map(|why| describe("subject", a, why)))
        .collect();
    if refused.is_empty() {
        return Outcome::Pass;
    }
    Outcome::rejected(
        Severity::High,
        format!(
            "Go cannot parse this request: {}. The API server refuses it when it is created (spec.request: Invalid), so there is nothing to approve.",
            refused.join("; ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    fn spoil(o: &mut crate::engine::report::Object, i: usize, why: &str, not_a_string: bool) {
        let attrs = match (&mut o.certificate, &mut o.request) {
            (Some(c), _) => &mut c.subject,
            (_, Some(r)) => &mut r.subject,
            _ => unreachable!(),
        };
        attrs[i].go_error = Some(why.into());
        attrs[i].not_a_string = not_a_string;
    }

    #[test]
    fn a_bad_string_makes_go_refuse_a_certificate_and_a_request() {
        let mut c = cert(&[("O", "dev"), ("CN", "alice_b")], 10);
        assert_eq!(run(&RULE, &c), Outcome::Pass);
        spoil(&mut c, 1, "invalid PrintableString", false);
        let o = run(&RULE, &c);
        assert!(
            detail(&o).contains("CN \"alice_b\" (invalid PrintableString: '_' not allowed"),
            "{}",
            detail(&o)
        );
        assert!(matches!(&o, Outcome::Fail(h) if h[0].rejected_by_kubernetes));
        let mut r = csr(&[("CN", "a@b")]);
        spoil(&mut r, 0, "invalid PrintableString", false);
        assert!(detail(&run(&RULE, &r)).contains("spec.request: Invalid"));
    }

    #[test]
    fn a_value_of_no_string_type_only_breaks_certificates() {
        let mut c = cert(&[("CN", "a"), ("OU", "#0201")], 10);
        spoil(&mut c, 1, "unsupported string type: 2", true);
        assert!(detail(&run(&RULE, &c)).contains("unsupported string type: 2"));
        let mut r = csr(&[("CN", "a"), ("OU", "#0201")]);
        spoil(&mut r, 1, "unsupported string type: 2", true);
        assert_eq!(run(&RULE, &r), Outcome::Pass, "Go's CSR parser keeps it, with no value");
        let mut uid = cert(&[("CN", "a"), ("k8s-uid", "#3000")], 10);
        spoil(&mut uid, 1, "unsupported string type: 16", true);
        assert_eq!(run(&RULE, &uid), Outcome::Pass, "identity-invalid-uid reports it");
    }
}
