//! Flags CN and O values with look-alike or invisible characters, case variants of Kubernetes'
//! own names, or stray whitespace, and shows the code points.
//!
//! Why: Kubernetes compares names byte for byte. `System:Masters`, `system:mastеrs` (Cyrillic
//! е) or `system:masters` followed by a zero-width space are *different* groups, so they grant
//! nothing by themselves, but they fool a human reviewer, and an RBAC binding written for the
//! look-alike (or copied from the CSR) would grant it. Invisible characters hide the real value.
//! Instead: insist on plain ASCII names with no surrounding whitespace.
//! Reference: Unicode TR #39 (confusables); RBAC matches subjects by exact string
//! (`pkg/registry/rbac/validation/rule.go`).

use super::{Ctx, Hit, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "identity-lookalike-characters",
    title: "Look-alike, invisible or stray characters in CN/O",
    severity: Severity::High,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "Kubernetes compares user and group names exactly, byte for byte. A name that only looks like system:masters (a capital letter, a Cyrillic letter, a zero-width space, a trailing blank) is a different name: it misleads the person approving it, and any RBAC binding copied from it grants access to the look-alike.",
    fix: "Deny the request and ask for plain ASCII names with no leading or trailing whitespace.",
    reference: "https://www.unicode.org/reports/tr39/ (confusables); kubernetes/kubernetes pkg/registry/rbac/validation/rule.go (exact string match)",
};

const WELL_KNOWN: &[&str] = &[
    "system:masters",
    "system:nodes",
    "system:authenticated",
    "system:unauthenticated",
    "system:anonymous",
    "system:bootstrappers",
    "kubeadm:cluster-admins",
    "system:kube-controller-manager",
    "system:kube-scheduler",
    "system:kube-proxy",
    "system:apiserver",
];

/// Maps common confusables to ASCII (a small subset of Unicode's confusables table).
fn skeleton(s: &str) -> String {
    s.chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| match c {
            'а' | 'α' => 'a',
            'е' | 'ε' => 'e',
            'о' | 'ο' | '0' => 'o',
            'р' | 'ρ' => 'p',
            'с' => 'c',
            'у' => 'y',
            'х' | 'χ' => 'x',
            'і' | 'ι' | 'ı' | '1' | 'l' => 'l',
            'ѕ' => 's',
            'ј' => 'j',
            'ԁ' => 'd',
            'ո' => 'n',
            'ν' => 'v',
            'κ' => 'k',
            'τ' => 't',
            'υ' => 'u',
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            'ː' | '∶' | '︰' | '﹕' => ':',
            other => other.to_ascii_lowercase(),
        })
        .collect::<String>()
        .trim()
        .to_string()
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}' | '\u{180e}')
        || c.is_control()
}

fn code_points(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_ascii_graphic())
        .map(|c| format!("U+{:04X}", c as u32))
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_value(attr: &str, v: &str) -> Option<Hit> {
    let mut problems = Vec::new();
    if v.chars().any(is_invisible) {
        problems.push("invisible characters".to_string());
    }
    if v.chars().any(|c| !c.is_ascii() && !is_invisible(c)) {
        problems.push("non-ASCII characters".to_string());
    }
    if v != v.trim() {
        problems.push("leading or trailing whitespace".to_string());
    }
    let like = WELL_KNOWN.iter().find(|w| skeleton(v) == skeleton(w) && v != **w);
    if problems.is_empty() && like.is_none() {
        return None;
    }
    let mut detail = format!("{attr}=\"{}\"", v.escape_debug());
    if !problems.is_empty() {
        detail.push_str(&format!(" has {}", problems.join(" and ")));
        let cps = code_points(v);
        if !cps.is_empty() {
            detail.push_str(&format!(" ({cps})"));
        }
    }
    let controls = v.chars().any(crate::engine::util::is_unsafe_to_display);
    let sev = if let Some(w) = like {
        detail.push_str(&format!("; it looks like \"{w}\" but Kubernetes treats it as a different name"));
        Severity::High
    } else if controls {
        // Terminal escapes, line breaks and bidi overrides: no legitimate name holds them, and
        // they exist to rewrite what a reviewer's terminal or page shows.
        detail.push_str("; control or text-direction characters have no place in a user or group name: they can rewrite what a terminal or page shows the reviewer");
        Severity::High
    } else {
        Severity::Medium
    };
    detail.push('.');
    Some(Hit::new(sev, detail))
}

fn check(ctx: &Ctx) -> Outcome {
    if ctx.subject().is_none() || ctx.is_ca_cert() {
        return Outcome::NotApplicable;
    }
    let hits: Vec<Hit> = ctx
        .values("CN")
        .into_iter()
        .map(|v| ("CN", v))
        .chain(ctx.values("O").into_iter().map(|v| ("O", v)))
        .filter_map(|(a, v)| check_value(a, v))
        .collect();
    Outcome::from_hits(hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::testkit::*;

    #[test]
    fn control_and_bidi_characters_are_high() {
        let esc = run(&RULE, &csr(&[("CN", "x\u{1b}]0;pwned\u{7}")]));
        assert_eq!(severity(&esc), Some(Severity::High));
        let rlo = run(&RULE, &csr(&[("O", "dev\u{202e}sretsam"), ("CN", "a")]));
        assert_eq!(severity(&rlo), Some(Severity::High));
        assert!(detail(&rlo).contains("text-direction"));
    }

    #[test]
    fn case_variants_homoglyphs_and_invisibles() {
        let case = run(&RULE, &csr(&[("O", "System:Masters"), ("CN", "a")]));
        assert_eq!(severity(&case), Some(Severity::High));
        assert!(detail(&case).contains("looks like \"system:masters\""));
        let cyr = run(&RULE, &csr(&[("O", "system:mаsters"), ("CN", "a")]));
        assert!(detail(&cyr).contains("U+0430"), "{}", detail(&cyr));
        let zw = run(&RULE, &csr(&[("O", "system:masters\u{200b}"), ("CN", "a")]));
        assert!(detail(&zw).contains("U+200B") && detail(&zw).contains("invisible"));
        let space = run(&RULE, &csr(&[("CN", "alice ")]));
        assert_eq!(severity(&space), Some(Severity::Medium));
        assert_eq!(run(&RULE, &csr(&[("O", "system:masters"), ("CN", "alice")])), Outcome::Pass);
        let accent = run(&RULE, &csr(&[("O", "developers"), ("CN", "José")]));
        assert_eq!(severity(&accent), Some(Severity::Medium), "non-ASCII is always shown");
        assert!(detail(&accent).contains("U+00E9"));
    }
}
