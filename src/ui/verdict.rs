//! The verdict banner: first thing a CSR reviewer sees.

use yew::prelude::*;

use crate::engine::report::{Verdict, VerdictLevel};

#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    pub verdict: Verdict,
    pub title: AttrValue,
}

#[function_component(VerdictBanner)]
pub fn verdict_banner(p: &VerdictProps) -> Html {
    let v = &p.verdict;
    let class = match v.level {
        VerdictLevel::DoNotApprove => "verdict do-not-approve",
        VerdictLevel::ReviewCarefully => "verdict review",
        VerdictLevel::Routine => "verdict routine",
    };
    html! {
        <div class={class} role="status">
            <p class="verdict-title">
                <span class="verdict-scope">{ super::shown(&p.title) }{ ": " }</span><strong class="verdict-label">{ super::shown(&v.label) }</strong></p>
            <p class="verdict-headline">{ super::shown(&v.headline) }</p>
            if !v.reasons.is_empty() && v.level != VerdictLevel::Routine {
                <ul class="verdict-reasons">{ for v.reasons.iter().take(8).map(|r| html! { <li>{ r }</li> }) }</ul>
            }
        </div>
    }
}
