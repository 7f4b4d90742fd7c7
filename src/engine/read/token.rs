//! Bearer tokens pasted alone (a JWT, a bootstrap token) or found in a kubeconfig or a Secret:
//! decoded without verification (`facts::token`), and the identity a service-account or
//! bootstrap token carries.

use super::{Place, Reading, Text};
use crate::engine::facts::{identity, token};
use crate::engine::report::ObjectKind;

pub fn read_text(r: &mut Reading, t: &Text, place: &Place) -> Option<bool> {
    let s = t.text.trim();
    if t.depth < 2 && s.split('.').count() == 3 && !s.contains(char::is_whitespace) && s.starts_with("eyJ") {
        r.detected.push("JSON Web Token".into());
        r.add_token(s, place);
        return Some(true);
    }
    if token::is_bootstrap(s).is_some() {
        r.detected.push("Bootstrap token".into());
        r.add_token(s, place);
        return Some(true);
    }
    None
}

impl Reading {
    pub(super) fn add_token(&mut self, t: &str, place: &Place) -> Option<usize> {
        let facts = token::parse(t);
        let id = self.push(ObjectKind::Token, place)?;
        let ident = match (&facts.jwt, &facts.bootstrap_token_id) {
            (Some(j), _) if facts.kind == "service_account_jwt" => {
                let ns = j.namespace.clone().unwrap_or_default();
                let user = j
                    .subject
                    .clone()
                    .filter(|s| s.starts_with("system:serviceaccount:"))
                    .unwrap_or_else(|| format!("system:serviceaccount:{ns}:{}", j.service_account.clone().unwrap_or_default()));
                Some(identity::from_claims(
                    user,
                    vec!["system:serviceaccounts".into(), format!("system:serviceaccounts:{ns}")],
                ))
            }
            (_, Some(tid)) => Some(identity::from_claims(
                format!("system:bootstrap:{tid}"),
                vec!["system:bootstrappers".into()],
            )),
            _ => None,
        };
        let o = &mut self.objects[id];
        o.label = match facts.kind.as_str() {
            "service_account_jwt" => "Service-account token".into(),
            "bootstrap" => "Bootstrap token".into(),
            "jwt" => "JWT bearer token".into(),
            _ => "Static bearer token".into(),
        };
        if let Some(i) = ident {
            o.set_identity(i);
        }
        o.not_after = facts.jwt.as_ref().and_then(|j| j.expires.clone());
        o.token = Some(facts);
        Some(id)
    }
}
