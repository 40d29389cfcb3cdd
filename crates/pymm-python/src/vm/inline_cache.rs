//! Inline caches for attribute instructions (PEP 659's `LOAD_ATTR_INSTANCE_VALUE`,
//! `LOAD_METHOD_WITH_VALUES`, `STORE_ATTR_INSTANCE_VALUE`...): `LOAD_ATTR`, `LOAD_METHOD`
//! and `STORE_ATTR` remember, in their code object's slot ([`InlineCaches`]), where the
//! attribute was for the receiver's class, and go straight there the next time the same
//! instruction sees an instance of that class.
//!
//! # Why an entry cannot go stale
//!
//! An entry is used only when, at that moment:
//! 1. its version is the type attribute cache's current version ([`TypeCache::version`]).
//!    That number changes before any class dict changes (through a class, a base class or a
//!    metaclass: `C.x = v`, `del C.x`, `setattr`) and whenever a class is made. So the
//!    dicts of the receiver's class and of every class along its resolution order hold what
//!    they held when the entry was stored, and no class was made since;
//! 2. the receiver's class is at the address stored in the entry. The receiver holds its
//!    class, so that class is alive; it is the class the entry was stored for, because
//!    another class at that address would have been made since, changing the version;
//! 3. the receiver's own state the entry relies on is checked at each use: that it has no
//!    `__dict__` (or has one, for [`INSTANCE_DICT`]), that its value at the index is set,
//!    and that its class's shared keys (which only grow) have the length they had, so the
//!    instance cannot have gained a value that shadows a class attribute.
//!
//! A site that sees receivers of several classes (`task.run()` over a few task classes)
//! keeps one entry per class, up to [`POLY_WAYS`], in its own group of slots
//! ([`InlineCaches::group_of`]), and tries them in turn. Each of them is used only under the
//! same conditions, checked for it alone: a group changes nothing of why an entry holds.
//!
//! Under 1 and 2, what the class lookup found (a function, a plain value, a built-in
//! method) is alive, held by an unchanged class dict, so the entry stores its address
//! without a count, as [`TypeCache`] does. An entry is stored only for the shapes whose
//! outcome depends on nothing else: no user `__getattribute__`, `__setattr__`, property,
//! descriptor (any instance or class stored in a class may be one; a slot's member
//! descriptor excepted, which reads and stores the instance's value as an entry does), or
//! dunder name (those have computed values, see `special_attr`). Everything else, and
//! every miss, takes the generic path ([`Vm::get_attr`], [`Vm::load_method`],
//! [`Vm::set_attr`]), which decides as before; the entry is then stored anew from the
//! state after it.
//!
//! `CALL` of a class whose call only allocates an instance and runs a Python `__init__`
//! ([`Vm::plain_init`]) remembers that `__init__` for the class ([`CLASS_INIT`], used under
//! conditions 1 and 2 alone): what decides it (the class's kind, metaclass and resolution
//! order, fixed when the class is made, and the dicts along that order) cannot change
//! while the version stays.
//!
//! `LOAD_GLOBAL` (PEP 659's `LOAD_GLOBAL_MODULE` / `LOAD_GLOBAL_BUILTIN`) remembers the
//! position of the name's entry in the globals or in the builtins. Both namespaces are
//! watched tables then ([`Table::watch`]), and the entry is used only while
//! [`watched_keys_version`] is the one it was stored with and the frame's globals are the
//! dict it was stored for: no watched table gained or lost a key, had its contents taken or
//! was dropped since (so the globals dict at that address is the same dict), hence the
//! entry at the position is still the name's, and a name found in the builtins is still
//! missing from the globals. The value is read from the entry each time: assigning to an
//! existing global changes no key and needs no new entry.
//!
//! `LOAD_ATTR` and `LOAD_METHOD` on a module (`random.random()`, `math.sqrt`: PEP 659's
//! `LOAD_ATTR_MODULE`) remember the position of the name in the module's dict the same way
//! ([`MODULE_ATTR`]): the dict is watched, and the entry holds while the version is the one
//! it was stored with and the receiver's dict is the one it was stored for.
//!
//! [`InlineCaches`]: crate::compile::cache::InlineCaches
//! [`InlineCaches::group_of`]: crate::compile::cache::InlineCaches::group_of
//! [`POLY_WAYS`]: crate::compile::cache::POLY_WAYS
//! [`Table::watch`]: crate::objects::Table::watch
//! [`watched_keys_version`]: crate::objects::table::watched_keys_version
//! [`TypeCache`]: super::type_cache::TypeCache
//! [`TypeCache::version`]: super::type_cache::TypeCache::version

use super::attr::{table_find_name, table_get_name};
use super::instance_storage::{class_keys, key_index, store_at};
use super::{PyResult, Vm};
use crate::compile::cache::{CacheSlot, POLY_WAYS};
use crate::compile::CodeKind;
use crate::objects::table::watched_keys_version;
use crate::objects::{Code, InstanceData, Obj, PyRef};
use crate::rt::Gc;

