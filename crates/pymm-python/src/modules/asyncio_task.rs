//! `_asyncio_task`: `Task.__step` and `Task.__wakeup` in Rust, as CPython's `_asyncio` has
//! them (`task_step_impl`, `task_wakeup` in `Modules/_asynciomodule.c`): one step of a
//! task's coroutine, and what follows from what it yielded, returned or raised, with no
//! Python frame of its own (none shows in a traceback, as with CPython's C Task).
//! asyncio.py's `Task` class takes them as its `__step` and `__wakeup`; tasks stay
//! instances of that class, their fields read and written in place, and the
//! `Future.cancel`/`set_exception`/`set_result` they finish through are the Future
//! class's own (as `task_step_impl` calls the base future's functions).

use crate::objects::frame::Step;
use crate::objects::PyRef;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{Exc, PyErr, PyResult, Vm};

use super::asyncio_loop::{field, global, pending};
use super::asyncio_step::resume;

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("step", task_step),
    BuiltinFn::new("wakeup", task_wakeup),
];

pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("_asyncio_task")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}

/// Calls `Future.NAME(task, *pos, **kw)`: the base class's method, not a subclass's.
fn future_method(
    vm: &Vm,
    name: &'static str,
    pos: &[PyRef],
    kw: Option<(&'static str, PyRef)>,
) -> PyResult {
    let method = vm.get_attr(&global(vm, "Future")?, &vm.intern_static(name))?;
    call_kw(vm, &method, pos, kw)
}

/// Calls `callable(*pos)`, with one keyword argument when given.
fn call_kw(
    vm: &Vm,
    callable: &PyRef,
    pos: &[PyRef],
    kw: Option<(&'static str, PyRef)>,
) -> PyResult {
    match kw {
        None => vm.call(callable, pos),
        Some((name, value)) => {
            let kwnames = [vm.intern_static(name)];
            vm.call_args(
                callable,
                Args {
                    pos,
                    kwnames: &kwnames,
                    kwvals: std::slice::from_ref(&value),
                },
            )
        }
    }
}

/// `Task.__step(self, exc=None)`.
fn task_step(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "_Task__step", 1, 2, &["exc"])?;
    let exc = a.get(1, "exc").cloned().unwrap_or_else(|| vm.none());
    step(vm, &a.pos[0], exc)?;
    Ok(vm.none())
}

/// `Task.__wakeup(self, future)`: the task's next step once the future it waited for is
/// done, with the future's exception thrown in (a cancellation included).
fn task_wakeup(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "_Task__wakeup", 2, 2, &[])?;
    let (task, future) = (&a.pos[0], &a.pos[1]);
    // a future finished with a result (the common case) without a call of result(); the
    // rest (an exception, a cancellation, a subclass's result()) through result(), as
    // task_wakeup does
    let finished = field(vm, future, "_state")?.as_str() == Some("FINISHED")
        && vm.is_none(&field(vm, future, "_exception")?)
        && {
            let result = vm.intern_static("result");
            let own = vm.get_attr(&vm.type_of(future), &result)?;
            PyRef::ptr_eq(&own, &vm.get_attr(&global(vm, "Future")?, &result)?)
        };
    let exc = if finished {
        vm.none()
    } else {
        let result = vm.get_attr(future, &vm.intern_static("result"))?;
        match vm.call(&result, &[]) {
            Ok(_) => vm.none(),
            Err(e) => e.0,
        }
    };
    step(vm, task, exc)?;
    Ok(vm.none())
}

