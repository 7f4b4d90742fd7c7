//! Error messages as kubectl prints them (issue #23): each fixture in tests/fixtures/errors/ was
//! printed by kubectl itself (make-error-fixtures.sh). The CLI reads one alone or with what came
//! with it, says what it means, and names the credential at fault; the exit status says whether
//! a cause was found.

mod common;

use serde_json::Value;

const NOW: &str = "2026-11-24T00:00:00Z";

fn run(args: &[&str], now: &str) -> (Value, i32) {
    let mut a = args.to_vec();
    a.push("--json");
    let (out, err, code) = common::run_cli(&a, Some(now));
    (serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}")), code)
}

fn message(r: &Value) -> &Value {
    r["objects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| !o["error_message"].is_null())
        .map(|o| &o["error_message"])
        .expect("an error message")
}

fn diagnosis(m: &Value) -> String {
    m["diagnosis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("[{}] {}", d["at_fault"], d["text"].as_str().unwrap()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn each_message_kubectl_printed_is_recognised_and_explained() {
    for (file, kind) in [
        ("unauthorized.txt", "unauthorized"),
        ("forbidden-pods.txt", "forbidden"),
        ("no-resource-type.txt", "no-resource-type"),
        ("unknown-authority.txt", "unknown-authority"),
        ("expired.txt", "certificate-expired"),
        ("hostname-mismatch.txt", "hostname-mismatch"),
        ("exec-plugin.txt", "exec-plugin"),
    ] {
        let (r, code) = run(&[&format!("tests/fixtures/errors/{file}")], NOW);
        let m = message(&r);
        assert_eq!(m["kind"], kind, "{file}");
        assert!(
            !m["meaning"].as_str().unwrap().is_empty()
                && !m["causes"].as_array().unwrap().is_empty()
                && !m["source"].as_str().unwrap().is_empty(),
            "{file}"
        );
        assert_eq!(code, 1, "{file}: explained, no credential given, so no cause found");
        assert!(r["verdict"].is_null(), "{file}: an error message is explained, not judged");
        let objects = r["objects"].as_array().unwrap().len();
        assert_eq!(objects, 1, "{file}: kubectl's repeated lines are one message");
    }
}

#[test]
fn unauthorized_with_the_kubeconfig_names_the_expired_client_certificate() {
    let (r, code) = run(
        &["tests/fixtures/errors/unauthorized.txt", "tests/fixtures/admin.conf"],
        "2028-01-01T00:00:00Z",
    );
    let m = message(&r);
    assert_eq!(m["cause_found"], true, "{}", diagnosis(m));
    assert!(
        diagnosis(m).contains("[true] #3 Certificate O=kubeadm:cluster-admins, CN=kubernetes-admin expired on 2027-11-23T11:37:42Z"),
        "{}",
        diagnosis(m)
    );
    assert_eq!(code, 0);
    // The same kubeconfig a year earlier: the certificate is fine and signed by the kubeconfig's CA.
    let (r, code) = run(&["tests/fixtures/errors/unauthorized.txt", "tests/fixtures/admin.conf"], NOW);
    assert!(diagnosis(message(&r)).contains("[false] #3 Certificate O=kubeadm:cluster-admins, CN=kubernetes-admin is valid until 2027-11-23T11:37:42Z and signed by the cluster's CA given"));
    assert_eq!(code, 1);
}

#[test]
fn forbidden_becomes_the_can_i_question_answered_offline_with_the_smallest_grant() {
    // amy's certificate (O=dev-team) alone: the default policy grants nothing of the kind.
    let (r, _) = run(
        &["tests/fixtures/errors/forbidden-pods.txt", "tests/fixtures/rbac/cert-amy.pem"],
        NOW,
    );
    let m = message(&r);
    assert_eq!(m["can_i"], "kubectl auth can-i list pods -n dev --as amy --as-group dev-team");
    assert_eq!(m["decision"]["allowed"], false);
    assert_eq!(
        m["grant"][0],
        "kubectl create role amy-list-pods --verb=list --resource=pods -n dev"
    );
    assert_eq!(
        m["grant"][1],
        "kubectl create rolebinding amy-list-pods --role=amy-list-pods --user=amy -n dev"
    );
    // With the cluster's RBAC, which binds dev-team to edit in dev: RBAC allows it, so something
    // else denied it, and no grant is proposed.
    let (r, _) = run(
        &[
            "tests/fixtures/errors/forbidden-pods.txt",
            "tests/fixtures/rbac/cert-amy.pem",
            "tests/fixtures/rbac/cluster-additions.yaml",
        ],
        NOW,
    );
    let m = message(&r);
    assert_eq!(m["decision"]["allowed"], true, "{}", diagnosis(m));
    assert!(diagnosis(m).contains("Under your RBAC objects this request is allowed (RoleBinding dev/dev-team-edit"));
    assert!(m["grant"].as_array().unwrap().is_empty());
}

#[test]
fn a_forbidden_request_for_secrets_warns_that_the_grant_is_broad() {
    let line = r#"Error from server (Forbidden): secrets is forbidden: User "amy" cannot list resource "secrets" in API group "" in the namespace "dev""#;
    let dir = std::env::temp_dir().join(format!("kci-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("secrets.txt");
    std::fs::write(&f, line).unwrap();
    let (r, _) = run(&[f.to_str().unwrap()], NOW);
    let m = message(&r);
    assert!(m["grant_warning"].as_str().unwrap().contains("every credential"), "{m}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn tls_errors_point_at_the_server_certificate_given_with_them() {
    // The server's certificate is signed by the errors' cluster CA, not by admin.conf's.
    let (r, _) = run(
        &[
            "tests/fixtures/errors/unknown-authority.txt",
            "tests/fixtures/errors/server.crt",
            "tests/fixtures/admin.conf",
        ],
        NOW,
    );
    let m = message(&r);
    assert_eq!(m["cause_found"], true, "{}", diagnosis(m));
    assert!(
        diagnosis(m).contains("is not signed by the CA in the kubeconfig"),
        "{}",
        diagnosis(m)
    );
    // The expired server certificate is the one whose notAfter is the message's.
    let (r, code) = run(
        &["tests/fixtures/errors/expired.txt", "tests/fixtures/errors/expired-server.crt"],
        NOW,
    );
    let m = message(&r);
    assert!(diagnosis(m).contains("is the certificate that expired"), "{}", diagnosis(m));
    assert_eq!(code, 0);
    let (r, _) = run(&["tests/fixtures/errors/hostname-mismatch.txt"], NOW);
    let m = message(&r);
    assert_eq!(m["asked_for"], "localhost");
    assert_eq!(m["valid_for"], serde_json::json!(["kubernetes", "kubernetes.default"]));
}

#[test]
fn an_exec_plugin_error_names_the_plugin_of_the_kubeconfig() {
    let (r, code) = run(
        &["tests/fixtures/errors/exec-plugin.txt", "tests/fixtures/kubeconfig-eks-exec.yaml"],
        NOW,
    );
    let m = message(&r);
    assert!(
        diagnosis(m).contains("gets its credential from the exec plugin \"aws\""),
        "{}",
        diagnosis(m)
    );
    assert_eq!(code, 0);
}

#[test]
fn the_messages_composed_from_the_sources_are_recognised_too() {
    let text = std::fs::read_to_string(format!("{}/tests/fixtures/errors/source-texts.txt", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let kinds: Vec<String> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            kube_cert_inspector::engine::read::kubectl_error::recognise(l)
                .map(|m| m.kind)
                .unwrap_or_else(|| format!("unrecognised: {l}"))
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "csr-invalid-request",
            "csr-bad-base64",
            "csr-unknown-field",
            "forbidden",
            "forbidden",
            "forbidden-anonymous"
        ]
    );
    // All of them read at once: one object per message.
    let (r, _) = run(&["tests/fixtures/errors/source-texts.txt"], NOW);
    assert_eq!(r["objects"].as_array().unwrap().len(), 6);
}

#[test]
fn a_refused_csr_request_points_at_the_object_given() {
    let (r, code) = run(
        &[
            "tests/fixtures/errors/source-texts.txt",
            "tests/fixtures/csr-object-broken-request.yaml",
        ],
        NOW,
    );
    let m = r["objects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["error_message"]["kind"] == "csr-invalid-request")
        .unwrap();
    assert_eq!(m["error_message"]["cause_found"], true, "{}", diagnosis(&m["error_message"]));
    assert_eq!(code, 0);
}

#[test]
fn forbidden_with_the_clusters_rbac_that_denies_it_names_the_missing_grant_as_the_cause() {
    // amy-view.yaml binds amy to view in dev: view never reads Secrets.
    let line = r#"Error from server (Forbidden): secrets is forbidden: User "amy" cannot list resource "secrets" in API group "" in the namespace "dev""#;
    let dir = std::env::temp_dir().join(format!("kci-errors-rbac-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("forbidden-secrets.txt");
    std::fs::write(&f, line).unwrap();
    let (r, code) = run(
        &[
            f.to_str().unwrap(),
            "tests/fixtures/rbac/cert-amy.pem",
            "tests/fixtures/rbac/amy-view.yaml",
        ],
        NOW,
    );
    let m = message(&r);
    assert_eq!(m["decision"]["allowed"], false);
    assert!(diagnosis(m).starts_with("[true] Under your RBAC objects: no."), "{}", diagnosis(m));
    assert_eq!(code, 0);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn unauthorized_with_a_certificate_and_another_ca_says_the_ca_did_not_sign_it() {
    // amy's certificate was signed by tests/fixtures/ca.crt, not by the CA of the error fixtures.
    let (r, code) = run(
        &[
            "tests/fixtures/errors/unauthorized.txt",
            "tests/fixtures/rbac/cert-amy.pem",
            "tests/fixtures/errors/cluster-ca.crt",
        ],
        NOW,
    );
    let m = message(&r);
    assert!(diagnosis(m).contains("is not signed by the cluster's CA given"), "{}", diagnosis(m));
    assert_eq!(code, 0);
}
