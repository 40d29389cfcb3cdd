//! The virtual machine: shared state ([`Vm`]), object constructors and error helpers.
//!
//! The VM is used through `&Vm`: its mutable parts sit in cells, so code re-entered from a
//! finalizer (`__del__`) or a weak reference callback can use it while an outer call runs.
//! Never hold a borrow of one of those cells while dropping a `PyRef`: dropping may run
//! Python code.

pub mod attr;
pub mod budget;
pub mod builtin;
pub mod call;
pub mod compare;
mod constants;
pub mod convert;
pub mod coroutine;
pub mod dict;
pub mod eval;
pub mod exception_format;
pub mod exception_group;
pub mod exceptions;
pub mod exec;
mod fast_ops;
pub mod finalize;
pub mod format;
pub mod frames;
mod function_attr;
pub mod generator;
mod inline_cache;
pub mod instance_storage;
pub mod iter;
pub mod observer;
pub mod ops;
pub mod pattern;
pub mod slots;
pub mod trail;
pub mod type_cache;
pub mod type_new;
pub mod types;
pub mod weakref;

use std::alloc::Layout;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use num_bigint::BigInt;

use crate::objects::{table, ListCell, Obj, PyRef, PyStr, Table, TupleItems};
use crate::rt::{AllocError, Gc, Heap, Weak};
pub use exceptions::Exc;
pub use types::Types;

/// A raised exception (the exception instance).
pub struct PyErr(pub PyRef);

/// Result of anything that may raise.
pub type PyResult<T = PyRef> = Result<T, PyErr>;

/// Smallest and largest cached small int (as CPython: -5..=256).
const SMALL_INT_MIN: i64 = -5;
const SMALL_INT_MAX: i64 = 256;

/// The entries of [`Vm::intern_static`]'s cache: a power of two (a name's slot is the top
/// bits of a product).
const STATIC_NAMES: usize = 64;

