//! Flags a private key file, or a kubeconfig file with an embedded client key, that others than
//! its owner may read, as an archive's header records its mode (issue #26, "protect private
//! keys"). High for a CA key, the service-account signing key (`sa.key`) and anything readable
//! by every user; medium when only the file's group may read it.
//!
//! Why: the key is the credential. Whoever can read a CA key signs any identity, `system:masters`
//! included; `sa.key` signs any service-account token; a client key or a kubeconfig embedding one
//! logs in as its user. kubeadm writes them 0600 for root, and the CIS Kubernetes Benchmark checks
//! exactly that (1.1.21: PKI key files 600; 1.1.13–1.1.18: admin.conf, scheduler.conf,
//! controller-manager.conf 600).
//! Applies only where the mode is known: an archive made with `tar` keeps it in each header; a
//! folder picked in a browser does not (a browser cannot see modes), and the report says nothing
//! about it then.
//! Instead: `chmod 600` the file (and `chown root:root` on a node), then ask who could have read it
//! meanwhile: a key that was readable should be treated as copied.
//! Reference: CIS Kubernetes Benchmark 1.1.13–1.1.21; kubeadm writes keys and kubeconfigs with mode
//! 0600 (cmd/kubeadm/app/util/pkiutil, kubeconfig phase).

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::{ObjectKind, Severity};

pub static RULE: Rule = Rule {
    id: "key-file-permissions",
    title: "Private key file readable by others than its owner",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "The key is the credential: whoever can read a CA key signs any identity, system:masters included; sa.key signs any service-account token; a client key, or a kubeconfig embedding one, logs in as its user. kubeadm writes these files 0600 for root, and the CIS Kubernetes Benchmark checks it.",
    fix: "chmod 600 the file (and chown root:root on a node). Then treat the key as copied: anyone who could read it may hold it. For a CA key or sa.key that means rotating it; for a client credential, see what it grants and replace it.",
    reference: "CIS Kubernetes Benchmark 1.1.13-1.1.21 (key files and kubeconfigs 600); kubeadm writes them 0600 (cmd/kubeadm/app/util/pkiutil)",
};

fn check(ctx: &Ctx) -> Outcome {
    let o = ctx.obj;
    let holds_key = match o.kind {
        ObjectKind::PrivateKey => o.parent.is_none(),
        ObjectKind::Kubeconfig => o
            .kubeconfig
            .as_ref()
            .is_some_and(|k| k.users.iter().any(|u| ctx.embeds(u.client_key))),
        _ => false,
    };
    if !holds_key {
        return Outcome::NotApplicable;
    }
    let Some(f) = ctx.file() else { return Outcome::NotApplicable };
    let loose = f.mode & 0o077;
    if loose == 0 {
        return Outcome::Pass;
    }
    let signing_key = ctx.pki_file().is_some_and(|p| p.kind == "ca-key" || p.kind == "sa-key");
    let everyone = f.mode & 0o004 != 0 || f.mode & 0o002 != 0;
    let who = if everyone {
        "every user of the machine"
    } else {
        "the file's group"
    };
    let what = match (o.kind, ctx.pki_file()) {
        (ObjectKind::Kubeconfig, _) => "a kubeconfig with an embedded client key".to_string(),
        (_, Some(p)) if p.kind == "ca-key" => format!("a CA's private key, kubeadm's {}", p.name),
        (_, Some(p)) if p.kind == "sa-key" => "the service-account token signing key".to_string(),
        _ => "a private key".to_string(),
    };
    Outcome::fail(
        if signing_key || everyone {
            Severity::High
        } else {
            Severity::Medium
        },
        format!(
            "{} ({what}) has mode {:04o}, owner {}: readable by {who}; kubeadm writes it 0600.",
            f.path, f.mode, f.owner
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::read::archive::FileMeta;
    use crate::engine::rules::testkit::*;

    fn judged(o: &crate::engine::report::Object, mode: u32) -> Outcome {
        let files = [FileMeta {
            path: "kubernetes/pki/apiserver.key".into(),
            mode,
            owner: "root".into(),
        }];
        (RULE.check)(&Ctx {
            obj: o,
            all: std::slice::from_ref(o),
            now: NOW,
            rbac: None,
            pki: None,
            files: &files,
        })
    }

    fn key() -> crate::engine::report::Object {
        let mut k = private_key(0, "k1");
        k.source = "kubernetes/pki/apiserver.key".into();
        k
    }

    #[test]
    fn a_key_readable_by_everyone_or_its_group_fails() {
        let all = judged(&key(), 0o644);
        assert_eq!(severity(&all), Some(Severity::High));
        assert_eq!(
            detail(&all),
            "kubernetes/pki/apiserver.key (a private key) has mode 0644, owner root: readable by every user of the machine; kubeadm writes it 0600."
        );
        let group = judged(&key(), 0o640);
        assert_eq!(severity(&group), Some(Severity::Medium));
        assert!(detail(&group).contains("readable by the file's group"));
    }

    #[test]
    fn owner_only_passes_and_an_unknown_mode_is_not_judged() {
        assert!(matches!(judged(&key(), 0o600), Outcome::Pass));
        assert!(matches!(judged(&key(), 0o400), Outcome::Pass));
        // No header for this file (a pasted key, a folder picked in a browser).
        assert!(matches!(run(&RULE, &key()), Outcome::NotApplicable));
        // A certificate is public.
        let mut c = cert(&[("CN", "x")], 30);
        c.source = "kubernetes/pki/apiserver.key".into();
        assert!(matches!(judged(&c, 0o644), Outcome::NotApplicable));
    }
}
