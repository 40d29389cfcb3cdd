//! `_asyncio_future`: the `Future` methods that run once or more per task, in Rust as
//! CPython's `_asyncio.Future` has them (`future_set_result`, `future_add_done_callback`,
//! `future_schedule_callbacks` in `Modules/_asynciomodule.c`). asyncio.py's `Future` class
//! takes them as its methods; futures stay instances of that class (or of subclasses),
//! their `_state`, `_result`, `_callbacks` and `_loop` read and written in place, so that
//! the Python methods (and subclasses' overrides) see the same fields.

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyErr, PyResult, Vm};

use super::asyncio_loop::{self, global, pending};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("set_result", set_result),
    BuiltinFn::new("add_done_callback", add_done_callback),
];

pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("_asyncio_future")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}

/// `InvalidStateError("invalid state")`, as `future_set_result` raises it.
fn invalid_state(vm: &Vm) -> PyErr {
    let made = global(vm, "InvalidStateError")
        .and_then(|class| vm.call(&class, &[vm.str("invalid state")?]));
    match made {
        Ok(exc) => PyErr(exc),
        Err(e) => e,
    }
}

/// `Future.set_result(self, result)`: finishes the future with `result` and schedules its
/// done callbacks, each with the context it was added with.
fn set_result(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "set_result", 2, 2, &[])?;
    let future = &a.pos[0];
    if !pending(vm, future)? {
        return Err(invalid_state(vm));
    }
    vm.set_attr(future, &vm.intern_static("_result"), a.pos[1].clone())?;
    vm.set_attr(
        future,
        &vm.intern_static("_state"),
        global(vm, "_FINISHED")?,
    )?;
    schedule_callbacks(vm, future)?;
    Ok(vm.none())
}

/// `Future.__schedule_callbacks`: the callbacks taken out of `_callbacks` (a new empty list
/// left there), each given to `loop.call_soon(callback, future, context=ctx)` in order.
fn schedule_callbacks(vm: &Vm, future: &PyRef) -> PyResult<()> {
    let callbacks = asyncio_loop::field(vm, future, "_callbacks")?;
    if !vm.truthy(&callbacks)? {
        return Ok(());
    }
    vm.set_attr(
        future,
        &vm.intern_static("_callbacks"),
        vm.list(Vec::new())?,
    )?;
    let call_soon = {
        let event_loop = asyncio_loop::field(vm, future, "_loop")?;
        vm.get_attr(&event_loop, &vm.intern_static("call_soon"))?
    };
    let kwnames = [vm.intern_static("context")];
    for entry in vm.collect(&callbacks)? {
        let Obj::Tuple(pair) = &*entry else {
            return Err(vm.type_error("a future's callbacks must be (callback, context) pairs"));
        };
        let [callback, context] = &pair[..] else {
            return Err(vm.type_error("a future's callbacks must be (callback, context) pairs"));
        };
        let pos = [callback.clone(), future.clone()];
        vm.call_args(
            &call_soon,
            Args {
                pos: &pos,
                kwnames: &kwnames,
                kwvals: std::slice::from_ref(context),
            },
        )?;
    }
    Ok(())
}

/// `Future.add_done_callback(self, fn, *, context=None)`: scheduled now on a done future,
/// kept with the context (the current one copied when none is given) on a pending one.
fn add_done_callback(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "add_done_callback", 2, 2, &["context"])?;
    let (future, callback) = (&a.pos[0], &a.pos[1]);
    let context = a.kw("context").filter(|c| !vm.is_none(c)).cloned();
    if !pending(vm, future)? {
        let event_loop = asyncio_loop::field(vm, future, "_loop")?;
        let call_soon = vm.get_attr(&event_loop, &vm.intern_static("call_soon"))?;
        let pos = [callback.clone(), future.clone()];
        let kwnames = [vm.intern_static("context")];
        let kwvals = [context.unwrap_or_else(|| vm.none())];
        vm.call_args(
            &call_soon,
            Args {
                pos: &pos,
                kwnames: &kwnames,
                kwvals: &kwvals,
            },
        )?;
        return Ok(vm.none());
    }
    let context = match context {
        Some(context) => context,
        None => asyncio_loop::new_context(vm)?,
    };
    let entry = vm.new_tuple(vec![callback.clone(), context])?;
    let callbacks = asyncio_loop::field(vm, future, "_callbacks")?;
    match &*callbacks {
        Obj::List(list) => list.append(entry),
        _ => {
            let append = vm.get_attr(&callbacks, &vm.intern_static("append"))?;
            vm.call(&append, &[entry])?;
        }
    }
    Ok(vm.none())
}
