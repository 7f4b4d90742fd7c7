//! The command line: every flag, and the usage text.

use crate::engine::util::parse_rfc3339;

pub const USAGE: &str = "\
kube-cert-inspector: what a certificate, CSR or kubeconfig means to Kubernetes

Usage: kube-cert-inspector [FILE...|-] [--json] [--now RFC3339] [--kubernetes 1.NN] [--verbose]
       kube-cert-inspector FILE... --can-i VERB TYPE[.GROUP][/NAME] [--subresource SUB]
                           [-n NS | -A] [--user NAME] [--json]
       kube-cert-inspector FILE... --can-i VERB /non/resource/url [--user NAME] [--json]
       kube-cert-inspector FILE... --list [-n NS] [--user NAME] [--json]
       kube-cert-inspector DIR|ARCHIVE [--check-expiration] [--json]
       kube-cert-inspector FILE... --contain [--user NAME] [--json]
       kube-cert-inspector --list-rules | --releases

  FILE           PEM / DER / base64 / YAML / JSON file, or an error message kubectl printed;
                 '-' or nothing reads stdin.
                 Several files are read together: a certificate, CSR or kubeconfig with the
                 cluster's RBAC objects (kubectl get clusterroles,clusterrolebindings,roles,
                 rolebindings -A -o yaml)
  --json         print the report (or the answer) as JSON (schema: docs/report-json.md)
  --now TIME     evaluate validity at TIME (e.g. 2026-11-23T10:00:00Z) instead of the clock
  --kubernetes 1.NN
                 judge for that Kubernetes release (1.33 to 1.38; default 1.37, the newest):
                 its Go release's crypto/x509 parses the certificates, its feature gates decide
                 what the subject means (--releases prints the table, with sources)
  --go 1.NN      parse as another Go release than the Kubernetes release's own (1.23 to 1.27):
                 the API server's is serverVersion.goVersion in kubectl version -o json
  --verbose      also list the rules that passed or did not apply
  --list-rules   print every rule: id, default severity, title
  --releases     print the Kubernetes releases judged for: Go version, UID attribute, source

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

  If a certificate leaked (give it with the cluster's RBAC objects):
  --contain             for each client certificate: how long it works (no revocation), whether
                        RBAC can contain it, the bindings to remove (by username, and through
                        its groups, which also affects every other member) with the kubectl
                        commands, what it keeps afterwards, and the steps in order; with --user,
                        only that identity's

Exit status: 0 routine, 1 review carefully, 2 do not approve,
             3 nothing could be read, 64 bad arguments, 66 file not readable;
             with --can-i: 0 yes, 1 no, 3 no identity in the input;
             with --contain: 0 a plan, 3 no client certificate with an identity;
             with an error message (kubectl get pods 2>&1 | kube-cert-inspector - ~/.kube/config):
             0 a cause was found in what came with it, 1 explained only";

pub struct Args {
    pub list_rules: bool,
    pub releases: bool,
    pub files: Vec<String>,
    pub json: bool,
    pub verbose: bool,
    pub now: Option<i64>,
    pub kubernetes: &'static crate::engine::facts::release::Release,
    pub go: Option<crate::engine::facts::x509::GoRelease>,
    pub can_i: Option<(String, String)>,
    pub list: bool,
    pub check_expiration: bool,
    pub contain: bool,
    pub query: crate::engine::analyse::can_i::Query,
}

impl Args {
    /// The Kubernetes release judged for, with `--go`'s Go release if one was given.
    pub fn target(&self) -> crate::engine::facts::release::Target {
        let mut t = crate::engine::facts::release::Target::for_release(self.kubernetes);
        if let Some(go) = self.go {
            t.go = go;
        }
        t
    }
}

pub fn parse_args(args: &[String]) -> Result<Option<Args>, String> {
    let mut a = Args {
        list_rules: false,
        releases: false,
        files: Vec::new(),
        json: false,
        verbose: false,
        now: None,
        kubernetes: crate::engine::facts::release::Release::default_release(),
        go: None,
        can_i: None,
        list: false,
        check_expiration: false,
        contain: false,
        query: Default::default(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--list-rules" => a.list_rules = true,
            "--releases" => a.releases = true,
            "--kubernetes" => {
                use crate::engine::facts::release::Release;
                let v = it.next().ok_or("--kubernetes needs a release such as 1.34")?;
                a.kubernetes = Release::parse(v).ok_or_else(|| {
                    format!(
                        "--kubernetes: expected a Kubernetes release from {} (kubectl version prints the server's), found \"{v}\"",
                        Release::range_text()
                    )
                })?;
            }
            "--json" => a.json = true,
            "--verbose" | "-v" => a.verbose = true,
            "--go" => {
                let v = it.next().ok_or("--go needs a Go release such as 1.24")?;
                a.go = Some(crate::engine::facts::x509::GoRelease::parse(v).ok_or_else(|| {
                    format!("--go: expected a Go release from 1.23 to 1.27 (kubectl version -o json prints the API server's as serverVersion.goVersion), found \"{v}\"")
                })?);
            }
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
            "--contain" => a.contain = true,
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
    if a.contain && (a.can_i.is_some() || a.list || a.check_expiration) {
        return Err("--contain is its own question: give it without --can-i, --list or --check-expiration".into());
    }
    if a.check_expiration && (a.can_i.is_some() || a.list) {
        return Err("--check-expiration is its own question: give it without --can-i or --list".into());
    }
    if a.can_i.is_some() && a.list {
        return Err("--can-i and --list ask different questions: give one".into());
    }
    if a.contain && (a.query.subresource.is_some() || a.query.namespace.is_some() || a.query.all_namespaces) {
        return Err("--contain takes --user only".into());
    }
    if a.can_i.is_none()
        && !a.list
        && !a.contain
        && (a.query.subresource.is_some() || a.query.namespace.is_some() || a.query.user.is_some() || a.query.all_namespaces)
    {
        return Err("--subresource, -n, -A and --user go with --can-i or --list".into());
    }
    if a.files.iter().filter(|f| *f == "-").count() > 1 {
        return Err("stdin ('-') can be read only once".into());
    }
    Ok(Some(a))
}
