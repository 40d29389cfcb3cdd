//! An int's value below the VM: CPython's numeric hash of ints (modulo 2**61 - 1, as
//! `Python/pyhash.c` and `long_hash`), and the i64 fast path of big ints.

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

/// Converts a big int to i64 when it fits.
pub fn big_to_i64(value: &BigInt) -> Option<i64> {
    value.to_i64()
}
