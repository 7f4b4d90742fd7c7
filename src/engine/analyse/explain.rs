//! Explains the error messages read (issue #23): for each kind, what it means, its usual causes
//! in order, what to run next and where the text comes from (the catalogue below); then, with
//! whatever was given beside the message (a kubeconfig, certificates, tokens, CSR objects, the
//! cluster's RBAC), which of them is at fault. A Forbidden message becomes the exact
//! `kubectl auth can-i` question, answered offline, and the smallest grant that would allow it.

use super::authz::{self, Who};
use crate::engine::facts::identity::AUTHENTICATED;
use crate::engine::read::rbac::{Origin, Policy};
use crate::engine::report::access::Request;
use crate::engine::report::error_message::{DeniedRequest, Diagnosis, ErrorMessageFacts};
use crate::engine::report::{Object, ObjectKind, Role};
use crate::engine::util::{self, parse_rfc3339, rfc3339, shell_word as shell};

/// The fixed part of an explanation: (kind, title, meaning, causes, next, source).
type Entry = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
);

const CATALOGUE: &[Entry] = &[
    (
        "unauthorized",
        "The API server did not accept your credentials (HTTP 401)",
        "kubectl reached the API server, but no authenticator accepted what it sent. With a client certificate, that means the server could not verify it: signed by a CA it does not trust, expired, or not yet valid. (A certificate the server verifies but whose CN is empty is treated as anonymous instead: that gives a Forbidden for system:anonymous.)",
        &[
            "The client certificate is signed by a CA other than the API server's --client-ca-file (common after following a walk-through with a CA made by hand).",
            "The client certificate, or the token, has expired (or the clock of the client or the server is wrong).",
            "A token from an exec plugin or a cloud provider has expired or belongs to another account.",
            "The kubeconfig's current context points at another cluster's user.",
        ],
        &[
            "$ kubectl config view --minify --raw   (which user and credential kubectl sends)",
            "$ kubectl config view --minify --raw -o jsonpath='{.users[0].user.client-certificate-data}' | base64 -d | openssl x509 -noout -subject -issuer -enddate",
            "On a kubeadm control plane: compare the issuer with /etc/kubernetes/pki/ca.crt (openssl verify -CAfile /etc/kubernetes/pki/ca.crt client.crt).",
        ],
        "kubectl: staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go (StandardErrorMessage, \"You must be logged in to the server (%s)\"); the API server answers 401 from its authentication filter (staging/src/k8s.io/apiserver/pkg/endpoints/filters/authentication.go)",
    ),
    (
        "forbidden",
        "You were recognised, and RBAC does not allow this request (HTTP 403)",
        "Authentication worked: the API server knows who you are (the user in the message). No authorizer allowed this exact request: verb, resource, API group and namespace. RBAC has no deny rules: nothing granted it.",
        &[
            "No RoleBinding or ClusterRoleBinding grants this verb on this resource to the user or one of its groups.",
            "A RoleBinding exists, but in another namespace (RoleBindings only grant in their own namespace, and never cluster-scoped resources).",
            "The role names the resource without its API group (deployments are in apps, not the core group \"\"), or without its subresource (pods does not cover pods/exec or pods/log).",
            "The certificate's O values are not the groups the binding names (a typo, or O written as 0).",
        ],
        &[
            "$ kubectl auth can-i --list -n NAMESPACE   (what you may do there)",
            "Ask a cluster admin to bind a role (the smallest that allows exactly this request is given with this explanation), or check the binding's namespace and subjects.",
        ],
        "staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go (forbiddenMessage: User %q cannot %s resource %q in API group %q in the namespace %q / at the cluster scope / path %q)",
    ),
    (
        "forbidden-anonymous",
        "The API server treated you as anonymous: no credential was recognised",
        "The request reached the API server as system:anonymous: kubectl sent no credential, or one no authenticator could use, and anonymous requests are allowed to authenticate but almost nothing else. The cure is the credential, never a grant to system:anonymous.",
        &[
            "The client certificate's CN is empty (an interactive openssl req left it blank): Kubernetes cannot derive a user from it.",
            "The kubeconfig's current user has no credential (no client-certificate-data, no token), or its exec plugin failed silently.",
            "The certificate was not sent: its EKU lacks client auth, or the key does not match it.",
            "kubectl talks to the API server through a proxy or load balancer that terminates TLS and drops the client certificate.",
        ],
        &[
            "$ kubectl config view --minify   (does the current user have a credential?)",
            "$ openssl x509 -in client.crt -noout -subject -ext extendedKeyUsage   (a CN, and client auth?)",
        ],
        "staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go (forbiddenMessage); staging/src/k8s.io/apiserver/pkg/authentication/request/anonymous/anonymous.go (system:anonymous)",
    ),
    (
        "unknown-authority",
        "kubectl does not trust the API server's certificate",
        "This is kubectl checking the *server*, not the server checking you: the certificate the API server presented is not signed by the CA in the kubeconfig's certificate-authority-data (or, without it, by the system's trust store).",
        &[
            "The kubeconfig's certificate-authority-data belongs to another cluster (or to an older CA, after the cluster's CA was rotated).",
            "The server address reaches something else: a load balancer or proxy with its own certificate.",
            "The API server's certificate was re-issued by another CA (an external CA, a cert-manager issuer).",
        ],
        &[
            "$ openssl s_client -connect HOST:PORT -showcerts </dev/null   (paste its output here with the kubeconfig: the inspector compares the server's chain with the kubeconfig's CA)",
            "$ kubectl config view --minify --raw -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d | openssl x509 -noout -subject -fingerprint",
            "Never fix it with insecure-skip-tls-verify: true; update certificate-authority-data to the CA that signed the server's certificate.",
        ],
        "Go crypto/x509/verify.go (UnknownAuthorityError: \"x509: certificate signed by unknown authority\"); crypto/tls handshake_client.go (\"tls: failed to verify certificate: %w\")",
    ),
    (
        "certificate-expired",
        "A certificate in the TLS handshake is outside its validity",
        "Go's verifier refused a certificate whose notAfter is before (or notBefore after) the current time of the machine that checked it. Printed by kubectl, it is the API server's certificate (or an intermediate) that expired: an expired *client* certificate is refused by the server and shows as Unauthorized instead. The time in the message is the checking machine's clock.",
        &[
            "The API server's certificate expired: kubeadm renews it with `kubeadm certs renew apiserver` (or all with `kubeadm certs renew all`), then restart the control-plane static pods.",
            "The checking machine's clock is wrong (the message's current time shows it).",
            "An intermediate CA in the server's chain expired.",
        ],
        &[
            "On the control plane: $ kubeadm certs check-expiration",
            "$ openssl s_client -connect HOST:PORT -showcerts </dev/null | openssl x509 -noout -dates",
        ],
        "Go crypto/x509/verify.go (CertificateInvalidError, Expired: \"x509: certificate has expired or is not yet valid: current time %s is after %s\")",
    ),
    (
        "hostname-mismatch",
        "The API server's certificate does not name the address kubectl connected to",
        "kubectl checks that the server's certificate lists the host of the kubeconfig's server URL among its subject alternative names. It lists others: the address was changed (a new IP, a load balancer, a DNS name) without re-issuing the certificate.",
        &[
            "The kubeconfig's server is an address the certificate was not made for (a public IP, a new load balancer, a tunnel).",
            "The control plane's IP changed after kubeadm init.",
        ],
        &[
            "Use a name the certificate has: $ kubectl config set-cluster CLUSTER --server=https://NAME:6443 (or --tls-server-name=NAME)",
            "Or re-issue the API server's certificate with the address: kubeadm init phase certs apiserver --apiserver-cert-extra-sans=ADDRESS (after moving the old apiserver.crt and .key away)",
        ],
        "Go crypto/x509/verify.go (HostnameError: \"x509: certificate is valid for %s, not %s\")",
    ),
    (
        "no-resource-type",
        "kubectl does not know this resource type",
        "kubectl asked the API server which resource types exist (discovery) and this name is not one of them: a typo, a singular where a plural or short name is expected in some contexts, or a CustomResourceDefinition that is not installed. It says nothing about your permissions.",
        &[
            "A typo, or a resource type from another cluster or version.",
            "A custom resource whose CRD is not installed (or whose operator is missing).",
            "Discovery failed for one API group (an unavailable aggregated API server) and kubectl fell back to what it has.",
        ],
        &["$ kubectl api-resources | grep -i NAME", "$ kubectl get crd | grep -i NAME"],
        "kubectl: a RESTMapper no-match error, printed by staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go (\"the server doesn't have a resource type %q\")",
    ),
    (
        "csr-invalid-request",
        "The API server refused the CertificateSigningRequest's request",
        "spec.request must be the base64 of one PEM block of type CERTIFICATE REQUEST whose content parses and whose signature verifies. The API server decoded the base64 and did not find that.",
        &[
            "spec.request holds the base64 of something else (a private key, a certificate, the PEM encoded twice).",
            "The PEM block type is NEW CERTIFICATE REQUEST (old openssl) or the request's signature does not verify.",
            "The request's subject has a value Go refuses (a PrintableString with '_' or '@').",
        ],
        &[
            "$ base64 -w0 < amy.csr   (the PEM file, encoded once, on one line)",
            "$ openssl req -in amy.csr -noout -verify -subject",
        ],
        "pkg/apis/certificates/validation/validation.go (validateCSR) and pkg/apis/certificates/helpers.go (ParseCSR)",
    ),
    (
        "csr-bad-base64",
        "spec.request is not valid base64",
        "A []byte field such as spec.request is base64 in YAML and JSON. The byte named in the message is not a base64 character: a line break or space inside the value, the PEM pasted as it is, or a character lost in copying.",
        &[
            "The value was made with base64 without -w0, so it holds line breaks.",
            "The PEM text itself was pasted instead of its base64.",
            "The value was cut when copied.",
        ],
        &["$ base64 -w0 < amy.csr   (or: cat amy.csr | base64 | tr -d '\\n')"],
        "Go encoding/base64 (CorruptInputError: \"illegal base64 data at input byte %d\"), decoding spec.request",
    ),
    (
        "csr-unknown-field",
        "The object has fields where the API does not expect them",
        "The API server (strict field validation) found a field it does not know at that level. For a CertificateSigningRequest this is almost always the indentation slip: request, signerName, usages or expirationSeconds written beside spec instead of under it.",
        &[
            "request, usages, signerName or expirationSeconds indented at the same level as spec (copied from a web page).",
            "A field name misspelt (expirationSeconds, signerName).",
        ],
        &["Indent the fields under spec: two spaces more than spec itself, then $ kubectl apply -f csr.yaml"],
        "apimachinery strict decoding (\"strict decoding error: unknown field %q\"), with kubectl's server-side field validation",
    ),
    (
        "exec-plugin",
        "The kubeconfig's exec plugin failed to give kubectl a credential",
        "The current user's credential comes from a program kubectl runs (aws, gke-gcloud-auth-plugin, kubelogin …). It is missing, failed, or answered in a format kubectl does not accept; kubectl then has no credential to send.",
        &[
            "The program is not installed or not on PATH.",
            "Its own login expired (aws sso login, gcloud auth login, az login).",
            "The kubeconfig asks for an apiVersion the plugin or kubectl no longer supports (client.authentication.k8s.io/v1alpha1 was removed).",
        ],
        &["Run the command from the kubeconfig's exec section yourself and read its error.", "$ kubectl config view --minify   (users[0].user.exec)"],
        "staging/src/k8s.io/client-go/plugin/pkg/client/auth/exec/exec.go",
    ),
];

