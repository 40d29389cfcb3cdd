//! The `builtins` namespace and the methods of the built-in types.

mod constructors;
mod functions;
mod methods_coroutine;
mod methods_dunder;
mod methods_misc;
mod object_reduce;
mod slot_wrappers;

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Binding, BuiltinFn};
use crate::vm::{Exc, Types, Vm};

/// Gives a new VM its built-ins: the built-in types' methods, and the builtins namespace
/// (functions, types and exception classes).
pub fn install(vm: &Vm) {
    install_methods(vm);
    constructors::install(vm);
    install_type_slots(vm);
    let set = |name: &str, value: PyRef| {
        let _ = vm.dict_set(&vm.builtins, vm.intern(name), value);
    };
    for f in functions::FUNCTIONS.iter().chain(functions::FRAME_READERS) {
        if let Ok(obj) = vm.alloc(Obj::Builtin(f)) {
            set(f.name, obj);
        }
    }
    let t = &vm.types;
    let classes = [
        &t.object,
        &t.type_,
        &t.int,
        &t.bool,
        &t.float,
        &t.complex,
        &t.str,
        &t.bytes,
        &t.bytearray,
        &t.memoryview,
        &t.list,
        &t.tuple,
        &t.dict,
        &t.set,
        &t.frozenset,
        &t.range,
        &t.enumerate,
        &t.slice,
        &t.property,
        &t.staticmethod,
        &t.classmethod,
        &t.super_,
    ];
    for class in classes {
        set(&vm.class_name(class), class.clone());
    }
    for e in Exc::ALL {
        set(e.name(), vm.types.exc(*e).clone());
    }
    // Python 2's names for OSError, kept by CPython as aliases of the same class.
    for alias in ["IOError", "EnvironmentError"] {
        set(alias, vm.types.exc(Exc::OSError).clone());
    }
    let _ = install_system_exit_code(vm);
    let _ = install_attributes(vm);
    // ExceptionGroup was made before its base got its `__new__` and properties: the flags
    // that say so are inherited now, as a class statement would have
    let (base, group) = (
        vm.types.exc(Exc::BaseExceptionGroup),
        vm.types.exc(Exc::ExceptionGroup),
    );
    if let (Obj::Class(b), Obj::Class(g)) = (&**base, &**group) {
        g.flags.set(g.flags.get() | b.flags.get());
    }
    slot_wrappers::install_unhashable(vm);
    set("None", vm.none());
    set("Ellipsis", vm.ellipsis());
    set("NotImplemented", vm.not_implemented());
    set("__name__", vm.intern("__main__"));
    vm.type_cache.invalidate();
}

/// Registers the built-in types' slot tables with the VM.
fn install_type_slots(vm: &Vm) {
    use crate::objects::{bytearray, bytes, dict, list, memoryview, set, str, tuple};
    use crate::vm::slots::Slotted;
    let tables = [
        (Slotted::Str, &str::TYPE),
        (Slotted::Bytes, &bytes::TYPE),
        (Slotted::ByteArray, &bytearray::TYPE),
        (Slotted::MemoryView, &memoryview::TYPE),
        (Slotted::List, &list::TYPE),
        (Slotted::Tuple, &tuple::TYPE),
        (Slotted::Dict, &dict::TYPE),
        (Slotted::Set, &set::SET_TYPE),
        (Slotted::FrozenSet, &set::FROZENSET_TYPE),
    ];
    for (kind, table) in tables {
        vm.set_type_slots(kind, table);
    }
}

/// Puts the built-in methods into the types' namespaces.
fn install_methods(vm: &Vm) {
    for (ty, methods) in method_tables(&vm.types) {
        for m in methods {
            let mut f = vm.alloc(Obj::Builtin(m)).unwrap_or_else(|_| vm.none());
            let wrapped = match m.binding {
                Binding::Method => None,
                Binding::Static => Some(Obj::StaticMethod(f.clone())),
                Binding::Class => Some(Obj::ClassMethod(f.clone())),
            };
            if let Some(wrapped) = wrapped {
                f = vm.alloc(wrapped).unwrap_or_else(|_| vm.none());
            }
            vm.class_set_attr(ty, &vm.intern(m.name), f);
        }
    }
}

/// `SystemExit.code`'s getter: None without arguments, the one argument, or all of them.
static SYSTEM_EXIT_CODE: BuiltinFn = BuiltinFn::new("code", |vm, a| {
    let args = vm.get_attr(&a.pos[0], &vm.intern("args"))?;
    let items = vm.collect(&args)?;
    Ok(match items.as_slice() {
        [] => vm.none(),
        [one] => one.clone(),
        _ => args,
    })
});

/// `SystemExit.code`, read from the exception's arguments (sys.exit's status).
fn install_system_exit_code(vm: &Vm) -> crate::vm::PyResult<()> {
    install_getters(vm, vm.types.exc(Exc::SystemExit), &[&SYSTEM_EXIT_CODE])
}

