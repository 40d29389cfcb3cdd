//! Comparisons, truth values, membership and `len`.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_traits::Zero;

use super::{PyResult, Vm};
use crate::compile::CmpOp;
use crate::objects::float::value::{cmp_float_big, cmp_float_i64};
use crate::objects::iter::{DictPart, IterState};
use crate::objects::range::value as range_value;
use crate::objects::{Obj, PyRef};
use crate::rt::Gc;

fn op_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Eq => "==",
        CmpOp::Ne => "!=",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
    }
}

/// The special method of a comparison.
fn method_name(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "__lt__",
        CmpOp::Le => "__le__",
        CmpOp::Eq => "__eq__",
        CmpOp::Ne => "__ne__",
        CmpOp::Gt => "__gt__",
        CmpOp::Ge => "__ge__",
    }
}

/// The comparison that swapped operands make (`a < b` is `b > a`).
fn reflect(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        same => same,
    }
}

fn num_cmp(a: &Obj, b: &Obj) -> Option<Option<Ordering>> {
    let big = |o: &Obj| -> Option<BigInt> {
        match o {
            Obj::Int(i) => Some(BigInt::from(*i)),
            Obj::Bool(x) => Some(BigInt::from(*x as i64)),
            Obj::BigInt(x) => Some((**x).clone()),
            _ => None,
        }
    };
    match (a, b) {
        (Obj::Int(x), Obj::Int(y)) => Some(Some(x.cmp(y))),
        (Obj::Float(x), Obj::Float(y)) => Some(x.partial_cmp(y)),
        (Obj::Float(x), other) | (other, Obj::Float(x)) => {
            let ord = match other {
                Obj::Int(i) => cmp_float_i64(*x, *i),
                Obj::Bool(v) => cmp_float_i64(*x, i64::from(*v)),
                Obj::BigInt(v) => cmp_float_big(*x, v),
                _ => return None,
            };
            if matches!(a, Obj::Float(_)) {
                Some(ord)
            } else {
                Some(ord.map(Ordering::reverse))
            }
        }
        _ => Some(Some(big(a)?.cmp(&big(b)?))),
    }
}

impl Vm {
    /// `a <op> b`, as a Python object (user methods may return anything).
    pub fn compare(&self, a: &PyRef, b: &PyRef, op: CmpOp) -> PyResult {
        if let (Obj::Int(x), Obj::Int(y)) = (&**a, &**b) {
            return Ok(self.bool(op.holds(x.cmp(y))));
        }
        let user_typed = |o: &PyRef| matches!(&**o, Obj::Instance(_) | Obj::Class(_));
        if user_typed(a) || user_typed(b) {
            if let Some(r) = self.user_compare(a, b, op)? {
                return Ok(r);
            }
        }
        let (a, b) = (self.builtin_receiver(a), self.builtin_receiver(b));
        match self.builtin_compare(a, b, op)? {
            Some(r) => Ok(self.bool(r)),
            None => match op {
                CmpOp::Eq => Ok(self.bool(Gc::ptr_eq(a, b))),
                CmpOp::Ne => Ok(self.bool(!Gc::ptr_eq(a, b))),
                _ => Err(self.type_error(format!(
                    "'{}' not supported between instances of '{}' and '{}'",
                    op_symbol(op),
                    self.type_name(a),
                    self.type_name(b)
                ))),
            },
        }
    }

    /// `a <op> b` through the operands' Python methods (CPython's `do_richcompare`): `a`'s,
    /// then `b`'s reflected one, `b`'s first when its type is a strict subclass of `a`'s.
    fn user_compare(&self, a: &PyRef, b: &PyRef, op: CmpOp) -> PyResult<Option<PyRef>> {
        let reflected = reflect(op);
        let (ta, tb) = (self.type_of(a), self.type_of(b));
        let b_first = !Gc::ptr_eq(&ta, &tb) && self.is_subclass(&tb, &ta);
        if b_first {
            if let Some(r) = self.side_compare(b, a, reflected)? {
                return Ok(Some(r));
            }
        }
        if let Some(r) = self.side_compare(a, b, op)? {
            return Ok(Some(r));
        }
        if !b_first {
            if let Some(r) = self.side_compare(b, a, reflected)? {
                return Ok(Some(r));
            }
        }
        Ok(None)
    }

