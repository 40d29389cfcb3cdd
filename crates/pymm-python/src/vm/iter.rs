//! Iteration, unpacking, and item access (`obj[key]`, slices).

use num_bigint::BigInt;
use std::cell::RefCell;

use super::fast_ops::Dying;
use super::generator::Step;
use super::{Exc, PyResult, Vm};
use crate::objects::frame::GenKind;
use crate::objects::int::value::int_value;
use crate::objects::iter::{DictPart, Emptied, IterState};
use crate::objects::range::value as range_value;
use crate::objects::{Obj, PyRef};

/// `iter(seq)` for a built-in sequence (list, tuple, str, bytes, bytearray): an iterator
/// that reads the item at its position on each step (the types' `iter` slot).
pub fn seq_iter(vm: &Vm, seq: &PyRef) -> PyResult {
    vm.new_iter(IterState::Seq {
        seq: seq.clone(),
        pos: 0,
    })
}

/// `iter(t)` for a dict or a set: its keys in table order, the length remembered so that a
/// change of size during the iteration raises (the types' `iter` slot).
pub fn table_keys_iter(vm: &Vm, table: &PyRef) -> PyResult {
    let len = vm.table_of(table)?.borrow().len();
    vm.new_iter(IterState::Table {
        table: table.clone(),
        pos: 0,
        part: DictPart::Keys,
        len,
    })
}

impl Vm {
    /// Wraps an iterator state in an object.
    pub fn new_iter(&self, state: IterState) -> PyResult {
        self.alloc(Obj::Iter(Box::new(RefCell::new(state))))
    }

    /// `iter(obj)`.
    pub fn get_iter(&self, obj: &PyRef) -> PyResult {
        match self.iter_if_iterable(obj)? {
            Some(it) => Ok(it),
            None => Err(self.not_iterable(obj)),
        }
    }

    /// `iter(obj)`, or `None` when `obj`'s type has no `__iter__` and is no sequence
    /// (CPython's `tp_iter == NULL && !PySequence_Check`), which callers word differently.
    fn iter_if_iterable(&self, obj: &PyRef) -> PyResult<Option<PyRef>> {
        if let Some(iter) = self.slots_of(obj).and_then(|t| t.iter) {
            return iter(self, obj).map(Some);
        }
        let state = match &**obj {
            Obj::Range(r) => IterState::Range {
                start: r[0],
                next: r[0],
                stop: r[1],
                step: r[2],
            },
            Obj::BigRange(r) => {
                IterState::BigRange(Box::new(range_value::BigRangeIter::new(r, false)))
            }
            Obj::Iter(state) => match &*state.borrow() {
                IterState::View { dict, part } => {
                    let len = self.len(dict)?;
                    IterState::Table {
                        table: dict.clone(),
                        pos: 0,
                        part: *part,
                        len,
                    }
                }
                _ => return Ok(Some(obj.clone())),
            },
            Obj::Generator(g) if g.kind == GenKind::Generator => return Ok(Some(obj.clone())),
            Obj::Instance(_) | Obj::Class(_) => {
                if let Some(m) = self.user_method(obj, "__iter__") {
                    let it = self.call(&m, std::slice::from_ref(obj))?;
                    return self.checked_iterator(it).map(Some);
                }
                // a subclass of a built-in container inherits its `__iter__` (`tp_iter`),
                // which reads the items themselves, whatever `__getitem__` the subclass
                // defines; only a class with neither iterates through `__getitem__`
                if let Some(value) = self.base_value(obj) {
                    // a dict's or set's iterator holds the instance itself, as CPython's
                    // does: the instance (and its `__del__`) lives until the iteration ends
                    if matches!(&**value, Obj::Dict(_) | Obj::Set(..)) {
                        return table_keys_iter(self, obj).map(Some);
                    }
                    if let Some(iter) = self.iter_if_iterable(value)? {
                        return Ok(Some(iter));
                    }
                }
                // `__iter__ = None` says the class is not iterable, whatever its `__getitem__`
                let blocked = || {
                    matches!(&**obj, Obj::Instance(_))
                        && self
                            .class_lookup(&self.type_of(obj), "__iter__")
                            .is_some_and(|v| self.is_none(&v))
                };
                if self.user_method(obj, "__getitem__").is_some() && !blocked() {
                    IterState::GetItem {
                        obj: obj.clone(),
                        pos: 0,
                    }
                } else {
                    return Ok(None);
                }
            }
            _ => return Ok(None),
        };
        self.new_iter(state).map(Some)
    }

