//! Golden outputs: the CLI's JSON report and text for every fixture (and every PKI folder and
//! archive, the RBAC pastes, `--check-expiration`, `--can-i`, `--list`, `--list-rules`), at one
//! pinned instant. A change of shape must not change a byte of them (issue #20); a change of
//! behaviour changes them on purpose, and the list of hashes shows which outputs it touched.
//!
//! `tests/golden/outputs.sha256` holds one line per case: the SHA-256 of its exit status and
//! output, then the case. When a change is meant:
//!
//!   KCI_GOLDEN_UPDATE=1 cargo test --test golden_test      rewrites the hashes
//!   KCI_GOLDEN_DUMP=DIR cargo test --test golden_test      writes every output to DIR
//!
//! (dump before and after the change, and `diff -r` the two folders to review what moved).

mod common;

use sha2::{Digest, Sha256};
use std::path::Path;

const NOW: &str = "2026-11-24T00:00:00Z";
const HASHES: &str = "tests/golden/outputs.sha256";

/// Every case: a name (a file name) and the CLI's arguments.
fn cases() -> Vec<(String, Vec<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(root.join("tests/fixtures"))
        .expect("tests/fixtures")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".sh"))
        .collect();
    files.sort();
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<String>>();
    for f in &files {
        let path = format!("tests/fixtures/{f}");
        out.push((format!("{f}.json"), args(&[&path, "--json"])));
        out.push((format!("{f}.txt"), args(&[&path, "--verbose"])));
    }
    for node in ["broken", "healthy", "shared-etcd-ca", "external-ca"] {
        for form in [format!("tests/fixtures/pki/{node}"), format!("tests/fixtures/pki/{node}.tgz")] {
            let name = form.trim_start_matches("tests/fixtures/").replace('/', "_");
            out.push((format!("{name}.json"), args(&[&form, "--json"])));
            out.push((format!("{name}.txt"), args(&[&form])));
            out.push((format!("{name}.expiration.txt"), args(&[&form, "--check-expiration"])));
        }
    }
    let rbac = |f: &str| format!("tests/fixtures/rbac/{f}");
    for f in [
        "amy-view.yaml",
        "cert-amy.pem",
        "cluster-additions.yaml",
        "paste-amy-and-amy-view.txt",
        "paste-amy-and-cluster-additions.txt",
    ] {
        out.push((format!("rbac_{f}.json"), args(&[&rbac(f), "--json"])));
        out.push((format!("rbac_{f}.txt"), args(&[&rbac(f)])));
    }
    let (amy, view, more) = (rbac("cert-amy.pem"), rbac("amy-view.yaml"), rbac("cluster-additions.yaml"));
    let asked: &[(&str, &[&str])] = &[
        ("can-i-get-pods", &["--can-i", "get", "pods", "-n", "dev"]),
        ("can-i-create-pods", &["--can-i", "create", "pods", "-n", "dev"]),
        (
            "can-i-list-deployments.json",
            &["--can-i", "list", "deployments", "-n", "dev", "--json"],
        ),
        ("can-i-healthz", &["--can-i", "get", "/healthz"]),
        ("list-dev", &["--list", "-n", "dev"]),
        ("list-dev.json", &["--list", "-n", "dev", "--json"]),
        ("all-namespaces", &["--can-i", "get", "secrets", "-A"]),
    ];
    for (name, q) in asked {
        let mut a = vec![amy.clone(), view.clone(), more.clone()];
        a.extend(q.iter().map(|s| s.to_string()));
        out.push((format!("rbac_{name}"), a));
    }
    out.push((
        "admin.conf_can-i-user".into(),
        args(&[
            "tests/fixtures/admin.conf",
            &more,
            "--can-i",
            "get",
            "/healthz",
            "--user",
            "kubernetes-admin",
        ]),
    ));
    out.push((
        "csr-list_and_rbac.json".into(),
        args(&["tests/fixtures/csr-list.yaml", &view, "--json"]),
    ));
    out.push(("list-rules".into(), args(&["--list-rules"])));
    out
}

#[test]
fn every_output_is_what_it_was() {
    let update = std::env::var_os("KCI_GOLDEN_UPDATE").is_some();
    let dump = std::env::var_os("KCI_GOLDEN_DUMP").map(std::path::PathBuf::from);
    if let Some(d) = &dump {
        std::fs::create_dir_all(d).expect("the dump folder");
    }
    let mut lines = Vec::new();
    for (name, args) in cases() {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let now = (name != "list-rules").then_some(NOW);
        let (out, err, code) = common::run_cli(&a, now);
        let whole = format!("exit {code}\n{out}{err}");
        if let Some(d) = &dump {
            std::fs::write(d.join(&name), &whole).expect("write the dump");
        }
        let hash: String = Sha256::digest(whole.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        lines.push(format!("{hash}  {name}"));
    }
    let actual = lines.join("\n") + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(HASHES);
    if update {
        std::fs::write(&path, &actual).expect("write the hashes");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    let want: std::collections::HashMap<&str, &str> = expected.lines().filter_map(|l| l.split_once("  ").map(|(h, n)| (n, h))).collect();
    let changed: Vec<String> = actual
        .lines()
        .filter_map(|l| l.split_once("  "))
        .filter(|(h, n)| want.get(n) != Some(h))
        .map(|(_, n)| n.to_string())
        .collect();
    let gone: Vec<&str> = want.keys().filter(|n| !actual.contains(&format!("  {n}\n"))).copied().collect();
    assert!(
        changed.is_empty() && gone.is_empty(),
        "{} outputs changed or are new: {changed:?}; cases gone: {gone:?}.\nIf the change is meant, review it (KCI_GOLDEN_DUMP=DIR before and after, diff -r) and rewrite {HASHES} with KCI_GOLDEN_UPDATE=1.",
        changed.len()
    );
}
