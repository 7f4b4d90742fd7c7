//! One recognised object (certificate, CSR, kubeconfig, key, token, Secret) and its children.

use yew::prelude::*;

use super::access::AccessCard;
use super::commands::Commands;
use super::details::Details;
use super::error_message::ErrorMessageCard;
use super::findings::Findings;
use super::identity::IdentityCard;
use super::kubeconfig::KubeconfigTable;
use super::timeline::Timeline;
use super::verdict::VerdictBanner;
use super::SharedReport;
use crate::engine::report::{ObjectKind, Report};

#[derive(Properties, PartialEq)]
pub struct ObjectProps {
    pub report: SharedReport,
    pub index: usize,
}

#[function_component(ObjectCard)]
pub fn object_card(p: &ObjectProps) -> Html {
    // The subject attribute chosen in the identity table or the byte view (they mark each other).
    let selected_attr = use_state(|| None::<u32>);
    let on_select_attr = {
        let selected_attr = selected_attr.clone();
        Callback::from(move |a: Option<u32>| selected_attr.set(a))
    };
    let Some(o) = p.report.objects.get(p.index) else { return html! {} };
    let children: Vec<usize> = p.report.objects.iter().filter(|c| c.parent == Some(o.id)).map(|c| c.id).collect();
    let heading_id = format!("object-{}", o.id);
    let now = now_of(&p.report);
    let issuer = o.issued_by.and_then(|i| p.report.objects.get(i));
    let keys: Vec<String> = o
        .key_matches
        .iter()
        .filter_map(|i| p.report.objects.get(*i))
        .map(|k| format!("#{} {}", k.id, k.label))
        .collect();

    html! {
        <article class={classes!("object", format!("kind-{:?}", o.kind).to_lowercase())} aria-labelledby={heading_id.clone()}>
            <header class="object-header">
                <h3 id={heading_id}><span class="object-number">{ format!("#{} ", o.id) }</span>{ super::shown(&o.label) }</h3>
                <p class="object-meta">{ o.kind.label() }{ " · found in " }{ if o.source.is_empty() { "the input".to_string() } else { super::shown(&o.source) } }</p>
            </header>
            if let Some(v) = &o.verdict {
                <VerdictBanner verdict={v.clone()} title={"Verdict for this request"} />
                if let Some(state) = o.csr_object.as_ref().map(|c| c.state.as_str()).filter(|s| *s != "Pending") {
                    <p class="hint already">{ format!("This request is already {}: the verdict says whether it should have been approved.", state.to_lowercase()) }</p>
                }
            }
            if let Some(c) = &o.csr_object {
                <dl class="facts csr-facts">
                    <dt>{ "Signer" }</dt><dd><code>{ super::shown(&c.signer_name.clone().unwrap_or_else(|| "(none)".into())) }</code>
                        if c.signer_defaulted { <span class="hint">{ format!(" (not set; the {} API's default)", c.api_version) }</span> }</dd>
                    <dt>{ "Usages" }</dt><dd>{ if c.described { "unknown (kubectl describe does not print them)".to_string() } else if c.usages.is_empty() { "(none)".to_string() } else { super::shown(&c.usages.join(", ")) } }
                        if c.usages_defaulted { <span class="hint">{ format!(" (not set; the {} API's default)", c.api_version) }</span> }</dd>
                    <dt>{ "Lifetime" }</dt><dd>{ super::shown(&c.expected_lifetime) }</dd>
                    <dt>{ "Requested by" }</dt>
                    <dd><code>{ super::shown(&c.requester.username.clone().unwrap_or_else(|| "(not in the object: the API server sets it to whoever creates it)".into())) }</code>
                        if !c.requester.groups.is_empty() { { " in " }{ super::shown(&c.requester.groups.join(", ")) } }
                        <span class="hint">{ " (set by the API server from the submitter's credentials; cannot be forged)" }</span></dd>
                    <dt>{ "State" }</dt><dd>{ super::shown(&c.state) }
                        { for c.conditions.iter().map(|k| html! { <span class="hint">{ format!(" · {}={}{}", k.kind, k.status, k.reason.as_ref().map(|r| format!(" ({r})")).unwrap_or_default()) }</span> }) }</dd>
                    if let Some(e) = &c.request_error {
                        <dt>{ "Request" }</dt><dd class="error">{ super::shown(e) }</dd>
                    }
                </dl>
                if let Some(y) = &c.resubmit_with_lifetime {
                    <ResubmitBox name={c.name.clone()} yaml={y.clone()} />
                }
            }
            if let Some(c) = &o.certificate {
                // Says plainly whether it can log in (Go's client-auth EKU check, CA or not).
                <p class="purpose"><strong>{ "Purpose: " }</strong>{ super::shown(&c.purpose) }{ "." }
                    if o.identity.is_none() { { " No Kubernetes identity is derived from it." } }</p>
            }
            if o.identity.is_some() {
                <IdentityCard report={p.report.clone()} index={o.id} selected_attr={*selected_attr} on_select_attr={on_select_attr.clone()} />
            }
            if o.access.is_some() {
                <AccessCard report={p.report.clone()} index={o.id} />
            }
            if o.containment.is_some() {
                <super::contain::ContainPlan report={p.report.clone()} index={o.id} />
            }
            if let Some(c) = &o.certificate {
                <Timeline validity={c.validity.clone()} {now} />
                <p class="chain">
                    if let Some(i) = issuer {
                        { "Issued by " }<a href={format!("#object-{}", i.id)}>{ format!("#{} {}", i.id, i.label) }</a>{ " (signature verified)." }
                    } else if c.self_issued {
                        { "Self-issued (a root)." }
                    } else {
                        { format!("Issued by {} (not in the input).", c.issuer_text) }
                    }
                    if !keys.is_empty() { { " Private key present: " }{ super::shown(&keys.join(", ")) }{ "." } }
                </p>
            }
            if let Some(t) = &o.token {
                <dl class="facts">
                    <dt>{ "Token" }</dt><dd><code>{ super::shown(&t.preview) }</code>{ format!(" ({})", t.kind.replace('_', " ")) }</dd>
                    if let Some(j) = &t.jwt {
                        <dt>{ "Claims" }</dt>
                        <dd>{ super::shown(&format!("issuer {}, subject {}, audience [{}], expires {} (decoded without verifying the signature)",
                            j.issuer.as_deref().unwrap_or("?"), j.subject.as_deref().unwrap_or("?"), j.audience.join(", "), j.expires.as_deref().unwrap_or("never"))) }</dd>
                    }
                </dl>
            }
            if let Some(k) = &o.key {
                <dl class="facts">
                    <dt>{ "Key" }</dt><dd>{ super::shown(&k.summary) }{ format!(" · {}", k.format) }<span class="hint">{ " · contents never shown" }</span></dd>
                    <dt>{ "Belongs to" }</dt><dd>{ if keys.is_empty() { k.note.clone().unwrap_or_else(|| "no certificate or CSR in the input".into()) } else { super::shown(&keys.join(", ")) } }</dd>
                </dl>
            }
            if let Some(s) = &o.secret {
                <dl class="facts">
                    <dt>{ "Secret" }</dt><dd>{ super::shown(&format!("{}/{} of type {}", s.namespace.as_deref().unwrap_or("(no namespace)"), s.name, s.secret_type)) }</dd>
                    <dt>{ "Keys" }</dt><dd>{ super::shown(&s.keys.join(", ")) }</dd>
                </dl>
            }
            if let Some(k) = &o.kubelet_config {
                <dl class="facts kubelet-facts">
                    <dt>{ "Client certificate" }</dt><dd>{ super::shown(&k.client_certificate) }</dd>
                    <dt>{ "Serving certificate" }</dt><dd>{ super::shown(&k.serving_certificate) }</dd>
                    if let Some(ca) = &k.client_ca_file {
                        <dt>{ "Trusts for clients" }</dt><dd><code>{ super::shown(ca) }</code><span class="hint">{ " (authentication.x509.clientCAFile: the CA whose client certificates may call the kubelet; kubeadm passes the cluster CA)" }</span></dd>
                    }
                </dl>
            }
            if o.kubeconfig.is_some() {
                <KubeconfigTable report={p.report.clone()} index={o.id} />
            }
            if o.error_message.is_some() {
                <ErrorMessageCard report={p.report.clone()} index={o.id} />
            }
            if o.kind != ObjectKind::ErrorMessage {
                <Findings findings={o.findings.clone()} passed={o.passed.len()} not_applicable={o.not_applicable.len()} />
            }
            if o.certificate.is_some() || o.request.is_some() {
                <Details report={p.report.clone()} index={o.id} />
                <super::bytes::BytesView report={p.report.clone()} index={o.id} selected_attr={*selected_attr} on_select_attr={on_select_attr} />
            }
            if !matches!(o.kind, ObjectKind::PrivateKey | ObjectKind::PublicKey | ObjectKind::ErrorMessage) {
                <Commands report={p.report.clone()} index={o.id} />
            }
            if !children.is_empty() {
                <div class="children">
                    { for children.iter().map(|c| html! { <ObjectCard report={p.report.clone()} index={*c} /> }) }
                </div>
            }
        </article>
    }
}

