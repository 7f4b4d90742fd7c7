//! Big-integer arithmetic for the engine's signature checks (`engine::facts::x509`: RSA keys of
//! 1024-2047 bits, which ring does not check for every hash), from the platform: num-bigint
//! natively, the browser's own BigInt in wasm, where num-bigint would cost each module 12 KB gzip,
//! the first report's included (issue #24). Pure arithmetic either way: the engine stays free of
//! browser types (tests/architecture_test.rs); the native tests check one side, the browser suite
//! the other.

/// `base^exp mod m` of big-endian unsigned integers (`m` not zero), big-endian with no leading
/// zero bytes (`[0]` for zero).
#[cfg(not(target_arch = "wasm32"))]
pub fn modpow(base: &[u8], exp: &[u8], m: &[u8]) -> Vec<u8> {
    use num_bigint::BigUint;
    BigUint::from_bytes_be(base)
        .modpow(&BigUint::from_bytes_be(exp), &BigUint::from_bytes_be(m))
        .to_bytes_be()
}

/// In the browser, with its BigInt (native code; left-to-right square-and-multiply).
/// tests/e2e/embed.test.mjs checks valid, tampered and refused small-key signatures with it.
#[cfg(target_arch = "wasm32")]
pub fn modpow(base: &[u8], exp: &[u8], m: &[u8]) -> Vec<u8> {
    use js_sys::BigInt;
    let big = |b: &[u8]| BigInt::new(&format!("0x0{}", crate::engine::util::hex(b)).into()).expect("a hexadecimal literal is a BigInt");
    let (base, m) = (big(base), big(m));
    let mut r = &BigInt::from(1u8) % &m;
    for byte in exp {
        for bit in (0..8).rev() {
            r = &(&r * &r) % &m;
            if byte >> bit & 1 == 1 {
                r = &(&r * &base) % &m;
            }
        }
    }
    let digits = String::from(r.to_string(16).expect("radix 16 is valid"));
    let digits = if digits.len() % 2 == 1 { format!("0{digits}") } else { digits };
    (0..digits.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&digits[i..i + 2], 16).unwrap_or(0))
        .collect()
}