    /// What an `__iter__` returned, refused unless it is an iterator (has `__next__`), as
    /// CPython's `PyObject_GetIter`.
    fn checked_iterator(&self, it: PyRef) -> PyResult {
        let is_iterator = match &*it {
            Obj::Iter(state) => !matches!(&*state.borrow(), IterState::View { .. }),
            Obj::Generator(g) => g.kind == GenKind::Generator,
            _ => self.class_lookup(&self.type_of(&it), "__next__").is_some(),
        };
        if is_iterator {
            return Ok(it);
        }
        Err(self.type_error(format!(
            "iter() returned non-iterator of type '{}'",
            self.type_name(&it)
        )))
    }

    fn not_iterable(&self, obj: &PyRef) -> super::PyErr {
        self.type_error(format!("'{}' object is not iterable", self.type_name(obj)))
    }

    /// `next(it)`, with exhaustion as `None` instead of StopIteration.
    pub fn next(&self, it: &PyRef) -> PyResult<Option<PyRef>> {
        match &**it {
            Obj::Iter(state) => self.next_builtin(it, state),
            // what the generator returns is not an item: its end, whatever the value
            Obj::Generator(g) if g.kind == GenKind::Generator => {
                match self.gen_step(it, self.none(), None)? {
                    Step::Yielded(v) => Ok(Some(v)),
                    Step::Returned(_) => Ok(None),
                }
            }
            Obj::Instance(inst) => {
                let result = match self.user_method(it, "__next__") {
                    Some(m) => self.call(&m, std::slice::from_ref(it)),
                    // another callable stored as the class's `__next__` (ElementTree's
                    // iterparse stores a generator's bound `__next__`): read through the
                    // attribute, which binds it or not as CPython's slot does
                    None if self.class_lookup(&inst.class(), "__next__").is_some() => {
                        let next = self.get_attr(it, &self.intern("__next__"))?;
                        self.call(&next, &[])
                    }
                    None => {
                        return Err(self.type_error(format!(
                            "'{}' object is not an iterator",
                            self.type_name(it)
                        )))
                    }
                };
                match result {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if self.exc_matches(&e.0, Exc::StopIteration) => Ok(None),
                    Err(e) => Err(e),
                }
            }
            _ => Err(self.type_error(format!(
                "'{}' object is not an iterator",
                self.type_name(it)
            ))),
        }
    }

    /// The for loop's next item (`FOR_ITER`): a range's next int is written into the box of
    /// `target`, the loop variable's old value (the local the next `STORE_FAST` overwrites),
    /// when nothing else holds it (see [`crate::objects::float::recycle`]); any other
    /// iterator's as [`Vm::next`] gives it.
    #[inline]
    pub(super) fn for_iter_next(
        &self,
        it: &PyRef,
        target: Option<&PyRef>,
    ) -> PyResult<Option<PyRef>> {
        if let Obj::Iter(state) = &**it {
            match &mut *state.borrow_mut() {
                IterState::Range {
                    next, stop, step, ..
                } => {
                    let Some(cur) = range_step(next, *stop, *step) else {
                        return Ok(None);
                    };
                    let dying = Dying {
                        target,
                        operands: [None, None],
                    };
                    return self.box_int(cur, dying).map(Some);
                }
                // a list's next item (`FOR_ITER_LIST`); its end, and a list being changed,
                // take the whole path of `next`
                IterState::Seq { seq, pos } => {
                    if let Obj::List(items) = &**seq {
                        if let Some(item) =
                            items.try_borrow().ok().and_then(|l| l.get(*pos).cloned())
                        {
                            *pos += 1;
                            return Ok(Some(item));
                        }
                    }
                }
                _ => {}
            }
        }
        self.next(it)
    }