/// The report's own "now", as unix seconds (the engine wrote it as RFC 3339).
pub fn now_of(r: &Report) -> i64 {
    crate::engine::util::parse_rfc3339(&r.now).unwrap_or(0)
}

#[derive(Properties, PartialEq)]
struct ResubmitProps {
    name: AttrValue,
    yaml: AttrValue,
}

/// The corrected request a reviewer can hand back: one day instead of the signer's year.
#[function_component(ResubmitBox)]
fn resubmit_box(p: &ResubmitProps) -> Html {
    let deny = format!("kubectl certificate deny {}", p.name);
    let delete = format!("kubectl delete csr {}", p.name);
    html! {
        <details class="resubmit" open=true>
            <summary>{ "Ask for one day instead of a year" }</summary>
            <p>{ "This request sets no expirationSeconds, so the signer issues for its default, usually a year, and a client certificate cannot be revoked. A CSR's spec cannot be edited: deny this one and have the requester submit the same request with a lifetime." }</p>
            <ol>
                <li><code class="cmd">{ &deny }</code>{ " " }<super::details::CopyButton text={AttrValue::from(deny.clone())} what={"the deny command"} /></li>
                <li><code class="cmd">{ &delete }</code>{ " " }<super::details::CopyButton text={AttrValue::from(delete.clone())} what={"the delete command"} /><span class="hint">{ " (frees the name; denied requests are otherwise removed after an hour)" }</span></li>
                <li>{ "The requester saves this as csr.yaml and runs " }<code class="cmd">{ "kubectl apply -f csr.yaml" }</code>{ ":" }</li>
            </ol>
            <pre class="resubmit-yaml">{ p.yaml.as_str() }</pre>
            <super::details::CopyButton text={p.yaml.clone()} what={"the corrected request"} />
        </details>
    }
}
