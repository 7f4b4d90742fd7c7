//! `kubectl auth can-i`, offline: turns kubectl's arguments (`VERB TYPE[.GROUP][/NAME]
//! [--subresource S] [-n NS]` or `VERB /url`, `--list`) into a request, picks the identity from
//! the analysed input, and asks [`crate::engine::analyse::authz`].

use serde::Serialize;

use super::authz::{self, Who};
use super::resources;
use crate::engine::report::access::{Decision, ListRow, Request};
use crate::engine::report::Report;
use crate::engine::Analysis;

/// What was asked, as given on the command line.
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub verb: String,
    /// `pods`, `deployments.apps`, `secrets/db-pass`, `/healthz`.
    pub target: String,
    pub subresource: Option<String>,
    /// `-n`; `None`: the kubeconfig context's namespace, else `default`.
    pub namespace: Option<String>,
    pub all_namespaces: bool,
    /// `--user`: a kubeconfig user's name or a username.
    pub user: Option<String>,
}

/// The identity a question is asked for.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Asker {
    pub username: String,
    pub groups: Vec<String>,
    /// The object it came from (`objects[i].id`) and where that was found.
    pub object: usize,
    pub source: String,
    /// Why this identity was picked (`--user`, the kubeconfig's current context, the first one).
    pub picked: String,
}

/// The answer to `--can-i`, as printed with `--json`.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Answer {
    /// `yes` or `no`, as kubectl prints it.
    pub answer: String,
    pub identity: Asker,
    /// `pasted` (your RBAC objects) or `bootstrap` (Kubernetes' default policy).
    pub policy: String,
    pub caveat: Option<String>,
    #[serde(flatten)]
    pub decision: Decision,
    /// How the arguments were read (`deployments` → group `apps`).
    pub resolved: Vec<String>,
}

/// The answer to `--list`.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct ListAnswer {
    pub identity: Asker,
    pub namespace: String,
    pub policy: String,
    pub caveat: Option<String>,
    pub rows: Vec<ListRow>,
    pub notes: Vec<String>,
}

/// Picks the identity: `--user`, else the kubeconfig's current user, else the first identity.
pub fn pick(report: &Report, user: Option<&str>) -> Result<Asker, String> {
    let asker = |i: usize, picked: String| {
        let o = &report.objects[i];
        Asker {
            username: o.username.clone().unwrap_or_default(),
            groups: o.groups.clone(),
            object: o.id,
            source: o.source.clone(),
            picked,
        }
    };
    let with_identity = |i: &usize| report.objects.get(*i).is_some_and(|o| o.username.is_some());
    let kubeconfig_user = |name: &str| {
        report.objects.iter().filter_map(|o| o.kubeconfig.as_ref()).find_map(|k| {
            let u = k.users.iter().find(|u| u.name == name)?;
            u.client_certificate.or(u.token).filter(with_identity)
        })
    };
    if let Some(want) = user {
        if let Some(i) = kubeconfig_user(want) {
            return Ok(asker(i, format!("--user {want}: the kubeconfig's user of that name")));
        }
        if let Some(o) = report.objects.iter().find(|o| o.username.as_deref() == Some(want)) {
            return Ok(asker(o.id, format!("--user {want}: the first identity with that username")));
        }
        let known: Vec<String> = names(report);
        return Err(format!(
            "--user {want}: no kubeconfig user and no identity of that name in the input; found {}",
            if known.is_empty() { "none".to_string() } else { known.join(", ") }
        ));
    }
    for k in report.objects.iter().filter_map(|o| o.kubeconfig.as_ref()) {
        let current = k.contexts.iter().find(|c| c.current);
        if let Some(i) = current.and_then(|c| kubeconfig_user(&c.user)) {
            return Ok(asker(
                i,
                format!(
                    "the kubeconfig's current context ({})",
                    current.map(|c| c.name.as_str()).unwrap_or("")
                ),
            ));
        }
    }
    match report.objects.iter().find(|o| o.username.is_some()) {
        Some(o) => Ok(asker(o.id, "the first identity in the input".into())),
        None => Err("no identity in the input: expected a client certificate, a CSR, a kubeconfig with a client certificate or a service-account token (something whose user the API server can name)".into()),
    }
}

/// Every username and kubeconfig user name in the input (for error messages).
fn names(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for o in &report.objects {
        for n in o
            .username
            .iter()
            .chain(o.kubeconfig.iter().flat_map(|k| k.users.iter().map(|u| &u.name)))
        {
            if !out.contains(n) {
                out.push(n.clone());
            }
        }
    }
    out
}