/// Fills in every error message's explanation and diagnosis.
pub fn explain(objects: &mut [Object], policy: Option<&Policy>, now: i64) {
    let ids: Vec<usize> = objects.iter().filter(|o| o.error_message.is_some()).map(|o| o.id).collect();
    for id in ids {
        let Some(mut m) = objects[id].error_message.take() else { continue };
        if let Some((_, title, meaning, causes, next, source)) = CATALOGUE.iter().find(|e| e.0 == m.kind) {
            m.title = title.to_string();
            m.meaning = meaning.to_string();
            m.causes = causes.iter().map(|s| s.to_string()).collect();
            m.next = next.iter().map(|s| s.to_string()).collect();
            m.source = source.to_string();
        }
        diagnose(&mut m, objects, policy.unwrap_or(Policy::bootstrap()), now);
        m.cause_found = m.diagnosis.iter().any(|d| d.at_fault);
        objects[id].error_message = Some(m);
    }
}

fn name(o: &Object) -> String {
    format!("#{} {}", o.id, util::clip(&o.label, 80))
}

fn said(d: &mut Vec<Diagnosis>, object: Option<usize>, at_fault: bool, text: String) {
    d.push(Diagnosis { object, at_fault, text });
}

/// The credentials kubectl would send: the kubeconfig's current user's (its certificate or
/// token), else every client certificate and token given.
fn credentials(objects: &[Object]) -> Vec<usize> {
    let current: Vec<usize> = objects
        .iter()
        .filter_map(|o| o.kubeconfig.as_ref()?.current_user())
        .flat_map(|user| [user.client_certificate, user.token])
        .flatten()
        .collect();
    if !current.is_empty() {
        return current;
    }
    objects
        .iter()
        .filter(|o| match (&o.certificate, o.kind) {
            (Some(c), _) => matches!(o.role, Role::Standalone | Role::KubeconfigClient) && !c.extensions.is_ca(),
            (None, ObjectKind::Token) => true,
            _ => false,
        })
        .map(|o| o.id)
        .collect()
}

