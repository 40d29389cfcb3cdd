//! The eval loop's fast paths for arithmetic and comparison on ints and floats, the operands
//! of nearly every operator in numeric code (PEP 659's `BINARY_OP_ADD_FLOAT`,
//! `COMPARE_OP_FLOAT_JUMP`...): the result is computed here, without the generic dispatch
//! of [`Vm::binary_op`] and [`Vm::compare`] over every kind of operand. Anything else, and
//! every case that may raise (division by zero, overflow to a big int), goes to the generic
//! functions, which decide as before. (Unary minus on an int or a float is the first case
//! [`Vm::unary_op`] tries already.) Subscripts of a list or tuple by an int in range
//! (`BINARY_SUBSCR_LIST_INT`, `STORE_SUBSCR_LIST_INT`) are here too.

use crate::compile::{BinOp, CmpOp};
use crate::objects::{Obj, PyRef};

use super::{PyResult, Vm};

impl Vm {
    /// `a <op> b` for two ints or floats (an int mixed with a float counts as a float), or
    /// None when the generic [`Vm::binary_op`] must decide.
    #[inline]
    pub(super) fn binary_fast(&self, a: &PyRef, b: &PyRef, op: BinOp) -> Option<PyResult> {
        let (x, y) = match (&**a, &**b) {
            (Obj::Int(x), Obj::Int(y)) => return self.int_fast(*x, *y, op).transpose(),
            (Obj::Float(x), Obj::Float(y)) => (*x, *y),
            (Obj::Float(x), Obj::Int(y)) => (*x, int_as_float(*y)?),
            (Obj::Int(x), Obj::Float(y)) => (int_as_float(*x)?, *y),
            _ => return None,
        };
        let r = match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::TrueDiv if y != 0.0 => x / y,
            // a positive base raises nothing; an infinite result may be an OverflowError
            BinOp::Pow if x > 0.0 => Some(x.powf(y)).filter(|r| r.is_finite())?,
            _ => return None,
        };
        Some(Ok(self.float(r)))
    }

    /// `a <op> b` for two floats, or None when the generic [`Vm::compare`] must decide (it
    /// has its own fast path for two ints).
    #[inline]
    pub(super) fn compare_fast(&self, a: &PyRef, b: &PyRef, op: CmpOp) -> Option<PyRef> {
        let (Obj::Float(x), Obj::Float(y)) = (&**a, &**b) else {
            return None;
        };
        // NaN is unordered: only `!=` holds
        let holds = match x.partial_cmp(y) {
            Some(ord) => op.holds(ord),
            None => op == CmpOp::Ne,
        };
        Some(self.bool(holds))
    }
}

/// An int as a float operand, when the conversion is exact (|i| <= 2**53): larger ones go
/// the generic way, which rounds and raises as CPython does.
#[inline]
fn int_as_float(i: i64) -> Option<f64> {
    (i.unsigned_abs() <= 1 << 53).then_some(i as f64)
}

/// `seq[i]` for a list or tuple and an int in range, or None when [`Vm::get_item`] must
/// decide (subclasses are instances, never here).
#[inline]
pub(super) fn subscr_fast(seq: &PyRef, key: &PyRef) -> Option<PyRef> {
    let Obj::Int(i) = &**key else {
        return None;
    };
    match &**seq {
        Obj::List(items) => {
            let items = items.try_borrow().ok()?;
            items.get(index_in(*i, items.len())?).cloned()
        }
        Obj::Tuple(items) => items.get(index_in(*i, items.len())?).cloned(),
        _ => None,
    }
}

/// `seq[i] = value` for a list and an int in range: the item replaced, to drop after the
/// list is no longer borrowed; `Err(value)` when [`Vm::set_item`] must decide.
#[inline]
pub(super) fn store_subscr_fast(seq: &PyRef, key: &PyRef, value: PyRef) -> Result<PyRef, PyRef> {
    let (Obj::List(items), Obj::Int(i)) = (&**seq, &**key) else {
        return Err(value);
    };
    let Ok(mut items) = items.try_borrow_mut() else {
        return Err(value);
    };
    match index_in(*i, items.len()) {
        Some(at) => Ok(std::mem::replace(&mut items[at], value)),
        None => Err(value),
    }
}

/// The position a (possibly negative) index names in a sequence of `len` items, if any.
#[inline]
fn index_in(i: i64, len: usize) -> Option<usize> {
    let at = if i < 0 { i.checked_add(len as i64)? } else { i };
    usize::try_from(at).ok().filter(|&at| at < len)
}