/// One step: the coroutine resumed in the task's place as the loop's current task, then
/// (whatever the step did) the task left and, once done, dropped from `_all_tasks`.
fn step(vm: &Vm, task: &PyRef, mut exc: PyRef) -> PyResult<()> {
    if !pending(vm, task)? {
        let message = format!(
            "_step(): already done: {}, {}",
            vm.repr(task)?,
            vm.repr(&exc)?
        );
        let class = global(vm, "InvalidStateError")?;
        return Err(PyErr(vm.call(&class, &[vm.str(message)?])?));
    }
    let must_cancel = vm.intern_static("_must_cancel");
    if vm.truthy(&field(vm, task, "_must_cancel")?)? {
        let cancelled = global(vm, "CancelledError")?;
        if !vm.is_subclass(&vm.type_of(&exc), &cancelled) {
            let make = vm.get_attr(task, &vm.intern_static("_make_cancelled_error"))?;
            exc = vm.call(&make, &[])?;
        }
        vm.set_attr(task, &must_cancel, vm.bool(false))?;
    }
    let coro = field(vm, task, "_coro")?;
    vm.set_attr(task, &vm.intern_static("_fut_waiter"), vm.none())?;
    let event_loop = field(vm, task, "_loop")?;
    let current_tasks = global(vm, "_current_tasks")?;
    // _enter_task
    if let Some(current) = vm.dict_get(&current_tasks, &event_loop)? {
        if !vm.is_none(&current) {
            return Err(vm.new_exc(
                Exc::RuntimeError,
                format!(
                    "Cannot enter into task {} while another task {} is being executed.",
                    vm.repr(task)?,
                    vm.repr(&current)?
                ),
            ));
        }
    }
    vm.dict_set(&current_tasks, event_loop.clone(), task.clone())?;
    let stepped = resume(vm, &coro, &exc);
    drop((coro, exc));
    let handled = after(vm, task, &event_loop, stepped);
    // the finally: an error here replaces the step's, as in Python
    leave(vm, task, &event_loop, &current_tasks)?;
    handled
}

/// `_leave_task`, and the task dropped from `_all_tasks` once it is done.
fn leave(vm: &Vm, task: &PyRef, event_loop: &PyRef, current_tasks: &PyRef) -> PyResult<()> {
    let current = vm.dict_get(current_tasks, event_loop)?;
    if !current.is_some_and(|c| PyRef::ptr_eq(&c, task)) {
        // raises the mismatch
        vm.call(
            &global(vm, "_leave_task")?,
            &[event_loop.clone(), task.clone()],
        )?;
    }
    vm.del_item(current_tasks, event_loop)?;
    if !pending(vm, task)? {
        let all_tasks = global(vm, "_all_tasks")?;
        let discard = vm.get_attr(&all_tasks, &vm.intern_static("discard"))?;
        vm.call(&discard, std::slice::from_ref(task))?;
    }
    Ok(())
}

/// What follows a step: the task finished with the coroutine's result, exception or
/// cancellation, or set to wait for the future the coroutine yielded (or stepped again).
fn after(vm: &Vm, task: &PyRef, event_loop: &PyRef, stepped: PyResult<Step>) -> PyResult<()> {
    match stepped {
        Err(e) => {
            let cancelled = global(vm, "CancelledError")?;
            if vm.exception_matches(&e.0, &cancelled)? {
                vm.set_attr(task, &vm.intern_static("_cancelled_exc"), e.0)?;
                future_method(vm, "cancel", std::slice::from_ref(task), None)?;
                return Ok(());
            }
            future_method(vm, "set_exception", &[task.clone(), e.0.clone()], None)?;
            if vm.exc_matches(&e.0, Exc::KeyboardInterrupt) || vm.exc_matches(&e.0, Exc::SystemExit)
            {
                return Err(e);
            }
            Ok(())
        }
        Ok(Step::Returned(value)) => {
            let must_cancel = vm.intern_static("_must_cancel");
            if vm.truthy(&field(vm, task, "_must_cancel")?)? {
                vm.set_attr(task, &must_cancel, vm.bool(false))?;
                let msg = field(vm, task, "_cancel_message")?;
                future_method(vm, "cancel", std::slice::from_ref(task), Some(("msg", msg)))?;
            } else {
                future_method(vm, "set_result", &[task.clone(), value], None)?;
            }
            Ok(())
        }
        Ok(Step::Yielded(result)) => yielded(vm, task, event_loop, result),
    }
}

