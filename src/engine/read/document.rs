//! YAML and JSON text: one or more documents (`---`-separated YAML, a JSON value, a `List`), each
//! handed to the document readers ([`super::DOCUMENT_READERS`]) by [`Reading::read_document`].

use super::{prefix, sniff, Place, Reading, Text};

/// YAML or JSON documents, unless the text is PEM at the start of a line (inside YAML or JSON PEM
/// is indented or quoted): then the PEM reader takes it, with the YAML around it.
pub fn read_text(r: &mut Reading, t: &Text, place: &Place) -> Option<bool> {
    let top_level_pem = t.has_pem && t.text.lines().any(|l| l.starts_with("-----BEGIN "));
    if !sniff::looks_structured(t.text) || top_level_pem {
        return None;
    }
    match sniff::documents(t.text) {
        Ok(docs) => {
            let structured = docs.iter().any(|d| d.is_object() || d.is_array());
            for (i, d) in docs.iter().enumerate() {
                r.read_document(d, i, docs.len(), place);
            }
            let read_some = r.objects.len() > t.before_objects();
            (read_some || (structured && !t.has_pem)).then(|| t.progressed(r))
        }
        Err(e) if !t.has_pem => {
            r.not_understood.push(format!("{}{}.", prefix(place), e));
            Some(true)
        }
        Err(_) => None,
    }
}