/// The instance's own value for the shared key at `index` (no `__dict__`).
const INSTANCE_VALUE: u16 = 1;
/// In the instance's `__dict__` (no class along the resolution order has the name).
const INSTANCE_DICT: u16 = 2;
/// A function of the class, at `found`; `index` is the length of the class's shared keys,
/// none of which is the name.
const CLASS_FUNCTION: u16 = 3;
/// A plain value of the class (number, str, tuple, None...), at `found`; `index` as above.
const CLASS_VALUE: u16 = 4;
/// A built-in method of a built-in type, at `found`, for `LOAD_METHOD`.
const BUILTIN_METHOD: u16 = 5;
/// A store into the instance's value for the shared key at `index` (no `__dict__`).
const STORE_VALUE: u16 = 6;
/// A global, at entry `index` of the globals dict at `class`.
const GLOBAL_IN_GLOBALS: u16 = 7;
/// A builtin, at entry `index` of the builtins, missing from the globals dict at `class`.
const GLOBAL_IN_BUILTINS: u16 = 8;
/// No entry: the site takes the generic path for `index` more runs (see [`refill`]).
const BACKOFF: u16 = 9;
/// Several entries: those of group `index`, the next to replace being way `found`.
const POLY: u16 = 10;
/// `super().name` in a method of a class at place `index` of the resolution order of the
/// receiver's class (at `class`; the class itself at 0): the class attribute at `found`.
const SUPER_FOUND: u16 = 11;

/// A class whose call only allocates an instance and runs its `__init__`, a Python
/// function at `found` ([`Vm::plain_init`]): for `CALL`, keyed by the class called.
const CLASS_INIT: u16 = 12;
/// A module's attribute (PEP 659's `LOAD_ATTR_MODULE`), at entry `index` of the module's
/// dict at `class`, a watched table: `version` is the [`watched_keys_version`] it was
/// stored under, as for the global entries.
const MODULE_ATTR: u16 = 13;

/// Entries stored anew after misses before a site backs off (a polymorphic site fills its
/// ways first, one miss each).
const MAX_MISSES: u16 = 8;
/// Runs a backing-off site takes the generic path for.
const BACKOFF_RUNS: u32 = 1024;

impl Vm {
    /// `LOAD_ATTR` at instruction `at` of `code`: `obj.name`.
    pub(super) fn load_attr_cached(
        &self,
        code: &Code,
        at: usize,
        obj: &PyRef,
        name: &PyRef,
    ) -> PyResult {
        if let Some(v) = first_hit(
            code,
            at,
            self.type_cache.version(),
            class_key(obj),
            |entry| self.cached_load(entry, obj, name),
        ) {
            return v;
        }
        let v = self.get_attr(obj, name)?;
        refill(code, at, || self.load_entry(obj, name));
        Ok(v)
    }

    /// `LOAD_ATTR` at instruction `at` of `code` when an entry gives `obj.name` as a value
    /// read in place (see [`Vm::cached_value`]): the eval loop's quick step, which cannot
    /// raise. None: [`Vm::load_attr_cached`] decides.
    ///
    /// The commonest entry, one instance value of the receiver's class (PEP 659's
    /// `LOAD_ATTR_INSTANCE_VALUE`), is checked first, inlined into the loop: a version,
    /// a class address, the `__dict__` word and an indexed read. Every other entry and a
    /// polymorphic site go to [`Vm::quick_load_attr_ways`], out of line (inlined, its
    /// loop over the ways kept some 15 values in stack slots: ~107 instructions a read).
    #[inline(always)]
    pub(super) fn quick_load_attr(
        &self,
        code: &Code,
        at: usize,
        obj: &PyRef,
        name: &PyRef,
    ) -> Option<PyRef> {
        let entry = self.quick_entry(code, at, obj)?;
        if entry.kind == INSTANCE_VALUE {
            if let Some(inst) = self.entry_holds(&entry, obj) {
                if !inst.has_dict() {
                    return inst.value(entry.index as usize);
                }
            }
        }
        self.quick_load_attr_ways(code, at, obj, name)
    }

    /// The entry of the site at `at` for `obj`: the site's own, or at a polymorphic site
    /// with an instance receiver the way stored for the receiver's class under the current
    /// version, if any (its kind decides what it gives; the checks of its conditions still
    /// run). None for a site with no entry, or no way for the class (the out-of-line paths
    /// then try the ways again and decide).
    #[inline(always)]
    fn quick_entry(&self, code: &Code, at: usize, obj: &PyRef) -> Option<CacheSlot> {
        let entry = code.caches.get(at)?;
        if entry.kind != POLY {
            return Some(entry);
        }
        let Obj::Instance(inst) = &**obj else {
            return Some(entry);
        };
        let version = self.type_cache.version();
        Some(
            code.caches
                .find_way(entry.index, version, inst.class_addr())
                .unwrap_or(entry),
        )
    }

    /// [`Vm::quick_load_attr`] for every entry but a monomorphic instance value's.
    #[inline(never)]
    fn quick_load_attr_ways(
        &self,
        code: &Code,
        at: usize,
        obj: &PyRef,
        name: &PyRef,
    ) -> Option<PyRef> {
        let (version, class) = (self.type_cache.version(), class_key(obj));
        first_hit(code, at, version, class, |entry| {
            self.cached_value(entry, obj, name)
        })
    }

