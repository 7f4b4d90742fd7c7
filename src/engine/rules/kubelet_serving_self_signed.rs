//! Flags a kubelet configuration whose serving certificate (port 10250) is one the kubelet signs
//! itself: no `tlsCertFile`, and `serverTLSBootstrap` false or left out (its default). Low: it is
//! kubeadm's default too, but the checklist's "manage expiration" and "minimise trust" ask for
//! a certificate clients can verify and that gets renewed (issue #26).
//!
//! Why: the API server (logs, exec, port-forward), metrics-server and Prometheus connect to the
//! kubelet. A certificate from a CA the kubelet made on the spot cannot be verified, so they skip
//! verification (the API server does unless `--kubelet-certificate-authority` is set;
//! metrics-server needs `--kubelet-insecure-tls`), and whoever can intercept node traffic can pose
//! as the kubelet. The kubelet makes it once, for a year, and only makes a new one when the file is
//! missing at start (`CanReadCertAndKey` in cmd/kubelet/app/server.go): it is never renewed.
//! Instead: `serverTLSBootstrap: true`, approve the `kubernetes.io/kubelet-serving` CSRs (nothing
//! built in approves them), then `--kubelet-certificate-authority` on the API server.
//! Reference: https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-certs/#kubelet-serving-certs;
//! KubeletConfiguration `serverTLSBootstrap` and `tlsCertFile` (kubelet-config.v1beta1).

use super::{Ctx, Outcome, Rule, Texts};
use crate::engine::report::Severity;

pub static RULE: Rule = Rule {
    id: "kubelet-serving-self-signed",
    title: "The kubelet serves with a certificate it signed itself",
    severity: Severity::Low,
    check,
};

pub static TEXTS: Texts = Texts {
    why: "The API server (for logs, exec and port-forward), metrics-server and Prometheus connect to the kubelet on port 10250. A certificate from a CA the kubelet made on the spot cannot be verified, so they skip verification (the API server does unless --kubelet-certificate-authority is set; metrics-server needs --kubelet-insecure-tls), and whoever can intercept node traffic can pose as the kubelet and read what passes through exec and logs. The kubelet makes it once, for a year, and never renews it: it only makes a new one when the file is missing at start.",
    fix: "Set serverTLSBootstrap: true in the kubelet's configuration (kubeadm: in the KubeletConfiguration you give kubeadm init, or in the kubelet-config ConfigMap), restart the kubelet, and approve its kubernetes.io/kubelet-serving CSRs after checking the names they ask for (kubectl get csr; nothing built in approves them; an approver such as kubelet-csr-approver can). The kubelet then renews it itself. Then start the API server with --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt.",
    reference: "https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-certs/#kubelet-serving-certs; KubeletConfiguration serverTLSBootstrap, tlsCertFile (https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/); cmd/kubelet/app/server.go (CanReadCertAndKey)",
};

fn check(ctx: &Ctx) -> Outcome {
    let Some(k) = ctx.obj.kubelet_config.as_ref() else {
        return Outcome::NotApplicable;
    };
    if k.server_tls_bootstrap || k.tls_cert_file.is_some() {
        return Outcome::Pass;
    }
    let mut detail = format!(
        "No tlsCertFile, and serverTLSBootstrap is {}: the kubelet serves port 10250 with /var/lib/kubelet/pki/kubelet.crt, signed by itself.",
        if k.server_tls_bootstrap_set { "false" } else { "not set (default false)" }
    );
    // The kubelet's own certificate, when the input holds it: "NODE@UNIX" issued by "NODE-ca@UNIX".
    for o in ctx.all.iter().filter(|o| o.source.contains("kubelet.crt")) {
        let Some(c) = o.certificate.as_ref().filter(|c| !c.extensions.is_ca()) else {
            continue;
        };
        detail.push_str(&format!(
            " Here: #{} {}, issued by {}, ends {}{}.",
            o.id,
            c.subject_text,
            c.issuer_text,
            c.validity.not_after,
            if c.validity.not_after_unix <= ctx.now {
                " (already expired: the kubelet still serves it)"
            } else {
                "; the kubelet will not renew it"
            }
        ));
        break;
    }
    Outcome::fail(Severity::Low, detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::kubelet::KubeletConfigFacts;
    use crate::engine::report::{Object, ObjectKind, Role};
    use crate::engine::rules::testkit::*;

    fn config(f: KubeletConfigFacts) -> Object {
        let mut o = Object::new(
            0,
            ObjectKind::KubeletConfig,
            Role::Standalone,
            "config.yaml: KubeletConfiguration".into(),
            None,
        );
        o.kubelet_config = Some(f);
        o
    }

    #[test]
    fn self_signed_unless_bootstrapped_or_given_files() {
        let out = run(&RULE, &config(KubeletConfigFacts::default()));
        assert_eq!(severity(&out), Some(Severity::Low));
        assert!(
            detail(&out).contains("serverTLSBootstrap is not set (default false)"),
            "{}",
            detail(&out)
        );
        let boot = KubeletConfigFacts {
            server_tls_bootstrap: true,
            server_tls_bootstrap_set: true,
            ..Default::default()
        };
        assert_eq!(run(&RULE, &config(boot)), Outcome::Pass);
        let files = KubeletConfigFacts {
            tls_cert_file: Some("/etc/kubelet/tls.crt".into()),
            ..Default::default()
        };
        assert_eq!(run(&RULE, &config(files)), Outcome::Pass);
    }

    #[test]
    fn names_the_kubelets_own_certificate_when_given() {
        let mut own = cert(&[("CN", "worker-1@1768003200")], 30);
        own.id = 1;
        own.source = "var/lib/kubelet/pki/kubelet.crt block 1".into();
        if let Some(c) = own.certificate.as_mut() {
            c.subject_text = "CN=worker-1@1768003200".into();
            c.issuer_text = "CN=worker-1-ca@1768003200".into();
        }
        let all = [config(KubeletConfigFacts::default()), own];
        let d = detail(&run_all(&RULE, &all, 0));
        assert!(
            d.contains("Here: #1 CN=worker-1@1768003200, issued by CN=worker-1-ca@1768003200"),
            "{d}"
        );
        assert!(d.contains("will not renew it"), "{d}");
    }
}
