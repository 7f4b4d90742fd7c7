//! For learners: the commands that show the same facts in a terminal.

use yew::prelude::*;

use super::SharedReport;
use crate::engine::report::{ObjectKind, Report};

#[derive(Properties, PartialEq)]
pub struct CommandsProps {
    pub report: SharedReport,
    pub index: usize,
}

fn commands(r: &Report, i: usize) -> Vec<(String, &'static str)> {
    let Some(o) = r.objects.get(i) else { return vec![] };
    match o.kind {
        ObjectKind::Certificate => vec![
            (
                "openssl x509 -noout -subject -issuer -dates -in cert.pem".into(),
                "subject (the identity), issuer and validity",
            ),
            (
                "openssl x509 -noout -ext subjectAltName,keyUsage,extendedKeyUsage,basicConstraints -in cert.pem".into(),
                "the extensions that decide what it is for",
            ),
            ("openssl verify -CAfile ca.crt cert.pem".into(), "does the cluster CA vouch for it?"),
            (
                "kubectl auth whoami --client-certificate=cert.pem --client-key=key.pem".into(),
                "who the API server says you are with it (Kubernetes 1.28+)",
            ),
        ],
        ObjectKind::CertificateRequest => vec![
            (
                "openssl req -noout -subject -verify -in request.csr".into(),
                "subject and the self-signature check",
            ),
            (
                "openssl req -noout -text -in request.csr".into(),
                "every field, including requested extensions",
            ),
        ],
        ObjectKind::CsrObject => {
            let name = o.csr_object.as_ref().map(|c| c.name.as_str()).unwrap_or("NAME");
            vec![
                (
                    format!("kubectl get csr {name} -o jsonpath='{{.spec.request}}' | base64 -d | openssl req -noout -subject"),
                    "the subject the certificate will carry",
                ),
                (
                    format!("kubectl certificate approve {name}"),
                    "approve: the signer then issues the certificate",
                ),
                (format!("kubectl certificate deny {name}"), "deny: nothing is issued"),
                (
                    format!("kubectl get csr {name} -o jsonpath='{{.status.certificate}}' | base64 -d > {name}.crt"),
                    "fetch the issued certificate",
                ),
            ]
        }
        ObjectKind::Kubeconfig => {
            let ctx = o
                .kubeconfig
                .as_ref()
                .and_then(|k| k.current_context.clone())
                .unwrap_or_else(|| "CONTEXT".into());
            vec![
                ("kubectl config get-contexts".into(), "the contexts table below"),
                (format!("kubectl --context={ctx} auth whoami"), "who the API server says this context is"),
                (format!("kubectl --context={ctx} auth can-i --list"), "what that identity may do in the current namespace"),
                ("kubectl config view --minify --raw -o jsonpath='{.users[0].user.client-certificate-data}' | base64 -d | openssl x509 -noout -subject -enddate".into(), "the client certificate's identity and expiry"),
            ]
        }
        ObjectKind::Token => vec![(
            "kubectl auth whoami --token=\"$TOKEN\"".into(),
            "who the API server says the token is",
        )],
        ObjectKind::TlsSecret => {
            let name = o.secret.as_ref().map(|s| s.name.as_str()).unwrap_or("NAME");
            vec![(
                format!("kubectl get secret {name} -o jsonpath='{{.data.tls\\.crt}}' | base64 -d | openssl x509 -noout -subject -dates"),
                "the certificate in the Secret",
            )]
        }
        _ => vec![],
    }
}

#[function_component(Commands)]
pub fn commands_view(p: &CommandsProps) -> Html {
    let cmds = commands(&p.report, p.index);
    if cmds.is_empty() {
        return html! {};
    }
    html! {
        <details class="commands">
            <summary>{ "Check it yourself in a terminal" }</summary>
            <ul>
                { for cmds.into_iter().map(|(c, what)| html! { <li><code class="cmd">{ c }</code><span class="hint">{ format!(" — {what}") }</span></li> }) }
            </ul>
        </details>
    }
}
