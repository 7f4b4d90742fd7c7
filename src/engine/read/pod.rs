//! Pod documents: not understood on their own, but a control-plane node's static Pod manifests
//! (`/etc/kubernetes/manifests/*.yaml`) carry the file flags the PKI audit checks, so each Pod's
//! first container command is kept, and its "not understood" note withdrawn when the audit knows
//! the manifest.

use serde_json::Value;

use super::{not_a_known_kind, Place, Reading};

/// A Pod document: where it was read, its first container's command and args, and the index of
/// the "not understood" note it got.
pub struct StaticPod {
    pub source: String,
    pub argv: Vec<String>,
    pub note: usize,
}

pub fn is_pod(v: &Value) -> bool {
    v.get("kind").and_then(Value::as_str) == Some("Pod")
}

pub fn read_object(r: &mut Reading, v: &Value, here: &str, place: &Place) {
    r.pods.push(StaticPod {
        source: place.source.clone(),
        argv: pod_argv(v),
        note: r.not_understood.len(),
    });
    r.not_understood.push(not_a_known_kind(here, Some("Pod")));
}

/// The first container's command and args.
fn pod_argv(pod: &Value) -> Vec<String> {
    let Some(c) = pod.pointer("/spec/containers/0") else {
        return Vec::new();
    };
    let strings = |k: &str| -> Vec<String> {
        c.get(k)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
            .unwrap_or_default()
    };
    [strings("command"), strings("args")].concat()
}
