//! Hostile shapes through the whole engine (issue #6): each gives a report or a clear error,
//! without a panic. Tests do not time anything; `scripts/limits.sh`-style figures are measured
//! with the CLI and reported, see README "Security and privacy".

use kube_cert_inspector::engine::read::sniff::MAX_INPUT_BYTES;
use kube_cert_inspector::engine::MAX_OBJECTS;
use kube_cert_inspector::inspect;

const NOW: i64 = 1_795_478_400;

#[test]
fn input_over_the_size_cap_is_refused_with_its_size() {
    let big = vec![b'a'; MAX_INPUT_BYTES + 1];
    let r = inspect(&big, NOW);
    let e = r.error.expect("too large");
    assert_eq!(e.code, "too_large");
    assert!(e.message.contains("expected at most 8 MiB"), "{}", e.message);
}

#[test]
fn a_hundred_thousand_tiny_pem_blocks_are_bounded() {
    let block = "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n";
    let text = block.repeat(100_000);
    assert!(text.len() < MAX_INPUT_BYTES);
    let r = inspect(text.as_bytes(), NOW);
    assert!(r.objects.is_empty());
    // Problems are capped so the page cannot be flooded: 50 listed, then one summary line.
    assert!(r.input.not_understood.len() <= 51, "{}", r.input.not_understood.len());
    assert!(r.input.not_understood.last().unwrap().contains("more problems not listed"));
}

#[test]
fn many_valid_certificates_stop_at_the_object_cap() {
    let pem = std::fs::read_to_string(format!("{}/tests/fixtures/cert-developer.pem", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let text = pem.repeat(MAX_OBJECTS + 10);
    if text.len() > MAX_INPUT_BYTES {
        return; // the size cap comes first; covered above
    }
    let r = inspect(text.as_bytes(), NOW);
    assert!(r.objects.len() <= MAX_OBJECTS);
}

#[test]
fn yaml_alias_bombs_and_deep_nesting_give_errors_not_hangs() {
    let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n";
    let r = inspect(bomb.as_bytes(), NOW);
    assert!(r.objects.is_empty());
    assert!(r.error.is_some() || !r.input.not_understood.is_empty());
    for deep in [
        format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000)),
        format!("a: {}1{}", "[".repeat(100_000), "]".repeat(100_000)),
        format!("{}{}", "{\"a\":".repeat(50_000), "}".repeat(50_000)),
    ] {
        let r = inspect(deep.as_bytes(), NOW);
        assert!(r.objects.is_empty());
    }
}

#[test]
fn deeply_nested_der_is_refused() {
    // 10,000 nested indefinite-length SEQUENCEs, then the same in definite form.
    let mut der = [0x30, 0x80].repeat(10_000);
    der.extend([0x00, 0x00].repeat(10_000));
    let r = inspect(&der, NOW);
    assert!(r.objects.is_empty());
    let mut nested: Vec<u8> = vec![0x05, 0x00];
    for _ in 0..2_000 {
        let len = nested.len();
        let mut outer = vec![0x30, 0x82, (len >> 8) as u8, len as u8];
        outer.extend(nested);
        nested = outer;
        if nested.len() > 60_000 {
            break;
        }
    }
    let r = inspect(&nested, NOW);
    assert!(r.objects.is_empty());
}

#[test]
fn huge_base64_and_nul_bytes_say_what_was_found() {
    let blob = "QUFB".repeat(1_500_000); // 6 MB of base64 of "AAA…"
    let r = inspect(blob.as_bytes(), NOW);
    assert!(r.objects.is_empty());
    let msg = r.error.map(|e| e.message).unwrap_or_default() + &r.input.not_understood.join(" ");
    assert!(msg.contains("base64"), "{msg}");
    let mut nul = std::fs::read(format!("{}/tests/fixtures/csr-developer.pem", env!("CARGO_MANIFEST_DIR"))).unwrap();
    nul.splice(0..0, [0u8; 64]);
    let r = inspect(&nul, NOW);
    assert_eq!(
        r.objects.first().and_then(|o| o.username.as_deref()),
        Some("alice"),
        "NUL bytes around a PEM do not hide it"
    );
    let r = inspect(&[0u8; 4096], NOW);
    assert!(r.error.is_some());
}

