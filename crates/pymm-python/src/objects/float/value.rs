//! A float's value below the VM: `repr` (the shortest digits that round-trip, with an
//! exponent only below 1e-4 or from 1e16 up), parsing, CPython's numeric hash, `divmod`
//! and `ldexp`: functions of `f64` alone, which the VM and the `float` type's methods
//! share.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::FromPrimitive;

// the VM reaches the boxes' rewriting through this module, the float's layer below it
pub use super::recycle::{reuse_float, reuse_int};

/// Formats a float the way Python's `repr` does.
pub fn float_repr(value: f64) -> String {
    if value.is_nan() {
        return "nan".into();
    }
    if value.is_infinite() {
        return if value > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    if value == 0.0 {
        return if value.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    // `{:e}` gives the shortest round-trip digits: "d.ddddde<exp>".
    let sci = format!("{value:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if negative { "-" } else { "" };
    if (-4..16).contains(&exp) {
        format!("{sign}{}", fixed_from_digits(&digits, exp))
    } else {
        let (head, tail) = digits.split_at(1);
        let frac = if tail.is_empty() {
            String::new()
        } else {
            format!(".{tail}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{head}{frac}e{esign}{:02}", exp.abs())
    }
}

/// The hash CPython gives a float (`_Py_HashDouble`): for a finite `±M·2**E` (`M` the
/// integer mantissa), `±(M·2**E mod 2**61-1)`, the modulus making `2**-1` equal `2**60`; so
/// integral floats hash like the equal int. NaN hashes to 0 here (a float object's hash is
/// its identity instead, `Vm::hash`).
pub fn hash_f64(value: f64) -> i64 {
    const MODULUS: u128 = (1 << 61) - 1;
    if value.is_nan() {
        return 0;
    }
    if value.is_infinite() {
        return if value > 0.0 { 314159 } else { -314159 };
    }
    let bits = value.to_bits();
    let exponent_bits = ((bits >> 52) & 0x7ff) as i32;
    let fraction = u128::from(bits & ((1 << 52) - 1));
    let (mantissa, exponent) = match exponent_bits {
        0 => (fraction, -1074),
        _ => (fraction | 1 << 52, exponent_bits - 1075),
    };
    let residue = (mantissa << exponent.rem_euclid(61)) % MODULUS;
    let hash = if value < 0.0 {
        -(residue as i64)
    } else {
        residue as i64
    };
    if hash == -1 {
        -2
    } else {
        hash
    }
}

/// `divmod(x, y)` for floats, `y != 0`, as CPython's `_float_div_mod` computes it: the
/// remainder takes the divisor's sign (a zero one too), the quotient is rounded to the
/// nearest integer of `(x - mod) / y`, and a zero quotient takes the sign of `x / y`.
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut rem = x % y; // C's fmod
    let mut div = (x - rem) / y;
    if rem != 0.0 {
        if (y < 0.0) != (rem < 0.0) {
            rem += y;
            div -= 1.0;
        }
    } else {
        rem = 0.0f64.copysign(y);
    }
    let quotient = if div != 0.0 {
        let floor = div.floor();
        if div - floor > 0.5 {
            floor + 1.0
        } else {
            floor
        }
    } else {
        0.0f64.copysign(x / y)
    };
    (quotient, rem)
}

/// Places the decimal point in `digits` (d.ddd × 10^exp), keeping at least one fraction digit.
fn fixed_from_digits(digits: &str, exp: i32) -> String {
    if exp < 0 {
        let zeros = "0".repeat((-exp - 1) as usize);
        return format!("0.{zeros}{digits}");
    }
    let point = exp as usize + 1;
    if digits.len() <= point {
        let zeros = "0".repeat(point - digits.len());
        format!("{digits}{zeros}.0")
    } else {
        format!("{}.{}", &digits[..point], &digits[point..])
    }
}

/// The float a string spells as `float(text)` reads it (spaces around it, `_` between digits,
/// `inf` and `nan` in any case), if any.
pub fn parse_float_text(text: &str) -> Option<f64> {
    let t = text.trim().to_ascii_lowercase().replace('_', "");
    match t.as_str() {
        "inf" | "+inf" | "infinity" | "+infinity" => Some(f64::INFINITY),
        "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
        "nan" | "+nan" => Some(f64::NAN),
        "-nan" => Some(-f64::NAN),
        _ => t.parse::<f64>().ok(),
    }
}

/// `x * 2**exp` without the intermediate overflow or underflow of `2f64.powi(exp)` (whose
/// result alone leaves the float range for |exp| > 1023).
pub fn ldexp(mut x: f64, mut exp: i64) -> f64 {
    const STEP: i64 = 1000;
    while exp > STEP && x.is_finite() && x != 0.0 {
        x *= 2f64.powi(STEP as i32);
        exp -= STEP;
    }
    while exp < -STEP && x != 0.0 {
        x *= 2f64.powi(-STEP as i32);
        exp += STEP;
    }
    x * 2f64.powi(exp as i32)
}

/// How `f` orders against the int `i`, exactly, as CPython's `float_richcompare` (the int
/// is not rounded to a float: `2.0**53 < 2**53 + 1`); None when `f` is NaN.
pub fn cmp_float_i64(f: f64, i: i64) -> Option<Ordering> {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if f.is_nan() {
        return None;
    }
    // every i64 is in [-2**63, 2**63): a float outside (an infinity too) is beyond them all
    if f >= TWO_63 {
        return Some(Ordering::Greater);
    }
    if f < -TWO_63 {
        return Some(Ordering::Less);
    }
    // |f| < 2**63: its integral part converts exactly; the fraction breaks a tie
    let whole = f.trunc() as i64;
    Some(whole.cmp(&i).then(f.fract().partial_cmp(&0.0)?))
}

/// [`cmp_float_i64`] for an int of any size.
pub fn cmp_float_big(f: f64, i: &BigInt) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        });
    }
    let whole = BigInt::from_f64(f.trunc())?;
    Some(whole.cmp(i).then(f.fract().partial_cmp(&0.0)?))
}

