//! A bundle of certificates as a table, sortable by expiry.

use yew::prelude::*;

use super::SharedReport;

#[derive(Properties, PartialEq)]
pub struct BundleProps {
    pub report: SharedReport,
    pub ids: Vec<usize>,
}

#[function_component(BundleTable)]
pub fn bundle_table(p: &BundleProps) -> Html {
    let ascending = use_state(|| true);
    let limit = use_state(|| super::PAGE_ROWS);
    let mut rows: Vec<&crate::engine::report::Object> = p
        .ids
        .iter()
        .filter_map(|i| p.report.objects.get(*i))
        .filter(|o| o.certificate.is_some())
        .collect();
    rows.sort_by_key(|o| o.certificate.as_ref().map(|c| c.validity.not_after_unix).unwrap_or(0));
    if !*ascending {
        rows.reverse();
    }
    let toggle = {
        let ascending = ascending.clone();
        Callback::from(move |_: MouseEvent| ascending.set(!*ascending))
    };
    let sort = if *ascending { "ascending" } else { "descending" };
    html! {
        <>
        <table class="bundle">
            <caption>{ format!("{} certificates", rows.len()) }</caption>
            <thead><tr>
                <th scope="col">{ "#" }</th><th scope="col">{ "Subject" }</th>
                <th scope="col" aria-sort={sort}><button type="button" onclick={toggle}>{ format!("Expires {}", if *ascending { "▲" } else { "▼" }) }</button></th>
                <th scope="col">{ "Status" }</th><th scope="col">{ "Findings" }</th>
            </tr></thead>
            <tbody>
            { for rows.iter().take(*limit).map(|o| {
                let c = o.certificate.as_ref().map(|c| (c.validity.not_after.clone(), c.validity.relative.clone(), c.validity.status.clone())).unwrap_or_default();
                let worst = o.findings.first().map(|f| f.severity.label()).unwrap_or("none");
                html! {
                    <tr class={format!("status-{}", c.2)}>
                        <td><a href={format!("#object-{}", o.id)}>{ o.id }</a></td>
                        <td>{ super::shown(&o.label) }</td>
                        <td><time datetime={c.0.clone()}>{ super::shown(&c.0) }</time></td>
                        <td>{ super::shown(&c.1) }</td>
                        <td><span class={format!("badge sev-{worst}")}>{ format!("{} ({worst})", o.findings.len()) }</span></td>
                    </tr>
                }
            }) }
            </tbody>
        </table>
        { super::more_button(&limit, rows.len(), "certificates") }
        </>
    }
}
