//! The `math` module: CPython's functions over floats and ints, with its errors ("math domain
//! error" for arguments outside a function's domain, "math range error" for results too big).

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{Exc, PyErr, PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("sqrt", sqrt),
    BuiltinFn::new("exp", exp),
    BuiltinFn::new("log", log),
    BuiltinFn::new("log2", log2),
    BuiltinFn::new("log10", log10),
    BuiltinFn::new("pow", pow),
    BuiltinFn::new("sin", sin),
    BuiltinFn::new("cos", cos),
    BuiltinFn::new("tan", tan),
    BuiltinFn::new("asin", asin),
    BuiltinFn::new("acos", acos),
    BuiltinFn::new("atan", atan),
    BuiltinFn::new("atan2", atan2),
    BuiltinFn::new("hypot", hypot),
    BuiltinFn::new("degrees", degrees),
    BuiltinFn::new("radians", radians),
    BuiltinFn::new("fabs", fabs),
    BuiltinFn::new("copysign", copysign),
    BuiltinFn::new("fmod", fmod),
    BuiltinFn::new("modf", modf),
    BuiltinFn::new("frexp", frexp),
    BuiltinFn::new("ldexp", ldexp),
    BuiltinFn::new("isnan", isnan),
    BuiltinFn::new("isinf", isinf),
    BuiltinFn::new("isfinite", isfinite),
    BuiltinFn::new("isclose", isclose),
    BuiltinFn::new("floor", floor),
    BuiltinFn::new("ceil", ceil),
    BuiltinFn::new("trunc", trunc),
    BuiltinFn::new("fsum", fsum),
    BuiltinFn::new("prod", prod),
    BuiltinFn::new("gcd", gcd),
    BuiltinFn::new("lcm", lcm),
    BuiltinFn::new("factorial", factorial),
    BuiltinFn::new("comb", comb),
    BuiltinFn::new("perm", perm),
    BuiltinFn::new("isqrt", isqrt),
];

/// Creates the module.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("math")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    for (name, value) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        vm.module_set(&m, name, vm.float(value))?;
    }
    Ok(m)
}

fn domain_error(vm: &Vm) -> PyErr {
    vm.value_error("math domain error")
}

fn range_error(vm: &Vm) -> PyErr {
    vm.new_exc(Exc::OverflowError, "math range error")
}

/// A real argument as a float (ints convert, as in CPython).
pub(super) fn real(vm: &Vm, arg: &PyRef) -> PyResult<f64> {
    match &**vm.builtin_receiver(arg) {
        Obj::Float(f) => Ok(*f),
        Obj::Int(i) => Ok(*i as f64),
        Obj::Bool(b) => Ok(f64::from(u8::from(*b))),
        Obj::BigInt(b) => b
            .to_f64()
            .filter(|f| f.is_finite())
            .ok_or_else(|| vm.new_exc(Exc::OverflowError, "int too large to convert to float")),
        _ => Err(vm.type_error(format!("must be real number, not {}", vm.type_name(arg)))),
    }
}

/// An integer argument (floats are refused, as in CPython).
fn integer(vm: &Vm, arg: &PyRef) -> PyResult<BigInt> {
    match &**vm.builtin_receiver(arg) {
        Obj::Int(i) => Ok(BigInt::from(*i)),
        Obj::Bool(b) => Ok(BigInt::from(u8::from(*b))),
        Obj::BigInt(b) => Ok((**b).clone()),
        _ => Err(vm.not_an_integer(arg)),
    }
}

/// Applies a float function of one argument; a NaN out of a non-NaN in is a domain error
/// and an infinity out of a finite in is a range error, as CPython's math_1 decides.
fn unary(vm: &Vm, a: Args<'_>, name: &str, f: fn(f64) -> f64) -> PyResult {
    a.check(vm, name, 1, 1, &[])?;
    let x = real(vm, &a.pos[0])?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(range_error(vm));
    }
    Ok(vm.float(r))
}