#[test]
fn wide_or_many_lined_yaml_is_refused_before_it_costs_memory() {
    // 7 MB of nested flow brackets once took 1.2 GB and 3 s; 3 MB of one-line keys 0.4 s.
    let brackets = format!("a: [{}1]", format!("{}{},", "[".repeat(60), "]".repeat(60)).repeat(60_000));
    let lines: String = (0..300_000).map(|i| format!("k{i}: 1\n")).collect();
    for (what, text) in [("brackets", brackets), ("lines", lines)] {
        let r = inspect(text.as_bytes(), NOW);
        let msg = r.error.map(|e| e.message).unwrap_or_default();
        assert!(msg.contains("expected YAML of at most 200000 lines and items"), "{what}: {msg}");
    }
    let deep = format!("a: {}1{}", "[".repeat(65), "]".repeat(65));
    let msg = inspect(deep.as_bytes(), NOW).error.map(|e| e.message).unwrap_or_default();
    assert!(
        msg.contains("nested at most 64 levels deep; found [ or { brackets nested 65 deep"),
        "{msg}"
    );
}

#[test]
fn archives_are_bounded_like_any_input() {
    // A gzip bomb: 40 MiB of zeros in a few KB stops at the unpack cap, with a message.
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut enc, &vec![0u8; 40 * 1024 * 1024]).unwrap();
    let r = inspect(&enc.finish().unwrap(), NOW);
    assert!(
        r.input.not_understood.iter().any(|n| n.contains("unpacks to more than 32 MiB")),
        "{:?}",
        r.input
    );
    assert_eq!(r.error.map(|e| e.code).as_deref(), Some("nothing_usable"));
    // An archive over the input cap is refused by its size.
    let mut big = vec![0x1f, 0x8b];
    big.resize(MAX_INPUT_BYTES + 10, 0);
    let r = inspect(&big, NOW);
    assert!(
        r.input.not_understood.iter().any(|n| n.contains("expected at most 8 MiB")),
        "{:?}",
        r.input
    );
}

#[test]
fn a_hostile_role_of_a_hundred_thousand_resources_gives_a_bounded_report() {
    use kube_cert_inspector::engine::analyse::authz::{MAX_ROWS, MAX_SCOPES};
    // One ClusterRole with 100,000 resources bound to every authenticated user, RoleBindings in
    // 200 namespaces, and a certificate: every identity's --list would be 200,000 rows.
    let many: Vec<String> = (0..100_000).map(|i| format!("\"r{i}\"")).collect();
    let mut text = format!(
        "{{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRole\",\"metadata\":{{\"name\":\"huge\"}},\"rules\":[{{\"apiGroups\":[\"\",\"apps\"],\"resources\":[{}],\"verbs\":[\"get\"]}}]}},{{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRoleBinding\",\"metadata\":{{\"name\":\"all\"}},\"roleRef\":{{\"kind\":\"ClusterRole\",\"name\":\"huge\"}},\"subjects\":[{{\"kind\":\"Group\",\"name\":\"system:authenticated\"}}]}}",
        many.join(",")
    );
    for i in 0..200 {
        text.push_str(&format!(",{{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"RoleBinding\",\"metadata\":{{\"name\":\"b\",\"namespace\":\"ns{i}\"}},\"roleRef\":{{\"kind\":\"ClusterRole\",\"name\":\"view\"}},\"subjects\":[{{\"kind\":\"User\",\"name\":\"amy\"}}]}}"));
    }
    text.push_str("]}\n");
    let pem = std::fs::read_to_string(format!("{}/tests/fixtures/rbac/cert-amy.pem", env!("CARGO_MANIFEST_DIR"))).unwrap();
    // Without the fixture's "# made by" line, which JSON cannot carry.
    text.push_str(&pem[pem.find("-----BEGIN").unwrap()..]);
    assert!(text.len() < MAX_INPUT_BYTES);
    let r = inspect(text.as_bytes(), NOW);
    let rbac = r.rbac.expect("an RBAC view");
    let amy = &rbac.identities[r.objects[0].access.unwrap()];
    assert_eq!(amy.scopes.len(), 1 + MAX_SCOPES);
    assert_eq!(amy.scopes[0].rows.len(), MAX_ROWS);
    // 200,000 rows of the huge role plus the default policy's discovery rows, most left out.
    assert!(amy.scopes[0].more >= 200_000 - MAX_ROWS, "{}", amy.scopes[0].more);
    assert!(amy.notes.iter().any(|n| n.contains("in 200 namespaces")));
    let json = serde_json::to_string(&rbac).unwrap();
    assert!(json.len() < 20_000_000, "{} bytes", json.len());
}