/// The kubeconfig's current user, when it has no certificate or token: what it has instead.
fn credential_less_user(objects: &[Object]) -> Option<String> {
    objects.iter().filter_map(|o| o.kubeconfig.as_ref()?.current_user()).find_map(|u| {
        if u.client_certificate.is_some() || u.token.is_some() {
            return None;
        }
        Some(match &u.exec {
            Some(x) => format!(
                "The current user {} gets its credential from the exec plugin \"{}\", which this page cannot run: run `{}{}` yourself and read its error.",
                u.name,
                x.command,
                x.command,
                x.args.iter().map(|a| format!(" {a}")).collect::<String>()
            ),
            None if u.client_certificate_path.is_some() || u.token_file.is_some() => format!(
                "The current user {} names its credential by file path ({}): a web page cannot read it; give the file itself.",
                u.name,
                u.client_certificate_path.clone().or(u.token_file.clone()).unwrap_or_default()
            ),
            None => format!(
                "The current user {} has no credential at all (no client certificate, no token, no exec plugin): kubectl sends none.",
                u.name
            ),
        })
    })
}

/// What is wrong with one credential for logging in at `now`, if anything.
fn credential_problem(o: &Object, now: i64) -> Option<String> {
    if let Some(c) = &o.certificate {
        if let Some(e) = &c.go_error {
            return Some(format!(
                "{}: Go cannot parse it ({e}), so the API server cannot read it at all.",
                name(o)
            ));
        }
        if c.go_refuses_a_name() {
            return Some(format!(
                "{}: Go cannot parse its names, so the API server cannot read it at all.",
                name(o)
            ));
        }
        if c.validity.not_after_unix < now {
            return Some(format!(
                "{} expired on {} ({}): the API server refuses an expired client certificate, which kubectl reports as Unauthorized. Renew it (kubeadm certs renew, or a new CertificateSigningRequest).",
                name(o),
                c.validity.not_after,
                c.validity.relative
            ));
        }
        if c.validity.not_before_unix > now {
            return Some(format!(
                "{} is not valid until {}: check the clocks.",
                name(o),
                c.validity.not_before
            ));
        }
        if !c.unhandled_critical.is_empty() {
            return Some(format!(
                "{}: Go's verifier refuses it (x509: unhandled critical extension {}).",
                name(o),
                c.unhandled_critical.join(", ")
            ));
        }
        if !c.extensions.allows_client_auth() {
            return Some(format!(
                "{}: its extended key usage lacks client auth, so it cannot log in.",
                name(o)
            ));
        }
        if let Some(p) = &o.chain_problem {
            return Some(format!("{}: {p}", name(o)));
        }
    }
    if let Some(j) = o.token.as_ref().and_then(|t| t.jwt.as_ref()) {
        if j.expires_unix.is_some_and(|e| e < now) {
            return Some(format!(
                "{}: the token expired at {}.",
                name(o),
                j.expires.clone().unwrap_or_default()
            ));
        }
    }
    None
}

