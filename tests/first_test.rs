//! The first report (`engine::first`, issue #24) says what the whole engine says: on every
//! fixture, and on mutations of them, it either steps aside (`None`) or its objects — identities,
//! findings, verdicts, every fact — and its verdict, counts and detections are the whole engine's,
//! leaving out only what the first view does not show (each object's RBAC `access` and leak plan, the report's
//! `rbac` and `csr_queue`). And it answers for what it is for: the CSR objects, PEM and kubeconfig
//! examples a reviewer or a docs page pastes.

use std::path::{Path, PathBuf};

use kube_cert_inspector::engine::facts::release::{Release, Target};
use kube_cert_inspector::engine::{analyse_as, first::first, Input};
use serde_json::Value;

/// 2026-11-24T00:00:00Z, the golden tests' instant.
const NOW: i64 = 1_795_478_400;

fn fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("fixtures").flatten() {
        let p = e.path();
        if p.is_dir() {
            fixtures(&p, out);
        } else if !p.extension().is_some_and(|x| x == "sh" || x == "md") {
            out.push(p);
        }
    }
}

fn all() -> Vec<PathBuf> {
    let mut out = Vec::new();
    fixtures(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"), &mut out);
    out.sort();
    out
}

/// What the first view shows of a report, as JSON: everything but RBAC and the queue, and each
/// finding's texts (why, instead, source), which only the whole engine's findings carry.
fn shown(report: &kube_cert_inspector::Report, first: bool) -> Value {
    let mut v = serde_json::to_value(report).expect("report JSON");
    let m = v.as_object_mut().expect("object");
    for k in ["rbac", "csr_queue", "pki"] {
        m.remove(k);
    }
    for o in m.get_mut("objects").and_then(Value::as_array_mut).expect("objects") {
        let o = o.as_object_mut().expect("object");
        // Both need the RBAC policy: the leak plan comes with the page's own report.
        o.remove("access");
        o.remove("containment");
        for f in o.get_mut("findings").and_then(Value::as_array_mut).expect("findings") {
            let f = f.as_object_mut().expect("finding");
            for k in ["why", "fix", "reference"] {
                let text = f.remove(k).expect("a finding's text");
                assert_eq!(
                    text == "",
                    first,
                    "{k} of {}: the first path leaves the texts out, the whole engine has them",
                    f["id"]
                );
            }
        }
    }
    v
}

/// `None`, or the whole engine's answer: returns whether the first path answered.
fn agrees(bytes: &[u8], target: Target, what: &str) -> bool {
    let Some(f) = first(bytes, NOW, target) else { return false };
    let whole = analyse_as(&[Input { name: "", bytes }], NOW, target).report;
    assert!(
        whole.error.is_none(),
        "{what}: the first path answered an input the whole engine refuses"
    );
    let (a, b) = (shown(&f, true), shown(&whole, false));
    if a != b {
        let (a, b) = (serde_json::to_string_pretty(&a).unwrap(), serde_json::to_string_pretty(&b).unwrap());
        let line = a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(0);
        panic!(
            "{what}: the first report differs from the whole engine's at line {line}:\n first: {}\n whole: {}",
            a.lines().nth(line).unwrap_or(""),
            b.lines().nth(line).unwrap_or("")
        );
    }
    true
}

#[test]
fn the_first_report_is_the_whole_engines_on_every_fixture_and_release() {
    let files = all();
    assert!(files.len() > 150, "found {} fixtures", files.len());
    let mut answered = Vec::new();
    for p in &files {
        let bytes = std::fs::read(p).expect("fixture");
        let name = p.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(p).display().to_string();
        for release in ["1.33", "1.34"] {
            let target = Target::for_release(Release::parse(release).expect("release"));
            if agrees(&bytes, target, &format!("{name} as {release}")) && release == "1.34" {
                answered.push(name.clone());
            }
        }
    }
    // What it is for: the examples a reviewer or a docs page opens, CSR objects, PEM and kubeconfigs.
    for must in [
        "csr-object-system-masters.yaml",
        "csr-object-developer.yaml",
        "csr-object-kubelet-client.yaml",
        "csr-object-kubelet-serving-no-sans.yaml",
        "csr-object-node-by-alice.yaml",
        "csr-list.yaml",
        "csr-lookalike-cyrillic.pem",
        "admin.conf",
        "kubeconfig-risky.yaml",
        "cert-expired-controller-manager.pem",
        "chain-with-ca.pem",
    ] {
        assert!(
            answered.iter().any(|a| a.ends_with(&format!("/{must}"))),
            "the first path stepped aside for {must}"
        );
    }
    // And it steps aside for what needs the whole engine: RBAC, error messages, archives.
    for aside in ["rbac/paste-amy-and-cluster-additions.txt", "errors/forbidden-with-certificate.txt"] {
        assert!(!answered.iter().any(|a| a.ends_with(aside)), "the first path answered {aside}");
    }
    eprintln!("the first path answered {} of {} fixtures", answered.len(), files.len());
    assert!(
        answered.len() * 2 > files.len(),
        "answered only {} of {}",
        answered.len(),
        files.len()
    );
}

#[test]
fn the_first_report_agrees_or_steps_aside_on_damaged_input() {
    // Deterministic damage to every fixture it answers: truncations, flipped bytes, a line dropped.
    let target = Target::default();
    let mut cases = 0;
    for p in all() {
        let bytes = std::fs::read(&p).expect("fixture");
        if first(&bytes, NOW, target).is_none() || bytes.len() > 20_000 {
            continue;
        }
        let name = p.display().to_string();
        let n = bytes.len();
        let mut variants: Vec<Vec<u8>> = vec![bytes[..n / 2].to_vec(), bytes[..n * 9 / 10].to_vec()];
        for at in [n / 7, n / 3, n / 2, n * 3 / 4] {
            let mut b = bytes.clone();
            b[at] ^= 0x20;
            variants.push(b);
        }
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<&str> = text.lines().collect();
        if lines.len() > 4 {
            let mut l = lines.clone();
            l.remove(lines.len() / 2);
            variants.push(l.join("\n").into_bytes());
        }
        for (i, v) in variants.iter().enumerate() {
            agrees(v, target, &format!("{name} damaged #{i}"));
            cases += 1;
        }
    }
    eprintln!("{cases} damaged inputs compared");
    assert!(cases > 300, "only {cases} damaged inputs");
}