    /// `LOAD_METHOD` at instruction `at` of `code` when an entry gives a Python function of
    /// `obj`'s class, unshadowed (the receiver is `obj` itself: true with it), or a module's
    /// attribute (`random.random()`: false, the callable alone). None:
    /// [`Vm::load_method_cached`] decides.
    ///
    /// A function of the receiver's class at a monomorphic site (PEP 659's
    /// `LOAD_METHOD_WITH_VALUES`) is checked first, inlined into the loop; every other
    /// entry goes to [`Vm::quick_load_method_ways`], out of line.
    #[inline(always)]
    pub(super) fn quick_load_method(
        &self,
        code: &Code,
        at: usize,
        obj: &PyRef,
    ) -> Option<(PyRef, bool)> {
        let entry = self.quick_entry(code, at, obj)?;
        if entry.kind == CLASS_FUNCTION {
            if let Some(inst) = self.entry_holds(&entry, obj) {
                if unshadowed(inst, &entry) {
                    return Some((found(&entry), true));
                }
            }
        }
        self.quick_load_method_ways(code, at, obj)
    }

    /// [`Vm::quick_load_method`] for every entry but a monomorphic class function's.
    #[inline(never)]
    fn quick_load_method_ways(&self, code: &Code, at: usize, obj: &PyRef) -> Option<(PyRef, bool)> {
        let (version, class) = (self.type_cache.version(), class_key(obj));
        first_hit(code, at, version, class, |entry| {
            if !matches!(&**obj, Obj::Instance(_)) {
                if entry.kind == BUILTIN_METHOD {
                    return self.cached_builtin_method(&entry, obj).map(|v| (v, true));
                }
                return cached_module_value(&entry, obj).map(|v| (v, false));
            }
            let inst = self.entry_holds(&entry, obj)?;
            (entry.kind == CLASS_FUNCTION && unshadowed(inst, &entry))
                .then(|| (found(&entry), true))
        })
    }

    /// `STORE_ATTR` at instruction `at` of `code` when a store entry holds for `obj`: stores
    /// `value` as the instance value the entry says and gives the old one (to drop), or
    /// gives `value` back ([`Vm::store_attr_cached`] decides).
    ///
    /// A store into an inline instance value at a monomorphic site (PEP 659's
    /// `STORE_ATTR_INSTANCE_VALUE`) is done first, inlined into the loop: the entry's
    /// checks and one word replaced. Every other case goes to
    /// [`Vm::quick_store_attr_ways`], out of line.
    #[inline(always)]
    pub(super) fn quick_store_attr(
        &self,
        code: &Code,
        at: usize,
        obj: &PyRef,
        value: PyRef,
    ) -> Result<Option<PyRef>, PyRef> {
        let Some(entry) = self.quick_entry(code, at, obj) else {
            return Err(value);
        };
        if entry.kind == STORE_VALUE {
            if let Some(inst) = self.entry_holds(&entry, obj) {
                if !inst.has_dict() {
                    // a value set already (the entry was stored for one) is replaced in
                    // place; an unset one goes the way that keeps the order of assignment
                    match inst.replace_set_inline(entry.index as usize, value) {
                        Ok(old) => return Ok(Some(old)),
                        Err(value) => return self.quick_store_attr_ways(code, at, obj, value),
                    }
                }
            }
        }
        self.quick_store_attr_ways(code, at, obj, value)
    }

    /// [`Vm::quick_store_attr`] for every case but a monomorphic store into a set inline
    /// value.
    #[inline(never)]
    fn quick_store_attr_ways(
        &self,
        code: &Code,
        at: usize,
        obj: &PyRef,
        value: PyRef,
    ) -> Result<Option<PyRef>, PyRef> {
        let (version, class) = (self.type_cache.version(), class_key(obj));
        let index = first_hit(code, at, version, class, |entry| {
            self.cached_store_index(entry, obj)
        });
        match index {
            Some(index) => store_instance_value(obj, index, value),
            None => Err(value),
        }
    }

    /// `LOAD_GLOBAL` at instruction `at` of `code` when its entry holds for `globals`.
    #[inline(always)]
    pub(super) fn quick_load_global(
        &self,
        code: &Code,
        at: usize,
        globals: &PyRef,
    ) -> Option<PyRef> {
        self.cached_global(code.caches.get(at), globals)
    }

    /// `LOAD_METHOD` at instruction `at` of `code`: as [`Vm::load_method`].
    pub(super) fn load_method_cached(
        &self,
        code: &Code,
        at: usize,
        obj: &PyRef,
        name: &PyRef,
    ) -> PyResult<(PyRef, Option<PyRef>)> {
        let (version, class) = (self.type_cache.version(), class_key(obj));
        let hit = first_hit(code, at, version, class, |entry| {
            match self.cached_method(entry, obj) {
                Some(found) => Some(Ok(found)),
                None => Some(self.cached_load(entry, obj, name)?.map(|v| (v, None))),
            }
        });
        if let Some(found) = hit {
            return found;
        }
        let found = self.load_method(obj, name)?;
        refill(code, at, || self.load_entry(obj, name));
        Ok(found)
    }

