//! One object of the report: where it was found, its identity, its facts by kind, its findings.

use std::fmt::Write as _;

use super::{sev_tag, Safe};
use crate::engine::facts::identity::Identity;
use crate::engine::facts::x509::{CertFacts, CsrFacts};
use crate::engine::report::csr_object::CsrObjectFacts;
use crate::engine::report::error_message::ErrorMessageFacts;
use crate::engine::report::kubeconfig::KubeconfigFacts;
use crate::engine::report::Object;

/// One object, and the identity, facts, verdict and findings it has.
pub fn render_object(s: &mut String, o: &Object, verbose: bool) {
    out!(s, "\n#{} {}", o.id, o.label);
    out!(s, "    found in: {}", if o.source.is_empty() { "input" } else { &o.source });
    if let Some(i) = &o.identity {
        identity(s, i, o);
    }
    if let Some(c) = &o.csr_object {
        csr_object(s, c);
    }
    if let Some(c) = &o.certificate {
        certificate(s, c, o);
    }
    if let Some(c) = &o.request {
        request(s, c);
    }
    if let Some(k) = &o.key {
        out!(
            s,
            "    key:      {} [{}]{}",
            k.summary,
            k.format,
            if o.key_matches.is_empty() {
                String::new()
            } else {
                format!(", belongs to #{:?}", o.key_matches)
            }
        );
    }
    if let Some(t) = &o.token {
        out!(s, "    token:    {} ({})", t.preview, t.kind);
    }
    if let Some(k) = &o.kubeconfig {
        kubeconfig(s, k);
    }
    if let Some(m) = &o.error_message {
        error_message(s, m);
    }
    if let Some(k) = &o.kubelet_config {
        out!(s, "    client:   {}", k.client_certificate);
        out!(s, "    serving:  {}", k.serving_certificate);
        if let Some(ca) = &k.client_ca_file {
            out!(s, "    trusts:   {} for client certificates (authentication.x509.clientCAFile)", ca);
        }
    }
    if let Some(v) = &o.verdict {
        out!(s, "    verdict:  {}", v.headline);
    }
    for f in &o.findings {
        out!(s, "    {} {} - {}", sev_tag(f.severity), f.id, f.title);
        out!(s, "             {}", f.detail);
        out!(s, "             instead: {}", f.fix);
    }
    if verbose {
        out!(s, "    passed: {}", o.passed.join(", "));
        out!(s, "    not applicable: {}", o.not_applicable.join(", "));
    }
}

/// The username and groups the API server would derive, and what the identity is.
fn identity(s: &mut String, i: &Identity, o: &Object) {
    let groups: Vec<String> = i
        .subject_groups
        .iter()
        .cloned()
        .chain(i.added_groups.iter().map(|g| format!("{g} (added by the API server)")))
        .collect();
    out!(
        s,
        "    username: {}",
        o.username.as_deref().unwrap_or("(none: authenticates as nobody)")
    );
    out!(
        s,
        "    groups:   {}",
        if groups.is_empty() { "(none)".into() } else { groups.join(", ") }
    );
    if let Some(u) = &i.uid {
        out!(s, "    uid:      {}", u);
    }
    out!(s, "    identity: {} - {}", i.kind_label, i.can_do);
}

