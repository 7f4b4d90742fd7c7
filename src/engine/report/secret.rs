//! A Secret holding TLS material or a service-account token, as the report carries it (its
//! values are objects of their own, never copied here). Read by `read::secret`.

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct SecretFacts {
    pub name: String,
    pub namespace: Option<String>,
    pub secret_type: String,
    /// Keys present in the Secret (values are never copied here).
    pub keys: Vec<String>,
}