    /// `STORE_ATTR` at instruction `at` of `code`: `obj.name = value`.
    pub(super) fn store_attr_cached(
        &self,
        code: &Code,
        at: usize,
        obj: &PyRef,
        name: &PyRef,
        value: PyRef,
    ) -> PyResult<()> {
        let value = match self.quick_store_attr(code, at, obj, value) {
            Ok(old) => {
                drop(old);
                return Ok(());
            }
            Err(value) => value,
        };
        self.set_attr(obj, name, value)?;
        refill(code, at, || self.store_entry(obj, name));
        Ok(())
    }

    /// `LoadSuperAttr` (`method` false) or `LoadSuperMethod` at instruction `at` of `code`:
    /// `super().name`, where the compiler passed `sup` (the name `super`), `start` (the
    /// `__class__` cell's class) and `obj` (the first argument). With the built-in `super`
    /// no super object is made (another `super` is called with no arguments), and the lookup along the resolution order is cached (as
    /// CPython 3.12's `LOAD_SUPER_ATTR`); the result is what `load_method` or `get_attr`
    /// gives on `super(start, obj)`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn load_super_cached(
        &self,
        code: &Code,
        at: usize,
        sup: &PyRef,
        start: &PyRef,
        obj: &PyRef,
        name: &PyRef,
        method: bool,
    ) -> PyResult<(PyRef, Option<PyRef>)> {
        let key = name.as_str().unwrap_or("");
        let builtin = Gc::ptr_eq(sup, &self.types.super_);
        if !builtin || super_computed(key) {
            // another `super` is called as written, `super()` (as CPython does)
            let args = [start.clone(), obj.clone()];
            let proxy = self.call(sup, if builtin { &args } else { &[] })?;
            return match method {
                true => self.load_method(&proxy, name),
                false => Ok((self.get_attr(&proxy, name)?, None)),
            };
        }
        let (version, class) = (self.type_cache.version(), class_key(obj));
        let hit = first_hit(code, at, version, class, |entry| {
            self.cached_super(entry, start, obj)
        });
        let (attr, owner) = match hit {
            Some(found) => found,
            None => {
                let (attr, owner, place) = self.super_find(start, obj, key)?;
                refill(code, at, || self.super_entry(obj, &attr, &owner, place));
                (attr, owner)
            }
        };
        match &*attr {
            Obj::Function(_) if method => Ok((attr, Some(obj.clone()))),
            Obj::Builtin(def) if method => {
                let receiver = self.receiver_of(def, obj).clone();
                Ok((attr, Some(receiver)))
            }
            _ => Ok((self.bind(attr, obj, &owner)?, None)),
        }
    }

    /// What a super entry found, with the receiver's class, if it holds for `start` and
    /// `obj`: current, stored for obj's class, and `start` at the place stored (a class's
    /// resolution order never changes).
    #[inline]
    fn cached_super(&self, entry: CacheSlot, start: &PyRef, obj: &PyRef) -> Option<(PyRef, PyRef)> {
        if entry.kind != SUPER_FOUND {
            return None;
        }
        let owner = self.entry_holds(&entry, obj)?.class();
        let Obj::Class(c) = &*owner else {
            return None;
        };
        let at_place = match entry.index as usize {
            0 => &owner,
            i => c.mro.get(i - 1)?,
        };
        Gc::ptr_eq(at_place, start).then(|| (found(&entry), owner.clone()))
    }

    /// The entry for `super(start, obj).name`, found as `attr` in the order of `owner`,
    /// where `start` is at `place`: for an instance (a classmethod's `obj` is a class,
    /// whose order depends on more than its class).
    fn super_entry(
        &self,
        obj: &PyRef,
        attr: &PyRef,
        owner: &PyRef,
        place: usize,
    ) -> Option<CacheSlot> {
        let Obj::Instance(inst) = &**obj else {
            return None;
        };
        if inst.class_addr() != Gc::as_ptr(owner) as usize {
            return None;
        }
        Some(CacheSlot {
            version: self.type_cache.version(),
            class: Gc::as_ptr(owner) as usize,
            found: Gc::as_ptr(attr) as usize,
            kind: SUPER_FOUND,
            index: u32::try_from(place).ok()?,
            misses: 0,
        })
    }

    /// The `__init__` a call of `cls` at instruction `at` of `code` runs in the eval loop,
    /// as [`Vm::plain_init`] finds it: what it depends on (the class's kind, metaclass,
    /// flags, resolution order and the dicts along it) changes only with the type cache's
    /// version or is fixed when the class is made, so an entry for the class holds while
    /// the version does (module docs, conditions 1 and 2).
    pub(super) fn plain_init_cached(&self, code: &Code, at: usize, cls: &PyRef) -> Option<PyRef> {
        let (version, class) = (self.type_cache.version(), Gc::as_ptr(cls) as usize);
        if let Some(init) = first_hit(code, at, version, class, |e| self.cached_init(e, cls)) {
            return Some(init);
        }
        let init = self.plain_init(cls)?;
        refill(code, at, || {
            Some(CacheSlot {
                version: self.type_cache.version(),
                class: Gc::as_ptr(cls) as usize,
                found: Gc::as_ptr(&init) as usize,
                kind: CLASS_INIT,
                index: 0,
                misses: 0,
            })
        });
        Some(init)
    }

    /// What a class-call entry found, if it holds for `cls`.
    #[inline]
    fn cached_init(&self, entry: CacheSlot, cls: &PyRef) -> Option<PyRef> {
        let holds = entry.kind == CLASS_INIT
            && entry.version == self.type_cache.version()
            && entry.class == Gc::as_ptr(cls) as usize;
        holds.then(|| found(&entry))
    }

    /// `LOAD_GLOBAL` at instruction `at` of `code`, with the frame's `globals`.
    pub(super) fn load_global_cached(
        &self,
        code: &Code,
        at: usize,
        globals: &PyRef,
        name: &PyRef,
    ) -> PyResult {
        if let Some(v) = self.quick_load_global(code, at, globals) {
            return Ok(v);
        }
        let v = self.load_global(globals, name)?;
        refill(code, at, || self.global_entry(globals, name));
        Ok(v)
    }

    /// The value a global entry points at, if the entry holds (module docs).
    #[inline]
    fn cached_global(&self, entry: Option<CacheSlot>, globals: &PyRef) -> Option<PyRef> {
        let entry = entry?;
        let namespace = match entry.kind {
            GLOBAL_IN_GLOBALS => globals,
            GLOBAL_IN_BUILTINS => &self.builtins,
            _ => return None,
        };
        if entry.version != watched_keys_version() || Gc::as_ptr(globals) as usize != entry.class {
            return None;
        }
        let Obj::Dict(table) = &**namespace else {
            return None;
        };
        let table = table.borrow();
        table.value_at(entry.index as usize).cloned()
    }

    /// Where `name` is among the globals or else the builtins, both watched from now on.
    fn global_entry(&self, globals: &PyRef, name: &PyRef) -> Option<CacheSlot> {
        let (Obj::Dict(globals_table), Obj::Dict(builtins_table)) = (&**globals, &*self.builtins)
        else {
            return None;
        };
        let (globals_table, builtins_table) = (globals_table.borrow(), builtins_table.borrow());
        globals_table.watch();
        builtins_table.watch();
        let (kind, index) = match table_find_name(&globals_table, name) {
            Some(index) => (GLOBAL_IN_GLOBALS, index),
            None => (GLOBAL_IN_BUILTINS, table_find_name(&builtins_table, name)?),
        };
        Some(CacheSlot {
            version: watched_keys_version(),
            class: Gc::as_ptr(globals) as usize,
            found: 0,
            kind,
            index: u32::try_from(index).ok()?,
            misses: 0,
        })
    }

    /// The receiver's instance data, when `entry` is current and was stored for the
    /// receiver's class (conditions 1 and 2 of the module docs).
    #[inline(always)]
    fn entry_holds<'a>(&self, entry: &CacheSlot, obj: &'a PyRef) -> Option<&'a InstanceData> {
        let Obj::Instance(inst) = &**obj else {
            return None;
        };
        if entry.version != self.type_cache.version() || inst.class_addr() != entry.class {
            return None;
        }
        Some(inst)
    }

    /// What a load entry gives for `obj`, if it holds (None: take the generic path).
    #[inline(always)]
    fn cached_load(&self, entry: CacheSlot, obj: &PyRef, name: &PyRef) -> Option<PyResult> {
        if entry.kind == CLASS_FUNCTION {
            let inst = self.entry_holds(&entry, obj)?;
            let func = unshadowed(inst, &entry).then(|| found(&entry))?;
            return Some(self.alloc(Obj::Method(Box::new((func, obj.clone())))));
        }
        self.cached_value(entry, obj, name).map(Ok)
    }

    /// [`Vm::cached_load`] for the entries whose value is read as it is (an instance's own
    /// value, a plain class attribute): nothing is made, nothing can fail.
    #[inline(always)]
    fn cached_value(&self, entry: CacheSlot, obj: &PyRef, name: &PyRef) -> Option<PyRef> {
        if !matches!(&**obj, Obj::Instance(_)) {
            return cached_module_value(&entry, obj);
        }
        let inst = self.entry_holds(&entry, obj)?;
        match entry.kind {
            INSTANCE_VALUE if !inst.has_dict() => inst.value(entry.index as usize),
            INSTANCE_DICT => match &*inst.dict()? {
                Obj::Dict(table) => table_get_name(&table.borrow(), name),
                _ => None,
            },
            CLASS_VALUE if unshadowed(inst, &entry) => Some(found(&entry)),
            _ => None,
        }
    }

    /// What a method entry gives for `obj`: (function, self).
    #[inline(always)]
    fn cached_method(&self, entry: CacheSlot, obj: &PyRef) -> Option<(PyRef, Option<PyRef>)> {
        match entry.kind {
            CLASS_FUNCTION => {
                let inst = self.entry_holds(&entry, obj)?;
                unshadowed(inst, &entry).then(|| (found(&entry), Some(obj.clone())))
            }
            BUILTIN_METHOD => self
                .cached_builtin_method(&entry, obj)
                .map(|method| (method, Some(obj.clone()))),
            _ => None,
        }
    }

    /// The built-in method a [`BUILTIN_METHOD`] entry found, if it holds for `obj`, a value of
    /// a built-in type (`items.append`, `d.get`: PEP 659's `LOAD_METHOD_NO_DICT`) that is the
    /// method's receiver itself (a built-in type's value is no subclass instance, so
    /// [`Vm::receiver_of`] gives it back): the eval loop's quick step keeps it on the stack
    /// as `self`.
    #[inline]
    fn cached_builtin_method(&self, entry: &CacheSlot, obj: &PyRef) -> Option<PyRef> {
        let holds = entry.version == self.type_cache.version()
            && builtin_receiver_kind(obj)
            && Gc::as_ptr(self.builtin_type(obj)) as usize == entry.class;
        holds.then(|| found(entry))
    }

    /// The index of the instance value a store entry says `obj.name = v` goes to, if the
    /// entry holds for `obj`.
    #[inline]
    fn cached_store_index(&self, entry: CacheSlot, obj: &PyRef) -> Option<usize> {
        if entry.kind != STORE_VALUE {
            return None;
        }
        let inst = self.entry_holds(&entry, obj)?;
        (!inst.has_dict()).then_some(entry.index as usize)
    }

    /// The entry for a load of `name` from `obj`, if its shape allows one.
    fn load_entry(&self, obj: &PyRef, name: &PyRef) -> Option<CacheSlot> {
        match &**obj {
            Obj::Instance(_) => self.instance_load_entry(obj, name),
            Obj::Module(_) => module_entry(obj, name),
            _ => self.builtin_method_entry(obj, name),
        }
    }

    /// Where `obj.name` comes from, for an instance of a class with nothing that would run
    /// code or compute the value.
    fn instance_load_entry(&self, obj: &PyRef, name: &PyRef) -> Option<CacheSlot> {
        let Obj::Instance(inst) = &**obj else {
            return None;
        };
        let class = &inst.class();
        let text = plain_name(name)?;
        if !matches!(&**class, Obj::Class(_)) || self.user_method(obj, "__getattribute__").is_some()
        {
            return None;
        }
        let keys = class_keys(class)?.borrow();
        let index = key_index(&keys, text, Some(name));
        let has_dict = inst.has_dict();
        let mut entry = CacheSlot {
            version: self.type_cache.version(),
            class: Gc::as_ptr(class) as usize,
            ..CacheSlot::default()
        };
        match self.class_lookup_name(class, name) {
            None if has_dict => entry.kind = INSTANCE_DICT,
            None => {
                entry.kind = INSTANCE_VALUE;
                entry.index = u32::try_from(index?).ok()?;
            }
            // `__slots__`: the class's member descriptor reads the instance's value
            Some(attr) if !has_dict && slot_member_of(&attr, name) => {
                entry.kind = INSTANCE_VALUE;
                entry.index = u32::try_from(index?).ok()?;
            }
            Some(_) if has_dict || index.is_some() => return None,
            Some(attr) => {
                entry.kind = match &*attr {
                    Obj::Function(_) => CLASS_FUNCTION,
                    _ if inert(&attr) => CLASS_VALUE,
                    _ => return None,
                };
                entry.found = Gc::as_ptr(&attr) as usize;
                entry.index = u32::try_from(keys.len()).ok()?;
            }
        }
        Some(entry)
    }

    /// A built-in method of a built-in value's type, for `LOAD_METHOD` (`items.append`).
    fn builtin_method_entry(&self, obj: &PyRef, name: &PyRef) -> Option<CacheSlot> {
        if !builtin_receiver_kind(obj) {
            return None;
        }
        plain_name(name)?;
        let class = self.type_of(obj);
        let attr = self.class_lookup_name(&class, name)?;
        if !matches!(&*attr, Obj::Builtin(_)) {
            return None;
        }
        Some(CacheSlot {
            version: self.type_cache.version(),
            class: Gc::as_ptr(&class) as usize,
            found: Gc::as_ptr(&attr) as usize,
            kind: BUILTIN_METHOD,
            index: 0,
            misses: 0,
        })
    }

    /// The entry for `obj.name = v` just done, if it went into the instance's value for a
    /// shared key and nothing of the class could intervene.
    fn store_entry(&self, obj: &PyRef, name: &PyRef) -> Option<CacheSlot> {
        let Obj::Instance(inst) = &**obj else {
            return None;
        };
        let class = &inst.class();
        let text = plain_name(name)?;
        if !matches!(&**class, Obj::Class(_))
            || Gc::ptr_eq(class, &self.types.object)
            || inst.has_dict()
            || self.user_method(obj, "__setattr__").is_some()
        {
            return None;
        }
        if let Some(attr) = self.class_lookup_name(class, name) {
            let plain = matches!(&*attr, Obj::Function(_)) || inert(&attr);
            if !plain && !slot_member_of(&attr, name) {
                return None;
            }
        }
        let index = key_index(&class_keys(class)?.borrow(), text, Some(name))?;
        if !inst.has_value(index) {
            return None;
        }
        Some(CacheSlot {
            version: self.type_cache.version(),
            class: Gc::as_ptr(class) as usize,
            found: 0,
            kind: STORE_VALUE,
            index: u32::try_from(index).ok()?,
            misses: 0,
        })
    }
}

