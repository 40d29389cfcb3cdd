//! Hashing, key equality and the dict/set operations built on [`Table`].
//!
//! Lookups copy the candidate keys out of the table before comparing them, so a user
//! `__eq__` may run (and even mutate the dict) without a borrow conflict.

use std::cell::{Cell, RefCell};

use super::attr::table_get_name;
use super::{Exc, PyResult, Vm};
use crate::objects::float::value::hash_f64;
use crate::objects::int::value::{hash_big, hash_i64};
use crate::objects::str::layout::hash_text;
use crate::objects::{Obj, PyRef, Table};
use crate::rt::Gc;

impl Vm {
    /// `hash(obj)`.
    pub fn hash(&self, obj: &PyRef) -> PyResult<i64> {
        Ok(match &**obj {
            Obj::Str(s) => s.hash(),
            Obj::Int(i) => hash_i64(*i),
            Obj::Bool(b) => *b as i64,
            Obj::BigInt(b) => hash_big(b),
            // a NaN equals nothing, so it hashes by identity (CPython 3.10's `_Py_HashDouble`)
            Obj::Float(f) if f.is_nan() => identity_hash(obj),
            Obj::Float(f) => hash_f64(*f),
            Obj::Complex(c) => crate::objects::complex::value::hash_complex(**c),
            Obj::Bytes(b) => hash_text(&String::from_utf8_lossy(b)),
            Obj::MemoryView(_) => match self.slots_of(obj).and_then(|t| t.hash) {
                Some(hash) => hash(self, obj)?,
                None => return Err(self.type_error("unhashable type: 'memoryview'")),
            },
            Obj::Tuple(items) => match items.kept_hash() {
                Some(hash) => hash,
                None => return self.tuple_hash(items),
            },
            Obj::List(_) | Obj::Dict(_) | Obj::Set(_, false) | Obj::ByteArray(_) => {
                return Err(self.type_error(format!("unhashable type: '{}'", self.type_name(obj))))
            }
            Obj::Set(t, true) => {
                // CPython's frozenset_hash: shuffled key hashes (the ones the table keeps)
                // xor-ed, size mixed in, dispersed
                let shuffle = |h: u64| ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167);
                let t = t.borrow();
                let mut acc = (t.len() as u64 + 1).wrapping_mul(1927868237);
                for e in t.iter() {
                    acc ^= shuffle(e.hash as u64);
                }
                acc ^= (acc >> 11) ^ (acc >> 25);
                acc = acc.wrapping_mul(69069).wrapping_add(907133923);
                if acc == u64::MAX {
                    590923713
                } else {
                    acc as i64
                }
            }
            Obj::Instance(inst) => {
                // SAFETY: only the class's address is read, before any Python code runs.
                let class = unsafe { Gc::as_ptr(&*inst.class_ref()) } as usize;
                match self.hash_kinds.get(class, self.type_cache.version()) {
                    Some(HashKind::Identity) => identity_hash(obj),
                    Some(HashKind::BaseValue) => match inst.base_value() {
                        Some(value) => return self.base_value_hash(obj, value),
                        None => return self.instance_hash(obj),
                    },
                    None => return self.instance_hash(obj),
                }
            }
            // equal bound methods hash alike: the function's hash mixed with self's identity
            // (CPython's method_hash)
            Obj::Method(m) => self.hash(&m.0)? ^ identity_hash(&m.1),
            Obj::Range(r) => self.range_hash(&r.map(num_bigint::BigInt::from))?,
            Obj::BigRange(r) => self.range_hash(r)?,
            Obj::BoundBuiltin(m) => identity_hash(&m.0) ^ (m.1 as *const _ as i64 >> 4),
            Obj::WeakRef(w) => match w.hash.get() {
                Some(h) => h,
                None => {
                    let target = w.target.borrow().as_ref().and_then(|t| t.upgrade());
                    let Some(target) = target else {
                        return Err(self.type_error("weak object has gone away"));
                    };
                    let h = self.hash(&target)?;
                    w.hash.set(Some(h));
                    h
                }
            },
            _ => identity_hash(obj),
        })
    }

    /// `hash(range)`: the hash of `(len, start, step)` with None for what equality ignores,
    /// as CPython's `range_hash`, so that equal ranges hash alike.
    fn range_hash(&self, bounds: &crate::objects::range::value::Bounds) -> PyResult<i64> {
        let (len, start, step) = crate::objects::range::value::identity(bounds);
        let len = self.new_bigint(len)?;
        let part = |v: Option<num_bigint::BigInt>| {
            v.map_or_else(|| Ok(self.none()), |v| self.new_bigint(v))
        };
        let key = self.new_tuple(vec![len, part(start)?, part(step)?])?;
        self.hash(&key)
    }

    /// CPython's tuplehash (xxHash lanes, the length mixed in as it does). The result is
    /// kept in the tuple (where it has room: `TupleItems::keep_hash`) when no `__hash__`
    /// written in Python ran for it: the items' hashes are then those of built-in values,
    /// of identities and of built-in bases, fixed for the items' lives (a hashable object's
    /// hash "never changes during its lifetime", as the glossary has it; CPython 3.14 keeps
    /// every tuple's hash). A Python `__hash__` is called each time, as CPython 3.11 does.
    fn tuple_hash(&self, items: &crate::objects::TupleItems) -> PyResult<i64> {
        if crate::stack::stack_is_low() {
            return Err(self.recursion_error());
        }
        let calls = self.hash_kinds.calls.get();
        let mut acc: u64 = 0x27D4EB2F165667C5;
        for item in items.iter() {
            let h = self.hash(item)? as u64;
            acc = acc.wrapping_add(h.wrapping_mul(0xC2B2AE3D27D4EB4F));
            acc = acc.rotate_left(31).wrapping_mul(0x9E3779B185EBCA87);
        }
        acc = acc.wrapping_add(items.len() as u64 ^ (0x27D4EB2F165667C5 ^ 3527539));
        let hash = if acc == u64::MAX {
            1546275796
        } else {
            acc as i64
        };
        if self.hash_kinds.calls.get() == calls {
            items.keep_hash(hash);
        }
        Ok(hash)
    }

    fn instance_hash(&self, obj: &PyRef) -> PyResult<i64> {
        let class = self.type_of(obj);
        let version = self.type_cache.version();
        match self.class_lookup(&class, "__hash__") {
            Some(h) if self.is_none(&h) => {
                Err(self.type_error(format!("unhashable type: '{}'", self.class_name(&class))))
            }
            // `object.__hash__`, inherited or assigned (`__hash__ = object.__hash__`)
            Some(h) if is_object_hash(&h) => {
                self.hash_kinds
                    .put(Gc::as_ptr(&class) as usize, version, HashKind::Identity);
                Ok(identity_hash(obj))
            }
            // a subclass of tuple, int, str, ... (a namedtuple) keeping its base type's
            // `__hash__`: the built-in value is hashed here, as CPython's inherited
            // `tp_hash` slot does, without a call of the wrapper
            Some(h) if matches!(&*h, Obj::Builtin(def) if def.name == "__hash__") => {
                match self.base_value(obj) {
                    Some(value)
                        if self
                            .class_lookup(&self.type_of(value), "__hash__")
                            .is_some_and(|own| Gc::ptr_eq(&own, &h)) =>
                    {
                        self.hash_kinds.put(
                            Gc::as_ptr(&class) as usize,
                            version,
                            HashKind::BaseValue,
                        );
                        self.base_value_hash(obj, value)
                    }
                    _ => self.call_hash(&h, obj),
                }
            }
            Some(h) => self.call_hash(&h, obj),
            None => match self.base_value(obj) {
                Some(value) => self.base_value_hash(obj, value),
                None => Ok(identity_hash(obj)),
            },
        }
    }

    /// The hash of an instance of a built-in type's subclass through its built-in `value`:
    /// the value's, except a NaN's, which is the instance's identity (as the plain NaN's is
    /// its own).
    fn base_value_hash(&self, obj: &PyRef, value: &PyRef) -> PyResult<i64> {
        match &**value {
            Obj::Float(f) if f.is_nan() => Ok(identity_hash(obj)),
            _ => self.hash(value),
        }
    }

    /// `hash(obj)` by a call of its `__hash__` method `h`.
    fn call_hash(&self, h: &PyRef, obj: &PyRef) -> PyResult<i64> {
        self.hash_kinds.calls.set(self.hash_kinds.calls.get() + 1);
        let result = self.call(h, std::slice::from_ref(obj))?;
        match &*result {
            Obj::Int(i) => Ok(if *i == -1 { -2 } else { *i }),
            Obj::BigInt(b) => Ok(hash_big(b)),
            Obj::Bool(b) => Ok(*b as i64),
            _ => Err(self.type_error("__hash__ method should return an integer")),
        }
    }

    /// Key equality as dicts use it: identity, then `==`. Tuples, and two instances of one
    /// class that keeps its built-in base's `==` (namedtuples: mdp's states, equal but not
    /// the same objects), are compared here as `tuplerichcompare` does (each pair up to
    /// the shorter length, then the lengths), without the generic comparison's lookups of
    /// `__eq__` on both classes at every level.
    pub fn keys_equal(&self, a: &PyRef, b: &PyRef) -> PyResult<bool> {
        if Gc::ptr_eq(a, b) {
            return Ok(true);
        }
        match (&**a, &**b) {
            (Obj::Str(x), Obj::Str(y)) => Ok(x.as_str() == y.as_str()),
            (Obj::Int(x), Obj::Int(y)) => Ok(x == y),
            (Obj::Tuple(x), Obj::Tuple(y)) => self.items_equal(x, y),
            (Obj::Instance(x), Obj::Instance(y)) => match (x.base_value(), y.base_value()) {
                (Some(p), Some(q)) if self.same_class_base_eq(a, b) => self.keys_equal(p, q),
                _ => self.eq(a, b),
            },
            _ => self.eq(a, b),
        }
    }

    /// `x == y` for two tuples' items, by [`Vm::keys_equal`].
    fn items_equal(&self, x: &[PyRef], y: &[PyRef]) -> PyResult<bool> {
        if crate::stack::stack_is_low() {
            return Err(self.new_exc(
                Exc::RecursionError,
                "maximum recursion depth exceeded in comparison",
            ));
        }
        for (p, q) in x.iter().zip(y) {
            if !self.keys_equal(p, q)? {
                return Ok(false);
            }
        }
        Ok(x.len() == y.len())
    }

    /// True when instances `a` and `b` have one class and it defines no `__eq__` of its
    /// own (none that [`Vm::user_method`] finds): `a == b` is then their base values'
    /// comparison, as [`Vm::compare`] would find after looking `__eq__` up on both.
    fn same_class_base_eq(&self, a: &PyRef, b: &PyRef) -> bool {
        let (Obj::Instance(x), Obj::Instance(y)) = (&**a, &**b) else {
            return false;
        };
        // SAFETY: only the classes' addresses are read, before any Python code runs.
        let class = unsafe { Gc::as_ptr(&*x.class_ref()) } as usize;
        // SAFETY: as above.
        if class != unsafe { Gc::as_ptr(&*y.class_ref()) } as usize {
            return false;
        }
        let version = self.type_cache.version();
        if let Some(base_eq) = self.hash_kinds.base_eq(class, version) {
            return base_eq;
        }
        let base_eq = self.user_method(a, "__eq__").is_none();
        self.hash_kinds.put_base_eq(class, version, base_eq);
        base_eq
    }

    /// Position of `key` in a dict or set, with its hash.
    pub fn table_find(
        &self,
        table: &RefCell<Table>,
        key: &PyRef,
    ) -> PyResult<(Option<usize>, i64)> {
        let hash = self.hash(key)?;
        Ok((self.table_find_hashed(table, key, hash)?, hash))
    }

    /// Position of `key`, whose hash is known (a key taken out of another table, as
    /// CPython's set algebra reuses `setentry.hash` instead of hashing again).
    pub fn table_find_hashed(
        &self,
        table: &RefCell<Table>,
        key: &PyRef,
        hash: i64,
    ) -> PyResult<Option<usize>> {
        if let Some(found) = native_find(&table.borrow(), key, hash) {
            return Ok(found);
        }
        let candidates: smallvec::SmallVec<[(usize, PyRef); 2]> = {
            let t = table.borrow();
            t.candidates(hash)
                .into_iter()
                .filter_map(|pos| t.entry(pos).map(|e| (pos, e.key.clone())))
                .collect()
        };
        for (pos, candidate) in candidates {
            if self.keys_equal(&candidate, key)? {
                return Ok(Some(pos));
            }
        }
        Ok(None)
    }

    /// The table inside a dict or set object.
    pub fn table_of<'a>(&self, obj: &'a PyRef) -> PyResult<&'a RefCell<Table>> {
        match &**self.builtin_receiver(obj) {
            Obj::Dict(t) | Obj::Set(t, _) => Ok(t),
            _ => Err(self.type_error(format!("expected a dict, got '{}'", self.type_name(obj)))),
        }
    }

    /// The (key, value) pairs of a dict (or the keys of a set) as they are now, copied out
    /// so that Python code run while walking them cannot change them underfoot.
    pub fn table_pairs(&self, obj: &PyRef) -> PyResult<Vec<(PyRef, PyRef)>> {
        Ok(self
            .table_of(obj)?
            .borrow()
            .iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect())
    }

    /// `d.get(key)`.
    pub fn dict_get(&self, dict: &PyRef, key: &PyRef) -> PyResult<Option<PyRef>> {
        let table = self.table_of(dict)?;
        if let Obj::Str(s) = &**key {
            let t = table.borrow();
            if let Some(value) = table_get_name(&t, key) {
                return Ok(Some(value));
            }
            // a miss among str keys is sure; a key of another kind with the same hash (a str
            // subclass's instance) needs the general lookup
            if let Some(None) = native_find(&t, key, s.hash()) {
                return Ok(None);
            }
        }
        let (pos, _) = self.table_find(table, key)?;
        Ok(pos.and_then(|p| table.borrow().entry(p).map(|e| e.value.clone())))
    }

    /// `d[key] = value`.
    pub fn dict_set(&self, dict: &PyRef, key: PyRef, value: PyRef) -> PyResult<()> {
        let hash = self.hash(&key)?;
        self.dict_set_hashed(dict, key, hash, value)
    }

    /// `d[key] = value` for a key whose hash is known (taken out of another table, as
    /// CPython's `dict.fromkeys` of a set or dict reuses the entries' hashes).
    #[inline]
    pub fn dict_set_hashed(
        &self,
        dict: &PyRef,
        key: PyRef,
        hash: i64,
        value: PyRef,
    ) -> PyResult<()> {
        let table = self.table_of(dict)?;
        if !Gc::is_tracked(dict) && (!value.is_atom() || !key.is_atom()) {
            Gc::track(dict);
        }
        let pos = self.table_find_hashed(table, &key, hash)?;
        let old = match pos {
            Some(p) => table.borrow_mut().replace_value(p, value),
            None => {
                table.borrow_mut().push(hash, key, value);
                None
            }
        };
        drop(old);
        Ok(())
    }

    /// `del d[key]`; returns the removed value, or None if absent.
    pub fn dict_remove(&self, dict: &PyRef, key: &PyRef) -> PyResult<Option<PyRef>> {
        let table = self.table_of(dict)?;
        let (pos, _) = self.table_find(table, key)?;
        let removed = pos.and_then(|p| table.borrow_mut().remove_at(p));
        Ok(removed.map(|e| e.value))
    }

    /// `key in d` / `key in s`.
    pub fn table_contains(&self, obj: &PyRef, key: &PyRef) -> PyResult<bool> {
        let table = self.table_of(obj)?;
        Ok(self.table_find(table, key)?.0.is_some())
    }

    /// `s.add(key)`.
    pub fn set_add(&self, set: &PyRef, key: PyRef) -> PyResult<()> {
        let table = self.table_of(set)?;
        let (pos, hash) = self.table_find(table, &key)?;
        if pos.is_none() {
            table.borrow_mut().push(hash, key, self.none());
        }
        Ok(())
    }

    /// Sets a str-keyed entry (namespaces, class dicts).
    pub fn table_set_str(&self, table: &RefCell<Table>, key: &PyRef, value: PyRef) -> PyResult<()> {
        let hash = self.hash(key)?;
        let name = key.as_str().unwrap_or("");
        let pos = {
            let t = table.borrow();
            t.candidates(hash)
                .into_iter()
                .find(|&p| t.entry(p).is_some_and(|e| e.key.as_str() == Some(name)))
        };
        let old = match pos {
            Some(p) => table.borrow_mut().replace_value(p, value),
            None => {
                table.borrow_mut().push(hash, key.clone(), value);
                None
            }
        };
        drop(old);
        Ok(())
    }

    /// Removes a str-keyed entry; false if absent.
    pub fn table_del_str(&self, table: &RefCell<Table>, name: &str) -> bool {
        let hash = hash_text(name);
        let pos = {
            let t = table.borrow();
            t.candidates(hash)
                .into_iter()
                .find(|&p| t.entry(p).is_some_and(|e| e.key.as_str() == Some(name)))
        };
        let removed = pos.and_then(|p| table.borrow_mut().remove_at(p));
        removed.is_some()
    }

    /// A KeyError for a missing key, or the value.
    pub fn dict_get_item(&self, dict: &PyRef, key: &PyRef) -> PyResult {
        match self.dict_get(dict, key)? {
            Some(v) => Ok(v),
            None => Err(self.key_error(key.clone())),
        }
    }

    /// Looks a global up in a module namespace, then in builtins.
    pub fn load_global(&self, globals: &PyRef, name: &PyRef) -> PyResult {
        if let Obj::Dict(t) = &**globals {
            if let Some(v) = table_get_name(&t.borrow(), name) {
                return Ok(v);
            }
        }
        if let Obj::Dict(t) = &*self.builtins {
            if let Some(v) = table_get_name(&t.borrow(), name) {
                return Ok(v);
            }
        }
        let key = name.as_str().unwrap_or("");
        Err(self.new_exc(Exc::NameError, format!("name '{key}' is not defined")))
    }
}

