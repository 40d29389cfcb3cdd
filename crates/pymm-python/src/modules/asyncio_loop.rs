//! `_asyncio_loop`: the event loop's per-callback work, which CPython's `_asyncio` and its
//! C `contextvars` do without Python frames. asyncio.py's `BaseEventLoop` takes
//! `call_soon` from here (a `Handle` made and queued, the current context copied when none
//! is given), `_run_once` runs each iteration's handles with `run_handles` (each in its
//! context, entered here as `contextvars.Context.run` does), and futures and tasks copy the
//! current context with `copy_context`. Handles and contexts stay instances of asyncio.py's
//! `Handle` and contextvars.py's `Context`: their fields are read and written in place.

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{Exc, PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("run_handles", run_handles).args(1, 1),
    BuiltinFn::new("call_soon", call_soon),
    BuiltinFn::new("copy_context", copy_context),
];

pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("_asyncio_loop")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}

/// A module by name, from sys.modules (imported when absent).
pub(super) fn module(vm: &Vm, name: &'static str) -> PyResult {
    let key = vm.intern_static(name);
    match vm.dict_get(&vm.modules, &key)? {
        Some(module) if matches!(&*module, Obj::Module(_)) => Ok(module),
        _ => vm.import_absolute(name),
    }
}

/// A global of asyncio.py (a class, a state string, a registry).
pub(super) fn global(vm: &Vm, name: &'static str) -> PyResult {
    vm.get_attr(&module(vm, "asyncio")?, &vm.intern_static(name))
}

/// Whether a future's (or task's) `_state` is `_PENDING`.
pub(super) fn pending(vm: &Vm, future: &PyRef) -> PyResult<bool> {
    Ok(field(vm, future, "_state")?.as_str() == Some("PENDING"))
}

/// An attribute stored in the instance (the usual case), else looked up.
pub(super) fn field(vm: &Vm, obj: &PyRef, name: &'static str) -> PyResult {
    let name = vm.intern_static(name);
    match vm.instance_get_name(obj, &name) {
        Some(value) => Ok(value),
        None => vm.get_attr(obj, &name),
    }
}

/// `BaseEventLoop.call_soon(self, callback, *args, context=None)`: a `Handle` of the
/// callback and its arguments, appended to the loop's ready list, returned.
fn call_soon(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "BaseEventLoop.call_soon", 2, usize::MAX, &["context"])?;
    let event_loop = &a.pos[0];
    if vm.truthy(&field(vm, event_loop, "_closed")?)? {
        return Err(vm.new_exc(Exc::RuntimeError, "Event loop is closed"));
    }
    let context = match a.kw("context") {
        Some(context) if !vm.is_none(context) => context.clone(),
        _ => new_context(vm)?,
    };
    let args = vm.new_tuple(a.pos[2..].to_vec())?;
    let class = vm.get_attr(&module(vm, "asyncio")?, &vm.intern_static("Handle"))?;
    let handle = vm.new_instance(&class, None)?;
    // in Handle.__init__'s order, so that the instances share one layout
    vm.instance_set(&handle, &vm.intern_static("_context"), context)?;
    vm.instance_set(&handle, &vm.intern_static("_loop"), event_loop.clone())?;
    vm.instance_set(&handle, &vm.intern_static("_callback"), a.pos[1].clone())?;
    vm.instance_set(&handle, &vm.intern_static("_args"), args)?;
    vm.instance_set(&handle, &vm.intern_static("_cancelled"), vm.bool(false))?;
    let ready = field(vm, event_loop, "_ready")?;
    match &*ready {
        Obj::List(list) => list.append(handle.clone()),
        _ => {
            let append = vm.get_attr(&ready, &vm.intern_static("append"))?;
            vm.call(&append, std::slice::from_ref(&handle))?;
        }
    }
    Ok(handle)
}

/// `contextvars.copy_context()`.
fn copy_context(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "copy_context", 0, 0, &[])?;
    new_context(vm)
}

/// A copy of the current context, made as contextvars.py's `copy_context` makes it: a new
/// `Context` sharing the current one's dict (which is never changed in place).
pub(super) fn new_context(vm: &Vm) -> PyResult {
    let contextvars = module(vm, "contextvars")?;
    let current = vm.get_attr(&contextvars, &vm.intern_static("_current"))?;
    let data = field(vm, &current, "_data")?;
    let class = vm.get_attr(&contextvars, &vm.intern_static("Context"))?;
    let context = vm.new_instance(&class, None)?;
    vm.instance_set(&context, &vm.intern_static("_entered"), vm.bool(false))?;
    vm.instance_set(&context, &vm.intern_static("_data"), data)?;
    Ok(context)
}

/// `run_handles(loop, handles)`: runs each handle of the list not cancelled, in order. An
/// exception a callback raises goes to `handle._report(exc)`, except SystemExit and
/// KeyboardInterrupt, which propagate after the handles not run yet are put back in front
/// of `loop._ready` (where CPython's deque keeps them).
fn run_handles(vm: &Vm, a: Args<'_>) -> PyResult {
    let Obj::List(list) = &*a.pos[1] else {
        return Err(vm.type_error("run_handles() expects a list of handles"));
    };
    let handles = list.replace(Vec::new());
    let contexts = Contexts::new(vm)?;
    let names = [
        vm.intern_static("_cancelled"),
        vm.intern_static("_context"),
        vm.intern_static("_callback"),
        vm.intern_static("_args"),
    ];
    // each handle let go once run (CPython's deque pops it): an iteration may run tens of
    // thousands of them, whose arguments should not all stay alive until its end
    let mut pending = handles.into_iter();
    while let Some(handle) = pending.next() {
        if let Err(e) = run_handle(vm, &contexts, &names, &handle) {
            let rest: Vec<PyRef> = pending.collect();
            requeue(vm, &a.pos[0], &rest)?;
            return Err(e);
        }
    }
    Ok(vm.none())
}