/// The CAs the credentials are judged against: the kubeconfigs' certificate-authority-data, or,
/// without a kubeconfig, the CA certificates given (the cluster's ca.crt).
fn trusted_cas(objects: &[Object]) -> Vec<usize> {
    let from_kubeconfig: Vec<usize> = objects
        .iter()
        .filter(|o| o.role == Role::KubeconfigCa && o.certificate.is_some())
        .map(|o| o.id)
        .collect();
    if !from_kubeconfig.is_empty() {
        return from_kubeconfig;
    }
    objects
        .iter()
        .filter(|o| o.role == Role::Standalone && o.certificate.as_ref().is_some_and(|c| c.extensions.is_ca()))
        .map(|o| o.id)
        .collect()
}

fn diagnose(m: &mut ErrorMessageFacts, objects: &[Object], policy: &Policy, now: i64) {
    let mut d = Vec::new();
    match m.kind.as_str() {
        "unauthorized" => {
            let creds = credentials(objects);
            let cas = trusted_cas(objects);
            for &i in &creds {
                let o = &objects[i];
                if let Some(p) = credential_problem(o, now) {
                    said(&mut d, Some(i), true, p);
                    continue;
                }
                if o.certificate.is_some() && !cas.is_empty() {
                    match o.issued_by {
                        Some(ca) if cas.contains(&ca) => said(
                            &mut d,
                            Some(i),
                            false,
                            format!(
                                "{} is valid until {} and signed by the cluster's CA given ({}): the certificate is fine. Check that the API server trusts that CA for clients (--client-ca-file), and that the kubeconfig's server is this cluster.",
                                name(o),
                                o.not_after.clone().unwrap_or_default(),
                                name(&objects[ca])
                            ),
                        ),
                        _ => said(
                            &mut d,
                            Some(i),
                            true,
                            format!(
                                "{} is not signed by the cluster's CA given ({}). A kubeadm API server trusts client certificates signed by that CA (--client-ca-file=/etc/kubernetes/pki/ca.crt), so it cannot verify this one: most likely the cause. Have it signed by the cluster's CA (a CertificateSigningRequest with signerName kubernetes.io/kube-apiserver-client).",
                                name(o),
                                cas.iter().map(|c| name(&objects[*c])).collect::<Vec<_>>().join(", ")
                            ),
                        ),
                    }
                } else if o.certificate.is_some() {
                    said(
                        &mut d,
                        Some(i),
                        false,
                        format!(
                            "{} is valid until {}; without the cluster's CA beside it, who signed it cannot be checked here: give the kubeconfig or /etc/kubernetes/pki/ca.crt with it.",
                            name(o),
                            o.not_after.clone().unwrap_or_default()
                        ),
                    );
                }
            }
            if let Some(t) = credential_less_user(objects) {
                said(&mut d, None, true, t);
            }
        }
        "forbidden" | "forbidden-anonymous" => forbidden(m, objects, policy, &mut d, now),
        "unknown-authority" => {
            let cas = trusted_cas(objects);
            let servers: Vec<&Object> = objects
                .iter()
                .filter(|o| {
                    o.role == Role::Standalone
                        && o.certificate
                            .as_ref()
                            .is_some_and(|c| !c.extensions.is_ca() && c.extensions.allows_server_auth())
                })
                .collect();
            if cas.is_empty() && objects.iter().any(|o| o.kubeconfig.is_some()) {
                said(
                    &mut d,
                    None,
                    true,
                    "The kubeconfig has no certificate-authority-data for this cluster: kubectl then checks the server against the system's trust store, which does not hold a cluster's own CA.".into(),
                );
            }
            for s in &servers {
                match s.issued_by {
                    Some(ca) if cas.contains(&ca) => said(&mut d, Some(s.id), false, format!("{} is signed by the kubeconfig's CA ({}): this server certificate is trusted; the one kubectl saw must be another (a proxy, another endpoint).", name(s), name(&objects[ca]))),
                    _ if !cas.is_empty() => said(
                        &mut d,
                        Some(s.id),
                        true,
                        format!(
                            "{}, issued by {}, is not signed by the CA in the kubeconfig ({}): that is the mismatch. Put the CA that signed it in certificate-authority-data.",
                            name(s),
                            s.certificate.as_ref().map(|c| c.issuer_text.clone()).unwrap_or_default(),
                            cas.iter().map(|c| name(&objects[*c])).collect::<Vec<_>>().join(", ")
                        ),
                    ),
                    _ => {}
                }
            }
            if servers.is_empty() && !cas.is_empty() {
                said(
                    &mut d,
                    None,
                    false,
                    format!(
                        "The kubeconfig trusts {}. Paste the server's chain beside it (openssl s_client -connect HOST:PORT -showcerts </dev/null) to see which CA signed the server's certificate.",
                        cas.iter().map(|c| name(&objects[*c])).collect::<Vec<_>>().join(", ")
                    ),
                );
            }
        }
        "certificate-expired" => {
            let at = m.not_after.as_deref().and_then(parse_rfc3339);
            for o in objects.iter().filter(|o| o.certificate.is_some()) {
                let c = o.certificate.as_ref().expect("filtered");
                if at == Some(c.validity.not_after_unix) {
                    said(
                        &mut d,
                        Some(o.id),
                        true,
                        format!(
                            "{} is the certificate that expired: its notAfter is {}, the instant in the message.",
                            name(o),
                            c.validity.not_after
                        ),
                    );
                }
            }
            if let (Some(cur), Some(_)) = (m.current_time.as_deref().and_then(parse_rfc3339), at) {
                if (cur - now).abs() > 86_400 {
                    said(&mut d, None, false, format!("The message's current time ({}) is more than a day from this report's ({}): if the message is recent, the checking machine's clock may be wrong.", rfc3339(cur), rfc3339(now)));
                }
            }
        }
        "hostname-mismatch" => {
            let servers: Vec<String> = objects
                .iter()
                .filter_map(|o| o.kubeconfig.as_ref())
                .flat_map(|k| k.clusters.iter().filter_map(|c| c.server.clone()))
                .collect();
            for s in servers {
                let host = s
                    .trim_start_matches("https://")
                    .trim_start_matches("http://")
                    .split(['/', ':'])
                    .next()
                    .unwrap_or("")
                    .to_string();
                if m.asked_for.as_deref() == Some(host.as_str()) {
                    said(
                        &mut d,
                        None,
                        true,
                        format!(
                            "The kubeconfig's server {s} is the address the certificate does not name; it names {}.",
                            m.valid_for.join(", ")
                        ),
                    );
                }
            }
        }
        "csr-invalid-request" | "csr-bad-base64" => {
            for o in objects.iter().filter(|o| o.csr_object.is_some()) {
                if let Some(e) = o.csr_object.as_ref().and_then(|c| c.request_error.as_ref()) {
                    said(&mut d, Some(o.id), true, format!("{}: {e}.", name(o)));
                }
            }
        }
        "exec-plugin" => {
            if let Some(t) = credential_less_user(objects) {
                said(&mut d, None, true, t);
            }
        }
        _ => {}
    }
    m.diagnosis = d;
}

