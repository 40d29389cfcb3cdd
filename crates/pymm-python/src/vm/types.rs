//! The built-in types, as class objects, and the exception hierarchy.

use std::cell::RefCell;

use super::exceptions::Exc;
use crate::objects::class::{ClassObj, TypeKind};
use crate::objects::{Obj, PyRef, Table};
use crate::rt::{Gc, Heap};

/// Class objects of the built-in types.
pub struct Types {
    /// The `object` type.
    pub object: PyRef,
    /// The `type` type.
    pub type_: PyRef,
    /// The `int` type.
    pub int: PyRef,
    /// The `bool` type.
    pub bool: PyRef,
    /// The `float` type.
    pub float: PyRef,
    /// The `complex` type.
    pub complex: PyRef,
    /// The type of a class's `__dict__` and `__weakref__` attributes.
    pub getset_descriptor: PyRef,
    /// The type of a class's attributes for its `__slots__`.
    pub member_descriptor: PyRef,
    /// The type of code objects.
    pub code: PyRef,
    /// The `bytearray` type.
    pub bytearray: PyRef,
    /// The `memoryview` type.
    pub memoryview: PyRef,
    /// The `str` type.
    pub str: PyRef,
    /// The `bytes` type.
    pub bytes: PyRef,
    /// The `list` type.
    pub list: PyRef,
    /// The `tuple` type.
    pub tuple: PyRef,
    /// The `dict` type.
    pub dict: PyRef,
    /// The `set` type.
    pub set: PyRef,
    /// The `frozenset` type.
    pub frozenset: PyRef,
    /// The `range` type.
    pub range: PyRef,
    /// The `slice` type.
    pub slice: PyRef,
    /// The `none_type` type.
    pub none_type: PyRef,
    /// The `not_implemented_type` type.
    pub not_implemented_type: PyRef,
    /// The `ellipsis_type` type.
    pub ellipsis_type: PyRef,
    /// The `function` type.
    pub function: PyRef,
    /// The `method` type.
    pub method: PyRef,
    /// The `builtin_function` type.
    pub builtin_function: PyRef,
    /// The `cell` type.
    pub cell: PyRef,
    /// The `frame` type.
    pub frame: PyRef,
    /// The `generator` type.
    pub generator: PyRef,
    /// The `coroutine` type.
    pub coroutine: PyRef,
    /// The `async_generator` type.
    pub async_generator: PyRef,
    /// The type of `coro.__await__()`.
    pub coroutine_wrapper: PyRef,
    /// The type of `agen.asend(v)` and `agen.__anext__()`.
    pub async_generator_asend: PyRef,
    /// The type of `agen.athrow(...)` and `agen.aclose()`.
    pub async_generator_athrow: PyRef,
    /// The `traceback` type.
    pub traceback: PyRef,
    /// The `iterator` type.
    pub iterator: PyRef,
    /// The `enumerate` type (its instances are iterators of [`IterState::Enumerate`]).
    ///
    /// [`IterState::Enumerate`]: crate::objects::iter::IterState::Enumerate
    pub enumerate: PyRef,
    /// The `dict_view` type.
    pub dict_view: PyRef,
    /// The `module` type.
    pub module: PyRef,
    /// The `property` type.
    pub property: PyRef,
    /// The `staticmethod` type.
    pub staticmethod: PyRef,
    /// The `classmethod` type.
    pub classmethod: PyRef,
    /// The `weakref` type.
    pub weakref: PyRef,
    /// The `super` type.
    pub super_: PyRef,
    /// Exception classes, indexed by [`Exc`].
    pub exceptions: Vec<PyRef>,
}

/// Makes a class object.
pub fn new_class(heap: &Heap, name: &str, base: Option<&PyRef>, kind: TypeKind) -> PyRef {
    let mro = base.map_or_else(Vec::new, crate::objects::mro::class_and_mro);
    class_with_bases(heap, name, base.into_iter().cloned().collect(), mro, kind)
}

