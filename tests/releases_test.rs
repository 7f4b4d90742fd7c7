//! The Kubernetes release is an input (issue #21): `--kubernetes 1.NN` judges as that release's
//! Go parses and as its feature gates read the subject, and the report says which release.

mod common;

use serde_json::Value;

/// Inside the validity of every fixture used here.
const NOW: &str = "2027-01-01T00:00:00Z";

fn report(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let (out, err, _) = common::run_cli(&all, Some(NOW));
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}\n{out}\n{err}"))
}

#[test]
fn the_default_is_the_newest_release_and_the_report_says_so() {
    let r = report(&["tests/fixtures/csr-developer.pem"]);
    assert_eq!(r["judged_as"], "Kubernetes 1.37 (Go 1.26)");
    assert_eq!(r["judged_for"]["kubernetes"], "1.37");
    assert_eq!(r["judged_for"]["go"], "1.26");
    assert!(r["judged_for"]["source"].as_str().unwrap().contains("142176"));
    let (text, _, _) = common::run_cli(&["tests/fixtures/csr-developer.pem", "--kubernetes", "1.34"], Some(NOW));
    assert!(
        text.starts_with("Report for ") && text.lines().next().unwrap().ends_with("judged for Kubernetes 1.34 (Go 1.25)"),
        "{text}"
    );
}

#[test]
fn the_uid_attribute_is_read_from_1_34_and_ignored_by_1_33() {
    let f = "tests/fixtures/cert-uid-client.pem";
    let new = report(&[f, "--kubernetes", "1.34"]);
    assert_eq!(new["objects"][0]["identity"]["uid"], "1a2b3c4d-amy");
    let old = report(&[f, "--kubernetes", "1.33"]);
    let id = &old["objects"][0]["identity"];
    assert!(id["uid"].is_null(), "{id}");
    assert_eq!(old["judged_for"]["uid_from_certificates"], false);
    assert!(
        id["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("ignored by Kubernetes 1.33")),
        "{id}"
    );
    let uid_attr = old["objects"][0]["certificate"]["subject"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["oid"] == "1.3.6.1.4.1.57683.2")
        .cloned()
        .expect("the UID attribute is listed");
    assert_eq!(uid_attr["meaning"], "ignored");
    // The user and groups do not change.
    assert_eq!(old["objects"][0]["username"], new["objects"][0]["username"]);
    assert_eq!(old["objects"][0]["groups"], new["objects"][0]["groups"]);
}

/// The report without the lines that name the release.
fn without_release(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("judged_as");
    v.as_object_mut().unwrap().remove("judged_for");
    v
}

#[test]
fn a_release_parses_as_its_own_go_does() {
    // Go 1.27 (Kubernetes 1.38) skips a subject value of no string type; Go 1.26 refuses it.
    let f = "tests/fixtures/go/cert-go-o-not-a-string.pem";
    let k38 = report(&[f, "--kubernetes", "1.38"]);
    assert_eq!(without_release(k38.clone()), without_release(report(&[f, "--go", "1.27"])));
    assert_ne!(
        without_release(k38),
        without_release(report(&[f])),
        "1.38 and 1.37 differ on this certificate"
    );
    // --go overrides the release's own Go, and the report says so.
    let t61 = "tests/fixtures/go/cert-go-t61-latin1.pem";
    let r = report(&[t61, "--kubernetes", "1.33", "--go", "1.24"]);
    assert_eq!(r["judged_as"], "Kubernetes 1.33 built with Go 1.24 instead of its Go 1.25");
    assert_eq!(r["judged_for"]["go"], "1.24");
}

#[test]
fn releases_outside_the_table_are_refused_with_the_range() {
    let (_, err, code) = common::run_cli(&["tests/fixtures/csr-developer.pem", "--kubernetes", "1.20"], None);
    assert_eq!(code, 64);
    assert!(
        err.contains("expected a Kubernetes release from 1.33 to 1.38") && err.contains("found \"1.20\""),
        "{err}"
    );
}

#[test]
fn the_table_is_printed_with_its_sources() {
    let (out, _, code) = common::run_cli(&["--releases", "--json"], None);
    assert_eq!(code, 0);
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(rows.len(), 6);
    assert_eq!(rows.iter().filter(|r| r["default"] == true).count(), 1);
    assert!(rows.iter().all(|r| !r["go_source"].as_str().unwrap().is_empty()));
    let (text, _, _) = common::run_cli(&["--releases"], None);
    assert!(text.contains("1.38        1.27  read           in development"), "{text}");
    assert!(text.contains("1.33        1.25  ignored        end of upstream support"), "{text}");
}
