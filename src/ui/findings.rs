//! Findings, most severe first: badge, rule ID, title, what was found, why, what instead, source.

use yew::prelude::*;

use crate::engine::report::Finding;

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub findings: Vec<Finding>,
    pub passed: usize,
    pub not_applicable: usize,
}

fn reference(r: &str) -> Html {
    let url = r
        .split_whitespace()
        .find(|w| w.starts_with("https://"))
        .map(|u| u.trim_end_matches([';', ',', ')']).to_string());
    match url {
        Some(u) => {
            html! { <>{ r.replace(&u, "").trim().trim_end_matches(';').to_string() }{ " " }<a href={u.clone()} rel="noreferrer noopener" target="_blank">{ u }</a></> }
        }
        None => html! { { r } },
    }
}

#[function_component(Findings)]
pub fn findings(p: &FindingsProps) -> Html {
    let counts = format!("{} rules passed, {} did not apply.", p.passed, p.not_applicable);
    html! {
        <section class="findings" aria-label="Findings">
            <h4>{ "Findings" }</h4>
            if p.findings.is_empty() {
                <p class="no-findings">{ "No risks found. " }{ counts }</p>
            } else {
                <ol class="finding-list">
                { for p.findings.iter().map(|f| html! {
                    <li class={classes!("finding", format!("sev-{}", f.severity.label()))}>
                        <p class="finding-head">
                            <span class={classes!("badge", format!("sev-{}", f.severity.label()))}>{ f.severity.label() }</span>
                            <code class="rule-id">{ super::shown(&f.id) }</code>
                            <strong>{ super::shown(&f.title) }</strong>
                            if f.rejected_by_kubernetes { <span class="rejected">{ "Kubernetes rejects this" }</span> }
                        </p>
                        <p class="finding-detail">{ super::shown(&f.detail) }</p>
                        <details>
                            <summary>{ "Why it matters and what to do" }</summary>
                            <p><strong>{ "Why: " }</strong>{ super::shown(&f.why) }</p>
                            <p><strong>{ "Instead: " }</strong>{ super::shown(&f.fix) }</p>
                            <p class="reference"><strong>{ "Source: " }</strong>{ reference(&f.reference) }</p>
                        </details>
                    </li>
                }) }
                </ol>
                <p class="hint">{ counts }</p>
            }
        </section>
    }
}
