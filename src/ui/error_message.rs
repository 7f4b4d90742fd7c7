//! An error message kubectl printed (issue #23), explained: what it means, what the inputs given
//! with it say (the credential at fault first), for Forbidden the `kubectl auth can-i` question,
//! its offline answer and the smallest grant, then the usual causes and what to run next.

use yew::prelude::*;

use super::details::CopyButton;
use super::SharedReport;

#[derive(Properties, PartialEq)]
pub struct ErrorMessageProps {
    pub report: SharedReport,
    pub index: usize,
}

/// A command with its copy button.
fn command(cmd: &str, what: &'static str) -> Html {
    html! { <><code class="cmd">{ super::shown(cmd) }</code>{ " " }<CopyButton text={AttrValue::from(cmd.to_string())} what={what} /></> }
}

#[function_component(ErrorMessageCard)]
pub fn error_message_card(p: &ErrorMessageProps) -> Html {
    let Some(m) = p.report.objects.get(p.index).and_then(|o| o.error_message.as_ref()) else {
        return html! {};
    };
    // Whether anything came with the message (a kubeconfig, a certificate), and the cluster's RBAC.
    let given_more = p.report.objects.iter().any(|o| o.error_message.is_none());
    let rbac_given = p.report.rbac.as_ref().is_some_and(|r| r.origin == "pasted");
    let mut diagnosis = m.diagnosis.clone();
    diagnosis.sort_by_key(|d| !d.at_fault);
    html! {
        <section class="error-message" aria-label="What the error means">
            <pre class="error-line">{ super::shown(&m.line) }</pre>
            <h4>{ &m.title }</h4>
            <p>{ &m.meaning }</p>
            if !diagnosis.is_empty() {
                <h4>{ if m.cause_found { "The cause, in what you gave" } else { "What you gave says" } }</h4>
                <ul class="diagnosis">
                    { for diagnosis.iter().map(|d| html! {
                        <li class={classes!(d.at_fault.then_some("at-fault"))}>
                            if d.at_fault { <strong>{ "Cause: " }</strong> }
                            { super::shown(&d.text) }
                        </li>
                    }) }
                </ul>
            } else if !given_more {
                if m.kind != "no-resource-type" {
                    <p class="hint">{ "Paste or drop your kubeconfig, certificate or the cluster's RBAC objects with the message to find which one is at fault." }</p>
                }
            }
            if m.can_i.is_some() && !rbac_given {
                <p class="hint">{ "Answered under Kubernetes' default policy. For your cluster's own answer, add its RBAC objects: kubectl get clusterroles,clusterrolebindings,roles,rolebindings -A -o yaml" }</p>
            }
            if let Some(q) = &m.can_i {
                <h4>{ "The question RBAC was asked" }</h4>
                <p>{ command(q, "the kubectl auth can-i command") }</p>
                if let Some(d) = &m.decision {
                    <p class={classes!("can-i-answer", if d.allowed { "yes" } else { "no" })}>
                        <strong>{ if d.allowed { "Offline answer: yes. " } else { "Offline answer: no. " } }</strong>{ super::shown(&d.reason) }
                    </p>
                }
            }
            if !m.grant.is_empty() {
                <h4>{ "The smallest grant that allows exactly this request" }</h4>
                <ol class="grant">
                    { for m.grant.iter().map(|g| html! { <li>{ command(g, "the command") }</li> }) }
                </ol>
            }
            if let Some(w) = &m.grant_warning {
                <p class="grant-warning"><strong>{ "Careful: " }</strong>{ w }</p>
            }
            <details class="error-causes" open={diagnosis.is_empty()}>
                <summary>{ "Usual causes, and what to run next" }</summary>
                <ol>{ for m.causes.iter().map(|c| html! { <li>{ c }</li> }) }</ol>
                <ul class="next">
                    { for m.next.iter().map(|n| match n.strip_prefix("$ ") {
                        Some(cmd) => {
                            let (c, note) = cmd.split_once("   (").map(|(c, n)| (c, format!(" ({n}"))).unwrap_or((cmd, String::new()));
                            html! { <li>{ command(c, "the command") }<span class="hint">{ note }</span></li> }
                        }
                        None => html! { <li>{ n }</li> },
                    }) }
                </ul>
                <p class="hint">{ "Source: " }{ &m.source }</p>
            </details>
        </section>
    }
}