    /// `x.__op__(y)` as `x`'s type answers it: its own method; for `!=` without one,
    /// `object.__ne__`, the negation of `x.__eq__(y)` (never `y`'s); None for
    /// NotImplemented.
    fn side_compare(&self, x: &PyRef, y: &PyRef, op: CmpOp) -> PyResult<Option<PyRef>> {
        let name = method_name(op);
        let answer = |r: PyRef| (!matches!(&*r, Obj::NotImplemented)).then_some(r);
        if let Some(m) = self.user_method(x, name) {
            return Ok(answer(self.call(&m, &[x.clone(), y.clone()])?));
        }
        if op == CmpOp::Ne {
            if let Some(m) = self.user_method(x, "__eq__") {
                if let Some(eq) = answer(self.call(&m, &[x.clone(), y.clone()])?) {
                    return Ok(Some(self.bool(!self.truthy(&eq)?)));
                }
            }
        }
        Ok(None)
    }

    /// Comparisons of built-in types; None when the types do not compare.
    fn builtin_compare(&self, a: &PyRef, b: &PyRef, op: CmpOp) -> PyResult<Option<bool>> {
        if let Some(ord) = num_cmp(a, b) {
            return Ok(Some(match ord {
                Some(o) => op.holds(o),
                None => op == CmpOp::Ne,
            }));
        }
        if matches!(op, CmpOp::Eq | CmpOp::Ne)
            && (matches!(&**a, Obj::Complex(_)) || matches!(&**b, Obj::Complex(_)))
        {
            let (x, y) = (super::ops::as_complex(a), super::ops::as_complex(b));
            return Ok(x.zip(y).map(|(x, y)| (x == y) == (op == CmpOp::Eq)));
        }
        if let Some(compare) = self.slots_of(a).and_then(|t| t.compare) {
            if let Some(r) = compare(self, a, b, op)? {
                return Ok(Some(r));
            }
        }
        // the reflected `==`/`!=` (`bytes == memoryview` is the view's to answer)
        if matches!(op, CmpOp::Eq | CmpOp::Ne) {
            if let Some(compare) = self.slots_of(b).and_then(|t| t.compare) {
                if let Some(r) = compare(self, b, a, op)? {
                    return Ok(Some(r));
                }
            }
        }
        if let (Some(x), Some(y)) = (self.key_set(a)?, self.key_set(b)?) {
            // the views' keys as sets: compared by the set type's own slot
            if let Some(compare) = self.slots_of(&x).and_then(|t| t.compare) {
                return compare(self, &x, &y, op);
            }
        }
        Ok(match (&**a, &**b) {
            (Obj::None, Obj::None) if matches!(op, CmpOp::Eq | CmpOp::Ne) => Some(op == CmpOp::Eq),
            (Obj::Range(_) | Obj::BigRange(_), Obj::Range(_) | Obj::BigRange(_))
                if matches!(op, CmpOp::Eq | CmpOp::Ne) =>
            {
                let identity =
                    |r: &Obj| range_value::bounds_of(r).map(|b| range_value::identity(&b));
                Some((identity(a) == identity(b)) == (op == CmpOp::Eq))
            }
            // bound methods are equal when they bind the same object to equal functions
            (Obj::Method(x), Obj::Method(y)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let same = Gc::ptr_eq(&x.1, &y.1) && self.eq(&x.0, &y.0)?;
                Some(same == (op == CmpOp::Eq))
            }
            (Obj::BoundBuiltin(x), Obj::BoundBuiltin(y)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let same = Gc::ptr_eq(&x.0, &y.0) && std::ptr::eq(x.1, y.1);
                Some(same == (op == CmpOp::Eq))
            }
            (Obj::WeakRef(x), Obj::WeakRef(y)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let tx = x.target.borrow().as_ref().and_then(|t| t.upgrade());
                let ty = y.target.borrow().as_ref().and_then(|t| t.upgrade());
                match (tx, ty) {
                    // the referents' own comparison, even for one object (as CPython's
                    // weakref_richcompare: their __eq__ runs)
                    (Some(p), Some(q)) => {
                        let r = self.compare(&p, &q, op)?;
                        Some(self.truthy(&r)?)
                    }
                    _ => Some(Gc::ptr_eq(a, b) == (op == CmpOp::Eq)),
                }
            }
            _ => None,
        })
    }

