//! Weak reference objects: making them (with CPython's reuse of the one plain `ref(x)`),
//! listing an object's live ones, and instances of subclasses of `weakref.ref`, whose
//! built-in value is a weak reference object that knows its owner; and the callbacks run
//! when a referent dies (from a drop, through [`super::finalize::current`]).

use std::cell::{Cell, RefCell};

use super::{PyResult, Vm};
use crate::objects::class::TypeKind;
use crate::objects::{Obj, PyRef, WeakRefObj};
use crate::rt::Gc;

/// True for the objects CPython cannot weakly reference (their types have no weak list).
fn refuses_weak_references(target: &Obj) -> bool {
    if let Obj::Instance(inst) = target {
        return !slotted_takes_weak_references(&inst.class());
    }
    matches!(
        target,
        Obj::Int(_)
            | Obj::BigInt(_)
            | Obj::Str(_)
            | Obj::Tuple(_)
            | Obj::List(_)
            | Obj::Dict(_)
            | Obj::None
            | Obj::Bool(_)
            | Obj::Float(_)
            | Obj::Complex(_)
            | Obj::Bytes(_)
            | Obj::ByteArray(_)
    )
}

/// Whether instances of `class` take weak references: all do but those of a class with
/// `__slots__` all the way up (`__dict__` among them or not) where no class names
/// `__weakref__` among them, as CPython gives such instances no weak reference list.
fn slotted_takes_weak_references(class: &PyRef) -> bool {
    let Obj::Class(cls) = &**class else {
        return true;
    };
    let declares_slots = |c: &PyRef| match &**c {
        Obj::Class(c) => c.slots.is_some() || c.bases.is_empty() || c.kind == TypeKind::Builtin,
        _ => true,
    };
    let names_weakref = |c: &PyRef| match &**c {
        Obj::Class(c) => c
            .slots
            .iter()
            .flatten()
            .any(|s| s.as_str() == Some("__weakref__")),
        _ => false,
    };
    !(declares_slots(class) && cls.mro.iter().all(declares_slots))
        || names_weakref(class)
        || cls.mro.iter().any(names_weakref)
}

/// The weak reference object itself: an instance of a subclass of `ref` stands for the one
/// it extends.
pub fn weakref_payload(obj: &PyRef) -> Option<&WeakRefObj> {
    match &**obj {
        Obj::WeakRef(w) => Some(w),
        Obj::Instance(inst) => match inst.base_value().map(|v| &**v) {
            Some(Obj::WeakRef(w)) => Some(w),
            _ => None,
        },
        _ => None,
    }
}

/// What Python code sees for a weak reference object: its owner (the instance of a subclass
/// of `ref` it is the value of) while that lives, else itself.
pub fn visible_ref(wr: &PyRef) -> Option<PyRef> {
    match &**wr {
        Obj::WeakRef(w) => match &*w.owner.borrow() {
            Some(owner) => owner.upgrade(),
            None => Some(wr.clone()),
        },
        _ => Some(wr.clone()),
    }
}

fn is_plain(wr: &PyRef) -> bool {
    match &**wr {
        Obj::WeakRef(w) => w.callback.borrow().is_none() && w.owner.borrow().is_none(),
        _ => false,
    }
}

impl Vm {
    /// `weakref.ref(target, callback)`. Without a callback, an existing plain reference to
    /// `target` is returned again when `reuse` (CPython shares it); a reference made as the
    /// value of a subclass instance is always new.
    pub fn new_weakref(&self, target: &PyRef, callback: Option<PyRef>, reuse: bool) -> PyResult {
        if refuses_weak_references(target) {
            return Err(self.type_error(format!(
                "cannot create weak reference to '{}' object",
                self.type_name(target)
            )));
        }
        let callback = callback.filter(|c| !self.is_none(c));
        if reuse && callback.is_none() {
            if let Some(plain) = self.weakrefs_to(target).into_iter().find(is_plain) {
                return Ok(plain);
            }
        }
        let has_callback = callback.is_some();
        let wr = self.alloc(Obj::WeakRef(Box::new(WeakRefObj {
            target: RefCell::new(Some(Gc::downgrade(target))),
            callback: RefCell::new(callback),
            hash: Cell::new(None),
            owner: RefCell::new(None),
        })))?;
        self.register_weakref(target, &wr, has_callback);
        Ok(wr)
    }

