//! The engine's shape, kept (issue #20): the report's contract and the facts import nothing from
//! the readers, the analyses or the rules; the engine imports no browser type; the pipeline in
//! `src/engine/mod.rs` stays short enough to read in one screen.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("a source folder").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn engine(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine").join(sub)
}

/// The lines of `dir`'s files (tests excluded) that name any of `forbidden`.
fn offending(dir: &Path, forbidden: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for f in rust_files(dir) {
        let text = std::fs::read_to_string(&f).expect("a source file");
        let code = text.split("\n#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            let l = line.trim_start();
            if l.starts_with("//") {
                continue;
            }
            if let Some(word) = forbidden.iter().find(|w| l.contains(*w)) {
                out.push(format!("{}:{}: names {word}: {l}", f.display(), n + 1));
            }
        }
    }
    out
}

#[test]
fn the_report_imports_no_reader_analysis_or_rule() {
    let bad = offending(
        &engine("report"),
        &["engine::read", "engine::analyse", "engine::rules", "super::super"],
    );
    assert!(
        bad.is_empty(),
        "the report is the contract; nothing in it may point up:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_facts_import_no_report_reader_analysis_or_rule() {
    let bad = offending(
        &engine("facts"),
        &["engine::report", "engine::read", "engine::analyse", "engine::rules", "super::super"],
    );
    assert!(
        bad.is_empty(),
        "facts are what a thing is, known from its bytes alone:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_engine_imports_no_browser_type_and_reads_no_clock() {
    let bad = offending(
        &engine(""),
        &["yew::", "web_sys", "js_sys", "wasm_bindgen", "gloo", "SystemTime", "Instant::now"],
    );
    assert!(bad.is_empty(), "the engine is pure (../shared/style.md):\n{}", bad.join("\n"));
}

#[test]
fn the_pipeline_reads_in_one_screen() {
    let text = std::fs::read_to_string(engine("mod.rs")).expect("src/engine/mod.rs");
    let start = text.find("pub fn analyse(").expect("the pipeline");
    let body = &text[start..];
    let end = body.find("\n}\n").expect("its end");
    let lines = body[..end].lines().count();
    assert!(
        lines <= 70,
        "analyse() is {lines} lines: keep it the pipeline (unpack, read, link, analyse, summarise) and put the work in read/ or analyse/"
    );
}