/// The interpreter's shared state.
pub struct Vm {
    /// The heap every object lives in.
    pub heap: Heap,
    none: PyRef,
    true_: PyRef,
    false_: PyRef,
    not_implemented: PyRef,
    ellipsis: PyRef,
    null: PyRef,
    empty_tuple: PyRef,
    empty_str: PyRef,
    small_ints: Vec<PyRef>,
    /// The bytes objects of one byte, made when first asked for and shared after (CPython's
    /// `characters` table): `data[i:i + 1]` and `bytes([c])` make no object.
    one_byte: Box<[std::cell::OnceCell<PyRef>]>,
    /// The built-in types and exception classes.
    pub types: Types,
    /// The `builtins` namespace (a dict).
    pub builtins: PyRef,
    /// The shared strs of identifiers, by text (hashbrown's hasher: native code interns a
    /// name per call, and SipHash cost some 200 instructions a name).
    interned: RefCell<hashbrown::HashMap<Box<str>, PyRef>>,
    /// [`Vm::intern_static`]'s cache: names in the program text by address and length.
    static_names: RefCell<[Option<(usize, usize, PyRef)>; STATIC_NAMES]>,
    /// Exceptions being handled (innermost last), for bare `raise` and `__context__`.
    pub exc_stack: RefCell<Vec<PyRef>>,
    /// The address of an exception a `raise` or the end of a handler re-raises (0 for
    /// none): its traceback already holds the frame, which then adds no entry again.
    pub reraised: Cell<usize>,
    /// Python frames currently active (for the recursion limit).
    pub depth: Cell<usize>,
    /// `sys.getrecursionlimit()`.
    pub recursion_limit: Cell<usize>,
    /// `sys.get_int_max_str_digits()` (0: no limit).
    pub int_max_str_digits: Cell<usize>,
    /// `sys.modules`: imported modules by name (a dict the program may read and change).
    pub modules: PyRef,
    /// `sys.path`: where `import` looks for source files (a list the program may change).
    pub sys_path: PyRef,
    /// Modules whose code is running (being imported), innermost last.
    pub importing: RefCell<Vec<PyRef>>,
    /// The globals of the Python frame calling a built-in that reads them (`globals()`,
    /// `vars()`, `eval`, `exec`), set by the eval loop for that call (see [`frames`]).
    pub caller_globals: RefCell<Option<PyRef>>,
    /// The calling frame's locals as a mapping, while `locals()`, or `dir()` or `vars()`
    /// without an argument, runs (see `vm::frames::with_caller_frame`).
    pub caller_locals: RefCell<Option<PyRef>>,
    /// Source text of each compiled file, for tracebacks.
    pub sources: RefCell<HashMap<Rc<str>, Rc<str>>>,
    /// The preallocated MemoryError instance.
    pub memory_error: PyRef,
    /// `--max-heap`: the budget of [`Vm::memory_in_use`] (see [`budget`]).
    pub max_heap: Cell<Option<usize>>,
    /// `tracemalloc`'s state while it traces.
    pub traced: Cell<Option<budget::TracedMemory>>,
    /// `sys.argv` as the command line gave it.
    pub argv: RefCell<Vec<String>>,
    /// MemoryError was raised and use has not yet fallen back under `max_heap`.
    overdrawn: Cell<bool>,
    /// `gc.callbacks`.
    pub gc_callbacks: PyRef,
    /// `gc.garbage`.
    pub gc_garbage: PyRef,
    /// Live weak reference objects by referent address, for `getweakrefcount` and for
    /// sharing one callback-less reference per referent as CPython does.
    pub weakrefs: RefCell<HashMap<usize, weakref::Referent>>,
    /// Code objects by the address of the code they show (see [`frames`]).
    pub code_objects: RefCell<HashMap<usize, Weak<Obj>>>,
    /// Containers whose repr is being computed (to print `[...]` for self-reference).
    pub repr_stack: RefCell<Vec<usize>>,
    /// Where `print` writes (buffered; flushed at exit and before stderr output).
    pub stdout: RefCell<std::io::BufWriter<std::io::Stdout>>,
    /// The built-in types' constructors, by [`ClassObj::constructor`] index minus one
    /// (see [`Vm::set_constructor`]).
    ///
    /// [`ClassObj::constructor`]: crate::objects::ClassObj::constructor
    constructors: RefCell<Vec<call::Constructor>>,
    /// The built-in types' slot tables (see [`slots`]).
    type_slots: slots::SlotTables,
    /// What class attribute lookups found (see [`type_cache`]).
    pub type_cache: type_cache::TypeCache,
    /// How the instances of recently hashed classes hash (see [`dict::HashKinds`]).
    hash_kinds: dict::HashKinds,
    /// A user `__getattribute__` was assigned to a class after it was made: its subclasses
    /// made before do not carry [`crate::objects::ClassObj::GETATTRIBUTE`], so every
    /// instance attribute read looks the hook up from then on.
    pub late_getattribute: Cell<bool>,
    /// A float box that died in a binary operation of the eval loop, its last handle kept
    /// here for the next float result (CPython's float free list, one deep: see
    /// [`crate::objects::float::recycle`]). Empty, or a float no other handle holds.
    pub(crate) spare_float: Cell<Option<PyRef>>,
    /// Value stacks and local slots of finished frames, kept for the next calls.
    pub frame_pool: crate::objects::frame::FramePool,
    /// What watches the run (`--report`'s recorder), set once before the program starts
    /// (empty otherwise).
    pub observer: std::cell::OnceCell<Rc<dyn observer::Observer>>,
    /// The observer's record of running frames, set with it ([`Vm::watch`]): the eval loop
    /// reaches it on every frame it runs without a dynamic call.
    pub(crate) trail: std::cell::OnceCell<Rc<trail::Trail>>,
    /// The instruction the innermost frame runs, as the eval loop publishes it (with or
    /// without a trail: see [`trail`]).
    pub(crate) position: trail::Position,
}