/// Lookup of a str or int key without running Python code; None when a key of another kind
/// with the same hash might compare equal (then the general path decides).
pub fn native_find(table: &Table, key: &PyRef, hash: i64) -> Option<Option<usize>> {
    // one walk of the probe sequence: the equal key, or whether a key of another kind
    // (one whose `__eq__` might say equal) has the same hash
    let plain = |k: &PyRef| matches!(&**k, Obj::Str(_) | Obj::Int(_) | Obj::Bool(_));
    let mut unsure = false;
    let found = match &**key {
        Obj::Str(s) => table.find_by(hash, |k| {
            let hit = Gc::ptr_eq(k, key) || k.as_str() == Some(s.as_str());
            unsure |= !hit && !plain(k);
            hit
        }),
        Obj::Int(i) => table.find_by(hash, |k| {
            let hit = k.as_i64() == Some(*i);
            unsure |= !hit && !plain(k);
            hit
        }),
        // CPython's lookup compares identities before calling `__eq__`: when the first
        // entry with this hash along the probe sequence is the very object, it is the
        // match (no entry with this hash: no match); anything else needs `__eq__`.
        _ => {
            return match table.find_by(hash, |_| true) {
                None => Some(None),
                Some(pos) if table.entry(pos).is_some_and(|e| Gc::ptr_eq(e.key, key)) => {
                    Some(Some(pos))
                }
                Some(_) => None,
            };
        }
    };
    if found.is_none() && unsure {
        return None;
    }
    Some(found)
}

