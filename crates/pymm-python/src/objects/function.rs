//! Python functions: code, globals, defaults and closure cells, inline in the function
//! object's block.
//!
//! ```text
//!  [ links | header ][ Obj::Function: tag, ptr ][ FunctionObj: code | globals | ... ]
//!                                         '-----^ (the block's tail)
//! ```
//!
//! A function is one 112-byte pool block (CPython 3.11: 152 bytes, its collector links
//! included): making a closure or a lambda in a loop asks nothing of the system allocator
//! (its defaults are a tuple, as `__defaults__` shows them).
//!
//! Invariants, relied on by the `unsafe` blocks below: a [`Function`] exists only inside the
//! `Obj::Function` of the block whose tail holds its `FunctionObj` (only
//! [`Function::alloc`] makes one, and the payload never leaves its block), so the pointer is
//! valid as long as the `Function`, with the block's provenance; the `FunctionObj` is
//! dropped once, by the `Function`'s `Drop`.

use std::alloc::Layout;
use std::cell::{RefCell, UnsafeCell};
use std::ops::Deref;
use std::ptr::NonNull;
use std::rc::Rc;

use super::{Obj, PyRef};
use crate::objects::Code;
use crate::rt::{AllocError, Gc, Heap, Tracer};

/// A function object.
pub struct FunctionObj {
    /// The compiled body (`__code__`, which assignment replaces).
    code: Replaceable<Rc<Code>>,
    /// The code the function was defined with, once `__code__` has been replaced: its
    /// name, qualified name and docstring stay the function's (CPython copies them at `def`).
    defined: Replaceable<Option<Rc<Code>>>,
    /// The module namespace (a dict) the function was defined in.
    pub globals: PyRef,
    /// `__defaults__`: a tuple of the default values of the last positional parameters, or
    /// None.
    defaults: Replaceable<Option<PyRef>>,
    /// `__kwdefaults__`: defaults of keyword-only parameters (a dict), or None.
    kwdefaults: Replaceable<Option<PyRef>>,
    /// A tuple of cells for the free variables, in `code.freevars` order (`__closure__`).
    pub closure: Option<PyRef>,
    /// `__dict__`: attributes set on the function (`f.cache = {}`, `__wrapped__`), created by
    /// the first one.
    pub dict: RefCell<Option<PyRef>>,
}

/// A field that Python code may replace (`f.__code__ = ...`) while calls read it: every
/// read takes its own clone (a reference count), so no reference into the field outlives
/// the read and a replacement never pulls a value from under a running call. The call
/// paths read the field on every call, so an assignment takes effect on the next one (what
/// CPython's `func_version` achieves for its specialized calls).
struct Replaceable<T>(UnsafeCell<T>);

impl<T: Clone> Replaceable<T> {
    fn new(value: T) -> Self {
        Replaceable(UnsafeCell::new(value))
    }

    #[inline(always)]
    fn get(&self) -> T {
        // SAFETY: single-threaded; the reference lives only for the clone, which runs no
        // Python code (reference counts), so no `replace` can overlap it.
        unsafe { (*self.0.get()).clone() }
    }

    /// Puts `value` in and hands the old value back, to be dropped by the caller after the
    /// field holds the new one (a drop may run Python code that reads the field).
    fn replace(&self, value: T) -> T {
        // SAFETY: as in `get`: no other reference into the field is alive.
        unsafe { std::mem::replace(&mut *self.0.get(), value) }
    }

    /// A reference for a read that runs no Python code while it holds it (the collector's
    /// trace, the calls' copies of the defaults), so that no `replace` can overlap it.
    fn peek(&self) -> &T {
        // SAFETY: see above; the callers below hold the reference only within themselves
        // and run no Python code meanwhile.
        unsafe { &*self.0.get() }
    }
}