/// Makes a class object with `bases` and `mro` (`__mro__[1:]`).
fn class_with_bases(
    heap: &Heap,
    name: &str,
    bases: Vec<PyRef>,
    mro: Vec<PyRef>,
    kind: TypeKind,
) -> PyRef {
    let class = Gc::new_in(
        Obj::Class(Box::new(ClassObj {
            name: name.into(),
            bases: bases.into(),
            mro: mro.into(),
            attrs: RefCell::new(Table::new()),
            slots: None,
            keys: RefCell::new(Vec::new()),
            keys_at_last_instance: std::cell::Cell::new(u32::MAX),
            slot_keys: std::cell::Cell::new(0),
            kind,
            metaclass: None,
            constructor: std::cell::Cell::new(0),
            flags: std::cell::Cell::new(0),
            serial: ClassObj::next_serial(),
        })),
        heap,
    );
    // like CPython's static types, the built-in ones live as long as the interpreter and
    // the collector never tracks them (gc.is_tracked(int) is False)
    Gc::untrack(&class);
    class
}

impl Types {
    /// Creates every built-in type.
    pub fn new(heap: &Heap) -> Self {
        let object = new_class(heap, "object", None, TypeKind::Object);
        let b = |name: &str| new_class(heap, name, Some(&object), TypeKind::Builtin);
        let int = b("int");
        let exceptions = build_exceptions(heap, &object);
        Types {
            type_: b("type"),
            bool: new_class(heap, "bool", Some(&int), TypeKind::Builtin),
            int,
            float: b("float"),
            complex: b("complex"),
            getset_descriptor: b("getset_descriptor"),
            member_descriptor: b("member_descriptor"),
            code: b("code"),
            bytearray: b("bytearray"),
            memoryview: b("memoryview"),
            str: b("str"),
            bytes: b("bytes"),
            list: b("list"),
            tuple: b("tuple"),
            dict: b("dict"),
            set: b("set"),
            frozenset: b("frozenset"),
            range: b("range"),
            slice: b("slice"),
            none_type: b("NoneType"),
            not_implemented_type: b("NotImplementedType"),
            ellipsis_type: b("ellipsis"),
            function: b("function"),
            method: b("method"),
            builtin_function: b("builtin_function_or_method"),
            cell: b("cell"),
            frame: b("frame"),
            generator: b("generator"),
            coroutine: b("coroutine"),
            async_generator: b("async_generator"),
            coroutine_wrapper: b("coroutine_wrapper"),
            async_generator_asend: b("async_generator_asend"),
            async_generator_athrow: b("async_generator_athrow"),
            traceback: b("traceback"),
            iterator: b("iterator"),
            enumerate: b("enumerate"),
            dict_view: b("dict_view"),
            module: b("module"),
            property: b("property"),
            staticmethod: b("staticmethod"),
            classmethod: b("classmethod"),
            weakref: b("weakref.ReferenceType"),
            super_: b("super"),
            exceptions,
            object,
        }
    }

    /// The class of exception kind `e`.
    pub fn exc(&self, e: Exc) -> &PyRef {
        &self.exceptions[e as usize]
    }
}

fn build_exceptions(heap: &Heap, object: &PyRef) -> Vec<PyRef> {
    let mut classes: Vec<PyRef> = Vec::new();
    for e in Exc::ALL {
        let base = match e.parent() {
            Some(p) => classes[p as usize].clone(),
            None => object.clone(),
        };
        let mut bases = vec![base];
        if *e == Exc::ExceptionGroup {
            // ExceptionGroup(BaseExceptionGroup, Exception)
            bases.push(classes[Exc::Exception as usize].clone());
        }
        // the C3 merge only where there are two bases (it costs a startup's 100k
        // instructions if run for every class)
        let mro = match bases.as_slice() {
            [one] => crate::objects::mro::class_and_mro(one),
            _ => crate::objects::mro::linearize(&bases).unwrap_or_default(),
        };
        classes.push(class_with_bases(
            heap,
            e.name(),
            bases,
            mro,
            TypeKind::Object,
        ));
    }
    classes
}
