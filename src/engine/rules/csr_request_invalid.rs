//! Flags a CSR whose `spec.request` cannot be read, is not a `CERTIFICATE REQUEST` PEM block,
//! or whose own signature does not verify.
//!
//! Why: the API validates `spec.request` with `ParseCSR` (first PEM block, type exactly
//! `CERTIFICATE REQUEST`, valid PKCS#10) and then `CheckSignature()`; any failure is
//! `spec.request: Invalid` and the object is refused. A bad self-signature also means the
//! requester may not hold the private key.
//! Instead: regenerate the request with `openssl req -new -key KEY -subj ... -out req.csr` and
//! base64 it without line breaks.
//! Reference: `pkg/apis/certificates/validation/validation.go`; `pkg/apis/certificates/helpers.go` (ParseCSR).

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::facts::x509::SignatureCheck;
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "csr-request-invalid",
    title: "The request itself is invalid",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "The API server parses spec.request as a PEM CERTIFICATE REQUEST and checks its self-signature, which proves the requester holds the private key. If either fails the object is rejected (spec.request: Invalid).",
    fix: "Regenerate the request: openssl req -new -key user.key -subj \"/CN=alice/O=dev\" -out user.csr, then put $(base64 -w0 < user.csr) in spec.request.",
    reference: "kubernetes/kubernetes pkg/apis/certificates/validation/validation.go; pkg/apis/certificates/helpers.go (ParseCSR)",
};

fn check(ctx: &Ctx) -> Outcome {
    if let Some(e) = ctx.spec().and_then(|s| s.request_error.as_ref()) {
        return Outcome::rejected(Severity::High, format!("{e}."));
    }
    let Some(csr) = ctx.csr() else { return Outcome::NotApplicable };
    match &csr.signature {
        SignatureCheck::Valid => Outcome::Pass,
        SignatureCheck::Invalid => Outcome::rejected(
            Severity::High,
            "The CSR's signature does not verify with its own public key: it was altered, or made without the matching private key.",
        ),
        SignatureCheck::Unchecked(why) => Outcome::fail(Severity::Info, format!("The CSR's signature could not be checked here ({why}).")),
        SignatureCheck::Refused(e) => Outcome::rejected(
            Severity::High,
            format!("Kubernetes 1.33+ (built with Go 1.24+) cannot check this CSR's signature: \"{e}\", so the API refuses it (spec.request: Invalid). Older versions accepted it."),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn bad_signature_and_unreadable_request_are_rejected() {
        let mut o = csr(&[("CN", "a")]);
        assert_eq!(run(&RULE, &o), Outcome::Pass);
        o.request.as_mut().unwrap().signature = SignatureCheck::Invalid;
        assert!(fails(run(&RULE, &o)));
        o.request.as_mut().unwrap().signature = SignatureCheck::Refused("crypto/rsa: 512-bit keys are insecure".into());
        assert!(detail(&run(&RULE, &o)).contains("512-bit keys are insecure"));
        let mut obj = csr_object(&[("CN", "a")], "kubernetes.io/kube-apiserver-client", &["client auth"], "a");
        obj.csr_object.as_mut().unwrap().request_error = Some("spec.request is not valid base64".into());
        assert!(detail(&run(&RULE, &obj)).contains("base64"));
        assert_eq!(run(&RULE, &cert(&[("CN", "a")], 1)), Outcome::NotApplicable);
    }
}