    fn next_builtin(&self, it: &PyRef, state: &RefCell<IterState>) -> PyResult<Option<PyRef>> {
        let mut s = state.borrow_mut();
        match &mut *s {
            IterState::Seq { seq, pos } => {
                let item = match &**seq {
                    Obj::List(l) => l.borrow().get(*pos).cloned(),
                    Obj::Tuple(t) => t.get(*pos).cloned(),
                    Obj::Bytes(b) => b.get(*pos).map(|v| self.int(*v as i64)),
                    Obj::ByteArray(b) => b.borrow().get(*pos).map(|v| self.int(*v as i64)),
                    Obj::Str(text) => {
                        let text = text.as_str();
                        match text[*pos..].chars().next() {
                            Some(c) => {
                                *pos += c.len_utf8() - 1;
                                Some(self.str(c.to_string())?)
                            }
                            None => None,
                        }
                    }
                    _ => None,
                };
                *pos += 1;
                if item.is_none() {
                    let emptied = match &**seq {
                        Obj::List(_) => Emptied::List,
                        Obj::Str(_) => Emptied::Str,
                        _ => Emptied::Tuple,
                    };
                    let old = std::mem::replace(&mut *s, IterState::Done(emptied));
                    drop(s);
                    drop(old);
                }
                Ok(item)
            }
            IterState::Reversed { seq, pos } => {
                if *pos == 0 {
                    // let the sequence go, as CPython: the iterator stays exhausted
                    let emptied = match &**seq {
                        Obj::List(_) => Emptied::List,
                        _ => Emptied::Tuple,
                    };
                    let old = std::mem::replace(&mut *s, IterState::Done(emptied));
                    drop(s);
                    drop(old);
                    return Ok(None);
                }
                *pos -= 1;
                let item = match &**seq {
                    Obj::List(l) => l.borrow().get(*pos).cloned(),
                    Obj::Tuple(t) => t.get(*pos).cloned(),
                    _ => None,
                };
                Ok(item)
            }
            IterState::Range {
                next, stop, step, ..
            } => match range_step(next, *stop, *step) {
                Some(cur) => Ok(Some(self.new_int(cur)?)),
                None => Ok(None),
            },
            IterState::BigRange(r) => r.next_item().map(|v| self.new_bigint(v)).transpose(),
            IterState::Table {
                table,
                pos,
                part,
                len,
            } => {
                let (t, part, expected) = (table.clone(), *part, *len);
                let tbl = self.table_of(&t)?.borrow();
                if tbl.len() != expected {
                    let kind = if matches!(&**self.builtin_receiver(&t), Obj::Set(..)) {
                        "Set"
                    } else {
                        "dictionary"
                    };
                    return Err(self.new_exc(
                        Exc::RuntimeError,
                        format!("{kind} changed size during iteration"),
                    ));
                }
                let Some((found, entry)) = tbl.next_from(*pos) else {
                    // let the table go, as CPython: the iterator stays exhausted
                    drop(tbl);
                    let old = std::mem::replace(&mut *s, IterState::Done(Emptied::List));
                    drop(s);
                    drop(old);
                    return Ok(None);
                };
                *pos = found + 1;
                let (k, v) = (entry.key.clone(), entry.value.clone());
                drop(tbl);
                drop(s);
                Ok(Some(match part {
                    DictPart::Keys => k,
                    DictPart::Values => v,
                    DictPart::Items => self.new_tuple(vec![k, v])?,
                }))
            }
            IterState::Enumerate { inner, .. } => {
                let inner = inner.clone();
                drop(s);
                match self.next(&inner)? {
                    Some(v) => {
                        // counted once the item is there (an exhausted enumerate keeps its
                        // count, which pickling saves), read after the inner call as CPython
                        let n = match &mut *state.borrow_mut() {
                            IterState::Enumerate { count, .. } => {
                                *count += 1;
                                *count - 1
                            }
                            _ => 0,
                        };
                        let n = match i64::try_from(n) {
                            Ok(n) => self.new_int(n)?,
                            Err(_) => self.new_bigint(BigInt::from(n))?,
                        };
                        Ok(Some(self.new_tuple(vec![n, v])?))
                    }
                    None => Ok(None),
                }
            }
            IterState::Zip(inners) => {
                let inners = inners.clone();
                drop(s);
                let mut items = Vec::with_capacity(inners.len());
                for i in &inners {
                    match self.next(i)? {
                        Some(v) => items.push(v),
                        None => return Ok(None),
                    }
                }
                if items.is_empty() {
                    return Ok(None);
                }
                Ok(Some(self.new_tuple(items)?))
            }
            IterState::Map { func, inners } => {
                let (func, inners) = (func.clone(), inners.clone());
                drop(s);
                let mut args = Vec::with_capacity(inners.len());
                for i in &inners {
                    match self.next(i)? {
                        Some(v) => args.push(v),
                        None => return Ok(None),
                    }
                }
                Ok(Some(self.call(&func, &args)?))
            }
            IterState::Filter { func, inner } => {
                let (func, inner) = (func.clone(), inner.clone());
                drop(s);
                while let Some(v) = self.next(&inner)? {
                    let keep = if self.is_none(&func) {
                        v.clone()
                    } else {
                        self.call(&func, std::slice::from_ref(&v))?
                    };
                    if self.truthy(&keep)? {
                        return Ok(Some(v));
                    }
                }
                Ok(None)
            }
            IterState::GetItem { obj, pos } => {
                if *pos == i64::MAX {
                    return Err(self.new_exc(Exc::OverflowError, "iter index too large"));
                }
                let (obj, i) = (obj.clone(), *pos);
                *pos += 1;
                drop(s);
                match self.get_item(&obj, &self.new_int(i)?) {
                    Ok(v) => Ok(Some(v)),
                    Err(e)
                        if self.exc_matches(&e.0, Exc::IndexError)
                            || self.exc_matches(&e.0, Exc::StopIteration) =>
                    {
                        // exhausted for good, even if the sequence grows (CPython's
                        // seqiterobject lets go of it)
                        let old = std::mem::replace(
                            &mut *state.borrow_mut(),
                            IterState::Done(Emptied::Tuple),
                        );
                        drop(old);
                        Ok(None)
                    }
                    Err(e) => Err(e),
                }
            }
            IterState::Callable { func, sentinel } => {
                let (func, sentinel) = (func.clone(), sentinel.clone());
                drop(s);
                let value = match self.call(&func, &[]) {
                    Ok(v) => Some(v),
                    Err(e) if self.exc_matches(&e.0, Exc::StopIteration) => None,
                    Err(e) => return Err(e),
                };
                // the call may have exhausted this iterator (reentrantly): it stays so
                if matches!(&*state.borrow(), IterState::Done(_)) {
                    return Ok(None);
                }
                match value {
                    Some(v) if !self.eq(&v, &sentinel)? => Ok(Some(v)),
                    _ => {
                        // the sentinel (or StopIteration) ends it for good
                        let old = std::mem::replace(
                            &mut *state.borrow_mut(),
                            IterState::Done(Emptied::Tuple),
                        );
                        drop(old);
                        Ok(None)
                    }
                }
            }
            IterState::View { .. } => Err(self.type_error("'dict_keys' object is not an iterator")),
            IterState::Await(_) => {
                drop(s);
                self.await_iter_send(it, self.none(), None)
            }
            IterState::Done(_) => Ok(None),
        }
    }

