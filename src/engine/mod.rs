//! The pure inspection engine: bytes + "now" in, [`Report`] out. No browser types, no clock,
//! no panics on input.
//!
//! Where things live:
//! - `read/`: one reader per kind of input (PEM, DER, base64, YAML/JSON documents, CSR objects,
//!   kubeconfigs, Secrets, tokens, RBAC objects, Pods, kubectl's text output, archives) and the
//!   two tables that dispatch them;
//! - `facts/`: what a certificate, request, key or token *is* (as Go reads it), and the identity
//!   a subject maps to;
//! - `analyse/`: what the objects mean together (links, RBAC access, the PKI audit, the queue,
//!   the summary);
//! - `rules/`: one risk check per file, and the registry;
//! - `report/`: the contract every front end renders; it imports nothing above it.

pub mod analyse;
pub mod compose;
pub mod facts;
pub mod first;
pub mod read;
pub mod report;
pub mod rules;
pub mod util;

use std::borrow::Cow;

use report::{InputSummary, Report, SCHEMA_VERSION};

/// At most this many objects are built from one input (a CA bundle has ~150).
pub const MAX_OBJECTS: usize = 5000;
/// At most this many "not understood" messages are kept, so hostile input cannot flood the page.
pub const MAX_NOTES: usize = 50;

/// Inspects whatever was pasted or dropped. `now` is unix seconds (the caller's clock).
pub fn inspect(input: &[u8], now: i64) -> Report {
    analyse(&[Input { name: "", bytes: input }], now).report
}

/// One input: a file's name (empty for a paste) and its bytes.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// The report, and the RBAC policy it was computed with (for `--can-i` questions).
pub struct Analysis {
    pub report: Report,
    pub policy: Option<Cow<'static, read::rbac::Policy>>,
}

/// [`analyse_as`] for the newest Kubernetes release.
pub fn analyse(files: &[Input], now: i64) -> Analysis {
    analyse_as(files, now, facts::release::Target::default())
}

/// What a file system says about the files given, beyond their bytes: each file's mode and owner,
/// and the symbolic links among them. The CLI fills it in when it reads a folder; archives carry
/// their own in their headers. A browser sees neither.
#[derive(Default, Clone, Debug)]
pub struct FileSystem {
    pub files: Vec<read::archive::FileMeta>,
    /// (path, target as written), paths named as the files are.
    pub links: Vec<(String, String)>,
}

/// Unpack, read, link, analyse, summarise, for the `target` Kubernetes release (certificates read
/// as its Go release's crypto/x509 reads them).
/// Several files are read together (a certificate with the cluster's RBAC objects, a node's
/// /etc/kubernetes); each object's `source` starts with its file's name.
pub fn analyse_as(files: &[Input], now: i64, target: facts::release::Target) -> Analysis {
    analyse_files(files, &FileSystem::default(), now, target)
}

/// [`analyse_as`] with what the file system says about `files` (modes, owners, links).
pub fn analyse_files(files: &[Input], fs: &FileSystem, now: i64, target: facts::release::Target) -> Analysis {
    // Unpack: archives become the files inside them, each named by its path.
    let mut unpacked = read::archive::unpack(files);
    unpacked.files.extend(fs.files.iter().cloned());
    unpacked.links.extend(fs.links.iter().cloned());
    let inputs = unpacked.inputs(files);
    // Read: every input into objects, RBAC objects into a policy.
    let mut r = read::Reading::new(now);
    r.target = target;
    r.detected.extend(unpacked.detected.iter().cloned());
    r.not_understood.extend(unpacked.notes.iter().cloned());
    let error = r.read_all(&inputs, !files.is_empty());
    // Link: who issued whom, which key is whose, which file a kubeconfig names.
    analyse::link::link(&mut r.objects);
    let paths: Vec<&str> = inputs.iter().map(|f| f.name).collect();
    analyse::link::file_references(&mut r.objects, &paths, &unpacked.links);
    let rbac_given = !r.rbac.is_empty();
    if rbac_given {
        r.detected.push(analyse::access::detected(&r.rbac));
    }
    let read::Reading {
        mut objects,
        mut detected,
        mut not_understood,
        recovered,
        rbac,
        pods,
        ..
    } = r;
    // Analyse: a control plane's PKI, what each identity may do, then every rule.
    let pki = analyse::pki::audit(&objects, &paths, &analyse::pki::manifests(&pods), now);
    if let Some(p) = &pki {
        analyse::pki::withdraw_manifest_notes(p, &pods, &mut not_understood, &mut detected);
    }
    let access = analyse::access::resolve(rbac, &mut objects);
    analyse::contain::plan(&mut objects, access.policy.as_deref(), access.report.as_ref(), now);
    analyse::explain::explain(&mut objects, access.policy.as_deref(), now);
    rules::evaluate(&mut objects, now, access.report.as_ref(), pki.as_ref(), &unpacked.files);
    analyse::settle_verdicts(&mut objects);
    // Summarise.
    let error = error.or_else(|| analyse::summary::nothing_usable(&objects, rbac_given, &not_understood));
    let report = Report {
        schema_version: SCHEMA_VERSION,
        now: util::rfc3339(now),
        judged_as: target.name(),
        judged_for: facts::release::JudgedFor::from(&target),
        input: InputSummary {
            bytes: files.iter().map(|f| f.bytes.len()).sum(),
            detected: analyse::summary::detected(&objects, &detected),
            not_understood,
            recovered,
        },
        verdict: analyse::summary::verdict(&objects),
        csr_queue: analyse::queue::build(&objects, now),
        counts: analyse::summary::counts(&objects),
        rbac: access.report,
        pki,
        checklist: (inputs.len() > 1).then(|| analyse::checklist::build(&objects)),
        objects,
        error,
    };
    Analysis {
        report,
        policy: access.policy,
    }
}
