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
    let _ = serde_json::to_string(&r);
});