/// Where `module.name` is in the module's dict, watched from now on (as a frame's globals
/// for `LOAD_GLOBAL`): a module's attribute is what its dict holds (the generic path reads
/// the dict for any name that is not a dunder; a module-level `__getattr__` is asked only
/// for a missing name, which gets no entry).
fn module_entry(module: &PyRef, name: &PyRef) -> Option<CacheSlot> {
    let Obj::Module(m) = &**module else {
        return None;
    };
    plain_name(name)?;
    let Obj::Dict(table) = &*m.1 else {
        return None;
    };
    let table = table.borrow();
    table.watch();
    let index = table_find_name(&table, name)?;
    Some(CacheSlot {
        version: watched_keys_version(),
        class: Gc::as_ptr(&m.1) as usize,
        found: 0,
        kind: MODULE_ATTR,
        index: u32::try_from(index).ok()?,
        misses: 0,
    })
}

/// The value a module entry points at, if it holds for `obj`: a module whose dict is the
/// one the entry was stored for, no watched table having gained or lost a key since (so
/// that dict is alive, its entry at `index` is still the name's, and a dict now at that
/// address would be a new one, whose making moved the version when the old one dropped).
#[inline(always)]
fn cached_module_value(entry: &CacheSlot, obj: &PyRef) -> Option<PyRef> {
    let Obj::Module(m) = &**obj else {
        return None;
    };
    if entry.kind != MODULE_ATTR
        || entry.version != watched_keys_version()
        || Gc::as_ptr(&m.1) as usize != entry.class
    {
        return None;
    }
    let Obj::Dict(table) = &*m.1 else {
        return None;
    };
    let table = table.borrow();
    table.value_at(entry.index as usize).cloned()
}

