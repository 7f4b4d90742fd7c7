// TypeScript declarations for the module `trunk build --release` writes
// (kube-cert-inspector.js). Written from the Rust types in src/engine/ and checked against real
// output by the browser tests (tsc --noEmit on reports of every kind of input), so they cannot
// drift silently. The JSON shape is documented in docs/report-json.md (schema_version 1).

/** Loads the WebAssembly module; call once before inspect(). */
export default function init(options?: { module_or_path?: string | URL | Request | Response | BufferSource | WebAssembly.Module }): Promise<unknown>;
export function initSync(options: { module: BufferSource | WebAssembly.Module }): unknown;

/**
 * Inspects PEM, base64, YAML or JSON text and returns the Report.
 * `now`: an RFC 3339 string or milliseconds since 1970 (default: the browser's clock).
 * Throws an Error for a malformed `now`; any input text gives a Report.
 */
/** A Kubernetes release the inspector judges for (`kube-cert-inspector --releases`). */
export type KubernetesRelease = "1.33" | "1.34" | "1.35" | "1.36" | "1.37" | "1.38";

export interface InspectOptions {
  /** The instant validity is judged at: RFC 3339 text or unix seconds; the browser's clock when absent. */
  now?: string | number;
  /** The Kubernetes release judged for; the newest ("1.37") when absent. */
  kubernetes?: KubernetesRelease;
  /** Parse as another Go release's crypto/x509 than the Kubernetes release's own. */
  go?: "1.23" | "1.24" | "1.25" | "1.26" | "1.27";
}

export interface JudgedFor {
  /** "1.37". */
  kubernetes: string;
  /** The Go release whose crypto/x509 parsed the certificates: "1.26". */
  go: string;
  /** Whether this release reads the UID subject attribute (1.34 on). */
  uid_from_certificates: boolean;
  /** Where the release's Go version comes from. */
  source: string;
}

export function inspect(text: string, options?: InspectOptions): Report;
/** Bytes as a dropped file is read: DER, a .tar/.tar.gz/.tgz archive (a control plane's /etc/kubernetes gives `pki`), or text. */
export function inspectBytes(bytes: Uint8Array, options?: InspectOptions): Report;

export type Severity = "info" | "low" | "medium" | "high" | "critical";
export type VerdictLevel = "routine" | "review_carefully" | "do_not_approve";
export type ObjectKind = "certificate" | "certificate_request" | "csr_object" | "kubeconfig" | "tls_secret" | "private_key" | "public_key" | "token" | "error_message" | "kubelet_config";
export type Role = "standalone" | "kubeconfig_client" | "kubeconfig_ca" | "csr_issued" | "secret_tls" | "secret_ca";
export type IdentityKind = "nobody" | "superuser" | "kubeadm_admin" | "node" | "node_lookalike" | "control_plane" | "service_account" | "bootstrap" | "anonymous" | "ordinary";

export interface Report {
  schema_version: number;
  now: string;
  /** What the report judged for, in words: "Kubernetes 1.37 (Go 1.26)" (the `kubernetes` and `go` options). */
  judged_as: string;
  /** The same, field by field. */
  judged_for: JudgedFor;
  input: InputSummary;
  objects: KObject[];
  verdict: Verdict | null;
  csr_queue: CsrQueue | null;
  /** What the input's identities may do under RBAC (the pasted objects, or Kubernetes' default policy). */
  rbac: RbacReport | null;
  /** Set when the input is a control plane's /etc/kubernetes (a folder or an archive). */
  pki: PkiReport | null;
  /** The certificate security checklist, when the input is more than one file. */
  checklist: Checklist | null;
  counts: Counts;
  error: InputError | null;
}

export interface Containment {
  /** The certificate's notAfter: it works until then (no revocation). */
  works_until: string;
  window: string;
  rbac_contains: boolean;
  beyond_rbac: string[];
  cluster_rbac_given: boolean;
  user_bindings: BindingStep[];
  group_bindings: BindingStep[];
  afterwards: string[];
  steps: string[];
}

export interface BindingStep {
  binding: string;
  role: string;
  subject: string;
  /** kubectl delete, or a JSON patch removing only this subject; empty for Kubernetes' own bindings. */
  command: string;
  note: string;
}

