//! Methods of `int` and `float`.

use num_bigint::{BigInt, Sign};
use num_traits::{One, Signed, Zero};

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{Exc, PyResult, Vm};

/// `int` methods.
pub static INT: &[BuiltinFn] = &[
    BuiltinFn::new("bit_length", bit_length).args(0, 0),
    BuiltinFn::new("bit_count", bit_count).args(0, 0),
    BuiltinFn::new("to_bytes", to_bytes),
    BuiltinFn::static_method("from_bytes", from_bytes),
    BuiltinFn::new("as_integer_ratio", int_as_integer_ratio),
    BuiltinFn::new("conjugate", itself).args(0, 0),
];

/// `complex` methods.
pub static COMPLEX: &[BuiltinFn] = &[BuiltinFn::new("conjugate", complex_conjugate).args(0, 0)];

/// `complex.conjugate()`.
fn complex_conjugate(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "conjugate", 1, 1, &[])?;
    match &**vm.builtin_receiver(&a.pos[0]) {
        Obj::Complex(c) => Ok(vm.complex([c[0], -c[1]])),
        _ => Err(vm.type_error("descriptor 'conjugate' requires a 'complex' object")),
    }
}

/// `float` methods.
pub static FLOAT: &[BuiltinFn] = &[
    BuiltinFn::new("is_integer", is_integer).args(0, 0),
    BuiltinFn::new("as_integer_ratio", float_as_integer_ratio),
    BuiltinFn::new("hex", float_hex),
    BuiltinFn::static_method("fromhex", float_fromhex),
    BuiltinFn::new("conjugate", itself).args(0, 0),
];

/// The receiver as a big int (ints and bools).
fn this_int(vm: &Vm, a: &Args<'_>) -> PyResult<BigInt> {
    match a.pos.first().map(|v| &**vm.builtin_receiver(v)) {
        Some(Obj::Int(i)) => Ok(BigInt::from(*i)),
        Some(Obj::Bool(b)) => Ok(BigInt::from(u8::from(*b))),
        Some(Obj::BigInt(b)) => Ok((**b).clone()),
        _ => Err(vm.type_error("descriptor requires an 'int' object")),
    }
}

/// The receiver as a float.
fn this_float(vm: &Vm, a: &Args<'_>) -> PyResult<f64> {
    match a.pos.first().map(|v| &**vm.builtin_receiver(v)) {
        Some(Obj::Float(f)) => Ok(*f),
        _ => Err(vm.type_error("descriptor requires a 'float' object")),
    }
}

fn itself(vm: &Vm, a: Args<'_>) -> PyResult {
    a.pos
        .first()
        .cloned()
        .ok_or_else(|| vm.type_error("method needs a receiver"))
}

fn bit_length(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.new_int(this_int(vm, &a)?.bits() as i64)
}

fn bit_count(vm: &Vm, a: Args<'_>) -> PyResult {
    let n = this_int(vm, &a)?;
    let ones: u64 = n
        .magnitude()
        .to_u64_digits()
        .iter()
        .map(|d| u64::from(d.count_ones()))
        .sum();
    vm.new_int(ones as i64)
}

fn int_as_integer_ratio(vm: &Vm, a: Args<'_>) -> PyResult {
    let n = vm.new_bigint(this_int(vm, &a)?)?;
    vm.new_tuple(vec![n, vm.int(1)])
}

/// `byteorder` and `signed` of to_bytes / from_bytes.
fn byte_order(vm: &Vm, a: &Args<'_>, at: usize) -> PyResult<(bool, bool)> {
    let order = match a.get(at, "byteorder") {
        Some(v) => v.as_str().unwrap_or("").to_string(),
        None => "big".to_string(),
    };
    let little = match order.as_str() {
        "little" => true,
        "big" => false,
        _ => return Err(vm.value_error("byteorder must be either 'little' or 'big'")),
    };
    let signed = a
        .kw("signed")
        .is_some_and(|s| vm.truthy(s).unwrap_or(false));
    Ok((little, signed))
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn to_bytes(vm: &Vm, a: Args<'_>) -> PyResult {
    let n = this_int(vm, &a)?;
    let length = match a.get(1, "length") {
        Some(l) => l
            .as_i64()
            .filter(|l| *l >= 0)
            .ok_or_else(|| vm.value_error("length argument must be non-negative"))?
            as usize,
        None => 1,
    };
    let (little, signed) = byte_order(vm, &a, 2)?;
    if n.is_negative() && !signed {
        return Err(vm.new_exc(Exc::OverflowError, "can't convert negative int to unsigned"));
    }
    let mut bytes = if signed {
        n.to_signed_bytes_le()
    } else {
        n.to_bytes_le().1
    };
    if n.is_zero() {
        bytes.clear();
    }
    if bytes.len() > length {
        return Err(vm.new_exc(Exc::OverflowError, "int too big to convert"));
    }
    vm.reserve(length)?;
    let fill = if n.is_negative() { 0xff } else { 0 };
    bytes.resize(length, fill);
    if !little {
        bytes.reverse();
    }
    Ok(vm.bytes(bytes))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)` (a static method).
fn from_bytes(vm: &Vm, a: Args<'_>) -> PyResult {
    let data = match a.get(0, "bytes").map(|v| &**v) {
        Some(Obj::Bytes(b)) => b.to_vec(),
        Some(Obj::List(l)) => l
            .borrow()
            .iter()
            .map(|v| v.as_i64().filter(|b| (0..256).contains(b)).map(|b| b as u8))
            .collect::<Option<Vec<u8>>>()
            .ok_or_else(|| vm.value_error("bytes must be in range(0, 256)"))?,
        _ => return Err(vm.type_error("cannot convert object to bytes")),
    };
    let (little, signed) = byte_order(vm, &a, 1)?;
    let n = match (little, signed) {
        (true, true) => BigInt::from_signed_bytes_le(&data),
        (false, true) => BigInt::from_signed_bytes_be(&data),
        (true, false) => BigInt::from_bytes_le(Sign::Plus, &data),
        (false, false) => BigInt::from_bytes_be(Sign::Plus, &data),
    };
    vm.new_bigint(n)
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

/// `real`, `imag`, `numerator` and `denominator` of ints and floats.
pub fn number_attr(vm: &Vm, obj: &PyRef, key: &str) -> Option<PyResult> {
    let value = vm.builtin_receiver(obj);
    let is_int = matches!(&**value, Obj::Int(_) | Obj::BigInt(_) | Obj::Bool(_));
    let is_float = matches!(&**value, Obj::Float(_));
    if let Obj::Complex(c) = &**value {
        return match key {
            "real" => Some(Ok(vm.float(c[0]))),
            "imag" => Some(Ok(vm.float(c[1]))),
            _ => None,
        };
    }
    match key {
        "real" if is_float => Some(Ok(value.clone())),
        "real" | "numerator" if is_int => Some(match &**value {
            Obj::Bool(b) => vm.new_int(i64::from(*b)),
            _ => Ok(value.clone()),
        }),
        "imag" if is_int => Some(vm.new_int(0)),
        "imag" if is_float => Some(Ok(vm.float(0.0))),
        "denominator" if is_int => Some(vm.new_int(1)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{decompose, parse_hex_float};

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
