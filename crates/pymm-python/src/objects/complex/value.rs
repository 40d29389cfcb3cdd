//! A complex number's value below the VM: arithmetic (Smith's division, powers),
//! `repr`, CPython's hash and parsing, functions of two floats alone.

use crate::objects::float::value::{float_repr, hash_f64};

/// A complex number's (real, imaginary) parts.
pub type Complex = [f64; 2];

/// Why a complex operation has no result.
#[derive(Debug, PartialEq, Eq)]
pub enum ComplexError {
    /// Division (or a negative power) of zero.
    ZeroDivision(&'static str),
    /// The result does not fit in a float.
    Overflow,
}

/// `a + b`.
pub fn add(a: Complex, b: Complex) -> Complex {
    [a[0] + b[0], a[1] + b[1]]
}

/// `a - b`.
pub fn sub(a: Complex, b: Complex) -> Complex {
    [a[0] - b[0], a[1] - b[1]]
}

/// `a * b`.
pub fn mul(a: Complex, b: Complex) -> Complex {
    [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]]
}

/// `a / b`, by Smith's method as CPython's `_Py_c_quot` (no overflow for large parts).
///
/// ```
/// use pymm_python::objects::complex::value::quotient;
/// assert_eq!(quotient([1.0, 1.0], [0.0, 1.0]), Ok([1.0, -1.0]));
/// assert!(quotient([1.0, 0.0], [0.0, 0.0]).is_err());
/// ```
pub fn quotient(a: Complex, b: Complex) -> Result<Complex, ComplexError> {
    let (abs_breal, abs_bimag) = (b[0].abs(), b[1].abs());
    if abs_breal >= abs_bimag {
        if abs_breal == 0.0 {
            return Err(ComplexError::ZeroDivision("complex division by zero"));
        }
        let ratio = b[1] / b[0];
        let denom = b[0] + b[1] * ratio;
        Ok([(a[0] + a[1] * ratio) / denom, (a[1] - a[0] * ratio) / denom])
    } else if abs_bimag >= abs_breal {
        let ratio = b[0] / b[1];
        let denom = b[0] * ratio + b[1];
        Ok([(a[0] * ratio + a[1]) / denom, (a[1] * ratio - a[0]) / denom])
    } else {
        // a NaN part: the result is NaN
        Ok([f64::NAN, f64::NAN])
    }
}

/// `a ** b`: exact repeated multiplication for small integral exponents (as `c_powi`),
/// else through polar form (as `_Py_c_pow`).
pub fn power(a: Complex, b: Complex) -> Result<Complex, ComplexError> {
    if b[1] == 0.0 && b[0] == b[0].trunc() && b[0].abs() <= 100.0 {
        let n = b[0] as i64;
        if n >= 0 {
            return checked(integral_power(a, n as u64));
        }
        if a == [0.0, 0.0] {
            return Err(ComplexError::ZeroDivision(
                "0.0 to a negative or complex power",
            ));
        }
        return quotient([1.0, 0.0], integral_power(a, n.unsigned_abs())).and_then(checked);
    }
    if b == [0.0, 0.0] {
        return Ok([1.0, 0.0]);
    }
    if a == [0.0, 0.0] {
        if b[1] != 0.0 || b[0] < 0.0 {
            return Err(ComplexError::ZeroDivision(
                "0.0 to a negative or complex power",
            ));
        }
        return Ok([0.0, 0.0]);
    }
    let vabs = a[0].hypot(a[1]);
    let mut len = vabs.powf(b[0]);
    let at = a[1].atan2(a[0]);
    let mut phase = at * b[0];
    if b[1] != 0.0 {
        len /= (at * b[1]).exp();
        phase += b[1] * vabs.ln();
    }
    checked([len * phase.cos(), len * phase.sin()])
}

fn integral_power(mut base: Complex, mut n: u64) -> Complex {
    let mut result = [1.0, 0.0];
    while n > 0 {
        if n & 1 == 1 {
            result = mul(result, base);
        }
        base = mul(base, base);
        n >>= 1;
    }
    result
}

fn checked(c: Complex) -> Result<Complex, ComplexError> {
    if c.iter().any(|p| p.is_infinite()) {
        Err(ComplexError::Overflow)
    } else {
        Ok(c)
    }
}

/// `abs(c)`: the modulus; overflow when the parts are finite and it is not.
pub fn modulus(c: Complex) -> Result<f64, ComplexError> {
    let m = c[0].hypot(c[1]);
    if m.is_infinite() && c.iter().all(|p| p.is_finite()) {
        return Err(ComplexError::Overflow);
    }
    Ok(m)
}

/// `repr(c)`: `4j`, `(1+5j)`, `(-0-1j)`, with the parts as `repr(float)` minus a `.0`.
///
/// ```
/// use pymm_python::objects::complex::value::complex_repr;
/// assert_eq!(complex_repr([0.0, 4.0]), "4j");
/// assert_eq!(complex_repr([1.0, -5.5]), "(1-5.5j)");
/// assert_eq!(complex_repr([-0.0, 1.0]), "(-0+1j)");
/// ```
pub fn complex_repr(c: Complex) -> String {
    let part = |v: f64| {
        let text = float_repr(v);
        match text.strip_suffix(".0") {
            Some(short) => short.to_string(),
            None => text,
        }
    };
    if c[0] == 0.0 && c[0].is_sign_positive() {
        return format!("{}j", part(c[1]));
    }
    let imag = part(c[1]);
    let sign = if imag.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{imag}j)", part(c[0]))
}

/// `hash(c)`: as CPython, the real part's hash plus 1000003 times the imaginary part's.
pub fn hash_complex(c: Complex) -> i64 {
    let combined = hash_f64(c[0]).wrapping_add(1_000_003i64.wrapping_mul(hash_f64(c[1])));
    if combined == -1 {
        -2
    } else {
        combined
    }
}

/// Parses `complex("1+2j")`'s argument (spaces around it allowed, parentheses optional).
pub fn parse_complex(text: &str) -> Option<Complex> {
    let mut s = text.trim();
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        s = inner.trim();
    }
    let float = |t: &str| -> Option<f64> {
        match t {
            "" | "+" => Some(1.0),
            "-" => Some(-1.0),
            _ => crate::objects::float::value::parse_float_text(t),
        }
    };
    let Some(body) = s.strip_suffix(['j', 'J']) else {
        return Some([crate::objects::float::value::parse_float_text(s)?, 0.0]);
    };
    // the imaginary part starts at the last sign that is not an exponent's
    let bytes = body.as_bytes();
    let split = (1..bytes.len())
        .rev()
        .find(|&i| (bytes[i] == b'+' || bytes[i] == b'-') && !matches!(bytes[i - 1], b'e' | b'E'));
    match split {
        Some(i) => Some([
            crate::objects::float::value::parse_float_text(&body[..i])?,
            float(&body[i..])?,
        ]),
        None => Some([0.0, float(body)?]),
    }
}
