//! Flags `spec.usages` that are empty, unknown or duplicated.
//!
//! Why: API validation requires at least one usage (`Required`), each from the fixed list in
//! `types.go` (`NotSupported` otherwise), and no repeats (`Duplicate`).
//! Instead: list the usages the signer expects, e.g. `[digital signature, client auth]`.
//! Reference: `pkg/apis/certificates/validation/validation.go`; `pkg/apis/certificates/types.go`.

use super::{Ctx, Hit, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub const KNOWN_USAGES: &[&str] = &[
    "signing",
    "digital signature",
    "content commitment",
    "key encipherment",
    "key agreement",
    "data encipherment",
    "cert sign",
    "crl sign",
    "encipher only",
    "decipher only",
    "any",
    "server auth",
    "client auth",
    "code signing",
    "email protection",
    "s/mime",
    "ipsec end system",
    "ipsec tunnel",
    "ipsec user",
    "timestamping",
    "ocsp signing",
    "microsoft sgc",
    "netscape sgc",
];

pub static RULE: Rule = Rule {
    id: "csr-usages-invalid",
    title: "spec.usages is empty, unknown or repeated",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "The API server requires at least one usage, each spelled exactly as Kubernetes defines it (\"client auth\", not \"clientAuth\"), with no duplicates; otherwise it refuses the object.",
    fix: "For a user's client certificate use usages: [\"digital signature\", \"key encipherment\", \"client auth\"].",
    reference: "kubernetes/kubernetes pkg/apis/certificates/validation/validation.go; pkg/apis/certificates/types.go (KeyUsage constants)",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(spec) = ctx.spec_fields() else {
        return Outcome::NotApplicable;
    };
    let mut hits = Vec::new();
    let mut reject = |d: String| hits.push(Hit::rejected(Severity::High, d));
    if spec.usages.is_empty() {
        reject("spec.usages is empty; at least one usage is required.".into());
    }
    for (i, u) in spec.usages.iter().enumerate() {
        if !KNOWN_USAGES.contains(&u.as_str()) {
            let hint = KNOWN_USAGES
                .iter()
                .find(|k| k.replace(' ', "").eq_ignore_ascii_case(&u.replace([' ', '-', '_'], "")))
                .map(|k| format!(" (did you mean \"{k}\"?)"))
                .unwrap_or_default();
            reject(format!("Unsupported usage \"{u}\"{hint}."));
        }
        if spec.usages[..i].contains(u) {
            reject(format!("Usage \"{u}\" is listed twice."));
        }
    }
    Outcome::from_hits(hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn empty_unknown_and_duplicate() {
        let s = "kubernetes.io/kube-apiserver-client";
        assert!(fails(run(&RULE, &csr_object(&[("CN", "a")], s, &[], "a"))));
        let o = run(&RULE, &csr_object(&[("CN", "a")], s, &["clientAuth"], "a"));
        assert!(detail(&o).contains("did you mean \"client auth\""), "{}", detail(&o));
        assert!(detail(&run(&RULE, &csr_object(&[("CN", "a")], s, &["client auth", "client auth"], "a"))).contains("twice"));
        assert_eq!(
            run(&RULE, &csr_object(&[("CN", "a")], s, &["digital signature", "client auth"], "a")),
            Outcome::Pass
        );
    }
}
