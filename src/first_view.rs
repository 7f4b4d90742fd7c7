//! The first view (issue #24): the report of what the page was opened with — `#example=`,
//! `#text=`, or an embedding page's `inspect` message — as HTML, from the small first-report
//! module (`engine::first` and this), shown while the page's own module and the whole engine
//! load behind it. It has the compact views' markup and classes (`ui::compact`, `ui::verdict`,
//! `ui::identity`), so it looks as they do; the page replaces it with its own report as soon as
//! that is ready (`ui::first_done`). Static HTML: `<details>` open and close without script.
//!
//! Every text is escaped here ([`esc`]); nothing from the input reaches the page as markup.

use crate::engine::report::{Object, Report, VerdictLevel};
use crate::engine::util::escape_for_display;

/// How a subject attribute's meaning is said (the identity card's "Meaning" column).
pub fn meaning_label(m: &str, request: bool) -> &'static str {
    match m {
        "username" => "→ username",
        "group" => "→ group",
        // The built-in CSR signers re-encode the subject without it (x509::dropped_by_go_reencoding).
        "uid" if request => "→ UID (1.34+) in a certificate, but the built-in CSR signers drop it",
        "uid" => "→ UID (1.34+)",
        "ignored_cn" => "ignored: only the last CN counts",
        _ => "ignored by Kubernetes",
    }
}

/// At most this many objects are shown (as the compact views do); the full report has the rest.
const MAX_OBJECTS: usize = 5;

/// The objects a compact view shows: top-level ones with an identity, a verdict or an error message.
pub fn shown_objects(r: &Report) -> Vec<&Object> {
    r.objects
        .iter()
        .filter(|o| o.parent.is_none() && (o.identity.is_some() || o.verdict.is_some() || o.error_message.is_some()))
        .collect()
}

