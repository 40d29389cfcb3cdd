//! The eval loop's fast paths for arithmetic and comparison on ints and floats, the operands
//! of nearly every operator in numeric code (PEP 659's `BINARY_OP_ADD_FLOAT`,
//! `COMPARE_OP_FLOAT_JUMP`...): the result is computed here, without the generic dispatch
//! of [`Vm::binary_op`] and [`Vm::compare`] over every kind of operand. Anything else, and
//! every case that may raise (division by zero, overflow to a big int), goes to the generic
//! functions, which decide as before. (Unary minus on an int or a float is the first case
//! [`Vm::unary_op`] tries already.) A result is written into a box that dies with the
//! instruction when there is one (see [`crate::objects::float::recycle`]): an operand only
//! the value stack held, or the old value of the local the next `STORE_FAST` overwrites.
//! Subscripts of a list, tuple, bytes or bytearray by an int in range
//! (`BINARY_SUBSCR_LIST_INT`, `STORE_SUBSCR_LIST_INT`) are here too.

use std::cmp::Ordering;

use crate::compile::{BinOp, CmpOp, Instr};
use crate::objects::float::value::{cmp_float_i64, reuse_float, reuse_int};
use crate::objects::frame::FrameState;
use crate::objects::{Obj, PyRef};
use crate::rt::Gc;

use super::{PyResult, Vm};

