//! Arithmetic and the other binary/unary operators, with the i64 fast path.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use super::{slots, Exc, PyResult, Vm};
use crate::compile::{BinOp, UnOp};
use crate::objects::complex::value::{self as complex, Complex, ComplexError};
use crate::objects::float::value::float_divmod;
use crate::objects::{Obj, PyRef};
use crate::rt::Gc;

/// A number operand, widened as needed.
enum Num {
    Int(i64),
    Big(BigInt),
    Float(f64),
}

fn as_num(obj: &Obj) -> Option<Num> {
    match obj {
        Obj::Int(i) => Some(Num::Int(*i)),
        Obj::Bool(b) => Some(Num::Int(*b as i64)),
        Obj::BigInt(b) => Some(Num::Big((**b).clone())),
        Obj::Float(f) => Some(Num::Float(*f)),
        _ => None,
    }
}

fn to_big(n: &Num) -> BigInt {
    match n {
        Num::Int(i) => BigInt::from(*i),
        Num::Big(b) => b.clone(),
        Num::Float(f) => BigInt::from(*f as i64),
    }
}

fn to_f64(n: &Num) -> f64 {
    match n {
        Num::Int(i) => *i as f64,
        Num::Big(b) => b.to_f64().unwrap_or(f64::INFINITY),
        Num::Float(f) => *f,
    }
}

/// `&`, `|` and `^` of two bools give a bool (bool's own `__and__`, `__or__`, `__xor__`);
/// every other operator, and any int operand, gives an int.
fn bool_bitwise(x: bool, y: bool, op: BinOp) -> Option<bool> {
    match op {
        BinOp::And => Some(x & y),
        BinOp::Or => Some(x | y),
        BinOp::Xor => Some(x ^ y),
        _ => None,
    }
}

