//! Finite decimals as `_pydecimal` keeps them (a sign, the coefficient, an int exponent) and
//! the operations of `decimal.py` on them, line for line: `_fix`, `_rescale` and the rounding
//! functions, the finite cases of `__add__`, `__mul__` and `quantize`, and `__str__`. Each
//! returns the result and the conditions `decimal.py` would raise, in the order it raises
//! them, or `None` where `decimal.py` takes a path that needs the context's answer
//! (overflow, an error): the caller then runs the Python code instead.
//!
//! The coefficient is a [`Coeff`]: `decimal.py`'s own string of digits (`String`, any
//! length), or a `u128` when it has at most 38 digits and no leading zero, so that the
//! common operations make no digit strings and no big ints. The operations are written once
//! over the trait; with `u128` they give `None` also when a coefficient outgrows it, and the
//! caller computes the same operation again on strings ([`Finite::digits`]).
//!
//! Exponents are `i128`: `decimal.py`'s exponents are Python ints, bounded by its contexts
//! (|Emin|, Emax, prec <= 999999999999999999), so every sum and difference formed here fits.

use std::cmp::Ordering;

use num_bigint::BigUint;

/// A finite decimal: `(-1)**sign * int(coeff) * 10**exp`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finite<C = String> {
    /// 0 or 1.
    pub sign: u8,
    /// `_int`: the digits (no leading zeros except in "0", as `decimal.py` makes them).
    pub coeff: C,
    /// `_exp`.
    pub exp: i128,
}

impl<C: Coeff> Finite<C> {
    /// `decimal.py`'s `__bool__` for a finite value: `self._int != '0'`.
    fn is_zero(&self) -> bool {
        self.coeff.is_zero()
    }

    /// `adjusted()`: the exponent of the most significant digit.
    fn adjusted(&self) -> i128 {
        self.exp + self.coeff.len() as i128 - 1
    }
}

impl Finite<u128> {
    /// The same value with its coefficient as a string of digits.
    pub fn digits(&self) -> Finite {
        Finite {
            sign: self.sign,
            coeff: self.coeff.to_string(),
            exp: self.exp,
        }
    }
}

/// A coefficient as the operations need it: `decimal.py`'s digit string, or a machine
/// integer. The methods that build a new coefficient give `None` when it would not fit.
pub trait Coeff: Clone + Sized {
    /// 0 or 1.
    fn small(v: u8) -> Self;
    /// `len(coeff)`.
    fn len(&self) -> usize;
    /// `coeff == '0'`.
    fn is_zero(&self) -> bool;
    /// `coeff == '1'`.
    fn is_one(&self) -> bool;
    /// The digit at index `p < len` (`coeff[p]`).
    fn digit(&self, p: usize) -> u8;
    /// `_all_zeros(coeff, p)`: the digits from `p` on are all zeros.
    fn zeros_from(&self, p: usize) -> bool;
    /// `coeff[:digits] or '0'`, for `digits < len`.
    fn head(&self, digits: usize) -> Self;
    /// `coeff[:-1]`.
    fn drop_last(&mut self);
    /// `str(int(coeff))`: without leading zeros.
    fn trimmed(&self) -> Self;
    /// `str(int(coeff) + 1)`.
    fn increment(&self) -> Option<Self>;
    /// `coeff + '0' * zeros`.
    fn pad(&self, zeros: usize) -> Option<Self>;
    /// `str(int(a) + int(b))`, both without leading zeros.
    fn add(&self, other: &Self) -> Option<Self>;
    /// `str(int(a) - int(b))` for `int(a) >= int(b)`, both without leading zeros.
    fn sub(&self, other: &Self) -> Option<Self>;
    /// `str(int(a) * int(b))`, both without leading zeros.
    fn mul(&self, other: &Self) -> Option<Self>;
    /// `int(a)` against `int(b)`, both without leading zeros.
    fn compare(&self, other: &Self) -> Ordering;
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

/// `str(int(digits))`: the digits without leading zeros.
fn int_str(digits: &str) -> &str {
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() {
        "0"
    } else {
        trimmed
    }
}

impl Coeff for String {
    fn small(v: u8) -> Self {
        char::from(b'0' + v).to_string()
    }

