//! Flags a certificate or request that Go's `crypto/x509` refuses to parse, for anything but its
//! names (identity-name-unparseable covers those): a negative serial number (refused since Go
//! 1.23, which Kubernetes keeps), a serial or version not minimally encoded, a validity time Go
//! does not write back the same (a GeneralizedTime with fractional seconds, `+0000` for `Z`),
//! inner and outer signature algorithms that differ, an extension present twice, a subject key
//! identifier or authority info access marked critical; in a request, an extension requested
//! twice.
//!
//! Why: kube-apiserver reads client certificates with `x509.ParseCertificate` and requests with
//! `x509.ParseCertificateRequest`. What they refuse cannot log in, verifies nothing as a CA, and
//! as a CertificateSigningRequest is refused when it is created (spec.request: Invalid). Lenient
//! parsers (OpenSSL, browsers) read such files without complaint, which is how they reach a
//! cluster.
//! Instead: issue it again with a tool that writes what Go reads (`kubeadm`, `openssl` 3 with a
//! positive serial, Go's own `x509.CreateCertificate`).
//! Reference: Go `crypto/x509/parser.go` (`parseCertificate`, `parseTime`), `x509.go`
//! (`parseCSRExtensions`), the Go 1.23 release notes (negative serial numbers);
//! `pkg/apis/certificates/helpers.go` (ParseCSR).

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "x509-go-refuses",
    title: "Go cannot parse it: Kubernetes cannot use it",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Every Kubernetes component parses certificates and requests with Go's crypto/x509, which is stricter than OpenSSL: a negative serial number, a time with fractional seconds, two signature algorithms that differ, an extension given twice. What Go refuses cannot log in, verifies nothing as a CA, and as a CertificateSigningRequest is refused when it is created.",
    fix: "Issue it again with a tool that writes what Go reads: kubeadm, or openssl with a positive serial (-set_serial 0x...) and its default time encoding, or Go's x509.CreateCertificate.",
    reference: "Go crypto/x509 parser.go (parseCertificate, parseTime) and x509.go (parseCSRExtensions); Go 1.23 release notes (negative serial numbers); kubernetes/kubernetes pkg/apis/certificates/helpers.go (ParseCSR)",
};

fn check(ctx: &Ctx) -> Outcome {
    if let Some(c) = ctx.cert() {
        let Some(e) = &c.go_error else { return Outcome::Pass };
        return Outcome::rejected(
            Severity::High,
            format!("Go's x509.ParseCertificate refuses this certificate: \"{e}\". No Kubernetes component can read it, so it cannot log in, and as a CA it verifies nothing."),
        );
    }
    let Some(r) = ctx.csr() else { return Outcome::NotApplicable };
    match &r.go_error {
        None => Outcome::Pass,
        Some(e) => Outcome::rejected(
            Severity::High,
            format!("Go's x509.ParseCertificateRequest refuses this request: \"{e}\". The API server refuses it when it is created (spec.request: Invalid), so there is nothing to approve."),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn what_go_refuses_is_rejected_by_kubernetes() {
        let mut c = cert(&[("CN", "amy")], 10);
        assert_eq!(run(&RULE, &c), Outcome::Pass);
        c.certificate.as_mut().unwrap().go_error = Some("x509: negative serial number".into());
        let o = run(&RULE, &c);
        assert!(detail(&o).contains("\"x509: negative serial number\""), "{}", detail(&o));
        assert!(matches!(&o, Outcome::Fail(h) if h[0].rejected_by_kubernetes));
        let mut r = csr(&[("CN", "amy")]);
        assert_eq!(run(&RULE, &r), Outcome::Pass);
        r.request.as_mut().unwrap().go_error = Some("x509: certificate request contains duplicate requested extensions".into());
        assert!(detail(&run(&RULE, &r)).contains("spec.request: Invalid"));
    }
}
