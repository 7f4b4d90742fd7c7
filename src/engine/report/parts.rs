//! A `Report` as compact bytes that can be read back one object at a time, so it can cross from
//! a background thread (the page's Web Worker) and be rebuilt in small steps: rebuilding a report
//! of thousands of objects in one go would hold the page's main thread for hundreds of
//! milliseconds.
//!
//! The bytes are postcard (a small binary serde format, chosen over JSON because its decoder
//! adds a fraction of the code to the wasm): the report without its objects, the number of
//! objects, then each object in order.

use super::{Object, Report};

/// The report as bytes (see the module docs). Never fails: the report is plain data.
pub fn encode(report: &Report) -> Vec<u8> {
    let mut out = postcard::to_allocvec(&report.clone_without_objects()).unwrap_or_default();
    out = postcard::to_extend(&(report.objects.len() as u32), out).unwrap_or_default();
    for o in &report.objects {
        out = postcard::to_extend(o, out).unwrap_or_default();
    }
    out
}

/// The answer to a question about a report's identity (`kubectl auth can-i` typed in the page):
/// the decision and how the question was read, or why it could not be answered.
pub type Answer = Result<(super::access::Decision, Vec<String>), String>;

/// An [`Answer`] as bytes, to cross from the worker to the page like the report does.
pub fn encode_answer(answer: &Answer) -> Vec<u8> {
    postcard::to_allocvec(answer).unwrap_or_default()
}

/// Reads the bytes of [`encode_answer`] back; an unreadable answer becomes an `Err` that says so.
pub fn decode_answer(bytes: &[u8]) -> Answer {
    postcard::from_bytes::<Answer>(bytes).unwrap_or_else(|e| Err(format!("the answer could not be read: {e}")))
}

/// Reads the bytes of [`encode`] back, one object per [`Decoder::read_next`].
pub struct Decoder {
    bytes: Vec<u8>,
    at: usize,
    report: Report,
    total: usize,
}

impl Decoder {
    /// Reads the report's head and object count. An error says what could not be read.
    pub fn new(bytes: Vec<u8>) -> Result<Decoder, String> {
        let (report, rest) = postcard::take_from_bytes::<Report>(&bytes).map_err(|e| format!("report head: {e}"))?;
        let (total, rest) = postcard::take_from_bytes::<u32>(rest).map_err(|e| format!("object count: {e}"))?;
        let at = bytes.len() - rest.len();
        Ok(Decoder {
            report,
            total: total as usize,
            at,
            bytes,
        })
    }

    /// Objects read so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.report.objects.len(), self.total)
    }

    /// Reads the next object; `Ok(false)` once all are read.
    pub fn read_next(&mut self) -> Result<bool, String> {
        if self.report.objects.len() >= self.total {
            return Ok(false);
        }
        let (o, rest) = postcard::take_from_bytes::<Object>(&self.bytes[self.at..])
            .map_err(|e| format!("object {}: {e}", self.report.objects.len()))?;
        self.at = self.bytes.len() - rest.len();
        self.report.objects.push(o);
        Ok(true)
    }

    /// The report, once [`Decoder::read_next`] returned `Ok(false)`.
    pub fn finish(self) -> Report {
        self.report
    }
}

impl Report {
    fn clone_without_objects(&self) -> Report {
        Report {
            schema_version: self.schema_version,
            now: self.now.clone(),
            judged_as: self.judged_as.clone(),
            judged_for: self.judged_for.clone(),
            input: self.input.clone(),
            objects: Vec::new(),
            verdict: self.verdict.clone(),
            csr_queue: self.csr_queue.clone(),
            rbac: self.rbac.clone(),
            pki: self.pki.clone(),
            checklist: self.checklist.clone(),
            counts: self.counts.clone(),
            error: self.error.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(input: &[u8]) {
        let mut want = crate::engine::inspect(input, 1_790_000_000);
        let mut d = Decoder::new(encode(&want)).unwrap();
        assert_eq!(d.progress(), (0, want.objects.len()));
        while d.read_next().unwrap() {}
        let got = d.finish();
        // A certificate's or request's DER is never serialised (the report carries facts, not bytes).
        for o in want.objects.iter_mut() {
            if let Some(c) = o.certificate.as_mut() {
                c.der.clear();
            }
            if let Some(r) = o.request.as_mut() {
                r.der.clear();
            }
        }
        assert_eq!(got, want);
    }

    #[test]
    fn every_kind_of_report_comes_back_whole() {
        let fx = |n: &str| std::fs::read(format!("{}/tests/fixtures/{n}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        for f in [
            "debian-ca-certificates.crt",
            "admin.conf",
            "csr-object-system-masters.yaml",
            "csr-list.yaml",
            "kubeconfig-token-and-cert.yaml",
        ] {
            round_trip(&fx(f));
        }
        round_trip(b"not a certificate");
    }

    #[test]
    fn a_question_s_answer_comes_back_whole() {
        let paste = std::fs::read(format!(
            "{}/tests/fixtures/rbac/paste-amy-and-amy-view.txt",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let a = crate::engine::analyse(&[crate::engine::Input { name: "", bytes: &paste }], 1_795_000_000);
        let policy = a.policy.expect("RBAC objects give a policy");
        let who = crate::engine::analyse::authz::Who {
            user: "amy".into(),
            groups: vec!["system:authenticated".into()],
        };
        let yes = crate::engine::analyse::can_i::ask(&a.report, &policy, &who, "get pods -n dev");
        assert!(matches!(&yes, Ok((d, _)) if d.allowed), "{yes:?}");
        assert_eq!(decode_answer(&encode_answer(&yes)), yes);
        let not_understood = crate::engine::analyse::can_i::ask(&a.report, &policy, &who, "get");
        assert!(not_understood.is_err());
        assert_eq!(decode_answer(&encode_answer(&not_understood)), not_understood);
        // Damaged bytes: an answer that says so, not a panic.
        let damaged = decode_answer(&[0x00, 0xff, 0xff]);
        assert!(
            matches!(&damaged, Err(e) if e.starts_with("the answer could not be read")),
            "{damaged:?}"
        );
    }

    #[test]
    fn damaged_bytes_are_an_error_not_a_panic() {
        assert!(Decoder::new(vec![0xff; 3]).is_err());
        let mut bytes = encode(&crate::engine::inspect(
            &std::fs::read(format!("{}/tests/fixtures/admin.conf", env!("CARGO_MANIFEST_DIR"))).unwrap(),
            0,
        ));
        bytes.truncate(bytes.len() - 10);
        let mut d = Decoder::new(bytes).unwrap();
        let mut result = Ok(true);
        while result == Ok(true) {
            result = d.read_next();
        }
        assert!(result.unwrap_err().starts_with("object "));
    }
}
