//! Offline RBAC resolution end to end (issue #9): the CLI's `--can-i` and `--list` on fixtures
//! made by kubectl and openssl (tests/fixtures/make-rbac-fixtures.sh), the report's RBAC view,
//! and the default bootstrap policy (data/rbac-bootstrap, Kubernetes' own test data).

mod common;

use kube_cert_inspector::engine::{analyse, Input};

const NOW: &str = "2026-11-24T00:00:00Z";
const AMY: &str = "tests/fixtures/rbac/cert-amy.pem";
const AMY_VIEW: &str = "tests/fixtures/rbac/amy-view.yaml";
const ADDITIONS: &str = "tests/fixtures/rbac/cluster-additions.yaml";

fn run(args: &[&str]) -> (String, String, i32) {
    common::run_cli(args, Some(NOW))
}

fn file(path: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn the_seeds_amy_walk_through() {
    // kubectl create rolebinding amy-view --clusterrole=view --user=amy -n dev
    let (out, _, code) = run(&[AMY, AMY_VIEW, "--can-i", "get", "pods", "-n", "dev"]);
    assert_eq!((out.as_str(), code), ("yes\n", 0));
    let (out, _, code) = run(&[AMY, AMY_VIEW, "--can-i", "create", "pods", "-n", "dev"]);
    assert_eq!((out.as_str(), code), ("no\n", 1));
    // Not in another namespace, not across all of them, and view never reads Secrets.
    assert_eq!(run(&[AMY, AMY_VIEW, "--can-i", "get", "pods", "-n", "prod"]).2, 1);
    assert_eq!(run(&[AMY, AMY_VIEW, "--can-i", "get", "pods", "-A"]).2, 1);
    assert_eq!(run(&[AMY, AMY_VIEW, "--can-i", "get", "secrets", "-n", "dev"]).2, 1);
    // -n defaults to default, where amy has no binding.
    assert_eq!(run(&[AMY, AMY_VIEW, "--can-i", "get", "pods"]).2, 1);
    // kubectl auth can-i --list -n dev: view's computed rules, and every user's discovery rules.
    let (table, _, code) = run(&[AMY, AMY_VIEW, "--list", "-n", "dev"]);
    assert_eq!(code, 0);
    assert!(table.starts_with("Resources "), "{table}");
    let row = |name: &str| {
        table
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .map(str::to_string)
    };
    assert!(row("pods").unwrap().ends_with("[get list watch]"), "{table}");
    assert!(row("deployments.apps").unwrap().ends_with("[get list watch]"), "{table}");
    assert!(row("secrets").is_none(), "view has no secrets: {table}");
    assert!(row("selfsubjectaccessreviews.authorization.k8s.io").unwrap().ends_with("[create]"));
    assert!(table.contains("[/version]"), "system:public-info-viewer: {table}");
}

#[test]
fn json_names_the_binding_role_and_rule_or_says_nothing_allowed_it() {
    let (out, _, code) = run(&[AMY, AMY_VIEW, "--can-i", "list", "deployments", "-n", "dev", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["answer"], "yes");
    assert_eq!(v["request"]["group"], "apps", "deployments resolve to apps without a cluster");
    assert!(v["resolved"][0].as_str().unwrap().contains("deployments.apps"));
    assert_eq!(v["via"]["binding"], "RoleBinding dev/amy-view");
    assert_eq!(v["via"]["role"], "ClusterRole view (rules computed from aggregationRule)");
    assert_eq!(v["via"]["matched"], "User amy");
    assert!(v["via"]["rule"]["resources"].as_array().unwrap().iter().any(|r| r == "deployments"));
    assert_eq!(v["identity"]["username"], "amy");
    assert_eq!(v["policy"], "pasted");
    assert!(v["caveat"].as_str().unwrap().contains("default roles and bindings"));

    let (out, _, code) = run(&[AMY, AMY_VIEW, "--can-i", "delete", "nodes", "--json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["answer"], "no");
    assert!(v["via"].is_null());
    assert_eq!(v["request"]["namespace"], "", "nodes are cluster-scoped");
    assert!(v["reason"].as_str().unwrap().contains("No ClusterRoleBinding"));
}

#[test]
fn subresources_non_resource_urls_and_groups() {
    let all = [AMY, AMY_VIEW, ADDITIONS];
    let ask = |extra: &[&str]| {
        let mut a: Vec<&str> = all.to_vec();
        a.push("--can-i");
        a.extend_from_slice(extra);
        run(&a).2
    };
    // dev-team (amy's O) is bound to edit in dev: exec yes there, not in prod.
    assert_eq!(ask(&["create", "pods", "--subresource", "exec", "-n", "dev"]), 0);
    assert_eq!(ask(&["create", "pods", "--subresource", "exec", "-n", "prod"]), 1);
    // /version is for everyone (system:public-info-viewer); /metrics is not.
    assert_eq!(ask(&["get", "/version"]), 0);
    assert_eq!(ask(&["get", "/metrics"]), 1);
    // --user picks another identity: only certificates and kubeconfigs give one.
    let (_, err, code) = run(&[AMY, AMY_VIEW, "--can-i", "get", "pods", "--user", "bob"]);
    assert_eq!(code, 64);
    assert!(
        err.contains("no kubeconfig user and no identity of that name") && err.contains("amy"),
        "{err}"
    );
}

#[test]
fn the_report_shows_bindings_powers_and_the_reverse_view() {
    let files = [
        Input {
            name: "cert-amy.pem",
            bytes: &file(AMY),
        },
        Input {
            name: "amy-view.yaml",
            bytes: &file(AMY_VIEW),
        },
        Input {
            name: "cluster-additions.yaml",
            bytes: &file(ADDITIONS),
        },
    ];
    let a = analyse(&files, 1_795_000_000);
    let r = &a.report;
    assert!(r.error.is_none());
    let rbac = r.rbac.as_ref().unwrap();
    assert_eq!(rbac.origin, "pasted");
    assert!(rbac
        .dangling
        .iter()
        .any(|d| d.starts_with("ClusterRoleBinding amy-ghost refers to ClusterRole does-not-exist")));
    assert!(rbac.computed.iter().any(|c| c.starts_with("ClusterRole edit")));
    let amy = &r.objects[0];
    assert_eq!(amy.source, "cert-amy.pem");
    let access = &rbac.identities[amy.access.unwrap()];
    let matched: Vec<(&str, &str)> = access.bindings.iter().map(|b| (b.binding.as_str(), b.matched.as_str())).collect();
    assert!(matched.contains(&("RoleBinding dev/amy-view", "User amy")), "{matched:?}");
    assert!(
        matched.contains(&("RoleBinding dev/dev-team-edit", "Group dev-team")),
        "{matched:?}"
    );
    assert!(
        matched.contains(&(
            "ClusterRoleBinding system:basic-user",
            "Group system:authenticated (every authenticated user)"
        )),
        "{matched:?}"
    );
    assert!(access
        .bindings
        .iter()
        .any(|b| b.binding == "ClusterRoleBinding amy-ghost" && b.role_missing));
    // Scopes: everywhere, and dev (where RoleBindings apply).
    let scopes: Vec<Option<&str>> = access.scopes.iter().map(|s| s.namespace.as_deref()).collect();
    assert_eq!(scopes, vec![None, Some("dev")]);
    // Powers become findings because the policy was given, each naming its binding.
    let f: Vec<&str> = amy
        .findings
        .iter()
        .filter(|f| f.id == "rbac-dangerous-power")
        .map(|f| f.detail.as_str())
        .collect();
    assert!(
        f.iter()
            .any(|d| d.starts_with("Read Secrets in namespace dev, through RoleBinding dev/dev-team-edit")),
        "{f:?}"
    );
    // The labelled pod-runner aggregated into edit: edit's computed rules include its rule.
    let edit = a.policy.as_ref().unwrap().cluster_roles.iter().find(|r| r.name == "edit").unwrap();
    assert!(edit.rules.iter().any(|x| x.resources == ["pods/exec"] && x.verbs == ["create"]));
    // Reverse view: who can approve CSRs, who reads Secrets in kube-system.
    let holders = |id: &str| -> Vec<String> {
        rbac.holders
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.holders.iter().map(|h| format!("{} {}", h.subject, h.scope)).collect())
            .unwrap_or_default()
    };
    assert!(holders("approve-csrs").contains(&"Group csr-approvers cluster-wide".to_string()));
    assert!(holders("read-secrets").contains(&"ServiceAccount kube-system/ci-deployer in namespace kube-system".to_string()));
    // A partial paste: the default policy underneath answers, but only the subjects of the
    // bindings given are listed (not system:masters, not the controllers).
    assert!(holders("cluster-admin").is_empty(), "{:?}", holders("cluster-admin"));
    assert!(!holders("read-secrets").iter().any(|h| h.contains("system:kube-controller-manager")));
}

#[test]
fn without_rbac_the_default_policy_answers_with_its_caveat() {
    let r = analyse(
        &[Input {
            name: "",
            bytes: &file("tests/fixtures/csr-controller-manager.pem"),
        }],
        1_795_000_000,
    )
    .report;
    let rbac = r.rbac.as_ref().unwrap();
    assert_eq!(rbac.origin, "bootstrap");
    assert!(rbac.caveat.as_ref().unwrap().contains("about v1.30"));
    assert!(rbac.holders.is_empty(), "the reverse view is for a pasted policy");
    let access = &rbac.identities[r.objects[0].access.unwrap()];
    assert!(access
        .bindings
        .iter()
        .any(|b| b.binding == "ClusterRoleBinding system:kube-controller-manager"));
    assert!(access
        .powers
        .iter()
        .any(|p| p.id == "read-secrets" && p.scope == "in every namespace"));
    // The default policy does not add findings: the identity rules already speak for it.
    assert!(!r.objects[0].findings.iter().any(|f| f.id == "rbac-dangerous-power"));
    // A superuser: allowed everything, said so.
    let r = analyse(
        &[Input {
            name: "",
            bytes: &file("tests/fixtures/csr-system-masters.pem"),
        }],
        1_795_000_000,
    )
    .report;
    let access = &r.rbac.as_ref().unwrap().identities[0];
    assert!(access.superuser && access.notes[0].contains("superuser authorizer"));
    // A node: the Node authorizer's part is named as what RBAC cannot show.
    let r = analyse(
        &[Input {
            name: "",
            bytes: &file("tests/fixtures/csr-kubelet-client.pem"),
        }],
        1_795_000_000,
    )
    .report;
    let access = &r.rbac.as_ref().unwrap().identities[0];
    assert!(access.notes.iter().any(|n| n.contains("Node authorizer")), "{:?}", access.notes);
}

#[test]
fn rbac_alone_is_a_report_not_an_error_and_broken_objects_are_named() {
    let (out, _, code) = run(&[ADDITIONS]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("WHO HOLDS DANGEROUS POWERS"), "{out}");
    let broken = br#"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"x"},"roleRef":{"kind":"Role","name":"r"}}"#;
    let r = analyse(&[Input { name: "", bytes: broken }], 0).report;
    assert!(
        r.input.not_understood.iter().any(|n| n.contains("can only refer to a ClusterRole")),
        "{:?}",
        r.input
    );
}

#[test]
fn a_kubeconfig_current_user_is_the_default_identity() {
    // admin.conf: kubeadm's admin, in kubeadm:cluster-admins; the default policy binds nothing to
    // that group (kubeadm does at init), so a ClusterRoleBinding as kubeadm makes it is given.
    let binding = b"apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: kubeadm:cluster-admins}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: kubeadm:cluster-admins}
";
    std::fs::write(std::env::temp_dir().join("kci-kubeadm-binding.yaml"), binding).unwrap();
    let binding_path = std::env::temp_dir().join("kci-kubeadm-binding.yaml");
    let (out, _, code) = run(&[
        "tests/fixtures/admin.conf",
        binding_path.to_str().unwrap(),
        "--can-i",
        "delete",
        "nodes",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(code, 0, "{out}");
    assert!(
        v["identity"]["picked"]
            .as_str()
            .unwrap()
            .starts_with("the kubeconfig's current context"),
        "{out}"
    );
    assert_eq!(v["via"]["binding"], "ClusterRoleBinding kubeadm:cluster-admins");
}

#[test]
fn a_leaked_certificate_gets_a_plan_whose_commands_kubectl_accepts() {
    // issue #26, "when a certificate leaks": amy's certificate with the cluster's bindings; one of
    // them (ops-view, made by kubectl) names amy among others, so only her subject is removed.
    let (out, _, code) = run(&[AMY, ADDITIONS, "tests/fixtures/rbac/ops-view-shared.yaml", "--contain", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let c = &v[0]["containment"];
    assert_eq!(v[0]["username"], "amy");
    assert_eq!(c["works_until"], "2036-11-01T00:00:00Z");
    assert_eq!(c["rbac_contains"], true);
    assert_eq!(c["cluster_rbac_given"], true);
    let user: Vec<(&str, &str)> = c["user_bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["binding"].as_str().unwrap(), b["command"].as_str().unwrap()))
        .collect();
    assert!(
        user.contains(&("ClusterRoleBinding amy-ghost", "kubectl delete clusterrolebinding amy-ghost")),
        "{user:?}"
    );
    let patch = user.iter().find(|(b, _)| *b == "ClusterRoleBinding ops-view").expect("ops-view").1;
    assert_eq!(
        patch,
        r#"kubectl patch clusterrolebinding ops-view --type=json -p '[{"op":"test","path":"/subjects/1/name","value":"amy"},{"op":"remove","path":"/subjects/1"}]'"#
    );
    // Through her group: the binding, what removing it does to the other members, and the per-user way.
    let group = &c["group_bindings"][0];
    assert_eq!(group["binding"], "RoleBinding dev/dev-team-edit");
    assert!(group["note"]
        .as_str()
        .unwrap()
        .contains("takes it from every other member of dev-team"));
    assert!(group["note"]
        .as_str()
        .unwrap()
        .contains("kubectl create rolebinding dev-team-edit-USER --clusterrole=edit --user=USER -n dev"));
    // What every authenticated user keeps.
    assert!(c["afterwards"][0]
        .as_str()
        .unwrap()
        .starts_with("ClusterRoleBinding system:basic-user"));
    assert!(c["steps"][0]
        .as_str()
        .unwrap()
        .starts_with("A Kubernetes client certificate cannot be revoked"));

    // kubectl itself applies the patch to the binding as exported: amy goes, bob and ops stay;
    // and its test refuses to remove anyone if the subject at that index is no longer amy.
    let local = patch.replace(
        "kubectl patch clusterrolebinding ops-view",
        "kubectl patch -f tests/fixtures/rbac/ops-view-shared.yaml --local -o jsonpath={.subjects[*].name}",
    );
    let out = std::process::Command::new("sh").args(["-c", &local]).output().expect("kubectl");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "bob ops");
    let moved = local.replace(r#""value":"amy""#, r#""value":"zed""#);
    let out = std::process::Command::new("sh").args(["-c", &moved]).output().expect("kubectl");
    assert!(!out.status.success());

    // system:masters: RBAC cannot contain it; the plan says to rotate the CA that signed it.
    let (out, _, _) = run(&["tests/fixtures/pki/healthy/super-admin.conf", "--contain", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let c = &v[0]["containment"];
    assert_eq!(c["rbac_contains"], false);
    assert!(
        c["steps"][1]
            .as_str()
            .unwrap()
            .starts_with("RBAC cannot contain it (system:masters). The only way to stop it before"),
        "{}",
        c["steps"]
    );
    assert!(c["steps"][1]
        .as_str()
        .unwrap()
        .contains("rotate the CA that signed it (#1 CA certificate CN=kubernetes)"));
    // Asked about someone not in the input: an error, not an empty plan.
    let (_, err, code) = run(&[AMY, "--contain", "--user", "bob"]);
    assert_eq!(code, 3);
    assert!(err.contains("(none is bob)"), "{err}");
}