/// The default values a call takes for trailing positional parameters: the items of
/// `__defaults__`, the last `argcount` of them when it holds more (CPython aligns them to
/// the last parameters too).
pub struct Defaults {
    tuple: Option<PyRef>,
    argcount: usize,
}

impl Deref for Defaults {
    type Target = [PyRef];

    #[inline]
    fn deref(&self) -> &[PyRef] {
        match self.tuple.as_deref() {
            Some(Obj::Tuple(items)) => &items[items.len().saturating_sub(self.argcount)..],
            _ => &[],
        }
    }
}

impl FunctionObj {
    /// A function running `code` in `globals`; `defaults` a tuple (or None), `kwdefaults`
    /// a dict (or None), `closure` a tuple of cells.
    pub fn new(
        code: Rc<Code>,
        globals: PyRef,
        defaults: Option<PyRef>,
        kwdefaults: Option<PyRef>,
        closure: Option<PyRef>,
    ) -> FunctionObj {
        FunctionObj {
            code: Replaceable::new(code),
            defined: Replaceable::new(None),
            globals,
            defaults: Replaceable::new(defaults),
            kwdefaults: Replaceable::new(kwdefaults),
            closure,
            dict: RefCell::new(None),
        }
    }

    /// The code the next call runs.
    #[inline(always)]
    pub fn code(&self) -> Rc<Code> {
        self.code.get()
    }

    /// The default values of a call of `code` (the function's code, read once by the call).
    #[inline]
    pub fn defaults_for(&self, code: &Code) -> Defaults {
        Defaults {
            tuple: self.defaults.get(),
            argcount: code.argcount as usize,
        }
    }

    /// How many default values a call of `code` takes (no reference count changes: the
    /// quick call paths ask on every call).
    #[inline(always)]
    pub fn ndefaults(&self, code: &Code) -> usize {
        match self.defaults.peek().as_deref() {
            Some(Obj::Tuple(items)) => items.len().min(code.argcount as usize),
            _ => 0,
        }
    }

    /// Puts the default values of the parameters from `given` to `code.argcount` into
    /// `locals` (at their slots, or pushed when `locals` ends at `given`): the call bound
    /// `given` positional arguments and the defaults cover the rest.
    #[inline]
    pub fn put_defaults(&self, code: &Code, given: usize, locals: &mut Vec<Option<PyRef>>) {
        // A counted handle, not a borrow of the field: storing into `locals` drops what the
        // slot held, which may run a `__del__` that replaces `__defaults__`.
        let tuple = self.defaults.get();
        let Some(Obj::Tuple(items)) = tuple.as_deref() else {
            return;
        };
        let argcount = code.argcount as usize;
        let defaults = &items[items.len().saturating_sub(argcount)..];
        let first_default = argcount - defaults.len();
        for (slot, value) in (first_default..argcount)
            .zip(defaults)
            .skip(given - first_default)
        {
            match locals.get_mut(slot) {
                Some(local) => *local = Some(value.clone()),
                None => locals.push(Some(value.clone())),
            }
        }
    }

    /// `__defaults__`: a tuple, or None when the function has none.
    pub fn defaults_tuple(&self) -> Option<PyRef> {
        self.defaults.get()
    }

    /// `__kwdefaults__`: a dict, or None.
    pub fn kwdefaults(&self) -> Option<PyRef> {
        self.kwdefaults.get()
    }

    /// The code whose name, qualified name and docstring are the function's.
    pub fn defined_code(&self) -> Rc<Code> {
        self.defined.get().unwrap_or_else(|| self.code())
    }

    /// Replaces `__code__` (the caller checked that its free variables match the closure).
    pub fn set_code(&self, code: Rc<Code>) {
        let old = self.code.replace(code);
        if self.defined.get().is_none() {
            self.defined.replace(Some(old));
        }
    }

    /// Replaces `__defaults__` (a tuple, or None).
    pub fn set_defaults(&self, defaults: Option<PyRef>) {
        drop(self.defaults.replace(defaults));
    }

