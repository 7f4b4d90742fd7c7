//! Native command-line front end: reads files, folders or stdin, prints the [`Report`] as text or
//! JSON, or answers `--can-i`, `--list` and `--check-expiration`.
//!
//! - `args`: the command line (flags, `USAGE`);
//! - `text`: the report for a terminal (one file per part of the report);
//! - `json`: JSON made safe for a terminal.
//!
//! Exit status (by verdict): 0 routine, 1 review carefully, 2 do not approve, 3 nothing in the
//! input could be read, 64 bad arguments, 66 the file could not be read.

mod args;
mod json;
mod text;

use std::io::Read;

pub use args::USAGE;
pub use json::json_for_terminal;
pub use text::render_text;

use crate::engine::report::{Report, VerdictLevel};
use crate::engine::util::escape_for_display;

/// Runs the CLI; returns the exit status.
pub fn run(args: &[String]) -> i32 {
    let a = match args::parse_args(args) {
        Ok(Some(a)) => a,
        Ok(None) => {
            emit(&format!("{USAGE}\n"));
            return 0;
        }
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return 64;
        }
    };
    if a.releases {
        if a.json {
            emit_json(
                &crate::engine::facts::release::RELEASES
                    .iter()
                    .map(crate::engine::facts::release::ReleaseRow::from)
                    .collect::<Vec<_>>(),
            );
        } else {
            emit(&crate::engine::facts::release::table_text());
        }
        return 0;
    }
    if a.list_rules {
        for r in crate::engine::rules::RULES {
            emit(&format!("{:<45} {:<9} {}\n", r.id, r.severity.label(), r.title));
        }
        return 0;
    }
    let names: Vec<String> = if a.files.is_empty() { vec!["-".into()] } else { a.files.clone() };
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    let mut fs = crate::engine::FileSystem::default();
    for f in &names {
        if f != "-" && std::path::Path::new(f).is_dir() {
            match read_dir(std::path::Path::new(f), &mut fs) {
                Ok(files) => inputs.extend(files),
                Err(e) => {
                    eprintln!("error: cannot read {f}: {e}");
                    return 66;
                }
            }
            continue;
        }
        let mut input = Vec::new();
        let read = match f.as_str() {
            "-" => std::io::stdin().read_to_end(&mut input).map(|_| ()),
            f => std::fs::read(f).map(|b| input = b),
        };
        if let Err(e) = read {
            eprintln!("error: cannot read {}: {e}", if f == "-" { "stdin" } else { f });
            return 66;
        }
        inputs.push((if f == "-" && names.len() > 1 { "stdin".into() } else { f.clone() }, input));
    }
    let from_dir = names.iter().any(|f| f != "-" && std::path::Path::new(f).is_dir());
    let now = a.now.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    });
    let files: Vec<crate::engine::Input> = inputs
        .iter()
        .map(|(name, bytes)| crate::engine::Input {
            // One file keeps the sources it always had ("PEM block 1 (line 1)").
            name: if inputs.len() == 1 && !from_dir { "" } else { name },
            bytes,
        })
        .collect();
    let analysis = crate::engine::analyse_files(&files, &fs, now, a.target());
    if let Some((verb, target)) = &a.can_i {
        let q = crate::engine::analyse::can_i::Query {
            verb: verb.clone(),
            target: target.clone(),
            ..a.query.clone()
        };
        return match crate::engine::analyse::can_i::can_i(&analysis, &q) {
            Ok(ans) if a.json => {
                emit_json(&ans);
                i32::from(!ans.decision.allowed)
            }
            Ok(ans) => {
                emit(&format!("{}\n", ans.answer));
                i32::from(!ans.decision.allowed)
            }
            Err(e) => question_failed(&e),
        };
    }
    if a.list {
        return match crate::engine::analyse::can_i::list(&analysis, &a.query) {
            Ok(ans) if a.json => {
                emit_json(&ans);
                0
            }
            Ok(ans) => {
                emit_lines(&crate::engine::analyse::authz::list_table(&ans.rows));
                0
            }
            Err(e) => question_failed(&e),
        };
    }
    let report = analysis.report;
    if a.check_expiration {
        return match &report.pki {
            Some(p) if a.json => {
                emit_json(p);
                0
            }
            Some(p) => {
                emit_lines(&crate::engine::analyse::pki::expiration_tables(p));
                0
            }
            None => {
                eprintln!("error: --check-expiration needs a control plane's /etc/kubernetes (a folder or an archive with pki/ca.crt, admin.conf …); none was found in the input");
                3
            }
        };
    }
    if a.contain {
        let wanted = |o: &&crate::engine::report::Object| a.query.user.as_deref().is_none_or(|u| o.username.as_deref() == Some(u));
        let plans: Vec<&crate::engine::report::Object> = report.objects.iter().filter(|o| o.containment.is_some()).filter(wanted).collect();
        if plans.is_empty() {
            eprintln!(
                "error: --contain needs a client certificate with an identity in the input{}",
                a.query.user.as_ref().map(|u| format!(" (none is {u})")).unwrap_or_default()
            );
            return 3;
        }
        if a.json {
            let out: Vec<serde_json::Value> = plans
                .iter()
                .map(|o| serde_json::json!({"object": o.id, "label": o.label, "username": o.username, "groups": o.groups, "containment": o.containment}))
                .collect();
            emit_json(&out);
        } else {
            emit(&text::render_containment(&plans));
        }
        return 0;
    }
    if a.json {
        match serde_json::to_string_pretty(&report).map(|j| json_for_terminal(&j)) {
            Ok(s) => emit(&format!("{s}\n")),
            Err(e) => {
                eprintln!("error: {e}");
                return 3;
            }
        }
    } else {
        emit(&render_text(&report, a.verbose));
    }
    exit_code(&report)
}

