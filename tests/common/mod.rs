//! Shared by the integration tests that run the CLI binary.

use std::process::Command;

/// Runs the CLI in the crate's folder with `args` (and `--now NOW` when given): (stdout, stderr,
/// exit status).
pub fn run_cli(args: &[&str], now: Option<&str>) -> (String, String, i32) {
    kubeadm_modes();
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

/// Gives the node folders under tests/fixtures/pki the modes kubeadm writes (keys and kubeconfigs
/// 0600, the rest 0644), which git does not keep: the CLI reads a folder's modes (issue #26,
/// key-file-permissions), and a checkout's depend on its umask. Once per test binary.
pub fn kubeadm_modes() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fn walk(d: &std::path::Path) {
                for e in std::fs::read_dir(d).expect("a fixture folder").flatten() {
                    let (p, t) = (e.path(), e.file_type().expect("a file type"));
                    if t.is_dir() {
                        walk(&p);
                    } else if t.is_file() {
                        let name = p.to_string_lossy();
                        let mode = if name.ends_with(".key") || name.ends_with(".conf") {
                            0o600
                        } else {
                            0o644
                        };
                        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).expect("chmod");
                    }
                }
            }
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pki");
            for node in ["healthy", "broken", "shared-etcd-ca", "external-ca"] {
                walk(&root.join(node));
            }
        }
    });
}
