//! Set algebra done step for step as CPython 3.11's `setobject.c` does it, so that every
//! result holds its keys in the slots CPython would use and iterates in CPython's order.
//!
//! The order of a set depends on its history, not only on its keys: which operand is walked,
//! in which order keys are added, when the table grows or purges deleted slots. Each function
//! names the C function it follows.

use crate::compile::BinOp;
use crate::objects::iter::{DictPart, IterState};
use crate::objects::{Obj, PyRef};
use crate::rt::Gc;
use crate::vm::dict::native_find;
use crate::vm::{PyResult, Vm};

/// The other operand of a set operation, as CPython's fast paths tell them apart.
enum Operand {
    /// A set or frozenset: walked in slot order.
    Set,
    /// A dict: its keys in insertion order, its size known up front.
    Dict,
    /// Any other iterable.
    Other,
}

fn operand(obj: &PyRef) -> Operand {
    match &**obj {
        Obj::Set(..) => Operand::Set,
        Obj::Dict(_) => Operand::Dict,
        _ => Operand::Other,
    }
}

fn is_frozen(set: &PyRef) -> bool {
    matches!(&**set, Obj::Set(_, true))
}

/// The dict behind a `dict.keys()` view.
fn keys_view_dict(obj: &PyRef) -> Option<PyRef> {
    match &**obj {
        Obj::Iter(state) => match &*state.borrow() {
            IterState::View {
                dict,
                part: DictPart::Keys,
            } => Some(dict.clone()),
            _ => None,
        },
        _ => None,
    }
}

fn is_view(obj: &PyRef) -> bool {
    matches!(&**obj, Obj::Iter(state) if matches!(&*state.borrow(), IterState::View { .. }))
}

impl Vm {
    /// Keys of a set in iteration (slot) order.
    pub fn set_keys(&self, set: &PyRef) -> PyResult<Vec<PyRef>> {
        Ok(self
            .table_of(set)?
            .borrow()
            .iter()
            .map(|e| e.key.clone())
            .collect())
    }

    /// Keys of a set in iteration (slot) order, each with the hash its table keeps: the
    /// algebra below looks them up and adds them without hashing again (CPython passes
    /// `entry->hash` along the same way).
    pub fn set_entries(&self, set: &PyRef) -> PyResult<Vec<(i64, PyRef)>> {
        Ok(self
            .table_of(set)?
            .borrow()
            .iter()
            .map(|e| (e.hash, e.key.clone()))
            .collect())
    }

    /// `key in s` for a key whose hash is known (`set_contains_entry`); `s` may be a dict.
    pub fn set_contains_hashed(&self, set: &PyRef, key: &PyRef, hash: i64) -> PyResult<bool> {
        let table = self.table_of(set)?;
        Ok(self.table_find_hashed(table, key, hash)?.is_some())
    }

    /// `walked <= lookup` answered inside the two tables, without copying `walked`'s
    /// entries out: None when a lookup would have to run a key's `__eq__` (which may change
    /// either set, so the general path copies the keys first).
    pub fn set_subset_native(&self, walked: &PyRef, lookup: &PyRef) -> PyResult<Option<bool>> {
        let walked = self.table_of(walked)?.borrow();
        let lookup = self.table_of(lookup)?.borrow();
        for e in walked.iter() {
            match native_find(&lookup, e.key, e.hash) {
                Some(Some(_)) => {}
                Some(None) => return Ok(Some(false)),
                None => return Ok(None),
            }
        }
        Ok(Some(true))
    }

