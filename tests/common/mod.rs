//! Shared by the integration tests that run the CLI binary.

use std::process::Command;

/// Runs the CLI in the crate's folder with `args` (and `--now NOW` when given): (stdout, stderr,
/// exit status).
pub fn run_cli(args: &[&str], now: Option<&str>) -> (String, String, i32) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kube-cert-inspector"));
    c.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    if let Some(n) = now {
        c.args(["--now", n]);
    }
    let out = c.output().expect("the CLI runs");
    (
        String::from_utf8(out.stdout).expect("UTF-8 output"),
        String::from_utf8(out.stderr).expect("UTF-8 errors"),
        out.status.code().unwrap_or(-1),
    )
}