    /// All items of an iterable.
    pub fn collect(&self, iterable: &PyRef) -> PyResult<Vec<PyRef>> {
        match &**iterable {
            Obj::List(l) => return Ok(l.borrow().to_vec()),
            Obj::Tuple(t) => return Ok(t.to_vec()),
            _ => {}
        }
        let it = self.get_iter(iterable)?;
        let mut out = Vec::new();
        while let Some(v) = self.next(&it)? {
            out.push(v);
        }
        Ok(out)
    }

    /// `a, b = seq`: at most `n + 1` items are taken, so an endless iterator is "too many".
    pub fn unpack(&self, seq: &PyRef, n: usize) -> PyResult<Vec<PyRef>> {
        let items = match &**seq {
            Obj::List(_) | Obj::Tuple(_) => self.collect(seq)?,
            _ => {
                let it = self.unpack_iter(seq)?;
                let mut items = Vec::with_capacity(n);
                while items.len() <= n {
                    match self.next(&it)? {
                        Some(v) => items.push(v),
                        None => break,
                    }
                }
                items
            }
        };
        if items.len() < n {
            return Err(self.value_error(format!(
                "not enough values to unpack (expected {n}, got {})",
                items.len()
            )));
        }
        if items.len() > n {
            return Err(self.value_error(format!("too many values to unpack (expected {n})")));
        }
        Ok(items)
    }

    /// The iterator `a, b = seq` reads, with CPython's message for what cannot be unpacked.
    fn unpack_iter(&self, seq: &PyRef) -> PyResult {
        match self.iter_if_iterable(seq)? {
            Some(it) => Ok(it),
            None => Err(self.type_error(format!(
                "cannot unpack non-iterable {} object",
                self.type_name(seq)
            ))),
        }
    }