/// Text for HTML: controls and bidi overrides made visible (as the page shows them), then `<>&"'`
/// escaped.
fn esc(s: &str) -> String {
    let shown = escape_for_display(s);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A value with every character outside ASCII marked when it also holds ASCII letters (as the
/// identity card marks a Cyrillic "а" in "system:mаsters").
fn marked(value: &str) -> String {
    let shown = escape_for_display(value);
    if shown.is_ascii() || !shown.chars().any(|c| c.is_ascii_alphabetic()) {
        return esc(value);
    }
    shown
        .chars()
        .map(|c| {
            if c.is_ascii() {
                esc(&c.to_string())
            } else {
                format!(
                    "<mark class=\"lookalike\" title=\"U+{:04X}: not an ASCII character\">{c}</mark>",
                    c as u32
                )
            }
        })
        .collect()
}

fn verdict(o: &Object, out: &mut String) {
    let Some(v) = &o.verdict else { return };
    let class = match v.level {
        VerdictLevel::DoNotApprove => "verdict do-not-approve",
        VerdictLevel::ReviewCarefully => "verdict review",
        VerdictLevel::Routine => "verdict routine",
    };
    out.push_str(&format!(
        "<div class=\"{class}\" role=\"status\"><p class=\"verdict-title\"><span class=\"verdict-scope\">{}: </span><strong class=\"verdict-label\">{}</strong></p><p class=\"verdict-headline\">{}</p>",
        esc(&o.label),
        esc(&v.label),
        esc(&v.headline)
    ));
    if !v.reasons.is_empty() && v.level != VerdictLevel::Routine {
        out.push_str("<ul class=\"verdict-reasons\">");
        for r in v.reasons.iter().take(8) {
            out.push_str(&format!("<li>{}</li>", esc(r)));
        }
        out.push_str("</ul>");
    }
    out.push_str("</div>");
}

fn identity(r: &Report, o: &Object, out: &mut String) {
    let Some(id) = &o.identity else { return };
    let subject = o
        .certificate
        .as_ref()
        .map(|c| &c.subject)
        .or(o.request.as_ref().map(|q| &q.subject));
    let request = o.certificate.is_none();
    out.push_str("<section class=\"identity\" aria-label=\"Kubernetes identity\"><h4>Who this makes you in Kubernetes</h4>");
    if let Some(attrs) = subject {
        out.push_str("<table class=\"mapping\"><caption>Subject, in encoding order, and what the API server does with each attribute</caption><thead><tr><th scope=\"col\">Attribute</th><th scope=\"col\">Value</th><th scope=\"col\">Meaning</th></tr></thead><tbody>");
        for a in attrs {
            let meaning = if a.oid == crate::engine::facts::x509::OID_K8S_UID && !r.judged_for.uid_from_certificates {
                format!("ignored by Kubernetes {}: read as the UID from 1.34", r.judged_for.kubernetes)
            } else {
                meaning_label(&a.meaning, request).to_string()
            };
            out.push_str(&format!(
                "<tr class=\"attr m-{}\"><th scope=\"row\"><code>{}</code></th><td><code>{}</code></td><td>{}</td></tr>",
                esc(&a.meaning),
                esc(&a.short),
                marked(&a.value),
                esc(&meaning)
            ));
        }
        if attrs.is_empty() {
            out.push_str("<tr><td colspan=\"3\">(empty subject)</td></tr>");
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("<dl class=\"facts identity-result\"><dt>Username</dt><dd>");
    match &id.username {
        Some(u) => out.push_str(&format!("<code class=\"username\">{}</code>", marked(u))),
        None => out.push_str("<strong>none: authenticates as nobody</strong>"),
    }
    out.push_str("</dd><dt>Groups</dt><dd>");
    if id.username.is_none() {
        out.push_str("none");
    } else {
        out.push_str("<ul class=\"groups\">");
        let from = if id.groups_source == "token" {
            " (from the token)"
        } else {
            " (from O)"
        };
        for g in &id.subject_groups {
            out.push_str(&format!("<li><code class=\"group\">{}</code>{from}</li>", marked(g)));
        }
        for g in &id.added_groups {
            out.push_str(&format!(
                "<li><code class=\"group added\">{}</code> (added by the API server to every authenticated user)</li>",
                esc(g)
            ));
        }
        if id.subject_groups.is_empty() && id.added_groups.is_empty() {
            out.push_str("<li>none</li>");
        }
        out.push_str("</ul>");
    }
    out.push_str("</dd>");
    if let Some(u) = &id.uid {
        out.push_str(&format!("<dt>UID</dt><dd><code>{}</code></dd>", esc(u)));
    }
    out.push_str(&format!(
        "<dt>What it is</dt><dd><span class=\"{}\">{}</span></dd><dt>What it can do</dt><dd>{}</dd></dl>",
        // ASCII (a variant's name): `to_lowercase` would link core's Unicode case tables, 11 KB
        // of this module's gzip (issue #24).
        format!("identity-kind kind-{:?}", id.kind).to_ascii_lowercase(),
        esc(&id.kind_label),
        esc(&id.can_do)
    ));
    if !id.notes.is_empty() {
        out.push_str("<ul class=\"notes\">");
        for n in &id.notes {
            out.push_str(&format!("<li>{}</li>", esc(n)));
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
}

fn findings(o: &Object, out: &mut String) {
    if o.findings.is_empty() {
        return;
    }
    out.push_str("<ul class=\"compact-findings\" aria-label=\"Findings\">");
    for f in &o.findings {
        let sev = f.severity.label();
        // The first path's findings carry no texts (engine::rules::Texts): the full report has them.
        out.push_str(&format!(
            "<li><details><summary><span class=\"badge sev-{sev}\">{sev}</span> {}</summary><p>{}</p><p class=\"hint\">Why it matters and what to do instead: in the full report, loading…</p></details></li>",
            esc(&f.title),
            esc(&f.detail),
        ));
    }
    out.push_str("</ul>");
}

/// The report as the compact `identity` or `summary` view (`summary` for anything else), with a
/// line saying the rest is on its way.
pub fn compact(r: &Report, summary: bool) -> String {
    let shown = shown_objects(r);
    let mut out = String::from("<section class=\"report compact first-report\" aria-label=\"Report\">");
    for o in shown.iter().take(MAX_OBJECTS) {
        out.push_str("<article class=\"compact-object\">");
        verdict(o, &mut out);
        identity(r, o, &mut out);
        if summary {
            findings(o, &mut out);
        }
        out.push_str("</article>");
    }
    if shown.len() > MAX_OBJECTS {
        out.push_str(&format!(
            "<p class=\"hint\">and {} more objects in the full report.</p>",
            shown.len() - MAX_OBJECTS
        ));
    }
    out.push_str("<p class=\"hint first-loading\" role=\"status\">Loading the full report…</p></section>");
    out
}

/// What the page shows first: the summary under the page's input box (index.html's shell has the
/// header and the box; `what` says where the input came from, when not from the box), or, embedded,
/// the compact view asked for and the embedded footer.
pub fn page(r: &Report, embedded: Option<&str>, what: &str) -> String {
    match embedded {
        Some(view) => format!(
            "<main class=\"embedded\">{}</main><p class=\"embed-footer\">Kubernetes certificate inspector: runs in this browser; nothing leaves the page.</p>",
            compact(r, view != "identity")
        ),
        None if what.is_empty() => compact(r, true),
        None => format!("<p class=\"first-input\">{}</p>{}", esc(what), compact(r, true)),
    }
}

/// What the page was opened with, read from its address: the input, the time it is judged at
/// (unix seconds, or `None` for the clock), the release, and the embedded view (`None`: the app).
pub struct Opened {
    pub input: String,
    pub what: String,
    pub now: Option<i64>,
    pub kubernetes: String,
    pub embedded: Option<String>,
}

/// `search` and `hash` as `location` has them, and the text of the example the fragment names
/// (`examples/<id>.txt`, which the page fetched: the examples are not in this module); `None`
/// when the address names nothing to inspect (or names the lab, which the page alone shows).
pub fn opened(search: &str, hash: &str, example: Option<String>) -> Option<Opened> {
    use crate::location;
    if location::fragment_flag(hash, "lab") {
        return None;
    }
    let (input, what) = match (
        location::text_from_fragment(hash),
        location::fragment_value(hash, "example"),
        example,
    ) {
        (Some(t), _, _) => (t, "The text in this page's address.".to_string()),
        (None, Some(id), Some(text)) => (text, format!("Example: {}.", location::percent_decode(id))),
        _ => return None,
    };
    let embedded = location::query_value(search, "embed").map(|_| location::query_value(search, "view").unwrap_or_else(|| "full".into()));
    Some(Opened {
        input,
        what,
        now: location::now_from_fragment(hash),
        kubernetes: location::kubernetes(search, hash),
        embedded,
    })
}

/// The largest input judged first (on the page's main thread): a docs page's example is a few KB;
/// a larger paste waits for the whole engine in its worker, which keeps the page responsive.
pub const MAX_FIRST_BYTES: usize = 64 * 1024;

/// The first view's HTML for `input`, or `None` when the whole engine must read it.
pub fn render(input: &str, now: i64, kubernetes: &str, embedded: Option<&str>, what: &str) -> Option<String> {
    use crate::engine::facts::release::{Release, Target};
    if input.len() > MAX_FIRST_BYTES {
        return None;
    }
    let target = Release::parse(kubernetes).map(Target::for_release).unwrap_or_default();
    let r = crate::engine::first::first(input.as_bytes(), now, target)?;
    Some(page(&r, embedded, what))
}

#[cfg(all(target_arch = "wasm32", feature = "first"))]
mod wasm {
    use wasm_bindgen::prelude::*;

    fn clock() -> i64 {
        (js_sys::Date::now() / 1000.0) as i64
    }

    /// The first view of what the address names (`location.search`, `location.hash`, and the
    /// text of the example it names, fetched by the page), or `undefined` when there is nothing
    /// to show first.
    #[wasm_bindgen(js_name = firstOfAddress)]
    pub fn first_of_address(search: &str, hash: &str, example: Option<String>) -> Option<String> {
        let o = super::opened(search, hash, example)?;
        super::render(&o.input, o.now.unwrap_or_else(clock), &o.kubernetes, o.embedded.as_deref(), &o.what)
    }

    /// The first view of what is in the page's input box (index.html's shell, www/boot.js), judged
    /// at the time and for the release the address pins (the clock and the newest otherwise), or
    /// `undefined` when the whole engine must read it.
    #[wasm_bindgen(js_name = firstOfInput)]
    pub fn first_of_input(text: &str, search: &str, hash: &str) -> Option<String> {
        let now = crate::location::now_from_fragment(hash).unwrap_or_else(clock);
        super::render(text, now, &crate::location::kubernetes(search, hash), None, "")
    }

    /// The text `#text=` in the address carries (for the page's input box), if any.
    #[wasm_bindgen(js_name = textOfAddress)]
    pub fn text_of_address(hash: &str) -> Option<String> {
        crate::location::text_from_fragment(hash)
    }

    /// The first view of an embedding page's `inspect` message (`now`: RFC 3339 or ms, absent
    /// for the clock; `kubernetes`: the release, an unknown one leaving the address's; `view`:
    /// identity, summary or full), or `undefined`.
    #[wasm_bindgen(js_name = firstOfMessage)]
    pub fn first_of_message(text: &str, now: JsValue, kubernetes: JsValue, view: &str, search: &str, hash: &str) -> Option<String> {
        use crate::engine::facts::release::Release;
        let now = crate::js::now_from_js(&now).ok().flatten().unwrap_or_else(clock);
        let kubernetes = kubernetes
            .as_string()
            .filter(|k| Release::parse(k).is_some())
            .unwrap_or_else(|| crate::location::kubernetes(search, hash));
        super::render(text, now, &kubernetes, Some(view), "")
    }
}

/// Called by the first-report module's `main` so the linker keeps the exports.
pub fn linked() {}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_478_400; // 2026-11-24T00:00:00Z

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
    }

    #[test]
    fn shows_the_verdict_the_identity_and_the_findings_of_a_csr_object() {
        let html = render(
            &fixture("csr-object-system-masters.yaml"),
            NOW,
            "",
            None,
            "Example: csr-system-masters.",
        )
        .expect("answered");
        assert!(html.contains("<strong class=\"verdict-label\">Do not approve</strong>"), "{html}");
        assert!(html.contains("<code class=\"group\">system:masters</code> (from O)"), "{html}");
        assert!(html.contains("<span class=\"badge sev-critical\">critical</span>"), "{html}");
        assert!(html.contains("<p class=\"first-input\">Example: csr-system-masters.</p>"));
        // The header and the input box are the page's own (index.html's shell).
        assert!(!html.contains("<h1>"), "{html}");
        let pasted = render(&fixture("csr-object-system-masters.yaml"), NOW, "", None, "").expect("answered");
        assert!(pasted.starts_with("<section class=\"report compact first-report\""), "{pasted}");
        // The identity view: no findings.
        let identity = render(&fixture("csr-object-system-masters.yaml"), NOW, "", Some("identity"), "").expect("answered");
        assert!(
            identity.contains("class=\"embedded\"") && !identity.contains("compact-findings"),
            "{identity}"
        );
        assert!(identity.contains("verdict-label"));
    }

    #[test]
    fn steps_aside_for_what_the_whole_engine_reads_and_for_big_input() {
        assert!(render(&fixture("rbac/paste-amy-and-cluster-additions.txt"), NOW, "", None, "").is_none());
        assert!(render("not a certificate", NOW, "", None, "").is_none());
        let big = fixture("csr-object-developer.yaml").repeat(MAX_FIRST_BYTES / 1000);
        assert!(big.len() > MAX_FIRST_BYTES && render(&big, NOW, "", None, "").is_none());
    }

    #[test]
    fn escapes_every_text_from_the_input() {
        let t = crate::engine::facts::release::Target::default();
        // A real request whose subject carries markup and script URIs (made by openssl).
        let real = render(&fixture("csr-markup-and-script-uris.pem"), NOW, "", None, "").expect("answered");
        assert!(
            !real.contains("<script") && !real.contains("<img") && !real.contains("<a "),
            "{real}"
        );
        let mut r = crate::engine::first::first(fixture("csr-object-system-masters.yaml").as_bytes(), NOW, t).expect("answered");
        let o = &mut r.objects[0];
        o.label = "<img src=x onerror=alert(1)>".into();
        let id = o.identity.as_mut().expect("identity");
        id.username = Some("\"><script>alert(1)</script>".into());
        id.subject_groups = vec!["dev\u{202e}sretsam".into(), "sуstem:masters".into()];
        o.findings[0].detail = "a & b < c".into();
        let html = compact(&r, true);
        assert!(!html.contains("<img") && !html.contains("<script"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
        // A bidi override is shown as an escape; a lookalike letter is marked.
        assert!(html.contains("dev\\u{202e}sretsam"));
        assert!(
            html.contains("s<mark class=\"lookalike\" title=\"U+0443: not an ASCII character\">у</mark>stem:masters"),
            "{html}"
        );
        assert!(html.contains("a &amp; b &lt; c"));
    }

    #[test]
    fn reads_the_address() {
        let o = opened("", "#example=csr-system-masters&now=2026-12-05T00:00:00Z", Some("text".into())).expect("opened");
        assert_eq!((o.input.as_str(), o.now, o.embedded), ("text", Some(1_796_428_800), None));
        // The example's text is fetched by the page: without it, nothing to show first.
        assert!(opened("", "#example=csr-system-masters", None).is_none());
        // #text wins; the lab is the page's alone.
        let o = opened("?embed&view=identity", "#text=YWxpY2U&example=x", None).expect("opened");
        assert_eq!((o.input.as_str(), o.embedded.as_deref()), ("alice", Some("identity")));
        assert!(opened("", "#lab&example=csr-system-masters", Some("t".into())).is_none());
        assert_eq!(
            opened("?embed", "#text=YWxpY2U", None).and_then(|o| o.embedded).as_deref(),
            Some("full")
        );
    }
}