impl Vm {
    /// `a <op> b` for two ints or floats (an int mixed with a float counts as a float), or
    /// None when the generic [`Vm::binary_op`] must decide. `a` and `b` are the caller's
    /// own handles, popped off the stack and dropped after; `target` is the local the next
    /// instruction stores the result in, if it is a `STORE_FAST`.
    #[inline]
    pub(super) fn binary_fast(
        &self,
        a: &PyRef,
        b: &PyRef,
        op: BinOp,
        target: Option<&PyRef>,
    ) -> Option<PyResult> {
        let dying = Dying {
            target,
            operands: [Some(a), Some(b)],
        };
        let (x, y) = match (&**a, &**b) {
            (Obj::Int(x), Obj::Int(y)) => {
                return match self.int_fast(*x, *y, op) {
                    Ok(Some(r)) => Some(self.box_int(r, dying)),
                    Ok(None) => None,
                    Err(e) => Some(Err(e)),
                }
            }
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
        Some(Ok(self.box_float(r, dying)))
    }

    /// `BINARY_OP` / `INPLACE_OP` at `f.ip` as a quick step of the eval loop (PEP 659's
    /// `BINARY_OP_ADD_FLOAT`, `BINARY_OP_MULTIPLY_INT`...): the two operands replaced by
    /// their result and true when [`Vm::binary_fast`] computes it; false, changing nothing,
    /// when it does not or when it would raise (the instruction's whole path in `step` then
    /// decides again, and raises with the frame's ip where a traceback expects it).
    #[inline(always)]
    pub(super) fn quick_binary(&self, f: &mut FrameState, op: BinOp) -> bool {
        let n = f.stack.len();
        let target = match f.code.instrs.get(f.ip as usize + 1) {
            Some(Instr::StoreFast(i)) => f.locals[*i as usize].as_ref(),
            _ => None,
        };
        let Some(Ok(v)) = self.binary_fast(&f.stack[n - 2], &f.stack[n - 1], op, target) else {
            return false;
        };
        if matches!(*v, Obj::Float(_)) {
            // a float operand may die here: kept as the spare, not freed
            let b = f.stack.pop();
            let a = f.stack.pop();
            self.keep_spare(a);
            self.keep_spare(b);
        } else {
            f.stack.truncate(n - 2);
        }
        f.stack.push(v);
        f.ip += 1;
        true
    }

    /// Drops an operand of a binary operation, unless it is a float box only this handle
    /// holds: that one becomes the VM's spare float (see [`Vm::box_float`]), and the spare
    /// it replaces is freed.
    #[inline(always)]
    fn keep_spare(&self, operand: Option<PyRef>) {
        if let Some(x) = operand {
            if matches!(*x, Obj::Float(_)) && Gc::ref_count(&x) == 1 {
                drop(self.spare_float.replace(Some(x)));
            }
        }
    }

    /// A float result, written into a box of `dying` whose handles are all its own (see
    /// [`crate::objects::float::recycle`]), else into the spare float an earlier operation
    /// left, else in a new box.
    #[inline]
    fn box_float(&self, r: f64, dying: Dying<'_>) -> PyRef {
        if let Some(reused) = dying.reuse(|obj, owned| reuse_float(obj, owned, r)) {
            return reused;
        }
        if let Some(spare) = self.spare_float.take() {
            if reuse_float(&spare, 1, r) {
                return spare;
            }
        }
        self.float(r)
    }

    /// An int result: a cached small int, else written into a box of `dying` whose handles
    /// are all its own, else a new box (raising MemoryError past the budget).
    #[inline]
    pub(super) fn box_int(&self, r: i64, dying: Dying<'_>) -> PyResult {
        if !is_small_int(r) {
            if let Some(reused) = dying.reuse(|obj, owned| reuse_int(obj, owned, r)) {
                return Ok(reused);
            }
        }
        self.new_int(r)
    }

    /// `a <op> b` for two ints, two floats or a float and an int, or None when the generic
    /// [`Vm::compare`] must decide. It cannot fail: the eval loop runs it as a quick step.
    #[inline]
    pub(super) fn compare_fast(&self, a: &PyRef, b: &PyRef, op: CmpOp) -> Option<PyRef> {
        compare_holds(a, b, op).map(|holds| self.bool(holds))
    }
}

/// Whether `a <op> b` holds for two ints, two floats or a float and an int, or None when
/// the generic [`Vm::compare`] must decide.
#[inline(always)]
fn compare_holds(a: &PyRef, b: &PyRef, op: CmpOp) -> Option<bool> {
    let ord = match (&**a, &**b) {
        (Obj::Int(x), Obj::Int(y)) => Some(x.cmp(y)),
        (Obj::Float(x), Obj::Float(y)) => x.partial_cmp(y),
        (Obj::Float(x), Obj::Int(y)) => cmp_float_i64(*x, *y),
        (Obj::Int(x), Obj::Float(y)) => cmp_float_i64(*y, *x).map(Ordering::reverse),
        _ => return None,
    };
    // NaN is unordered: only `!=` holds
    Some(match ord {
        Some(ord) => op.holds(ord),
        None => op == CmpOp::Ne,
    })
}

/// `COMPARE_OP` at `f.ip` followed by `POP_JUMP_IF_FALSE` / `POP_JUMP_IF_TRUE`, for two
/// ints or floats (PEP 659's `COMPARE_OP_FLOAT_JUMP`, `COMPARE_OP_INT_JUMP`): the operands
/// popped and the jump taken or not, with no bool pushed and popped between the two, and
/// true; false, changing nothing, for other operands or another next instruction (the
/// comparison then runs alone). Nothing can jump to the `POP_JUMP` itself from elsewhere
/// with the compiler's code for a condition, and if something did, that path runs the
/// instruction as before: only this pair is fused.
#[inline(always)]
pub(super) fn quick_compare_jump(f: &mut FrameState, op: CmpOp) -> bool {
    let at = f.ip as usize;
    let (target, jump_if) = match f.code.instrs.get(at + 1) {
        Some(Instr::PopJumpIfFalse(t)) => (*t, false),
        Some(Instr::PopJumpIfTrue(t)) => (*t, true),
        _ => return false,
    };
    let n = f.stack.len();
    let Some(holds) = compare_holds(&f.stack[n - 2], &f.stack[n - 1], op) else {
        return false;
    };
    f.stack.truncate(n - 2);
    f.ip = if holds == jump_if { target } else { f.ip + 2 };
    true
}

/// The boxes that die with an instruction making a number, and so may hold its result:
/// the old value of `target` (the local the next `STORE_FAST` overwrites), then the
/// operands the instruction popped (handles it drops after). The report's sampler holds a
/// strong handle to each number it samples, so a sampled box is never written into.
#[derive(Clone, Copy)]
pub(super) struct Dying<'a> {
    pub target: Option<&'a PyRef>,
    pub operands: [Option<&'a PyRef>; 2],
}

impl<'a> Dying<'a> {
    /// The first box `write` accepts, given with the number of handles to it the
    /// instruction holds (for `target`: its own, and the operands' that are the same box).
    #[inline(always)]
    fn reuse(self, write: impl Fn(&PyRef, usize) -> bool) -> Option<PyRef> {
        if let Some(t) = self.target {
            let shared = self.operands.iter().flatten();
            let owned = 1 + shared.filter(|o| Gc::ptr_eq(t, o)).count();
            if write(t, owned) {
                return Some(t.clone());
            }
        }
        let mut operands = self.operands.into_iter().flatten();
        operands.find(|o| write(o, 1)).cloned()
    }
}

/// Whether `i` is one of the cached small ints, which are shared, never written into a box.
#[inline]
fn is_small_int(i: i64) -> bool {
    (super::SMALL_INT_MIN..=super::SMALL_INT_MAX).contains(&i)
}

/// An int as a float operand, when the conversion is exact (|i| <= 2**53): larger ones go
/// the generic way, which rounds and raises as CPython does.
#[inline]
fn int_as_float(i: i64) -> Option<f64> {
    (i.unsigned_abs() <= 1 << 53).then_some(i as f64)
}

impl Vm {
    /// `seq[i]` for a list, tuple, bytes or bytearray and an int in range, or None when
    /// [`Vm::get_item`] must decide (subclasses are instances, never here). An item of a
    /// bytes or bytearray is a cached small int: nothing is allocated.
    #[inline]
    pub(super) fn subscr_fast(&self, seq: &PyRef, key: &PyRef) -> Option<PyRef> {
        let Obj::Int(i) = &**key else {
            return None;
        };
        match &**seq {
            Obj::List(items) => {
                let items = items.try_borrow().ok()?;
                items.get(index_in(*i, items.len())?).cloned()
            }
            Obj::Tuple(items) => items.get(index_in(*i, items.len())?).cloned(),
            Obj::Bytes(b) => Some(self.byte_int(b[index_in(*i, b.len())?])),
            Obj::ByteArray(b) => {
                let b = b.try_borrow().ok()?;
                Some(self.byte_int(b[index_in(*i, b.len())?]))
            }
            _ => None,
        }
    }

