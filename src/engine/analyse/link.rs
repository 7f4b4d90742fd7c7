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

/// The file among `paths` (the input's files, named as read: an archive's entries by their
/// paths) that a path written in a kubeconfig names, following the archive's symbolic links.
/// `base` is the kubeconfig's own file, against whose folder a relative path resolves. The input
/// may have been packed from anywhere (`tar czf node.tgz -C / etc/kubernetes var/lib/kubelet`, or
/// `-C /var/lib kubelet`): the longest input path that ends the written one, at a `/`, is it.
pub fn resolve_path(written: &str, base: &str, paths: &[&str], links: &[(String, String)]) -> Option<String> {
    let mut want = if written.starts_with('/') {
        written.to_string()
    } else {
        match base.rsplit_once('/') {
            Some((dir, _)) => format!("/{dir}/{written}"),
            None => format!("/{written}"),
        }
    };
    for _ in 0..8 {
        want = normalise(&want);
        let ends = |p: &str| !p.is_empty() && (want == format!("/{p}") || want.ends_with(&format!("/{p}")));
        if let Some(p) = paths.iter().filter(|p| ends(p)).max_by_key(|p| p.len()) {
            return Some(p.to_string());
        }
        let (link, target) = links.iter().filter(|(l, _)| ends(l)).max_by_key(|(l, _)| l.len())?;
        // A link's target is absolute, or relative to the link's own folder.
        want = if target.starts_with('/') {
            target.clone()
        } else {
            let dir = &want[..want.len() - link.len()];
            match link.rsplit_once('/') {
                Some((ldir, _)) => format!("{dir}{ldir}/{target}"),
                None => format!("{dir}{target}"),
            }
        };
    }
    None
}

/// `/a/./b/../c` as `/a/c`.
fn normalise(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("/{}", parts.join("/"))
}

/// A kubeconfig's file references the input itself holds (a node's archive: `kubelet.conf`
/// naming `/var/lib/kubelet/pki/kubelet-client-current.pem`): the certificate, key or CA read
/// from that file becomes the user's or cluster's, as if embedded, so its identity and expiry are
/// the context's; the reference moves from `file_references` to `resolved_references`.
pub fn file_references(objects: &mut [Object], paths: &[&str], links: &[(String, String)]) {
    if paths.len() < 2 {
        return;
    }
    // The file each top-level object was read from: its source is "<file>: …" or "<file>".
    let file_of = |o: &Object, f: &str| o.parent.is_none() && crate::engine::util::source_in_file(&o.source, f);
    for k in 0..objects.len() {
        let Some(mut facts) = objects[k].kubeconfig.take() else { continue };
        let base = paths
            .iter()
            .filter(|p| file_of(&objects[k], p))
            .max_by_key(|p| p.len())
            .copied()
            .unwrap_or("");
        let mut resolved = Vec::new();
        let find = |written: &str, want: &dyn Fn(&Object) -> bool| -> Option<(String, usize)> {
            let file = resolve_path(written, base, paths, links)?;
            let id = objects.iter().find(|o| file_of(o, &file) && want(o))?.id;
            Some((file, id))
        };
        let is_leaf = |o: &Object| o.certificate.as_ref().is_some_and(|c| !c.extensions.is_ca());
        let is_cert = |o: &Object| o.certificate.is_some();
        let is_key = |o: &Object| o.kind == crate::engine::report::ObjectKind::PrivateKey;
        for u in &mut facts.users {
            if let (None, Some(path)) = (u.client_certificate, u.client_certificate_path.clone()) {
                if let Some((file, id)) = find(&path, &is_leaf) {
                    u.client_certificate = Some(id);
                    resolved.push((format!("user {}: client-certificate {path}", u.name), file, id));
                }
            }
            if let (None, Some(path)) = (u.client_key, u.client_key_path.clone()) {
                if let Some((file, id)) = find(&path, &is_key) {
                    u.client_key = Some(id);
                    resolved.push((format!("user {}: client-key {path}", u.name), file, id));
                }
            }
        }
        for c in &mut facts.clusters {
            if let (true, Some(path)) = (c.ca_objects.is_empty(), c.ca_path.clone()) {
                if let Some((file, id)) = find(&path, &is_cert) {
                    c.ca_objects.push(id);
                    resolved.push((format!("cluster {}: certificate-authority {path}", c.name), file, id));
                }
            }
        }
        for (reference, file, id) in resolved {
            facts.file_references.retain(|r| *r != reference);
            facts.resolved_references.push(format!("{reference}: {file} (#{id})"));
        }
        crate::engine::read::kubeconfig::describe_contexts(&mut facts, objects);
        objects[k].kubeconfig = Some(facts);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_path_finds_its_file_through_the_archives_links() {
        let paths = [
            "etc/kubernetes/kubelet.conf",
            "var/lib/kubelet/pki/kubelet-client-2026-06-01-00-00-00.pem",
            "etc/kubernetes/pki/ca.crt",
        ];
        let links = vec![(
            "var/lib/kubelet/pki/kubelet-client-current.pem".to_string(),
            "/var/lib/kubelet/pki/kubelet-client-2026-06-01-00-00-00.pem".to_string(),
        )];
        let base = "etc/kubernetes/kubelet.conf";
        assert_eq!(
            resolve_path("/var/lib/kubelet/pki/kubelet-client-current.pem", base, &paths, &links).as_deref(),
            Some("var/lib/kubelet/pki/kubelet-client-2026-06-01-00-00-00.pem")
        );
        // A relative link, and a relative path in the kubeconfig (against its own folder).
        let rel = vec![(links[0].0.clone(), "kubelet-client-2026-06-01-00-00-00.pem".to_string())];
        assert_eq!(
            resolve_path("/var/lib/kubelet/pki/kubelet-client-current.pem", base, &paths, &rel).as_deref(),
            Some("var/lib/kubelet/pki/kubelet-client-2026-06-01-00-00-00.pem")
        );
        assert_eq!(
            resolve_path("pki/ca.crt", base, &paths, &[]).as_deref(),
            Some("etc/kubernetes/pki/ca.crt")
        );
        // Packed from another root: the longest path that ends the written one.
        let packed = [
            "kubelet/pki/kubelet-client-2026-06-01-00-00-00.pem",
            "pki/kubelet-client-2026-06-01-00-00-00.pem",
        ];
        assert_eq!(
            resolve_path("/var/lib/kubelet/pki/kubelet-client-2026-06-01-00-00-00.pem", "", &packed, &[]).as_deref(),
            Some("kubelet/pki/kubelet-client-2026-06-01-00-00-00.pem")
        );
        // Not there, or a name that only shares a suffix inside a segment.
        assert_eq!(resolve_path("/home/a/.kube/a.key", base, &paths, &links), None);
        assert_eq!(resolve_path("/x/xca.crt", "", &["ca.crt"], &[]), None);
        // A link loop ends.
        let looped = vec![("a".to_string(), "b".to_string()), ("b".to_string(), "a".to_string())];
        assert_eq!(resolve_path("/a", "", &["c"], &looped), None);
    }
}
