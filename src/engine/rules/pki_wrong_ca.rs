//! Flags a file of kubeadm's layout signed by a different CA than kubeadm signs it with (an etcd
//! client signed by the cluster CA, a front-proxy client signed by the cluster CA …), by verified
//! signature, not by names.
//!
//! Why: each mTLS link trusts exactly one CA: etcd trusts only `etcd/ca.crt` for clients,
//! extension API servers only `front-proxy-ca.crt`, the API server and kubelets only `ca.crt`.
//! A certificate from another CA is refused with "x509: certificate signed by unknown
//! authority", the confusing error the mix-up gives.
//! Instead: re-issue it from the right CA (`kubeadm certs renew NAME` does, with kubeadm's CA
//! files in place).
//! Reference: kubernetes/kubernetes cmd/kubeadm/app/phases/certs/certlist.go (CAName of each
//! certificate); kubernetes.io/docs/setup/best-practices/certificates/.

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "pki-wrong-ca",
    title: "Signed by the wrong CA for kubeadm's layout",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Each link of the control plane trusts exactly one CA: etcd trusts only etcd/ca.crt, extension API servers only front-proxy-ca.crt, the API server and kubelets only ca.crt. A certificate from another CA is refused with \"x509: certificate signed by unknown authority\".",
    fix: "Re-issue the certificate from the CA kubeadm uses for it: kubeadm certs renew NAME (with the CA's key in place), then restart the component.",
    reference: "kubernetes/kubernetes cmd/kubeadm/app/phases/certs/certlist.go; kubernetes.io/docs/setup/best-practices/certificates/",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(f) = ctx.pki_file().filter(|f| f.kind == "cert" || f.kind == "kubeconfig-cert") else {
        return Outcome::NotApplicable;
    };
    let pki = ctx
        .pki
        .map(|p| p.authorities.iter().any(|a| a.name == f.expect && !a.missing))
        .unwrap_or(false);
    if !pki {
        return Outcome::NotApplicable; // the expected CA is not in the input: nothing to compare
    }
    if f.signed_by == f.expect {
        return Outcome::Pass;
    }
    let by = if f.signed_by.is_empty() {
        format!(
            "none of the CAs here (issuer {})",
            ctx.cert().map(|c| c.issuer_text.as_str()).unwrap_or("?")
        )
    } else {
        f.signed_by.clone()
    };
    let who = match f.expect.as_str() {
        "etcd-ca" => "etcd, which trusts only etcd/ca.crt,",
        "front-proxy-ca" => "extension API servers, which trust only front-proxy-ca.crt for the front proxy,",
        _ => "the API server and kubelets, which trust ca.crt,",
    };
    Outcome::fail(
        Severity::High,
        format!(
            "{} ({}) is signed by {by}; kubeadm signs it with {}, and {who} will refuse it.",
            f.path, f.name, f.expect
        ),
    )
}