    /// The keys a set or a dict's keys or items view holds, as a set, for comparing them
    /// (`dictview_richcompare` compares a view with any set or view); None for other values.
    fn key_set(&self, obj: &PyRef) -> PyResult<Option<PyRef>> {
        match &**obj {
            Obj::Set(..) => Ok(Some(obj.clone())),
            Obj::Iter(state) => {
                let is_key_view = matches!(&*state.borrow(),
                    IterState::View { part, .. } if *part != DictPart::Values);
                if !is_key_view {
                    return Ok(None);
                }
                let set = self.set(false)?;
                for k in self.collect(obj)? {
                    self.set_add(&set, k)?;
                }
                Ok(Some(set))
            }
            _ => Ok(None),
        }
    }

    /// `x <op> y` for two sequences: item by item until the first unequal pair, then by
    /// length (`list_richcompare`, `tuplerichcompare`).
    pub fn seq_compare(&self, x: &[PyRef], y: &[PyRef], op: CmpOp) -> PyResult<bool> {
        if crate::stack::stack_is_low() {
            return Err(self.new_exc(
                super::Exc::RecursionError,
                "maximum recursion depth exceeded in comparison",
            ));
        }
        for (p, q) in x.iter().zip(y.iter()) {
            if !self.eq(p, q)? {
                if op == CmpOp::Eq {
                    return Ok(false);
                }
                if op == CmpOp::Ne {
                    return Ok(true);
                }
                let r = self.compare(p, q, op)?;
                return self.truthy(&r);
            }
        }
        Ok(op.holds(x.len().cmp(&y.len())))
    }

    /// `a == b` as a Rust bool.
    pub fn eq(&self, a: &PyRef, b: &PyRef) -> PyResult<bool> {
        if Gc::ptr_eq(a, b) {
            return Ok(true);
        }
        let r = self.compare(a, b, CmpOp::Eq)?;
        self.truthy(&r)
    }

    /// `a < b` as a Rust bool (sorting).
    pub fn less(&self, a: &PyRef, b: &PyRef) -> PyResult<bool> {
        let r = self.compare(a, b, CmpOp::Lt)?;
        self.truthy(&r)
    }

    /// `bool(obj)`. A bool (what comparisons give to every `if` and `while`) is answered
    /// where the test is, without a call.
    #[inline(always)]
    pub fn truthy(&self, obj: &PyRef) -> PyResult<bool> {
        match &**obj {
            Obj::Bool(b) => Ok(*b),
            _ => self.truthy_of(obj),
        }
    }

    /// [`Vm::truthy`] of anything but a bool.
    fn truthy_of(&self, obj: &PyRef) -> PyResult<bool> {
        Ok(match &**obj {
            Obj::None => false,
            Obj::Int(i) => *i != 0,
            Obj::BigInt(_) => true,
            Obj::Float(f) => *f != 0.0,
            Obj::Complex(c) => c[0] != 0.0 || c[1] != 0.0,
            // a str's length costs a scan: its emptiness does not
            Obj::Str(s) => !s.as_str().is_empty(),
            Obj::Range(r) => range_len(r[0], r[1], r[2]) > 0,
            Obj::BigRange(r) => !range_value::length(r).is_zero(),
            Obj::Instance(_) | Obj::Class(_) => {
                if let Some(m) = self.user_method(obj, "__bool__") {
                    let r = self.call(&m, std::slice::from_ref(obj))?;
                    return match &*r {
                        Obj::Bool(b) => Ok(*b),
                        _ => Err(self.type_error(format!(
                            "__bool__ should return bool, returned {}",
                            self.type_name(&r)
                        ))),
                    };
                }
                if self.user_method(obj, "__len__").is_some() {
                    // `len(obj)`'s checks of what `__len__` returns, and its errors
                    return Ok(self.len(obj)? != 0);
                }
                if let Some(value) = self.base_value(obj) {
                    return self.truthy(value);
                }
                true
            }
            Obj::Iter(state) if matches!(&*state.borrow(), IterState::View { .. }) => {
                self.len(obj)? > 0
            }
            // a type with a length is true when it is not empty (`nb_bool` from `sq_length`)
            _ => match self.slots_of(obj).and_then(|t| t.len) {
                Some(len) => len(self, obj)? != 0,
                None => true,
            },
        })
    }