/// True for `object.__hash__`, which hashes the identity (no call needed).
/// How the instances of a class hash when no Python code runs for it, as CPython keeps in
/// the class's inherited `tp_hash` slot.
#[derive(Clone, Copy, PartialEq)]
enum HashKind {
    /// `object.__hash__`: by identity.
    Identity,
    /// The base type's own `__hash__` (a namedtuple's, an int subclass's): the built-in
    /// value the instance extends is hashed.
    BaseValue,
}

/// Entries of [`HashKinds`] (a power of two).
const HASH_KINDS: usize = 16;

/// What [`Vm::hash`] found for the classes whose instances it hashed lately, by class
/// address, so that a dict keyed by namedtuples (mdp's states) does not look `__hash__` up
/// on the class and on its base type for every instance hashed: two lookups by text that
/// cost more than the tuple's hash itself. An entry holds the type attribute cache's version
/// ([`super::type_cache::TypeCache::version`]) when it was stored and is valid while that is
/// current: no class dict has changed since and no class was made, so the class at the
/// entry's address is the one it describes and its `__hash__` is the one found.
pub struct HashKinds {
    entries: [Cell<(usize, u64, Option<HashKind>)>; HASH_KINDS],
    /// Whether a class keeps its base's `==` ([`Vm::keys_equal`]), kept the same way.
    base_eq: [Cell<(usize, u64, bool)>; HASH_KINDS],
    /// Calls of `__hash__` methods so far (`Vm::call_hash`): a tuple's hash is kept only
    /// when this did not move while its items were hashed.
    calls: Cell<u64>,
}

