//! Finite decimals as `_pydecimal` keeps them (a sign, the coefficient as a string of digits,
//! an int exponent) and the operations of `decimal.py` on them, line for line: `_fix`,
//! `_rescale` and the rounding functions, the finite cases of `__add__`, `__mul__` and
//! `quantize`, and `__str__`. Each returns the result and the conditions `decimal.py` would
//! raise, in the order it raises them, or `None` where `decimal.py` takes a path that needs
//! the context's answer (overflow, an error): the caller then runs the Python code instead.
//!
//! Exponents are `i128`: `decimal.py`'s exponents are Python ints, bounded by its contexts
//! (|Emin|, Emax, prec <= 999999999999999999), so every sum and difference formed here fits.

use std::cmp::Ordering;

use num_bigint::BigUint;

/// A finite decimal: `(-1)**sign * int(coeff) * 10**exp`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finite {
    /// 0 or 1.
    pub sign: u8,
    /// `_int`: the digits (no leading zeros except in "0", as `decimal.py` makes them).
    pub coeff: String,
    /// `_exp`.
    pub exp: i128,
}

impl Finite {
    /// `decimal.py`'s `__bool__` for a finite value: `self._int != '0'`.
    fn is_zero(&self) -> bool {
        self.coeff == "0"
    }

    /// `adjusted()`: the exponent of the most significant digit.
    fn adjusted(&self) -> i128 {
        self.exp + self.coeff.len() as i128 - 1
    }
}

/// The rounding modes (`context.rounding`, `ROUND_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    Down,
    Up,
    HalfUp,
    HalfDown,
    HalfEven,
    Ceiling,
    Floor,
    ZeroFiveUp,
}

impl Rounding {
    /// The mode a `ROUND_*` constant names (its value is its name).
    pub fn from_name(name: &str) -> Option<Rounding> {
        Some(match name {
            "ROUND_DOWN" => Rounding::Down,
            "ROUND_UP" => Rounding::Up,
            "ROUND_HALF_UP" => Rounding::HalfUp,
            "ROUND_HALF_DOWN" => Rounding::HalfDown,
            "ROUND_HALF_EVEN" => Rounding::HalfEven,
            "ROUND_CEILING" => Rounding::Ceiling,
            "ROUND_FLOOR" => Rounding::Floor,
            "ROUND_05UP" => Rounding::ZeroFiveUp,
            _ => return None,
        })
    }
}

/// What `_fix` and the operations read from a `Context`.
#[derive(Clone, Copy, Debug)]
pub struct Ctx {
    pub prec: i128,
    pub emin: i128,
    pub emax: i128,
    pub rounding: Rounding,
    pub clamp: bool,
}

impl Ctx {
    fn etiny(&self) -> i128 {
        self.emin - self.prec + 1
    }

    fn etop(&self) -> i128 {
        self.emax - self.prec + 1
    }
}

/// A condition `decimal.py` raises through `context._raise_error` on these paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    Underflow,
    Subnormal,
    Inexact,
    Rounded,
    Clamped,
}

/// A result and the conditions to raise, in order.
pub type Outcome = (Finite, Vec<Signal>);

/// `_all_zeros(s, p)`: the digits from `p` on are all zeros.
fn all_zeros(s: &str, p: usize) -> bool {
    s.as_bytes()[p..].iter().all(|&d| d == b'0')
}

/// `_exact_half(s, p)`: the digits from `p` on are 5 then zeros.
fn exact_half(s: &str, p: usize) -> bool {
    let b = s.as_bytes();
    b.get(p) == Some(&b'5') && all_zeros(s, p + 1)
}

/// The rounding functions of `decimal.py` (`_round_down`, ...): for a finite nonzero value
/// and `0 <= p < len(coeff)`, 1 to round away from zero, 0 if the dropped digits are zeros,
/// -1 to truncate nonzero digits.
fn round_direction(mode: Rounding, sign: u8, coeff: &str, p: usize) -> i8 {
    let b = coeff.as_bytes();
    let down = || if all_zeros(coeff, p) { 0 } else { -1 };
    let half_up = || {
        if b"56789".contains(&b[p]) {
            1
        } else {
            down()
        }
    };
    match mode {
        Rounding::Down => down(),
        Rounding::Up => -down(),
        Rounding::HalfUp => half_up(),
        Rounding::HalfDown if exact_half(coeff, p) => -1,
        Rounding::HalfDown => half_up(),
        Rounding::HalfEven if exact_half(coeff, p) && (p == 0 || b"02468".contains(&b[p - 1])) => {
            -1
        }
        Rounding::HalfEven => half_up(),
        Rounding::Ceiling if sign == 1 => down(),
        Rounding::Ceiling => -down(),
        Rounding::Floor if sign == 0 => down(),
        Rounding::Floor => -down(),
        Rounding::ZeroFiveUp if p > 0 && !b"05".contains(&b[p - 1]) => down(),
        Rounding::ZeroFiveUp => -down(),
    }
}

