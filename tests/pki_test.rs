//! A control plane's /etc/kubernetes audited offline (issue #10): folders and archives made by
//! tests/fixtures/make-pki-fixtures.sh (openssl and kubectl in kubeadm's layout), kubeadm's
//! check-expiration tables, the trust map and each finding.

mod common;

const NOW: &str = "2026-11-24T00:00:00Z";

fn run(args: &[&str]) -> (String, String, i32) {
    common::run_cli(args, Some(NOW))
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut a = args.to_vec();
    a.push("--json");
    serde_json::from_str(&run(&a).0).expect("JSON")
}

#[test]
fn check_expiration_prints_kubeadms_tables() {
    let (out, _, code) = run(&["tests/fixtures/pki/healthy", "--check-expiration"]);
    assert_eq!(code, 0);
    // Go's tabwriter (minwidth 10, padding 3), "Jan 02, 2006 15:04 MST", ShortHumanDuration,
    // and the last column padded to 8 by %-8v, as cmd/kubeadm/app/cmd/certs.go writes them.
    let want = "\
CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED
admin.conf                 Jun 01, 2027 00:00 UTC   189d            ca                      no      
apiserver                  Jun 01, 2027 00:00 UTC   189d            ca                      no      
apiserver-etcd-client      Jun 01, 2027 00:00 UTC   189d            etcd-ca                 no      
apiserver-kubelet-client   Jun 01, 2027 00:00 UTC   189d            ca                      no      
controller-manager.conf    Jun 01, 2027 00:00 UTC   189d            ca                      no      
etcd-healthcheck-client    Jun 01, 2027 00:00 UTC   189d            etcd-ca                 no      
etcd-peer                  Jun 01, 2027 00:00 UTC   189d            etcd-ca                 no      
etcd-server                Jun 01, 2027 00:00 UTC   189d            etcd-ca                 no      
front-proxy-client         Jun 01, 2027 00:00 UTC   189d            front-proxy-ca          no      
scheduler.conf             Jun 01, 2027 00:00 UTC   189d            ca                      no      
super-admin.conf           Jun 01, 2027 00:00 UTC   189d            ca                      no      

CERTIFICATE AUTHORITY   EXPIRES                  RESIDUAL TIME   EXTERNALLY MANAGED
ca                      Jan 01, 2036 00:00 UTC   9y              no      
etcd-ca                 Jan 01, 2036 00:00 UTC   9y              no      
front-proxy-ca          Jan 01, 2036 00:00 UTC   9y              no      
";
    assert_eq!(out, want);
    // The archive gives the same table.
    assert_eq!(run(&["tests/fixtures/pki/healthy.tgz", "--check-expiration"]).0, want);
}

#[test]
fn expired_missing_and_externally_managed_read_as_kubeadm_says_them() {
    let (out, _, _) = run(&["tests/fixtures/pki/broken", "--check-expiration"]);
    assert!(
        out.contains("scheduler.conf                      Jan 01, 2026 00:00 UTC   <invalid>       ca"),
        "{out}"
    );
    assert!(
        out.contains("front-proxy-client                  Dec 01, 2026 00:00 UTC   7d "),
        "{out}"
    );
    assert!(out.lines().any(|l| l.trim_end() == "!MISSING! controller-manager.conf"), "{out}");
    let (out, _, _) = run(&["tests/fixtures/pki/external-ca", "--check-expiration"]);
    assert!(
        out.contains("ca                      Jan 01, 2036 00:00 UTC   9y              yes"),
        "{out}"
    );
    assert!(
        out.contains("apiserver                  Jun 01, 2027 00:00 UTC   189d            ca                      yes"),
        "{out}"
    );
    let (_, err, code) = run(&["tests/fixtures/csr-developer.pem", "--check-expiration"]);
    assert_eq!(code, 3);
    assert!(err.contains("needs a control plane's /etc/kubernetes"));
}

