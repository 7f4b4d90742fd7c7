//! Notes a signer that is not built into Kubernetes, and a `kubernetes.io` name no built-in
//! signer answers to.
//!
//! Why: Kubernetes knows nothing about a custom signer's rules: which usages and subjects it
//! accepts, how long it issues for, who trusts what it signs. This tool can only report what
//! the request asks for, not what will be issued.
//! Kubernetes reserves `kubernetes.io` and `*.kubernetes.io` (`IsKubernetesSignerName`) but signs
//! CSRs only for four names (`kube-apiserver-client`, `kube-apiserver-client-kubelet`,
//! `kubelet-serving`, `legacy-unknown`): any other reserved name passes validation and is never
//! signed.
//! Instead: read that signer's documentation (cert-manager, a service mesh, a cloud provider).
//! Reference: https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#custom-signers

use super::{Ctx, Outcome, Rule, Texts, BUILT_IN_SIGNERS};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "csr-custom-signer",
    title: "Custom signer: its rules are unknown here",
    severity: Severity::Low,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Only the kubernetes.io signers have rules Kubernetes documents. A custom signer decides for itself which subjects, usages and lifetimes it accepts and who trusts its certificates, so nothing here can say what approving will produce.",
    fix: "Check the signer's own documentation, and approve only if you know who trusts certificates from it (the API server does only if its CA is in --client-ca-file).",
    reference: "https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#custom-signers",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(signer) = ctx.signer() else {
        return Outcome::NotApplicable;
    };
    let domain = signer.split('/').next().unwrap_or("");
    if BUILT_IN_SIGNERS.contains(&signer) {
        Outcome::Pass
    } else if domain == "kubernetes.io" || domain.ends_with(".kubernetes.io") {
        Outcome::fail(
            Severity::Medium,
            format!("Signer {signer} is in the kubernetes.io namespace, but Kubernetes implements only {}: nothing will ever sign this request, approved or not.", BUILT_IN_SIGNERS.join(", ")),
        )
    } else {
        Outcome::fail(
            Severity::Low,
            format!("Signer {signer} is not built in: its acceptance rules, issued lifetime and trust are not known to Kubernetes."),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn custom_signers_are_noted() {
        assert!(fails(run(&RULE, &csr_object(&[("CN", "a")], "example.com/issuer", &[], "a"))));
        assert_eq!(
            run(&RULE, &csr_object(&[("CN", "a")], "kubernetes.io/kube-apiserver-client", &[], "a")),
            Outcome::Pass
        );
        assert_eq!(run(&RULE, &csr(&[("CN", "a")])), Outcome::NotApplicable);
        let reserved = run(
            &RULE,
            &csr_object(&[("CN", "a")], "kubernetes.io/kube-apiserver-client-pod", &[], "a"),
        );
        assert_eq!(severity(&reserved), Some(Severity::Medium));
        assert!(detail(&reserved).contains("nothing will ever sign"));
    }
}