    /// A new set of `like`'s kind with the keys of the set `walked`, in its slot order, whose
    /// presence in `lookup` is `keep` (`set_intersection` keeps the present ones,
    /// `set_difference` the absent ones), found without copying the entries out first.
    /// None when a lookup would have to run a key's `__eq__`: the general path then starts
    /// over (the keys added so far go with the set made here).
    fn set_filter_native(
        &self,
        like: &PyRef,
        walked: &PyRef,
        lookup: &PyRef,
        keep: bool,
    ) -> PyResult<Option<PyRef>> {
        let out = self.set(is_frozen(like))?;
        {
            let walked = self.table_of(walked)?.borrow();
            let lookup = self.table_of(lookup)?.borrow();
            let mut target = self.table_of(&out)?.borrow_mut();
            for e in walked.iter() {
                match native_find(&lookup, e.key, e.hash) {
                    // the walked keys are distinct: each is new to `out`
                    Some(found) if found.is_some() == keep => {
                        target.push(e.hash, e.key.clone(), self.none())
                    }
                    Some(_) => {}
                    None => return Ok(None),
                }
            }
        }
        Ok(Some(out))
    }

    /// `s.add(key)` for a key whose hash is known (`set_add_entry`).
    fn set_add_hashed(&self, set: &PyRef, key: PyRef, hash: i64) -> PyResult<()> {
        let table = self.table_of(set)?;
        if self.table_find_hashed(table, &key, hash)?.is_none() {
            table.borrow_mut().push(hash, key, self.none());
        }
        Ok(())
    }

    /// `s.discard(key)` for a key whose hash is known (`set_discard_entry`): true if it was
    /// there.
    fn set_discard_hashed(&self, set: &PyRef, key: &PyRef, hash: i64) -> PyResult<bool> {
        let table = self.table_of(set)?;
        let removed = match self.table_find_hashed(table, key, hash)? {
            Some(pos) => table.borrow_mut().remove_at(pos),
            None => None,
        };
        Ok(removed.is_some()) // the key goes after the borrow ends
    }

    /// `s.update(other)` (`set_update_internal`): a set is merged, a dict's keys are added
    /// after one resize, any other iterable is added item by item.
    pub fn set_update(&self, set: &PyRef, other: &PyRef) -> PyResult<()> {
        match operand(other) {
            Operand::Set => return self.set_merge(set, other),
            Operand::Dict => {
                let entries = self.set_entries(other)?;
                self.table_of(set)?
                    .borrow_mut()
                    .reserve_for_merge(entries.len());
                for (hash, key) in entries {
                    self.set_add_hashed(set, key, hash)?;
                }
                return Ok(());
            }
            Operand::Other => {}
        }
        for key in self.collect(other)? {
            self.set_add(set, key)?;
        }
        Ok(())
    }

    /// Adds the keys of the set `src` to `dst` (`set_merge`): into a set that never held a
    /// key they are copied without comparisons; otherwise one resize, then an add per key.
    pub fn set_merge(&self, dst: &PyRef, src: &PyRef) -> PyResult<()> {
        if Gc::ptr_eq(dst, src) {
            return Ok(());
        }
        let target = self.table_of(dst)?;
        if target.borrow().is_pristine_set() {
            let source = self.table_of(src)?.borrow();
            target.borrow_mut().copy_set_from(&source);
            return Ok(());
        }
        let entries = self.set_entries(src)?;
        if entries.is_empty() {
            return Ok(());
        }
        target.borrow_mut().reserve_for_merge(entries.len());
        for (hash, key) in entries {
            self.set_add_hashed(dst, key, hash)?;
        }
        Ok(())
    }

    /// A new set (or frozenset) with the keys of the set `src` (`set_copy`).
    pub fn set_copy(&self, src: &PyRef, frozen: bool) -> PyResult {
        let out = self.set(frozen)?;
        self.set_merge(&out, src)?;
        Ok(out)
    }

    /// A new set of `like`'s kind filled from any iterable (`make_new_set_basetype`).
    fn set_like_from(&self, like: &PyRef, iterable: &PyRef) -> PyResult {
        let out = self.set(is_frozen(like))?;
        self.set_update(&out, iterable)?;
        Ok(out)
    }

    /// `s.union(*others)` and `s | other` (`set_union`, `set_or`).
    pub fn set_union(&self, set: &PyRef, others: &[PyRef]) -> PyResult {
        let out = self.set_copy(set, is_frozen(set))?;
        for other in others.iter().filter(|o| !Gc::ptr_eq(o, set)) {
            self.set_update(&out, other)?;
        }
        Ok(out)
    }