/// The kubeconfig current context's namespace, when it sets one.
fn context_namespace(report: &Report) -> Option<String> {
    report
        .objects
        .iter()
        .filter_map(|o| o.kubeconfig.as_ref())
        .find_map(|k| k.contexts.iter().find(|c| c.current)?.namespace.clone())
}

fn namespace(report: &Report, q: &Query, resolved: &mut Vec<String>) -> String {
    if q.all_namespaces {
        return String::new();
    }
    match (&q.namespace, context_namespace(report)) {
        (Some(ns), _) => ns.clone(),
        (None, Some(ns)) => {
            resolved.push(format!("namespace {ns}: the kubeconfig's current context sets it"));
            ns
        }
        (None, None) => "default".into(),
    }
}

/// Reads a question typed as kubectl's arguments: `get pods -n dev`, `create pods --subresource
/// exec`, `list deployments.apps -A`, `get /healthz` (an optional leading `kubectl auth can-i`
/// is skipped).
pub fn parse_question(line: &str) -> Result<Query, String> {
    let mut words = line.split_whitespace().peekable();
    let mut q = Query::default();
    let mut positional: Vec<String> = Vec::new();
    while let Some(w) = words.next() {
        match w {
            "kubectl" | "auth" | "can-i" if positional.is_empty() => {}
            "-n" | "--namespace" => q.namespace = Some(words.next().ok_or("-n needs a namespace")?.to_string()),
            "-A" | "--all-namespaces" => q.all_namespaces = true,
            "--subresource" => q.subresource = Some(words.next().ok_or("--subresource needs a value such as log")?.to_string()),
            w if w.starts_with("--namespace=") => q.namespace = Some(w[12..].to_string()),
            w if w.starts_with("--subresource=") => q.subresource = Some(w[14..].to_string()),
            w if w.starts_with('-') => return Err(format!("{w}: expected -n NS, -A or --subresource SUB")),
            w => positional.push(w.to_string()),
        }
    }
    match positional.as_slice() {
        [verb, target] => {
            q.verb = verb.clone();
            q.target = target.clone();
            Ok(q)
        }
        _ => Err(format!(
            "expected VERB TYPE[/NAME] or VERB /url, e.g. \"get pods -n dev\"; found {} word{}",
            positional.len(),
            if positional.len() == 1 { "" } else { "s" }
        )),
    }
}

/// Asks one question for one identity against a policy: the page's question box.
pub fn ask(report: &Report, policy: &crate::engine::read::rbac::Policy, who: &Who, line: &str) -> Result<(Decision, Vec<String>), String> {
    let q = parse_question(line)?;
    let (req, resolved) = request(report, &q)?;
    Ok((authz::decide(policy, who, &req), resolved))
}

/// Reads kubectl's arguments into a request.
pub fn request(report: &Report, q: &Query) -> Result<(Request, Vec<String>), String> {
    let mut resolved = Vec::new();
    let verb = q.verb.trim().to_string();
    if verb.is_empty() {
        return Err("--can-i needs a verb such as get, list, create or delete".into());
    }
    if q.target.starts_with('/') {
        if q.subresource.is_some() {
            return Err("--subresource applies to a resource, not to a non-resource URL".into());
        }
        return Ok((Request::url(&verb, &q.target), resolved));
    }
    let (type_part, name) = match q.target.split_once('/') {
        Some((t, n)) => (t, n.to_string()),
        None => (q.target.as_str(), String::new()),
    };
    if type_part.is_empty() {
        return Err(format!("--can-i: expected TYPE[.GROUP][/NAME] or /url, found \"{}\"", q.target));
    }
    let (res, group) = match type_part.split_once('.') {
        Some((r, g)) => (r, Some(g)),
        None => (type_part, None),
    };
    let (resource, group, namespaced) = match (resources::lookup(res, group), group) {
        (Some(k), None) => {
            resolved.push(format!(
                "{type_part} → {}{} (a built-in resource, resolved without a cluster)",
                k.resource,
                if k.group.is_empty() {
                    " in the core group".to_string()
                } else {
                    format!(".{}", k.group)
                }
            ));
            (k.resource.to_string(), k.group.to_string(), k.namespaced)
        }
        (Some(k), Some(_)) => (k.resource.to_string(), k.group.to_string(), k.namespaced),
        (None, Some(g)) => (res.to_string(), g.to_string(), true),
        (None, None) => {
            resolved.push(format!(
                "{res}: not a built-in resource, so it was checked in the core group; for a custom resource give {res}.GROUP"
            ));
            (res.to_string(), String::new(), true)
        }
    };
    let mut ns = namespace(report, q, &mut resolved);
    if !namespaced && !ns.is_empty() {
        resolved.push(format!(
            "{resource} is cluster-scoped: asked without a namespace, as kubectl does (RoleBindings never grant it)"
        ));
        ns.clear();
    }
    let mut r = Request::resource(&verb, &group, &resource, &ns);
    r.subresource = q.subresource.clone().unwrap_or_default();
    r.name = name;
    Ok((r, resolved))
}