/// Runs one handle unless it is cancelled; what its callback raises goes to
/// `handle._report(exc)`, except SystemExit and KeyboardInterrupt, which are returned (as
/// is an error of the report itself).
fn run_handle(vm: &Vm, contexts: &Contexts, names: &[PyRef; 4], handle: &PyRef) -> PyResult<()> {
    let [cancelled, context, callback, args] =
        vm.instance_get_names(handle, [&names[0], &names[1], &names[2], &names[3]]);
    let cancelled = match cancelled {
        Some(c) => c,
        None => vm.get_attr(handle, &names[0])?,
    };
    if vm.truthy(&cancelled)? {
        return Ok(());
    }
    let ran = match (context, callback, args) {
        (Some(context), Some(callback), Some(args)) => contexts.run(&context, &callback, &args),
        // a handle class of another layout: its attributes looked up
        _ => field_run(vm, contexts, handle, names),
    };
    let Err(e) = ran else { return Ok(()) };
    if vm.exc_matches(&e.0, Exc::SystemExit) || vm.exc_matches(&e.0, Exc::KeyboardInterrupt) {
        return Err(e);
    }
    let report = vm.get_attr(handle, &vm.intern_static("_report"))?;
    vm.call(&report, &[e.0]).map(drop)
}

/// Runs a handle whose attributes are not all stored in the instance.
fn field_run(vm: &Vm, contexts: &Contexts, handle: &PyRef, names: &[PyRef; 4]) -> PyResult<()> {
    let context = vm.get_attr(handle, &names[1])?;
    let callback = vm.get_attr(handle, &names[2])?;
    let args = vm.get_attr(handle, &names[3])?;
    contexts.run(&context, &callback, &args)
}

/// Puts `rest` back in front of `loop._ready`.
fn requeue(vm: &Vm, event_loop: &PyRef, rest: &[PyRef]) -> PyResult<()> {
    if rest.is_empty() {
        return Ok(());
    }
    let ready = vm.get_attr(event_loop, &vm.intern_static("_ready"))?;
    let Obj::List(list) = &*ready else {
        return Err(vm.type_error("the event loop's _ready must be a list"));
    };
    let mut items = rest.to_vec();
    items.extend(list.replace(Vec::new()));
    drop(list.replace(items));
    Ok(())
}

/// contextvars' state, as `Context.run` switches it: the module's `_current` context and
/// `_cache` list, and its `Context` class (a context of another class runs its own `run`).
struct Contexts<'v> {
    vm: &'v Vm,
    module: PyRef,
    class: PyRef,
    cache: PyRef,
    current: PyRef,
    entered: PyRef,
}

impl<'v> Contexts<'v> {
    fn new(vm: &'v Vm) -> PyResult<Self> {
        let module = module(vm, "contextvars")?;
        let class = vm.get_attr(&module, &vm.intern_static("Context"))?;
        let cache = vm.get_attr(&module, &vm.intern_static("_cache"))?;
        Ok(Contexts {
            vm,
            module,
            class,
            cache,
            current: vm.intern_static("_current"),
            entered: vm.intern_static("_entered"),
        })
    }

    /// `context.run(callback, *args)`: `Context.run`'s lines for a plain `Context` that is
    /// not entered, its own method otherwise (which raises for an entered one).
    fn run(&self, context: &PyRef, callback: &PyRef, args: &PyRef) -> PyResult<()> {
        let vm = self.vm;
        let Obj::Tuple(items) = &**args else {
            let call = vm.get_attr(context, &vm.intern_static("run"))?;
            let mut all = vec![callback.clone()];
            all.extend(vm.collect(args)?);
            return vm.call(&call, &all).map(drop);
        };
        let plain = matches!(&**context, Obj::Instance(_))
            && PyRef::ptr_eq(&vm.type_of(context), &self.class)
            && vm
                .instance_get_name(context, &self.entered)
                .is_some_and(|e| PyRef::ptr_eq(&e, &vm.bool(false)));
        if !plain {
            let call = vm.get_attr(context, &vm.intern_static("run"))?;
            let mut all = vec![callback.clone()];
            all.extend(items.iter().cloned());
            return vm.call(&call, &all).map(drop);
        }
        let outer = vm.get_attr(&self.module, &self.current)?;
        vm.instance_set(context, &self.entered, vm.bool(true))?;
        vm.set_attr(&self.module, &self.current, context.clone())?;
        self.clear_cache();
        let result = vm.call(callback, items);
        // Context.run's finally
        vm.set_attr(&self.module, &self.current, outer)?;
        self.clear_cache();
        vm.instance_set(context, &self.entered, vm.bool(false))?;
        result.map(drop)
    }

    /// Empties contextvars' `_cache` (what native code last read through `ContextVar.get`).
    fn clear_cache(&self) {
        if let Obj::List(list) = &*self.cache {
            if !list.is_empty() {
                drop(list.replace(Vec::new()));
            }
        }
    }
}