    /// `s & other` (`set_intersection`): the smaller set is walked and each of its keys
    /// looked up in the other; a non-set iterable is walked in its own order.
    pub fn set_intersection(&self, set: &PyRef, other: &PyRef) -> PyResult {
        if Gc::ptr_eq(set, other) {
            return self.set_copy(set, is_frozen(set));
        }
        let (lookup, walked) = match operand(other) {
            Operand::Set if self.len(other)? > self.len(set)? => (other, set),
            Operand::Set => (set, other),
            Operand::Dict | Operand::Other => {
                let out = self.set(is_frozen(set))?;
                for key in self.collect(other)? {
                    if self.table_contains(set, &key)? {
                        self.set_add(&out, key)?;
                    }
                }
                return Ok(out);
            }
        };
        if let Some(out) = self.set_filter_native(set, walked, lookup, true)? {
            return Ok(out);
        }
        let out = self.set(is_frozen(set))?;
        for (hash, key) in self.set_entries(walked)? {
            if self.set_contains_hashed(lookup, &key, hash)? {
                self.set_add_hashed(&out, key, hash)?;
            }
        }
        Ok(out)
    }

    /// `s.intersection(*others)` (`set_intersection_multi`): pairwise, left to right.
    pub fn set_intersection_multi(&self, set: &PyRef, others: &[PyRef]) -> PyResult {
        let Some((first, rest)) = others.split_first() else {
            return self.set_copy(set, is_frozen(set));
        };
        let mut result = self.set_intersection(set, first)?;
        for other in rest {
            result = self.set_intersection(&result, other)?;
        }
        Ok(result)
    }

    /// `s.intersection_update(*others)` and `s &= other`: the intersection's table replaces
    /// the set's own (`set_swap_bodies`).
    pub fn set_intersection_update(&self, set: &PyRef, others: &[PyRef]) -> PyResult<()> {
        let result = self.set_intersection_multi(set, others)?;
        let contents = self.table_of(&result)?.borrow_mut().take_contents();
        let old = self
            .table_of(set)?
            .borrow_mut()
            .replace_set_contents(contents);
        drop(old);
        Ok(())
    }

    /// `s - other` (`set_difference`): a much larger `s`, or an `other` of unknown size, is
    /// copied and then has `other`'s keys removed; otherwise `s` is walked and the keys not
    /// in `other` are added to a new set.
    pub fn set_difference(&self, set: &PyRef, other: &PyRef) -> PyResult {
        let other_size = match operand(other) {
            Operand::Set | Operand::Dict => self.len(other)?,
            Operand::Other => return self.set_copy_and_difference(set, other),
        };
        if (self.len(set)? >> 2) > other_size {
            return self.set_copy_and_difference(set, other);
        }
        if let Some(out) = self.set_filter_native(set, set, other, false)? {
            return Ok(out);
        }
        let out = self.set(is_frozen(set))?;
        for (hash, key) in self.set_entries(set)? {
            if !self.set_contains_hashed(other, &key, hash)? {
                self.set_add_hashed(&out, key, hash)?;
            }
        }
        Ok(out)
    }

    fn set_copy_and_difference(&self, set: &PyRef, other: &PyRef) -> PyResult {
        let out = self.set_copy(set, is_frozen(set))?;
        self.set_difference_update(&out, other)?;
        Ok(out)
    }

    /// `s.difference(*others)` (`set_difference_multi`).
    pub fn set_difference_multi(&self, set: &PyRef, others: &[PyRef]) -> PyResult {
        let Some((first, rest)) = others.split_first() else {
            return self.set_copy(set, is_frozen(set));
        };
        let result = self.set_difference(set, first)?;
        for other in rest {
            self.set_difference_update(&result, other)?;
        }
        Ok(result)
    }

