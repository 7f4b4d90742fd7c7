//! Truth against Go itself (issue #21), without Go installed: for every case in
//! `tests/fixtures/go/` the engine must say what Go's crypto/x509 said, as recorded in
//! `answers.jsonl` (see its README): the same parse error, word for word, or the same username
//! and groups; and a certificate logs in exactly when Go's `Verify` with client auth accepts it.
//! `scripts/differential.sh` asks Go directly, on these and on generated cases.

use kube_cert_inspector::engine::analyse::access::logs_in;
use kube_cert_inspector::engine::facts::release::Target;
use kube_cert_inspector::engine::facts::x509::{GoRelease, SignatureCheck};
use kube_cert_inspector::engine::{analyse_as, Input};
use serde_json::Value;

/// 2026-11-24T00:00:00Z, the instant the answers were recorded at.
const NOW: i64 = 1_795_478_400;

#[test]
fn the_engine_says_what_go_says() {
    // Go 1.26 (the default), and the releases that read names differently, told with --go.
    for (file, go) in [
        ("answers.jsonl", GoRelease::DEFAULT),
        ("answers-go1.24.jsonl", GoRelease(24)),
        ("answers-go1.27.jsonl", GoRelease(27)),
    ] {
        says_what_go_says(file, go);
    }
}

fn says_what_go_says(answers_file: &str, release: GoRelease) {
    let root = env!("CARGO_MANIFEST_DIR");
    let answers = std::fs::read_to_string(format!("{root}/tests/fixtures/go/{answers_file}")).expect("the answers");
    let mut checked = 0;
    let mut wrong = Vec::new();
    for line in answers.lines() {
        let go: Value = serde_json::from_str(line).expect("a JSON line");
        let file = go["file"].as_str().expect("file");
        let bytes = std::fs::read(format!("{root}/{file}")).expect("the case");
        let target = Target {
            go: release,
            ..Target::default()
        };
        let report = analyse_as(&[Input { name: "", bytes: &bytes }], NOW, target).report;
        let text = |k: &str| go[k].as_str().map(str::to_string);
        let Some(o) = report.objects.iter().find(|o| o.source.starts_with("PEM block 1 ")) else {
            // Refused before any fact was read: the note must give Go's words.
            let notes = report.input.not_understood.join(" ");
            match text("parse_error") {
                Some(e) if notes.contains(&format!("\"{e}\"")) => {}
                e => wrong.push(format!("{file}: Go says {e:?}, we say {notes:?}")),
            }
            checked += 1;
            continue;
        };
        // A name Go refuses is marked on its attribute; Go's error names the RDNSequence.
        const NAMES: &str = "x509: invalid RDNSequence";
        let (ours_error, subject) = match (&o.certificate, &o.request) {
            (Some(c), _) => (
                c.go_error.clone().or_else(|| c.go_refuses_a_name().then(|| NAMES.to_string())),
                &c.subject,
            ),
            (_, Some(r)) => (r.go_error.clone().or_else(|| r.go_refuses().then(|| NAMES.to_string())), &r.subject),
            _ => panic!("{file}: neither a certificate nor a request"),
        };
        let same = match (text("parse_error"), &ours_error) {
            (Some(g), Some(u)) if g.starts_with(NAMES) => u.starts_with(NAMES),
            (g, u) => g == *u,
        };
        if !same {
            wrong.push(format!(
                "{file} ({}): Go says {:?}, we say {ours_error:?}",
                release.name(),
                text("parse_error")
            ));
        }
        if go["parse_error"].is_null() {
            let cn = subject
                .iter()
                .rev()
                .find(|a| a.short == "CN" && !a.not_a_string)
                .map(|a| a.value.clone());
            let orgs: Vec<String> = subject
                .iter()
                .filter(|a| a.short == "O" && !a.not_a_string)
                .map(|a| a.value.clone())
                .collect();
            let go_orgs: Vec<String> = go["groups"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|g| g.as_str().map(str::to_string))
                .collect();
            if cn != text("username") || orgs != go_orgs {
                wrong.push(format!(
                    "{file}: Go reads CN {:?} O {go_orgs:?}, we read CN {cn:?} O {orgs:?}",
                    text("username")
                ));
            }
        }
        if go["kind"] == "certificate" && logs_in(o) != go["logs_in"].as_bool().unwrap_or(false) {
            wrong.push(format!(
                "{file}: Go says logs in = {}, we say {} ({:?})",
                go["logs_in"],
                logs_in(o),
                text("login_error")
            ));
        }
        if go["kind"] == "csr" && go["parse_error"].is_null() {
            let valid = o.request.as_ref().is_some_and(|r| r.signature == SignatureCheck::Valid);
            if valid != go["signature_error"].is_null() {
                wrong.push(format!(
                    "{file}: Go's CheckSignature says {:?}, we say valid = {valid}",
                    text("signature_error")
                ));
            }
        }
        checked += 1;
    }
    assert!(checked >= 18, "{answers_file}: only {checked} cases");
    assert!(
        wrong.is_empty(),
        "{answers_file}: {} disagreements with Go:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
