//! "This credential leaked": the containment plan the engine made for a client certificate
//! (issue #26), opened on demand under its identity.

use yew::prelude::*;

use super::details::CopyButton;
use super::SharedReport;

#[derive(Properties, PartialEq)]
pub struct ContainProps {
    pub report: SharedReport,
    pub index: usize,
}

#[function_component(ContainPlan)]
pub fn contain_plan(p: &ContainProps) -> Html {
    let Some(c) = p.report.objects.get(p.index).and_then(|o| o.containment.as_ref()) else {
        return html! {};
    };
    let steps = c
        .user_bindings
        .iter()
        .chain(c.group_bindings.iter())
        .filter(|b| !b.command.is_empty());
    html! {
        <details class="contain">
            <summary>{ "This credential leaked: what to do" }</summary>
            <p><strong>{ format!("It works until {} ({}).", c.works_until, c.window) }</strong>
                { " A Kubernetes certificate cannot be revoked. " }
                { if c.rbac_contains { "RBAC can take its powers away." } else { "RBAC cannot contain it." } }</p>
            { for c.beyond_rbac.iter().map(|b| html! { <p class="hint">{ super::shown(b) }</p> }) }
            <ol class="contain-steps">
                { for c.steps.iter().map(|s| html! { <li>{ super::shown(s) }</li> }) }
            </ol>
            { for steps.map(|b| html! {
                <p class="contain-command"><code class="cmd">{ super::shown(&b.command) }</code>{ " " }
                    <CopyButton text={AttrValue::from(b.command.clone())} what={"the command"} /></p>
            }) }
            if !c.afterwards.is_empty() {
                <p class="hint">{ "Afterwards it keeps: " }{ super::shown(&c.afterwards.join("; ")) }</p>
            }
        </details>
    }
}
