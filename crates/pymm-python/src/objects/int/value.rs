//! An int's value below the VM: CPython's numeric hash of ints (modulo 2**61 - 1, as
//! `Python/pyhash.c` and `long_hash`), the i64 fast path of big ints, and CPython 3.11's limit
//! on the digits of an int/str conversion (`sys.set_int_max_str_digits`, CVE-2020-10735):
//! quadratic conversions of huge numbers are refused before they start.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use crate::objects::Obj;

/// `sys.int_info.default_max_str_digits`: the digit limit an interpreter starts with.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;
/// `sys.int_info.str_digits_check_threshold`: the lowest limit that can be set (0 aside,
/// which turns the limit off).
pub const STR_DIGITS_CHECK_THRESHOLD: usize = 640;

/// Whether a parse of `digits` digits in `base` (signs, spaces and underscores not counted)
/// may run under the limit `max` (0: none); power-of-two bases convert in linear time and
/// have no limit. The error is the ValueError's message.
pub fn parse_within_limit(digits: usize, base: u32, max: usize) -> Result<(), String> {
    if max == 0 || base.is_power_of_two() || digits <= max {
        return Ok(());
    }
    Err(format!(
        "Exceeds the limit ({max} digits) for integer string conversion: value has {digits} \
         digits; use sys.set_int_max_str_digits() to increase the limit"
    ))
}

/// The decimal digits of `value` (with its sign), refused when there are more than `max`
/// (0: no limit). Its bit length bounds the count from below, so a number far over the limit
/// is refused before the quadratic conversion runs. The error is the ValueError's message.
pub fn decimal_within_limit(value: &BigInt, max: usize) -> Result<String, String> {
    let refused = || {
        format!(
            "Exceeds the limit ({max} digits) for integer string conversion; use \
             sys.set_int_max_str_digits() to increase the limit"
        )
    };
    if max != 0 {
        // a number of b bits is at least 2**(b-1): (b - 1) * log10(2) + 1 digits or more
        let bits = value.bits().saturating_sub(1) as f64;
        if (bits * std::f64::consts::LOG10_2) as usize + 1 > max {
            return Err(refused());
        }
    }
    let text = value.to_string();
    let digits = text.len() - usize::from(text.starts_with('-'));
    if max != 0 && digits > max {
        return Err(refused());
    }
    Ok(text)
}

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

/// The value of a built-in int or bool.
pub fn int_value(obj: &Obj) -> Option<BigInt> {
    match obj {
        Obj::Int(i) => Some(BigInt::from(*i)),
        Obj::Bool(b) => Some(BigInt::from(u8::from(*b))),
        Obj::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}
