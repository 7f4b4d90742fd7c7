//! Any bytes into the engine: a report or a clear error, never a panic, an overflow or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A fixed "now" inside every fixture's validity, plus the extremes the CLI accepts.
    let r = kube_cert_inspector::inspect(data, 1_795_478_400);
    // A report says something: an error, objects, RBAC objects (a policy alone has no objects),
    // or what it did not understand.
    assert!(
        r.error.is_some()
            || !r.objects.is_empty()
            || r.rbac.is_some()
            || !r.input.not_understood.is_empty()
            || data.iter().all(|b| b.is_ascii_whitespace())
    );
    // The JS API's JSON (pure ASCII, src/engine/report/mod.rs) means exactly what the CLI's does, and
    // the page's report bytes read back whole (src/engine/report/parts.rs).
    let ascii = r.to_ascii_json().expect("a report always serialises");
    assert!(ascii.is_ascii());
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&ascii).expect("it parses"),
        serde_json::to_value(&r).expect("a report always serialises")
    );
    let mut d = kube_cert_inspector::engine::report::parts::Decoder::new(kube_cert_inspector::engine::report::parts::encode(&r))
        .expect("the report's bytes read back");
    while d.read_next().expect("every object reads back") {}
    assert_eq!(d.finish().objects.len(), r.objects.len());
});
