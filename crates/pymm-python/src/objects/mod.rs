//! Python objects: one Rust type, [`Obj`], of which every Python value is a `Gc<Obj>`.
//!
//! Immutable atoms (numbers, strings, bytes, ranges) are allocated as non-containers, so the
//! collector never tracks nor scans them; everything that can hold a reference is a container.
//! Mutable payloads sit in cells; [`Trace`] reads them with `try_borrow` and reports a
//! busy cell to the collector, which then treats the object as alive.
//!
//! Every object is one block of pymm's pools: header (and collector links), then the
//! two-word `Obj`. Variable-size objects carry the rest in the same block, after the `Obj`
//! (pymm's tails, as CPython's `PyObject_VAR_HEAD` objects): a tuple's items ([`tuple`]), an
//! instance's attribute values ([`instance`]; its class sits in the `Obj`). A list keeps its
//! item array's pointer inside the `Obj` ([`list`]); a suspended generator its frame in a
//! block of the pools ([`frame`]). Sizes, as `sys.getsizeof` reports them:
//!
//! | object | pymm block | CPython 3.11 object |
//! |---|---|---|
//! | int, float | 32 | 28 / 24 (a 32-byte block) |
//! | 2-tuple | 64 | 56 (64) |
//! | `[]` / `[1, 2]` | 48 / 48 + 24 | 56 / 56 + 16 |
//! | instance, 2 attributes | 64 | 48 + a values array |
//! | instance, 2 `__slots__` | 64 | 48 |
//! | generator of `def g(x): yield x` | 48 + 32 + 48 (box, frame store) | 184 |

pub mod builtin;
pub mod bytearray;
pub mod bytes;
pub mod cell;
pub mod class;
pub mod complex;
pub mod dict;
pub mod enumerate;
pub mod float;
pub mod frame;
pub mod function;
pub mod instance;
pub mod int;
pub mod iter;
pub mod iter_pickle;
pub mod list;
pub mod memoryview;
pub mod mro;
pub mod property;
pub mod range;
pub mod set;
mod sizes;
pub mod str;
pub mod table;
#[cfg(test)]
mod testing;
mod trace;
pub mod tuple;

use std::cell::{Cell, RefCell};

use num_bigint::BigInt;

use crate::rt::{Gc, Weak};

use builtin::BuiltinFn;
pub use class::ClassObj;
pub use frame::{FrameObj, GenObj};
pub use function::FunctionObj;
pub use instance::{InstanceData, Shape};
pub use iter::IterState;
pub use list::ListCell;
pub use str::PyStr;
pub use table::{Table, TableBox};
pub use tuple::TupleItems;

/// A reference to a Python object.
pub type PyRef = Gc<Obj>;

/// A compiled code object, its constants Python objects.
pub type Code = crate::compile::Code<PyRef>;

// A tag and one word: with pymm's 8-byte header (`Obj` is compact) an int or a float fills 24
// bytes of a 32-byte block, CPython's size. Payloads wider than a word are boxed (or inline in the block's tail, like a str's text, a bytes' bytes and a tuple's items).
const _: () = assert!(std::mem::size_of::<Obj>() == 16);