    fn len(&self) -> usize {
        str::len(self)
    }

    fn is_zero(&self) -> bool {
        self == "0"
    }

    fn is_one(&self) -> bool {
        self == "1"
    }

    fn digit(&self, p: usize) -> u8 {
        self.as_bytes()[p] - b'0'
    }

    fn zeros_from(&self, p: usize) -> bool {
        self.as_bytes()[p..].iter().all(|&d| d == b'0')
    }

    fn head(&self, digits: usize) -> Self {
        if digits == 0 {
            "0".to_string()
        } else {
            self[..digits].to_string()
        }
    }

    fn drop_last(&mut self) {
        self.pop();
    }

    fn trimmed(&self) -> Self {
        int_str(self).to_string()
    }

    fn increment(&self) -> Option<Self> {
        let mut out: Vec<u8> = int_str(self).bytes().collect();
        for d in out.iter_mut().rev() {
            if *d == b'9' {
                *d = b'0';
            } else {
                *d += 1;
                return String::from_utf8(out).ok();
            }
        }
        out.insert(0, b'1');
        String::from_utf8(out).ok()
    }

    fn pad(&self, zeros: usize) -> Option<Self> {
        Some(self.clone() + &"0".repeat(zeros))
    }

    fn add(&self, other: &Self) -> Option<Self> {
        if let Some(s) = small(self)
            .zip(small(other))
            .and_then(|(x, y)| x.checked_add(y))
        {
            return Some(s.to_string());
        }
        Some((to_big(self) + to_big(other)).to_string())
    }

    fn sub(&self, other: &Self) -> Option<Self> {
        if let Some((x, y)) = small(self).zip(small(other)) {
            return Some((x - y).to_string());
        }
        Some((to_big(self) - to_big(other)).to_string())
    }

    fn mul(&self, other: &Self) -> Option<Self> {
        if let Some(p) = small(self)
            .zip(small(other))
            .and_then(|(x, y)| x.checked_mul(y))
        {
            return Some(p.to_string());
        }
        Some((to_big(self) * to_big(other)).to_string())
    }

    fn compare(&self, other: &Self) -> Ordering {
        str::len(self)
            .cmp(&str::len(other))
            .then_with(|| self.as_str().cmp(other))
    }
}

/// The most digits a `u128` coefficient has here: every 38-digit number fits, and so does
/// one more than the largest (an increment never overflows).
const U128_DIGITS: usize = 38;

/// `10**n` for `n <= 38`.
const POW10: [u128; 39] = {
    let mut table = [1u128; 39];
    let mut n = 1;
    while n < table.len() {
        table[n] = table[n - 1] * 10;
        n += 1;
    }
    table
};

fn pow10(n: usize) -> u128 {
    POW10[n]
}

/// `(v // 10**n, v % 10**n)` for `n <= 38`, in u64 arithmetic when `v` fits one (a u128
/// division is a library call).
fn split_pow10(v: u128, n: usize) -> (u128, u128) {
    match u64::try_from(v) {
        Ok(_) if n > 19 => (0, v),
        Ok(small) => {
            let p = POW10[n] as u64;
            (u128::from(small / p), u128::from(small % p))
        }
        Err(_) => (v / POW10[n], v % POW10[n]),
    }
}

/// A `u128` coefficient of at most [`U128_DIGITS`] digits, or None.
fn fits(v: u128) -> Option<u128> {
    (v < pow10(U128_DIGITS)).then_some(v)
}

/// The number of digits of `v` (1 for 0), from its bit length: a length of `b` bits has
/// `b * log10(2)` rounded down or up digits, one comparison with a power of ten decides
/// which (the operations ask it several times per result; `ilog10` loops).
pub fn u64_len(v: u64) -> usize {
    const POW10: [u64; 20] = {
        let mut table = [1u64; 20];
        let mut i = 1;
        while i < 20 {
            table[i] = table[i - 1] * 10;
            i += 1;
        }
        table
    };
    let v = v | 1;
    // 1233 / 4096 is log10(2) rounded up closely enough for every bit length up to 64
    let guess = (((64 - v.leading_zeros()) * 1233) >> 12) as usize;
    guess + usize::from(v >= POW10[guess])
}

impl Coeff for u128 {
    fn small(v: u8) -> Self {
        u128::from(v)
    }

