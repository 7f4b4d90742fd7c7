//! The reviewer's queue: every CertificateSigningRequest of the input as one table with
//! kubectl's columns plus identity and verdict, worst first, sortable by every column; and the
//! approve/deny commands ready to copy (nothing runs from the page).

use std::cmp::Ordering;

use yew::prelude::*;

use super::details::CopyButton;
use crate::engine::report::queue::{CsrQueue, QueueRow};

#[derive(Properties, PartialEq)]
pub struct QueueProps {
    pub queue: CsrQueue,
}

#[derive(Clone, Copy, PartialEq)]
enum Column {
    Verdict,
    Name,
    Age,
    Signer,
    Requestor,
    Duration,
    Condition,
    Username,
    Groups,
}

/// The verdict first (what a reviewer scans for), then kubectl's columns in kubectl's order, then
/// who the request would make you.
const COLUMNS: &[(Column, &str)] = &[
    (Column::Verdict, "VERDICT"),
    (Column::Name, "NAME"),
    (Column::Age, "AGE"),
    (Column::Signer, "SIGNERNAME"),
    (Column::Requestor, "REQUESTOR"),
    (Column::Duration, "REQUESTEDDURATION"),
    (Column::Condition, "CONDITION"),
    (Column::Username, "USERNAME"),
    (Column::Groups, "GROUPS"),
];

/// Ascending order of a column; the engine's order (worst first) is `Verdict` descending.
fn compare(c: Column, a: &QueueRow, b: &QueueRow) -> Ordering {
    match c {
        Column::Verdict => a.verdict.cmp(&b.verdict).then(a.worst.cmp(&b.worst)),
        Column::Name => a.name.cmp(&b.name),
        Column::Age => a.age_seconds.cmp(&b.age_seconds),
        Column::Signer => a.signer_name.cmp(&b.signer_name),
        Column::Requestor => a.requestor.cmp(&b.requestor),
        Column::Duration => a.requested_seconds.cmp(&b.requested_seconds),
        Column::Condition => a.condition.cmp(&b.condition),
        Column::Username => a.username.cmp(&b.username),
        Column::Groups => a.groups.cmp(&b.groups),
    }
}

/// The signer name, breakable after its `/` (domain, then path) so the table fits a page.
fn signer_cell(name: &str) -> Html {
    match name.split_once('/') {
        Some((domain, path)) => {
            html! { <code><span>{ super::shown(&format!("{domain}/")) }</span><wbr /><span>{ super::shown(path) }</span></code> }
        }
        None => html! { <code>{ super::shown(name) }</code> },
    }
}

#[function_component(QueueTable)]
pub fn queue_table(p: &QueueProps) -> Html {
    // (column, ascending); the default is the engine's worst-first order.
    let sort = use_state(|| (Column::Verdict, false));
    let limit = use_state(|| super::PAGE_ROWS);
    let (col, asc) = *sort;
    let mut rows: Vec<&QueueRow> = p.queue.rows.iter().collect();
    // Stable sort: equal keys keep the engine's worst-first order.
    rows.sort_by(|a, b| {
        let o = compare(col, a, b);
        if asc {
            o
        } else {
            o.reverse()
        }
    });
    let q = &p.queue;
    html! {
        <section class="queue" aria-labelledby="queue-heading">
            <h3 id="queue-heading">{ format!("Review queue: {} requests", q.rows.len()) }</h3>
            <p class="hint">{ "kubectl get csr's columns, plus who each request would make you and the verdict. Worst first; click a column to sort by it, and a name to jump to its details." }</p>
            <div class="table-scroll">
            <table class="queue-table">
                <thead><tr>
                { for COLUMNS.iter().map(|(c, label)| {
                    let active = *c == col;
                    let aria = if !active { "none" } else if asc { "ascending" } else { "descending" };
                    let onclick = {
                        let sort = sort.clone();
                        let c = *c;
                        Callback::from(move |_: MouseEvent| {
                            let (cur, asc) = *sort;
                            // A new column starts ascending, except the verdict, which starts worst first.
                            sort.set(if cur == c { (c, !asc) } else { (c, c != Column::Verdict) });
                        })
                    };
                    let arrow = if !active { "" } else if asc { " ▲" } else { " ▼" };
                    html! { <th scope="col" aria-sort={aria}><button type="button" {onclick}>{ format!("{label}{arrow}") }</button></th> }
                }) }
                </tr></thead>
                <tbody>
                { for rows.iter().take(*limit).map(|r| {
                    let sev = r.worst.map(|s| s.label()).unwrap_or("none");
                    let verdict_class = match r.verdict {
                        crate::engine::report::VerdictLevel::DoNotApprove => "sev-critical",
                        crate::engine::report::VerdictLevel::ReviewCarefully => "sev-medium",
                        crate::engine::report::VerdictLevel::Routine => "sev-none",
                    };
                    html! {
                        <tr class={format!("worst-{sev}")}>
                            <td class="verdict-cell"><span class={format!("badge {verdict_class}")}>{ super::shown(&r.verdict_label) }</span>
                                if let Some(why) = &r.reason { <span class="queue-reason">{ super::shown(why) }</span> }</td>
                            <td><a href={format!("#object-{}", r.object)}>{ super::shown(&r.name) }</a></td>
                            <td>{ super::shown(&r.age) }</td>
                            <td class="signer">{ signer_cell(&r.signer_name) }</td>
                            <td>{ super::shown(&r.requestor) }</td>
                            <td>{ super::shown(&r.requested_duration) }</td>
                            <td>{ super::shown(&r.condition) }</td>
                            <td>{ match &r.username { Some(u) => html! { <code class="username">{ super::shown(u) }</code> }, None => html! { <span class="hint">{ "(none)" }</span> } } }</td>
                            <td>{ for r.groups.iter().map(|g| html! { <><code class="group">{ super::shown(g) }</code>{ " " }</> }) }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
            { super::more_button(&limit, rows.len(), "requests") }
            <div class="queue-commands">
                <h4>{ "Commands for the pending requests" }</h4>
                <p class="hint">{ "Ready to copy; nothing runs from this page. Read each request's details before you run them." }</p>
                if let Some(c) = &q.approve_command {
                    <p><strong>{ "Routine, approve: " }</strong><code class="cmd approve-command">{ c }</code>{ " " }<CopyButton text={c.clone()} what={"the approve command"} /></p>
                }
                if let Some(c) = &q.deny_command {
                    <p><strong>{ "Do not approve, deny: " }</strong><code class="cmd deny-command">{ c }</code>{ " " }<CopyButton text={c.clone()} what={"the deny command"} /></p>
                }
                if !q.to_review.is_empty() {
                    <p><strong>{ "Review carefully first: " }</strong>{ super::shown(&q.to_review.join(", ")) }<span class="hint">{ " (in neither command: decide after reading their findings)" }</span></p>
                }
                if q.approve_command.is_none() && q.deny_command.is_none() && q.to_review.is_empty() {
                    <p>{ "No request is pending: every one is already approved, denied or failed." }</p>
                }
            </div>
        </section>
    }
}
