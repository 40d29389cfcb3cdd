//! Python objects: one Rust type, [`Obj`], of which every Python value is a `Gc<Obj>`.
//!
//! Immutable atoms (numbers, strings, bytes, ranges) are allocated as non-containers, so the
//! collector never tracks nor scans them; everything that can hold a reference is a container.
//! Mutable payloads sit in `RefCell`s; [`Trace`] reads them with `try_borrow` and reports a
//! busy cell to the collector, which then treats the object as alive.

pub mod class;
pub mod float;
pub mod frame;
pub mod function;
pub mod int;
pub mod iter;
pub mod mro;
mod sizes;
pub mod str;
pub mod table;
mod trace;

use std::cell::{Cell, RefCell};

use num_bigint::BigInt;
use thin_vec::ThinVec;

use crate::rt::{Gc, Weak};
use crate::vm::builtin::BuiltinFn;

pub use class::ClassObj;
pub use frame::{FrameObj, GenObj};
pub use function::FunctionObj;
pub use iter::IterState;
pub use str::PyStr;
pub use table::{Table, TableBox};

/// A reference to a Python object.
pub type PyRef = Gc<Obj>;

// A tag and one word: with pymm's 16-byte header an int or a float takes a 32-byte block, as
// in CPython. Payloads wider than a word are boxed (or thin, like `PyStr` and `ThinVec`).
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
    Bytes(ThinVec<u8>),
    /// `range(start, stop, step)`.
    Range(Box<[i64; 3]>),
    /// `slice(start, stop, step)`.
    Slice(Box<[PyRef; 3]>),
    /// A tuple.
    Tuple(ThinVec<PyRef>),
    /// A list.
    List(Box<RefCell<Vec<PyRef>>>),
    /// A dict (insertion ordered): its table in pymm's pools.
    Dict(TableBox),
    /// A set (`frozen` for frozenset): its table in pymm's pools.
    Set(TableBox, bool),
    /// An instance of a user class (exceptions included): class and attributes inline.
    Instance(Box<Instance>),
    /// A class (user-defined or built-in type).
    Class(Box<ClassObj>),
    /// A Python function.
    Function(Box<FunctionObj>),
    /// A bound method: (function, self).
    Method(Box<(PyRef, PyRef)>),
    /// A built-in function or unbound built-in method.
    Builtin(&'static BuiltinFn),
    /// A built-in method bound to its receiver.
    BoundBuiltin(Box<(PyRef, &'static BuiltinFn)>),
    /// A closure cell.
    Cell(Box<RefCell<Option<PyRef>>>),
    /// A frame that has left the frame stack but is still referenced (tracebacks).
    Frame(Box<FrameObj>),
    /// A generator.
    Generator(Box<GenObj>),
    /// A traceback: (frame, line) pairs, innermost last.
    Traceback(Box<RefCell<Vec<(PyRef, u32)>>>),
    /// A built-in iterator.
    Iter(Box<RefCell<IterState>>),
    /// A module: name and namespace dict.
    Module(Box<(PyRef, PyRef)>),
    /// `property(fget, fset)`.
    Property(Box<[Option<PyRef>; 2]>),
    /// `staticmethod(f)`.
    StaticMethod(PyRef),
    /// `classmethod(f)`.
    ClassMethod(PyRef),
    /// `weakref.ref`: the referent (weakly) and the callback.
    WeakRef(Box<WeakRefObj>),
    /// `super()` bound to (class where the method was defined, self).
    Super(Box<(PyRef, PyRef)>),
}

/// An instance: its class and its attributes, stored inline (no per-instance hash map).
pub struct Instance {
    /// The class.
    pub class: PyRef,
    /// Attributes as (interned name, value), in insertion order.
    pub attrs: RefCell<ThinVec<(PyRef, PyRef)>>,
    /// For an instance of a subclass of a built-in type (`class Stack(list)`), the built-in
    /// value it extends: built-in methods and operations act on it.
    pub base_value: Option<PyRef>,
}

impl Obj {
    /// A new instance of `class` with no attributes.
    pub fn new_instance(class: PyRef) -> Obj {
        Self::new_instance_extending(class, None)
    }

    /// A new instance of `class`, a subclass of a built-in type, extending `base_value`.
    pub fn new_instance_extending(class: PyRef, base_value: Option<PyRef>) -> Obj {
        Obj::Instance(Box::new(Instance {
            class,
            attrs: RefCell::new(ThinVec::new()),
            base_value,
        }))
    }
}

/// A weak reference object.
pub struct WeakRefObj {
    /// The referent; set right after the weak reference object exists.
    pub target: RefCell<Option<Weak<Obj>>>,
    /// Called with the weak reference when the referent dies.
    pub callback: RefCell<Option<PyRef>>,
    /// Hash of the referent, remembered so a dead reference stays hashable.
    pub hash: Cell<Option<i64>>,
}

impl Drop for Obj {
    /// Lists and tuples release their items last to first, as CPython's deallocators do
    /// (the order in which `__del__` methods run shows it).
    fn drop(&mut self) {
        match self {
            Obj::List(items) => {
                let items = items.get_mut();
                while let Some(item) = items.pop() {
                    drop(item);
                }
            }
            Obj::Tuple(items) => {
                while let Some(item) = items.pop() {
                    drop(item);
                }
            }
            _ => {}
        }
    }
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
                | Obj::Str(_)
                | Obj::Bytes(_)
                | Obj::Range(_)
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
