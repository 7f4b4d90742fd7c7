//! The reviewer's queue: when the input holds more than one CertificateSigningRequest object
//! (`kubectl get csr -o yaml`), one row per request with kubectl's own columns (NAME, AGE,
//! SIGNERNAME, REQUESTOR, REQUESTEDDURATION, CONDITION, formatted as `kubectl get csr` prints
//! them: `printCertificateSigningRequest` in `pkg/printers/internalversion/printers.go`), plus
//! what the inspector adds (USERNAME, GROUPS, VERDICT), worst first, and the commands for the
//! pending requests that need no further thought.

use crate::engine::report::queue::{CsrQueue, QueueRow};
use crate::engine::report::{Object, Severity, VerdictLevel};

/// kubectl's `duration.HumanDuration` (`k8s.io/apimachinery/pkg/util/duration`).
pub fn kubectl_duration(secs: i64) -> String {
    if secs < -1 {
        return "<invalid>".into();
    }
    if secs < 0 {
        return "0s".into();
    }
    if secs < 120 {
        return format!("{secs}s");
    }
    let minutes = secs / 60;
    if minutes < 10 {
        let s = secs % 60;
        return if s == 0 { format!("{minutes}m") } else { format!("{minutes}m{s}s") };
    }
    if minutes < 180 {
        return format!("{minutes}m");
    }
    let hours = secs / 3600;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 { format!("{hours}h") } else { format!("{hours}h{m}m") };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 {
            format!("{}d", hours / 24)
        } else {
            format!("{}d{h}h", hours / 24)
        };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        return if dy == 0 {
            format!("{}y", hours / 24 / 365)
        } else {
            format!("{}y{dy}d", hours / 24 / 365)
        };
    }
    format!("{}y", hours / 24 / 365)
}

/// The queue, when there is more than one CSR object.
pub fn build(objects: &[Object], now: i64) -> Option<CsrQueue> {
    let csrs: Vec<&Object> = objects.iter().filter(|o| o.csr_object.is_some()).collect();
    if csrs.len() < 2 {
        return None;
    }
    let mut rows: Vec<QueueRow> = csrs.iter().filter_map(|o| row(o, now)).collect();
    rows.sort_by(|a, b| b.verdict.cmp(&a.verdict).then(b.worst.cmp(&a.worst)).then(a.name.cmp(&b.name)));
    let pending = |v: VerdictLevel| -> Vec<String> {
        rows.iter()
            .filter(|r| r.condition == "Pending" && r.verdict == v)
            .map(|r| r.name.clone())
            .collect()
    };
    let command = |verb: &str, names: Vec<String>| (!names.is_empty()).then(|| format!("kubectl certificate {verb} {}", names.join(" ")));
    Some(CsrQueue {
        approve_command: command("approve", pending(VerdictLevel::Routine)),
        deny_command: command("deny", pending(VerdictLevel::DoNotApprove)),
        to_review: pending(VerdictLevel::ReviewCarefully),
        rows,
    })
}

fn row(o: &Object, now: i64) -> Option<QueueRow> {
    let c = o.csr_object.as_ref()?;
    let verdict = o.verdict.as_ref()?;
    let has = |t: &str| c.conditions.iter().any(|k| k.kind == t);
    let mut condition = if has("Denied") {
        "Denied"
    } else if has("Approved") {
        "Approved"
    } else {
        "Pending"
    }
    .to_string();
    if has("Failed") {
        condition.push_str(",Failed");
    }
    if !c.issued.is_empty() || c.state == "Issued" {
        condition.push_str(",Issued");
    }
    let age_seconds = c.created_unix.map(|t| now.saturating_sub(t));
    let worst = o.findings.iter().filter(|f| f.severity > Severity::Info).max_by_key(|f| f.severity);
    Some(QueueRow {
        object: o.id,
        name: c.name.clone(),
        age: age_seconds.map(kubectl_duration).unwrap_or_else(|| "<unknown>".into()),
        age_seconds,
        signer_name: c.signer_name.clone().unwrap_or_else(|| "<none>".into()),
        requestor: c.requester.username.clone().unwrap_or_default(),
        requested_duration: c.expiration_seconds.map(kubectl_duration).unwrap_or_else(|| "<none>".into()),
        requested_seconds: c.expiration_seconds,
        condition,
        username: o.username.clone(),
        groups: o.groups.clone(),
        verdict: verdict.level,
        verdict_label: verdict.label.clone(),
        worst: worst.map(|f| f.severity),
        reason: worst.map(|f| f.title.clone()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_kubectl_prints_them() {
        // Expectations from HumanDuration's branches (apimachinery util/duration).
        for (secs, want) in [
            (-5, "<invalid>"),
            (-1, "0s"),
            (119, "119s"),
            (120, "2m"),
            (150, "2m30s"),
            (600, "10m"),
            (3 * 3600, "3h"),
            (3 * 3600 + 120, "3h2m"),
            (86400, "24h"),
            (3 * 86400 + 3600, "3d1h"),
            (30 * 86400, "30d"),
            (365 * 86400, "365d"),
            (3 * 365 * 86400 + 86400, "3y1d"),
            (10 * 365 * 86400, "10y"),
        ] {
            assert_eq!(kubectl_duration(secs), want, "{secs}");
        }
    }
}
