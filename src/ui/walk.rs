//! The walk-through in the learner's lab (issue #22, part 3), `#lab&walk`: the request the lab
//! made, taken step by step to `kubectl auth can-i` — create, approve, kubeconfig, bind, ask —
//! each step with its commands, its artefact, one sentence of why and the engine's reading of it
//! (`engine::compose::walk`). Approval is played by a practice CA made here with WebCrypto, once
//! per page; its key, like the learner's, never leaves the page's memory.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::details::CopyButton;
use super::lab::{engine_bytes, make_key, sign, Key};
use crate::engine::compose::walk::{Signed, StepState, Tbs, ToIssue, Walk};
use crate::engine::compose::{Draft, KeyType, Made};

#[derive(Properties, PartialEq)]
pub struct WalkProps {
    pub draft: Draft,
    pub made: Made,
    /// Unix seconds the certificates are issued at (the page's pinned time, else the clock).
    pub now: i64,
    pub kubernetes: String,
}

/// Issues the certificate with the practice CA and plays the walk (in the engine's worker).
async fn play(p: (Draft, Made, i64, String), ca: Rc<Key>) -> Result<Walk, String> {
    let (draft, made, now, kubernetes) = p;
    let input = ToIssue {
        draft: draft.clone(),
        csr_pem: made.csr_pem.clone(),
        ca_spki: ca.spki.clone(),
        now,
    };
    let bytes = postcard::to_allocvec(&input).map_err(|e| e.to_string())?;
    let tbs: Tbs = postcard::from_bytes(&engine_bytes("lab_issue", vec![("input", bytes)]).await?).map_err(|e| e.to_string())?;
    let signed = Signed {
        draft,
        csr_pem: made.csr_pem,
        object_yaml: made.object_yaml,
        ca_signature: sign(&ca, &tbs.ca).await?,
        leaf_signature: sign(&ca, &tbs.leaf).await?,
        tbs,
        now,
        kubernetes,
    };
    let bytes = postcard::to_allocvec(&signed).map_err(|e| e.to_string())?;
    postcard::from_bytes(&engine_bytes("lab_walk", vec![("input", bytes)]).await?).map_err(|e| format!("the walk could not be read: {e}"))
}

fn state_class(s: StepState) -> &'static str {
    match s {
        StepState::Done => "done",
        StepState::Stops => "stops",
        StepState::NotReached => "not-reached",
    }
}

#[function_component(WalkView)]
pub fn walk_view(p: &WalkProps) -> Html {
    let walk = use_state(|| None::<Result<Walk, String>>);
    let at = use_state(|| 0usize);
    let ca: Rc<RefCell<Option<Rc<Key>>>> = use_mut_ref(|| None);
    let generation = use_mut_ref(|| 0u32);
    {
        let (walk, ca, generation) = (walk.clone(), ca.clone(), generation.clone());
        let deps = (p.draft.clone(), p.made.clone(), p.now, p.kubernetes.clone());
        use_effect_with(deps, move |deps| {
            let deps = deps.clone();
            let gen = generation.borrow().wrapping_add(1);
            *generation.borrow_mut() = gen;
            wasm_bindgen_futures::spawn_local(async move {
                let have = ca.borrow().clone();
                let key = match have {
                    Some(k) => k,
                    None => match make_key(KeyType::EcdsaP256, false).await {
                        Ok(k) => {
                            let k = Rc::new(k);
                            *ca.borrow_mut() = Some(k.clone());
                            k
                        }
                        Err(e) => return walk.set(Some(Err(format!("The browser could not make the practice CA's key: {e}")))),
                    },
                };
                let result = play(deps, key).await;
                if *generation.borrow() == gen {
                    walk.set(Some(result));
                }
            });
            || ()
        });
    }

    // `#lab&walk` (the examples menu's link) brings the walk into view once it is there.
    let scrolled = use_mut_ref(|| false);
    {
        let ready = matches!(&*walk, Some(Ok(_)));
        use_effect_with(ready, move |ready| {
            if *ready && !*scrolled.borrow() && super::embed::fragment_flag("walk") {
                *scrolled.borrow_mut() = true;
                if let Some(e) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("lab-walk"))
                {
                    e.scroll_into_view();
                }
            }
            || ()
        });
    }

    let steps = match &*walk {
        None => return html! { <section id="lab-walk" class="lab-walk"><p class="empty">{ "Walking it through…" }</p></section> },
        Some(Err(e)) => {
            return html! { <section id="lab-walk" class="lab-walk"><p class="error" role="alert">{ format!("The walk-through could not be made: {e}") }</p></section> }
        }
        Some(Ok(w)) => w.steps.clone(),
    };
    let current = (*at).min(steps.len().saturating_sub(1));
    let go = |i: usize| {
        let at = at.clone();
        Callback::from(move |_: MouseEvent| at.set(i))
    };
    let step = &steps[current];
    html! {
        <section id="lab-walk" class="lab-walk" aria-labelledby="lab-walk-h">
            <h3 id="lab-walk-h">{ "Walk it through: from this request to kubectl auth can-i" }</h3>
            <p>{ "The steps the Kubernetes docs teach for a normal user, played on the request above. Approval is played by a practice CA made in this page (a cluster's signer would use the cluster's CA), issuing the certificate as kube-controller-manager's signer does; every answer below is the inspector's reading of the step's file." }</p>
            <ol class="walk-nav">
                { for steps.iter().enumerate().map(|(i, s)| html! {
                    <li class={state_class(s.state)}>
                        <button type="button" aria-current={(i == current).then_some("step")} onclick={go(i)}
                            title={match s.state { StepState::Done => "works", StepState::Stops => "Kubernetes stops here", StepState::NotReached => "not reached" }}>
                            { format!("{}. {}", i + 1, s.title) }
                        </button>
                    </li>
                }) }
            </ol>
            <article class={classes!("walk-step", state_class(step.state))} aria-live="polite">
                <h4>{ format!("Step {} of {}: {}", current + 1, steps.len(), step.title) }</h4>
                <p class="why">{ step.why.clone() }</p>
                if step.state == StepState::NotReached {
                    <p class="walk-outcome">{ "Not reached: an earlier step stops the walk. What would follow:" }</p>
                }
                <div class="walk-commands">
                    <pre class="artefact" tabindex="0">{ step.commands.join("\n") }</pre>
                    <CopyButton text={AttrValue::from(format!("{}\n", step.commands.join("\n")))} what={AttrValue::from("the commands")} />
                </div>
                if let Some((name, text)) = &step.artefact {
                    <h5>{ name.clone() } <CopyButton text={AttrValue::from(text.clone())} what={AttrValue::from(name.clone())} /></h5>
                    <pre class="artefact walk-artefact" tabindex="0">{ text.clone() }</pre>
                }
                <p class={classes!("walk-outcome", state_class(step.state))}>
                    <strong>{ match step.state { StepState::Done => "What Kubernetes makes of it: ", StepState::Stops => "Kubernetes stops here: ", StepState::NotReached => "Had it been reached: " } }</strong>
                    { step.outcome.clone() }
                </p>
                <div class="walk-move">
                    <button type="button" disabled={current == 0} onclick={go(current.saturating_sub(1))}>{ "← Previous step" }</button>
                    <button type="button" disabled={current + 1 >= steps.len()} onclick={go(current + 1)}>{ "Next step →" }</button>
                </div>
            </article>
        </section>
    }
}
