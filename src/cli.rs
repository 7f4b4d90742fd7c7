//! Native command-line front end: reads a file or stdin, prints the [`Report`] as text or JSON.
//!
//! Exit status (by verdict): 0 routine, 1 review carefully, 2 do not approve, 3 nothing in the
//! input could be read, 64 bad arguments, 66 the file could not be read.

use std::fmt::Write as _;
use std::io::Read;

use crate::engine::report::{Object, Report, Severity, VerdictLevel};
use crate::engine::util::parse_rfc3339;

pub const USAGE: &str = "\
kube-cert-inspector: what a certificate, CSR or kubeconfig means to Kubernetes

Usage: kube-cert-inspector [FILE|-] [--json] [--now RFC3339] [--verbose]
       kube-cert-inspector --list-rules

  FILE           PEM / DER / base64 / YAML / JSON file; '-' or nothing reads stdin
  --json         print the report as JSON (schema: docs/report-json.md)
  --now TIME     evaluate validity at TIME (e.g. 2026-11-23T10:00:00Z) instead of the clock
  --verbose      also list the rules that passed or did not apply
  --list-rules   print every rule: id, default severity, title

Exit status: 0 routine, 1 review carefully, 2 do not approve,
             3 nothing could be read, 64 bad arguments, 66 file not readable";

struct Args {
    list_rules: bool,
    file: Option<String>,
    json: bool,
    verbose: bool,
    now: Option<i64>,
}

fn parse_args(args: &[String]) -> Result<Option<Args>, String> {
    let mut a = Args {
        list_rules: false,
        file: None,
        json: false,
        verbose: false,
        now: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--list-rules" => a.list_rules = true,
            "--json" => a.json = true,
            "--verbose" | "-v" => a.verbose = true,
            "--now" => {
                let v = it.next().ok_or("--now needs a value such as 2026-11-23T10:00:00Z")?;
                a.now = Some(
                    parse_rfc3339(v)
                        .ok_or_else(|| format!("--now: expected an RFC 3339 time such as 2026-11-23T10:00:00Z, found \"{v}\""))?,
                );
            }
            s if s.starts_with("--now=") => {
                let v = &s[6..];
                a.now = Some(
                    parse_rfc3339(v)
                        .ok_or_else(|| format!("--now: expected an RFC 3339 time such as 2026-11-23T10:00:00Z, found \"{v}\""))?,
                );
            }
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option {s}")),
            s => {
                if a.file.is_some() {
                    return Err("only one input file can be given".into());
                }
                a.file = Some(s.to_string());
            }
        }
    }
    Ok(Some(a))
}

/// Runs the CLI; returns the exit status.
pub fn run(args: &[String]) -> i32 {
    let a = match parse_args(args) {
        Ok(Some(a)) => a,
        Ok(None) => {
            println!("{USAGE}");
            return 0;
        }
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return 64;
        }
    };
    if a.list_rules {
        for r in crate::engine::rules::RULES {
            println!("{:<45} {:<9} {}", r.id, r.severity.label(), r.title);
        }
        return 0;
    }
    let mut input = Vec::new();
    let read = match a.file.as_deref() {
        None | Some("-") => std::io::stdin().read_to_end(&mut input).map(|_| ()),
        Some(f) => std::fs::read(f).map(|b| input = b),
    };
    if let Err(e) = read {
        eprintln!("error: cannot read {}: {e}", a.file.as_deref().unwrap_or("stdin"));
        return 66;
    }
    let now = a.now.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    });
    let report = crate::engine::inspect(&input, now);
    if a.json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("error: {e}");
                return 3;
            }
        }
    } else {
        print!("{}", render_text(&report, a.verbose));
    }
    exit_code(&report)
}

