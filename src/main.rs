#[cfg(target_arch = "wasm32")]
fn main() {
    kube_cert_inspector::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(kube_cert_inspector::cli::run(&args));
}
