//! Cross-references between the objects read: who issued whom (by verified signature, the way Go
//! builds a chain) and which key belongs to which certificate or request.

use crate::engine::facts::x509;
use crate::engine::report::Object;

/// Sets each certificate's `issued_by` and every key's and certificate's `key_matches`, then
/// each certificate's `chain_problem`.
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
    chain_usage(objects);
}

/// Go's `Verify` checks the extended key usage of every certificate of the chain, not only the
/// leaf's (`checkChainForKeyUsage` in crypto/x509/verify.go): a CA above a client certificate
/// whose EKU lists neither client auth nor any usage makes the chain fail ("x509: certificate
/// specifies an incompatible key usage"), whatever the leaf says. A CA without EKU, or with an
/// empty one, restricts nothing.
fn chain_usage(objects: &mut [Object]) {
    for i in 0..objects.len() {
        if objects[i].certificate.is_none() {
            continue;
        }
        let mut at = objects[i].issued_by;
        let mut seen = 0;
        let mut problem = None;
        while let (Some(ca), true) = (at, seen < 16) {
            let o = &objects[ca];
            if let Some(c) = &o.certificate {
                if !c.extensions.allows_client_auth() {
                    problem = Some(format!(
                        "Go's verifier refuses it for client auth (x509: certificate specifies an incompatible key usage): the CA above it, #{} {}, has an extended key usage without client auth ({}), and Go checks the usage of every certificate of the chain.",
                        o.id,
                        c.subject_text,
                        c.extensions.extended_key_usage.join(", ")
                    ));
                    break;
                }
            }
            at = if o.issued_by == Some(ca) { None } else { o.issued_by };
            seen += 1;
        }
        if let Some(p) = problem {
            if let Some(id) = objects[i].identity.as_mut() {
                id.notes.insert(
                    0,
                    format!("{p} So it cannot log in: this is the identity it would have if it could."),
                );
            }
            objects[i].chain_problem = Some(p);
        }
    }
}
