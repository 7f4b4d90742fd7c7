//! DER of a certificate, a certificate request or a key (from a PEM block, base64, or a binary
//! file): the facts of `facts::x509` and `facts::keys` become report objects, and a certificate
//! that allows client auth gets the identity it logs in as.

use super::{Place, Reading};
use crate::engine::facts::{identity, keys, x509};
use crate::engine::report::ObjectKind;
use crate::engine::util;

impl Reading {
    /// Bare DER of unknown type: certificate, then CSR, then key, then public key.
    pub(super) fn read_der(&mut self, der: &[u8], label: Option<&str>, place: &Place) -> Option<usize> {
        let before = self.objects.len();
        if let Ok(c) = x509::parse_certificate_as(der, self.now, self.target.go) {
            self.push_cert(c, place);
        } else if self.add_csr(der, place).is_err() {
            if let Ok(k) = keys::parse_private_key(label, der, false).or_else(|_| keys::parse_public_key("PUBLIC KEY", der)) {
                self.add_key(k, place);
            }
        }
        (self.objects.len() > before).then_some(before)
    }

    pub(super) fn add_cert(&mut self, der: &[u8], place: &Place) {
        match x509::parse_certificate_as(der, self.now, self.target.go) {
            Ok(c) => self.push_cert(c, place),
            Err(e) => self.not_understood.push(format!("{}: {e}.", place.source)),
        }
    }

    pub(super) fn push_cert(&mut self, mut c: x509::CertFacts, place: &Place) {
        let reads_uid = self.target.uid_from_certificates();
        let judged = self.target.name();
        let Some(id) = self.push(ObjectKind::Certificate, place) else {
            return;
        };
        let o = &mut self.objects[id];
        o.label = format!(
            "{} {}",
            if c.extensions.is_ca() { "CA certificate" } else { "Certificate" },
            util::clip(&c.subject_text, 80)
        );
        o.not_before = Some(c.validity.not_before.clone());
        o.not_after = Some(c.validity.not_after.clone());
        // The API server verifies client certificates with Go's x509 and ExtKeyUsageClientAuth:
        // a certificate logs in when its EKU includes client auth or any, or it has no EKU, CA or
        // not (Go does not refuse a CA as the leaf). Exactly those get an identity.
        if c.extensions.allows_client_auth() {
            let mut ident = identity::from_subject_for(&mut c.subject, reads_uid);
            if c.extensions.is_ca() {
                ident.notes.insert(0, "This is a CA certificate, and Go does not refuse a CA as a client certificate: whoever holds its private key, presenting it to an API server that trusts it, logs in as this identity.".into());
            }
            if let Some(e) = &c.go_error {
                ident.notes.insert(
                    0,
                    format!("{judged} cannot parse this certificate ({e}), so it cannot log in at all: this is the identity it would have if it could."),
                );
            } else if c.go_refuses_a_name() {
                ident.notes.insert(
                    0,
                    format!("{judged} cannot parse this certificate's names, so it cannot log in at all: this is the identity it would have if it could."),
                );
            } else if !c.unhandled_critical.is_empty() {
                ident.notes.insert(
                    0,
                    format!(
                        "{judged} refuses this certificate (Go's verifier: x509: unhandled critical extension {}), so it cannot log in: this is the identity it would have if it could.",
                        c.unhandled_critical.join(", ")
                    ),
                );
            }
            if !c.ignored_extensions.is_empty() {
                ident.notes.push(format!(
                    "This is a version {} certificate: Go reads no extension of it, so its {} extension{} ({}) restrict nothing.",
                    c.version,
                    c.ignored_extensions.len(),
                    if c.ignored_extensions.len() == 1 { "" } else { "s" },
                    c.ignored_extensions.iter().map(|e| e.name.as_str()).collect::<Vec<_>>().join(", ")
                ));
            }
            o.set_identity(ident);
        }
        o.certificate = Some(c);
    }

    pub(super) fn add_csr(&mut self, der: &[u8], place: &Place) -> Result<usize, String> {
        let mut c = x509::parse_csr_as(der, self.target.go)?;
        let id = self.push(ObjectKind::CertificateRequest, place).ok_or("too many objects")?;
        let ident = self.identity_of(&mut c.subject);
        let o = &mut self.objects[id];
        o.label = format!("CSR {}", util::clip(&c.subject_text, 80));
        o.set_identity(ident);
        o.request = Some(c);
        Ok(id)
    }

    pub(super) fn add_key(&mut self, k: keys::KeyFacts, place: &Place) {
        let kind = if k.visibility == "private" {
            ObjectKind::PrivateKey
        } else {
            ObjectKind::PublicKey
        };
        if let Some(id) = self.push(kind, place) {
            self.objects[id].label = util::clip(&k.summary, 80);
            self.objects[id].key = Some(k);
        }
    }
}
