//! Flags a certificate used as a client credential whose extended key usage lacks client auth.
//!
//! Why: the API server's client-CA verify options require `ExtKeyUsageClientAuth`; a
//! certificate with only `serverAuth` is refused (test "server cert"). With no EKU extension at
//! all, any usage is allowed.
//! Reference: `staging/src/k8s.io/apiserver/pkg/server/dynamiccertificates/dynamic_cafile_content.go`
//! (defaultVerifyOptions); `x509_test.go` ("server cert").

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::{Role, Severity};

pub static RULE: Rule = Rule {
    id: "usage-client-auth-missing",
    title: "Not usable as a client certificate (no client auth EKU)",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "The API server only accepts client certificates whose extended key usage includes client auth (or that have no EKU at all). A serving-only certificate is refused, so this credential cannot log in.",
    fix: "Request the certificate with the \"client auth\" usage (spec.usages for CSRs, extendedKeyUsage=clientAuth for openssl).",
    reference: "kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/server/dynamiccertificates/dynamic_cafile_content.go; staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509_test.go (\"server cert\")",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(c) = ctx.cert() else { return Outcome::NotApplicable };
    let used_as_client = match ctx.obj.role {
        Role::KubeconfigClient => true,
        Role::CsrIssued => ctx
            .issuing_csr()
            .and_then(|s| s.signer_name.as_deref())
            .is_some_and(|s| s.contains("client")),
        _ => false,
    };
    if !used_as_client {
        return Outcome::NotApplicable;
    }
    Outcome::pass_if(c.extensions.allows_client_auth(), || {
        Outcome::rejected(
            Severity::High,
            format!(
                "Extended key usage is [{}]: the API server refuses it as a client certificate.",
                c.extensions.extended_key_usage.join(", ")
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn kubeconfig_client_needs_client_auth() {
        let mut c = cert(&[("CN", "a")], 10);
        assert_eq!(run(&RULE, &c), Outcome::NotApplicable, "standalone");
        c.role = Role::KubeconfigClient;
        assert_eq!(run(&RULE, &c), Outcome::Pass);
        c.certificate.as_mut().unwrap().extensions.extended_key_usage = vec!["server auth".into()];
        assert!(detail(&run(&RULE, &c)).contains("[server auth]"));
        c.certificate.as_mut().unwrap().extensions.has_extended_key_usage = false;
        assert_eq!(run(&RULE, &c), Outcome::Pass, "no EKU means any usage");
    }
}
