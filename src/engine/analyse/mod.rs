//! What the objects read *mean* together, once everything is read: who issued whom and which key
//! is whose (`link`), what each identity may do under RBAC (`access`, with the authorizer in
//! `authz` and `kubectl auth can-i` in `can_i`), a control-plane node's PKI (`pki`), what the
//! error messages given with the rest point at (`explain`), the review queue (`queue`), the security
//! checklist (`checklist`), and the summary (`summary`). Each takes the objects and adds its part of the report.

pub mod access;
pub mod authz;
pub mod can_i;
pub mod checklist;
pub mod contain;
pub mod explain;
pub mod link;
pub mod pki;
pub mod queue;
pub mod resources;
pub mod summary;

use super::report::{Object, VerdictLevel};

/// After the rules: a request not to approve at all is not fixed by a shorter lifetime, so its
/// "resubmit with" suggestion goes.
pub fn settle_verdicts(objects: &mut [Object]) {
    for o in objects.iter_mut() {
        let refused = o.verdict.as_ref().is_some_and(|v| v.level == VerdictLevel::DoNotApprove);
        if let (true, Some(c)) = (refused, o.csr_object.as_mut()) {
            c.resubmit_with_lifetime = None;
        }
    }
}
