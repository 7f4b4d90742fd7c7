//! Kubernetes certificate inspector: explains what a certificate, CSR, CertificateSigningRequest
//! object or kubeconfig means to Kubernetes — the identity the API server derives, validity,
//! and risks — entirely client-side.
//!
//! The [`engine`] is pure Rust (no browser types, no clock); front ends render its
//! [`Report`]: the Yew UI (`ui`, wasm32 only), and the native CLI (`cli`).

pub mod engine;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod api;

pub use engine::inspect;
pub use engine::report::{Finding, Object, Report, Severity, Verdict, VerdictLevel};
