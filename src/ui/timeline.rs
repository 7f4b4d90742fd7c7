//! Validity as a timeline: not before → now → not after, coloured by urgency. Drawn in SVG
//! geometry, not inline styles, because the page's CSP forbids style attributes.

use yew::prelude::*;

use crate::engine::facts::x509::Validity;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub validity: Validity,
    pub now: i64,
}

#[function_component(Timeline)]
pub fn timeline(p: &TimelineProps) -> Html {
    let v = &p.validity;
    let span = (v.not_after_unix - v.not_before_unix).max(1) as f64;
    let pos = (((p.now - v.not_before_unix) as f64 / span) * 100.0).clamp(0.0, 100.0);
    let urgency = match v.status.as_str() {
        "expired" | "not_yet_valid" => "bad",
        _ if v.seconds_left <= 7 * 86400 => "bad",
        _ if v.seconds_left <= 30 * 86400 => "warn",
        _ => "ok",
    };
    let x = format!("{pos:.2}");
    html! {
        <div class={classes!("timeline", urgency)} role="group" aria-label="Validity">
            <p class="timeline-summary"><strong>{ super::shown(&v.relative) }</strong>{ format!(" · valid for {} in all", v.lifetime) }</p>
            <svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class="track" x="0" y="1" width="100" height="4" rx="1" />
                <rect class="elapsed" x="0" y="1" width={x.clone()} height="4" rx="1" />
                <line class="now" x1={x.clone()} x2={x} y1="0" y2="6" />
            </svg>
            <div class="ends">
                <span>{ "Not before " }<time datetime={v.not_before.clone()}>{ super::shown(&v.not_before) }</time></span>
                <span class="now-label">{ "now" }</span>
                <span>{ "Not after " }<time datetime={v.not_after.clone()}>{ super::shown(&v.not_after) }</time></span>
            </div>
        </div>
    }
}
