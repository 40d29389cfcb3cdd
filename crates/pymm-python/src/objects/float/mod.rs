//! The `float` type, as CPython's `Objects/floatobject.c`: its methods here, the value's
//! own functions (`repr`, parsing, hashing, `divmod`) in [`value`]. The arithmetic is the
//! VM's number protocol (`vm/ops.rs`).

pub mod recycle;
pub mod value;

use num_bigint::BigInt;
use num_traits::One;

use crate::objects::Obj;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{Exc, PyResult, Vm};

/// `float` methods.
pub static METHODS: &[BuiltinFn] = &[
    BuiltinFn::new("is_integer", is_integer).args(0, 0),
    BuiltinFn::new("as_integer_ratio", float_as_integer_ratio),
    BuiltinFn::new("hex", float_hex),
    BuiltinFn::class_method("fromhex", float_fromhex),
    BuiltinFn::static_method("__getformat__", float_getformat),
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

/// `float.__getformat__(typestr)`: how C's double and float are laid out; Rust's f64 and
/// f32 are IEEE 754 binary64 and binary32 in the machine's byte order.
fn float_getformat(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "__getformat__", 1, 1, &[])?;
    let Some(kind) = a.pos[0].as_str() else {
        return Err(vm.type_error(format!(
            "__getformat__() argument must be str, not {}",
            vm.type_name(&a.pos[0])
        )));
    };
    if kind != "double" && kind != "float" {
        return Err(vm.value_error("__getformat__() argument 1 must be 'double' or 'float'"));
    }
    vm.str(if cfg!(target_endian = "little") {
        "IEEE, little-endian"
    } else {
        "IEEE, big-endian"
    })
}

/// `cls.fromhex(text)` (a class method): a subclass is called with the float, as CPython's
/// `float_fromhex` does.
fn float_fromhex(vm: &Vm, a: Args<'_>) -> PyResult {
    let (cls, rest) = a
        .pos
        .split_first()
        .ok_or_else(|| vm.type_error("fromhex needs a class"))?;
    let a = Args { pos: rest, ..a };
    a.check(vm, "fromhex", 1, 1, &[])?;
    let text = a.pos[0]
        .as_str()
        .ok_or_else(|| vm.type_error("fromhex() argument must be str"))?;
    let value = parse_hex_float(text.trim())
        .map(|f| vm.float(f))
        .ok_or_else(|| vm.value_error("invalid hexadecimal floating-point string"))?;
    if crate::rt::Gc::ptr_eq(cls, &vm.types.float) {
        return Ok(value);
    }
    vm.call(cls, &[value])
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
            crate::objects::float::value::ldexp(value, i64::from(exponent))
        }
    };
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod exact_tests {
    use super::value::ldexp;
    use super::{decompose, parse_hex_float};

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