impl Default for HashKinds {
    fn default() -> Self {
        HashKinds {
            entries: std::array::from_fn(|_| Cell::new((0, 0, None))),
            base_eq: std::array::from_fn(|_| Cell::new((0, 0, false))),
            calls: Cell::new(0),
        }
    }
}

impl HashKinds {
    /// The entry of the class at address `class`.
    fn slot(class: usize) -> usize {
        (class >> 4).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            >> (usize::BITS - HASH_KINDS.trailing_zeros())
    }

    fn get(&self, class: usize, version: u64) -> Option<HashKind> {
        let (addr, stored, kind) = self.entries[Self::slot(class)].get();
        if addr == class && stored == version {
            kind
        } else {
            None
        }
    }

    fn put(&self, class: usize, version: u64, kind: HashKind) {
        self.entries[Self::slot(class)].set((class, version, Some(kind)));
    }

    fn base_eq(&self, class: usize, version: u64) -> Option<bool> {
        let (addr, stored, base_eq) = self.base_eq[Self::slot(class)].get();
        (addr == class && stored == version).then_some(base_eq)
    }

    fn put_base_eq(&self, class: usize, version: u64, base_eq: bool) {
        self.base_eq[Self::slot(class)].set((class, version, base_eq));
    }
}

fn is_object_hash(method: &PyRef) -> bool {
    matches!(&**method, Obj::Builtin(def)
        if def.name == "__hash__" && def.role == crate::vm::builtin::Role::ObjectMethod)
}

/// Hash by identity, as `object.__hash__` does.
pub fn identity_hash(obj: &PyRef) -> i64 {
    let addr = Gc::as_ptr(obj) as usize as i64;
    addr >> 4
}