fn who(a: &Asker) -> Who {
    Who {
        user: a.username.clone(),
        groups: a.groups.clone(),
    }
}

fn policy_name(analysis: &Analysis) -> (String, Option<String>) {
    let r = analysis.report.rbac.as_ref();
    (
        r.map(|r| r.origin.clone()).unwrap_or_else(|| "bootstrap".into()),
        r.and_then(|r| r.caveat.clone()),
    )
}

/// `kubectl auth can-i VERB TARGET`.
pub fn can_i(analysis: &Analysis, q: &Query) -> Result<Answer, String> {
    let asker = pick(&analysis.report, q.user.as_deref())?;
    let (req, resolved) = request(&analysis.report, q)?;
    let policy = analysis.policy.as_deref().unwrap_or(crate::engine::read::rbac::Policy::bootstrap());
    let decision = authz::decide(policy, &who(&asker), &req);
    let (policy, caveat) = policy_name(analysis);
    Ok(Answer {
        answer: if decision.allowed { "yes" } else { "no" }.into(),
        identity: asker,
        policy,
        caveat,
        decision,
        resolved,
    })
}

/// `kubectl auth can-i --list`.
pub fn list(analysis: &Analysis, q: &Query) -> Result<ListAnswer, String> {
    let asker = pick(&analysis.report, q.user.as_deref())?;
    let mut notes = Vec::new();
    let ns = namespace(&analysis.report, q, &mut notes);
    let policy = analysis.policy.as_deref().unwrap_or(crate::engine::read::rbac::Policy::bootstrap());
    let w = who(&asker);
    notes.extend(authz::identity_notes(&w, policy.origin));
    let rows = authz::list(policy, &w, Some(ns.as_str()).filter(|n| !n.is_empty()));
    let (policy, caveat) = policy_name(analysis);
    Ok(ListAnswer {
        identity: asker,
        namespace: ns,
        policy,
        caveat,
        rows,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{analyse, Input};

    const NOW: i64 = 1_790_000_000;

    #[test]
    fn well_known_resources_resolve_and_cluster_scoped_ones_drop_the_namespace() {
        let r = Report::default();
        let q = |target: &str| Query {
            verb: "get".into(),
            target: target.into(),
            ..Default::default()
        };
        let (req, notes) = request(&r, &q("deployments")).unwrap();
        assert_eq!((req.group.as_str(), req.namespace.as_str()), ("apps", "default"));
        assert!(notes[0].contains("deployments → deployments.apps"));
        let (req, _) = request(&r, &q("secrets/db-pass")).unwrap();
        assert_eq!((req.resource.as_str(), req.name.as_str()), ("secrets", "db-pass"));
        let (req, notes) = request(&r, &q("nodes")).unwrap();
        assert_eq!(req.namespace, "");
        assert!(notes.iter().any(|n| n.contains("cluster-scoped")));
        let (req, _) = request(&r, &q("widgets.example.com")).unwrap();
        assert_eq!((req.resource.as_str(), req.group.as_str()), ("widgets", "example.com"));
        let (req, _) = request(&r, &q("/healthz")).unwrap();
        assert_eq!(req.path.as_deref(), Some("/healthz"));
        assert!(request(&r, &q("")).is_err());
    }

    #[test]
    fn questions_typed_as_kubectl_arguments() {
        let q = parse_question("kubectl auth can-i create pods --subresource exec -n dev").unwrap();
        assert_eq!((q.verb.as_str(), q.target.as_str()), ("create", "pods"));
        assert_eq!((q.subresource.as_deref(), q.namespace.as_deref()), (Some("exec"), Some("dev")));
        assert!(parse_question("list secrets -A").unwrap().all_namespaces);
        assert_eq!(parse_question("get /healthz").unwrap().target, "/healthz");
        assert!(parse_question("get").unwrap_err().contains("found 1 word"));
        assert!(parse_question("get pods --as bob").unwrap_err().contains("--as"));
    }

    #[test]
    fn no_identity_is_a_clear_error() {
        let a = analyse(
            &[Input {
                name: "",
                bytes: b"-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n",
            }],
            NOW,
        );
        let e = can_i(
            &a,
            &Query {
                verb: "get".into(),
                target: "pods".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert!(e.starts_with("no identity in the input"), "{e}");
    }
}