pub fn exit_code(r: &Report) -> i32 {
    match &r.verdict {
        _ if r.objects.is_empty() => 3,
        Some(v) if v.level == VerdictLevel::DoNotApprove => 2,
        Some(v) if v.level == VerdictLevel::ReviewCarefully => 1,
        _ => 0,
    }
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

/// The review queue as `kubectl get csr` prints its table (columns padded to the widest cell,
/// three spaces apart), with the inspector's columns after kubectl's, then the commands.
fn render_queue(s: &mut String, q: &crate::engine::queue::CsrQueue) {
    let header = [
        "NAME",
        "AGE",
        "SIGNERNAME",
        "REQUESTOR",
        "REQUESTEDDURATION",
        "CONDITION",
        "USERNAME",
        "GROUPS",
        "VERDICT",
    ];
    let rows: Vec<[String; 9]> = q
        .rows
        .iter()
        .map(|r| {
            [
                r.name.clone(),
                r.age.clone(),
                r.signer_name.clone(),
                r.requestor.clone(),
                r.requested_duration.clone(),
                r.condition.clone(),
                r.username.clone().unwrap_or_else(|| "<none>".into()),
                r.groups.join(","),
                r.verdict_label.clone(),
            ]
        })
        .collect();
    let mut width = header.map(str::len);
    for row in &rows {
        for (w, cell) in width.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let _ = writeln!(s, "\nREVIEW QUEUE ({} requests, worst first)", rows.len());
    let line = |cells: Vec<&str>| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 < cells.len() {
                let _ = write!(l, "{c:<w$}   ", w = width[i]);
            } else {
                l.push_str(c);
            }
        }
        l
    };
    let _ = writeln!(s, "{}", line(header.to_vec()));
    for row in &rows {
        let _ = writeln!(s, "{}", line(row.iter().map(String::as_str).collect()));
    }
    if let Some(c) = &q.approve_command {
        let _ = writeln!(s, "\n  routine, approve:        {c}");
    }
    if let Some(c) = &q.deny_command {
        let _ = writeln!(s, "  do not approve, deny:    {c}");
    }
    if !q.to_review.is_empty() {
        let _ = writeln!(s, "  review carefully first:  {} (in neither command)", q.to_review.join(", "));
    }
}

/// Plain-text rendering of a report, for terminals.
pub fn render_text(r: &Report, verbose: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Report for {} bytes at {}", r.input.bytes, r.now);
    for d in &r.input.detected {
        let _ = writeln!(s, "  recognised: {d}");
    }
    for d in &r.input.not_understood {
        let _ = writeln!(s, "  not understood: {d}");
    }
    for d in &r.input.recovered {
        let _ = writeln!(s, "  recovered: {d}");
    }
    if let Some(e) = &r.error {
        let _ = writeln!(s, "\nERROR ({}): {}", e.code, e.message);
    }
    if let Some(v) = &r.verdict {
        let _ = writeln!(s, "\nVERDICT: {}: {}", v.label.to_uppercase(), v.headline);
    }
    if let Some(q) = &r.csr_queue {
        render_queue(&mut s, q);
    }
    for o in &r.objects {
        render_object(&mut s, o, verbose);
    }
    s
}

