//! A kubelet's configuration file: `kind: KubeletConfiguration` of `kubelet.config.k8s.io`
//! (`/var/lib/kubelet/config.yaml` on a kubeadm node, passed with `--config`). Only what decides
//! the kubelet's certificates is read: client-certificate rotation, the serving certificate's
//! source, the CA it trusts for clients. Field names and defaults from the KubeletConfiguration
//! reference (kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/).

use serde_json::Value;

use super::{prefix, Place, Reading};
use crate::engine::report::kubelet::KubeletConfigFacts;
use crate::engine::report::ObjectKind;
use crate::engine::util;

pub fn is_kubelet_config(v: &Value) -> bool {
    v.get("kind").and_then(Value::as_str) == Some("KubeletConfiguration")
}

/// The facts, with the defaults the kubelet applies to what the file leaves out.
pub fn read(v: &Value) -> KubeletConfigFacts {
    let flag = |k: &str| v.get(k).and_then(Value::as_bool);
    let text = |p: &str| {
        v.pointer(p)
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map(|s| util::clip(s, 200))
    };
    let rotate = flag("rotateCertificates");
    let bootstrap = flag("serverTLSBootstrap");
    let mut f = KubeletConfigFacts {
        api_version: v.get("apiVersion").and_then(Value::as_str).unwrap_or("").to_string(),
        rotate_certificates: rotate.unwrap_or(false),
        rotate_certificates_set: rotate.is_some(),
        server_tls_bootstrap: bootstrap.unwrap_or(false),
        server_tls_bootstrap_set: bootstrap.is_some(),
        tls_cert_file: text("/tlsCertFile"),
        tls_private_key_file: text("/tlsPrivateKeyFile"),
        client_ca_file: text("/authentication/x509/clientCAFile"),
        rotate_server_certificate_gate: v.pointer("/featureGates/RotateKubeletServerCertificate").and_then(Value::as_bool),
        ..Default::default()
    };
    f.client_certificate = if f.rotate_certificates {
        "renewed by the kubelet itself: at 70-90% of its life it sends a CertificateSigningRequest (signer kubernetes.io/kube-apiserver-client-kubelet), which the controller manager approves for the node renewing itself, and writes the new one to /var/lib/kubelet/pki/kubelet-client-current.pem".into()
    } else {
        format!(
            "never renewed by the kubelet (rotateCertificates {}): the certificate it has is used until it expires",
            if f.rotate_certificates_set {
                "is false"
            } else {
                "is not set, and defaults to false"
            }
        )
    };
    f.serving_certificate = match (&f.tls_cert_file, f.server_tls_bootstrap) {
        (Some(file), _) => format!("the files tlsCertFile {file} and tlsPrivateKeyFile {}, which whoever wrote them must renew", f.tls_private_key_file.as_deref().unwrap_or("(not set)")),
        (None, true) => "requested from the cluster (serverTLSBootstrap): a CertificateSigningRequest with signer kubernetes.io/kubelet-serving, which nothing approves automatically, then renewed the same way; written to /var/lib/kubelet/pki/kubelet-server-current.pem".into(),
        (None, false) => "signed by the kubelet itself (no tlsCertFile, serverTLSBootstrap false): /var/lib/kubelet/pki/kubelet.crt, issued by a CA the kubelet makes on the spot, which no client can verify".into(),
    };
    f
}

pub fn read_object(r: &mut Reading, v: &Value, _here: &str, place: &Place) {
    r.detected.push("KubeletConfiguration".into());
    let facts = read(v);
    let Some(id) = r.push(
        ObjectKind::KubeletConfig,
        &Place {
            source: format!("{}KubeletConfiguration", prefix(place)),
            ..place.clone()
        },
    ) else {
        return;
    };
    let o = &mut r.objects[id];
    o.label = format!(
        "KubeletConfiguration (client rotation {}, serving certificate {})",
        if facts.rotate_certificates { "on" } else { "off" },
        match (&facts.tls_cert_file, facts.server_tls_bootstrap) {
            (Some(_), _) => "from files",
            (None, true) => "from the cluster",
            (None, false) => "self-signed",
        }
    );
    o.kubelet_config = Some(facts);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply_to_what_the_file_leaves_out() {
        let v: Value = serde_json::json!({"apiVersion": "kubelet.config.k8s.io/v1beta1", "kind": "KubeletConfiguration"});
        let f = read(&v);
        assert!(!f.rotate_certificates && !f.rotate_certificates_set && !f.server_tls_bootstrap);
        assert!(f.client_certificate.contains("defaults to false"), "{}", f.client_certificate);
        assert!(f.serving_certificate.starts_with("signed by the kubelet itself"));
    }

    #[test]
    fn kubeadms_config_rotates_and_files_win_over_bootstrap() {
        let v: Value = serde_json::json!({
            "kind": "KubeletConfiguration", "rotateCertificates": true, "serverTLSBootstrap": true,
            "tlsCertFile": "/etc/kubelet/tls.crt", "tlsPrivateKeyFile": "/etc/kubelet/tls.key",
            "authentication": {"x509": {"clientCAFile": "/etc/kubernetes/pki/ca.crt"}},
            "featureGates": {"RotateKubeletServerCertificate": false}
        });
        let f = read(&v);
        assert!(f.rotate_certificates && f.rotate_certificates_set && f.server_tls_bootstrap);
        assert_eq!(f.client_ca_file.as_deref(), Some("/etc/kubernetes/pki/ca.crt"));
        assert_eq!(f.rotate_server_certificate_gate, Some(false));
        assert!(f.serving_certificate.contains("/etc/kubelet/tls.crt"));
        // A string where a boolean belongs is not taken as true.
        let f = read(&serde_json::json!({"kind": "KubeletConfiguration", "rotateCertificates": "true"}));
        assert!(!f.rotate_certificates);
    }
}
