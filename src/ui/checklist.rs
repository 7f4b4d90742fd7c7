//! The certificate security checklist (issue #26): each item with pass, fail or "not in this
//! input", what it checks, and links to the findings that decided it.

use yew::prelude::*;

use super::SharedReport;
use crate::engine::report::checklist::ItemStatus;

#[derive(Properties, PartialEq)]
pub struct ChecklistProps {
    pub report: SharedReport,
}

#[function_component(ChecklistView)]
pub fn checklist_view(p: &ChecklistProps) -> Html {
    let Some(c) = &p.report.checklist else { return html! {} };
    let failed = c.items.iter().filter(|i| i.status == ItemStatus::Fail).count();
    html! {
        <section class="checklist" aria-labelledby="checklist-heading">
            <h3 id="checklist-heading">{ format!("Security checklist: {}", if failed == 0 { "nothing failed".to_string() } else { format!("{failed} of {} items fail", c.items.len()) }) }</h3>
            <ul>
                { for c.items.iter().map(|i| html! {
                    <li class={classes!("item", format!("status-{}", i.status.label().replace(' ', "-")))}>
                        <span class="status">{ i.status.label() }</span>
                        <strong>{ &i.title }</strong>
                        <p>{ super::shown(&i.summary) }</p>
                        if !i.findings.is_empty() {
                            <ul class="item-findings">
                                { for i.findings.iter().map(|f| html! {
                                    <li><a href={format!("#object-{}", f.object)}>{ format!("#{} ", f.object) }<code>{ &f.rule }</code></a>
                                        { format!(" {} · {}", f.severity.label(), f.title) }</li>
                                }) }
                            </ul>
                        }
                    </li>
                }) }
            </ul>
        </section>
    }
}
