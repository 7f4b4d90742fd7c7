//! Native command-line front end: reads a file or stdin, prints the [`Report`] as text or JSON.
//!
//! Exit status (by verdict): 0 routine, 1 review carefully, 2 do not approve, 3 nothing in the
//! input could be read, 64 bad arguments, 66 the file could not be read.

use std::fmt::Write as _;
use std::io::Read;

use crate::engine::report::{Object, Report, Severity, VerdictLevel};
use crate::engine::util::{escape_for_display, parse_rfc3339};

pub const USAGE: &str = "\
kube-cert-inspector: what a certificate, CSR or kubeconfig means to Kubernetes

Usage: kube-cert-inspector [FILE...|-] [--json] [--now RFC3339] [--verbose]
       kube-cert-inspector FILE... --can-i VERB TYPE[.GROUP][/NAME] [--subresource SUB]
                           [-n NS | -A] [--user NAME] [--json]
       kube-cert-inspector FILE... --can-i VERB /non/resource/url [--user NAME] [--json]
       kube-cert-inspector FILE... --list [-n NS] [--user NAME] [--json]
       kube-cert-inspector DIR|ARCHIVE [--check-expiration] [--json]
       kube-cert-inspector --list-rules

  FILE           PEM / DER / base64 / YAML / JSON file; '-' or nothing reads stdin.
                 Several files are read together: a certificate, CSR or kubeconfig with the
                 cluster's RBAC objects (kubectl get clusterroles,clusterrolebindings,roles,
                 rolebindings -A -o yaml)
  --json         print the report (or the answer) as JSON (schema: docs/report-json.md)
  --now TIME     evaluate validity at TIME (e.g. 2026-11-23T10:00:00Z) instead of the clock
  --verbose      also list the rules that passed or did not apply
  --list-rules   print every rule: id, default severity, title

  A control plane's PKI: give its /etc/kubernetes as a folder (DIR) or an archive
  (tar czf pki.tgz -C /etc kubernetes): sources name each file's path inside it.
  --check-expiration    the two tables kubeadm certs check-expiration prints (with --now)

  kubectl auth can-i, offline, with the RBAC objects given (Kubernetes' default policy if none):
  --can-i VERB TARGET   prints yes or no, exits 0 or 1; with --json, which binding, role and
                        rule allowed it. pods -> core group, deployments -> apps (built-in
                        resources resolve without a cluster)
  --list                the table kubectl auth can-i --list prints
  --subresource SUB     e.g. log, exec, scale
  -n, --namespace NS    default: the kubeconfig context's namespace, else default
  -A, --all-namespaces  ask across every namespace (only ClusterRoleBindings count)
  --user NAME           the kubeconfig user or username to ask for (default: the kubeconfig's
                        current user, else the first identity in the input)

Exit status: 0 routine, 1 review carefully, 2 do not approve,
             3 nothing could be read, 64 bad arguments, 66 file not readable;
             with --can-i: 0 yes, 1 no, 3 no identity in the input";

struct Args {
    list_rules: bool,
    files: Vec<String>,
    json: bool,
    verbose: bool,
    now: Option<i64>,
    can_i: Option<(String, String)>,
    list: bool,
    check_expiration: bool,
    query: crate::engine::analyse::can_i::Query,
}

fn parse_args(args: &[String]) -> Result<Option<Args>, String> {
    let mut a = Args {
        list_rules: false,
        files: Vec::new(),
        json: false,
        verbose: false,
        now: None,
        can_i: None,
        list: false,
        check_expiration: false,
        query: Default::default(),
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
            "--can-i" => {
                let verb = it.next().ok_or("--can-i needs a verb and a resource: --can-i get pods")?;
                let target = it
                    .next()
                    .ok_or("--can-i needs a resource or /url after the verb: --can-i get pods")?;
                a.can_i = Some((verb.clone(), target.clone()));
            }
            "--list" => a.list = true,
            "--check-expiration" => a.check_expiration = true,
            "--subresource" => a.query.subresource = Some(it.next().ok_or("--subresource needs a value such as log")?.clone()),
            "-n" | "--namespace" => a.query.namespace = Some(it.next().ok_or("-n needs a namespace")?.clone()),
            "-A" | "--all-namespaces" => a.query.all_namespaces = true,
            "--user" => a.query.user = Some(it.next().ok_or("--user needs a name")?.clone()),
            s if s.starts_with("--subresource=") => a.query.subresource = Some(s[14..].to_string()),
            s if s.starts_with("--namespace=") => a.query.namespace = Some(s[12..].to_string()),
            s if s.starts_with("--user=") => a.query.user = Some(s[7..].to_string()),
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option {s}")),
            s => a.files.push(s.to_string()),
        }
    }
    if a.check_expiration && (a.can_i.is_some() || a.list) {
        return Err("--check-expiration is its own question: give it without --can-i or --list".into());
    }
    if a.can_i.is_some() && a.list {
        return Err("--can-i and --list ask different questions: give one".into());
    }
    if a.can_i.is_none()
        && !a.list
        && (a.query.subresource.is_some() || a.query.namespace.is_some() || a.query.user.is_some() || a.query.all_namespaces)
    {
        return Err("--subresource, -n, -A and --user go with --can-i or --list".into());
    }
    if a.files.iter().filter(|f| *f == "-").count() > 1 {
        return Err("stdin ('-') can be read only once".into());
    }
    Ok(Some(a))
}

