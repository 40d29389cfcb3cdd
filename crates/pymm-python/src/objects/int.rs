//! Integer helpers: normalising big ints back to the i64 fast path, and hashing like CPython.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// CPython's modulus for numeric hashes (2**61 - 1).
pub const HASH_MODULUS: i64 = (1 << 61) - 1;

/// The hash CPython gives an int that fits in i64.
pub fn hash_i64(value: i64) -> i64 {
    let magnitude = (value.unsigned_abs() % HASH_MODULUS as u64) as i64;
    let h = if value < 0 { -magnitude } else { magnitude };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// The hash CPython gives a big int.
pub fn hash_big(value: &BigInt) -> i64 {
    let modulus = BigInt::from(HASH_MODULUS);
    let magnitude = (value.abs() % modulus).to_i64().unwrap_or(0);
    let h = if value.is_negative() {
        -magnitude
    } else {
        magnitude
    };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// The hash CPython gives a float (integral floats hash like the equal int).
pub fn hash_f64(value: f64) -> i64 {
    if value.is_nan() {
        return 0;
    }
    if value.is_infinite() {
        return if value > 0.0 { 314159 } else { -314159 };
    }
    if value.fract() == 0.0 && value.abs() < 9.2e18 {
        return hash_i64(value as i64);
    }
    let bits = value.to_bits();
    let h = (bits ^ (bits >> 29)) as i64 % HASH_MODULUS;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Converts a big int to i64 when it fits.
pub fn big_to_i64(value: &BigInt) -> Option<i64> {
    value.to_i64()
}
