//! A kubeconfig as a table: context → cluster, user, identity, expiry.

use yew::prelude::*;

use super::SharedReport;

#[derive(Properties, PartialEq)]
pub struct KubeconfigProps {
    pub report: SharedReport,
    pub index: usize,
}

#[function_component(KubeconfigTable)]
pub fn kubeconfig_table(p: &KubeconfigProps) -> Html {
    let Some(k) = p.report.objects.get(p.index).and_then(|o| o.kubeconfig.as_ref()) else {
        return html! {};
    };
    html! {
        <div class="kubeconfig">
            <table class="contexts">
                <caption>{ "Contexts: which identity each one uses against which cluster" }</caption>
                <thead><tr>
                    <th scope="col">{ "Context" }</th><th scope="col">{ "Cluster (server)" }</th><th scope="col">{ "User" }</th>
                    <th scope="col">{ "Identity" }</th><th scope="col">{ "Expires" }</th>
                </tr></thead>
                <tbody>
                { for k.contexts.iter().map(|c| html! {
                    <tr class={classes!(c.current.then_some("current"))}>
                        <th scope="row">{ super::shown(&c.name) }if c.current { <span class="tag">{ "current" }</span> }</th>
                        <td>{ super::shown(&c.cluster) }if !c.cluster_found { <span class="tag bad">{ "missing" }</span> }<br/><code>{ c.server.clone().unwrap_or_default() }</code></td>
                        <td>{ super::shown(&c.user) }if !c.user_found { <span class="tag bad">{ "missing" }</span> }</td>
                        <td>{ c.identity.clone().unwrap_or_else(|| "unknown (credential not embedded)".into()) }</td>
                        <td>{ c.expires.clone().unwrap_or_else(|| "—".into()) }</td>
                    </tr>
                }) }
                if k.contexts.is_empty() { <tr><td colspan="5">{ "No contexts." }</td></tr> }
                </tbody>
            </table>
            <dl class="facts">
                { for k.users.iter().map(|u| html! {
                    <>
                    <dt>{ format!("User {}", super::shown(&u.name)) }</dt>
                    <dd>{ if u.auth_methods.is_empty() { "no credentials".to_string() } else { u.auth_methods.join(", ") } }
                        if let Some(x) = &u.exec { { " · runs " }<code>{ super::shown(&format!("{} {}", x.command, x.args.join(" "))) }</code> }
                        if let Some(b) = &u.basic_auth_username { { format!(" · basic auth as {b}, password hidden") } }
                        if let Some(a) = &u.impersonate_user { { format!(" · impersonates {a}") } }
                    </dd>
                    </>
                }) }
                { for k.clusters.iter().map(|c| html! {
                    <>
                    <dt>{ format!("Cluster {}", super::shown(&c.name)) }</dt>
                    <dd><code>{ super::shown(&c.server.clone().unwrap_or_else(|| "(no server)".into())) }</code>
                        { if c.insecure_skip_tls_verify { " · TLS verification OFF" } else if !c.ca_objects.is_empty() && c.ca_path.is_some() { " · CA from a file in this input" } else if !c.ca_objects.is_empty() { " · CA embedded" } else if c.ca_path.is_some() { " · CA from a file (not readable here)" } else { " · system CAs" } }
                        if let Some(t) = &c.tls_server_name { { format!(" · tls-server-name {t}") } }
                        if let Some(x) = &c.proxy_url { { format!(" · via proxy {x}") } }
                    </dd>
                    </>
                }) }
                if !k.resolved_references.is_empty() {
                    <dt>{ "Files it names, read from this input" }</dt>
                    <dd><ul class="resolved">{ for k.resolved_references.iter().map(|r| html! { <li>{ super::shown(r) }</li> }) }</ul></dd>
                }
            </dl>
        </div>
    }
}
