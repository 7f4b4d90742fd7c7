//! A control plane's PKI: kubeadm's expiry tables (sortable, coloured by urgency), the trust map
//! (who is client and who is server on each link, by verified signature) and what is missing.

use yew::prelude::*;

use super::SharedReport;
use crate::engine::analyse::pki::expiration_tables;
use crate::engine::report::pki::ExpirationRow;

#[derive(Properties, PartialEq)]
pub struct PkiProps {
    pub report: SharedReport,
}

/// Urgency class of a row: expired, under 30 days, under 90 days, fine, missing.
fn urgency(r: &ExpirationRow) -> &'static str {
    match r.residual_seconds {
        None => "worst-critical",
        Some(s) if s < 0 => "worst-critical",
        Some(s) if s < 30 * 86400 => "worst-high",
        Some(s) if s < 90 * 86400 => "worst-medium",
        _ => "",
    }
}

#[derive(Clone, Copy, PartialEq)]
enum SortBy {
    Name,
    Expires,
    Authority,
}

#[derive(Properties, PartialEq)]
struct TableProps {
    rows: Vec<ExpirationRow>,
    cas: bool,
    caption: AttrValue,
}

#[function_component(ExpiryTable)]
fn expiry_table(p: &TableProps) -> Html {
    let sort = use_state(|| SortBy::Name);
    let mut rows = p.rows.clone();
    match *sort {
        SortBy::Name => rows.sort_by(|a, b| a.name.cmp(&b.name)),
        SortBy::Expires => rows.sort_by_key(|r| r.expires_unix.unwrap_or(i64::MIN)),
        SortBy::Authority => rows.sort_by(|a, b| a.authority.cmp(&b.authority).then(a.name.cmp(&b.name))),
    }
    let header = |label: &'static str, by: SortBy| {
        let sort2 = sort.clone();
        let onclick = Callback::from(move |_: MouseEvent| sort2.set(by));
        let current = *sort == by;
        html! {
            <th scope="col" aria-sort={if current { "ascending" } else { "none" }}>
                <button type="button" {onclick}>{ label }{ if current { " ▲" } else { "" } }</button>
            </th>
        }
    };
    html! {
        <div class="table-scroll">
            <table class="rbac-table expiry">
                <caption>{ p.caption.clone() }</caption>
                <thead><tr>
                    { header(if p.cas { "CERTIFICATE AUTHORITY" } else { "CERTIFICATE" }, SortBy::Name) }
                    { header("EXPIRES", SortBy::Expires) }
                    <th scope="col">{ "RESIDUAL TIME" }</th>
                    if !p.cas { { header("CERTIFICATE AUTHORITY", SortBy::Authority) } }
                    <th scope="col">{ "EXTERNALLY MANAGED" }</th>
                    <th scope="col">{ "File" }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|r| html! {
                        <tr class={classes!(urgency(r))}>
                            <td>if r.missing { <strong>{ "!MISSING! " }</strong> }<code>{ super::shown(&r.name) }</code></td>
                            <td>{ r.expires.as_str() }</td>
                            <td>{ if r.missing { "" } else { r.residual.as_str() } }</td>
                            if !p.cas { <td>{ r.authority.as_str() }</td> }
                            <td>{ if r.missing { "" } else if r.externally_managed { "yes" } else { "no" } }</td>
                            <td>
                                if let Some(id) = r.object {
                                    <a href={format!("#object-{id}")}><code>{ super::shown(&r.path) }</code></a>
                                } else {
                                    <code>{ super::shown(&r.path) }</code>
                                }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[function_component(PkiView)]
pub fn pki_view(p: &PkiProps) -> Html {
    let Some(pki) = p.report.pki.as_ref() else { return html! {} };
    let text = expiration_tables(pki);
    let broken = pki.links.iter().filter(|l| !l.ok).count();
    html! {
        <section class="chains pki" aria-labelledby="pki-heading">
            <h3 id="pki-heading">{ format!("Control-plane PKI{}", if pki.root.is_empty() { String::new() } else { format!(" ({})", pki.root) }) }</h3>
            <p class="hint">{ "What kubeadm certs check-expiration prints, from the files themselves; the colours mark expired or missing (red), under 30 days (orange) and under 90 days (yellow)." }</p>
            <ExpiryTable rows={pki.certificates.clone()} cas={false} caption={"Certificates and the kubeconfigs' client certificates"} />
            <ExpiryTable rows={pki.authorities.clone()} cas={true} caption={"Certificate authorities"} />
            <super::details::CopyButton text={AttrValue::from(text)} what={"the tables as kubeadm prints them"} />
            <h4>{ if broken == 0 { "Trust map: every link lines up".to_string() } else { format!("Trust map: {broken} broken link{}", if broken == 1 { "" } else { "s" }) } }</h4>
            <p class="hint">{ "Each mTLS link trusts one CA. Who signed each certificate is read from verified signatures, not from names." }</p>
            <ul class="trust-map">
                { for pki.links.iter().map(|l| html! {
                    <li class={classes!("finding", if l.ok { "sev-ok" } else { "sev-high" })}>
                        <div class="finding-head">
                            <span class={classes!("badge", if l.ok { "sev-info" } else { "sev-high" })}>{ if l.ok { "ok" } else { "broken" } }</span>
                            <strong>{ l.link.as_str() }</strong>
                        </div>
                        <p>
                            { "client " }<code>{ l.client.as_str() }</code>{ format!(" (signed by {})", if l.client_signed_by.is_empty() { "a CA not here" } else { l.client_signed_by.as_str() }) }
                            if let Some(s) = &l.server {
                                { " → server " }<code>{ s.as_str() }</code>{ format!(" (signed by {})", if l.server_signed_by.is_empty() { "a CA not here" } else { l.server_signed_by.as_str() }) }
                            }
                            { " · trusts " }<code>{ l.trusts.as_str() }</code>
                        </p>
                        if let Some(pr) = &l.problem { <p class="finding-detail">{ super::shown(pr) }</p> }
                    </li>
                }) }
            </ul>
            if !pki.flags.is_empty() {
                <h4>{ format!("Static Pod manifests: {} of {} file flags as kubeadm writes them", pki.flags.iter().filter(|f| f.ok).count(), pki.flags.len()) }</h4>
                <ul class="trust-map">
                    { for pki.flags.iter().filter(|f| !f.ok).map(|f| html! {
                        <li class="finding sev-high">
                            <div class="finding-head"><span class="badge sev-high">{ "wrong file" }</span><code>{ super::shown(&f.manifest) }</code>{ " " }<code>{ super::shown(&f.flag) }</code></div>
                            <p class="finding-detail">{ super::shown(f.problem.as_deref().unwrap_or("")) }</p>
                        </li>
                    }) }
                </ul>
            }
            if !pki.missing.is_empty() {
                <h4>{ format!("Missing ({})", pki.missing.len()) }</h4>
                <ul class="notes">
                    { for pki.missing.iter().map(|m| html! { <li><code>{ super::shown(&m.path) }</code>{ ": " }{ super::shown(&m.why) }</li> }) }
                </ul>
            }
        </section>
    }
}
