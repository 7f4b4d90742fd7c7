//! The first report's wasm module (`--features first`, issue #24): `engine::first` and the
//! first view's HTML, nothing else, so the page and the element can show a verdict before the
//! page's module and the whole engine have arrived.

#[cfg(target_arch = "wasm32")]
fn main() {
    #[cfg(feature = "first")]
    kube_cert_inspector::first_view::linked();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("kube-cert-inspector-first is the browser's first-report module; build it with trunk");
    std::process::exit(2);
}
