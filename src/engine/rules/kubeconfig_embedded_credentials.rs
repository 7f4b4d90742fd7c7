//! Flags kubeconfigs that embed a private key, a static token or a password.
//!
//! Why: the file itself is then the credential: anyone who can read it (a backup, a laptop, a
//! CI log, a paste) is that user until the key expires or the token is deleted.
//! Reference: https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/;
//! basic auth was removed from kube-apiserver in 1.19.

use super::{Ctx, Hit, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "kubeconfig-embedded-credentials",
    title: "The file is a credential",
    severity: Severity::Medium,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "A kubeconfig with client-key-data, a token or a password works for whoever holds the file. Copies end up in backups, chat, CI logs and pastes, and a certificate cannot be revoked.",
    fix: "Keep the file private (chmod 600), prefer short-lived credentials (exec plugins, OIDC, short expirationSeconds), and never share kubeconfigs that embed keys or tokens.",
    reference: "https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/; https://kubernetes.io/docs/reference/access-authn-authz/authentication/",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(k) = ctx.obj.kubeconfig.as_ref() else {
        return Outcome::NotApplicable;
    };
    // kubeadm's own kubeconfigs in /etc/kubernetes embed their keys by design: said, not alarmed.
    let sev = if ctx.pki_file().is_some() {
        Severity::Info
    } else {
        Severity::Medium
    };
    let mut hits = Vec::new();
    for u in &k.users {
        if ctx.embeds(u.client_key) {
            hits.push(Hit::new(sev, format!("User {} embeds a private key (client-key-data).", u.name)));
        }
        if u.token.is_some() {
            hits.push(Hit::new(sev, format!("User {} embeds a bearer token.", u.name)));
        }
        if u.has_password {
            hits.push(Hit::new(
                sev,
                format!(
                    "User {} embeds a basic-auth password (kube-apiserver removed basic auth in 1.19; something else must accept it).",
                    u.name
                ),
            ));
        }
    }
    Outcome::from_hits(hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::kubeconfig::KubeconfigFacts;
    use crate::engine::rules::testkit::*;

    #[test]
    fn key_token_and_password() {
        let mut u = user("admin", &["client-certificate"]);
        assert_eq!(
            run(
                &RULE,
                &kubeconfig(KubeconfigFacts {
                    users: vec![u.clone()],
                    ..Default::default()
                })
            ),
            Outcome::Pass
        );
        u.client_key = Some(1);
        u.has_password = true;
        let k = kubeconfig(KubeconfigFacts {
            users: vec![u],
            ..Default::default()
        });
        // The key embedded (a child of the kubeconfig): said; read from a file it names: not.
        let mut key = private_key(1, "k");
        key.parent = Some(0);
        let d = detail(&run_all(&RULE, &[k.clone(), key.clone()], 0));
        assert!(d.contains("private key") && d.contains("password"), "{d}");
        key.parent = None;
        let d = detail(&run_all(&RULE, &[k, key], 0));
        assert!(!d.contains("private key") && d.contains("password"), "{d}");
    }
}