export interface Checklist {
  items: {
    id: "protect-private-keys" | "manage-expiration" | "minimise-trust" | "short-lived-credentials";
    title: string;
    status: "pass" | "fail" | "not_in_input";
    /** What the input let the item check, or what it lacks. */
    summary: string;
    rules: string[];
    /** Its findings above info, worst first. */
    findings: { object: number; rule: string; severity: Severity; title: string }[];
  }[];
}

export interface InputSummary {
  bytes: number;
  detected: string[];
  not_understood: string[];
  recovered: string[];
}

export interface InputError {
  code: "empty" | "too_large" | "unrecognised" | "nothing_usable";
  message: string;
}

export interface Verdict {
  level: VerdictLevel;
  label: string;
  headline: string;
  reasons: string[];
}

export interface Counts {
  critical: number;
  high: number;
  medium: number;
  low: number;
  info: number;
}

/** One recognised thing (a certificate, CSR, CSR object, kubeconfig, Secret, key or token). */
export interface KObject {
  id: number;
  kind: ObjectKind;
  role: Role;
  label: string;
  source: string;
  parent: number | null;
  username: string | null;
  groups: string[];
  not_before: string | null;
  not_after: string | null;
  identity: Identity | null;
  certificate: CertFacts | null;
  request: CsrFacts | null;
  csr_object: CsrObjectFacts | null;
  kubeconfig: KubeconfigFacts | null;
  secret: SecretFacts | null;
  key: KeyFacts | null;
  token: TokenFacts | null;
  /** An error message kubectl, client-go or Go printed, explained (kind "error_message"). */
  error_message: ErrorMessageFacts | null;
  /** A kubelet's configuration file: how it gets and renews its certificates (kind "kubelet_config"). */
  kubelet_config: KubeletConfigFacts | null;
  issued_by: number | null;
  /** Why Go's Verify with client auth refuses it through the chain in the input (a CA's EKU). */
  chain_problem: string | null;
  key_matches: number[];
  /** Index into `rbac.identities`. */
  access: number | null;
  /** For a client certificate with an RBAC view: what to do if it leaked. */
  containment: Containment | null;
  findings: Finding[];
  passed: string[];
  not_applicable: string[];
  verdict: Verdict | null;
}

export interface Finding {
  id: string;
  severity: Severity;
  title: string;
  detail: string;
  why: string;
  fix: string;
  reference: string;
  rejected_by_kubernetes: boolean;
}

export interface Identity {
  username: string | null;
  subject_groups: string[];
  groups_source: "subject" | "token";
  added_groups: string[];
  uid: string | null;
  uid_error: string | null;
  kind: IdentityKind;
  kind_label: string;
  can_do: string;
  notes: string[];
}

export interface NameAttr {
  oid: string;
  short: string;
  value: string;
  rdn: number;
  meaning: "username" | "group" | "uid" | "ignored_cn" | "ignored";
  /** True when the value is not an ASN.1 string (shown as `#` + hex). */
  not_a_string: boolean;
  /** Why Go's parser refuses the value ("invalid PrintableString", "unsupported string type: 2", …),
   *  which makes it refuse the whole certificate or request; null when Go reads it. */
  go_error: string | null;
}

export interface PublicKeyFacts {
  algorithm: string;
  bits: number | null;
  curve: string | null;
  summary: string;
  key_id: string;
}

export interface SignatureAlgorithm {
  oid: string;
  name: string;
  hash: string | null;
}

export type SignatureCheck =
  | { status: "valid" }
  | { status: "invalid" }
  | { status: "unchecked"; reason: string }
  | { status: "refused"; reason: string };

export interface Sans {
  dns: string[];
  ip: string[];
  email: string[];
  uri: string[];
  other: string[];
}

export interface ExtensionFacts {
  sans: Sans;
  key_usage: string[];
  extended_key_usage: string[];
  has_extended_key_usage: boolean;
  basic_constraints: { ca: boolean; path_len: number | null; critical: boolean } | null;
  subject_key_id: string | null;
  authority_key_id: string | null;
  list: { oid: string; name: string; critical: boolean }[];
}

export interface Validity {
  not_before: string;
  not_after: string;
  not_before_unix: number;
  not_after_unix: number;
  lifetime_seconds: number;
  lifetime: string;
  status: string;
  seconds_left: number;
  relative: string;
}

