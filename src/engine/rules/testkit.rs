//! Builders for rule unit tests: objects shaped like the engine builds them, without files.
//! End-to-end behaviour on real openssl/kubectl output is tested in `tests/`.

use super::{Ctx, Outcome, Rule};
use crate::engine::facts::identity;
use crate::engine::facts::x509::{
    BasicConstraints, CertFacts, CsrFacts, NameAttr, PublicKeyFacts, SignatureAlgorithm, SignatureCheck, Validity,
};
use crate::engine::report::csr_object::CsrObjectFacts;
use crate::engine::report::{Object, ObjectKind, Role};

pub const NOW: i64 = 1_795_428_000; // 2026-11-23T10:00:00Z
pub const DAY: i64 = 86_400;

pub fn subject(pairs: &[(&str, &str)]) -> Vec<NameAttr> {
    pairs.iter().enumerate().map(|(i, (k, v))| NameAttr::new(k, v, i)).collect()
}

fn rsa(bits: u32) -> PublicKeyFacts {
    PublicKeyFacts {
        algorithm: "RSA".into(),
        bits: Some(bits),
        curve: None,
        summary: format!("RSA {bits}-bit"),
        key_id: "k".into(),
    }
}

fn sha256() -> SignatureAlgorithm {
    SignatureAlgorithm {
        oid: "1.2.840.113549.1.1.11".into(),
        name: "sha256WithRSAEncryption".into(),
        hash: Some("SHA-256".into()),
    }
}

/// A client certificate (EKU client auth) valid from `NOW - 1 day` for `days`.
pub fn cert(pairs: &[(&str, &str)], days: i64) -> Object {
    let mut o = Object::new(0, ObjectKind::Certificate, Role::Standalone, "test".into(), None);
    let mut c = CertFacts {
        subject: subject(pairs),
        public_key: rsa(2048),
        signature_algorithm: sha256(),
        validity: Validity::new(NOW - DAY, NOW - DAY + days * DAY, NOW),
        ..Default::default()
    };
    c.extensions.has_extended_key_usage = true;
    c.extensions.extended_key_usage = vec!["client auth".into()];
    c.extensions.key_usage = vec!["digital signature".into(), "key encipherment".into()];
    let id = identity::from_subject(&mut c.subject);
    o.set_identity(id);
    o.certificate = Some(c);
    o
}

pub fn make_ca(o: &mut Object) {
    let c = o.certificate.as_mut().unwrap();
    c.extensions.basic_constraints = Some(BasicConstraints {
        ca: true,
        path_len: None,
        critical: true,
    });
    c.extensions.key_usage = vec!["digital signature".into(), "cert sign".into()];
    c.extensions.has_extended_key_usage = false;
    c.extensions.extended_key_usage.clear();
}

/// A PEM CSR (no Kubernetes object around it).
pub fn csr(pairs: &[(&str, &str)]) -> Object {
    let mut o = Object::new(0, ObjectKind::CertificateRequest, Role::Standalone, "test".into(), None);
    let mut c = CsrFacts {
        subject: subject(pairs),
        public_key: rsa(2048),
        signature_algorithm: sha256(),
        signature: SignatureCheck::Valid,
        ..Default::default()
    };
    let id = identity::from_subject(&mut c.subject);
    o.set_identity(id);
    o.request = Some(c);
    o
}

/// A CertificateSigningRequest object for `signer` with `usages`, requested by `requester`.
pub fn csr_object(pairs: &[(&str, &str)], signer: &str, usages: &[&str], requester: &str) -> Object {
    let mut o = csr(pairs);
    o.kind = ObjectKind::CsrObject;
    o.csr_object = Some(CsrObjectFacts {
        name: "test".into(),
        api_version: "certificates.k8s.io/v1".into(),
        signer_name: Some(signer.into()),
        usages: usages.iter().map(|u| u.to_string()).collect(),
        expiration_seconds: Some(3600),
        requester: crate::engine::report::csr_object::Requester {
            username: Some(requester.into()),
            uid: None,
            groups: vec!["system:authenticated".into()],
        },
        state: "Pending".into(),
        ..Default::default()
    });
    o
}

pub fn run(rule: &Rule, o: &Object) -> Outcome {
    run_all(rule, std::slice::from_ref(o), 0)
}

pub fn run_all(rule: &Rule, all: &[Object], index: usize) -> Outcome {
    (rule.check)(&Ctx {
        obj: &all[index],
        all,
        now: NOW,
        rbac: None,
        pki: None,
        files: &[],
    })
}

/// Runs a rule with an RBAC report (the object's `access` indexes into it).
pub fn run_with_rbac(rule: &Rule, o: &Object, rbac: &crate::engine::report::access::RbacReport) -> Outcome {
    (rule.check)(&Ctx {
        obj: o,
        all: std::slice::from_ref(o),
        now: NOW,
        rbac: Some(rbac),
        pki: None,
        files: &[],
    })
}

pub fn fails(o: Outcome) -> bool {
    matches!(o, Outcome::Fail(_))
}

pub fn severity(o: &Outcome) -> Option<crate::engine::report::Severity> {
    match o {
        Outcome::Fail(h) => h.first().map(|h| h.severity),
        _ => None,
    }
}

pub fn detail(o: &Outcome) -> String {
    match o {
        Outcome::Fail(h) => h.iter().map(|h| h.detail.as_str()).collect::<Vec<_>>().join(" | "),
        _ => String::new(),
    }
}

/// A kubeconfig object with the given facts.
pub fn kubeconfig(f: crate::engine::report::kubeconfig::KubeconfigFacts) -> Object {
    let mut o = Object::new(0, ObjectKind::Kubeconfig, Role::Standalone, "test".into(), None);
    o.kubeconfig = Some(f);
    o
}

pub fn cluster(name: &str, server: &str) -> crate::engine::report::kubeconfig::ClusterFacts {
    crate::engine::report::kubeconfig::ClusterFacts {
        name: name.into(),
        server: Some(server.into()),
        ..Default::default()
    }
}

pub fn user(name: &str, methods: &[&str]) -> crate::engine::report::kubeconfig::UserFacts {
    crate::engine::report::kubeconfig::UserFacts {
        name: name.into(),
        auth_methods: methods.iter().map(|m| m.to_string()).collect(),
        ..Default::default()
    }
}

/// A private key object with the given key ID.
pub fn private_key(id: usize, key_id: &str) -> Object {
    let mut o = Object::new(id, ObjectKind::PrivateKey, Role::Standalone, "test".into(), None);
    o.key = Some(crate::engine::facts::keys::KeyFacts {
        visibility: "private".into(),
        algorithm: "RSA".into(),
        bits: Some(2048),
        key_id: key_id.into(),
        ..Default::default()
    });
    o
}