    /// `s -= other` and `s.difference_update(other)` (`set_difference_update_internal`):
    /// removes `other`'s keys, then purges the deleted slots if they are many.
    pub fn set_difference_update(&self, set: &PyRef, other: &PyRef) -> PyResult<()> {
        if Gc::ptr_eq(set, other) {
            return self.set_clear(set);
        }
        match operand(other) {
            Operand::Set => {
                for (hash, key) in self.set_entries(other)? {
                    self.set_discard_hashed(set, &key, hash)?;
                }
            }
            Operand::Dict | Operand::Other => {
                for key in self.collect(other)? {
                    drop(self.dict_remove(set, &key)?);
                }
            }
        }
        self.table_of(set)?.borrow_mut().purge_if_mostly_deleted();
        Ok(())
    }

    /// `s ^= other` and `s.symmetric_difference_update(other)`: each key of `other` (of a
    /// set made from it, for a plain iterable) is removed if present, added if not.
    pub fn set_symmetric_difference_update(&self, set: &PyRef, other: &PyRef) -> PyResult<()> {
        if Gc::ptr_eq(set, other) {
            return self.set_clear(set);
        }
        // a dict's table keeps its keys' hashes as a set's does
        let entries = match operand(other) {
            Operand::Set | Operand::Dict => self.set_entries(other)?,
            Operand::Other => self.set_entries(&self.set_like_from(set, other)?)?,
        };
        for (hash, key) in entries {
            if !self.set_discard_hashed(set, &key, hash)? {
                self.set_add_hashed(set, key, hash)?;
            }
        }
        Ok(())
    }

    /// `s ^ other` (`set_symmetric_difference`): a copy of `other` updated with `s`.
    pub fn set_symmetric_difference(&self, set: &PyRef, other: &PyRef) -> PyResult {
        let out = self.set_like_from(set, other)?;
        self.set_symmetric_difference_update(&out, set)?;
        Ok(out)
    }

    /// `s.clear()`: back to the smallest table (`set_clear_internal`).
    pub fn set_clear(&self, set: &PyRef) -> PyResult<()> {
        let old = self.table_of(set)?.borrow_mut().take_all();
        drop(old); // the keys go after the borrow ends: their finalizers may use the set
        Ok(())
    }

    /// `s.pop()` (`set_pop`): the first key from CPython's search finger on.
    pub fn set_pop(&self, set: &PyRef) -> PyResult {
        let entry = self.table_of(set)?.borrow_mut().pop_set_entry();
        match entry {
            Some(e) => Ok(e.key),
            None => Err(self.key_error(self.str("pop from an empty set")?)),
        }
    }

    /// `|`, `-`, `^` and `&` with a dict view on either side (`dictviews_or`, `dictviews_sub`,
    /// `dictviews_xor`: the left operand made a set, then updated with the right one).
    pub fn view_set_op(&self, left: &PyRef, right: &PyRef, op: BinOp) -> PyResult {
        if op == BinOp::And {
            return self.view_intersection(left, right);
        }
        let source = keys_view_dict(left).unwrap_or_else(|| left.clone());
        let out = self.set(false)?;
        self.set_update(&out, &source)?;
        match op {
            BinOp::Sub => self.set_difference_update(&out, right)?,
            BinOp::Xor => self.set_symmetric_difference_update(&out, right)?,
            _ => self.set_update(&out, right)?,
        }
        Ok(out)
    }

    /// `&` with a dict view (`_PyDictView_Intersect`): a set at least as large as the view
    /// does the work; else the smaller operand is walked and looked up in the larger view.
    fn view_intersection(&self, left: &PyRef, right: &PyRef) -> PyResult {
        let (mut view, mut other) = if is_view(left) {
            (left, right)
        } else {
            (right, left)
        };
        if matches!(&**other, Obj::Set(_, false)) && self.len(view)? <= self.len(other)? {
            return self.set_intersection(other, view);
        }
        if is_view(other) && self.len(other)? > self.len(view)? {
            std::mem::swap(&mut view, &mut other);
        }
        let out = self.set(false)?;
        for key in self.collect(other)? {
            if self.contains(view, &key)? {
                self.set_add(&out, key)?;
            }
        }
        Ok(out)
    }
}