export interface CertFacts {
  version: number;
  subject: NameAttr[];
  subject_text: string;
  issuer: NameAttr[];
  issuer_text: string;
  self_issued: boolean;
  serial: string;
  validity: Validity;
  public_key: PublicKeyFacts;
  signature_algorithm: SignatureAlgorithm;
  extensions: ExtensionFacts;
  sha256_fingerprint: string;
  purpose: string;
  /** Why Go's x509.ParseCertificate refuses it (beyond its names), in Go's words. */
  go_error: string | null;
  /** Critical extensions (OIDs) Go does not handle: its Verify refuses the certificate. */
  unhandled_critical: string[];
  /** On a version 1 or 2 certificate: the extensions present, which Go never reads. */
  ignored_extensions: { oid: string; name: string; critical: boolean }[];
}

export interface CsrFacts {
  subject: NameAttr[];
  subject_text: string;
  public_key: PublicKeyFacts;
  signature_algorithm: SignatureAlgorithm;
  signature: SignatureCheck;
  extensions: ExtensionFacts;
  has_challenge_password: boolean;
  sha256_fingerprint: string;
  /** Why Go's x509.ParseCertificateRequest refuses it (beyond its names), in Go's words. */
  go_error: string | null;
}

export interface CsrObjectFacts {
  name: string;
  created: string | null;
  created_unix: number | null;
  api_version: string;
  signer_name: string | null;
  signer_defaulted: boolean;
  usages: string[];
  usages_defaulted: boolean;
  expiration_seconds: number | null;
  expected_lifetime: string;
  requester: { username: string | null; uid: string | null; groups: string[] };
  conditions: { type: string; status: string; reason: string | null; message: string | null }[];
  state: "Pending" | "Approved" | "Issued" | "Denied" | "Failed";
  request_error: string | null;
  issued: number[];
  described: boolean;
  resubmit_with_lifetime: string | null;
  approve_command: string;
  deny_command: string;
}

export interface KubeconfigFacts {
  current_context: string | null;
  clusters: {
    name: string;
    server: string | null;
    insecure_skip_tls_verify: boolean;
    tls_server_name: string | null;
    proxy_url: string | null;
    ca_objects: number[];
    ca_path: string | null;
  }[];
  users: {
    name: string;
    auth_methods: string[];
    client_certificate: number | null;
    client_key: number | null;
    token: number | null;
    client_certificate_path: string | null;
    client_key_path: string | null;
    token_file: string | null;
    basic_auth_username: string | null;
    has_password: boolean;
    exec: { command: string; args: string[]; api_version: string | null } | null;
    auth_provider: string | null;
    impersonate_user: string | null;
    impersonate_groups: string[];
  }[];
  contexts: {
    name: string;
    cluster: string;
    user: string;
    namespace: string | null;
    cluster_found: boolean;
    user_found: boolean;
    current: boolean;
    identity: string | null;
    server: string | null;
    expires: string | null;
  }[];
  /** Paths the input does not hold. */
  file_references: string[];
  /** Paths the input holds ("user U: client-certificate PATH: FILE (#ID)"): the user's or cluster's objects then come from that file. */
  resolved_references: string[];
  omitted: string[];
}

/** A kubelet's `KubeletConfiguration` (/var/lib/kubelet/config.yaml), with the kubelet's defaults applied. */
export interface KubeletConfigFacts {
  api_version: string;
  /** `rotateCertificates` (default false). */
  rotate_certificates: boolean;
  rotate_certificates_set: boolean;
  /** `serverTLSBootstrap` (default false). */
  server_tls_bootstrap: boolean;
  server_tls_bootstrap_set: boolean;
  tls_cert_file: string | null;
  tls_private_key_file: string | null;
  /** `authentication.x509.clientCAFile`. */
  client_ca_file: string | null;
  /** The `RotateKubeletServerCertificate` feature gate, when the file sets it. */
  rotate_server_certificate_gate: boolean | null;
  /** How the client certificate is renewed, in words. */
  client_certificate: string;
  /** Where the serving certificate comes from, in words. */
  serving_certificate: string;
}

export interface SecretFacts {
  name: string;
  namespace: string | null;
  secret_type: string;
  keys: string[];
}

export interface KeyFacts {
  visibility: string;
  format: string;
  algorithm: string;
  bits: number | null;
  curve: string | null;
  summary: string;
  encrypted: boolean;
  key_id: string;
  note: string | null;
}

