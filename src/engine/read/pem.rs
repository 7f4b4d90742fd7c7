//! PEM text: every block, with any text around it (an `openssl x509 -text` dump, YAML beside
//! it). Certificates, requests and keys go to the DER reader; the text around the blocks is read
//! as documents too (a certificate pasted with the cluster's RBAC objects).

use super::{prefix, sniff, Place, Reading, Text};
use crate::engine::facts::keys;
use crate::engine::util;

pub fn read_text(r: &mut Reading, t: &Text, place: &Place) -> Option<bool> {
    if !t.has_pem {
        return None;
    }
    let n = r.read_pem(t.text, place);
    if n > 0 {
        r.detected.push(format!("PEM ({n} block{})", if n == 1 { "" } else { "s" }));
    }
    // A certificate pasted together with YAML (the cluster's RBAC objects, say): the
    // text around the PEM blocks is read as documents too.
    if t.depth == 0 {
        let rest = sniff::without_pem_blocks(t.text);
        if rest.contains("kind") && sniff::looks_structured(&rest) {
            match sniff::documents(&rest) {
                Ok(docs) => {
                    for (i, d) in docs.iter().enumerate().filter(|(_, d)| d.is_object()) {
                        r.read_document(d, i, docs.len(), place);
                    }
                }
                Err(e) => r
                    .not_understood
                    .push(format!("{}the text around the PEM blocks: {e}.", prefix(place))),
            }
        }
    }
    Some(t.progressed(r))
}

impl Reading {
    /// Reads every PEM block in `text`; returns how many blocks there were.
    pub(super) fn read_pem(&mut self, text: &str, place: &Place) -> usize {
        let (blocks, problems) = sniff::pem_blocks(text);
        for p in problems {
            self.not_understood.push(format!("{}{p}.", prefix(place)));
        }
        for (i, block) in blocks.iter().enumerate() {
            let source = if place.source.is_empty() {
                format!("PEM block {} (line {})", i + 1, block.line)
            } else if blocks.len() > 1 {
                format!("{} block {}", place.source, i + 1)
            } else {
                place.source.clone()
            };
            if let Some(slip) = block.slip {
                self.recovered.push(format!("{source} ({}): {slip}; read it anyway.", block.label));
            }
            let p = Place {
                source: source.clone(),
                ..place.clone()
            };
            match &block.der {
                Err(e) => self.not_understood.push(format!("{source} ({}): {e}.", block.label)),
                Ok(der) => match block.label.as_str() {
                    "EC PARAMETERS" => {}
                    "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => self.add_cert(der, &p),
                    "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => {
                        if let Err(e) = self.add_csr(der, &p) {
                            self.not_understood.push(format!("{source} ({}): {e}.", block.label));
                        }
                    }
                    "PUBLIC KEY" | "RSA PUBLIC KEY" => match keys::parse_public_key(&block.label, der) {
                        Ok(k) => self.add_key(k, &p),
                        Err(e) => self.not_understood.push(format!("{source} ({}): {e}.", block.label)),
                    },
                    l if l.ends_with("PRIVATE KEY") => match keys::parse_private_key(Some(l), der, block.encrypted_headers) {
                        Ok(k) => self.add_key(k, &p),
                        Err(e) => self
                            .not_understood
                            .push(format!("{source} ({l}): recognised as a private key, but {e}.")),
                    },
                    other => self.not_understood.push(format!(
                        "{source}: a PEM block of type \"{}\"; expected CERTIFICATE, CERTIFICATE REQUEST, a PRIVATE KEY or PUBLIC KEY.",
                        util::clip(other, 40)
                    )),
                },
            }
        }
        blocks.len()
    }
}