    /// `item in container`.
    pub fn contains(&self, container: &PyRef, item: &PyRef) -> PyResult<bool> {
        if let Some(contains) = self.slots_of(container).and_then(|t| t.contains) {
            return contains(self, container, item);
        }
        match &**container {
            // an exact int by arithmetic; any other value (a float, an int subclass with
            // its own `__eq__`) by comparing it with each item, as CPython's `range_contains`
            Obj::Range(r) => match item
                .as_i64()
                .filter(|_| matches!(&**item, Obj::Int(_) | Obj::Bool(_)))
            {
                Some(v) => {
                    let [start, stop, step] = **r;
                    let inside = if step > 0 {
                        v >= start && v < stop
                    } else {
                        v <= start && v > stop
                    };
                    Ok(inside && (v as i128 - start as i128) % step as i128 == 0)
                }
                None if matches!(&**item, Obj::BigInt(_)) => Ok(false),
                None => self.contains_by_iter(container, item),
            },
            Obj::BigRange(r) => match crate::objects::int::value::int_value(item) {
                Some(v) => Ok(range_value::contains(r, &v)),
                None => self.contains_by_iter(container, item),
            },
            Obj::Iter(state) if matches!(&*state.borrow(), IterState::View { .. }) => {
                let (dict, part) = match &*state.borrow() {
                    IterState::View { dict, part } => (dict.clone(), *part),
                    _ => return Ok(false),
                };
                if part == crate::objects::iter::DictPart::Keys {
                    return self.table_contains(&dict, item);
                }
                self.contains_by_iter(container, item)
            }
            Obj::Instance(_) | Obj::Class(_) => match self.user_method(container, "__contains__") {
                Some(m) => {
                    let r = self.call(&m, &[container.clone(), item.clone()])?;
                    self.truthy(&r)
                }
                None => match self.base_value(container) {
                    Some(value) => self.contains(value, item),
                    None => self.contains_by_iter(container, item),
                },
            },
            _ => self.contains_by_iter(container, item),
        }
    }

    fn contains_by_iter(&self, container: &PyRef, item: &PyRef) -> PyResult<bool> {
        let it = self.get_iter(container)?;
        while let Some(v) = self.next(&it)? {
            if self.eq(&v, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `len(obj)`.
    pub fn len(&self, obj: &PyRef) -> PyResult<usize> {
        if let Some(len) = self.slots_of(obj).and_then(|t| t.len) {
            return len(self, obj);
        }
        Ok(match &**obj {
            Obj::Range(r) => crate::objects::range::len(self, &r.map(BigInt::from))?,
            Obj::BigRange(r) => crate::objects::range::len(self, r)?,
            Obj::Iter(state) => match &*state.borrow() {
                IterState::View { dict, .. } => self.len(dict)?,
                _ => return Err(self.type_error("object of type 'iterator' has no len()")),
            },
            Obj::Instance(_) | Obj::Class(_) => match self.user_method(obj, "__len__") {
                Some(m) => {
                    let r = self.call(&m, std::slice::from_ref(obj))?;
                    match r.as_i64() {
                        Some(n) if n >= 0 => n as usize,
                        Some(_) => return Err(self.value_error("__len__() should return >= 0")),
                        None => return Err(self.not_an_integer(&r)),
                    }
                }
                None if self.base_value(obj).is_some() => {
                    return self.len(self.builtin_receiver(obj));
                }
                None => {
                    return Err(self.type_error(format!(
                        "object of type '{}' has no len()",
                        self.type_name(obj)
                    )))
                }
            },
            _ => {
                return Err(self.type_error(format!(
                    "object of type '{}' has no len()",
                    self.type_name(obj)
                )))
            }
        })
    }
}

/// Number of items in `range(start, stop, step)`.
/// Items in `range(start, stop, step)`: exact (up to 2**64, more than an index can hold, which
/// `len()` refuses as CPython does).
pub fn range_len(start: i64, stop: i64, step: i64) -> u128 {
    let (start, stop, step) = (start as i128, stop as i128, step as i128);
    if step > 0 && start < stop {
        ((stop - start - 1) / step + 1) as u128
    } else if step < 0 && start > stop {
        ((start - stop - 1) / -step + 1) as u128
    } else {
        0
    }
}

/// The `i`-th item of `range(start, _, step)`, `i` within its length (so it fits an i64).
pub fn range_item(start: i64, step: i64, i: u128) -> i64 {
    (start as i128 + step as i128 * i as i128) as i64
}
