//! The `float` type, as CPython's `Objects/floatobject.c`: `repr` (the shortest digits that
//! round-trip, with an exponent only below 1e-4 or from 1e16 up), hashing, parsing, and the
//! methods. The arithmetic is the VM's number protocol (`vm/ops.rs`).

use num_bigint::BigInt;
use num_traits::One;

use crate::objects::Obj;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{Exc, PyResult, Vm};

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
/// integral floats hash like the equal int. NaN hashes to 0 (CPython uses its identity).
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
        "nan" | "+nan" | "-nan" => Some(f64::NAN),
        _ => t.parse::<f64>().ok(),
    }
}

/// `float` methods.
pub static METHODS: &[BuiltinFn] = &[
    BuiltinFn::new("is_integer", is_integer).args(0, 0),
    BuiltinFn::new("as_integer_ratio", float_as_integer_ratio),
    BuiltinFn::new("hex", float_hex),
    BuiltinFn::static_method("fromhex", float_fromhex),
    BuiltinFn::new("conjugate", |vm, a| a.receiver(vm).cloned()).args(0, 0),
    BuiltinFn::new("__trunc__", |vm, a| {
        vm.int_from_float(this_float(vm, &a)?.trunc())
    })
    .args(0, 0),
    BuiltinFn::new("__floor__", |vm, a| {
        vm.int_from_float(this_float(vm, &a)?.floor())
    })
    .args(0, 0),
    BuiltinFn::new("__ceil__", |vm, a| {
        vm.int_from_float(this_float(vm, &a)?.ceil())
    })
    .args(0, 0),
    BuiltinFn::new("__getnewargs__", float_getnewargs).args(0, 0),
];

/// `__getnewargs__`: the plain float, for copy and pickle.
fn float_getnewargs(vm: &Vm, a: Args<'_>) -> PyResult {
    let value = vm.float(this_float(vm, &a)?);
    vm.new_tuple(vec![value])
}

/// The receiver as a float.
fn this_float(vm: &Vm, a: &Args<'_>) -> PyResult<f64> {
    match a.pos.first().map(|v| &**vm.builtin_receiver(v)) {
        Some(Obj::Float(f)) => Ok(*f),
        _ => Err(vm.type_error("descriptor requires a 'float' object")),
    }
}

fn is_integer(vm: &Vm, a: Args<'_>) -> PyResult {
    let f = this_float(vm, &a)?;
    Ok(vm.bool(f.is_finite() && f.fract() == 0.0))
}

/// The exact fraction a float holds: mantissa and power of two, reduced.
fn float_as_integer_ratio(vm: &Vm, a: Args<'_>) -> PyResult {
    let f = this_float(vm, &a)?;
    if f.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(vm.new_exc(
            Exc::OverflowError,
            "cannot convert Infinity to integer ratio",
        ));
    }
    let (mantissa, exponent) = decompose(f);
    let (mut num, mut den) = (BigInt::from(mantissa), BigInt::one());
    if exponent >= 0 {
        num <<= exponent as usize;
    } else {
        den <<= (-exponent) as usize;
    }
    let g = num_integer::Integer::gcd(&num, &den);
    let (num, den) = (num / &g, den / g);
    vm.new_tuple(vec![vm.new_bigint(num)?, vm.new_bigint(den)?])
}

/// `f == mantissa * 2**exponent` with an integer mantissa (signed).
fn decompose(f: f64) -> (i64, i32) {
    if f == 0.0 {
        return (0, 0);
    }
    let bits = f.to_bits();
    let sign = if bits >> 63 == 1 { -1 } else { 1 };
    let raw_exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = (bits & ((1 << 52) - 1)) as i64;
    let (mantissa, exponent) = if raw_exponent == 0 {
        (fraction, -1074) // subnormal
    } else {
        (fraction | (1 << 52), raw_exponent - 1075)
    };
    (sign * mantissa, exponent)
}

/// `float.hex()`: `[-]0x1.<13 hex digits>p<exponent>`, as C's `%a` normalised by CPython.
fn float_hex(vm: &Vm, a: Args<'_>) -> PyResult {
    let f = this_float(vm, &a)?;
    let text = if f.is_nan() {
        "nan".to_string()
    } else if f.is_infinite() {
        if f < 0.0 { "-inf" } else { "inf" }.to_string()
    } else if f == 0.0 {
        if f.is_sign_negative() {
            "-0x0.0p+0"
        } else {
            "0x0.0p+0"
        }
        .to_string()
    } else {
        let sign = if f < 0.0 { "-" } else { "" };
        let bits = f.abs().to_bits();
        let (raw_exponent, fraction) = ((bits >> 52) as i32, bits & ((1 << 52) - 1));
        match raw_exponent {
            // subnormal: CPython keeps the smallest exponent and a leading 0
            0 => format!("{sign}0x0.{fraction:013x}p-1022"),
            _ => format!("{sign}0x1.{fraction:013x}p{:+}", raw_exponent - 1023),
        }
    };
    vm.str(text)
}

/// `float.fromhex(text)` (a static method).
fn float_fromhex(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "fromhex", 1, 1, &[])?;
    let text = a.pos[0]
        .as_str()
        .ok_or_else(|| vm.type_error("fromhex() argument must be str"))?;
    parse_hex_float(text.trim())
        .map(|f| vm.float(f))
        .ok_or_else(|| vm.value_error("invalid hexadecimal floating-point string"))
}

fn parse_hex_float(text: &str) -> Option<f64> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let lower = body.to_ascii_lowercase();
    let value = match lower.as_str() {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => {
            let digits = lower.strip_prefix("0x").unwrap_or(&lower);
            let (mantissa, exponent) = match digits.split_once('p') {
                Some((m, e)) => (m, e.parse::<i32>().ok()?),
                None => (digits, 0),
            };
            let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
            if whole.is_empty() && fraction.is_empty() {
                return None;
            }
            let mut value = 0.0f64;
            for c in whole.chars() {
                value = value * 16.0 + f64::from(c.to_digit(16)?);
            }
            let mut scale = 1.0 / 16.0;
            for c in fraction.chars() {
                value += f64::from(c.to_digit(16)?) * scale;
                scale /= 16.0;
            }
            crate::objects::float::ldexp(value, i64::from(exponent))
        }
    };
    Some(if negative { -value } else { value })
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

#[cfg(test)]
mod exact_tests {
    use super::{decompose, ldexp, parse_hex_float};

    #[test]
    fn scales_across_the_whole_range() {
        assert_eq!(ldexp(1.0, -1074), 5e-324);
        assert_eq!(ldexp(1.5, 1), 3.0);
        assert_eq!(ldexp(2f64.powi(63), -1060 - 63 + 63), 2f64.powi(63 - 1060));
        assert_eq!(ldexp(1.0, 1024), f64::INFINITY);
        assert_eq!(ldexp(3.0, -2000), 0.0);
    }

    #[test]
    fn floats_decompose_exactly() {
        for f in [1.0, 0.1, -2.5, 1e300, 1e-30, f64::MAX] {
            let (m, e) = decompose(f);
            assert_eq!(m as f64 * 2f64.powi(e), f);
        }
        // the smallest subnormal is 2**-1074 (powi cannot reach it in one step)
        assert_eq!(decompose(5e-324), (1, -1074));
    }

    #[test]
    fn hex_floats_parse() {
        assert_eq!(parse_hex_float("0x1.8p1"), Some(3.0));
        assert_eq!(parse_hex_float("-0x1p-2"), Some(-0.25));
        assert_eq!(parse_hex_float("0x.8"), Some(0.5));
        assert_eq!(parse_hex_float("0x"), None);
    }
}