/// After a miss at instruction `at` of `code`: stores the entry `make` describes from the
/// state now. A site whose entries keep missing (receivers of several classes) or that has
/// no entry to store (a shape that is never cached) backs off: it takes the generic path
/// for [`BACKOFF_RUNS`] runs without trying, then tries again. Only function bodies store
/// entries (module and class bodies mostly run once).
fn refill(code: &Code, at: usize, make: impl FnOnce() -> Option<CacheSlot>) {
    if code.kind != CodeKind::Function {
        return;
    }
    let previous = code.caches.get(at);
    let slot = match previous {
        Some(p) if p.kind == BACKOFF && p.index > 0 => CacheSlot {
            index: p.index - 1,
            ..p
        },
        _ => {
            let misses = previous.map_or(0, |p| p.misses);
            match make() {
                Some(entry) if misses < MAX_MISSES => match previous {
                    Some(p) if p.kind == POLY => add_way(code, p, entry),
                    Some(p)
                        if per_class(p.kind) && per_class(entry.kind) && p.class != entry.class =>
                    {
                        make_polymorphic(code, at, p, entry)
                    }
                    _ => CacheSlot {
                        misses: misses + 1,
                        ..entry
                    },
                },
                _ => CacheSlot {
                    version: 1,
                    kind: BACKOFF,
                    index: BACKOFF_RUNS,
                    ..CacheSlot::default()
                },
            }
        }
    };
    code.caches.put(at, code.instrs.len(), slot);
}