fn render_object(s: &mut String, o: &Object, verbose: bool) {
    let _ = writeln!(s, "\n#{} {}", o.id, o.label);
    let _ = writeln!(s, "    found in: {}", if o.source.is_empty() { "input" } else { &o.source });
    if let Some(i) = &o.identity {
        let groups: Vec<String> = i
            .subject_groups
            .iter()
            .cloned()
            .chain(i.added_groups.iter().map(|g| format!("{g} (added by the API server)")))
            .collect();
        let _ = writeln!(
            s,
            "    username: {}",
            o.username.as_deref().unwrap_or("(none: authenticates as nobody)")
        );
        let _ = writeln!(
            s,
            "    groups:   {}",
            if groups.is_empty() { "(none)".into() } else { groups.join(", ") }
        );
        if let Some(u) = &i.uid {
            let _ = writeln!(s, "    uid:      {u}");
        }
        let _ = writeln!(s, "    identity: {} - {}", i.kind_label, i.can_do);
    }
    if let Some(c) = &o.csr_object {
        let _ = writeln!(
            s,
            "    signer:   {}{}",
            c.signer_name.as_deref().unwrap_or("(none)"),
            if c.signer_defaulted {
                " (not set: the v1beta1 default)"
            } else {
                ""
            }
        );
        let _ = writeln!(
            s,
            "    usages:   {}{}",
            if c.described {
                "unknown (kubectl describe does not print them)".to_string()
            } else {
                c.usages.join(", ")
            },
            if c.usages_defaulted {
                " (not set: the v1beta1 default)"
            } else {
                ""
            }
        );
        let _ = writeln!(s, "    lifetime: {}", c.expected_lifetime);
        let _ = writeln!(
            s,
            "    requested by: {}{}",
            c.requester.username.as_deref().unwrap_or("?"),
            if c.requester.groups.is_empty() {
                String::new()
            } else {
                format!(" (groups {})", c.requester.groups.join(", "))
            }
        );
        let _ = writeln!(s, "    state:    {}", c.state);
        if let Some(y) = &c.resubmit_with_lifetime {
            let _ = writeln!(
                s,
                "    ask for one day instead (the spec cannot be edited: kubectl certificate deny {0}; kubectl delete csr {0}; the requester applies):",
                c.name
            );
            for l in y.lines() {
                let _ = writeln!(s, "      {l}");
            }
        }
    }
    if let Some(c) = &o.certificate {
        let _ = writeln!(s, "    subject:  {}", c.subject_text);
        let _ = writeln!(
            s,
            "    issuer:   {}{}",
            c.issuer_text,
            o.issued_by.map(|i| format!(" (#{i}, signature verified)")).unwrap_or_default()
        );
        let _ = writeln!(
            s,
            "    valid:    {} -> {} ({}, {})",
            c.validity.not_before, c.validity.not_after, c.validity.lifetime, c.validity.relative
        );
        let _ = writeln!(
            s,
            "    key:      {}; signed with {}",
            c.public_key.summary, c.signature_algorithm.name
        );
        let _ = writeln!(s, "    sha256:   {}", c.sha256_fingerprint);
    }
    if let Some(c) = &o.request {
        let _ = writeln!(s, "    subject:  {}", c.subject_text);
        if c.public_key.summary.is_empty() {
            let _ = writeln!(s, "    key:      unknown (the request itself is not in the input)");
        } else {
            let _ = writeln!(
                s,
                "    key:      {}; signed with {}",
                c.public_key.summary, c.signature_algorithm.name
            );
        }
    }
    if let Some(k) = &o.key {
        let _ = writeln!(
            s,
            "    key:      {} [{}]{}",
            k.summary,
            k.format,
            if o.key_matches.is_empty() {
                String::new()
            } else {
                format!(", belongs to #{:?}", o.key_matches)
            }
        );
    }
    if let Some(t) = &o.token {
        let _ = writeln!(s, "    token:    {} ({})", t.preview, t.kind);
    }
    if let Some(k) = &o.kubeconfig {
        for c in &k.contexts {
            let _ = writeln!(
                s,
                "    context {}{}: cluster {} ({}), user {} -> {}{}",
                c.name,
                if c.current { " (current)" } else { "" },
                c.cluster,
                c.server.as_deref().unwrap_or("?"),
                c.user,
                c.identity.as_deref().unwrap_or("unknown identity"),
                c.expires.as_ref().map(|e| format!(", expires {e}")).unwrap_or_default()
            );
        }
    }
    if let Some(v) = &o.verdict {
        let _ = writeln!(s, "    verdict:  {}", v.headline);
    }
    for f in &o.findings {
        let _ = writeln!(s, "    {} {} - {}", sev_tag(f.severity), f.id, f.title);
        let _ = writeln!(s, "             {}", f.detail);
        let _ = writeln!(s, "             instead: {}", f.fix);
    }
    if verbose {
        let _ = writeln!(s, "    passed: {}", o.passed.join(", "));
        let _ = writeln!(s, "    not applicable: {}", o.not_applicable.join(", "));
    }
}
