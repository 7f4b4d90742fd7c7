//! A control-plane node's PKI: kubeadm's tables, the trust map, what is missing.

use std::fmt::Write as _;

use super::Safe;

/// A node's PKI: kubeadm's tables, the trust map, what is missing.
pub fn render_pki(s: &mut String, p: &crate::engine::report::pki::PkiReport) {
    out!(
        s,
        "\nCONTROL-PLANE PKI ({})",
        if p.root.is_empty() { "the folder" } else { p.root.as_str() }
    );
    for line in crate::engine::analyse::pki::expiration_tables(p).lines() {
        out!(s, "  {}", line);
    }
    out!(s, "\nTRUST MAP (client -> server, by verified signature)");
    for l in &p.links {
        out!(
            s,
            "  {} {}: {} (signed by {}){} trusts {}",
            if l.ok { "ok  " } else { "FAIL" },
            l.link,
            l.client,
            if l.client_signed_by.is_empty() {
                "?"
            } else {
                l.client_signed_by.as_str()
            },
            l.server
                .as_ref()
                .map(|sv| format!(
                    ", {sv} (signed by {})",
                    if l.server_signed_by.is_empty() {
                        "?"
                    } else {
                        l.server_signed_by.as_str()
                    }
                ))
                .unwrap_or_default(),
            l.trusts
        );
        if let Some(pr) = &l.problem {
            out!(s, "       {}", pr);
        }
    }
    for m in &p.missing {
        out!(s, "  MISSING {}: {}", m.path, m.why);
    }
    if !p.flags.is_empty() {
        let ok = p.flags.iter().filter(|f| f.ok).count();
        out!(
            s,
            "\nSTATIC POD MANIFESTS: {} of {} file flags as kubeadm writes them",
            ok,
            p.flags.len()
        );
        for f in p.flags.iter().filter(|f| !f.ok) {
            out!(s, "  FAIL {} {}", f.manifest, f.problem.as_deref().unwrap_or(""));
        }
    }
}