/// The slot of the site at `at`, whose entry `previous` missed for a receiver of another
/// class, once it keeps both entries in its group.
fn make_polymorphic(code: &Code, at: usize, previous: CacheSlot, entry: CacheSlot) -> CacheSlot {
    let group = code.caches.group_of(at);
    for way in 0..POLY_WAYS {
        let stored = match way {
            0 => previous,
            1 => entry,
            _ => CacheSlot::default(),
        };
        code.caches.put_in_group(group, way, stored);
    }
    CacheSlot {
        version: 1,
        kind: POLY,
        index: group,
        found: 2,
        misses: previous.misses + 1,
        class: 0,
    }
}

/// A polymorphic site's slot after storing `entry` in its group, in the way after the one
/// stored last (the oldest, once all are used).
fn add_way(code: &Code, site: CacheSlot, entry: CacheSlot) -> CacheSlot {
    let way = site.found % POLY_WAYS;
    code.caches.put_in_group(site.index, way, entry);
    CacheSlot {
        found: (way + 1) % POLY_WAYS,
        misses: site.misses + 1,
        ..site
    }
}

/// True for the kinds of entry that hold for receivers of one class, which a polymorphic
/// site keeps side by side.
fn per_class(kind: u16) -> bool {
    matches!(
        kind,
        INSTANCE_VALUE
            | INSTANCE_DICT
            | CLASS_FUNCTION
            | CLASS_VALUE
            | BUILTIN_METHOD
            | STORE_VALUE
            | SUPER_FOUND
            | CLASS_INIT
    )
}

