//! The CLI as a reviewer runs it: text and JSON output never hand the terminal a control
//! character, an escape sequence or a bidi override taken from the input (issue #6).

mod common;

use std::process::Command;

fn run(args: &[&str]) -> (String, i32) {
    let (out, _, code) = common::run_cli(args, None);
    (out, code)
}

/// What a terminal must never receive raw: controls other than the output's own line breaks,
/// and the invisible formatting characters that reorder or hide text.
fn raw_unsafe(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| *c != '\n')
        .filter(|c| kube_cert_inspector::engine::util::is_unsafe_to_display(*c))
        .collect()
}

#[test]
fn terminal_escapes_and_bidi_overrides_are_shown_not_obeyed() {
    let fixture = "tests/fixtures/csr-terminal-escapes.pem";
    let (text, code) = run(&[fixture, "--now", "2026-11-24T00:00:00Z"]);
    assert_eq!(raw_unsafe(&text), Vec::<char>::new(), "{text}");
    assert!(text.contains("username: x\\u{1b}]0;pwned\\u{7}\\u{1b}[2J"), "{text}");
    assert!(text.contains("dev\\u{202e}sretsam"));
    assert_eq!(code, 1, "control characters in a name are high: review carefully, never routine");
    let (json, _) = run(&[fixture, "--json", "--now", "2026-11-24T00:00:00Z"]);
    assert_eq!(raw_unsafe(&json), Vec::<char>::new());
    let v: serde_json::Value = serde_json::from_str(&json).expect("still valid JSON");
    assert_eq!(
        v["objects"][0]["username"], "x\u{1b}]0;pwned\u{7}\u{1b}[2J",
        "the data itself is unchanged"
    );
    assert_eq!(v["objects"][0]["groups"][0], "dev\u{202e}sretsam");
}

#[test]
fn a_forged_line_cannot_start_in_the_output() {
    // A CN with a line break would otherwise print its own "VERDICT:" line.
    let (text, _) = run(&["tests/fixtures/csr-terminal-escapes.pem", "--now", "2026-11-24T00:00:00Z"]);
    assert_eq!(text.lines().filter(|l| l.starts_with("VERDICT:")).count(), 1);
}

#[test]
fn installed_as_a_kubectl_plugin_it_reads_the_piped_request() {
    // kubectl runs `kubectl-cert_inspect` for `kubectl cert-inspect`, with no arguments and the
    // output of `kubectl get csr NAME -o yaml` on stdin.
    use std::io::Write;
    let dir = std::env::temp_dir().join(format!("kci-plugin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plugin = dir.join("kubectl-cert_inspect");
    let _ = std::fs::remove_file(&plugin);
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_kube-cert-inspector"), &plugin).unwrap();
    let yaml = std::fs::read(format!(
        "{}/tests/fixtures/csr-object-system-masters.yaml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let mut child = Command::new(&plugin)
        .args(["--now", "2026-11-24T00:00:00Z"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&yaml).unwrap();
    let out = child.wait_with_output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("VERDICT: DO NOT APPROVE"), "{text}");
    assert_eq!(out.status.code(), Some(2));
}