#[test]
fn sources_are_paths_inside_the_folder_or_archive() {
    let dir = json(&["tests/fixtures/pki/healthy"]);
    let sources: Vec<&str> = dir["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["source"].as_str().unwrap())
        .collect();
    assert!(sources.contains(&"pki/etcd/server.crt"), "{sources:?}");
    assert!(sources.contains(&"admin.conf: kubeconfig"));
    let tgz = json(&["tests/fixtures/pki/healthy.tgz"]);
    let sources: Vec<&str> = tgz["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["source"].as_str().unwrap())
        .collect();
    assert!(sources.contains(&"kubernetes/pki/etcd/server.crt"), "{sources:?}");
    assert_eq!(tgz["pki"]["root"], "kubernetes/");
    // The static Pod manifests beside the PKI are named once, not listed as not understood.
    let detected = tgz["input"]["detected"].to_string();
    assert!(
        detected.contains("2 static Pod manifests in kubernetes/manifests/ (their file flags are checked below)"),
        "{detected}"
    );
    assert_eq!(
        tgz["input"]["not_understood"].as_array().unwrap().len(),
        0,
        "{}",
        tgz["input"]["not_understood"]
    );
    assert!(
        tgz["input"]["detected"][0].as_str().unwrap().starts_with("Archive: 29 files"),
        "{}",
        tgz["input"]["detected"]
    );
}

#[test]
fn the_trust_map_names_each_link_by_verified_signature() {
    let healthy = json(&["tests/fixtures/pki/healthy"]);
    let links = healthy["pki"]["links"].as_array().unwrap();
    assert_eq!(links.len(), 10);
    assert!(links.iter().all(|l| l["ok"] == true), "{links:?}");
    let etcd = links.iter().find(|l| l["link"] == "API server → etcd").unwrap();
    assert_eq!(
        (etcd["client_signed_by"].as_str(), etcd["server_signed_by"].as_str()),
        (Some("etcd-ca"), Some("etcd-ca"))
    );
    let broken = json(&["tests/fixtures/pki/broken"]);
    let etcd = broken["pki"]["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["link"] == "API server → etcd")
        .unwrap()
        .clone();
    assert_eq!(etcd["ok"], false);
    assert_eq!(etcd["client_signed_by"], "ca");
    assert!(etcd["problem"]
        .as_str()
        .unwrap()
        .contains("x509: certificate signed by unknown authority"));
    assert_eq!(broken["pki"]["missing"][0]["path"], "controller-manager.conf");
    // The static Pod manifests' file flags: all as kubeadm writes them, except etcd's client CA.
    let flags = |v: &serde_json::Value| -> Vec<(String, bool)> {
        v["pki"]["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    format!("{} {}", f["manifest"].as_str().unwrap(), f["flag"].as_str().unwrap()),
                    f["ok"] == true,
                )
            })
            .collect()
    };
    let healthy_flags = flags(&healthy);
    assert_eq!(healthy_flags.len(), 19, "{healthy_flags:?}");
    assert!(healthy_flags.iter().all(|(_, ok)| *ok));
    let bad: Vec<String> = flags(&broken).into_iter().filter(|(_, ok)| !ok).map(|(f, _)| f).collect();
    assert_eq!(bad, vec!["manifests/etcd.yaml --trusted-ca-file".to_string()]);
    let problem = broken["pki"]["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["ok"] == false)
        .unwrap()["problem"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        problem.contains("(the cluster CA's file)") && problem.contains("every cluster client certificate reads all of etcd"),
        "{problem}"
    );
}

fn findings(v: &serde_json::Value) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for o in v["objects"].as_array().unwrap() {
        for f in o["findings"].as_array().unwrap() {
            out.push((
                f["id"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                o["source"].as_str().unwrap().to_string(),
            ));
        }
    }
    out
}

#[test]
fn each_mix_up_is_a_finding_on_its_file() {
    let broken = findings(&json(&["tests/fixtures/pki/broken"]));
    let has = |id: &str, sev: &str, src: &str| broken.iter().any(|(i, s, o)| i == id && s == sev && o == src);
    assert!(has("pki-wrong-ca", "high", "pki/apiserver-etcd-client.crt"), "{broken:?}");
    assert!(has("pki-key-mismatch", "high", "pki/apiserver.key"));
    assert!(has("pki-key-mismatch", "critical", "pki/sa.key"));
    assert!(has("serving-apiserver-missing-names", "medium", "pki/apiserver.crt"));
    assert!(has("validity-expiring-soon", "high", "pki/front-proxy-client.crt"));
    assert!(broken.iter().any(|(i, _, _)| i == "validity-expired"));
    let shared = findings(&json(&["tests/fixtures/pki/shared-etcd-ca"]));
    assert!(
        shared
            .iter()
            .any(|(i, s, o)| i == "pki-shared-ca-key" && s == "high" && o == "pki/etcd/ca.crt"),
        "{shared:?}"
    );
    // CA keys: on the node, said what they allow (info); absent, external CA mode (info).
    let healthy = findings(&json(&["tests/fixtures/pki/healthy"]));
    assert!(healthy
        .iter()
        .any(|(i, s, o)| i == "pki-ca-key" && s == "info" && o == "pki/ca.key"));
    assert!(
        !healthy
            .iter()
            .any(|(i, s, _)| i == "secret-ca-private-key" || (i.starts_with("pki-") && s != "info")),
        "{healthy:?}"
    );
    let external = findings(&json(&["tests/fixtures/pki/external-ca"]));
    assert!(
        external.iter().any(|(i, _, o)| i == "pki-ca-key" && o == "pki/ca.crt"),
        "{external:?}"
    );
}

/// Each finding `id` in a report: the object's source and the finding's detail.
fn findings_of(v: &serde_json::Value, id: &str) -> Vec<(String, String)> {
    v["objects"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| {
            let src = o["source"].as_str().unwrap_or_default().to_string();
            o["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(move |f| f["id"] == id)
                .map(move |f| (src.clone(), f["detail"].as_str().unwrap().to_string()))
        })
        .collect()
}

#[test]
fn a_ca_with_a_year_or_less_asks_for_its_rotation_to_be_planned() {
    // issue #26: a cluster CA with 200 days left raised nothing. The fixture's CAs end on
    // 2036-01-01; 200 days before, each is flagged, and 9 years before, none is.
    let ids_on = |now: &str| -> Vec<(String, String)> {
        let (out, _, _) = common::run_cli(&["tests/fixtures/pki/healthy", "--json"], Some(now));
        findings_of(&serde_json::from_str(&out).expect("JSON"), "validity-ca-rotation-due")
    };
    let late = ids_on("2035-06-15T00:00:00Z");
    let sources: Vec<&str> = late.iter().map(|(s, _)| s.as_str()).collect();
    for ca in ["pki/ca.crt", "pki/etcd/ca.crt", "pki/front-proxy-ca.crt"] {
        assert!(sources.iter().any(|s| s.ends_with(ca)), "{ca} not flagged: {late:?}");
    }
    assert!(late[0].1.contains("This CA expires in 200 days (2036-01-01T00:00:00Z)"), "{late:?}");
    assert!(ids_on(NOW).is_empty());
}

#[test]
fn a_ca_names_the_certificates_that_outlive_it() {
    // issue #26: openssl-made (tests/fixtures/ca-rotation/make.sh): a CA with 200 days to live,
    // two leaves that outlive it (one renewed for a year, as kubeadm certs renew does) and one
    // that ends first. Judged at 2027-01-01, after they were made.
    let dir = "tests/fixtures/ca-rotation";
    let files: Vec<String> = ["ca.crt", "apiserver-kubelet-client.crt", "alice.crt", "bob.crt"]
        .iter()
        .map(|f| format!("{dir}/{f}"))
        .collect();
    let mut args: Vec<&str> = files.iter().map(String::as_str).collect();
    args.push("--json");
    let (out, _, _) = common::run_cli(&args, Some("2027-01-01T00:00:00Z"));
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let ca = v["objects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["source"].as_str().unwrap_or_default().starts_with(&format!("{dir}/ca.crt")))
        .expect("the CA");
    let f = ca["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "validity-ca-rotation-due")
        .unwrap_or_else(|| panic!("not flagged: {}", ca["findings"]));
    let detail = f["detail"].as_str().unwrap();
    assert!(detail.contains("2 certificates it signed outlive it"), "{detail}");
    assert!(
        detail.contains("kube-apiserver-kubelet-client") && detail.contains("alice"),
        "{detail}"
    );
    assert!(!detail.contains("bob"), "{detail}");
    // What the finding says is what a verifier does: the day after the CA ends, alice's
    // certificate, valid for three more months by its own dates, no longer verifies.
    let not_after = ca["certificate"]["validity"]["not_after_unix"].as_i64().expect("CA notAfter");
    let verify = |at: i64| {
        std::process::Command::new("openssl")
            .args([
                "verify",
                "-attime",
                &at.to_string(),
                "-CAfile",
                &format!("{dir}/ca.crt"),
                &format!("{dir}/alice.crt"),
            ])
            .output()
            .expect("openssl")
    };
    assert!(verify(not_after - 86_400).status.success());
    let after = verify(not_after + 86_400);
    assert!(!after.status.success());
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&after.stdout),
        String::from_utf8_lossy(&after.stderr)
    );
    assert!(said.contains("certificate has expired"), "{said}");
}

#[test]
fn one_ca_key_behind_two_clusters_is_named_on_both() {
    // issue #26: kubeconfigs of dev and prod whose CAs were made from one key, and staging with
    // its own (tests/fixtures/clusters/make.sh: openssl and kubectl).
    let dir = "tests/fixtures/clusters";
    let (out, _, _) = common::run_cli(
        &[
            &format!("{dir}/dev.conf"),
            &format!("{dir}/prod.conf"),
            &format!("{dir}/staging.conf"),
            "--json",
        ],
        Some("2027-01-01T00:00:00Z"),
    );
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let flagged = findings_of(&v, "ca-shared-across-clusters");
    assert_eq!(flagged.len(), 2, "{flagged:?}");
    assert_eq!(flagged[0].0, "cluster dev certificate-authority-data");
    assert!(
        flagged[0]
            .1
            .contains("cluster prod (https://prod.k8s.example.com:6443) in tests/fixtures/clusters/prod.conf:"),
        "{flagged:?}"
    );
    assert_eq!(flagged[1].0, "cluster prod certificate-authority-data");
    assert!(
        flagged[1]
            .1
            .contains("cluster dev (https://dev.k8s.example.com:6443) in tests/fixtures/clusters/dev.conf:"),
        "{flagged:?}"
    );
    assert!(!flagged.iter().any(|(s, d)| s.contains("staging") || d.contains("staging")));
    // What the finding says is what a verifier does: dev's user certificate verifies against
    // prod's CA (openssl builds the chain by name and checks the signature with the key).
    let field = |file: &str, key: &str| -> Vec<u8> {
        let text = std::fs::read_to_string(format!("{dir}/{file}")).expect("kubeconfig");
        let b64 = text
            .lines()
            .find_map(|l| l.trim().strip_prefix(&format!("{key}: ")))
            .expect(key)
            .to_string();
        base64::Engine::decode(&base64::engine::general_purpose::STANDARD, b64.trim()).expect("base64")
    };
    let tmp = std::env::temp_dir().join(format!("kci-clusters-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    std::fs::write(tmp.join("prod-ca.crt"), field("prod.conf", "certificate-authority-data")).unwrap();
    std::fs::write(tmp.join("staging-ca.crt"), field("staging.conf", "certificate-authority-data")).unwrap();
    std::fs::write(tmp.join("alice-dev.crt"), field("dev.conf", "client-certificate-data")).unwrap();
    let verify = |ca: &str| {
        std::process::Command::new("openssl")
            .args(["verify", "-attime", "1798761600", "-CAfile"])
            .arg(tmp.join(ca))
            .arg(tmp.join("alice-dev.crt"))
            .output()
            .expect("openssl")
            .status
            .success()
    };
    assert!(verify("prod-ca.crt"), "dev's certificate should verify against prod's CA");
    assert!(!verify("staging-ca.crt"));
    let _ = std::fs::remove_dir_all(&tmp);
    // kubeadm's own kubeconfigs (one cluster, several servers) are not flagged.
    let healthy = json(&["tests/fixtures/pki/healthy"]);
    assert!(!findings(&healthy).iter().any(|(id, _, _)| id == "ca-shared-across-clusters"));
}

#[test]
fn a_worker_nodes_kubelet_files_say_how_its_certificates_are_renewed() {
    // issue #26, "manage expiration": worker-1 copied with tar czf … etc/kubernetes var/lib/kubelet
    // (tests/fixtures/node/make.sh: openssl, kubectl, GNU tar, at libfaketime's dates).
    let (out, _, _) = common::run_cli(
        &["tests/fixtures/node/worker-rotation-off.tgz", "--json"],
        Some("2026-12-05T00:00:00Z"),
    );
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let objects = v["objects"].as_array().unwrap();
    // A worker's /etc/kubernetes (kubelet.conf, pki/ca.crt) is not a control plane's PKI.
    assert!(v["pki"].is_null(), "{}", v["pki"]);
    // The config file is an object of its own, with the kubelet's defaults for what it leaves out.
    let cfg = objects
        .iter()
        .find(|o| o["kind"] == "kubelet_config")
        .expect("KubeletConfiguration");
    assert_eq!(cfg["source"], "var/lib/kubelet/config.yaml: KubeletConfiguration");
    assert_eq!(cfg["kubelet_config"]["rotate_certificates"], false);
    assert_eq!(cfg["kubelet_config"]["rotate_certificates_set"], false);
    assert_eq!(cfg["kubelet_config"]["client_ca_file"], "/etc/kubernetes/pki/ca.crt");
    // kubelet.conf names kubelet-client-current.pem, a link in the archive to the dated file: read.
    let kc = objects.iter().find(|o| o["kind"] == "kubeconfig").expect("kubelet.conf");
    let ctx = &kc["kubeconfig"]["contexts"][0];
    assert_eq!(ctx["identity"], "system:node:worker-1 in system:nodes");
    assert_eq!(ctx["expires"], "2027-01-10T00:00:00Z");
    let resolved = kc["kubeconfig"]["resolved_references"].as_array().unwrap();
    assert!(
        resolved[0]
            .as_str()
            .unwrap()
            .starts_with("user default-auth: client-certificate /var/lib/kubelet/pki/kubelet-client-current.pem: var/lib/kubelet/pki/kubelet-client-2026-01-10-00-00-00.pem (#"),
        "{resolved:?}"
    );
    assert!(kc["kubeconfig"]["file_references"].as_array().unwrap().is_empty());
    let rotation = findings_of(&v, "kubelet-client-rotation-off");
    assert_eq!(rotation.len(), 1);
    assert!(rotation[0].1.contains("system:node:worker-1's client certificate"), "{rotation:?}");
    assert!(rotation[0].1.contains("ends 2027-01-10T00:00:00Z (in 36 days)"), "{rotation:?}");
    let serving = findings_of(&v, "kubelet-serving-self-signed");
    assert!(serving[0].1.contains("issued by CN=worker-1-ca@1768003200"), "{serving:?}");
    // The kubelet's own one-year CA is not one to plan a rotation for.
    assert!(findings_of(&v, "validity-ca-rotation-due").is_empty());
    // The end date the finding gives is the certificate's own, as openssl reads it from the archive.
    let tar = std::process::Command::new("tar")
        .args([
            "xzf",
            "tests/fixtures/node/worker-rotation-off.tgz",
            "-O",
            "var/lib/kubelet/pki/kubelet-client-2026-01-10-00-00-00.pem",
        ])
        .output()
        .expect("tar");
    let mut openssl = std::process::Command::new("openssl")
        .args(["x509", "-noout", "-enddate", "-subject"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("openssl");
    std::io::Write::write_all(openssl.stdin.as_mut().unwrap(), &tar.stdout).unwrap();
    let said = String::from_utf8(openssl.wait_with_output().unwrap().stdout).unwrap();
    assert!(said.contains("notAfter=Jan 10 00:00:00 2027 GMT"), "{said}");
    assert!(said.contains("CN = system:node:worker-1"), "{said}");

    // worker-2 rotates, but its kubelet.conf still embeds the first certificate.
    let (out, _, _) = common::run_cli(
        &["tests/fixtures/node/worker-stale-kubeconfig.tgz", "--json"],
        Some("2026-12-05T00:00:00Z"),
    );
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let stale = findings_of(&v, "kubelet-kubeconfig-stale-certificate");
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!(stale[0].0, "etc/kubernetes/kubelet.conf: kubeconfig");
    assert!(stale[0].1.contains("which ends 2026-12-20T00:00:00Z (in 15 days)"), "{stale:?}");
    assert!(
        stale[0]
            .1
            .contains("(var/lib/kubelet/pki/kubelet-client-2026-10-01-00-00-00.pem block 1), ending 2027-10-01"),
        "{stale:?}"
    );
    assert!(findings_of(&v, "kubelet-client-rotation-off").is_empty());
    assert!(findings_of(&v, "kubelet-serving-self-signed").is_empty());
}

#[test]
fn a_folder_read_by_the_cli_is_judged_by_its_modes_and_its_links_are_followed() {
    // issue #26: "or from the file system when the CLI reads a folder". A node's /etc/kubernetes
    // copied with cp -a, ca.key left readable by everyone; and a worker's files unpacked by tar,
    // kubelet-client-current.pem still a link.
    use std::os::unix::fs::PermissionsExt;
    let tmp = std::env::temp_dir().join(format!("kci-folder-modes-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    common::kubeadm_modes();
    assert!(std::process::Command::new("cp")
        .args(["-a", "tests/fixtures/pki/healthy"])
        .arg(tmp.join("kubernetes"))
        .status()
        .unwrap()
        .success());
    let key = tmp.join("kubernetes/pki/ca.key");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let folder = tmp.join("kubernetes");
    let v = json(&[folder.to_str().unwrap()]);
    let loose = findings_of(&v, "key-file-permissions");
    assert_eq!(loose.len(), 1, "only ca.key: {loose:?}");
    assert_eq!(loose[0].0, "pki/ca.key");
    assert!(
        loose[0].1.contains("has mode 0644") && loose[0].1.contains("readable by every user of the machine"),
        "{loose:?}"
    );
    // As kubeadm left it: nothing.
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert!(findings_of(&json(&[folder.to_str().unwrap()]), "key-file-permissions").is_empty());

    let node = tmp.join("worker-1");
    std::fs::create_dir_all(&node).unwrap();
    assert!(std::process::Command::new("tar")
        .args(["xzf", "tests/fixtures/node/worker-rotation-off.tgz", "-C"])
        .arg(&node)
        .status()
        .unwrap()
        .success());
    assert!(node.join("var/lib/kubelet/pki/kubelet-client-current.pem").is_symlink());
    let (out, _, _) = common::run_cli(&[node.to_str().unwrap(), "--json"], Some("2026-12-05T00:00:00Z"));
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let kc = v["objects"].as_array().unwrap().iter().find(|o| o["kind"] == "kubeconfig").unwrap();
    assert_eq!(kc["kubeconfig"]["contexts"][0]["identity"], "system:node:worker-1 in system:nodes");
    assert_eq!(findings_of(&v, "kubelet-client-rotation-off").len(), 1);
    let _ = std::fs::remove_dir_all(&tmp);
}
