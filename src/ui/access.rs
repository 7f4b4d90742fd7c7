//! What an identity may do under RBAC (the bindings that apply, the subject that matched, the
//! dangerous powers and kubectl's `--list` table), and the policy's own summary with the reverse
//! view: who holds each dangerous power.

use yew::prelude::*;

use super::SharedReport;
use crate::engine::analyse::authz::list_table;
use crate::engine::report::access::{Access, ListRow, RbacReport};

#[derive(Properties, PartialEq)]
pub struct AccessProps {
    pub report: SharedReport,
    pub index: usize,
}

fn rbac_of(r: &SharedReport) -> Option<&RbacReport> {
    r.rbac.as_ref()
}

#[function_component(AccessCard)]
pub fn access_card(p: &AccessProps) -> Html {
    let Some(o) = p.report.objects.get(p.index) else { return html! {} };
    let Some(rbac) = rbac_of(&p.report) else { return html! {} };
    let Some(a) = o.access.and_then(|i| rbac.identities.get(i)) else {
        return html! {};
    };
    let pasted = rbac.origin == "pasted";
    html! {
        <section class="access" aria-label="What this identity can do under RBAC">
            <h4>{ if pasted { "What this identity can do in your cluster" } else { "What this identity can do under Kubernetes' default policy" } }</h4>
            if let Some(c) = &rbac.caveat {
                <p class="hint">{ c.as_str() }</p>
            }
            if a.superuser {
                <p class="access-superuser"><strong>{ "Everything." }</strong>{ " system:masters is answered by the superuser authorizer before RBAC: no binding grants it and no binding can take it away." }</p>
            }
            <Bindings access={a.clone()} />
            if !a.powers.is_empty() {
                <h5>{ "Dangerous powers" }</h5>
                <ul class="finding-list powers">
                    { for a.powers.iter().map(|pw| html! {
                        <li class={classes!("finding", format!("sev-{}", pw.severity.label()))}>
                            <div class="finding-head">
                                <span class={classes!("badge", format!("sev-{}", pw.severity.label()))}>{ pw.severity.label() }</span>
                                <strong>{ super::shown(&pw.title) }</strong>{ " " }{ super::shown(&pw.scope) }
                            </div>
                            <p class="hint">{ "through " }{ super::shown(&pw.via) }</p>
                            <p>{ pw.why.as_str() }</p>
                        </li>
                    }) }
                </ul>
            }
            { for a.notes.iter().filter(|n| !(a.superuser && n.starts_with("system:masters"))).map(|n| html! { <p class="hint">{ super::shown(n) }</p> }) }
            <Permissions access={a.clone()} />
            <Question report={p.report.clone()} access={a.clone()} index={p.index} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct OneAccess {
    access: Access,
}

/// The bindings that apply, and which subject matched: the CN/O mapping put to work.
#[function_component(Bindings)]
fn bindings(p: &OneAccess) -> Html {
    let a = &p.access;
    if a.bindings.is_empty() {
        return html! { <p>{ "No binding names this user, any of its groups, or system:authenticated: RBAC allows it nothing." }</p> };
    }
    html! {
        <div class="table-scroll">
            <table class="rbac-table access-bindings">
                <caption class="visually-hidden">{ "Bindings that apply to this identity" }</caption>
                <thead><tr><th scope="col">{ "Binding" }</th><th scope="col">{ "Role" }</th><th scope="col">{ "Matched because" }</th></tr></thead>
                <tbody>
                    { for a.bindings.iter().map(|b| html! {
                        <tr class={classes!(b.role_missing.then_some("missing"))}>
                            <td><code>{ super::shown(&b.binding) }</code></td>
                            <td><code>{ super::shown(&b.role) }</code>
                                if b.role_missing { <span class="tag bad">{ "missing: grants nothing" }</span> }</td>
                            <td>{ matched_text(&b.matched) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// "User amy" → "the username (CN) is amy", "Group dev" → "a group (O) is dev".
fn matched_text(m: &str) -> Html {
    if let Some(u) = m.strip_prefix("User ") {
        html! { <>{ "subject User " }<code>{ super::shown(u) }</code>{ " = the username (CN)" }</> }
    } else if m.starts_with("Group system:authenticated") {
        html! { <>{ "Group " }<code>{ "system:authenticated" }</code>{ ": every authenticated user" }</> }
    } else if let Some(g) = m.strip_prefix("Group ") {
        html! { <>{ "subject Group " }<code>{ super::shown(g) }</code>{ " = one of the groups (O)" }</> }
    } else if let Some(sa) = m.strip_prefix("ServiceAccount ") {
        html! { <>{ "subject ServiceAccount " }<code>{ super::shown(sa) }</code>{ " = the username system:serviceaccount:…" }</> }
    } else {
        html! { { super::shown(m) } }
    }
}

/// kubectl's `--list` table per scope, built only when asked for.
#[function_component(Permissions)]
fn permissions(p: &OneAccess) -> Html {
    let open = use_state(|| false);
    let a = &p.access;
    let total: usize = a.scopes.iter().map(|s| s.rows.len()).sum();
    if !*open {
        let on = {
            let open = open.clone();
            Callback::from(move |_: MouseEvent| open.set(true))
        };
        return html! {
            <p><button type="button" class="show-list" onclick={on}>{ format!("Show the permissions as kubectl auth can-i --list prints them ({total} rows)") }</button></p>
        };
    }
    html! {
        <div class="permissions">
            { for a.scopes.iter().map(|s| {
                let title = match &s.namespace {
                    None => "In every namespace and cluster-wide (ClusterRoleBindings)".to_string(),
                    Some(ns) => format!("In namespace {ns}, in addition (its RoleBindings; kubectl auth can-i --list -n {ns} shows both tables as one)"),
                };
                html! {
                    <>
                        <h5>{ super::shown(&title) }</h5>
                        <ListTable rows={s.rows.clone()} />
                        if s.more > 0 {
                            <p class="hint">{ format!("… and {} more rows, left out of the report; the CLI's --list prints them all.", s.more) }</p>
                        }
                    </>
                }
            }) }
            <p class="hint">{ "One question at a time, offline, with the same files: " }<code class="cmd">{ "kube-cert-inspector FILE... --can-i get pods -n dev" }</code></p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RowsProps {
    rows: Vec<ListRow>,
}

#[function_component(ListTable)]
fn list_table_view(p: &RowsProps) -> Html {
    if p.rows.is_empty() {
        return html! { <p>{ "Nothing." }</p> };
    }
    let text = list_table(&p.rows);
    html! {
        <div class="table-scroll">
            <table class="rbac-table can-i-list">
                <thead><tr><th scope="col">{ "Resources" }</th><th scope="col">{ "Non-Resource URLs" }</th><th scope="col">{ "Resource Names" }</th><th scope="col">{ "Verbs" }</th></tr></thead>
                <tbody>
                    { for p.rows.iter().map(|r| {
                        let [a, b, c, d] = r.cells();
                        html! { <tr><td><code>{ super::shown(&a) }</code></td><td><code>{ super::shown(&b) }</code></td><td><code>{ super::shown(&c) }</code></td><td><code>{ super::shown(&d) }</code></td></tr> }
                    }) }
                </tbody>
            </table>
            <super::details::CopyButton text={AttrValue::from(text)} what={"the table"} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub report: SharedReport,
}

/// The pasted policy: what was read, computed and broken, and who holds each dangerous power.
#[function_component(RbacSummary)]
pub fn rbac_summary(p: &SummaryProps) -> Html {
    // Hooks before any early return.
    let limit = use_state(|| super::PAGE_ROWS);
    let Some(rbac) = rbac_of(&p.report) else { return html! {} };
    if rbac.origin != "pasted" {
        return html! {};
    }
    let rows: usize = rbac.holders.iter().map(|h| h.holders.len()).sum();
    html! {
        <section class="chains rbac-summary" aria-labelledby="rbac-heading">
            <h3 id="rbac-heading">{ "Your RBAC objects" }</h3>
            <p>{ format!("{} ClusterRoles, {} Roles, {} ClusterRoleBindings, {} RoleBindings, resolved offline with the API server's RBAC rules.",
                rbac.cluster_roles, rbac.roles, rbac.cluster_role_bindings, rbac.role_bindings) }</p>
            if let Some(c) = &rbac.caveat {
                <p class="hint">{ c.as_str() }</p>
            }
            if !rbac.dangling.is_empty() {
                <ul class="notes">
                    { for rbac.dangling.iter().map(|d| html! { <li class="not-understood">{ super::shown(d) }</li> }) }
                </ul>
            }
            if !rbac.computed.is_empty() {
                <details>
                    <summary>{ format!("{} aggregated ClusterRoles computed here", rbac.computed.len()) }</summary>
                    <p class="hint">{ "These roles came without rules: their aggregationRule was applied, as the controller manager does in a cluster (view → edit → admin)." }</p>
                    <ul class="notes">{ for rbac.computed.iter().map(|c| html! { <li>{ super::shown(c) }</li> }) }</ul>
                </details>
            }
            if let Some(n) = &rbac.note {
                <p class="hint">{ super::shown(n) }</p>
            }
            if !rbac.holders.is_empty() {
                <h4>{ format!("Who holds dangerous powers ({rows} grants)") }</h4>
                <div class="table-scroll">
                    <table class="rbac-table holders">
                        <thead><tr><th scope="col">{ "Power" }</th><th scope="col">{ "Subject" }</th><th scope="col">{ "Where" }</th><th scope="col">{ "Through" }</th></tr></thead>
                        <tbody>
                            { for rbac.holders.iter().flat_map(|p| p.holders.iter().enumerate().map(move |(i, h)| (p, i, h))).take(*limit).map(|(p, i, h)| html! {
                                <tr class={classes!(format!("worst-{}", h.severity.label()))}>
                                    <td>if i == 0 { <strong>{ super::shown(&p.title) }</strong> }</td>
                                    <td><span class={classes!("badge", format!("sev-{}", h.severity.label()))}>{ h.severity.label() }</span>{ " " }<code>{ super::shown(&h.subject) }</code></td>
                                    <td>{ super::shown(&h.scope) }</td>
                                    <td class="verdict-cell"><code>{ super::shown(&h.via) }</code></td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                { super::more_button(&limit, rows, "grants") }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct QuestionProps {
    report: SharedReport,
    access: Access,
    /// The object's id, for the field's id.
    index: usize,
}

/// `kubectl auth can-i`, typed in the page: yes or no, and which binding, role and rule.
#[function_component(Question)]
fn question(p: &QuestionProps) -> Html {
    let line = use_state(|| "get pods -n default".to_string());
    // None: nothing asked yet; Some(None): the engine's worker is answering.
    let answer = use_state(|| None::<Option<crate::engine::report::parts::Answer>>);
    let oninput = {
        let line = line.clone();
        Callback::from(move |e: InputEvent| {
            let i: web_sys::HtmlInputElement = e.target_unchecked_into();
            line.set(i.value());
        })
    };
    let onsubmit = {
        let (line, answer, report, access) = (line.clone(), answer.clone(), p.report.clone(), p.access.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // The engine's worker keeps the report's RBAC policy and answers.
            let to = answer.clone();
            answer.set(Some(None));
            match super::background::engine() {
                Ok(e) => e.ask(report.1, &access.username, &access.groups, &line, move |a| to.set(Some(Some(a)))),
                Err(e) => answer.set(Some(Some(Err(e)))),
            }
        })
    };
    let id = format!("can-i-{}", p.index);
    html! {
        <form class="can-i" {onsubmit}>
            <label for={id.clone()}>{ "Ask: kubectl auth can-i " }</label>
            <input id={id} type="text" value={(*line).clone()} {oninput} spellcheck="false" autocomplete="off" size="28" />
            <button type="submit">{ "Ask" }</button>
            {
                match &*answer {
                    None => html! {},
                    Some(None) => html! { <p class="hint" role="status">{ "Asking…" }</p> },
                    Some(Some(Err(e))) => html! { <p class="not-understood" role="status">{ super::shown(e) }</p> },
                    Some(Some(Ok((d, resolved)))) => html! {
                        <div class="can-i-answer" role="status">
                            <p><strong class={if d.allowed { "yes" } else { "no" }}>{ if d.allowed { "yes" } else { "no" } }</strong>{ " — " }{ super::shown(&d.request.text()) }</p>
                            <p>{ super::shown(&d.reason) }</p>
                            if let Some(rule) = d.via.as_ref().and_then(|v| v.rule.as_ref()) {
                                <p class="hint">{ format!("rule: apiGroups [{}] resources [{}] resourceNames [{}] nonResourceURLs [{}] verbs [{}]",
                                    rule.api_groups.iter().map(|g| if g.is_empty() { "\"\"" } else { g.as_str() }).collect::<Vec<_>>().join(" "), rule.resources.join(" "), rule.resource_names.join(" "), rule.non_resource_urls.join(" "), rule.verbs.join(" ")) }</p>
                            }
                            { for resolved.iter().chain(&d.notes).map(|n| html! { <p class="hint">{ super::shown(n) }</p> }) }
                        </div>
                    },
                }
            }
        </form>
    }
}