    fn len(&self) -> usize {
        match u64::try_from(*self) {
            Ok(small) => u64_len(small),
            Err(_) => self.ilog10() as usize + 1,
        }
    }

    fn is_zero(&self) -> bool {
        *self == 0
    }

    fn is_one(&self) -> bool {
        *self == 1
    }

    fn digit(&self, p: usize) -> u8 {
        (split_pow10(*self, Coeff::len(self) - p - 1).0 % 10) as u8
    }

    fn zeros_from(&self, p: usize) -> bool {
        split_pow10(*self, Coeff::len(self) - p).1 == 0
    }

    fn head(&self, digits: usize) -> Self {
        split_pow10(*self, Coeff::len(self) - digits).0
    }

    fn drop_last(&mut self) {
        *self /= 10;
    }

    fn trimmed(&self) -> Self {
        *self
    }

    fn increment(&self) -> Option<Self> {
        fits(self + 1)
    }

    fn pad(&self, zeros: usize) -> Option<Self> {
        if zeros > U128_DIGITS {
            return None;
        }
        self.checked_mul(pow10(zeros)).and_then(fits)
    }

    fn add(&self, other: &Self) -> Option<Self> {
        self.checked_add(*other).and_then(fits)
    }

    fn sub(&self, other: &Self) -> Option<Self> {
        Some(self - other)
    }

    fn mul(&self, other: &Self) -> Option<Self> {
        self.checked_mul(*other).and_then(fits)
    }