/// The operator's symbol, for error messages, and its special method names.
pub fn op_names(op: BinOp) -> (&'static str, &'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("+", "__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("-", "__sub__", "__rsub__", "__isub__"),
        BinOp::Mul => ("*", "__mul__", "__rmul__", "__imul__"),
        BinOp::MatMul => ("@", "__matmul__", "__rmatmul__", "__imatmul__"),
        BinOp::TrueDiv => ("/", "__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::FloorDiv => ("//", "__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinOp::Mod => ("%", "__mod__", "__rmod__", "__imod__"),
        BinOp::Pow => ("**", "__pow__", "__rpow__", "__ipow__"),
        BinOp::LShift => ("<<", "__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => (">>", "__rshift__", "__rrshift__", "__irshift__"),
        BinOp::And => ("&", "__and__", "__rand__", "__iand__"),
        BinOp::Or => ("|", "__or__", "__ror__", "__ior__"),
        BinOp::Xor => ("^", "__xor__", "__rxor__", "__ixor__"),
    }
}

/// A number as a complex, for arithmetic with a complex operand.
pub fn as_complex(obj: &Obj) -> Option<Complex> {
    match obj {
        Obj::Complex(c) => Some(**c),
        _ => as_num(obj).map(|n| [to_f64(&n), 0.0]),
    }
}

impl Vm {
    /// `a <op> b` when one side is a complex and the other a number; None otherwise (or for
    /// an operator complex does not have, such as `//`).
    fn complex_op(&self, a: &PyRef, b: &PyRef, op: BinOp) -> PyResult<Option<PyRef>> {
        if !matches!(&**a, Obj::Complex(_)) && !matches!(&**b, Obj::Complex(_)) {
            return Ok(None);
        }
        let (Some(x), Some(y)) = (as_complex(a), as_complex(b)) else {
            return Ok(None);
        };
        let result = match op {
            BinOp::Add => Ok(complex::add(x, y)),
            BinOp::Sub => Ok(complex::sub(x, y)),
            BinOp::Mul => Ok(complex::mul(x, y)),
            BinOp::TrueDiv => complex::quotient(x, y),
            BinOp::Pow => complex::power(x, y),
            _ => return Ok(None),
        };
        match result {
            Ok(c) => Ok(Some(self.complex(c))),
            Err(e) => Err(self.complex_error(e)),
        }
    }

    /// The Python exception for a failed complex operation.
    pub fn complex_error(&self, e: ComplexError) -> super::PyErr {
        match e {
            ComplexError::ZeroDivision(msg) => self.new_exc(Exc::ZeroDivisionError, msg),
            ComplexError::Overflow => self.new_exc(Exc::OverflowError, "complex exponentiation"),
        }
    }

    /// `a <op> b` (or `a <op>= b` when `inplace`).
    pub fn binary_op(&self, a: &PyRef, b: &PyRef, op: BinOp, inplace: bool) -> PyResult {
        if let (Obj::Int(x), Obj::Int(y)) = (&**a, &**b) {
            if let Some(r) = self.int_fast(*x, *y, op)? {
                return self.new_int(r);
            }
        }
        if let (Obj::Bool(x), Obj::Bool(y)) = (&**a, &**b) {
            if let Some(r) = bool_bitwise(*x, *y, op) {
                return Ok(self.bool(r));
            }
        }
        if let (Some(x), Some(y)) = (as_num(a), as_num(b)) {
            return self.num_op(x, y, op);
        }
        if let Some(r) = self.complex_op(a, b, op)? {
            return Ok(r);
        }
        if matches!(&**a, Obj::Instance(_)) || matches!(&**b, Obj::Instance(_)) {
            if let Some(r) = self.user_binary(a, b, op, inplace)? {
                return Ok(r);
            }
            if let Some(r) = self.subclass_binary(a, b, op, inplace)? {
                return Ok(r);
            }
        }
        if let Some(r) = self.sequence_op(a, b, op, inplace)? {
            return Ok(r);
        }
        if let Some(r) = self.seq_op(a, b, op, inplace)? {
            return Ok(r);
        }
        if op == BinOp::Add && matches!(&**a, Obj::Str(_) | Obj::List(_) | Obj::Tuple(_)) {
            return Err(self.concat_error(a, b));
        }
        let repeats = |o: &PyRef| self.slots_of(o).is_some_and(|t| t.repeat.is_some());
        if op == BinOp::Mul && (repeats(a) || repeats(b)) {
            let n = if repeats(a) { b } else { a };
            return Err(self.type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                self.type_name(n)
            )));
        }
        let (sym, ..) = op_names(op);
        let sym = if inplace {
            format!("{sym}=")
        } else {
            sym.to_string()
        };
        Err(self.type_error(format!(
            "unsupported operand type(s) for {sym}: '{}' and '{}'",
            self.type_name(a),
            self.type_name(b)
        )))
    }

    /// CPython's error for `seq + other` when `seq`'s type cannot concatenate `other`.
    pub fn concat_error(&self, seq: &PyRef, other: &PyRef) -> super::PyErr {
        let kind = self.type_name(seq);
        self.type_error(format!(
            "can only concatenate {kind} (not \"{}\") to {kind}",
            self.type_name(other)
        ))
    }

    fn int_zero_division(&self, op: BinOp) -> super::PyErr {
        let msg = if op == BinOp::Mod {
            "integer modulo by zero"
        } else {
            "integer division or modulo by zero"
        };
        self.new_exc(Exc::ZeroDivisionError, msg)
    }

    /// `a / b` for ints too big for a float: the quotient is taken with at least 64
    /// significant bits, then rounded once to a float.
    fn big_true_div(&self, a: &BigInt, b: &BigInt) -> PyResult {
        if b.is_zero() {
            return Err(self.new_exc(Exc::ZeroDivisionError, "division by zero"));
        }
        // scale so the integer quotient keeps 64+ bits: a * 2**shift / b
        let shift = 64 + b.bits() as i64 - a.bits() as i64;
        let quotient = if shift >= 0 {
            (a << shift as usize) / b
        } else {
            a / (b << (-shift) as usize)
        };
        let value =
            crate::objects::float::value::ldexp(quotient.to_f64().unwrap_or(f64::INFINITY), -shift);
        if value.is_infinite() {
            return Err(self.new_exc(
                Exc::OverflowError,
                "integer division result too large for a float",
            ));
        }
        Ok(self.float(value))
    }

    /// `a <op> b` where an operand extends a built-in value (`class Stack(list)`) and no user
    /// method answered: the built-in operation on the values. An in-place operation that
    /// changed the left value in place still yields the left instance itself.
    fn subclass_binary(
        &self,
        a: &PyRef,
        b: &PyRef,
        op: BinOp,
        inplace: bool,
    ) -> PyResult<Option<PyRef>> {
        if self.base_value(a).is_none() && self.base_value(b).is_none() {
            return Ok(None);
        }
        let (x, y) = (self.builtin_receiver(a), self.builtin_receiver(b));
        // `fmt % args` formats the instance itself: a dict subclass's `%(key)s` reads go
        // through its `__getitem__` and `__missing__`
        if op == BinOp::Mod {
            match &**x {
                Obj::Str(s) => return self.printf_format(s.as_str(), b).map(Some),
                Obj::Bytes(fmt) => {
                    return Ok(Some(self.bytes(self.bytes_printf_format(fmt, b)?)));
                }
                _ => {}
            }
        }
        let r = self.binary_op(x, y, op, inplace)?;
        Ok(Some(if inplace && Gc::ptr_eq(&r, x) {
            a.clone()
        } else {
            r
        }))
    }

    fn user_binary(
        &self,
        a: &PyRef,
        b: &PyRef,
        op: BinOp,
        inplace: bool,
    ) -> PyResult<Option<PyRef>> {
        let (_, name, rname, iname) = op_names(op);
        if inplace {
            if let Some(m) = self.user_method(a, iname) {
                let r = self.call(&m, &[a.clone(), b.clone()])?;
                if !matches!(&*r, Obj::NotImplemented) {
                    return Ok(Some(r));
                }
            }
        }
        if let Some(m) = self.user_method(a, name) {
            let r = self.call(&m, &[a.clone(), b.clone()])?;
            if !matches!(&*r, Obj::NotImplemented) {
                return Ok(Some(r));
            }
        }
        if let Some(m) = self.user_method(b, rname) {
            let r = self.call(&m, &[b.clone(), a.clone()])?;
            if !matches!(&*r, Obj::NotImplemented) {
                return Ok(Some(r));
            }
        }
        Ok(None)
    }

    /// `x <op> y` for two ints when the result fits in i64, or None when the generic path
    /// must decide (overflow to a big int, an operator it does not cover); raises
    /// ZeroDivisionError. The caller boxes the value.
    pub(super) fn int_fast(&self, x: i64, y: i64, op: BinOp) -> PyResult<Option<i64>> {
        Ok(match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            BinOp::FloorDiv | BinOp::Mod if y == 0 => return Err(self.int_zero_division(op)),
            BinOp::FloorDiv => x.checked_div_euclid(y).map(|_| Integer::div_floor(&x, &y)),
            BinOp::Mod => x.checked_rem_euclid(y).map(|_| x.mod_floor(&y)),
            BinOp::And => Some(x & y),
            BinOp::Or => Some(x | y),
            BinOp::Xor => Some(x ^ y),
            BinOp::RShift if y >= 0 => Some(if y >= 64 {
                if x < 0 {
                    -1
                } else {
                    0
                }
            } else {
                x >> y
            }),
            BinOp::LShift if (0..63).contains(&y) => x.checked_mul(1i64 << y),
            BinOp::Pow if (0..64).contains(&y) => x.checked_pow(y as u32),
            _ => None,
        })
    }

    fn num_op(&self, x: Num, y: Num, op: BinOp) -> PyResult {
        let big_ints = matches!((&x, &y), (Num::Big(_), Num::Int(_) | Num::Big(_)))
            || matches!((&x, &y), (Num::Int(_), Num::Big(_)));
        if op == BinOp::TrueDiv && big_ints {
            return self.big_true_div(&to_big(&x), &to_big(&y));
        }
        if matches!(x, Num::Float(_)) || matches!(y, Num::Float(_)) || op == BinOp::TrueDiv {
            for n in [&x, &y] {
                if matches!(n, Num::Big(_)) && to_f64(n).is_infinite() {
                    return Err(
                        self.new_exc(Exc::OverflowError, "int too large to convert to float")
                    );
                }
            }
            return self.float_op(to_f64(&x), to_f64(&y), op, &x, &y);
        }
        if op == BinOp::Pow {
            if let Num::Int(e) = y {
                if e < 0 {
                    return self.float_op(to_f64(&x), e as f64, op, &x, &y);
                }
            }
        }
        let (a, b) = (to_big(&x), to_big(&y));
        let r = match op {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mul => a * b,
            BinOp::FloorDiv | BinOp::Mod if b.is_zero() => return Err(self.int_zero_division(op)),
            BinOp::FloorDiv => a.div_floor(&b),
            BinOp::Mod => a.mod_floor(&b),
            BinOp::And => a & b,
            BinOp::Or => a | b,
            BinOp::Xor => a ^ b,
            BinOp::LShift | BinOp::RShift => {
                let Some(n) = b.to_i64().filter(|n| *n >= 0) else {
                    return Err(self.value_error("negative shift count"));
                };
                if op == BinOp::LShift {
                    let bits = a.bits().saturating_add(n as u64);
                    self.reserve(usize::try_from(bits / 8).unwrap_or(usize::MAX))?;
                    a << n as usize
                } else {
                    a >> n as usize
                }
            }
            BinOp::Pow => {
                let Some(e) = b
                    .to_u32()
                    .filter(|e| (*e as u64) * (a.bits().max(1)) < (1 << 26))
                else {
                    return Err(self.new_exc(Exc::OverflowError, "exponent too large"));
                };
                num_traits::pow::Pow::pow(a, e)
            }
            BinOp::MatMul | BinOp::TrueDiv => {
                return Err(self.type_error("unsupported operand type(s) for @: 'int' and 'int'"))
            }
        };
        self.new_bigint(r)
    }

    fn float_op(&self, a: f64, b: f64, op: BinOp, x: &Num, y: &Num) -> PyResult {
        let zero_div = |msg: &str| Err(self.new_exc(Exc::ZeroDivisionError, msg.to_string()));
        let r = match op {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mul => a * b,
            BinOp::TrueDiv if b == 0.0 => {
                let both_int = !matches!(x, Num::Float(_)) && !matches!(y, Num::Float(_));
                return zero_div(if both_int {
                    "division by zero"
                } else {
                    "float division by zero"
                });
            }
            BinOp::TrueDiv => {
                if let (Num::Int(p), Num::Int(q)) = (x, y) {
                    if p.unsigned_abs() < (1 << 53) && q.unsigned_abs() < (1 << 53) {
                        *p as f64 / *q as f64
                    } else {
                        a / b
                    }
                } else {
                    a / b
                }
            }
            BinOp::FloorDiv if b == 0.0 => return zero_div("float floor division by zero"),
            BinOp::FloorDiv => float_divmod(a, b).0,
            BinOp::Mod if b == 0.0 => return zero_div("float modulo"),
            BinOp::Mod => float_divmod(a, b).1,
            BinOp::Pow if a == 0.0 && b < 0.0 => {
                return zero_div("0.0 cannot be raised to a negative power")
            }
            // a negative base to a fractional power is complex, as `float_pow` hands over
            BinOp::Pow if a < 0.0 && b.is_finite() && b.fract() != 0.0 => {
                return complex::power([a, 0.0], [b, 0.0])
                    .map(|c| self.complex(c))
                    .map_err(|e| self.complex_error(e));
            }
            BinOp::Pow => a.powf(b),
            _ => {
                let (sym, ..) = op_names(op);
                return Err(self.type_error(format!(
                    "unsupported operand type(s) for {sym}: 'float' and 'float'"
                )));
            }
        };
        if r.is_infinite() && a.is_finite() && b.is_finite() && op == BinOp::Pow {
            return Err(self.new_exc(Exc::OverflowError, "(34, 'Numerical result out of range')"));
        }
        Ok(self.float(r))
    }

    fn seq_op(&self, a: &PyRef, b: &PyRef, op: BinOp, inplace: bool) -> PyResult<Option<PyRef>> {
        use Obj::*;
        Ok(Some(match (op, &**a, &**b) {
            (BinOp::Mod, Str(s), _) => self.printf_format(s.as_str(), b)?,
            (BinOp::Mod, Bytes(fmt), _) => self.bytes(self.bytes_printf_format(fmt, b)?),
            (BinOp::Mod, ByteArray(fmt), _) => {
                let fmt = fmt.borrow().clone();
                self.bytearray(self.bytes_printf_format(&fmt, b)?)?
            }
            (BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor, Set(..), Set(..)) => {
                self.set_op(a, b, op, inplace)?
            }
            (
                BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor,
                Iter(_) | Set(..),
                Iter(_) | Set(..),
            ) => self.view_set_op(a, b, op)?,
            // `d |= other` takes what `d.update(other)` takes: any mapping, or pairs
            (BinOp::Or, Dict(_), _) if inplace => {
                self.dict_update(a, b)?;
                a.clone()
            }
            (BinOp::Or, Dict(_), Dict(_)) => {
                let d = self.dict_copy(a)?;
                self.dict_update(&d, b)?;
                d
            }
            _ => return Ok(Option::None),
        }))
    }

    /// `a + b`, `a += b`, `seq * n` and `n * seq` through the operands' sequence slots
    /// (`sq_concat`, `sq_inplace_concat`, `sq_repeat`); None when no slot applies.
    fn sequence_op(
        &self,
        a: &PyRef,
        b: &PyRef,
        op: BinOp,
        inplace: bool,
    ) -> PyResult<Option<PyRef>> {
        let is_int = |o: &PyRef| matches!(&**o, Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_));
        match op {
            BinOp::Add => {
                let Some(t) = self.slots_of(a) else {
                    return Ok(None);
                };
                let concat = if inplace {
                    t.inplace_concat.or(t.concat)
                } else {
                    t.concat
                };
                match concat {
                    Some(concat) => concat(self, a, b),
                    None => Ok(None),
                }
            }
            BinOp::Mul => {
                let (seq, n) = if is_int(b) { (a, b) } else { (b, a) };
                // `seq *= n` repeats in place when the type can (`sq_inplace_repeat`)
                let in_place = |t: &slots::TypeSlots| match inplace && Gc::ptr_eq(seq, a) {
                    true => t.inplace_repeat.or(t.repeat),
                    false => t.repeat,
                };
                let repeat = self.slots_of(seq).and_then(in_place);
                match repeat {
                    Some(repeat) if is_int(n) => {
                        let n = self.repeat_count(seq, n)?;
                        repeat(self, seq, n).map(Some)
                    }
                    _ => Ok(None),
                }
            }
            _ => Ok(None),
        }
    }

    /// How many times `seq * n` repeats `seq`: `n` clamped at zero, and zero for an empty
    /// sequence; an error when the result could not be held.
    fn repeat_count(&self, seq: &PyRef, n: &PyRef) -> PyResult<usize> {
        let n = match &**n {
            Obj::BigInt(b) if b.sign() == num_bigint::Sign::Plus => {
                return Err(self.new_exc(
                    Exc::OverflowError,
                    "cannot fit 'int' into an index-sized integer",
                ))
            }
            _ => n.as_i64().unwrap_or(0).max(0) as usize,
        };
        // Repeating nothing is nothing, however many times (and must not loop `n` times).
        let len = self.len(seq)?;
        let n = if len == 0 { 0 } else { n };
        if len
            .checked_mul(n)
            .is_none_or(|total| total > isize::MAX as usize)
        {
            return Err(match &**seq {
                Obj::Str(_) => self.new_exc(Exc::OverflowError, "repeated string is too long"),
                Obj::Bytes(_) => self.new_exc(Exc::OverflowError, "repeated bytes are too long"),
                _ => self.memory_error(),
            });
        }
        Ok(n)
    }

    /// `a op b` or `a op= b` for two sets, as CPython's `set_or`, `set_ior`, `set_and`, ...
    /// A frozenset has no in-place operators: `f |= s` makes a new frozenset.
    fn set_op(&self, a: &PyRef, b: &PyRef, op: BinOp, inplace: bool) -> PyResult {
        let inplace = inplace && !matches!(&**a, Obj::Set(_, true));
        let others = std::slice::from_ref(b);
        match (op, inplace) {
            (BinOp::Or, false) => return self.set_union(a, others),
            (BinOp::And, false) => return self.set_intersection(a, b),
            (BinOp::Sub, false) => return self.set_difference(a, b),
            (BinOp::Xor, false) => return self.set_symmetric_difference(a, b),
            (BinOp::Or, true) => self.set_update(a, b)?,
            (BinOp::And, true) => self.set_intersection_update(a, others)?,
            (BinOp::Sub, true) => self.set_difference_update(a, b)?,
            _ => self.set_symmetric_difference_update(a, b)?,
        }
        Ok(a.clone())
    }

    /// `-a`, `+a`, `~a`, `not a`.
    pub fn unary_op(&self, a: &PyRef, op: UnOp) -> PyResult {
        if op == UnOp::Not {
            return Ok(self.bool(!self.truthy(a)?));
        }
        match (op, &**a) {
            (UnOp::Neg, Obj::Int(i)) => match i.checked_neg() {
                Some(v) => self.new_int(v),
                None => self.new_bigint(-BigInt::from(*i)),
            },
            (UnOp::Neg, Obj::Bool(b)) => self.new_int(-(*b as i64)),
            (UnOp::Neg, Obj::BigInt(b)) => self.new_bigint(-(**b).clone()),
            (UnOp::Neg, Obj::Float(f)) => Ok(self.float(-f)),
            (UnOp::Neg, Obj::Complex(c)) => Ok(self.complex([-c[0], -c[1]])),
            (UnOp::Pos, Obj::Int(_) | Obj::BigInt(_) | Obj::Float(_) | Obj::Complex(_)) => {
                Ok(a.clone())
            }
            (UnOp::Pos, Obj::Bool(b)) => self.new_int(*b as i64),
            (UnOp::Invert, Obj::Int(i)) => self.new_int(!i),
            (UnOp::Invert, Obj::Bool(b)) => self.new_int(!(*b as i64)),
            (UnOp::Invert, Obj::BigInt(b)) => self.new_bigint(-(**b).clone() - 1),
            _ => {
                let (name, sym) = match op {
                    UnOp::Neg => ("__neg__", "-"),
                    UnOp::Pos => ("__pos__", "+"),
                    _ => ("__invert__", "~"),
                };
                if let Some(m) = self.user_method(a, name) {
                    return self.call(&m, std::slice::from_ref(a));
                }
                // an int, float or complex subclass's instance: the operator of its value
                match self.base_value(a) {
                    Some(value)
                        if matches!(
                            &**value,
                            Obj::Int(_) | Obj::BigInt(_) | Obj::Bool(_) | Obj::Float(_)
                        ) || (op != UnOp::Invert && matches!(&**value, Obj::Complex(_))) =>
                    {
                        self.unary_op(&value.clone(), op)
                    }
                    _ => Err(self.type_error(format!(
                        "bad operand type for unary {sym}: '{}'",
                        self.type_name(a)
                    ))),
                }
            }
        }
    }

    /// `abs(x)` for numbers.
    pub fn abs(&self, a: &PyRef) -> PyResult {
        match &**a {
            Obj::Int(i) => match i.checked_abs() {
                Some(v) => self.new_int(v),
                None => self.new_bigint(BigInt::from(*i).abs()),
            },
            Obj::Bool(b) => self.new_int(*b as i64),
            Obj::BigInt(b) => self.new_bigint(b.abs()),
            Obj::Float(f) => Ok(self.float(f.abs())),
            Obj::Complex(c) => complex::modulus(**c)
                .map(|m| self.float(m))
                .map_err(|e| self.complex_error(e)),
            _ => match self.user_method(a, "__abs__") {
                Some(m) => self.call(&m, std::slice::from_ref(a)),
                None => Err(self.type_error(format!(
                    "bad operand type for abs(): '{}'",
                    self.type_name(a)
                ))),
            },
        }
    }
}
