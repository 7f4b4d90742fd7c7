//! The review queue, as `kubectl get csr` prints its table.

use std::fmt::Write as _;

use super::Safe;
use crate::engine::util::escape_for_display;

/// The review queue as `kubectl get csr` prints its table (columns padded to the widest cell,
/// three spaces apart), with the inspector's columns after kubectl's, then the commands.
pub fn render_queue(s: &mut String, q: &crate::engine::report::queue::CsrQueue) {
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