    /// `a, *b, c = seq`.
    pub fn unpack_ex(&self, seq: &PyRef, before: usize, after: usize) -> PyResult<Vec<PyRef>> {
        let mut items = match &**seq {
            Obj::List(_) | Obj::Tuple(_) => self.collect(seq)?,
            _ => self.collect(&self.unpack_iter(seq)?)?,
        };
        if items.len() < before + after {
            return Err(self.value_error(format!(
                "not enough values to unpack (expected at least {}, got {})",
                before + after,
                items.len()
            )));
        }
        let tail = items.split_off(items.len() - after);
        let middle = items.split_off(before);
        items.push(self.list(middle)?);
        items.extend(tail);
        Ok(items)
    }

    /// `d.update(mapping)` for dicts (also `{**m}` and `f(**m)`).
    pub fn dict_update(&self, dict: &PyRef, mapping: &PyRef) -> PyResult<()> {
        match &**self.builtin_receiver(mapping) {
            Obj::Dict(t) => {
                let entries: Vec<(PyRef, PyRef)> = t
                    .borrow()
                    .iter()
                    .map(|e| (e.key.clone(), e.value.clone()))
                    .collect();
                for (k, v) in entries {
                    self.dict_set(dict, k, v)?;
                }
            }
            // a mapping that is not a dict: its keys(), then each value by subscript
            _ if self.has_keys_method(mapping) => {
                let keys_method = self.get_attr(mapping, &self.intern("keys"))?;
                let keys = self.call(&keys_method, &[])?;
                for k in self.collect(&keys)? {
                    let v = self.get_item(mapping, &k)?;
                    self.dict_set(dict, k, v)?;
                }
            }
            _ => {
                for pair in self.collect(mapping)? {
                    let kv = self.collect(&pair)?;
                    if kv.len() != 2 {
                        return Err(self.value_error(format!(
                            "dictionary update sequence element has length {}; 2 is required",
                            kv.len()
                        )));
                    }
                    let mut kv = kv.into_iter();
                    if let (Some(k), Some(v)) = (kv.next(), kv.next()) {
                        self.dict_set(dict, k, v)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// True when `obj` has a `keys` attribute: `dict(obj)` and `dict.update(obj)` then read
    /// it as a mapping rather than as pairs.
    fn has_keys_method(&self, obj: &PyRef) -> bool {
        matches!(&**obj, Obj::Instance(_)) && self.get_attr(obj, &self.intern("keys")).is_ok()
    }

    /// A shallow copy of a dict.
    pub fn dict_copy(&self, dict: &PyRef) -> PyResult {
        let d = self.dict()?;
        self.dict_update(&d, dict)?;
        Ok(d)
    }

    /// Normalises a possibly negative index against `len`.
    pub fn seq_index(&self, index: &PyRef, len: usize, what: &str) -> PyResult<usize> {
        let i = self.index_value(index, what)?;
        self.seq_position(i, len, what)
    }

    /// The position index `i` (negative from the end) names in a sequence of `len`.
    pub fn seq_position(&self, i: i64, len: usize, what: &str) -> PyResult<usize> {
        let j = if i < 0 { i + len as i64 } else { i };
        if j < 0 || j >= len as i64 {
            // bytes say only "index out of range"
            let message = if what.is_empty() {
                "index out of range".to_string()
            } else {
                format!("{what} index out of range")
            };
            return Err(self.index_error(message));
        }
        Ok(j as usize)
    }

    /// An int usable as an index.
    #[inline]
    pub fn index_value(&self, index: &PyRef, what: &str) -> PyResult<i64> {
        match &**index {
            Obj::Int(i) => Ok(*i),
            _ => self.index_value_other(index, what),
        }
    }

    /// [`Vm::index_value`] for anything but a small int (`__index__` may run).
    #[inline(never)]
    fn index_value_other(&self, index: &PyRef, what: &str) -> PyResult<i64> {
        match self.index_int(index)? {
            Some(i) => Ok(i),
            None => Err(self.type_error(format!(
                "{what} indices must be integers or slices, not {}",
                self.type_name(index)
            ))),
        }
    }

    /// `operator.index(obj)` as an `i64` (`PyNumber_AsSsize_t`), or `None` when `obj`
    /// is no int and has no `__index__`.
    pub fn index_int(&self, obj: &PyRef) -> PyResult<Option<i64>> {
        let value = match &**obj {
            Obj::Int(i) => return Ok(Some(*i)),
            Obj::Instance(_) => match self.user_method(obj, "__index__") {
                Some(m) => self.call(&m, std::slice::from_ref(obj))?,
                None => obj.clone(),
            },
            _ => obj.clone(),
        };
        // an int subclass's instance stands for its int value
        let int = self.base_value(&value).unwrap_or(&value);
        match &**int {
            Obj::Int(i) => Ok(Some(*i)),
            Obj::Bool(b) => Ok(Some(*b as i64)),
            Obj::BigInt(_) => Err(self.index_error(format!(
                "cannot fit '{}' into an index-sized integer",
                self.type_name(obj)
            ))),
            _ if PyRef::ptr_eq(&value, obj) => Ok(None),
            _ => Err(self.type_error(format!(
                "__index__ returned non-int (type {})",
                self.type_name(&value)
            ))),
        }
    }

    /// `operator.index(obj)` of any size (`PyNumber_Index`), for a slice bound, a range
    /// bound or `round`'s digits: an int, an int subclass's value or what `__index__`
    /// returns; `None` for a value that has no `__index__`.
    pub fn index_big(&self, obj: &PyRef) -> PyResult<Option<BigInt>> {
        if let Some(value) = int_value(self.builtin_receiver(obj)) {
            return Ok(Some(value));
        }
        let Some(method) = self.user_method(obj, "__index__") else {
            return Ok(None);
        };
        let result = self.call(&method, std::slice::from_ref(obj))?;
        match int_value(self.builtin_receiver(&result)) {
            Some(value) => Ok(Some(value)),
            None => Err(self.type_error(format!(
                "__index__ returned non-int (type {})",
                self.type_name(&result)
            ))),
        }
    }

    /// The `start` and `stop` arguments of a search (`list.index(x, start, stop)`) as
    /// positions in `0..=len`: negative ones count from the end, as slice bounds do.
    pub fn search_bounds(
        &self,
        start: Option<&PyRef>,
        stop: Option<&PyRef>,
        len: usize,
    ) -> PyResult<(usize, usize)> {
        let bound = |arg: Option<&PyRef>, default: usize| -> PyResult<usize> {
            let Some(arg) = arg else {
                return Ok(default);
            };
            let i = match &**arg {
                Obj::BigInt(b) if b.sign() == num_bigint::Sign::Minus => 0,
                Obj::BigInt(_) => len as i64,
                _ => self.index_int(arg)?.ok_or_else(|| {
                    self.type_error("slice indices must be integers or have an __index__ method")
                })?,
            };
            let i = if i < 0 { i + len as i64 } else { i };
            Ok(i.clamp(0, len as i64) as usize)
        };
        Ok((bound(start, 0)?, bound(stop, len)?))
    }

    /// A slice's start, stop or step that is not None, as an int (`_PyEval_SliceIndex`).
    #[inline]
    fn slice_bound(&self, v: &PyRef) -> PyResult<i64> {
        if let Obj::Int(i) = &**v {
            return Ok(*i);
        }
        self.index_int(v)?.ok_or_else(|| {
            self.type_error("slice indices must be integers or None or have an __index__ method")
        })
    }

    /// The (start, stop, step) a slice selects from a sequence of `len`.
    pub fn slice_indices(&self, slice: &[PyRef; 3], len: usize) -> PyResult<(i64, i64, i64)> {
        let len = len as i64;
        let step = if self.is_none(&slice[2]) {
            1
        } else {
            self.slice_bound(&slice[2])?
        };
        if step == 0 {
            return Err(self.value_error("slice step cannot be zero"));
        }
        let clamp = |v: &PyRef, default: i64| -> PyResult<i64> {
            if self.is_none(v) {
                return Ok(default);
            }
            let mut i = match &**v {
                // past any length, in either direction
                Obj::BigInt(b) if b.sign() == num_bigint::Sign::Minus => i64::MIN / 2,
                Obj::BigInt(_) => i64::MAX / 2,
                _ => self.slice_bound(v)?,
            };
            if i < 0 {
                i += len;
                if i < 0 {
                    i = if step < 0 { -1 } else { 0 };
                }
            } else if i >= len {
                i = if step < 0 { len - 1 } else { len };
            }
            Ok(i)
        };
        let (start, stop) = if step > 0 {
            (clamp(&slice[0], 0)?, clamp(&slice[1], len)?)
        } else {
            (clamp(&slice[0], len - 1)?, clamp(&slice[1], -1)?)
        };
        Ok((start, stop, step))
    }

    /// How many positions a slice selects from a sequence of `len` (without listing them).
    pub fn slice_count(&self, slice: &[PyRef; 3], len: usize) -> PyResult<usize> {
        let (start, stop, step) = self.slice_indices(slice, len)?;
        Ok(positions_between(start, stop, step))
    }

    /// Positions a slice selects.
    pub fn slice_positions(&self, slice: &[PyRef; 3], len: usize) -> PyResult<Vec<usize>> {
        let (start, stop, step) = self.slice_indices(slice, len)?;
        // counted rather than stepped until past `stop`: a step near i64::MAX would
        // overflow `i += step` after the last position
        let count = positions_between(start, stop, step);
        Ok((0..count as i64)
            .map(|k| (start + k * step) as usize)
            .collect())
    }

    /// The items of `items` a slice selects, copied: one contiguous copy for a plain `a[i:j]`
    /// (step 1, the common case), else item by item.
    pub fn slice_pick<T: Clone>(&self, slice: &[PyRef; 3], items: &[T]) -> PyResult<Vec<T>> {
        let (start, stop, step) = self.slice_indices(slice, items.len())?;
        if step == 1 {
            return Ok(items[start as usize..stop.max(start) as usize].to_vec());
        }
        Ok(self
            .slice_positions(slice, items.len())?
            .into_iter()
            .map(|i| items[i].clone())
            .collect())
    }

    /// `obj[key]` for an instance of a subclass of a built-in type: the built-in lookup on its
    /// value, and for a dict subclass `__missing__` when the key is absent, as in CPython.
    fn subclass_get_item(&self, obj: &PyRef, value: &PyRef, key: &PyRef) -> PyResult {
        if matches!(&**value, Obj::Dict(_)) {
            if let Some(found) = self.dict_get(value, key)? {
                return Ok(found);
            }
            if let Some(missing) = self.user_method(obj, "__missing__") {
                return self.call(&missing, &[obj.clone(), key.clone()]);
            }
        }
        self.get_item(value, key)
    }

    /// `obj[key]`.
    pub fn get_item(&self, obj: &PyRef, key: &PyRef) -> PyResult {
        if let Some(subscript) = self.slots_of(obj).and_then(|t| t.subscript) {
            return subscript(self, obj, key);
        }
        match (&**obj, &**key) {
            (Obj::Range(r), Obj::Int(_) | Obj::Bool(_))
                if super::compare::range_len(r[0], r[1], r[2]) <= isize::MAX as u128 =>
            {
                // within isize::MAX, as the guard says
                let len = super::compare::range_len(r[0], r[1], r[2]) as usize;
                let i = self.seq_index(key, len, "range object")?;
                self.new_int(super::compare::range_item(r[0], r[2], i as u128))
            }
            (_, Obj::Slice(s)) if !matches!(&**obj, Obj::Instance(_) | Obj::Class(_)) => {
                self.get_slice(obj, s)
            }
            (Obj::Class(_), _) if self.meta_defines(obj, "__getitem__") => {
                let method = self.user_method(obj, "__getitem__");
                self.call(
                    &method.unwrap_or_else(|| self.none()),
                    &[obj.clone(), key.clone()],
                )
            }
            (Obj::Instance(_), _) => match self.user_method(obj, "__getitem__") {
                Some(m) => self.call(&m, &[obj.clone(), key.clone()]),
                None => match self.base_value(obj) {
                    Some(value) => self.subclass_get_item(obj, value, key),
                    None => Err(self.not_subscriptable(obj)),
                },
            },
            (Obj::Class(_), _) => match self.class_lookup(obj, "__class_getitem__") {
                Some(hook) => {
                    let hook = self.bind(hook, obj, obj)?;
                    self.call(&hook, std::slice::from_ref(key))
                }
                // exceptions are not generic (only the groups, through their hook)
                None if self.is_subclass(obj, self.types.exc(Exc::BaseException)) => Err(self
                    .type_error(format!(
                        "type '{}' is not subscriptable",
                        self.class_name(obj)
                    ))),
                // a built-in generic (`list[int]`) stands for the class itself
                None => Ok(obj.clone()),
            },
            // an index past 64 bits, or into a range longer than that: CPython's
            // `compute_range_item` on ints of any size
            (Obj::Range(_) | Obj::BigRange(_), Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_)) => {
                match (range_value::bounds_of(obj), int_value(key)) {
                    (Some(bounds), Some(i)) => range_value::get(self, &bounds, &i),
                    _ => Err(self.not_subscriptable(obj)),
                }
            }
            (Obj::Range(_) | Obj::BigRange(_), Obj::Instance(_))
                if self.user_method(key, "__index__").is_some() =>
            {
                match self.index_big(key)? {
                    Some(i) => self.get_item(obj, &self.new_bigint(i)?),
                    None => Err(self.not_subscriptable(obj)),
                }
            }
            (Obj::Range(_) | Obj::BigRange(_), _) => Err(self.type_error(format!(
                "range indices must be integers or slices, not {}",
                self.type_name(key)
            ))),
            _ => Err(self.not_subscriptable(obj)),
        }
    }

    fn not_subscriptable(&self, obj: &PyRef) -> super::PyErr {
        self.type_error(format!(
            "'{}' object is not subscriptable",
            self.type_name(obj)
        ))
    }

    fn get_slice(&self, obj: &PyRef, s: &[PyRef; 3]) -> PyResult {
        match &**obj {
            Obj::Range(_) | Obj::BigRange(_) => match range_value::bounds_of(obj) {
                Some(bounds) => range_value::slice(self, &bounds, s),
                None => Err(self.not_subscriptable(obj)),
            },
            _ => Err(self.not_subscriptable(obj)),
        }
    }

    /// `obj[key] = value`.
    pub fn set_item(&self, obj: &PyRef, key: PyRef, value: PyRef) -> PyResult<()> {
        if let Some(assign) = self.slots_of(obj).and_then(|t| t.ass_subscript) {
            return assign(self, obj, &key, Some(value));
        }
        match (&**obj, &*key) {
            (Obj::Instance(_), _) => match self.user_method(obj, "__setitem__") {
                Some(m) => self.call(&m, &[obj.clone(), key, value]).map(drop),
                None if self.base_value(obj).is_some() => {
                    self.set_item(self.builtin_receiver(obj), key, value)
                }
                None => Err(self.type_error(format!(
                    "'{}' object does not support item assignment",
                    self.type_name(obj)
                ))),
            },
            _ => Err(self.type_error(format!(
                "'{}' object does not support item assignment",
                self.type_name(obj)
            ))),
        }
    }

    /// `del obj[key]`.
    pub fn del_item(&self, obj: &PyRef, key: &PyRef) -> PyResult<()> {
        if let Some(assign) = self.slots_of(obj).and_then(|t| t.ass_subscript) {
            return assign(self, obj, key, None);
        }
        match (&**obj, &**key) {
            (Obj::Instance(_), _) => match self.user_method(obj, "__delitem__") {
                Some(m) => self.call(&m, &[obj.clone(), key.clone()]).map(drop),
                None if self.base_value(obj).is_some() => {
                    self.del_item(self.builtin_receiver(obj), key)
                }
                None => Err(self.type_error(format!(
                    "'{}' object doesn't support item deletion",
                    self.type_name(obj)
                ))),
            },
            _ => Err(self.type_error(format!(
                "'{}' object doesn't support item deletion",
                self.type_name(obj)
            ))),
        }
    }
}

/// A range iterator's next value, `next` moved on by `step`; None once `stop` is reached.
#[inline]
fn range_step(next: &mut i64, stop: i64, step: i64) -> Option<i64> {
    let cur = *next;
    if (step > 0 && cur >= stop) || (step < 0 && cur <= stop) {
        return None;
    }
    *next = cur.saturating_add(step);
    Some(cur)
}

/// How many positions `start, start + step, ...` lie before `stop` (the indices of a slice,
/// from `slice_indices`).
fn positions_between(start: i64, stop: i64, step: i64) -> usize {
    // start and stop are within -1..=len, so the span cannot overflow; the stride is
    // taken unsigned (a step of i64::MIN has no positive i64)
    let span = if step > 0 { stop - start } else { start - stop };
    if span > 0 {
        ((span as u64 - 1) / step.unsigned_abs() + 1) as usize
    } else {
        0
    }
}
