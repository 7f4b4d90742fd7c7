//! Every field of a certificate or CSR, in a collapsible section, with copyable fingerprints.

use yew::prelude::*;

use super::SharedReport;
use crate::engine::facts::x509::{ExtensionFacts, SignatureCheck};

#[derive(Properties, PartialEq)]
pub struct DetailsProps {
    pub report: SharedReport,
    pub index: usize,
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "(none)".into()
    } else {
        v.join(", ")
    }
}

/// One-line explanations for learners, shown under each field name.
fn explain(field: &str) -> &'static str {
    match field {
        "Subject" => "who the certificate is about; Kubernetes reads the user from CN and groups from O",
        "Issuer" => "who signed it; the API server trusts it only if this chains to its --client-ca-file",
        "Serial" => "the issuer's unique number for this certificate",
        "Public key" => "the key the holder proves possession of during TLS",
        "Signature algorithm" => "how the issuer signed it; MD5 and SHA-1 are refused by Go",
        "Subject alternative names" => "names the certificate is valid for as a server (DNS, IP); ignored for client identity",
        "Key usage" => "low-level operations the key may perform",
        "Extended key usage" => "purposes: the API server needs client auth for logins, clients need server auth to trust a server",
        "Basic constraints" => "CA:TRUE means it may sign other certificates",
        "Subject key ID" | "Authority key ID" => "identifiers that link a certificate to its issuer's key",
        "Extensions" => "every extension present; critical ones must be understood by the verifier",
        "Purpose" => "derived from basic constraints and extended key usage",
        "Version" => "X.509 version; 3 is the one with extensions",
        "Not before" | "Not after" => "the API server refuses the certificate outside this window",
        "SHA-256 fingerprint" | "SHA-256 of the request" => "a hash of the whole file: equal fingerprints mean the same certificate",
        "Requested extensions" => "what the requester asked for; built-in signers keep only some of it",
        "Self-signature" => "proves the requester holds the private key; the API rejects requests where it fails",
        _ => "",
    }
}

fn field(name: &'static str) -> Html {
    let why = explain(name);
    html! { <dt>{ name }if !why.is_empty() { <span class="field-help">{ super::shown(why) }</span> }</dt> }
}

fn extensions(e: &ExtensionFacts) -> Html {
    let s = &e.sans;
    html! {
        <>
        { field("Subject alternative names") }
        <dd>{ if s.is_empty() { "(none)".to_string() } else {
            [("DNS", &s.dns), ("IP", &s.ip), ("email", &s.email), ("URI", &s.uri), ("other", &s.other)].iter()
                .filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}: {}", super::shown(&v.join(", ")))).collect::<Vec<_>>().join(" · ") } }</dd>
        { field("Key usage") }<dd>{ list(&e.key_usage) }</dd>
        { field("Extended key usage") }<dd>{ if e.has_extended_key_usage { list(&e.extended_key_usage) } else { "(extension absent: any usage)".into() } }</dd>
        { field("Basic constraints") }
        <dd>{ match &e.basic_constraints { Some(b) => format!("CA:{}{}{}", if b.ca { "TRUE" } else { "FALSE" }, b.path_len.map(|p| format!(", pathlen {p}")).unwrap_or_default(), if b.critical { " (critical)" } else { "" }), None => "(absent)".into() } }</dd>
        if let Some(k) = &e.subject_key_id { { field("Subject key ID") }<dd><code>{ k }</code></dd> }
        if let Some(k) = &e.authority_key_id { { field("Authority key ID") }<dd><code>{ k }</code></dd> }
        { field("Extensions") }
        <dd>{ if e.list.is_empty() { "(none)".to_string() } else { e.list.iter().map(|x| format!("{}{}", x.name, if x.critical { " (critical)" } else { "" })).collect::<Vec<_>>().join(", ") } }</dd>
        </>
    }
}

#[function_component(CopyButton)]
pub(crate) fn copy_button(p: &CopyProps) -> Html {
    let done = use_state(|| false);
    let onclick = {
        let text = p.text.clone();
        let done = done.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&text);
                done.set(true);
            }
        })
    };
    html! { <button type="button" class="copy" {onclick} aria-label={format!("Copy {}", p.what)}>{ if *done { "Copied" } else { "Copy" } }</button> }
}

#[derive(Properties, PartialEq)]
pub(crate) struct CopyProps {
    pub text: AttrValue,
    pub what: AttrValue,
}

#[function_component(Details)]
pub fn details(p: &DetailsProps) -> Html {
    let Some(o) = p.report.objects.get(p.index) else { return html! {} };
    if let Some(c) = &o.certificate {
        return html! {
            <details class="all-fields">
                <summary>{ "All certificate fields" }</summary>
                <dl class="facts">
                    { field("Subject") }<dd><code>{ super::shown(&c.subject_text) }</code></dd>
                    { field("Issuer") }<dd><code>{ super::shown(&c.issuer_text) }</code></dd>
                    { field("Purpose") }<dd>{ super::shown(&c.purpose) }</dd>
                    { field("Serial") }<dd><code>{ super::shown(&c.serial) }</code></dd>
                    { field("Version") }<dd>{ c.version }</dd>
                    { field("Not before") }<dd>{ super::shown(&c.validity.not_before) }</dd>
                    { field("Not after") }<dd>{ super::shown(&c.validity.not_after) }</dd>
                    { field("Public key") }<dd>{ super::shown(&c.public_key.summary) }</dd>
                    { field("Signature algorithm") }<dd>{ super::shown(&c.signature_algorithm.name) }</dd>
                    { extensions(&c.extensions) }
                    { field("SHA-256 fingerprint") }
                    <dd><code class="fingerprint">{ super::shown(&c.sha256_fingerprint) }</code>{ " " }<CopyButton text={c.sha256_fingerprint.clone()} what="SHA-256 fingerprint" /></dd>
                </dl>
            </details>
        };
    }
    let Some(r) = &o.request else { return html! {} };
    let sig = match &r.signature {
        SignatureCheck::Valid => "valid: the requester holds the private key".to_string(),
        SignatureCheck::Invalid => "INVALID: the API server rejects this request".to_string(),
        SignatureCheck::Unchecked(w) => format!("not checked ({w})"),
        SignatureCheck::Refused(e) => format!("REFUSED by Kubernetes' Go: {e}"),
    };
    html! {
        <details class="all-fields">
            <summary>{ "All request fields" }</summary>
            <dl class="facts">
                { field("Subject") }<dd><code>{ super::shown(&r.subject_text) }</code></dd>
                { field("Public key") }<dd>{ super::shown(&r.public_key.summary) }</dd>
                { field("Signature algorithm") }<dd>{ super::shown(&r.signature_algorithm.name) }</dd>
                { field("Self-signature") }<dd>{ sig }</dd>
                { field("Requested extensions") }<dd>{ if r.extensions.list.is_empty() { "(none)" } else { "see below" } }</dd>
                { extensions(&r.extensions) }
                { field("SHA-256 of the request") }
                <dd><code class="fingerprint">{ super::shown(&r.sha256_fingerprint) }</code>{ " " }<CopyButton text={r.sha256_fingerprint.clone()} what="request fingerprint" /></dd>
            </dl>
        </details>
    }
}