/// A Forbidden message: the identity (with the groups of a certificate given for that user), the
/// `kubectl auth can-i` question, the offline answer, and the smallest grant.
fn forbidden(m: &mut ErrorMessageFacts, objects: &[Object], policy: &Policy, d: &mut Vec<Diagnosis>, now: i64) {
    let Some(r) = m.request.clone() else { return };
    let holder = objects
        .iter()
        .find(|o| o.username.as_deref() == Some(r.user.as_str()) && o.kind != ObjectKind::ErrorMessage);
    let groups: Vec<String> = match holder {
        Some(o) => o.groups.clone(),
        None if r.user == "system:anonymous" => vec!["system:unauthenticated".into()],
        None => vec![AUTHENTICATED.into()],
    };
    let who = Who {
        user: r.user.clone(),
        groups: groups.clone(),
    };
    let as_groups: String = groups
        .iter()
        .filter(|g| *g != AUTHENTICATED && *g != "system:unauthenticated")
        .map(|g| format!(" --as-group {}", shell(g)))
        .collect();
    let (question, request) = match &r.path {
        Some(p) => (format!("kubectl auth can-i {} {}", r.verb, shell(p)), Request::url(&r.verb, p)),
        None => {
            let target = if r.group.is_empty() {
                r.resource.clone()
            } else {
                format!("{}.{}", r.resource, r.group)
            };
            let sub = if r.subresource.is_empty() {
                String::new()
            } else {
                format!(" --subresource {}", r.subresource)
            };
            let ns = r.namespace.as_ref().map(|n| format!(" -n {}", shell(n))).unwrap_or_default();
            let full = if r.subresource.is_empty() {
                r.resource.clone()
            } else {
                format!("{}/{}", r.resource, r.subresource)
            };
            (
                format!("kubectl auth can-i {} {}{sub}{ns}", r.verb, shell(&target)),
                Request::resource(&r.verb, &r.group, &full, r.namespace.as_deref().unwrap_or("")),
            )
        }
    };
    m.can_i = Some(format!("{question} --as {}{as_groups}", shell(&r.user)));
    let decision = authz::decide(policy, &who, &request);
    let pasted = policy.origin == Origin::Pasted;
    let under = if pasted {
        "your RBAC objects"
    } else {
        "Kubernetes' default policy (no RBAC objects were given)"
    };
    if holder.is_none() && r.user != "system:anonymous" {
        said(d, None, false, format!("No certificate or token for {} was given, so its groups are unknown here: asked as {} with system:authenticated only. Give the certificate to ask with its O values.", r.user, r.user));
    }
    if decision.allowed {
        said(
            d,
            None,
            false,
            format!(
                "Under {under} this request is allowed ({}): the cluster's RBAC differs from what was given, or another authorizer (a webhook) denied it.",
                decision.via.as_ref().map(|v| format!("{} → {}", v.binding, v.role)).unwrap_or_default()
            ),
        );
    } else if pasted {
        // The answer itself is in `decision`; with the cluster's own RBAC, the missing grant is
        // the cause.
        said(d, None, true, format!("Under your RBAC objects: no. {}", decision.reason));
    }
    m.decision = Some(decision);
    if r.user == "system:anonymous" {
        m.grant_warning =
            Some("Do not grant this to system:anonymous (everyone who can reach the API server): fix the credential instead.".into());
        for &i in &credentials(objects) {
            let o = &objects[i];
            if let Some(p) = credential_problem(o, now) {
                said(d, Some(i), true, p);
            } else if o.certificate.is_some() && o.username.is_none() {
                said(d, Some(i), true, format!("{} has no usable CN: Kubernetes derives no user from it, so the request is anonymous. Make a new request with -subj \"/CN=USERNAME/O=GROUP\".", name(o)));
            }
        }
        if let Some(t) = credential_less_user(objects) {
            said(d, None, true, t);
        }
        return;
    }
    if !m.decision.as_ref().is_some_and(|d| d.allowed) {
        let (grant, warning) = smallest_grant(&r);
        m.grant = grant;
        m.grant_warning = warning;
    }
}

