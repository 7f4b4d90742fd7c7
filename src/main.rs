/// The app starts only on a page that asks for it (`<meta name="kube-cert-inspector" content="app">`,
/// as index.html does): a page that imports the module for the JS API keeps its own body.
#[cfg(target_arch = "wasm32")]
fn main() {
    let wants_app = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(r#"meta[name="kube-cert-inspector"][content="app"]"#)
                .ok()
                .flatten()
        })
        .is_some();
    if wants_app {
        kube_cert_inspector::ui::start();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(kube_cert_inspector::cli::run(&args));
}