/// A CertificateSigningRequest object: signer, usages, lifetime, who asked, its state.
fn csr_object(s: &mut String, c: &CsrObjectFacts) {
    out!(
        s,
        "    signer:   {}{}",
        c.signer_name.as_deref().unwrap_or("(none)"),
        if c.signer_defaulted {
            " (not set: the v1beta1 default)"
        } else {
            ""
        }
    );
    out!(
        s,
        "    usages:   {}{}",
        if c.described {
            "unknown (kubectl describe does not print them)".to_string()
        } else {
            c.usages.join(", ")
        },
        if c.usages_defaulted {
            " (not set: the v1beta1 default)"
        } else {
            ""
        }
    );
    out!(s, "    lifetime: {}", c.expected_lifetime);
    out!(
        s,
        "    requested by: {}{}",
        c.requester
            .username
            .as_deref()
            .unwrap_or("(not in the object: the API server sets spec.username to whoever creates it)"),
        if c.requester.groups.is_empty() {
            String::new()
        } else {
            format!(" (groups {})", c.requester.groups.join(", "))
        }
    );
    out!(s, "    state:    {}", c.state);
    if let Some(y) = &c.resubmit_with_lifetime {
        out!(
            s,
            "    ask for one day instead (the spec cannot be edited: kubectl certificate deny {0}; kubectl delete csr {0}; the requester applies):",
            c.name
        );
        for l in y.lines() {
            out!(s, "      {}", l);
        }
    }
}

/// A certificate: subject, issuer (linked when verified), validity, key, fingerprint.
fn certificate(s: &mut String, c: &CertFacts, o: &Object) {
    out!(s, "    subject:  {}", c.subject_text);
    out!(
        s,
        "    issuer:   {}{}",
        c.issuer_text,
        o.issued_by.map(|i| format!(" (#{i}, signature verified)")).unwrap_or_default()
    );
    out!(
        s,
        "    valid:    {} -> {} ({}, {})",
        c.validity.not_before,
        c.validity.not_after,
        c.validity.lifetime,
        c.validity.relative
    );
    out!(
        s,
        "    key:      {}; signed with {}",
        c.public_key.summary,
        c.signature_algorithm.name
    );
    out!(s, "    sha256:   {}", c.sha256_fingerprint);
}

/// A PEM certificate request: subject and key.
fn request(s: &mut String, c: &CsrFacts) {
    out!(s, "    subject:  {}", c.subject_text);
    if c.public_key.summary.is_empty() {
        out!(s, "    key:      unknown (the request itself is not in the input)");
    } else {
        out!(
            s,
            "    key:      {}; signed with {}",
            c.public_key.summary,
            c.signature_algorithm.name
        );
    }
}

/// A kubeconfig: each context, with the identity it authenticates as.
fn kubeconfig(s: &mut String, k: &KubeconfigFacts) {
    for c in &k.contexts {
        out!(
            s,
            "    context {}{}: cluster {} ({}), user {} -> {}{}",
            c.name,
            if c.current { " (current)" } else { "" },
            c.cluster,
            c.server.as_deref().unwrap_or("?"),
            c.user,
            c.identity.as_deref().unwrap_or("unknown identity"),
            c.expires.as_ref().map(|e| format!(", expires {e}")).unwrap_or_default()
        );
    }
    for r in &k.resolved_references {
        out!(s, "    read:     {}", r);
    }
}

/// An error message: what it means, the diagnosis from what was given, the usual causes, what to
/// run next; for Forbidden, the can-i question, its offline answer and the smallest grant.
fn error_message(s: &mut String, m: &ErrorMessageFacts) {
    out!(s, "    message:  {}", m.line);
    out!(s, "    means:    {}", m.title);
    out!(s, "              {}", m.meaning);
    for d in &m.diagnosis {
        out!(s, "    {} {}", if d.at_fault { "CAUSE   " } else { "checked " }, d.text);
    }
    if let Some(q) = &m.can_i {
        out!(s, "    ask:      {}", q);
    }
    if let Some(dec) = &m.decision {
        out!(s, "    answer:   {} - {}", if dec.allowed { "yes" } else { "no" }, dec.reason);
    }
    for g in &m.grant {
        out!(s, "    grant:    {}", g);
    }
    if let Some(w) = &m.grant_warning {
        out!(s, "    careful:  {}", w);
    }
    for (i, c) in m.causes.iter().enumerate() {
        out!(s, "    cause {}:  {}", i + 1, c);
    }
    for n in &m.next {
        out!(s, "    next:     {}", n);
    }
    out!(s, "    source:   {}", m.source);
}