/// Two float arguments.
fn two(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<(f64, f64)> {
    a.check(vm, name, 2, 2, &[])?;
    Ok((real(vm, &a.pos[0])?, real(vm, &a.pos[1])?))
}

fn sqrt(vm: &Vm, a: Args<'_>) -> PyResult {
    unary(vm, a, "sqrt", f64::sqrt)
}

fn exp(vm: &Vm, a: Args<'_>) -> PyResult {
    unary(vm, a, "exp", f64::exp)
}

fn sin(vm: &Vm, a: Args<'_>) -> PyResult {
    unary(vm, a, "sin", f64::sin)
}

fn cos(vm: &Vm, a: Args<'_>) -> PyResult {
    unary(vm, a, "cos", f64::cos)
}

fn tan(vm: &Vm, a: Args<'_>) -> PyResult {
    unary(vm, a, "tan", f64::tan)
}

fn asin(vm: &Vm, a: Args<'_>) -> PyResult {
    unary(vm, a, "asin", f64::asin)
}

fn acos(vm: &Vm, a: Args<'_>) -> PyResult {
    unary(vm, a, "acos", f64::acos)
}

fn atan(vm: &Vm, a: Args<'_>) -> PyResult {
    unary(vm, a, "atan", f64::atan)
}

fn degrees(vm: &Vm, a: Args<'_>) -> PyResult {
    unary(vm, a, "degrees", f64::to_degrees)
}

fn radians(vm: &Vm, a: Args<'_>) -> PyResult {
    unary(vm, a, "radians", f64::to_radians)
}

fn fabs(vm: &Vm, a: Args<'_>) -> PyResult {
    unary(vm, a, "fabs", f64::abs)
}

/// A logarithm: `f` for floats and ints that fit one; an int too big for a float is taken
/// apart by its bit length (ln b = ln(b / 2^k) + k ln 2), then divided by `ln_base`. The
/// domain is the positive reals.
fn logarithm(vm: &Vm, arg: &PyRef, f: fn(f64) -> f64, ln_base: f64) -> PyResult<f64> {
    if let Obj::BigInt(b) = &**vm.builtin_receiver(arg) {
        if !b.is_positive() {
            return Err(domain_error(vm));
        }
        let shift = b.bits().saturating_sub(64);
        let top = (&**b >> shift).to_f64().unwrap_or(f64::MAX);
        return Ok((top.ln() + shift as f64 * std::f64::consts::LN_2) / ln_base);
    }
    let x = real(vm, arg)?;
    if x <= 0.0 {
        return Err(domain_error(vm));
    }
    Ok(f(x))
}

fn log(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "log", 1, 2, &[])?;
    let num = logarithm(vm, &a.pos[0], f64::ln, 1.0)?;
    match a.pos.get(1) {
        None => Ok(vm.float(num)),
        Some(base) => {
            let den = logarithm(vm, base, f64::ln, 1.0)?;
            if den == 0.0 {
                return Err(vm.new_exc(Exc::ZeroDivisionError, "float division by zero"));
            }
            Ok(vm.float(num / den))
        }
    }
}

fn log2(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "log2", 1, 1, &[])?;
    let r = logarithm(vm, &a.pos[0], f64::log2, std::f64::consts::LN_2)?;
    Ok(vm.float(r))
}

fn log10(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "log10", 1, 1, &[])?;
    let r = logarithm(vm, &a.pos[0], f64::log10, std::f64::consts::LN_10)?;
    Ok(vm.float(r))
}

fn pow(vm: &Vm, a: Args<'_>) -> PyResult {
    let (x, y) = two(vm, &a, "pow")?;
    if x == 0.0 && y < 0.0 {
        return Err(domain_error(vm));
    }
    if x < 0.0 && x.is_finite() && y.is_finite() && y.fract() != 0.0 {
        return Err(domain_error(vm));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range_error(vm));
    }
    Ok(vm.float(r))
}

fn atan2(vm: &Vm, a: Args<'_>) -> PyResult {
    let (y, x) = two(vm, &a, "atan2")?;
    Ok(vm.float(y.atan2(x)))
}

fn copysign(vm: &Vm, a: Args<'_>) -> PyResult {
    let (x, y) = two(vm, &a, "copysign")?;
    Ok(vm.float(x.copysign(y)))
}

fn fmod(vm: &Vm, a: Args<'_>) -> PyResult {
    let (x, y) = two(vm, &a, "fmod")?;
    if y == 0.0 || x.is_infinite() {
        return Err(domain_error(vm));
    }
    Ok(vm.float(x % y))
}

/// `modf(x)`: the fractional and integer parts of `x`, both with its sign.
fn modf(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "modf", 1, 1, &[])?;
    let x = real(vm, &a.pos[0])?;
    let (fraction, whole) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else {
        (x.fract(), x.trunc())
    };
    vm.new_tuple(vec![vm.float(fraction), vm.float(whole)])
}

