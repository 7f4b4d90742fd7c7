//! Flags a key file of kubeadm's layout that does not belong to its certificate
//! (`apiserver.key` and `apiserver.crt` …), and a service-account pair whose `sa.pub` is not
//! `sa.key`'s public half.
//!
//! Why: a component loads both files and refuses to start ("tls: private key does not match
//! public key"); with a mismatched sa pair the controller manager signs tokens with sa.key that
//! the API server, verifying with sa.pub, rejects: every service-account token fails.
//! Instead: restore the key that belongs to the certificate, or re-issue both
//! (`kubeadm certs renew NAME`); for sa: `openssl pkey -in sa.key -pubout > sa.pub`.
//! Reference: cmd/kubeadm/app/phases/certs/certs.go (CreateServiceAccountKeyAndPublicKeyFiles);
//! kube-apiserver --service-account-key-file, kube-controller-manager
//! --service-account-private-key-file.

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "pki-key-mismatch",
    title: "Key file does not belong to its certificate",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "A component loads its certificate and key together and refuses to start when they are not a pair (\"tls: private key does not match public key\"). For the service-account pair, tokens signed with sa.key fail verification with sa.pub: every service-account token is rejected.",
    fix: "Put back the key that belongs to the certificate, or re-issue both (kubeadm certs renew NAME). For the service-account pair: openssl pkey -in sa.key -pubout > sa.pub, then restart the API server.",
    reference: "kubernetes/kubernetes cmd/kubeadm/app/phases/certs/certs.go; kube-apiserver --service-account-key-file",
};

fn check(ctx: &Ctx) -> Outcome {
    let (Some(f), Some(pki)) = (ctx.pki_file(), ctx.pki) else {
        return Outcome::NotApplicable;
    };
    let key_id = |id: usize| {
        ctx.all
            .get(id)
            .and_then(|o| o.key.as_ref())
            .map(|k| k.key_id.clone())
            .filter(|k| !k.is_empty())
    };
    match f.kind.as_str() {
        "key" => {
            let Ok(cert) = f.expect.parse::<usize>() else {
                return Outcome::NotApplicable;
            };
            if ctx.obj.key_matches.contains(&cert) {
                return Outcome::Pass;
            }
            let cert_path = pki
                .files
                .iter()
                .find(|g| g.object == cert)
                .map(|g| g.path.as_str())
                .unwrap_or("its certificate");
            Outcome::fail(
                Severity::High,
                format!("{} is not the private key of {cert_path}: the component refuses to start.", f.path),
            )
        }
        "sa-key" => {
            let Some(public) = pki.files.iter().find(|g| g.kind == "sa-pub") else {
                return Outcome::NotApplicable;
            };
            if key_id(f.object).is_some() && key_id(f.object) == key_id(public.object) {
                return Outcome::Pass;
            }
            Outcome::fail(
                Severity::Critical,
                format!(
                    "{} is not the public half of {}: the API server rejects every service-account token the controller manager signs.",
                    public.path, f.path
                ),
            )
        }
        _ => Outcome::NotApplicable,
    }
}