export interface TokenFacts {
  kind: string;
  preview: string;
  jwt: {
    algorithm: string | null;
    issuer: string | null;
    subject: string | null;
    audience: string[];
    issued_at: string | null;
    expires: string | null;
    expires_unix: number | null;
    namespace: string | null;
    service_account: string | null;
    pod: string | null;
    legacy_service_account: boolean;
  } | null;
  bootstrap_token_id: string | null;
}

export interface CsrQueue {
  rows: {
    object: number;
    name: string;
    age: string;
    age_seconds: number | null;
    signer_name: string;
    requestor: string;
    requested_duration: string;
    requested_seconds: number | null;
    condition: string;
    username: string | null;
    groups: string[];
    verdict: VerdictLevel;
    verdict_label: string;
    worst: Severity | null;
    reason: string | null;
  }[];
  approve_command: string | null;
  deny_command: string | null;
  to_review: string[];
}

export interface RbacReport {
  origin: "pasted" | "bootstrap";
  caveat: string | null;
  cluster_roles: number;
  roles: number;
  cluster_role_bindings: number;
  role_bindings: number;
  computed: string[];
  dangling: string[];
  identities: Access[];
  holders: { id: string; title: string; holders: { subject: string; severity: Severity; scope: string; via: string }[] }[];
  note: string | null;
}

export interface Access {
  username: string;
  groups: string[];
  superuser: boolean;
  notes: string[];
  bindings: { binding: string; role: string; matched: string; role_missing: boolean; computed: boolean }[];
  /** `namespace: null` is every namespace and cluster-wide (ClusterRoleBindings only). */
  scopes: { namespace: string | null; rows: ListRow[]; more: number }[];
  powers: { id: string; title: string; severity: Severity; scope: string; via: string; why: string }[];
}

/** One row of `kubectl auth can-i --list`. */
export interface ListRow {
  resource: string;
  non_resource_urls: string[];
  resource_names: string[];
  verbs: string[];
}

export interface ExpirationRow {
  name: string;
  path: string;
  object: number | null;
  expires: string;
  expires_unix: number | null;
  residual: string;
  residual_seconds: number | null;
  authority: string;
  externally_managed: boolean;
  missing: boolean;
}

export interface PkiReport {
  root: string;
  certificates: ExpirationRow[];
  authorities: ExpirationRow[];
  links: { link: string; client: string; client_signed_by: string; server: string | null; server_signed_by: string; trusts: string; ok: boolean; problem: string | null }[];
  missing: { path: string; why: string }[];
  files: { object: number; name: string; path: string; kind: string; expect: string; signed_by: string }[];
  flags: { manifest: string; flag: string; value: string; expected: string; ok: boolean; problem: string | null }[];
}

/** An error message kubectl printed, explained and diagnosed with what came with it. */
export interface ErrorMessageFacts {
  kind:
    | "unauthorized" | "forbidden" | "forbidden-anonymous" | "unknown-authority" | "certificate-expired"
    | "hostname-mismatch" | "no-resource-type" | "csr-invalid-request" | "csr-bad-base64" | "csr-unknown-field"
    | "exec-plugin";
  line: string;
  title: string;
  meaning: string;
  causes: string[];
  /** Lines starting with "$ " are commands. */
  next: string[];
  source: string;
  request: {
    user: string; verb: string; resource: string; subresource: string; group: string;
    namespace: string | null; path: string | null;
  } | null;
  current_time: string | null;
  not_after: string | null;
  valid_for: string[];
  asked_for: string | null;
  resource_type: string | null;
  diagnosis: { object: number | null; at_fault: boolean; text: string }[];
  cause_found: boolean;
  can_i: string | null;
  decision: Decision | null;
  grant: string[];
  grant_warning: string | null;
}

/** The answer to one request, as `--can-i --json` gives it. */
export interface Decision {
  allowed: boolean;
  request: { verb: string; group: string; resource: string; subresource: string; name: string; namespace: string; path: string | null };
  via: {
    binding: string;
    role: string;
    rule: { apiGroups: string[]; resources: string[]; resourceNames: string[]; nonResourceURLs: string[]; verbs: string[] } | null;
    matched: string;
  } | null;
  reason: string;
  notes: string[];
}
