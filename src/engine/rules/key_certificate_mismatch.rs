//! Flags a private key that does not belong to the certificate it is paired with (a kubeconfig
//! user's `client-key-data` vs `client-certificate-data`, a Secret's `tls.key` vs `tls.crt`).
//!
//! Why: TLS needs the private key of the certificate's public key; kubectl and Go fail with
//! "tls: private key does not match public key" (or, for a key of another type, "tls: private key
//! type does not match public key type").
//! Reference: Go crypto/tls `X509KeyPair`.

use super::{Ctx, Hit, Outcome, Rule, Texts};
use crate::engine::report::{Object, Role, Severity};

pub static RULE: Rule = Rule {
    id: "key-certificate-mismatch",
    title: "Private key does not match its certificate",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "A certificate is only usable with the private key of the public key it contains. With another key, the TLS handshake cannot be completed: kubectl or the ingress fails with \"tls: private key does not match public key\".",
    fix: "Pair the certificate with the key it was requested with (compare `openssl x509 -noout -pubkey` with `openssl pkey -pubout`), or issue a new certificate for this key.",
    reference: "Go crypto/tls X509KeyPair; https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets",
};

fn pair_hit(ctx: &Ctx, what: &str, cert: usize, key: usize) -> Option<Hit> {
    let c = ctx.all.get(cert)?.certificate.as_ref()?;
    let k = ctx.all.get(key)?.key.as_ref()?;
    if k.key_id.is_empty() || k.key_id == c.public_key.key_id {
        return None;
    }
    // Go's tls.X509KeyPair names a key of another type differently from a different key.
    let go_error = if k.algorithm != c.public_key.algorithm {
        "tls: private key type does not match public key type"
    } else {
        "tls: private key does not match public key"
    };
    Some(Hit::rejected(
        Severity::High,
        format!(
            "{what}: the key ({}) is not the key of the certificate ({}); Go fails with \"{go_error}\".",
            k.summary, c.public_key.summary
        ),
    ))
}

fn children<'a>(ctx: &'a Ctx, role: Role) -> impl Iterator<Item = &'a Object> {
    ctx.children().filter(move |c| c.role == role)
}

fn check(ctx: &Ctx) -> Outcome {
    let mut hits = Vec::new();
    let mut pairs = 0;
    if let Some(k) = ctx.obj.kubeconfig.as_ref() {
        for u in &k.users {
            if let (Some(c), Some(key)) = (u.client_certificate, u.client_key) {
                pairs += 1;
                hits.extend(pair_hit(ctx, &format!("User {}", u.name), c, key));
            }
        }
    } else if ctx.obj.secret.is_some() {
        let cert = children(ctx, Role::SecretTls).find(|o| o.certificate.is_some()).map(|o| o.id);
        let key = children(ctx, Role::SecretTls).find(|o| o.key.is_some()).map(|o| o.id);
        if let (Some(c), Some(k)) = (cert, key) {
            pairs += 1;
            hits.extend(pair_hit(ctx, "tls.key / tls.crt", c, k));
        }
    }
    match (pairs, hits.is_empty()) {
        (0, _) => Outcome::NotApplicable,
        (_, true) => Outcome::Pass,
        _ => Outcome::Fail(hits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::kubeconfig::KubeconfigFacts;
    use crate::engine::rules::testkit::*;

    #[test]
    fn kubeconfig_pair_must_match() {
        let mut u = user("a", &["client-certificate"]);
        u.client_certificate = Some(1);
        u.client_key = Some(2);
        let k = kubeconfig(KubeconfigFacts {
            users: vec![u],
            ..Default::default()
        });
        let mut c = cert(&[("CN", "a")], 10);
        c.id = 1;
        c.certificate.as_mut().unwrap().public_key.key_id = "abc".into();
        assert_eq!(run_all(&RULE, &[k.clone(), c.clone(), private_key(2, "abc")], 0), Outcome::Pass);
        let other = run_all(&RULE, &[k.clone(), c.clone(), private_key(2, "other")], 0);
        assert!(detail(&other).contains("\"tls: private key does not match public key\""));
        let mut ec = private_key(2, "ec");
        ec.key.as_mut().unwrap().algorithm = "EC".into();
        assert!(detail(&run_all(&RULE, &[k, c, ec], 0)).contains("private key type does not match public key type"));
    }
}
