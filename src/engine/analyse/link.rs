//! Cross-references between the objects read: who issued whom (by verified signature, the way Go
//! builds a chain) and which key belongs to which certificate or request.

use crate::engine::facts::x509;
use crate::engine::report::Object;

/// Sets each certificate's `issued_by` and every key's and certificate's `key_matches`.
pub fn link(objects: &mut [Object]) {
    // A certificate Go cannot parse is in no chain: neither issued by another nor issuing one.
    let certs: Vec<usize> = objects
        .iter()
        .filter(|o| o.certificate.as_ref().is_some_and(|c| !c.go_refuses()))
        .map(|o| o.id)
        .collect();
    for &c in &certs {
        let cert = objects[c]
            .certificate
            .as_ref()
            .map(|x| (x.issuer_text.clone(), x.self_issued, x.der.clone()));
        let Some((issuer_text, self_issued, der)) = cert else { continue };
        if self_issued {
            continue;
        }
        let issuer = certs.iter().copied().find(|&i| {
            i != c
                && objects[i]
                    .certificate
                    .as_ref()
                    .is_some_and(|ic| ic.subject_text == issuer_text && x509::issued_by(&der, &ic.der) == x509::SignatureCheck::Valid)
        });
        objects[c].issued_by = issuer;
    }
    let key_ids: Vec<(usize, String)> = objects
        .iter()
        .filter_map(|o| o.key.as_ref().filter(|k| !k.key_id.is_empty()).map(|k| (o.id, k.key_id.clone())))
        .collect();
    for (key_obj, kid) in key_ids {
        for i in 0..objects.len() {
            let o = &objects[i];
            let pk = o
                .certificate
                .as_ref()
                .map(|c| &c.public_key.key_id)
                .or(o.request.as_ref().map(|r| &r.public_key.key_id));
            if pk == Some(&kid) {
                objects[i].key_matches.push(key_obj);
                objects[key_obj].key_matches.push(i);
            }
        }
    }
}
