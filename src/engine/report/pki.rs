//! A control-plane node's PKI as the report carries it: kubeadm's expiry rows, the trust map,
//! what is missing, which file is which, and the static Pod manifests' file flags. Filled in by
//! `analyse::pki`, which knows kubeadm's layout.

use serde::{Deserialize, Serialize};

/// One row of `kubeadm certs check-expiration`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ExpirationRow {
    pub name: String,
    /// The file, as found (with the folder's or archive's prefix).
    pub path: String,
    /// The certificate's object id; `None` when missing.
    pub object: Option<usize>,
    /// "Jun 01, 2027 00:00 UTC", as kubeadm prints it.
    pub expires: String,
    pub expires_unix: Option<i64>,
    /// kubeadm's residual time: "188d", "9y", "<invalid>" once expired.
    pub residual: String,
    pub residual_seconds: Option<i64>,
    /// The CA kubeadm signs it with (empty for CAs).
    pub authority: String,
    /// kubeadm's EXTERNALLY MANAGED: the CA's key is not here, so kubeadm cannot renew it.
    pub externally_managed: bool,
    pub missing: bool,
}

/// One mTLS link: who presents which certificate to whom, and whether the CAs line up.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct TrustLink {
    /// "API server → etcd".
    pub link: String,
    /// The client's certificate (kubeadm name) and the CA that signed it ("" when unknown).
    pub client: String,
    pub client_signed_by: String,
    /// The server's certificate and its signer; `None` when the server's certificate is not
    /// kubeadm's to hold (a kubelet's serving certificate, extension API servers).
    pub server: Option<String>,
    pub server_signed_by: String,
    /// The CA the server trusts for clients (and the client for the server).
    pub trusts: String,
    pub ok: bool,
    /// What breaks when not ok.
    pub problem: Option<String>,
}

/// A file kubeadm's layout expects and the input lacks.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Missing {
    pub path: String,
    pub why: String,
}

/// A file flag of a static Pod manifest, checked against kubeadm's layout.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct FlagCheck {
    /// "manifests/etcd.yaml".
    pub manifest: String,
    /// "--trusted-ca-file".
    pub flag: String,
    /// The value as written ("/etc/kubernetes/pki/ca.crt").
    pub value: String,
    /// The file kubeadm passes ("pki/etcd/ca.crt").
    pub expected: String,
    pub ok: bool,
    pub problem: Option<String>,
}

/// The PKI of one control-plane node.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PkiReport {
    /// The folder the layout was found under ("kubernetes/" for `tar czf … -C /etc kubernetes`).
    pub root: String,
    pub certificates: Vec<ExpirationRow>,
    pub authorities: Vec<ExpirationRow>,
    pub links: Vec<TrustLink>,
    pub missing: Vec<Missing>,
    /// Which kubeadm file each object is: (object id, kubeadm name, expected CA).
    pub files: Vec<PkiFile>,
    /// The static Pod manifests' file flags (`--etcd-cafile`, `--trusted-ca-file` …).
    pub flags: Vec<FlagCheck>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PkiFile {
    pub object: usize,
    /// kubeadm's name ("apiserver", "etcd-ca", "sa.key", "apiserver.key").
    pub name: String,
    pub path: String,
    /// `cert`, `ca`, `key`, `ca-key`, `sa-key`, `sa-pub`, `kubeconfig-cert`.
    pub kind: String,
    /// For certificates: the CA kubeadm signs it with; for keys: the certificate they belong to.
    pub expect: String,
    /// For certificates: the CA that did sign it, by verified signature ("" when none here did).
    pub signed_by: String,
}