impl Vm {
    /// Creates a VM on `heap`, with the built-in types and exception classes but none of
    /// what the layers above give it: `crate::builtins::install` then adds the types'
    /// methods and constructors and the builtins namespace (as CPython's start-up fills
    /// the builtins module after making the types).
    pub fn new(heap: Heap) -> Self {
        let alloc = |o: Obj| Gc::new_in(o, &heap);
        let none = alloc(Obj::None);
        let small_ints = (SMALL_INT_MIN..=SMALL_INT_MAX)
            .map(|i| alloc(Obj::Int(i)))
            .collect();
        let types = Types::new(&heap);
        let memory_error = exceptions::preallocate(&heap, &types, &none);
        let builtins = alloc(Obj::Dict(table::boxed(Table::new())));
        let list = |h: &Heap| Gc::new_in(Obj::List(ListCell::new(Vec::new())), h);
        let vm = Vm {
            true_: alloc(Obj::Bool(true)),
            false_: alloc(Obj::Bool(false)),
            not_implemented: alloc(Obj::NotImplemented),
            ellipsis: alloc(Obj::Ellipsis),
            null: alloc(Obj::Null),
            empty_tuple: TupleItems::alloc(&heap, Vec::new())
                .unwrap_or_else(|_| std::alloc::handle_alloc_error(Layout::new::<Obj>())),
            empty_str: PyStr::alloc(&heap, "")
                .unwrap_or_else(|_| std::alloc::handle_alloc_error(Layout::new::<Obj>())),
            none,
            small_ints,
            one_byte: (0..256).map(|_| std::cell::OnceCell::new()).collect(),
            types,
            builtins,
            interned: RefCell::new(hashbrown::HashMap::new()),
            static_names: RefCell::new([const { None }; STATIC_NAMES]),
            exc_stack: RefCell::new(Vec::new()),
            reraised: Cell::new(0),
            depth: Cell::new(0),
            recursion_limit: Cell::new(1000),
            int_max_str_digits: Cell::new(crate::objects::int::value::DEFAULT_MAX_STR_DIGITS),
            modules: alloc(Obj::Dict(table::boxed(Table::new()))),
            sys_path: list(&heap),
            importing: RefCell::new(Vec::new()),
            caller_globals: RefCell::new(None),
            caller_locals: RefCell::new(None),
            sources: RefCell::new(HashMap::new()),
            memory_error,
            max_heap: Cell::new(None),
            overdrawn: Cell::new(false),
            argv: RefCell::new(Vec::new()),
            traced: Cell::new(None),
            gc_callbacks: list(&heap),
            gc_garbage: list(&heap),
            repr_stack: RefCell::new(Vec::new()),
            weakrefs: RefCell::new(HashMap::new()),
            code_objects: RefCell::new(HashMap::new()),
            stdout: RefCell::new(std::io::BufWriter::new(std::io::stdout())),
            type_cache: type_cache::TypeCache::default(),
            hash_kinds: Default::default(),
            late_getattribute: Cell::new(false),
            spare_float: Cell::new(None),
            frame_pool: Default::default(),
            constructors: RefCell::new(Vec::new()),
            type_slots: Default::default(),
            observer: std::cell::OnceCell::new(),
            trail: std::cell::OnceCell::new(),
            position: trail::Position::default(),
            heap,
        };
        // CPython's empty tuple is a shared singleton the collector never tracks
        Gc::untrack(&vm.empty_tuple);
        vm
    }

    /// Allocates an object; past the `--max-heap` budget raises MemoryError.
    pub fn alloc(&self, obj: Obj) -> PyResult {
        self.check_budget()?;
        self.finish_alloc(Gc::try_new_in(obj, &self.heap))
    }

    /// Allocates an object that must exist (constants, interned names, results of
    /// operations that cannot fail) without checking the budget: the next checked
    /// allocation raises MemoryError if this one passed it.
    fn alloc_unchecked(&self, obj: Obj) -> PyRef {
        self.finish_alloc_unchecked(Gc::try_new_in(obj, &self.heap))
    }

    /// The end of every checked allocation, whatever the type's layout: a full heap raises
    /// MemoryError, and the run's observer, if there is one, hears of the new object.
    #[inline(always)]
    pub(crate) fn finish_alloc(&self, made: Result<PyRef, AllocError>) -> PyResult {
        let obj = made.map_err(|_| self.memory_error())?;
        self.note_allocation(&obj);
        Ok(obj)
    }

