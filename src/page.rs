//! The page's wasm module (`--features ui`): starts the Yew app. The engine is not linked in
//! here; the app sends every input to the engine module in a Web Worker (`ui::background`).

#[cfg(target_arch = "wasm32")]
fn main() {
    kube_cert_inspector::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("kube-cert-inspector-page is the browser's page module; build it with trunk");
    std::process::exit(2);
}
