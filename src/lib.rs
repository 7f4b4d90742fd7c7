//! Kubernetes certificate inspector: explains what a certificate, CSR, CertificateSigningRequest
//! object or kubeconfig means to Kubernetes — the identity the API server derives, validity,
//! and risks — entirely client-side.
//!
//! The [`engine`] is pure Rust (no browser types, no clock); front ends render its
//! [`Report`]: the Yew UI (`ui`, wasm32 with `--features ui`), the JS API (`api`, wasm32 with
//! `--features api`) and the native CLI (`cli`).
//!
//! In the browser they are two modules (issue #8): the page's module (`kube-cert-inspector-page`,
//! the UI, which holds no decoder) and the engine's (`kube-cert-inspector`, the JS API), which the
//! page runs in a Web Worker and sends every input to.

pub mod engine;

pub mod bignum;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(all(target_arch = "wasm32", feature = "ui"))]
pub mod ui;

#[cfg(all(target_arch = "wasm32", feature = "api"))]
pub mod api;

#[cfg(target_arch = "wasm32")]
pub mod js;

pub mod examples;
pub mod first_view;
pub mod location;

pub use engine::inspect;
pub use engine::report::{Finding, Object, Report, Severity, Verdict, VerdictLevel};

/// Both wasm modules allocate with talc instead of Rust's default dlmalloc: measured in
/// Chromium (issue #8), the engine's analysis of the CA bundle took 3–5% less time, and the
/// page module is 3.5 KB smaller gzipped.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