    /// The end of an allocation that must succeed: a full heap aborts, as the global
    /// allocator does when it has no memory left.
    #[inline(always)]
    fn finish_alloc_unchecked(&self, made: Result<PyRef, AllocError>) -> PyRef {
        let obj = made.unwrap_or_else(|_| std::alloc::handle_alloc_error(Layout::new::<Obj>()));
        self.note_allocation(&obj);
        obj
    }

    /// Tells the run's observer, if there is one, about a new object.
    #[inline(always)]
    fn note_allocation(&self, obj: &PyRef) {
        if let Some(observer) = self.observer.get() {
            observer.allocated(self, obj);
        }
    }

    /// `None`.
    pub fn none(&self) -> PyRef {
        self.none.clone()
    }

    /// `True` or `False`.
    pub fn bool(&self, b: bool) -> PyRef {
        if b {
            self.true_.clone()
        } else {
            self.false_.clone()
        }
    }

    /// `NotImplemented`.
    pub fn not_implemented(&self) -> PyRef {
        self.not_implemented.clone()
    }

    /// `...`.
    pub fn ellipsis(&self) -> PyRef {
        self.ellipsis.clone()
    }

    /// The hidden NULL marker of `LOAD_METHOD`.
    pub fn null(&self) -> PyRef {
        self.null.clone()
    }

    /// True if `obj` is `None`.
    pub fn is_none(&self, obj: &PyRef) -> bool {
        Gc::ptr_eq(obj, &self.none)
    }

    /// An int (small ones are shared).
    pub fn int(&self, i: i64) -> PyRef {
        if (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&i) {
            return self.small_ints[(i - SMALL_INT_MIN) as usize].clone();
        }
        self.alloc_unchecked(Obj::Int(i))
    }

    /// An int, raising MemoryError when the heap is full.
    pub fn new_int(&self, i: i64) -> PyResult {
        if (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&i) {
            return Ok(self.small_ints[(i - SMALL_INT_MIN) as usize].clone());
        }
        self.alloc(Obj::Int(i))
    }

    /// Writes the int `value` into the box `old` when that box is an exact int whose only
    /// handles are the `owned` ones the caller counts (the attribute it is about to
    /// replace, and the caller's own copy): true then, and nothing needs storing. False
    /// for a small int (those are shared); see `objects/float/recycle.rs`, which says why
    /// no program can tell.
    pub fn rewrite_int(&self, old: &PyRef, owned: usize, value: i64) -> bool {
        !(SMALL_INT_MIN..=SMALL_INT_MAX).contains(&value)
            && crate::objects::float::value::reuse_int(old, owned, value)
    }

    /// An int from a big int, normalised to the i64 fast path when it fits.
    pub fn bigint(&self, b: BigInt) -> PyRef {
        match crate::objects::int::value::big_to_i64(&b) {
            Some(i) => self.int(i),
            None => self.alloc_unchecked(Obj::BigInt(Box::new(b))),
        }
    }

    /// Like [`Vm::bigint`], raising MemoryError when the heap is full.
    pub fn new_bigint(&self, b: BigInt) -> PyResult {
        match crate::objects::int::value::big_to_i64(&b) {
            Some(i) => self.new_int(i),
            None => self.alloc(Obj::BigInt(Box::new(b))),
        }
    }

    /// A float.
    pub fn float(&self, f: f64) -> PyRef {
        self.alloc_unchecked(Obj::Float(f))
    }

    /// A complex number.
    pub fn complex(&self, c: crate::objects::complex::value::Complex) -> PyRef {
        self.alloc_unchecked(Obj::Complex(Box::new(c)))
    }

    /// A str.
    pub fn str(&self, s: impl AsRef<str>) -> PyResult {
        let s = s.as_ref();
        if s.is_empty() {
            return Ok(self.empty_str.clone());
        }
        self.reserve(s.len())?;
        self.finish_alloc(PyStr::alloc(&self.heap, s))
    }

    /// The shared str for an identifier.
    pub fn intern(&self, s: &str) -> PyRef {
        if let Some(found) = self.interned.borrow().get(s) {
            return found.clone();
        }
        let obj = self.finish_alloc_unchecked(PyStr::alloc(&self.heap, s));
        self.interned.borrow_mut().insert(s.into(), obj.clone());
        obj
    }

