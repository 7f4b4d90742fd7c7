//! Bare base64 (what `kubectl get csr -o jsonpath='{.status.certificate}'` prints): of PEM, of
//! DER, or of base64 again (a value encoded once too often, read and named as a slip).

use super::{prefix, sniff, Place, Reading, Text};

pub fn read_text(r: &mut Reading, t: &Text, place: &Place) -> Option<bool> {
    if t.depth >= 2 || !sniff::looks_like_base64(t.text) {
        return None;
    }
    Some(match sniff::decode_base64(t.text) {
        Ok(bytes) => r.read_decoded(&bytes, place, t.depth + 1, "Base64"),
        Err(e) => {
            r.not_understood
                .push(format!("{}expected base64, but it does not decode ({e}).", prefix(place)));
            true
        }
    })
}

impl Reading {
    /// Decoded base64: PEM text, or DER.
    pub(super) fn read_decoded(&mut self, bytes: &[u8], place: &Place, depth: u8, what: &str) -> bool {
        if let Ok(inner) = std::str::from_utf8(bytes) {
            if inner.contains("-----BEGIN ") {
                self.detected.push(format!("{what} of PEM"));
                return self.read_text(inner, place, depth);
            }
            // Base64 of base64: a value encoded once too often (e.g. `base64 < req.b64`).
            if depth < 3 && sniff::looks_like_base64(inner) {
                if let Ok(again) = sniff::decode_base64(inner) {
                    if again.starts_with(b"-----BEGIN ") || sniff::looks_like_der(&again) {
                        self.recovered.push(format!(
                            "{}The base64 was encoded twice (base64 of base64): decoded it twice. Encode the PEM only once, e.g. base64 -w0 < request.csr.",
                            prefix(place)
                        ));
                        return self.read_decoded(&again, place, depth + 1, what);
                    }
                }
            }
        }
        if sniff::looks_like_der(bytes) {
            self.detected.push(format!("{what} of DER"));
            if self.read_der(bytes, None, place).is_some() {
                return true;
            }
        }
        self.not_understood.push(format!(
            "{}decoded {} bytes of base64, but they are neither PEM nor DER of a certificate, CSR or key.",
            prefix(place),
            bytes.len()
        ));
        true
    }
}