    fn compare(&self, other: &Self) -> Ordering {
        self.cmp(other)
    }
}

/// `decimal.py`'s `_int` as a `u128`: at most [`U128_DIGITS`] digits, no leading zero
/// (a string that has one keeps its length's meaning only as a string).
pub fn parse_u128(digits: &[u8]) -> Option<u128> {
    if digits.is_empty() || digits.len() > U128_DIGITS || (digits[0] == b'0' && digits.len() > 1) {
        return None;
    }
    // the first 19 digits in u64 arithmetic (a u128 multiplication takes three)
    let (head, rest) = digits.split_at(digits.len().min(19));
    let mut small: u64 = 0;
    for &d in head {
        if !d.is_ascii_digit() {
            return None;
        }
        small = small * 10 + u64::from(d - b'0');
    }
    let mut v = u128::from(small);
    for &d in rest {
        if !d.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u128::from(d - b'0');
    }
    Some(v)
}

/// The decimal digits of `v`, written in `buf` (`itoa`: two digits per step from a table,
/// in `u64` arithmetic when the value fits one; a `u128` division is a library call).
pub fn u128_digits(v: u128, buf: &mut itoa::Buffer) -> &str {
    match u64::try_from(v) {
        Ok(small) => buf.format(small),
        Err(_) => buf.format(v),
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

/// The conditions one operation raises, in order: at most three from `quantize` and five
/// from `_fix`, so a fixed array (no allocation per operation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signals {
    len: usize,
    items: [Signal; 8],
}

impl Signals {
    pub fn new() -> Signals {
        Signals {
            len: 0,
            items: [Signal::Rounded; 8],
        }
    }

    fn push(&mut self, signal: Signal) {
        // the paths above raise at most eight conditions; a ninth would be a bug here
        debug_assert!(self.len < self.items.len());
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = signal;
            self.len += 1;
        }
    }

    fn extend(&mut self, other: Signals) {
        for &signal in other.as_slice() {
            self.push(signal);
        }
    }

    pub fn as_slice(&self) -> &[Signal] {
        &self.items[..self.len]
    }
}

impl Default for Signals {
    fn default() -> Self {
        Signals::new()
    }
}

/// A result and the conditions to raise, in order.
pub type Outcome<C = String> = (Finite<C>, Signals);

/// `_exact_half(coeff, p)`: the digits from `p` on are 5 then zeros.
fn exact_half<C: Coeff>(coeff: &C, p: usize) -> bool {
    p < coeff.len() && coeff.digit(p) == 5 && (p + 1 == coeff.len() || coeff.zeros_from(p + 1))
}

/// The rounding functions of `decimal.py` (`_round_down`, ...): for a finite nonzero value
/// and `0 <= p < len(coeff)`, 1 to round away from zero, 0 if the dropped digits are zeros,
/// -1 to truncate nonzero digits.
fn round_direction<C: Coeff>(mode: Rounding, sign: u8, coeff: &C, p: usize) -> i8 {
    let down = || if coeff.zeros_from(p) { 0 } else { -1 };
    let half_up = || if coeff.digit(p) >= 5 { 1 } else { down() };
    match mode {
        Rounding::Down => down(),
        Rounding::Up => -down(),
        Rounding::HalfUp => half_up(),
        Rounding::HalfDown if exact_half(coeff, p) => -1,
        Rounding::HalfDown => half_up(),
        Rounding::HalfEven
            if exact_half(coeff, p) && (p == 0 || coeff.digit(p - 1).is_multiple_of(2)) =>
        {
            -1
        }
        Rounding::HalfEven => half_up(),
        Rounding::Ceiling if sign == 1 => down(),
        Rounding::Ceiling => -down(),
        Rounding::Floor if sign == 0 => down(),
        Rounding::Floor => -down(),
        Rounding::ZeroFiveUp if p > 0 && !matches!(coeff.digit(p - 1), 0 | 5) => down(),
        Rounding::ZeroFiveUp => -down(),
    }
}

/// A count of zeros to append, if it is one this module builds (a context with a huge
/// precision can ask for more; the Python code then deals with it, MemoryError included).
fn padding(zeros: i128) -> Option<usize> {
    usize::try_from(zeros).ok().filter(|&n| n <= 1 << 20)
}

/// The coefficient and digit count the rounding functions see when `digits` of it are
/// kept: `decimal.py` rounds `'1'` at 0 when even the first digit goes.
fn rounding_source<C: Coeff>(coeff: &C, digits: i128) -> (C, usize) {
    if digits < 0 {
        (C::small(1), 0)
    } else {
        (coeff.clone(), digits as usize)
    }
}

/// `_fix`: rounds `d` to the context's precision and exponent range. `None` on overflow
/// (`decimal.py` then asks the context what to return).
pub fn fix<C: Coeff>(d: Finite<C>, ctx: &Ctx) -> Option<Outcome<C>> {
    let (etiny, etop) = (ctx.etiny(), ctx.etop());
    let mut signals = Signals::new();
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
        let (src, digits) = rounding_source(&d.coeff, d.coeff.len() as i128 + d.exp - exp_min);
        let changed = round_direction(ctx.rounding, d.sign, &src, digits);
        let mut coeff = src.head(digits);
        if changed > 0 {
            coeff = coeff.increment()?;
            if coeff.len() as i128 > ctx.prec {
                coeff.drop_last();
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
        let coeff = d.coeff.pad(padding(d.exp - etop)?)?;
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
pub fn rescale<C: Coeff>(d: &Finite<C>, exp: i128, mode: Rounding) -> Option<(Finite<C>, i8)> {
    if d.is_zero() {
        return Some((
            Finite {
                sign: d.sign,
                coeff: C::small(0),
                exp,
            },
            0,
        ));
    }
    if d.exp >= exp {
        let coeff = d.coeff.pad(padding(d.exp - exp)?)?;
        return Some((
            Finite {
                sign: d.sign,
                coeff,
                exp,
            },
            0,
        ));
    }
    let (src, digits) = rounding_source(&d.coeff, d.coeff.len() as i128 + d.exp - exp);
    let changed = round_direction(mode, d.sign, &src, digits);
    let mut coeff = src.head(digits);
    if changed == 1 {
        coeff = coeff.increment()?;
    }
    let ans = Finite {
        sign: d.sign,
        coeff,
        exp,
    };
    Some((ans, changed))
}

/// The finite case of `__mul__`.
pub fn mul<C: Coeff>(a: &Finite<C>, b: &Finite<C>, ctx: &Ctx) -> Option<Outcome<C>> {
    let sign = a.sign ^ b.sign;
    let exp = a.exp + b.exp;
    let coeff = if a.is_zero() || b.is_zero() {
        C::small(0)
    } else if a.coeff.is_one() {
        b.coeff.clone()
    } else if b.coeff.is_one() {
        a.coeff.clone()
    } else {
        a.coeff.trimmed().mul(&b.coeff.trimmed())?
    };
    fix(Finite { sign, coeff, exp }, ctx)
}

/// A `_WorkRep`: sign, int (without leading zeros), exponent.
struct WorkRep<C> {
    sign: u8,
    int: C,
    exp: i128,
}

impl<C: Coeff> WorkRep<C> {
    fn of(d: &Finite<C>) -> WorkRep<C> {
        WorkRep {
            sign: d.sign,
            int: d.coeff.trimmed(),
            exp: d.exp,
        }
    }
}

/// `_normalize(op1, op2, prec)`: both to the smaller exponent, the much smaller operand
/// replaced by `10**exp` below the precision (same result after rounding).
fn normalize<C: Coeff>(op1: &mut WorkRep<C>, op2: &mut WorkRep<C>, prec: i128) -> Option<()> {
    let (tmp, other) = if op1.exp < op2.exp {
        (op2, op1)
    } else {
        (op1, op2)
    };
    let exp = tmp.exp + (-1).min(tmp.int.len() as i128 - prec - 2);
    if other.int.len() as i128 + other.exp - 1 < exp {
        other.int = C::small(1);
        other.exp = exp;
    }
    let pad = padding(tmp.exp - other.exp)?;
    if !tmp.int.is_zero() {
        tmp.int = tmp.int.pad(pad)?;
    }
    tmp.exp = other.exp;
    Some(())
}

/// The finite case of `__add__` (and of `__sub__`, with `b` negated by the caller).
pub fn add<C: Coeff>(a: &Finite<C>, b: &Finite<C>, ctx: &Ctx) -> Option<Outcome<C>> {
    let exp = a.exp.min(b.exp);
    let negativezero = u8::from(ctx.rounding == Rounding::Floor && a.sign != b.sign);
    let zero = |sign| Finite {
        sign,
        coeff: C::small(0),
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
        match op1.int.compare(&op2.int) {
            Ordering::Equal => return fix(zero(negativezero), ctx),
            Ordering::Less => (op2.sign, op2.int.sub(&op1.int)?),
            Ordering::Greater => (op1.sign, op1.int.sub(&op2.int)?),
        }
    } else {
        (op1.sign, op1.int.add(&op2.int)?)
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
pub fn quantize<C: Coeff>(
    a: &Finite<C>,
    exp: i128,
    mode: Rounding,
    ctx: &Ctx,
) -> Option<Outcome<C>> {
    if !(ctx.etiny() <= exp && exp <= ctx.emax) {
        return None;
    }
    if a.is_zero() {
        let ans = Finite {
            sign: a.sign,
            coeff: C::small(0),
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
    let mut signals = Signals::new();
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

/// `__str__` of a finite value (`sign`, its digits `coeff`, `exp`); `None` if it needs an
/// exponent and no `capitals` is known.
pub fn to_str(
    sign: u8,
    coeff: &str,
    exp: i128,
    eng: bool,
    capitals: Option<bool>,
) -> Option<String> {
    let len = coeff.len() as i128;
    let leftdigits = exp + len;
    let dotplace = if exp <= 0 && leftdigits > -6 {
        leftdigits
    } else if !eng {
        1
    } else if coeff == "0" {
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
    let mut out = String::with_capacity(coeff.len() + exp.len() + 4);
    if sign == 1 {
        out.push('-');
    }
    if dotplace <= 0 {
        out.push_str("0.");
        out.push_str(&"0".repeat(usize::try_from(-dotplace).ok()?));
        out.push_str(coeff);
    } else if dotplace >= len {
        out.push_str(coeff);
        out.push_str(&"0".repeat(usize::try_from(dotplace - len).ok()?));
    } else {
        let (int, frac) = coeff.split_at(dotplace as usize);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    }
    out.push_str(&exp);
    Some(out)
}
