//! Speed of the full analysis on the 144-certificate bundle Debian's ca-certificates package
//! installs (tests/fixtures/debian-ca-certificates.crt), against x509-parser alone.
//!
//!   cargo bench --bench bundle
//!
//! Prints the time per certificate for (a) PEM decode + x509-parser parse only and (b) the whole
//! `inspect` (detection, facts, issuer search by signature, every rule, report). Timed
//! with `std::time::Instant` over many rounds after a warm-up; the median round is reported.

use std::hint::black_box;
use std::time::Instant;

use x509_parser::prelude::FromDer;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn rounds(n: usize, mut f: impl FnMut()) -> Vec<f64> {
    for _ in 0..3 {
        f();
    }
    (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .collect()
}

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/debian-ca-certificates.crt");
    let bundle = std::fs::read(path).expect("bundle fixture");
    let text = std::str::from_utf8(&bundle).expect("utf-8");
    let now = 1_795_478_400;
    let report = kube_cert_inspector::inspect(&bundle, now);
    let n = report.objects.len();
    assert_eq!(n, 144);

    let (blocks, _) = kube_cert_inspector::engine::read::sniff::pem_blocks(text);
    let parse_only = median(rounds(200, || {
        for b in &kube_cert_inspector::engine::read::sniff::pem_blocks(text).0 {
            let der = b.der.as_ref().unwrap();
            black_box(x509_parser::certificate::X509Certificate::from_der(der).unwrap());
        }
    }));
    let _ = blocks;
    let full = median(rounds(50, || {
        black_box(kube_cert_inspector::inspect(black_box(&bundle), now));
    }));
    let json = median(rounds(50, || {
        black_box(serde_json::to_string(&kube_cert_inspector::inspect(&bundle, now)).unwrap());
    }));
    let us = |s: f64| s * 1e6 / n as f64;
    println!("certificates: {n}");
    println!(
        "PEM decode + x509-parser parse only : {:8.1} µs/cert  ({:.2} ms total)",
        us(parse_only),
        parse_only * 1e3
    );
    println!(
        "full inspect (facts, checks, rules)  : {:8.1} µs/cert  ({:.2} ms total)",
        us(full),
        full * 1e3
    );
    println!(
        "full inspect + JSON serialisation    : {:8.1} µs/cert  ({:.2} ms total)",
        us(json),
        json * 1e3
    );
    println!("full / parse-only                    : {:8.1}x", full / parse_only);

    // The browser benchmark's other two inputs, when `node benches/inputs.mjs DIR` wrote them
    // (scripts/bench.sh does): the same bytes, so the wasm figures have a native one to compare to.
    let Some(dir) = std::env::var_os("BENCH_INPUTS") else {
        println!("(set BENCH_INPUTS to the folder benches/inputs.mjs writes to time the CSR List and the kubeconfig too)");
        return;
    };
    for (file, what, items) in [
        ("csr-list.yaml", "CSR List of 200", 200),
        ("kubeconfig.yaml", "kubeconfig, 500 users", 500),
    ] {
        let input = std::fs::read(std::path::Path::new(&dir).join(file)).expect("benches/inputs.mjs output");
        let t = median(rounds(11, || {
            black_box(kube_cert_inspector::inspect(black_box(&input), now));
        }));
        let tj = median(rounds(11, || {
            black_box(serde_json::to_string(&kube_cert_inspector::inspect(&input, now)).unwrap());
        }));
        let per = |s: f64| s * 1e6 / items as f64;
        println!("{what:<22} full inspect: {:8.1} µs/item; + JSON: {:8.1} µs/item", per(t), per(tj));
    }
}
