//! A kubelet's own configuration file (`/var/lib/kubelet/config.yaml`, a `KubeletConfiguration`
//! of `kubelet.config.k8s.io/v1beta1`) as the report carries it: the fields that decide how the
//! kubelet gets and renews its certificates. Read by `read::kubelet_config`.
//!
//! Defaults from the KubeletConfiguration reference (kubelet-config.v1beta1): `rotateCertificates`
//! false, `serverTLSBootstrap` false, `tlsCertFile` "" (the kubelet then signs its own serving
//! certificate into its `--cert-dir`, `/var/lib/kubelet/pki`).

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct KubeletConfigFacts {
    /// `kubelet.config.k8s.io/v1beta1`.
    pub api_version: String,
    /// `rotateCertificates`, with the default (false) when not set.
    pub rotate_certificates: bool,
    /// Whether the file sets `rotateCertificates` at all.
    pub rotate_certificates_set: bool,
    /// `serverTLSBootstrap`, with the default (false) when not set.
    pub server_tls_bootstrap: bool,
    pub server_tls_bootstrap_set: bool,
    /// `tlsCertFile` / `tlsPrivateKeyFile`: a serving certificate given as files.
    pub tls_cert_file: Option<String>,
    pub tls_private_key_file: Option<String>,
    /// `authentication.x509.clientCAFile`: the CA the kubelet trusts for client certificates
    /// (the API server's `apiserver-kubelet-client`).
    pub client_ca_file: Option<String>,
    /// The `featureGates` entry `RotateKubeletServerCertificate`, when set.
    pub rotate_server_certificate_gate: Option<bool>,
    /// How the kubelet's client certificate (its login to the API server) is renewed, in words.
    pub client_certificate: String,
    /// Where the kubelet's serving certificate (port 10250) comes from, in words.
    pub serving_certificate: String,
}