/// `round(x, ndigits)` for a finite float (CPython's `double_round`): the float nearest to
/// `x`'s exact value rounded to `ndigits` decimal places, ties to even; `None` when that
/// overflows.
pub fn round_digits(x: f64, ndigits: i64) -> Option<f64> {
    // past these a float has no digit left to round (CPython's NDIGITS_MAX and NDIGITS_MIN)
    if ndigits > 323 {
        return Some(x);
    }
    if ndigits < -308 {
        return Some(0.0 * x);
    }
    let text = if ndigits >= 0 {
        // the exact value's decimal digits, correctly rounded
        format!("{x:.*}", ndigits as usize)
    } else {
        // x = mantissa * 2**exp exactly: its quotient by 10**k, rounded half to even
        let k = ndigits.unsigned_abs() as u32;
        let bits = x.abs().to_bits();
        let biased = ((bits >> 52) & 0x7ff) as i64;
        let fraction = bits & ((1 << 52) - 1);
        let (mantissa, exp) = match biased {
            0 => (fraction, -1074),
            _ => (fraction | 1 << 52, biased - 1075),
        };
        let scale = BigInt::from(10u8).pow(k);
        let (num, den) = if exp >= 0 {
            (BigInt::from(mantissa) << exp as usize, scale)
        } else {
            (BigInt::from(mantissa), scale << exp.unsigned_abs() as usize)
        };
        let (q, r) = num.div_rem(&den);
        let twice: BigInt = r * 2u8;
        let q = if twice > den || (twice == den && q.is_odd()) {
            q + 1u8
        } else {
            q
        };
        let sign = if x.is_sign_negative() { "-" } else { "" };
        format!("{sign}{q}e{k}")
    };
    text.parse::<f64>().ok().filter(|r| r.is_finite())
}

#[cfg(test)]
mod tests {
    use super::{float_divmod, float_repr, hash_f64};

    #[test]
    fn hashes_match_cpython() {
        assert_eq!(hash_f64(0.5), 1152921504606846976);
        assert_eq!(hash_f64(-2.25), -576460752303423490);
        assert_eq!(hash_f64(1e300), 1224995262755759164);
        assert_eq!(hash_f64(1e-300), 482449582752280463);
        assert_eq!(hash_f64(7.0 / 3.0), 768614336404564994);
        assert_eq!(hash_f64(2f64.powi(70) + 0.5), 512);
        assert_eq!(hash_f64(-1.0), -2);
        assert_eq!(hash_f64(-0.0), 0);
    }

    /// The sign of a float, zeros included.
    fn signed(v: f64) -> (f64, bool) {
        (v, v.is_sign_negative())
    }

    #[test]
    fn divmod_signs_follow_cpython() {
        let pair = |x: f64, y: f64| {
            let (q, r) = float_divmod(x, y);
            (signed(q), signed(r))
        };
        assert_eq!(pair(5.0, -5.0), ((-1.0, true), (0.0, true)));
        assert_eq!(pair(-0.0, 1.0), ((0.0, true), (0.0, false)));
        assert_eq!(pair(0.0, -1.0), ((0.0, true), (0.0, true)));
        assert_eq!(
            pair(-3.0, f64::INFINITY),
            ((-1.0, true), (f64::INFINITY, false))
        );
        assert_eq!(pair(-7.5, 2.5), ((-3.0, true), (0.0, false)));
        assert_eq!(pair(1.0, -3.0), ((-1.0, true), (-2.0, true)));
    }

    #[test]
    fn matches_python_repr() {
        assert_eq!(float_repr(1.0), "1.0");
        assert_eq!(float_repr(0.1), "0.1");
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(1.5e-5), "1.5e-05");
        assert_eq!(float_repr(123456.789), "123456.789");
        assert_eq!(float_repr(0.0001), "0.0001");
        assert_eq!(float_repr(-2.5), "-2.5");
        assert_eq!(float_repr(f64::INFINITY), "inf");
        assert_eq!(float_repr(1e15), "1000000000000000.0");
        assert_eq!(float_repr(0.1 + 0.2), "0.30000000000000004");
    }
}
