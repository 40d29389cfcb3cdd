//! Methods of generators, coroutines, async generators and the awaitable helpers
//! (`coro.__await__()`, `agen.asend()`, `agen.athrow()`, `agen.aclose()`).

use crate::objects::frame::{AwaitKind, GenKind};
use crate::objects::iter::IterState;
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyErr, PyResult, Vm};

/// Generator methods.
pub static GENERATOR: &[BuiltinFn] = &[
    BuiltinFn::new("send", gen_send),
    BuiltinFn::new("close", gen_close),
    BuiltinFn::new("throw", gen_throw),
];

/// Coroutine methods.
pub static COROUTINE: &[BuiltinFn] = &[
    BuiltinFn::new("send", gen_send),
    BuiltinFn::new("close", gen_close),
    BuiltinFn::new("throw", gen_throw),
    BuiltinFn::new("__await__", coro_await),
];

/// Async generator methods.
pub static ASYNC_GENERATOR: &[BuiltinFn] = &[
    BuiltinFn::new("__aiter__", agen_aiter),
    BuiltinFn::new("__anext__", agen_anext),
    BuiltinFn::new("asend", agen_asend),
    BuiltinFn::new("athrow", agen_athrow),
    BuiltinFn::new("aclose", agen_aclose),
];

/// Methods of the awaitable helpers (with `__iter__` and `__next__` from the iterators').
pub static AWAIT_HELPER: &[BuiltinFn] = &[
    BuiltinFn::new("send", helper_send),
    BuiltinFn::new("throw", helper_throw),
    BuiltinFn::new("close", helper_close),
    BuiltinFn::new("__await__", helper_await),
];

/// The receiver, if it is a generator-like object of `kind`.
fn receiver<'a>(vm: &Vm, a: &Args<'a>, kind: Option<GenKind>) -> PyResult<&'a PyRef> {
    match a.pos.first() {
        Some(g) if matches!(&**g, Obj::Generator(o) if kind.is_none_or(|k| o.kind == k)) => Ok(g),
        _ => Err(vm.type_error(format!(
            "descriptor requires a '{}' object",
            kind.map_or("generator", GenKind::type_name)
        ))),
    }
}

/// A resumption's result as a method returns it: the value yielded, or StopIteration.
fn finish_step(vm: &Vm, step: PyResult<Option<PyRef>>) -> PyResult {
    match step? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration_empty()),
    }
}

/// The exception `throw(typ[, val[, tb]])` raises (the value instantiates a class).
pub fn thrown_exception(vm: &Vm, args: &[PyRef]) -> PyResult<PyErr> {
    let Some(typ) = args.first() else {
        return Err(vm.type_error("throw expected at least 1 argument, got 0"));
    };
    Ok(match (&**typ, args.get(1)) {
        (Obj::Class(_), Some(value)) if !vm.is_none(value) => {
            if super::functions::is_instance(vm, value, typ)? {
                PyErr(value.clone())
            } else {
                PyErr(vm.instantiate_exception(typ.clone(), vec![value.clone()])?)
            }
        }
        _ => vm.make_exception(typ)?,
    })
}

fn gen_send(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "send", 2, 2, &[])?;
    let g = receiver(vm, &a, None)?;
    finish_step(vm, vm.gen_resume(g, a.pos[1].clone(), None))
}

fn gen_close(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "close", 1, 1, &[])?;
    vm.gen_close(receiver(vm, &a, None)?)?;
    Ok(vm.none())
}

fn gen_throw(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "throw", 2, 4, &[])?;
    let g = receiver(vm, &a, None)?;
    let exc = thrown_exception(vm, &a.pos[1..])?;
    finish_step(vm, vm.gen_resume(g, vm.none(), Some(exc)))
}

/// `coro.__await__()`: an iterator over the coroutine.
fn coro_await(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "__await__", 1, 1, &[])?;
    let coro = receiver(vm, &a, Some(GenKind::Coroutine))?;
    vm.new_await_iter(AwaitKind::CoroWrapper, coro, None)
}

fn agen_aiter(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "__aiter__", 1, 1, &[])?;
    receiver(vm, &a, Some(GenKind::AsyncGenerator)).cloned()
}

fn agen_anext(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "__anext__", 1, 1, &[])?;
    let agen = receiver(vm, &a, Some(GenKind::AsyncGenerator))?;
    vm.new_await_iter(AwaitKind::ASend, agen, None)
}

fn agen_asend(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "asend", 2, 2, &[])?;
    let agen = receiver(vm, &a, Some(GenKind::AsyncGenerator))?;
    vm.new_await_iter(AwaitKind::ASend, agen, Some(a.pos[1].clone()))
}

fn agen_athrow(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "athrow", 2, 4, &[])?;
    let agen = receiver(vm, &a, Some(GenKind::AsyncGenerator))?;
    let exc = thrown_exception(vm, &a.pos[1..])?;
    vm.new_await_iter(AwaitKind::AThrow, agen, Some(exc.0))
}

fn agen_aclose(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "aclose", 1, 1, &[])?;
    let agen = receiver(vm, &a, Some(GenKind::AsyncGenerator))?;
    vm.new_await_iter(AwaitKind::AClose, agen, None)
}

/// The receiver, if it is an awaitable helper.
fn helper<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<&'a PyRef> {
    match a.pos.first() {
        Some(it) if matches!(&**it, Obj::Iter(s) if matches!(&*s.borrow(), IterState::Await(_))) => {
            Ok(it)
        }
        _ => Err(vm.type_error("descriptor requires an awaitable helper object")),
    }
}

fn helper_send(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "send", 2, 2, &[])?;
    let it = helper(vm, &a)?;
    finish_step(vm, vm.await_iter_send(it, a.pos[1].clone(), None))
}

fn helper_throw(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "throw", 2, 4, &[])?;
    let it = helper(vm, &a)?;
    let exc = thrown_exception(vm, &a.pos[1..])?;
    finish_step(vm, vm.await_iter_send(it, vm.none(), Some(exc)))
}

fn helper_close(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "close", 1, 1, &[])?;
    let it = helper(vm, &a)?;
    vm.await_iter_close(it);
    Ok(vm.none())
}

fn helper_await(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "__await__", 1, 1, &[])?;
    helper(vm, &a).cloned()
}