/// True for the names a super object answers itself (`Vm::special_attr`), not from the
/// classes after `start`.
fn super_computed(key: &str) -> bool {
    matches!(key, "__class__" | "__doc__")
}

/// What `hit` gives for the first entry of the site at `at` that it accepts: the site's own
/// entry, or for a polymorphic site each of its group's entries in turn. A way stored under
/// another version of the type cache, or for a class other than `class` (the receiver's
/// class as entries record it, 0 when not known cheaply), cannot hold (every per-class kind
/// checks both) and is skipped without a call of `hit` (a polymorphic load that copied its
/// group and called `hit` on every way took about 250 instructions).
#[inline(always)]
fn first_hit<T>(
    code: &Code,
    at: usize,
    version: u64,
    class: usize,
    mut hit: impl FnMut(CacheSlot) -> Option<T>,
) -> Option<T> {
    let mut entry = code.caches.get(at)?;
    let group = (entry.kind == POLY).then_some(entry.index);
    let mut ways = 0..POLY_WAYS;
    loop {
        if let Some(group) = group {
            entry = ways.by_ref().find_map(|way| {
                let way = code.caches.way(group, way)?;
                (way.version == version && (class == 0 || way.class == class)).then_some(way)
            })?;
        }
        if let Some(found) = hit(entry) {
            return Some(found);
        }
        group?;
    }
}

/// The receiver's class as per-class entries record it, when it is read without looking up
/// the type (an instance's); 0 otherwise (a built-in method entry's receiver).
#[inline(always)]
fn class_key(obj: &PyRef) -> usize {
    match &**obj {
        Obj::Instance(inst) => inst.class_addr(),
        _ => 0,
    }
}

/// Stores `value` as the instance value at `index` of `obj` (an instance, as a store entry
/// that held for it says); gives it back when it has no place for it.
fn store_instance_value(obj: &PyRef, index: usize, value: PyRef) -> Result<Option<PyRef>, PyRef> {
    match &**obj {
        Obj::Instance(inst) => store_at(inst, index, value),
        _ => Err(value),
    }
}

/// The name's text, unless it is a dunder name (those may be computed: `__class__`,
/// `__dict__`...).
fn plain_name(name: &PyRef) -> Option<&str> {
    name.as_str().filter(|text| !text.starts_with("__"))
}

/// True for values a class attribute read gives as they are: no descriptor, no binding.
fn inert(attr: &PyRef) -> bool {
    matches!(
        &**attr,
        Obj::None
            | Obj::Bool(_)
            | Obj::Int(_)
            | Obj::BigInt(_)
            | Obj::Float(_)
            | Obj::Complex(_)
            | Obj::Str(_)
            | Obj::Bytes(_)
            | Obj::Tuple(_)
    )
}

/// True for the member descriptor of the slot `name` (`__slots__`), which reads and stores
/// the instance's value for the name, as [`INSTANCE_VALUE`] and [`STORE_VALUE`] entries do
/// (CPython 3.11's `LOAD_ATTR_SLOT`, `STORE_ATTR_SLOT`).
fn slot_member_of(attr: &PyRef, name: &PyRef) -> bool {
    matches!(&**attr, Obj::GetSetDescr(d)
        if crate::objects::is_slot_member(&d.1) && d.1.as_str() == name.as_str())
}

/// Receivers whose `LOAD_METHOD` finds a built-in method through their type (the generic
/// path special-cases instances, classes, modules and `super`).
fn builtin_receiver_kind(obj: &PyRef) -> bool {
    !matches!(
        &**obj,
        Obj::Instance(_) | Obj::Class(_) | Obj::Module(_) | Obj::Super(_)
    )
}

/// True when the instance cannot hold a value that shadows the class attribute of a
/// [`CLASS_FUNCTION`] or [`CLASS_VALUE`] entry: no `__dict__`, and the class's shared keys
/// (which only grow) are still the ones without the name.
#[inline]
fn unshadowed(inst: &InstanceData, entry: &CacheSlot) -> bool {
    !inst.has_dict()
        // SAFETY: the class is only read for the length of its keys.
        && class_keys(&*unsafe { inst.class_ref() })
            .is_some_and(|keys| keys.borrow().len() == entry.index as usize)
}

/// A counted handle on what a current entry found.
#[inline]
fn found(entry: &CacheSlot) -> PyRef {
    // SAFETY: the entry was checked to hold (module docs, conditions 1 and 2), so the object
    // at `found` is held by a class dict that has not changed since the entry was stored and
    // is alive; the borrowed handle is never dropped, and the clone takes its own count.
    let borrowed = std::mem::ManuallyDrop::new(unsafe { Gc::from_raw(entry.found as *const Obj) });
    PyRef::clone(&borrowed)
}
