//! Certificate chains drawn leaf → root, from the engine's verified `issued_by` links.

use yew::prelude::*;

use super::SharedReport;

#[derive(Properties, PartialEq)]
pub struct ChainProps {
    pub report: SharedReport,
}

/// Every chain of length two or more: start at certificates nothing else was issued by.
fn chains(r: &SharedReport) -> Vec<Vec<usize>> {
    let issuers: std::collections::HashSet<usize> = r.objects.iter().filter_map(|o| o.issued_by).collect();
    let mut out = Vec::new();
    for leaf in r.objects.iter().filter(|o| o.certificate.is_some() && !issuers.contains(&o.id)) {
        let mut chain = vec![leaf.id];
        let mut cur = leaf.issued_by;
        while let Some(i) = cur {
            if chain.contains(&i) || chain.len() > 16 {
                break;
            }
            chain.push(i);
            cur = r.objects.get(i).and_then(|o| o.issued_by);
        }
        if chain.len() > 1 {
            out.push(chain);
        }
    }
    out
}

#[function_component(ChainView)]
pub fn chain_view(p: &ChainProps) -> Html {
    let all = chains(&p.report);
    let limit = use_state(|| super::PAGE_ROWS);
    if all.is_empty() {
        return html! {};
    }
    html! {
        <section class="chains" aria-label="Certificate chains">
            <h3>{ if all.len() == 1 { "Chain" } else { "Chains" } }</h3>
            { for all.iter().take(*limit).map(|chain| html! {
                <ol class="chain-list">
                    { for chain.iter().enumerate().map(|(n, i)| {
                        let o = &p.report.objects[*i];
                        let c = o.certificate.as_ref();
                        let last = n + 1 == chain.len();
                        let role = if n == 0 { "leaf" } else if last && c.is_some_and(|c| c.self_issued) { "root" } else { "intermediate" };
                        html! {
                            <li>
                                <span class="chain-role">{ role }</span>
                                <a href={format!("#object-{}", o.id)}>{ super::shown(&c.map(|c| c.subject_text.clone()).unwrap_or_default()) }</a>
                                <span class="hint">{ format!(" · {}", c.map(|c| c.validity.relative.clone()).unwrap_or_default()) }</span>
                                if !last { <div class="issued-by" aria-hidden="true">{ "↑ issued by (signature verified)" }</div> }
                            </li>
                        }
                    }) }
                </ol>
            }) }
            { super::more_button(&limit, all.len(), "chains") }
        </section>
    }
}