/// Every regular file under `dir`, named by its path relative to `dir` ("pki/etcd/server.crt"),
/// at most 2,000 files of at most 8 MiB. Symbolic links are not followed but recorded, with each
/// file's mode and owner, in `fs` (issue #26: who may read a key; `kubelet-client-current.pem`).
fn read_dir(dir: &std::path::Path, fs: &mut crate::engine::FileSystem) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    let users = users();
    while let Some(d) = stack.pop() {
        let mut entries: Vec<std::fs::DirEntry> = std::fs::read_dir(&d)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let t = e.file_type()?;
            let path = e.path();
            let rel = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            if t.is_dir() {
                stack.push(path);
            } else if t.is_symlink() {
                if let Ok(target) = std::fs::read_link(&path) {
                    fs.links.push((rel, target.to_string_lossy().to_string()));
                }
            } else if t.is_file() && out.len() < 2000 && e.metadata()?.len() <= crate::engine::read::sniff::MAX_INPUT_BYTES as u64 {
                if let Some(meta) = file_meta(&rel, &e.metadata()?, &users) {
                    fs.files.push(meta);
                }
                out.push((rel, std::fs::read(&path)?));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// A file's permission bits and owner, as `ls -l` shows them.
#[cfg(unix)]
fn file_meta(path: &str, m: &std::fs::Metadata, users: &[(u32, String)]) -> Option<crate::engine::read::archive::FileMeta> {
    use std::os::unix::fs::MetadataExt;
    let uid = m.uid();
    Some(crate::engine::read::archive::FileMeta {
        path: path.to_string(),
        mode: m.mode() & 0o7777,
        owner: users
            .iter()
            .find(|(u, _)| *u == uid)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| format!("uid {uid}")),
    })
}

#[cfg(not(unix))]
fn file_meta(_: &str, _: &std::fs::Metadata, _: &[(u32, String)]) -> Option<crate::engine::read::archive::FileMeta> {
    None
}

/// The machine's user names by uid, from /etc/passwd (none where there is none).
fn users() -> Vec<(u32, String)> {
    std::fs::read_to_string("/etc/passwd")
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let mut f = l.split(':');
            let name = f.next()?;
            let uid = f.nth(1)?.parse().ok()?;
            Some((uid, name.to_string()))
        })
        .collect()
}

/// A value as pretty JSON, safe for a terminal.
fn emit_json<T: serde::Serialize>(v: &T) {
    emit(&format!(
        "{}\n",
        json_for_terminal(&serde_json::to_string_pretty(v).unwrap_or_default())
    ));
}

/// Text made of the input's strings, line by line, each shown and never obeyed.
fn emit_lines(text: &str) {
    let lines: Vec<String> = text.lines().map(|l| format!("{}\n", escape_for_display(l))).collect();
    emit(&lines.concat());
}

/// A --can-i or --list question that could not be asked: 3 without an identity, else 64.
fn question_failed(e: &str) -> i32 {
    eprintln!("error: {}", escape_for_display(e));
    if e.starts_with("no identity") {
        3
    } else {
        64
    }
}

/// Writes to stdout; a closed pipe (`| head`) is not an error worth a panic.
fn emit(s: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes()).and_then(|_| out.flush());
}

pub fn exit_code(r: &Report) -> i32 {
    // An error message given: whether a cause was found among what came with it.
    let messages: Vec<bool> = r
        .objects
        .iter()
        .filter_map(|o| o.error_message.as_ref())
        .map(|m| m.cause_found)
        .collect();
    if !messages.is_empty() {
        return i32::from(!messages.contains(&true));
    }
    match &r.verdict {
        _ if r.objects.is_empty() && r.rbac.is_none() => 3,
        Some(v) if v.level == VerdictLevel::DoNotApprove => 2,
        Some(v) if v.level == VerdictLevel::ReviewCarefully => 1,
        _ => 0,
    }
}
