//! The identity card: shows *how* the subject becomes a Kubernetes user, attribute by attribute.

use yew::prelude::*;

use super::SharedReport;

#[derive(Properties, PartialEq)]
pub struct IdentityProps {
    pub report: SharedReport,
    pub index: usize,
    /// The subject attribute chosen (here or in the byte view), by its index in the subject.
    #[prop_or_default]
    pub selected_attr: Option<u32>,
    #[prop_or_default]
    pub on_select_attr: Callback<Option<u32>>,
    /// Whether a row can be chosen (to mark its bytes in the byte view); not where there is none.
    #[prop_or(true)]
    pub choosable: bool,
}

use crate::first_view::meaning_label;

/// A value with every character outside ASCII marked, when the value also holds ASCII letters:
/// a Cyrillic "а" in "system:mаsters" is then visible where the reviewer reads the value (rule
/// identity-lookalike-characters names it), with its code point on hover.
fn marked(value: &str) -> Html {
    let shown = super::shown(value);
    if shown.is_ascii() || !shown.chars().any(|c| c.is_ascii_alphabetic()) {
        return html! { { shown } };
    }
    let mut parts: Vec<Html> = Vec::new();
    let mut run = String::new();
    for c in shown.chars() {
        if c.is_ascii() {
            run.push(c);
        } else {
            if !run.is_empty() {
                parts.push(html! { { std::mem::take(&mut run) } });
            }
            let title = format!("U+{:04X}: not an ASCII character", c as u32);
            parts.push(html! { <mark class="lookalike" title={title}>{ c.to_string() }</mark> });
        }
    }
    if !run.is_empty() {
        parts.push(html! { { run } });
    }
    html! { <>{ for parts }</> }
}

#[function_component(IdentityCard)]
pub fn identity_card(p: &IdentityProps) -> Html {
    let Some(o) = p.report.objects.get(p.index) else { return html! {} };
    let Some(id) = &o.identity else { return html! {} };
    let subject = o
        .certificate
        .as_ref()
        .map(|c| &c.subject)
        .or(o.request.as_ref().map(|r| &r.subject));
    let kind_class = format!("identity-kind kind-{:?}", id.kind).to_lowercase();
    let request = o.certificate.is_none();
    html! {
        <section class="identity" aria-label="Kubernetes identity">
            <h4>{ "Who this makes you in Kubernetes" }</h4>
            if let Some(attrs) = subject {
                <table class="mapping">
                    <caption>{ "Subject, in encoding order, and what the API server does with each attribute" }</caption>
                    <thead><tr><th scope="col">{ "Attribute" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Meaning" }</th></tr></thead>
                    <tbody>
                    { for attrs.iter().enumerate().map(|(i, a)| {
                        let i = i as u32;
                        let choose = {
                            let on = p.on_select_attr.clone();
                            Callback::from(move |_: MouseEvent| on.emit(Some(i)))
                        };
                        let choose_key = {
                            let on = p.on_select_attr.clone();
                            Callback::from(move |e: KeyboardEvent| if e.key() == "Enter" || e.key() == " " { e.prevent_default(); on.emit(Some(i)) })
                        };
                        let selected = p.selected_attr == Some(i);
                        html! {
                        <tr class={classes!("attr", format!("m-{}", a.meaning), selected.then_some("selected"))} tabindex={p.choosable.then_some("0")}
                            title={p.choosable.then_some("Choose to mark its bytes in \"See the bytes\"")} onclick={choose} onkeydown={choose_key} aria-current={selected.then_some("true")}>
                            <th scope="row"><code>{ super::shown(&a.short) }</code></th>
                            <td><code>{ marked(&a.value) }</code></td>
                            <td>{
                                if a.oid == crate::engine::facts::x509::OID_K8S_UID && !p.report.judged_for.uid_from_certificates {
                                    format!("ignored by Kubernetes {}: read as the UID from 1.34", p.report.judged_for.kubernetes)
                                } else {
                                    meaning_label(&a.meaning, request).to_string()
                                }
                            }</td>
                        </tr>
                    }}) }
                    if attrs.is_empty() {
                        <tr><td colspan="3">{ "(empty subject)" }</td></tr>
                    }
                    </tbody>
                </table>
            }
            <dl class="facts identity-result">
                <dt>{ "Username" }</dt>
                <dd>
                    if let Some(u) = &id.username { <code class="username">{ marked(u) }</code> } else { <strong>{ "none: authenticates as nobody" }</strong> }
                </dd>
                <dt>{ "Groups" }</dt>
                <dd>
                    if id.username.is_none() {
                        { "none" }
                    } else {
                        <ul class="groups">
                            { for id.subject_groups.iter().map(|g| html! { <li><code class="group">{ marked(g) }</code>{ if id.groups_source == "token" { " (from the token)" } else { " (from O)" } }</li> }) }
                            { for id.added_groups.iter().map(|g| html! { <li><code class="group added">{ super::shown(g) }</code>{ " (added by the API server to every authenticated user)" }</li> }) }
                            if id.subject_groups.is_empty() && id.added_groups.is_empty() { <li>{ "none" }</li> }
                        </ul>
                    }
                </dd>
                if let Some(u) = &id.uid { <dt>{ "UID" }</dt><dd><code>{ super::shown(u) }</code></dd> }
                <dt>{ "What it is" }</dt><dd><span class={kind_class}>{ super::shown(&id.kind_label) }</span></dd>
                <dt>{ "What it can do" }</dt><dd>{ super::shown(&id.can_do) }</dd>
            </dl>
            if !id.notes.is_empty() {
                <ul class="notes">{ for id.notes.iter().map(|n| html! { <li>{ super::shown(n) }</li> }) }</ul>
            }
        </section>
    }
}
