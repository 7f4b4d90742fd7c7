//! The report as plain text for a terminal: the summary and verdict here, then each part in its
//! own file (`queue`, `pki`, `rbac`, `object`). Every string from the input goes through [`Safe`]
//! (the `out!` macro), so nothing from the input can reach the terminal as a control character.

use std::fmt::Write as _;

use crate::engine::report::{Report, Severity};
use crate::engine::util::escape_for_display;

/// Text from the input, shown and never obeyed: see [`escape_for_display`].
struct Safe<'a, T: std::fmt::Display>(&'a T);

impl<T: std::fmt::Display> std::fmt::Display for Safe<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&escape_for_display(&self.0.to_string()))
    }
}

/// `writeln!` with every argument printed through [`Safe`]: nothing from the input can bring a
/// control character, an escape sequence, a line break or a bidi override to the terminal.
/// The format literals (this file's own text and line breaks) are written as they are.
macro_rules! out {
    ($s:expr, $fmt:literal $(, $arg:expr)* $(,)?) => {{
        let _ = writeln!($s, $fmt $(, Safe(&$arg))*);
    }};
}

mod object;
mod pki;
mod queue;
mod rbac;

/// Plain-text rendering of a report, for terminals.
pub fn render_text(r: &Report, verbose: bool) -> String {
    let mut s = String::new();
    out!(s, "Report for {} bytes at {}, judged for {}", r.input.bytes, r.now, r.judged_as);
    for d in &r.input.detected {
        out!(s, "  recognised: {}", d);
    }
    for d in &r.input.not_understood {
        out!(s, "  not understood: {}", d);
    }
    for d in &r.input.recovered {
        out!(s, "  recovered: {}", d);
    }
    if let Some(e) = &r.error {
        out!(s, "\nERROR ({}): {}", e.code, e.message);
    }
    if let Some(v) = &r.verdict {
        out!(s, "\nVERDICT: {}: {}", v.label.to_uppercase(), v.headline);
    }
    if let Some(q) = &r.csr_queue {
        queue::render_queue(&mut s, q);
    }
    if let Some(p) = &r.pki {
        pki::render_pki(&mut s, p);
    }
    if let Some(c) = &r.checklist {
        out!(s, "\nSECURITY CHECKLIST");
        for i in &c.items {
            out!(
                s,
                "  {} {}: {}",
                format!("{:<17}", i.status.label().to_uppercase()),
                i.title,
                i.summary
            );
            for f in &i.findings {
                out!(
                    s,
                    "  {} #{} {} {} - {}",
                    format!("{:<17}", ""),
                    f.object,
                    sev_tag(f.severity),
                    f.rule,
                    f.title
                );
            }
        }
    }
    if let Some(rb) = &r.rbac {
        rbac::render_rbac(&mut s, rb);
    }
    for o in &r.objects {
        object::render_object(&mut s, o, verbose);
        if let Some(a) = o.access.and_then(|i| r.rbac.as_ref()?.identities.get(i)) {
            rbac::render_access(&mut s, a, r.rbac.as_ref().is_some_and(|x| x.origin == "pasted"));
        }
    }
    s
}

fn sev_tag(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "CRITICAL",
        Severity::High => "HIGH    ",
        Severity::Medium => "MEDIUM  ",
        Severity::Low => "LOW     ",
        Severity::Info => "INFO    ",
    }
}

/// `--contain`: for each leaked certificate, the plan.
pub fn render_containment(objects: &[&crate::engine::report::Object]) -> String {
    let mut s = String::new();
    for o in objects {
        let Some(c) = &o.containment else { continue };
        out!(s, "IF #{} {} LEAKED", o.id, o.label);
        out!(
            s,
            "  works until: {} ({}); a certificate cannot be revoked",
            c.works_until,
            c.window
        );
        out!(s, "  RBAC can contain it: {}", if c.rbac_contains { "yes" } else { "no" });
        for b in &c.beyond_rbac {
            out!(s, "  beyond RBAC: {}", b);
        }
        for (what, list) in [("bound to it", &c.user_bindings), ("through a group", &c.group_bindings)] {
            for b in list.iter() {
                out!(s, "  {}: {} -> {} ({})", what, b.binding, b.role, b.subject);
                out!(s, "      {}", b.note);
                if !b.command.is_empty() {
                    out!(s, "      $ {}", b.command);
                }
            }
        }
        for x in &c.afterwards {
            out!(s, "  keeps: {}", x);
        }
        for (i, step) in c.steps.iter().enumerate() {
            out!(s, "  {}. {}", i + 1, step);
        }
        out!(s, "");
    }
    s
}