/// Every Python value.
pub enum Obj {
    /// `None`.
    None,
    /// `NotImplemented`, returned by binary special methods.
    NotImplemented,
    /// `...`.
    Ellipsis,
    /// Marker pushed by `LOAD_METHOD` when the attribute is not a method; never visible.
    Null,
    /// `True` / `False`.
    Bool(bool),
    /// An int that fits in 64 bits (the fast path).
    Int(i64),
    /// An int that does not fit in 64 bits; never holds a value that would fit.
    BigInt(Box<BigInt>),
    /// A float.
    Float(f64),
    /// A str.
    Str(PyStr),
    /// A bytes object.
    Bytes(bytes::BytesData),
    /// `range(start, stop, step)`.
    Range(Box<[i64; 3]>),
    /// A range with a bound past 64 bits (see [`range::value`]); never holds bounds that
    /// would all fit.
    BigRange(Box<range::value::Bounds>),
    /// `slice(start, stop, step)`.
    Slice(Box<[PyRef; 3]>),
    /// A tuple: its items inline in the block (see [`tuple`]).
    Tuple(TupleItems),
    /// A list: its item array's pointer inline (see [`list`]).
    List(ListCell),
    /// A dict (insertion ordered): its table in pymm's pools.
    Dict(TableBox),
    /// A set (`frozen` for frozenset): its table in pymm's pools.
    Set(TableBox, bool),
    /// An instance of a user class (exceptions included): class and attribute values
    /// inline in the block (see [`instance`]).
    Instance(InstanceData),
    /// A class (user-defined or built-in type).
    Class(Box<ClassObj>),
    /// A Python function.
    Function(function::Function),
    /// A bound method: (function, self).
    Method(Box<(PyRef, PyRef)>),
    /// A built-in function or unbound built-in method.
    Builtin(&'static BuiltinFn),
    /// A built-in method bound to its receiver.
    BoundBuiltin(Box<(PyRef, &'static BuiltinFn)>),
    /// A closure cell.
    Cell(cell::CellObj),
    /// A frame that has left the frame stack but is still referenced (tracebacks).
    Frame(Box<FrameObj>),
    /// A generator.
    Generator(frame::GenBox),
    /// A traceback: (frame, line) pairs, innermost last.
    Traceback(Box<RefCell<Vec<(PyRef, u32)>>>),
    /// A built-in iterator.
    Iter(Box<RefCell<IterState>>),
    /// A module: name and namespace dict.
    Module(Box<(PyRef, PyRef)>),
    /// `property(fget, fset, fdel, doc)` (see [`property`]).
    Property(Box<property::PropertyObj>),
    /// `staticmethod(f)`.
    StaticMethod(PyRef),
    /// `classmethod(f)`.
    ClassMethod(PyRef),
    /// `weakref.ref`: the referent (weakly) and the callback.
    WeakRef(Box<WeakRefObj>),
    /// `super()` bound to (class where the method was defined, self).
    Super(Box<(PyRef, PyRef)>),
    /// A complex number: (real, imaginary).
    Complex(Box<complex::value::Complex>),
    /// The `__dict__` or `__weakref__` attribute a class defines for its instances (CPython's
    /// getset descriptor): (the class, the name). It refers back to its class, so that a
    /// class is a reference cycle, freed by the collector, as in CPython.
    GetSetDescr(Box<(PyRef, PyRef)>),
    /// A code object (`f.__code__`, `frame.f_code`): the compiled code it shows.
    Code(std::rc::Rc<Code>),
    /// A bytearray: mutable bytes (no references, so never tracked).
    ByteArray(Box<bytes::ByteArrayObj>),
    /// A memoryview: its exporter and where its items are (see [`memoryview`]).
    MemoryView(Box<memoryview::layout::MemoryViewObj>),
}

/// True when a class's `GetSetDescr` attribute named `name` stands for one of its
/// `__slots__` (CPython's member descriptor), not for `__dict__`, `__weakref__` or
/// `__class__`.
pub fn is_slot_member(name: &PyRef) -> bool {
    !matches!(
        name.as_str(),
        Some("__dict__" | "__weakref__" | "__class__")
    )
}

/// A weak reference object.
pub struct WeakRefObj {
    /// The referent; set right after the weak reference object exists.
    pub target: RefCell<Option<Weak<Obj>>>,
    /// Called with the weak reference when the referent dies.
    pub callback: RefCell<Option<PyRef>>,
    /// Hash of the referent, remembered so a dead reference stays hashable.
    pub hash: Cell<Option<i64>>,
    /// For the value of an instance of a subclass of `weakref.ref`: that instance, which
    /// callbacks receive and `getweakrefs` lists instead.
    pub owner: RefCell<Option<Weak<Obj>>>,
}

impl Obj {
    /// True for values that hold no references and so are never tracked by the collector.
    pub fn is_atom(&self) -> bool {
        matches!(
            self,
            Obj::None
                | Obj::NotImplemented
                | Obj::Ellipsis
                | Obj::Null
                | Obj::Bool(_)
                | Obj::Int(_)
                | Obj::BigInt(_)
                | Obj::Float(_)
                | Obj::Complex(_)
                | Obj::Code(_)
                | Obj::ByteArray(_)
                | Obj::Str(_)
                | Obj::Bytes(_)
                | Obj::Range(_)
                | Obj::BigRange(_)
                | Obj::Builtin(_)
        )
    }

    /// The str payload, if this is a str.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Obj::Str(s) => Some(s.as_str()),
            _ => None,
        }
    }

    /// The i64 payload of an int or bool, if it fits.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Obj::Int(i) => Some(*i),
            Obj::Bool(b) => Some(*b as i64),
            _ => None,
        }
    }
}
