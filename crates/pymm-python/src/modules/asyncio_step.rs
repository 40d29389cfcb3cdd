//! `_asyncio_step`: the resumption of a task's coroutine, which CPython's `_asyncio`
//! (`Modules/_asynciomodule.c`, `task_step_impl`) does in C. `resume` sends None into the
//! coroutine (or throws `exc`) and tells a yield from a return without the StopIteration
//! that `coro.send` raises when the coroutine finishes (made, raised, matched and unpacked
//! once per task otherwise; CPython takes the value the same way,
//! `_PyGen_FetchStopIterationValue` on an unnormalized StopIteration). `Task.__step`
//! (asyncio_task.rs) calls it once per step; `step(coro, exc)` gives the same to Python
//! code that drives a coroutine itself.

use crate::objects::frame::Step;
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{Exc, PyResult, Vm};

/// `.args(1, 1)`: one argument after the first (the declared arity counts after a receiver).
static FUNCTIONS: &[BuiltinFn] = &[BuiltinFn::new("step", step).args(1, 1)];

/// `step(coro, exc)`: `(False, value)` when the coroutine yielded `value`, `(True, value)`
/// when it returned `value`; an exception it raised propagates. `exc` None sends None,
/// an exception instance is thrown in.
fn step(vm: &Vm, a: Args<'_>) -> PyResult {
    let (coro, exc) = (&a.pos[0], &a.pos[1]);
    let (done, value) = match resume(vm, coro, exc)? {
        Step::Yielded(v) => (false, v),
        Step::Returned(v) => (true, v),
    };
    vm.new_tuple(vec![vm.bool(done), value])
}

/// `coro.send(None)` (`exc` None) or `coro.throw(exc)`: what the coroutine yielded, or
/// what it returned.
pub(super) fn resume(vm: &Vm, coro: &PyRef, exc: &PyRef) -> PyResult<Step> {
    let throw = if vm.is_none(exc) {
        None
    } else {
        // as coro.throw(exc) takes it: an instance as it is, a class instantiated
        Some(vm.make_exception(exc)?)
    };
    match &**coro {
        Obj::Generator(_) => vm.gen_step(coro, vm.none(), throw),
        // a coroutine-like object of another kind: its own send/throw methods
        _ => other_step(vm, coro, exc),
    }
}

/// `coro.send(None)` or `coro.throw(exc)` by name, a StopIteration taken as the return.
fn other_step(vm: &Vm, coro: &PyRef, exc: &PyRef) -> PyResult<Step> {
    let sent = if vm.is_none(exc) {
        let send = vm.get_attr(coro, &vm.intern_static("send"))?;
        vm.call(&send, &[vm.none()])
    } else {
        let throw = vm.get_attr(coro, &vm.intern_static("throw"))?;
        vm.call(&throw, std::slice::from_ref(exc))
    };
    match sent {
        Ok(v) => Ok(Step::Yielded(v)),
        Err(e) if vm.exc_matches(&e.0, Exc::StopIteration) => Ok(Step::Returned(vm.stop_value(&e))),
        Err(e) => Err(e),
    }
}

pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("_asyncio_step")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}
