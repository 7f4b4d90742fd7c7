/// As wasm this is the engine module: its exports (`src/api.rs`) are the whole of it, for the
/// JS API and the page's background worker; there is nothing to start. Naming the API here links
/// the library (and with it the exports) into this binary.
#[cfg(target_arch = "wasm32")]
fn main() {
    #[cfg(feature = "api")]
    kube_cert_inspector::api::linked();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(kube_cert_inspector::cli::run(&args));
}
