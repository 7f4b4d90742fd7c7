//! The embedded views sized for a page of prose (issue #25): `identity` (each object's verdict
//! and the CN/O → username/groups mapping) and `summary` (also the findings' titles, each
//! expandable), with the full report one click away. `?embed&view=…`, the frame's `inspect`
//! message's `view`, and the element's `view` attribute choose it.

use yew::prelude::*;

use super::identity::IdentityCard;
use super::verdict::VerdictBanner;
use super::SharedReport;

/// Which embedded view: what a docs page shows of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmbedView {
    Identity,
    Summary,
    Full,
}

impl EmbedView {
    /// `identity`, `summary` or `full`; anything else is `None`.
    pub fn parse(s: &str) -> Option<EmbedView> {
        match s {
            "identity" => Some(EmbedView::Identity),
            "summary" => Some(EmbedView::Summary),
            "full" => Some(EmbedView::Full),
            _ => None,
        }
    }
}

/// At most this many objects are shown compactly; the full report has the rest.
const MAX_OBJECTS: usize = 5;

#[derive(Properties, PartialEq)]
pub struct CompactProps {
    pub report: SharedReport,
    pub view: EmbedView,
    pub on_full: Callback<()>,
}

#[function_component(CompactReport)]
pub fn compact_report(p: &CompactProps) -> Html {
    let r = &p.report;
    let shown: Vec<usize> = r
        .objects
        .iter()
        .filter(|o| o.parent.is_none() && (o.identity.is_some() || o.verdict.is_some() || o.error_message.is_some()))
        .map(|o| o.id)
        .collect();
    let on_full = {
        let f = p.on_full.clone();
        Callback::from(move |_: MouseEvent| f.emit(()))
    };
    html! {
        <section class={classes!("report", "compact")} aria-label="Report">
            if let Some(e) = &r.error {
                <div class="error-box" role="alert">
                    <h3>{ "Could not read the input" }</h3>
                    <p>{ super::shown(&e.message) }</p>
                </div>
            }
            if shown.is_empty() && r.error.is_none() {
                { for r.input.detected.iter().map(|d| html! { <p class="detected">{ super::shown(d) }</p> }) }
            }
            { for shown.iter().take(MAX_OBJECTS).map(|i| {
                let o = &r.objects[*i];
                html! {
                    <article class="compact-object" key={*i}>
                        if let Some(v) = &o.verdict {
                            <VerdictBanner verdict={v.clone()} title={AttrValue::from(o.label.clone())} />
                        }
                        <IdentityCard report={r.clone()} index={*i} choosable={false} />
                        if p.view == EmbedView::Summary && !o.findings.is_empty() {
                            <ul class="compact-findings" aria-label="Findings">
                            { for o.findings.iter().map(|f| html! {
                                <li>
                                    <details>
                                        <summary>
                                            <span class={classes!("badge", format!("sev-{}", f.severity.label()))}>{ f.severity.label() }</span>
                                            { " " }{ super::shown(&f.title) }
                                        </summary>
                                        <p>{ super::shown(&f.detail) }</p>
                                        <p><strong>{ "Why: " }</strong>{ super::shown(&f.why) }</p>
                                        <p><strong>{ "Instead: " }</strong>{ super::shown(&f.fix) }</p>
                                    </details>
                                </li>
                            }) }
                            </ul>
                        }
                    </article>
                }
            }) }
            if shown.len() > MAX_OBJECTS {
                <p class="hint">{ format!("and {} more objects in the full report.", shown.len() - MAX_OBJECTS) }</p>
            }
            <button type="button" class="show-full" onclick={on_full}>{ "Show the full report" }</button>
        </section>
    }
}
