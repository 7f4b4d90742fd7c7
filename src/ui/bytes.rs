//! "See the bytes" (issue #22): a certificate's or request's ASN.1 tree beside its hex dump. The
//! tree comes from the engine's worker only when the learner opens it (`facts::asn1`), so the
//! page stays light until then. Choosing an element (mouse or keyboard) marks its bytes; the
//! subject's attributes are linked both ways with the identity table's rows.

use yew::prelude::*;

use super::SharedReport;
use crate::engine::facts::asn1::{ByteView, Node};

#[derive(Properties, PartialEq)]
pub struct BytesProps {
    pub report: SharedReport,
    pub index: usize,
    /// The subject attribute chosen (here or in the identity table).
    pub selected_attr: Option<u32>,
    pub on_select_attr: Callback<Option<u32>>,
}

fn node_text(n: &Node) -> String {
    let mut t = format!("{} · {} + {} bytes", n.tag, n.header, n.length);
    if !n.label.is_empty() {
        t = format!("{}: {t}", n.label);
    }
    t
}

#[function_component(BytesView)]
pub fn bytes_view(p: &BytesProps) -> Html {
    let view = use_state(|| None::<Result<ByteView, String>>);
    let chosen = use_state(|| None::<usize>);
    let ontoggle = {
        let (view, report, index) = (view.clone(), p.report.clone(), p.index);
        Callback::from(move |e: Event| {
            let open = e.target_dyn_into::<web_sys::HtmlDetailsElement>().is_some_and(|d| d.open());
            if !open || view.is_some() {
                return;
            }
            let view = view.clone();
            match super::background::engine() {
                Ok(engine) => engine.byte_view(report.1, index, move |r| {
                    view.set(Some(r.and_then(|b| {
                        postcard::from_bytes(&b).map_err(|e| format!("the byte view could not be read: {e}"))
                    })))
                }),
                Err(e) => view.set(Some(Err(e))),
            }
        })
    };
    // The identity table chose an attribute: choose its value here.
    let from_table = match (&*view, p.selected_attr) {
        (Some(Ok(v)), Some(a)) => v.nodes.iter().position(|n| n.attr == Some(a) && n.label == "value"),
        _ => None,
    };
    let current = from_table
        .filter(|_| chosen.is_none_or(|c| matches!(&*view, Some(Ok(v)) if v.nodes[c].attr != p.selected_attr)))
        .or(*chosen);

    let body = match &*view {
        None => html! { <p class="hint">{ "Reading the bytes…" }</p> },
        Some(Err(e)) => html! { <p class="error" role="alert">{ format!("The bytes could not be shown: {e}") }</p> },
        Some(Ok(v)) => {
            let range = current.and_then(|c| v.nodes.get(c)).map(|n| {
                let start = n.offset as usize;
                (start, start + n.header as usize, start + n.header as usize + n.length as usize)
            });
            let rows = v.nodes.iter().enumerate().map(|(i, n)| {
                let onclick = {
                    let (chosen, on_select) = (chosen.clone(), p.on_select_attr.clone());
                    let attr = n.attr;
                    Callback::from(move |_: MouseEvent| {
                        chosen.set(Some(i));
                        on_select.emit(attr);
                    })
                };
                let selected = current == Some(i);
                html! {
                    <li class={classes!("asn1-node", format!("depth-{}", n.depth.min(12)), selected.then_some("selected"), n.attr.map(|_| "subject-attr"))}>
                        <button type="button" aria-pressed={selected.to_string()} {onclick}>
                            <span class="offset">{ format!("{:>5}", n.offset) }</span>
                            <span class="tag">{ n.tag.clone() }</span>
                            if !n.label.is_empty() { <span class="label">{ super::shown(&n.label) }</span> }
                            if !n.value.is_empty() { <code class="value">{ super::shown(&n.value) }</code> }
                            <span class="len">{ format!("{} + {}", n.header, n.length) }</span>
                        </button>
                        if !n.meaning.is_empty() && n.label == "value" { <span class={classes!("meaning", format!("m-{}", n.meaning.split(':').next().unwrap_or("").replace(' ', "-")))}>{ format!("→ {}", n.meaning) }</span> }
                    </li>
                }
            });
            let hex_lines = v.der.chunks(16).enumerate().map(|(line, chunk)| {
                let cells = chunk.iter().enumerate().map(|(j, b)| {
                    let at = line * 16 + j;
                    let class = match range {
                        Some((s, h, _)) if at >= s && at < h => "hdr",
                        Some((s, _, e)) if at >= s && at < e => "sel",
                        _ => "",
                    };
                    html! { <span class={class}>{ format!("{b:02x} ") }</span> }
                });
                html! { <div class="hex-line"><span class="offset">{ format!("{:05} ", line * 16) }</span>{ for cells }</div> }
            });
            html! {
                <>
                if let Some(problem) = &v.problem { <p class="error" role="alert">{ super::shown(problem) }</p> }
                <p class="hint">{ "Each element: its offset, ASN.1 type, what it is, its value and its header + content length (as openssl asn1parse -i prints them). Choose one to mark its bytes: the header darker, the content lighter. A subject attribute is also marked in the identity table above, and choosing a row there marks its bytes here." }</p>
                if let Some(n) = current.and_then(|c| v.nodes.get(c)) {
                    <p class="asn1-chosen" role="status">{ super::shown(&node_text(n)) }{ format!(" at byte {}", n.offset) }
                        if !n.meaning.is_empty() { { format!(" → {}", n.meaning) } }</p>
                }
                <div class="bytes-panes">
                    <ol class="asn1-tree" aria-label="ASN.1 elements">{ for rows }</ol>
                    <pre class="hex" aria-label="The bytes, in hexadecimal">{ for hex_lines }</pre>
                </div>
                </>
            }
        }
    };
    html! {
        <details class="bytes" {ontoggle}>
            <summary>{ "See the bytes: where CN and O sit in the DER" }</summary>
            { body }
        </details>
    }
}