/// A count of zeros to append, if it is one this module builds (a context with a huge
/// precision can ask for more; the Python code then deals with it, MemoryError included).
fn padding(zeros: i128) -> Option<usize> {
    usize::try_from(zeros).ok().filter(|&n| n <= 1 << 20)
}

/// `str(int(digits))`: the digits without leading zeros.
fn int_str(digits: &str) -> &str {
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() {
        "0"
    } else {
        trimmed
    }
}

/// `str(int(digits) + 1)`.
fn increment(digits: &str) -> String {
    let mut out: Vec<u8> = int_str(digits).bytes().collect();
    for d in out.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return String::from_utf8(out).expect("digits are ASCII");
        }
    }
    out.insert(0, b'1');
    String::from_utf8(out).expect("digits are ASCII")
}

/// `coeff[:digits] or '0'` for a slice that drops the rest.
fn head_or_zero(coeff: &str, digits: usize) -> String {
    if digits == 0 {
        "0".to_string()
    } else {
        coeff[..digits].to_string()
    }
}

/// `_fix`: rounds `d` to the context's precision and exponent range. `None` on overflow
/// (`decimal.py` then asks the context what to return).
pub fn fix(d: Finite, ctx: &Ctx) -> Option<Outcome> {
    let (etiny, etop) = (ctx.etiny(), ctx.etop());
    let mut signals = Vec::new();
    if d.is_zero() {
        let exp_max = if ctx.clamp { etop } else { ctx.emax };
        let new_exp = d.exp.max(etiny).min(exp_max);
        if new_exp != d.exp {
            signals.push(Signal::Clamped);
            return Some((Finite { exp: new_exp, ..d }, signals));
        }
        return Some((d, signals));
    }
    let mut exp_min = d.coeff.len() as i128 + d.exp - ctx.prec;
    if exp_min > etop {
        return None;
    }
    let subnormal = exp_min < etiny;
    if subnormal {
        exp_min = etiny;
    }
    if d.exp < exp_min {
        let (src, digits) = match d.coeff.len() as i128 + d.exp - exp_min {
            digits if digits < 0 => ("1", 0),
            digits => (d.coeff.as_str(), digits as usize),
        };
        let changed = round_direction(ctx.rounding, d.sign, src, digits);
        let mut coeff = head_or_zero(src, digits);
        if changed > 0 {
            coeff = increment(&coeff);
            if coeff.len() as i128 > ctx.prec {
                coeff.pop();
                exp_min += 1;
            }
        }
        if exp_min > etop {
            return None;
        }
        let ans = Finite {
            sign: d.sign,
            coeff,
            exp: exp_min,
        };
        if changed != 0 && subnormal {
            signals.push(Signal::Underflow);
        }
        if subnormal {
            signals.push(Signal::Subnormal);
        }
        if changed != 0 {
            signals.push(Signal::Inexact);
        }
        signals.push(Signal::Rounded);
        if ans.is_zero() {
            signals.push(Signal::Clamped);
        }
        return Some((ans, signals));
    }
    if subnormal {
        signals.push(Signal::Subnormal);
    }
    if ctx.clamp && d.exp > etop {
        signals.push(Signal::Clamped);
        let pad = padding(d.exp - etop)?;
        let coeff = d.coeff.clone() + &"0".repeat(pad);
        return Some((
            Finite {
                coeff,
                exp: etop,
                ..d
            },
            signals,
        ));
    }
    Some((d, signals))
}