    /// The int of a byte: one of the cached small ints.
    #[inline(always)]
    fn byte_int(&self, b: u8) -> PyRef {
        const _: () = assert!(super::SMALL_INT_MIN <= 0 && super::SMALL_INT_MAX >= 255);
        self.small_ints[(i64::from(b) - super::SMALL_INT_MIN) as usize].clone()
    }

    /// `BINARY_SUBSCR` at `f.ip` as a quick step (`BINARY_SUBSCR_LIST_INT`,
    /// `BINARY_SUBSCR_TUPLE_INT`; CPython 3.11 has no quickened form for bytes, whose
    /// `bytes_subscript` it reaches through `PyObject_GetItem`): the sequence and the index
    /// replaced by the item and true, or false, changing nothing, when
    /// [`Vm::subscr_fast`] does not answer.
    #[inline(always)]
    pub(super) fn quick_subscr(&self, f: &mut FrameState) -> bool {
        let n = f.stack.len();
        let Some(v) = self.subscr_fast(&f.stack[n - 2], &f.stack[n - 1]) else {
            return false;
        };
        f.stack.truncate(n - 2);
        f.stack.push(v);
        f.ip += 1;
        true
    }
}

/// `STORE_SUBSCR` at `f.ip` as a quick step (`STORE_SUBSCR_LIST_INT`): the value, the
/// list and the index popped and true, or false, changing nothing, when
/// [`store_subscr_fast`] does not answer.
#[inline(always)]
pub(super) fn quick_store_subscr(f: &mut FrameState) -> bool {
    let n = f.stack.len();
    let value = f.stack[n - 3].clone();
    let Ok(old) = store_subscr_fast(&f.stack[n - 2], &f.stack[n - 1], value) else {
        return false;
    };
    f.stack.truncate(n - 3);
    drop(old);
    f.ip += 1;
    true
}

/// `UNPACK_SEQUENCE n` at `f.ip` as a quick step (`UNPACK_SEQUENCE_TWO_TUPLE`,
/// `_TUPLE`, `_LIST`): a tuple or list of exactly `n` items replaced by its items, the
/// first on top, and true; false, changing nothing, for anything else.
#[inline(always)]
pub(super) fn quick_unpack(f: &mut FrameState, n: u32) -> bool {
    let Some(seq) = f.stack.pop() else {
        return false;
    };
    let n = n as usize;
    let exact = match &*seq {
        Obj::Tuple(items) if items.len() == n => {
            f.stack.extend(items.iter().rev().cloned());
            true
        }
        Obj::List(items) => match items.try_borrow() {
            Ok(items) if items.len() == n => {
                f.stack.extend(items.iter().rev().cloned());
                true
            }
            _ => false,
        },
        _ => false,
    };
    if !exact {
        f.stack.push(seq);
        return false;
    }
    drop(seq);
    f.ip += 1;
    true
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