/// Installs each getter on `class` as a read-only attribute of its name.
fn install_getters(
    vm: &Vm,
    class: &PyRef,
    getters: &[&'static BuiltinFn],
) -> crate::vm::PyResult<()> {
    for &def in getters {
        let getter = vm.alloc(Obj::Builtin(def))?;
        let property = vm.alloc(Obj::Property(Box::new(
            crate::objects::property::PropertyObj::getter_only(getter),
        )))?;
        vm.class_set_attr(class, &vm.intern(def.name), property);
    }
    Ok(())
}

/// The read-only attributes of the final built-in types (no subclass inherits their
/// properties), and `object`'s `__class__` and `__doc__` entries that `dir()` lists (reads
/// of both are answered before the class dict is consulted).
fn install_attributes(vm: &Vm) -> crate::vm::PyResult<()> {
    let t = &vm.types;
    let each = |defs: &'static [BuiltinFn]| defs.iter().collect::<Vec<_>>();
    install_getters(vm, &t.range, &each(crate::objects::range::ATTRIBUTES))?;
    install_getters(vm, &t.slice, &each(methods_dunder::SLICE_ATTRIBUTES))?;
    for descr in [&t.getset_descriptor, &t.member_descriptor] {
        install_getters(vm, descr, &each(methods_dunder::DESCRIPTOR_ATTRIBUTES))?;
    }
    install_getters(
        vm,
        t.exc(Exc::BaseExceptionGroup),
        &each(crate::vm::exception_group::ATTRIBUTES),
    )?;
    install_getters(
        vm,
        &t.memoryview,
        &each(crate::objects::memoryview::ATTRIBUTES),
    )?;
    let class_name = vm.intern("__class__");
    let descr = vm.alloc(Obj::GetSetDescr(Box::new((
        t.object.clone(),
        class_name.clone(),
    ))))?;
    vm.class_set_attr(&t.object, &class_name, descr);
    vm.class_set_attr(&t.object, &vm.intern("__doc__"), vm.none());
    Ok(())
}

/// Each built-in type with its methods.
fn method_tables(t: &Types) -> Vec<(&PyRef, &'static [BuiltinFn])> {
    // the slot wrappers first: a type's own method of the same name replaces its wrapper
    let mut tables = slot_wrappers::tables(t);
    tables.push((&t.iterator, methods_misc::ITERATOR));
    tables.push((&t.iterator, crate::objects::iter_pickle::METHODS));
    tables.push((&t.enumerate, methods_misc::ITERATOR));
    tables.push((&t.enumerate, crate::objects::enumerate::METHODS));
    tables.push((&t.generator, methods_misc::ITERATOR));
    tables.extend(vec![
        (&t.str, crate::objects::str::TYPE.methods),
        (&t.list, crate::objects::list::TYPE.methods),
        (&t.tuple, crate::objects::tuple::TYPE.methods),
        (&t.dict, crate::objects::dict::TYPE.methods),
        (&t.set, crate::objects::set::SET_TYPE.methods),
        (&t.frozenset, crate::objects::set::FROZENSET_TYPE.methods),
        (&t.int, crate::objects::int::METHODS),
        (&t.float, crate::objects::float::METHODS),
        (&t.complex, crate::objects::complex::METHODS),
        (&t.weakref, methods_misc::WEAKREF),
        (&t.bytearray, crate::objects::bytearray::TYPE.methods),
        (&t.memoryview, crate::objects::memoryview::TYPE.methods),
        (&t.bytes, crate::objects::bytes::TYPE.methods),
        (&t.generator, methods_coroutine::GENERATOR),
        (&t.coroutine, methods_coroutine::COROUTINE),
        (&t.async_generator, methods_coroutine::ASYNC_GENERATOR),
        (&t.coroutine_wrapper, methods_coroutine::AWAIT_HELPER),
        (&t.coroutine_wrapper, methods_misc::ITERATOR),
        (&t.async_generator_asend, methods_coroutine::AWAIT_HELPER),
        (&t.async_generator_asend, methods_misc::ITERATOR),
        (&t.async_generator_athrow, methods_coroutine::AWAIT_HELPER),
        (&t.async_generator_athrow, methods_misc::ITERATOR),
        (&t.object, methods_misc::OBJECT),
        (&t.object, methods_dunder::OBJECT),
        (&t.int, methods_dunder::ROUND),
        (&t.float, methods_dunder::ROUND),
        (&t.list, methods_dunder::REVERSED),
        (&t.dict, methods_dunder::REVERSED),
        (&t.range, methods_dunder::REVERSED),
        (&t.range, crate::objects::range::METHODS),
        (&t.slice, methods_dunder::SLICE),
        (&t.str, methods_dunder::GETNEWARGS),
        (&t.tuple, methods_dunder::GETNEWARGS),
        (&t.bytes, methods_dunder::GETNEWARGS),
        (&t.object, object_reduce::OBJECT_REDUCE),
        (&t.type_, crate::vm::type_new::TYPE_METHODS),
        (&t.type_, methods_dunder::TYPE),
        (&t.getset_descriptor, methods_dunder::DESCRIPTOR),
        (&t.member_descriptor, methods_dunder::DESCRIPTOR),
        (&t.property, crate::objects::property::PROPERTY_METHODS),
        (t.exc(Exc::BaseException), methods_misc::BASE_EXCEPTION),
        (
            t.exc(Exc::BaseExceptionGroup),
            crate::vm::exception_group::METHODS,
        ),
    ]);
    tables
}
