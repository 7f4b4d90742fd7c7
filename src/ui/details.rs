//! Every field of a certificate or CSR, in a collapsible section, with copyable fingerprints.

use yew::prelude::*;

use super::SharedReport;
use crate::engine::x509::{ExtensionFacts, SignatureCheck};

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

fn extensions(e: &ExtensionFacts) -> Html {
    let s = &e.sans;
    html! {
        <>
        <dt>{ "Subject alternative names" }</dt>
        <dd>{ if s.is_empty() { "(none)".to_string() } else {
            [("DNS", &s.dns), ("IP", &s.ip), ("email", &s.email), ("URI", &s.uri), ("other", &s.other)].iter()
                .filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}: {}", v.join(", "))).collect::<Vec<_>>().join(" · ") } }</dd>
        <dt>{ "Key usage" }</dt><dd>{ list(&e.key_usage) }</dd>
        <dt>{ "Extended key usage" }</dt><dd>{ if e.has_extended_key_usage { list(&e.extended_key_usage) } else { "(extension absent: any usage)".into() } }</dd>
        <dt>{ "Basic constraints" }</dt>
        <dd>{ match &e.basic_constraints { Some(b) => format!("CA:{}{}{}", if b.ca { "TRUE" } else { "FALSE" }, b.path_len.map(|p| format!(", pathlen {p}")).unwrap_or_default(), if b.critical { " (critical)" } else { "" }), None => "(absent)".into() } }</dd>
        if let Some(k) = &e.subject_key_id { <dt>{ "Subject key ID" }</dt><dd><code>{ k }</code></dd> }
        if let Some(k) = &e.authority_key_id { <dt>{ "Authority key ID" }</dt><dd><code>{ k }</code></dd> }
        <dt>{ "Extensions" }</dt>
        <dd>{ if e.list.is_empty() { "(none)".to_string() } else { e.list.iter().map(|x| format!("{}{}", x.name, if x.critical { " (critical)" } else { "" })).collect::<Vec<_>>().join(", ") } }</dd>
        </>
    }
}

#[function_component(CopyButton)]
fn copy_button(p: &CopyProps) -> Html {
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
struct CopyProps {
    text: AttrValue,
    what: AttrValue,
}

#[function_component(Details)]
pub fn details(p: &DetailsProps) -> Html {
    let Some(o) = p.report.objects.get(p.index) else { return html! {} };
    if let Some(c) = &o.certificate {
        return html! {
            <details class="all-fields">
                <summary>{ "All certificate fields" }</summary>
                <dl class="facts">
                    <dt>{ "Subject" }</dt><dd><code>{ &c.subject_text }</code></dd>
                    <dt>{ "Issuer" }</dt><dd><code>{ &c.issuer_text }</code></dd>
                    <dt>{ "Purpose" }</dt><dd>{ &c.purpose }</dd>
                    <dt>{ "Serial" }</dt><dd><code>{ &c.serial }</code></dd>
                    <dt>{ "Version" }</dt><dd>{ c.version }</dd>
                    <dt>{ "Not before" }</dt><dd>{ &c.validity.not_before }</dd>
                    <dt>{ "Not after" }</dt><dd>{ &c.validity.not_after }</dd>
                    <dt>{ "Public key" }</dt><dd>{ &c.public_key.summary }</dd>
                    <dt>{ "Signature algorithm" }</dt><dd>{ &c.signature_algorithm.name }</dd>
                    { extensions(&c.extensions) }
                    <dt>{ "SHA-256 fingerprint" }</dt>
                    <dd><code class="fingerprint">{ &c.sha256_fingerprint }</code>{ " " }<CopyButton text={c.sha256_fingerprint.clone()} what="SHA-256 fingerprint" /></dd>
                </dl>
            </details>
        };
    }
    let Some(r) = &o.request else { return html! {} };
    let sig = match &r.signature {
        SignatureCheck::Valid => "valid: the requester holds the private key".to_string(),
        SignatureCheck::Invalid => "INVALID: the API server rejects this request".to_string(),
        SignatureCheck::Unchecked(w) => format!("not checked ({w})"),
    };
    html! {
        <details class="all-fields">
            <summary>{ "All request fields" }</summary>
            <dl class="facts">
                <dt>{ "Subject" }</dt><dd><code>{ &r.subject_text }</code></dd>
                <dt>{ "Public key" }</dt><dd>{ &r.public_key.summary }</dd>
                <dt>{ "Signature algorithm" }</dt><dd>{ &r.signature_algorithm.name }</dd>
                <dt>{ "Self-signature" }</dt><dd>{ sig }</dd>
                <dt>{ "Requested extensions" }</dt><dd>{ if r.extensions.list.is_empty() { "(none)" } else { "see below" } }</dd>
                { extensions(&r.extensions) }
                <dt>{ "SHA-256 of the request" }</dt>
                <dd><code class="fingerprint">{ &r.sha256_fingerprint }</code>{ " " }<CopyButton text={r.sha256_fingerprint.clone()} what="request fingerprint" /></dd>
            </dl>
        </details>
    }
}