    /// Replaces `__kwdefaults__` (a dict, or None).
    pub fn set_kwdefaults(&self, kwdefaults: Option<PyRef>) {
        drop(self.kwdefaults.replace(kwdefaults));
    }

    /// Visits globals, defaults and closure cells.
    pub fn trace(&self, tracer: &mut Tracer<'_>) {
        tracer.visit(&self.globals);
        if let Some(d) = self.defaults.peek() {
            tracer.visit(d);
        }
        if let Some(kw) = self.kwdefaults.peek() {
            tracer.visit(kw);
        }
        if let Some(c) = &self.closure {
            tracer.visit(c);
        }
        match self.dict.try_borrow() {
            Ok(dict) => dict.iter().for_each(|d| tracer.visit(d)),
            Err(_) => tracer.mark_busy(),
        }
    }
}

/// A function object's payload: a pointer to its [`FunctionObj`] in the block's tail (see the
/// module docs); reads as the `FunctionObj`.
pub struct Function {
    obj: NonNull<FunctionObj>,
}

impl Function {
    /// A function object holding `func`, in one block of `heap`; `Err` when the heap's limit
    /// would be exceeded or memory is exhausted.
    pub fn alloc(heap: &Heap, func: FunctionObj) -> Result<PyRef, AllocError> {
        // SAFETY: `init` moves `func` into the tail, whose size `Function::tail_size`
        // reports for the object's whole life; `Obj`'s `Trace` traces it through this
        // payload and `Function`'s `Drop` drops it once.
        unsafe {
            Gc::try_new_with_tail_in(heap, Layout::new::<FunctionObj>(), true, |tail| {
                let obj = tail.cast::<FunctionObj>();
                obj.as_ptr().write(func);
                Obj::Function(Function { obj })
            })
        }
    }

    /// Bytes of the block's tail: the `FunctionObj`.
    pub(crate) fn tail_size(&self) -> usize {
        std::mem::size_of::<FunctionObj>()
    }
}

impl Deref for Function {
    type Target = FunctionObj;

    fn deref(&self) -> &FunctionObj {
        // SAFETY: the tail holds a live `FunctionObj` as long as self (module invariants).
        unsafe { self.obj.as_ref() }
    }
}

impl Drop for Function {
    fn drop(&mut self) {
        // SAFETY: the `FunctionObj` is live and dropped only here, once (module invariants).
        unsafe { std::ptr::drop_in_place(self.obj.as_ptr()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::testing::module_code;
    use crate::objects::{ListCell, TupleItems};

    #[test]
    fn a_function_lives_in_one_block_and_a_cycle_through_it_is_collected() {
        let heap = Heap::new();
        let (none, code) = module_code(&heap, "pass");
        let before = heap.bytes_in_use();
        let globals = Gc::new_in(Obj::List(ListCell::new(Vec::new())), &heap);
        let defaults = TupleItems::alloc(&heap, vec![none.clone()]).expect("room");
        let func = Function::alloc(
            &heap,
            FunctionObj::new(
                code,
                globals.clone(),
                Some(defaults),
                None,
                Some(TupleItems::alloc(&heap, vec![globals.clone()]).expect("room")),
            ),
        )
        .expect("room");
        let Obj::Function(f) = &*func else {
            panic!("a function")
        };
        assert!(matches!(f.defaults_tuple().as_deref(), Some(Obj::Tuple(d)) if d.len() == 1));
        // the module code takes no parameters: no default applies to its calls
        assert_eq!(f.ndefaults(&f.code()), 0);
        assert_eq!(crate::rt::referents(&Gc::to_any(&func)).len(), 3);
        if let Obj::List(items) = &*globals {
            items.borrow_mut().push(func.clone());
        }
        drop((func, globals));
        assert_eq!(
            heap.collect(2),
            4,
            "the function, its defaults and closure tuples and the list"
        );
        assert_eq!(heap.bytes_in_use(), before);
    }
}
