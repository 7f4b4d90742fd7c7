//! What a certificate, a request, a key or a token *is*, read from its bytes: X.509 and PKCS#10
//! as Go's `crypto/x509` reads them (`x509`), keys summarised without their secrets (`keys`),
//! tokens decoded without verification (`token`), and the Kubernetes identity a subject maps to
//! (`identity`). Nothing here knows the report or the input it came from.

pub mod asn1;
pub mod go_parse;
pub mod identity;
pub mod keys;
pub mod release;
pub mod token;
pub mod x509;