/// `frexp(x)`: `(m, e)` with `x == m * 2**e` and `0.5 <= abs(m) < 1` (`(x, 0)` for zero,
/// infinities and NaN).
fn frexp(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "frexp", 1, 1, &[])?;
    let x = real(vm, &a.pos[0])?;
    let (mantissa, exponent) = split_exponent(x);
    vm.new_tuple(vec![vm.float(mantissa), vm.new_int(exponent)?])
}

/// The mantissa and exponent of C's `frexp`.
fn split_exponent(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    // scale subnormals into the normal range first, so the exponent bits tell the magnitude
    let (x, bias) = if x.abs() < f64::MIN_POSITIVE {
        (x * 2f64.powi(64), -64)
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64 - 1022;
    let mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (mantissa, exponent + bias)
}

/// `ldexp(x, i)`: `x * 2**i`, OverflowError when that is too big for a float.
fn ldexp(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "ldexp", 2, 2, &[])?;
    let x = real(vm, &a.pos[0])?;
    let Some(i) = a.pos[1].as_i64() else {
        return Err(vm.type_error("Expected an int as second argument to ldexp."));
    };
    let exponent = i.clamp(-2200, 2200) as i32;
    // two steps, so that an exponent past f64's range in one factor still reaches subnormals
    let half = exponent / 2;
    let result = x * 2f64.powi(half) * 2f64.powi(exponent - half);
    if result.is_infinite() && x.is_finite() {
        return Err(vm.new_exc(Exc::OverflowError, "math range error"));
    }
    Ok(vm.float(result))
}

fn hypot(vm: &Vm, a: Args<'_>) -> PyResult {
    let coordinates: PyResult<Vec<f64>> = a.pos.iter().map(|v| real(vm, v)).collect();
    let r = coordinates?.iter().fold(0.0f64, |acc, c| acc.hypot(*c));
    Ok(vm.float(r))
}

fn isnan(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "isnan", 1, 1, &[])?;
    Ok(vm.bool(real(vm, &a.pos[0])?.is_nan()))
}

fn isinf(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "isinf", 1, 1, &[])?;
    Ok(vm.bool(real(vm, &a.pos[0])?.is_infinite()))
}

fn isfinite(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "isfinite", 1, 1, &[])?;
    Ok(vm.bool(real(vm, &a.pos[0])?.is_finite()))
}

/// `isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`, CPython's algorithm.
fn isclose(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "isclose", 2, 2, &["rel_tol", "abs_tol"])?;
    let (x, y) = (real(vm, &a.pos[0])?, real(vm, &a.pos[1])?);
    let rel_tol = a.kw("rel_tol").map_or(Ok(1e-9), |v| real(vm, v))?;
    let abs_tol = a.kw("abs_tol").map_or(Ok(0.0), |v| real(vm, v))?;
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(vm.bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(vm.bool(false));
    }
    let diff = (x - y).abs();
    let close = diff <= (rel_tol * y).abs() || diff <= (rel_tol * x).abs() || diff <= abs_tol;
    Ok(vm.bool(close))
}

/// floor, ceil, trunc: ints stay themselves; floats round to an int of any size.
/// `math.floor`/`ceil`/`trunc`: ints as they are, a class's `__floor__`/`__ceil__`/`__trunc__`
/// when it has one (fractions.Fraction), else the float rounded.
fn round_to_int(vm: &Vm, a: Args<'_>, name: &str, f: fn(f64) -> f64) -> PyResult {
    a.check(vm, name, 1, 1, &[])?;
    let arg = &a.pos[0];
    if let Some(method) = vm.user_method(arg, &format!("__{name}__")) {
        return vm.call(&method, std::slice::from_ref(arg));
    }
    if matches!(
        &**vm.builtin_receiver(arg),
        Obj::Int(_) | Obj::BigInt(_) | Obj::Bool(_)
    ) {
        return vm.new_bigint(integer(vm, arg)?);
    }
    vm.int_from_float(f(real(vm, arg)?))
}

fn floor(vm: &Vm, a: Args<'_>) -> PyResult {
    round_to_int(vm, a, "floor", f64::floor)
}

fn ceil(vm: &Vm, a: Args<'_>) -> PyResult {
    round_to_int(vm, a, "ceil", f64::ceil)
}

fn trunc(vm: &Vm, a: Args<'_>) -> PyResult {
    round_to_int(vm, a, "trunc", f64::trunc)
}