/// `_rescale(exp, rounding)` (quiet): the value with exponent `exp`, rounded if digits go.
/// `None` when the padding is too long to build here (see [`padding`]).
pub fn rescale(d: &Finite, exp: i128, mode: Rounding) -> Option<(Finite, i8)> {
    if d.is_zero() {
        return Some((
            Finite {
                sign: d.sign,
                coeff: "0".into(),
                exp,
            },
            0,
        ));
    }
    if d.exp >= exp {
        let pad = padding(d.exp - exp)?;
        let coeff = d.coeff.clone() + &"0".repeat(pad);
        return Some((
            Finite {
                sign: d.sign,
                coeff,
                exp,
            },
            0,
        ));
    }
    let (src, digits) = match d.coeff.len() as i128 + d.exp - exp {
        digits if digits < 0 => ("1", 0),
        digits => (d.coeff.as_str(), digits as usize),
    };
    let changed = round_direction(mode, d.sign, src, digits);
    let mut coeff = head_or_zero(src, digits);
    if changed == 1 {
        coeff = increment(&coeff);
    }
    let ans = Finite {
        sign: d.sign,
        coeff,
        exp,
    };
    Some((ans, changed))
}

/// Digit strings as numbers: u128 while they fit, big ints past that.
fn to_big(digits: &str) -> BigUint {
    BigUint::parse_bytes(digits.as_bytes(), 10).expect("a coefficient is decimal digits")
}

fn small(digits: &str) -> Option<u128> {
    if digits.len() <= 38 {
        digits.parse().ok()
    } else {
        None
    }
}

/// `str(int(a) * int(b))`.
fn mul_digits(a: &str, b: &str) -> String {
    if let Some(p) = small(a).zip(small(b)).and_then(|(x, y)| x.checked_mul(y)) {
        return p.to_string();
    }
    (to_big(a) * to_big(b)).to_string()
}

/// `str(int(a) + int(b))`.
fn add_digits(a: &str, b: &str) -> String {
    if let Some(s) = small(a).zip(small(b)).and_then(|(x, y)| x.checked_add(y)) {
        return s.to_string();
    }
    (to_big(a) + to_big(b)).to_string()
}

/// `str(int(a) - int(b))` for `int(a) >= int(b)`.
fn sub_digits(a: &str, b: &str) -> String {
    if let Some((x, y)) = small(a).zip(small(b)) {
        return (x - y).to_string();
    }
    (to_big(a) - to_big(b)).to_string()
}