    /// Records `wr` among `target`'s weak references, and makes sure pymm tells the VM when
    /// `target` dies if some reference has a callback to run then.
    fn register_weakref(&self, target: &PyRef, wr: &PyRef, has_callback: bool) {
        let addr = self.addr(target);
        let watched = self
            .weakrefs
            .borrow()
            .get(&addr)
            .and_then(|e| e.watcher.as_ref())
            .is_some_and(|w| w.is_alive());
        // made outside any borrow of the registry: pymm runs the callback from a drop
        let watcher = (has_callback && !watched)
            .then(|| Gc::downgrade_with_callback(target, move |_| run_weakref_callbacks(addr)));
        let mut registry = self.weakrefs.borrow_mut();
        let entry = registry.entry(addr).or_default();
        entry.refs.push(Gc::downgrade(wr));
        if watcher.is_some() {
            entry.watcher = watcher;
        }
    }

    /// Makes `inst`, an instance of a subclass of `ref`, the owner of the weak reference
    /// object it extends: callbacks and `getweakrefs` then see the instance.
    pub fn adopt_weakref(&self, inst: &PyRef) {
        if let Obj::Instance(i) = &**inst {
            if let Some(Obj::WeakRef(w)) = i.base_value().map(|v| &**v) {
                *w.owner.borrow_mut() = Some(Gc::downgrade(inst));
            }
        }
    }

    /// The live weak reference objects to `target`, oldest first (pruning dead entries).
    pub fn weakrefs_to(&self, target: &PyRef) -> Vec<PyRef> {
        let addr = self.addr(target);
        let mut live = Vec::new();
        let mut registry = self.weakrefs.borrow_mut();
        if let Some(entry) = registry.get_mut(&addr) {
            entry.refs.retain(|w| match w.upgrade() {
                Some(wr) => {
                    let same = match &*wr {
                        Obj::WeakRef(r) => r
                            .target
                            .borrow()
                            .as_ref()
                            .and_then(|t| t.upgrade())
                            .is_some_and(|t| Gc::ptr_eq(&t, target)),
                        _ => false,
                    };
                    if same {
                        live.push(wr);
                    }
                    same
                }
                None => false,
            });
            if entry.watcher.as_ref().is_some_and(|w| !w.is_alive()) {
                entry.watcher = None;
            }
            if entry.refs.is_empty() && entry.watcher.is_none() {
                registry.remove(&addr);
            }
        }
        drop(registry);
        live
    }

    /// `weakref.getweakrefs(target)` in CPython's order: the plain reference first, then the
    /// others newest first.
    pub fn getweakrefs(&self, target: &PyRef) -> Vec<PyRef> {
        let refs = self.weakrefs_to(target);
        let (plain, others): (Vec<PyRef>, Vec<PyRef>) = refs.into_iter().partition(is_plain);
        plain
            .into_iter()
            .chain(others.into_iter().rev())
            .filter_map(|wr| visible_ref(&wr))
            .collect()
    }
}

/// The weak reference objects of one referent (by address), and the one pymm weak handle
/// whose death callback runs their callbacks.
#[derive(Default)]
pub struct Referent {
    /// Weak reference objects, oldest first.
    pub refs: Vec<crate::rt::Weak<Obj>>,
    /// pymm handle with the death callback (one per referent).
    pub watcher: Option<crate::rt::Weak<Obj>>,
}

fn target_is_dead(wr: &PyRef) -> bool {
    match &**wr {
        Obj::WeakRef(w) => w.target.borrow().as_ref().is_none_or(|t| !t.is_alive()),
        _ => false,
    }
}

/// The referent at `addr` died: runs the callbacks of its live weak references, newest
/// first, as CPython does.
pub fn run_weakref_callbacks(addr: usize) {
    let Some(vm) = super::finalize::current() else {
        return;
    };
    let dead: Vec<PyRef> = {
        let mut registry = vm.weakrefs.borrow_mut();
        let Some(entry) = registry.get_mut(&addr) else {
            return;
        };
        let dead = entry
            .refs
            .iter()
            .filter_map(|w| w.upgrade())
            .filter(target_is_dead)
            .collect();
        entry
            .refs
            .retain(|w| w.upgrade().is_some_and(|wr| !target_is_dead(&wr)));
        if entry.watcher.as_ref().is_some_and(|w| !w.is_alive()) {
            entry.watcher = None;
        }
        if entry.refs.is_empty() && entry.watcher.is_none() {
            registry.remove(&addr);
        }
        dead
    };
    for wr in dead.iter().rev() {
        let Obj::WeakRef(w) = &**wr else { continue };
        let callback = w.callback.borrow_mut().take();
        // the callback receives the instance of a subclass of ref, if this is its value
        let Some(visible) = visible_ref(wr) else {
            continue;
        };
        if let Some(cb) = callback {
            if let Err(err) = vm.call(&cb, std::slice::from_ref(&visible)) {
                let header = format!("Exception ignored in: {}", vm.repr(&cb).unwrap_or_default());
                vm.report_unraisable(&header, &err.0);
            }
        }
    }
}