/// `fsum(iterable)`: an exactly rounded sum (Neumaier's compensated summation).
fn fsum(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "fsum", 1, 1, &[])?;
    let (mut sum, mut compensation) = (0.0f64, 0.0f64);
    for item in vm.collect(&a.pos[0])? {
        let x = real(vm, &item)?;
        let t = sum + x;
        compensation += if sum.abs() >= x.abs() {
            (sum - t) + x
        } else {
            (x - t) + sum
        };
        sum = t;
    }
    Ok(vm.float(sum + compensation))
}

/// `prod(iterable, *, start=1)`: multiplies with the `*` operator, so ints stay exact.
fn prod(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "prod", 1, 1, &["start"])?;
    let mut acc = a.kw("start").cloned().unwrap_or_else(|| vm.int(1));
    for item in vm.collect(&a.pos[0])? {
        acc = vm.binary_op(&acc, &item, crate::compile::BinOp::Mul, false)?;
    }
    Ok(acc)
}

fn gcd(vm: &Vm, a: Args<'_>) -> PyResult {
    if let Some(small) = gcd_small(&a) {
        return vm.new_int(small);
    }
    let mut acc = BigInt::zero();
    for arg in a.pos {
        acc = acc.gcd(&integer(vm, arg)?);
    }
    vm.new_bigint(acc)
}

/// `gcd` of ints that all fit a machine word (the common case: Fraction's normalisation),
/// without big-number arithmetic; None when one does not, or is no plain int.
fn gcd_small(a: &Args<'_>) -> Option<i64> {
    let mut acc: u64 = 0;
    for arg in a.pos {
        let Obj::Int(n) = &**arg else {
            return None;
        };
        acc = num_integer::Integer::gcd(&acc, &n.unsigned_abs());
    }
    // gcd(i64::MIN, 0) is 2**63, a big int
    i64::try_from(acc).ok()
}

fn lcm(vm: &Vm, a: Args<'_>) -> PyResult {
    let mut acc = BigInt::one();
    for arg in a.pos {
        let n = integer(vm, arg)?;
        if n.is_zero() {
            return vm.new_int(0);
        }
        acc = acc.lcm(&n);
    }
    vm.new_bigint(acc.abs())
}

/// A non-negative int argument that fits a machine word (for counts of factors).
fn count_arg(vm: &Vm, arg: &PyRef, what: &str) -> PyResult<u64> {
    let n = integer(vm, arg)?;
    if n.is_negative() {
        return Err(vm.value_error(format!("{what} must be a non-negative integer")));
    }
    n.to_u64()
        .ok_or_else(|| vm.new_exc(Exc::OverflowError, format!("{what} too large")))
}

/// The product of `count` consecutive integers ending at `top`, checked against the memory
/// budget (results of huge arguments would not fit).
fn falling_product(vm: &Vm, top: u64, count: u64) -> PyResult<BigInt> {
    let bits_estimate = (count as f64) * ((top.max(2)) as f64).log2();
    vm.reserve((bits_estimate / 8.0) as usize)?;
    let mut acc = BigInt::one();
    for k in 0..count {
        acc *= top - k;
    }
    Ok(acc)
}

fn factorial(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "factorial", 1, 1, &[])?;
    if integer(vm, &a.pos[0])?.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let n = count_arg(vm, &a.pos[0], "factorial() argument")?;
    vm.new_bigint(falling_product(vm, n, n)?)
}

fn perm(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "perm", 1, 2, &[])?;
    let n = count_arg(vm, &a.pos[0], "n")?;
    let k = match a.pos.get(1) {
        Some(k) if !vm.is_none(k) => count_arg(vm, k, "k")?,
        _ => n,
    };
    if k > n {
        return vm.new_int(0);
    }
    vm.new_bigint(falling_product(vm, n, k)?)
}

fn comb(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "comb", 2, 2, &[])?;
    let n = count_arg(vm, &a.pos[0], "n")?;
    let k = count_arg(vm, &a.pos[1], "k")?;
    if k > n {
        return vm.new_int(0);
    }
    let k = k.min(n - k);
    let numerator = falling_product(vm, n, k)?;
    vm.new_bigint(numerator / falling_product(vm, k, k)?)
}

fn isqrt(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "isqrt", 1, 1, &[])?;
    let n = integer(vm, &a.pos[0])?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    vm.new_bigint(n.sqrt())
}