/// A name for a role made of the request's words: `amy-list-pods`.
fn role_name(r: &DeniedRequest) -> String {
    let what = r.path.clone().unwrap_or_else(|| format!("{}-{}", r.resource, r.subresource));
    let raw = format!("{}-{}-{}", r.user, r.verb, what);
    let mut out = String::new();
    for c in raw.to_lowercase().chars() {
        let c = if c.is_ascii_alphanumeric() { c } else { '-' };
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    util::clip(out.trim_matches('-'), 60)
}

/// The smallest role and binding that allow exactly this request, and a warning where even
/// that grants more than it seems to.
fn smallest_grant(r: &DeniedRequest) -> (Vec<String>, Option<String>) {
    let name = role_name(r);
    let user = shell(&r.user);
    let cmds = match (&r.path, &r.namespace) {
        (Some(p), _) => vec![
            format!(
                "kubectl create clusterrole {name} --verb={} --non-resource-url={}",
                r.verb,
                shell(p)
            ),
            format!("kubectl create clusterrolebinding {name} --clusterrole={name} --user={user}"),
        ],
        (None, ns) => {
            let res = match (r.group.is_empty(), r.subresource.is_empty()) {
                (true, true) => r.resource.clone(),
                (true, false) => format!("{}/{}", r.resource, r.subresource),
                (false, true) => format!("{}.{}", r.resource, r.group),
                (false, false) => format!("{}.{}/{}", r.resource, r.group, r.subresource),
            };
            match ns {
                Some(ns) => vec![
                    format!(
                        "kubectl create role {name} --verb={} --resource={} -n {}",
                        r.verb,
                        shell(&res),
                        shell(ns)
                    ),
                    format!("kubectl create rolebinding {name} --role={name} --user={user} -n {}", shell(ns)),
                ],
                None => vec![
                    format!("kubectl create clusterrole {name} --verb={} --resource={}", r.verb, shell(&res)),
                    format!("kubectl create clusterrolebinding {name} --clusterrole={name} --user={user}"),
                ],
            }
        }
    };
    let warning = if r.verb == "*" || r.resource == "*" {
        Some("The request itself is a wildcard: a role with * grants every current and future verb or resource. Grant the verbs and resources actually needed.".to_string())
    } else if r.resource == "secrets" {
        Some("Reading Secrets reveals every credential stored in them (service-account tokens, TLS keys, passwords) in that scope: grant get on named Secrets (--resource-name) if you can.".to_string())
    } else if matches!(r.verb.as_str(), "escalate" | "bind" | "impersonate") {
        Some(format!(
            "{} lets its holder gain permissions they do not have: it is cluster-admin in all but name.",
            r.verb
        ))
    } else if r.resource == "pods" && matches!(r.subresource.as_str(), "exec" | "attach") {
        Some("exec and attach run commands inside every pod of the namespace, with their service accounts and mounted Secrets.".to_string())
    } else if r.resource == "pods" && r.verb == "create" {
        Some("Creating pods lets its holder run as any service account of the namespace and mount any of its Secrets.".to_string())
    } else if r.namespace.is_none() && r.path.is_none() {
        Some("This is a cluster-scoped grant: it applies to every namespace.".to_string())
    } else {
        None
    };
    (cmds, warning)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_the_reader_knows_is_in_the_catalogue() {
        for k in [
            "unauthorized",
            "forbidden",
            "forbidden-anonymous",
            "unknown-authority",
            "certificate-expired",
            "hostname-mismatch",
            "no-resource-type",
            "csr-invalid-request",
            "csr-bad-base64",
            "csr-unknown-field",
            "exec-plugin",
        ] {
            let e = CATALOGUE.iter().find(|e| e.0 == k).expect(k);
            assert!(!e.3.is_empty() && !e.4.is_empty() && !e.5.is_empty(), "{k}");
        }
    }

    #[test]
    fn the_smallest_grant_names_exactly_the_request() {
        let r = DeniedRequest {
            user: "amy".into(),
            verb: "list".into(),
            resource: "deployments".into(),
            group: "apps".into(),
            namespace: Some("dev".into()),
            ..Default::default()
        };
        let (cmds, warning) = smallest_grant(&r);
        assert_eq!(
            cmds[0],
            "kubectl create role amy-list-deployments --verb=list --resource=deployments.apps -n dev"
        );
        assert_eq!(
            cmds[1],
            "kubectl create rolebinding amy-list-deployments --role=amy-list-deployments --user=amy -n dev"
        );
        assert_eq!(warning, None);
        let secrets = DeniedRequest {
            resource: "secrets".into(),
            group: String::new(),
            ..r
        };
        assert!(smallest_grant(&secrets).1.unwrap().contains("every credential"));
        assert_eq!(shell("it's"), "'it'\\''s'");
    }
}