/// `int(a)` against `int(b)`, for digit strings without leading zeros.
fn cmp_digits(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// The finite case of `__mul__`.
pub fn mul(a: &Finite, b: &Finite, ctx: &Ctx) -> Option<Outcome> {
    let sign = a.sign ^ b.sign;
    let exp = a.exp + b.exp;
    let coeff = if a.is_zero() || b.is_zero() {
        "0".to_string()
    } else if a.coeff == "1" {
        b.coeff.clone()
    } else if b.coeff == "1" {
        a.coeff.clone()
    } else {
        mul_digits(int_str(&a.coeff), int_str(&b.coeff))
    };
    fix(Finite { sign, coeff, exp }, ctx)
}

/// A `_WorkRep`: sign, int (as digits without leading zeros), exponent.
struct WorkRep {
    sign: u8,
    int: String,
    exp: i128,
}

impl WorkRep {
    fn of(d: &Finite) -> WorkRep {
        WorkRep {
            sign: d.sign,
            int: int_str(&d.coeff).to_string(),
            exp: d.exp,
        }
    }
}

/// `_normalize(op1, op2, prec)`: both to the smaller exponent, the much smaller operand
/// replaced by `10**exp` below the precision (same result after rounding).
fn normalize(op1: &mut WorkRep, op2: &mut WorkRep, prec: i128) -> Option<()> {
    let (tmp, other) = if op1.exp < op2.exp {
        (op2, op1)
    } else {
        (op1, op2)
    };
    let exp = tmp.exp + (-1).min(tmp.int.len() as i128 - prec - 2);
    if other.int.len() as i128 + other.exp - 1 < exp {
        other.int = "1".into();
        other.exp = exp;
    }
    let pad = padding(tmp.exp - other.exp)?;
    if tmp.int != "0" {
        tmp.int.push_str(&"0".repeat(pad));
    }
    tmp.exp = other.exp;
    Some(())
}

/// The finite case of `__add__` (and of `__sub__`, with `b` negated by the caller).
pub fn add(a: &Finite, b: &Finite, ctx: &Ctx) -> Option<Outcome> {
    let exp = a.exp.min(b.exp);
    let negativezero = u8::from(ctx.rounding == Rounding::Floor && a.sign != b.sign);
    let zero = |sign| Finite {
        sign,
        coeff: "0".into(),
        exp,
    };
    if a.is_zero() && b.is_zero() {
        return fix(zero(a.sign.min(b.sign).max(negativezero)), ctx);
    }
    if a.is_zero() || b.is_zero() {
        let nonzero = if a.is_zero() { b } else { a };
        let exp = exp.max(nonzero.exp - ctx.prec - 1);
        let (ans, _) = rescale(nonzero, exp, ctx.rounding)?;
        return fix(ans, ctx);
    }
    let (mut op1, mut op2) = (WorkRep::of(a), WorkRep::of(b));
    normalize(&mut op1, &mut op2, ctx.prec)?;
    let (sign, int) = if op1.sign != op2.sign {
        match cmp_digits(&op1.int, &op2.int) {
            Ordering::Equal => return fix(zero(negativezero), ctx),
            Ordering::Less => (op2.sign, sub_digits(&op2.int, &op1.int)),
            Ordering::Greater => (op1.sign, sub_digits(&op1.int, &op2.int)),
        }
    } else {
        (op1.sign, add_digits(&op1.int, &op2.int))
    };
    fix(
        Finite {
            sign,
            coeff: int,
            exp: op1.exp,
        },
        ctx,
    )
}

/// The finite case of `quantize` once `rounding` is known. `None` where `decimal.py` raises
/// InvalidOperation (the caller's Python code does that).
pub fn quantize(a: &Finite, exp: i128, mode: Rounding, ctx: &Ctx) -> Option<Outcome> {
    if !(ctx.etiny() <= exp && exp <= ctx.emax) {
        return None;
    }
    if a.is_zero() {
        let ans = Finite {
            sign: a.sign,
            coeff: "0".into(),
            exp,
        };
        return fix(ans, ctx);
    }
    let adjusted = a.adjusted();
    if adjusted > ctx.emax || adjusted - exp + 1 > ctx.prec {
        return None;
    }
    let (ans, changed) = rescale(a, exp, mode)?;
    if ans.adjusted() > ctx.emax || ans.coeff.len() as i128 > ctx.prec {
        return None;
    }
    let mut signals = Vec::new();
    if !ans.is_zero() && ans.adjusted() < ctx.emin {
        signals.push(Signal::Subnormal);
    }
    if ans.exp > a.exp {
        // `ans != self`: the value changed exactly when rounding dropped nonzero digits
        if changed != 0 {
            signals.push(Signal::Inexact);
        }
        signals.push(Signal::Rounded);
    }
    let (ans, more) = fix(ans, ctx)?;
    signals.extend(more);
    Some((ans, signals))
}

/// `__str__` of a finite value; `None` if it needs an exponent and no `capitals` is known.
pub fn to_str(d: &Finite, eng: bool, capitals: Option<bool>) -> Option<String> {
    let len = d.coeff.len() as i128;
    let leftdigits = d.exp + len;
    let dotplace = if d.exp <= 0 && leftdigits > -6 {
        leftdigits
    } else if !eng {
        1
    } else if d.coeff == "0" {
        (leftdigits + 1).rem_euclid(3) - 1
    } else {
        (leftdigits - 1).rem_euclid(3) + 1
    };
    let exp = if leftdigits == dotplace {
        String::new()
    } else {
        let e = if capitals? { 'E' } else { 'e' };
        format!("{e}{:+}", leftdigits - dotplace)
    };
    let mut out = String::with_capacity(d.coeff.len() + exp.len() + 4);
    if d.sign == 1 {
        out.push('-');
    }
    if dotplace <= 0 {
        out.push_str("0.");
        out.push_str(&"0".repeat(usize::try_from(-dotplace).ok()?));
        out.push_str(&d.coeff);
    } else if dotplace >= len {
        out.push_str(&d.coeff);
        out.push_str(&"0".repeat(usize::try_from(dotplace - len).ok()?));
    } else {
        let (int, frac) = d.coeff.split_at(dotplace as usize);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    }
    out.push_str(&exp);
    Some(out)
}