/// Runs the CLI; returns the exit status.
pub fn run(args: &[String]) -> i32 {
    let a = match parse_args(args) {
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
    if a.list_rules {
        for r in crate::engine::rules::RULES {
            emit(&format!("{:<45} {:<9} {}\n", r.id, r.severity.label(), r.title));
        }
        return 0;
    }
    let names: Vec<String> = if a.files.is_empty() { vec!["-".into()] } else { a.files.clone() };
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    for f in &names {
        if f != "-" && std::path::Path::new(f).is_dir() {
            match read_dir(std::path::Path::new(f)) {
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
    let analysis = crate::engine::analyse(&files, now);
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
/// at most 2,000 files of at most 8 MiB; symbolic links are not followed.
fn read_dir(dir: &std::path::Path) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let mut entries: Vec<std::fs::DirEntry> = std::fs::read_dir(&d)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let t = e.file_type()?;
            let path = e.path();
            if t.is_dir() {
                stack.push(path);
            } else if t.is_file() && out.len() < 2000 && e.metadata()?.len() <= crate::engine::read::sniff::MAX_INPUT_BYTES as u64 {
                let rel = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read(&path)?));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
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
    match &r.verdict {
        _ if r.objects.is_empty() && r.rbac.is_none() => 3,
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

/// JSON with every character a terminal must not receive raw written as a `\uXXXX` escape.
/// serde_json already escapes C0 controls; DEL, C1 controls and bidi/invisible formatting
/// characters are escaped here. The JSON means exactly the same (all are BMP characters).
pub fn json_for_terminal(json: &str) -> String {
    // Runs of safe text are copied whole: char by char, this was most of the CLI's time for a
    // kubeconfig of 500 users.
    let mut out = String::with_capacity(json.len());
    let (mut from, mut i) = (0, 0);
    while i < json.len() {
        let b = json.as_bytes()[i];
        let c = if b.is_ascii() {
            b as char
        } else {
            json[i..].chars().next().unwrap_or_default()
        };
        if c != '\n' && crate::engine::util::is_unsafe_to_display(c) {
            out.push_str(&json[from..i]);
            let _ = write!(out, "\\u{:04x}", c as u32);
            from = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    out.push_str(&json[from..]);
    out
}

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

/// The review queue as `kubectl get csr` prints its table (columns padded to the widest cell,
/// three spaces apart), with the inspector's columns after kubectl's, then the commands.
fn render_queue(s: &mut String, q: &crate::engine::report::queue::CsrQueue) {
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
                r.name.as_str(),
                &r.age,
                &r.signer_name,
                &r.requestor,
                &r.requested_duration,
                &r.condition,
                r.username.as_deref().unwrap_or("<none>"),
                &r.groups.join(","),
                &r.verdict_label,
            ]
            .map(|c| escape_for_display(c).into_owned())
        })
        .collect();
    let mut width = header.map(str::len);
    for row in &rows {
        for (w, cell) in width.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    out!(s, "\nREVIEW QUEUE ({} requests, worst first)", rows.len());
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
    out!(s, "{}", line(header.to_vec()));
    for row in &rows {
        out!(s, "{}", line(row.iter().map(String::as_str).collect()));
    }
    if let Some(c) = &q.approve_command {
        out!(s, "\n  routine, approve:        {}", c);
    }
    if let Some(c) = &q.deny_command {
        out!(s, "  do not approve, deny:    {}", c);
    }
    if !q.to_review.is_empty() {
        out!(s, "  review carefully first:  {} (in neither command)", q.to_review.join(", "));
    }
}

/// Plain-text rendering of a report, for terminals.
pub fn render_text(r: &Report, verbose: bool) -> String {
    let mut s = String::new();
    out!(s, "Report for {} bytes at {}", r.input.bytes, r.now);
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
        render_queue(&mut s, q);
    }
    if let Some(p) = &r.pki {
        render_pki(&mut s, p);
    }
    if let Some(rb) = &r.rbac {
        render_rbac(&mut s, rb);
    }
    for o in &r.objects {
        render_object(&mut s, o, verbose);
        if let Some(a) = o.access.and_then(|i| r.rbac.as_ref()?.identities.get(i)) {
            render_access(&mut s, a, r.rbac.as_ref().is_some_and(|x| x.origin == "pasted"));
        }
    }
    s
}

/// A node's PKI: kubeadm's tables, the trust map, what is missing.
fn render_pki(s: &mut String, p: &crate::engine::report::pki::PkiReport) {
    out!(
        s,
        "\nCONTROL-PLANE PKI ({})",
        if p.root.is_empty() { "the folder" } else { p.root.as_str() }
    );
    for line in crate::engine::analyse::pki::expiration_tables(p).lines() {
        out!(s, "  {}", line);
    }
    out!(s, "\nTRUST MAP (client -> server, by verified signature)");
    for l in &p.links {
        out!(
            s,
            "  {} {}: {} (signed by {}){} trusts {}",
            if l.ok { "ok  " } else { "FAIL" },
            l.link,
            l.client,
            if l.client_signed_by.is_empty() {
                "?"
            } else {
                l.client_signed_by.as_str()
            },
            l.server
                .as_ref()
                .map(|sv| format!(
                    ", {sv} (signed by {})",
                    if l.server_signed_by.is_empty() {
                        "?"
                    } else {
                        l.server_signed_by.as_str()
                    }
                ))
                .unwrap_or_default(),
            l.trusts
        );
        if let Some(pr) = &l.problem {
            out!(s, "       {}", pr);
        }
    }
    for m in &p.missing {
        out!(s, "  MISSING {}: {}", m.path, m.why);
    }
    if !p.flags.is_empty() {
        let ok = p.flags.iter().filter(|f| f.ok).count();
        out!(
            s,
            "\nSTATIC POD MANIFESTS: {} of {} file flags as kubeadm writes them",
            ok,
            p.flags.len()
        );
        for f in p.flags.iter().filter(|f| !f.ok) {
            out!(s, "  FAIL {} {}", f.manifest, f.problem.as_deref().unwrap_or(""));
        }
    }
}

/// The policy: where it came from, what was computed, what is broken, who holds what.
fn render_rbac(s: &mut String, rb: &crate::engine::report::access::RbacReport) {
    if rb.origin == "pasted" {
        out!(
            s,
            "\nRBAC: your objects ({} ClusterRoles, {} Roles, {} ClusterRoleBindings, {} RoleBindings)",
            rb.cluster_roles,
            rb.roles,
            rb.cluster_role_bindings,
            rb.role_bindings
        );
    } else {
        out!(s, "\nRBAC: Kubernetes' default policy");
    }
    if let Some(c) = &rb.caveat {
        out!(s, "  {}", c);
    }
    for c in &rb.computed {
        out!(s, "  computed: {}", c);
    }
    for d in &rb.dangling {
        out!(s, "  grants nothing: {}", d);
    }
    if let Some(n) = &rb.note {
        out!(s, "  note: {}", n);
    }
    if !rb.holders.is_empty() {
        out!(s, "\nWHO HOLDS DANGEROUS POWERS");
        for p in &rb.holders {
            out!(s, "  {} ({} subjects)", p.title, p.holders.len());
            for h in &p.holders {
                out!(s, "    {} {} {}, via {}", sev_tag(h.severity), h.subject, h.scope, h.via);
            }
        }
    }
}

/// What one identity may do (the powers are findings when the policy was given).
fn render_access(s: &mut String, a: &crate::engine::report::access::Access, pasted: bool) {
    out!(
        s,
        "    rbac:     {}",
        if pasted {
            "under your RBAC objects"
        } else {
            "under Kubernetes' default policy"
        }
    );
    if a.superuser {
        out!(s, "      allowed everything: system:masters is answered before RBAC");
    }
    if a.bindings.is_empty() {
        out!(s, "      no binding applies to this identity");
    }
    for b in &a.bindings {
        out!(
            s,
            "      {} -> {}{} (matched {})",
            b.binding,
            b.role,
            if b.role_missing { " [missing: grants nothing]" } else { "" },
            b.matched
        );
    }
    let scopes: Vec<String> = a
        .scopes
        .iter()
        .map(|sc| {
            format!(
                "{}: {} rows",
                sc.namespace
                    .as_deref()
                    .map(|n| format!("in {n}"))
                    .unwrap_or_else(|| "everywhere".into()),
                sc.rows.len()
            )
        })
        .collect();
    out!(
        s,
        "      may do:   {} (table: --list [-n NS]; one question: --can-i VERB TYPE)",
        scopes.join("; ")
    );
    if !pasted {
        for p in &a.powers {
            out!(s, "      power:    {} {} {}, via {}", sev_tag(p.severity), p.title, p.scope, p.via);
        }
    }
    for n in &a.notes {
        out!(s, "      note:     {}", n);
    }
}

fn render_object(s: &mut String, o: &Object, verbose: bool) {
    out!(s, "\n#{} {}", o.id, o.label);
    out!(s, "    found in: {}", if o.source.is_empty() { "input" } else { &o.source });
    if let Some(i) = &o.identity {
        let groups: Vec<String> = i
            .subject_groups
            .iter()
            .cloned()
            .chain(i.added_groups.iter().map(|g| format!("{g} (added by the API server)")))
            .collect();
        out!(
            s,
            "    username: {}",
            o.username.as_deref().unwrap_or("(none: authenticates as nobody)")
        );
        out!(
            s,
            "    groups:   {}",
            if groups.is_empty() { "(none)".into() } else { groups.join(", ") }
        );
        if let Some(u) = &i.uid {
            out!(s, "    uid:      {}", u);
        }
        out!(s, "    identity: {} - {}", i.kind_label, i.can_do);
    }
    if let Some(c) = &o.csr_object {
        out!(
            s,
            "    signer:   {}{}",
            c.signer_name.as_deref().unwrap_or("(none)"),
            if c.signer_defaulted {
                " (not set: the v1beta1 default)"
            } else {
                ""
            }
        );
        out!(
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
        out!(s, "    lifetime: {}", c.expected_lifetime);
        out!(
            s,
            "    requested by: {}{}",
            c.requester.username.as_deref().unwrap_or("?"),
            if c.requester.groups.is_empty() {
                String::new()
            } else {
                format!(" (groups {})", c.requester.groups.join(", "))
            }
        );
        out!(s, "    state:    {}", c.state);
        if let Some(y) = &c.resubmit_with_lifetime {
            out!(
                s,
                "    ask for one day instead (the spec cannot be edited: kubectl certificate deny {0}; kubectl delete csr {0}; the requester applies):",
                c.name
            );
            for l in y.lines() {
                out!(s, "      {}", l);
            }
        }
    }
    if let Some(c) = &o.certificate {
        out!(s, "    subject:  {}", c.subject_text);
        out!(
            s,
            "    issuer:   {}{}",
            c.issuer_text,
            o.issued_by.map(|i| format!(" (#{i}, signature verified)")).unwrap_or_default()
        );
        out!(
            s,
            "    valid:    {} -> {} ({}, {})",
            c.validity.not_before,
            c.validity.not_after,
            c.validity.lifetime,
            c.validity.relative
        );
        out!(
            s,
            "    key:      {}; signed with {}",
            c.public_key.summary,
            c.signature_algorithm.name
        );
        out!(s, "    sha256:   {}", c.sha256_fingerprint);
    }
    if let Some(c) = &o.request {
        out!(s, "    subject:  {}", c.subject_text);
        if c.public_key.summary.is_empty() {
            out!(s, "    key:      unknown (the request itself is not in the input)");
        } else {
            out!(
                s,
                "    key:      {}; signed with {}",
                c.public_key.summary,
                c.signature_algorithm.name
            );
        }
    }
    if let Some(k) = &o.key {
        out!(
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
        out!(s, "    token:    {} ({})", t.preview, t.kind);
    }
    if let Some(k) = &o.kubeconfig {
        for c in &k.contexts {
            out!(
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
        out!(s, "    verdict:  {}", v.headline);
    }
    for f in &o.findings {
        out!(s, "    {} {} - {}", sev_tag(f.severity), f.id, f.title);
        out!(s, "             {}", f.detail);
        out!(s, "             instead: {}", f.fix);
    }
    if verbose {
        out!(s, "    passed: {}", o.passed.join(", "));
        out!(s, "    not applicable: {}", o.not_applicable.join(", "));
    }
}
