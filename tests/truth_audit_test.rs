//! The truth audit (issue #12) end to end: each claim checked on input made by openssl and
//! kubectl the way Kubernetes' own code builds it (tests/fixtures/make-audit-fixtures.sh).

use kube_cert_inspector::engine::facts::x509::SignatureCheck;
use kube_cert_inspector::engine::report::{Finding, Report, Severity, VerdictLevel};
use kube_cert_inspector::inspect;

/// 2026-11-24T06:00:00Z: the audit fixtures (made that night) are valid, and so is the one-day
/// developer certificate from the day before.
const NOW: i64 = 1_795_500_000;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn findings<'a>(r: &'a Report, id: &str) -> Vec<&'a Finding> {
    r.objects.iter().flat_map(|o| o.findings.iter()).filter(|f| f.id == id).collect()
}

fn worst(r: &Report, id: &str) -> Option<Severity> {
    findings(r, id).iter().map(|f| f.severity).max()
}

#[test]
fn a_certificate_issued_the_way_gos_signer_encodes_it_matches_its_request() {
    // Requested /CN=jbeda/O=app1/O=app2 (+ a UID); issued O=app1+O=app2, CN=jbeda, no UID.
    let r = inspect(&fixture("csr-object-issued-reencoded.yaml"), NOW);
    let csr = &r.objects[0];
    let issued = r.objects.iter().find(|o| o.parent == Some(0)).expect("the issued certificate");
    assert_eq!(issued.username.as_deref(), Some("jbeda"));
    assert_eq!(issued.groups, csr.groups);
    assert!(findings(&r, "csr-issued-certificate-mismatch").is_empty());
    assert!(csr.passed.iter().any(|p| p == "csr-issued-certificate-mismatch"));
    let dropped = findings(&r, "csr-extensions-dropped");
    assert!(
        dropped.iter().any(|f| f.detail.contains("the certificate will have no UID")),
        "{dropped:?}"
    );
    assert!(findings(&r, "identity-invalid-uid").is_empty());
    // The request's own verdict (the one-day certificate it got is near expiry, which is right).
    assert_eq!(csr.verdict.as_ref().map(|v| v.level), Some(VerdictLevel::Routine));
}

#[test]
fn rsa_1024_with_sha384_verifies_as_go_verifies_it() {
    let r = inspect(&fixture("csr-rsa1024-sha384.pem"), NOW);
    let req = r.objects[0].request.as_ref().unwrap();
    assert_eq!(req.signature, SignatureCheck::Valid);
    assert!(findings(&r, "csr-request-invalid").is_empty());
    assert!(findings(&r, "crypto-weak-rsa-key")[0].detail.contains("weak, yet accepted"));
    // The same request with one subject byte changed no longer verifies.
    let pem = String::from_utf8(fixture("csr-rsa1024-sha384.pem")).unwrap();
    let b64: String = pem.lines().filter(|l| !l.starts_with('#') && !l.starts_with("-----")).collect();
    let mut der = base64_decode(&b64);
    let at = der.windows(8).position(|w| w == b"old-tool").unwrap();
    der[at] = b'O';
    let tampered = inspect(&der, NOW);
    assert_eq!(tampered.objects[0].request.as_ref().unwrap().signature, SignatureCheck::Invalid);
}

#[test]
fn rsa_512_is_refused_with_gos_own_reason() {
    let r = inspect(&fixture("csr-rsa512.pem"), NOW);
    let SignatureCheck::Refused(why) = &r.objects[0].request.as_ref().unwrap().signature else {
        panic!("expected a refusal")
    };
    assert!(why.contains("crypto/rsa: 512-bit keys are insecure"), "{why}");
    let weak = findings(&r, "crypto-weak-rsa-key");
    assert!(weak[0].rejected_by_kubernetes && weak[0].detail.contains("1.33+"));
    assert_eq!(r.verdict.as_ref().map(|v| v.level), Some(VerdictLevel::DoNotApprove));
}

#[test]
fn p224_cannot_log_in_over_tls13() {
    let r = inspect(&fixture("csr-p224.pem"), NOW);
    let f = findings(&r, "crypto-unsupported-curve");
    assert_eq!(f[0].severity, Severity::High);
    assert!(f[0].detail.contains("TLS 1.3"));
}

#[test]
fn ca_powers_count_only_when_go_would_let_the_certificate_sign() {
    let both = inspect(&fixture("cert-ca-client.pem"), NOW);
    assert!(worst(&both, "usage-ca-on-client-certificate") >= Some(Severity::High));
    for (file, words) in [
        ("cert-ca-no-certsign-client.pem", "lacks keyCertSign"),
        ("cert-certsign-not-ca-client.pem", "keyCertSign without CA:TRUE"),
    ] {
        let r = inspect(&fixture(file), NOW);
        let f = findings(&r, "usage-ca-on-client-certificate");
        assert_eq!(f[0].severity, Severity::Medium, "{file}");
        assert!(f[0].detail.contains(words), "{file}: {}", f[0].detail);
    }
}

#[test]
fn a_kubeadm_renewal_is_not_a_long_lived_certificate() {
    // CA from 2024; leaf NotBefore = the CA's (2024-01-01), NotAfter 2027-06-01: about 6 months left.
    let r = inspect(&fixture("chain-kubeadm-renewed.pem"), NOW);
    assert_eq!(worst(&r, "validity-long-lifetime"), Some(Severity::Info));
    assert!(findings(&r, "validity-long-lifetime")[0].detail.contains("as kubeadm sets it"));
}

#[test]
fn token_and_client_certificate_are_accepted_by_client_go() {
    let r = inspect(&fixture("kubeconfig-token-and-cert.yaml"), NOW);
    let f = findings(&r, "kubeconfig-multiple-auth-methods");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Low);
    assert!(!f[0].rejected_by_kubernetes);
    assert!(!f[0].detail.contains("only one is allowed"));
}

#[test]
fn an_empty_cn_runs_as_anonymous_and_is_not_refused() {
    let r = inspect(&fixture("csr-empty-cn.pem"), NOW);
    let id = r.objects[0].identity.as_ref().unwrap();
    assert!(id.can_do.contains("system:anonymous"), "{}", id.can_do);
    let f = findings(&r, "identity-empty-cn");
    assert_eq!(f[0].severity, Severity::Medium);
    assert!(!f[0].rejected_by_kubernetes);
}

#[test]
fn a_v1beta1_request_without_usages_gets_the_api_default() {
    let yaml = String::from_utf8(fixture("csr-object-v1beta1.yaml")).unwrap();
    let mut out = Vec::new();
    let mut skipping = false;
    for line in yaml.lines() {
        if line == "  usages:" {
            skipping = true;
            continue;
        }
        if skipping && line.starts_with("  - ") {
            continue;
        }
        skipping = false;
        out.push(line);
    }
    let r = inspect(out.join("\n").as_bytes(), NOW);
    let c = r.objects[0].csr_object.as_ref().unwrap();
    assert!(c.usages_defaulted);
    assert_eq!(c.usages, ["digital signature", "key encipherment"]);
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}