    /// [`Vm::intern`] of a name in the program text (a native method that reads its state
    /// by name interns the same few names on every call): found by the text's address first,
    /// in a small direct-mapped cache, without hashing the text.
    pub fn intern_static(&self, s: &'static str) -> PyRef {
        let key = s.as_ptr() as usize;
        // Fibonacci hashing of the address: literals lie packed in the binary's read-only
        // data, and the low bits alone put names one method reads together in one slot
        // (BytesIO.write's "closed", "_pos" and "_buffer" missed every call)
        let slot = (key ^ s.len()).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            >> (usize::BITS - STATIC_NAMES.trailing_zeros());
        if let Some((k, len, obj)) = &self.static_names.borrow()[slot] {
            // a literal's text never changes: the same address and length are the same text
            if *k == key && *len == s.len() {
                return obj.clone();
            }
        }
        let obj = self.intern(s);
        self.static_names.borrow_mut()[slot] = Some((key, s.len(), obj.clone()));
        obj
    }

    /// A bytes object holding a copy of `b`.
    pub fn bytes(&self, b: impl AsRef<[u8]>) -> PyRef {
        let b = b.as_ref();
        let Some(shared) = (match b {
            [c] => self.one_byte.get(usize::from(*c)),
            _ => None,
        }) else {
            return self.new_bytes(b);
        };
        if let Some(made) = shared.get() {
            return made.clone();
        }
        // made before it is stored: the allocation may run a finalizer that asks for it too
        let made = self.new_bytes(b);
        let _ = shared.set(made.clone());
        made
    }

    fn new_bytes(&self, b: &[u8]) -> PyRef {
        self.finish_alloc_unchecked(crate::objects::bytes::layout::BytesData::alloc(
            &self.heap, b,
        ))
    }

    /// A tuple (the empty one is shared).
    pub fn tuple(&self, items: Vec<PyRef>) -> PyRef {
        if items.is_empty() {
            return self.empty_tuple.clone();
        }
        self.finish_alloc_unchecked(TupleItems::alloc(&self.heap, items))
    }

    /// A tuple, raising MemoryError when the heap is full.
    pub fn new_tuple(&self, items: Vec<PyRef>) -> PyResult {
        if items.is_empty() {
            return Ok(self.empty_tuple.clone());
        }
        self.check_budget()?;
        self.finish_alloc(TupleItems::alloc(&self.heap, items))
    }

    /// A function object.
    pub fn function(&self, func: crate::objects::FunctionObj) -> PyResult {
        self.check_budget()?;
        self.finish_alloc(crate::objects::function::Function::alloc(&self.heap, func))
    }

    /// A list.
    pub fn list(&self, items: Vec<PyRef>) -> PyResult {
        self.alloc(Obj::List(ListCell::new(items)))
    }

    /// An empty dict. Like CPython, it is untracked until it holds a container.
    pub fn dict(&self) -> PyResult {
        let d = self.alloc(Obj::Dict(table::boxed(Table::new())))?;
        Gc::untrack(&d);
        Ok(d)
    }

    /// An empty set.
    pub fn set(&self, frozen: bool) -> PyResult {
        self.alloc(Obj::Set(table::boxed(Table::new_set()), frozen))
    }

    /// The source text of `range` in a compiled file (for f-string `=` debug text).
    pub fn source_slice(&self, filename: &str, range: ruff_text_size::TextRange) -> String {
        let sources = self.sources.borrow();
        let Some(src) = sources.get(filename) else {
            return String::new();
        };
        src.get(usize::from(range.start())..usize::from(range.end()))
            .unwrap_or("")
            .to_string()
    }

    /// Writes to stdout (buffered).
    pub fn write_stdout(&self, text: &str) {
        use std::io::Write;
        let _ = self.stdout.borrow_mut().write_all(text.as_bytes());
    }

    /// Flushes stdout (before anything goes to stderr, so the two interleave as in CPython).
    pub fn flush_stdout(&self) {
        use std::io::Write;
        let _ = self.stdout.borrow_mut().flush();
    }
}