/// The coroutine yielded `result`: a future to wait for (the task woken by its done
/// callback), None (a bare `yield`: step again soon), or something wrong (a RuntimeError
/// thrown into the coroutine at the next step).
fn yielded(vm: &Vm, task: &PyRef, event_loop: &PyRef, result: PyRef) -> PyResult<()> {
    if vm.is_none(&result) {
        return schedule_step(vm, task, event_loop, None);
    }
    let blocking = match vm.get_attr(&result, &vm.intern_static("_asyncio_future_blocking")) {
        Ok(b) => Some(b).filter(|b| !vm.is_none(b)),
        Err(e) if vm.exc_matches(&e.0, Exc::AttributeError) => None,
        Err(e) => return Err(e),
    };
    let problem = match blocking {
        Some(blocking) => {
            let result_loop = vm.get_attr(&result, &vm.intern_static("_loop"))?;
            if !PyRef::ptr_eq(&result_loop, event_loop) {
                format!(
                    "Task {} got Future {} attached to a different loop",
                    vm.repr(task)?,
                    vm.repr(&result)?
                )
            } else if !vm.truthy(&blocking)? {
                format!(
                    "yield was used instead of yield from in task {} with {}",
                    vm.repr(task)?,
                    vm.repr(&result)?
                )
            } else if PyRef::ptr_eq(&result, task) {
                format!("Task cannot await on itself: {}", vm.repr(task)?)
            } else {
                return wait_for(vm, task, result);
            }
        }
        None if PyRef::ptr_eq(&vm.type_of(&result), &generator_type(vm)?) => format!(
            "yield was used instead of yield from for generator in task {} with {}",
            vm.repr(task)?,
            vm.repr(&result)?
        ),
        None => format!("Task got bad yield: {}", vm.repr(&result)?),
    };
    let new_exc = vm.new_exc(Exc::RuntimeError, problem).0;
    schedule_step(vm, task, event_loop, Some(new_exc))
}

/// `types.GeneratorType`, as asyncio.py imported it.
fn generator_type(vm: &Vm) -> PyResult {
    vm.get_attr(&global(vm, "_types")?, &vm.intern_static("GeneratorType"))
}

/// The task waits for `future`: woken by its done callback (in the task's context), the
/// future cancelled at once if the task was asked to cancel meanwhile.
fn wait_for(vm: &Vm, task: &PyRef, future: PyRef) -> PyResult<()> {
    vm.set_attr(
        &future,
        &vm.intern_static("_asyncio_future_blocking"),
        vm.bool(false),
    )?;
    let wakeup = vm.get_attr(task, &vm.intern_static("_Task__wakeup"))?;
    let context = field(vm, task, "_context")?;
    let add = vm.get_attr(&future, &vm.intern_static("add_done_callback"))?;
    call_kw(vm, &add, &[wakeup], Some(("context", context)))?;
    vm.set_attr(task, &vm.intern_static("_fut_waiter"), future.clone())?;
    if vm.truthy(&field(vm, task, "_must_cancel")?)? {
        let msg = field(vm, task, "_cancel_message")?;
        let cancel = vm.get_attr(&future, &vm.intern_static("cancel"))?;
        if vm.truthy(&call_kw(vm, &cancel, &[], Some(("msg", msg)))?)? {
            vm.set_attr(task, &vm.intern_static("_must_cancel"), vm.bool(false))?;
        }
    }
    Ok(())
}

/// `loop.call_soon(self.__step[, exc], context=self._context)`.
fn schedule_step(vm: &Vm, task: &PyRef, event_loop: &PyRef, exc: Option<PyRef>) -> PyResult<()> {
    let step = vm.get_attr(task, &vm.intern_static("_Task__step"))?;
    let context = field(vm, task, "_context")?;
    let call_soon = vm.get_attr(event_loop, &vm.intern_static("call_soon"))?;
    let mut pos = vec![step];
    pos.extend(exc);
    call_kw(vm, &call_soon, &pos, Some(("context", context)))?;
    Ok(())
}
