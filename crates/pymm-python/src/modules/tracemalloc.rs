//! The `tracemalloc` module, on pymm's memory accounting: memory in use is the pymm heap's
//! blocks plus the buffers objects own outside it (see `vm/budget.rs`), counted from when
//! tracing started. The peak is sampled where the heap budget is checked (every checked
//! allocation and every loop iteration), so a peak that lasts no longer than a single
//! operation may be missed. Snapshots and per-line statistics are not provided.

use crate::objects::PyRef;
use crate::vm::budget::TracedMemory;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("start", start),
    BuiltinFn::new("stop", stop),
    BuiltinFn::new("is_tracing", is_tracing),
    BuiltinFn::new("get_traced_memory", get_traced_memory),
    BuiltinFn::new("reset_peak", reset_peak),
    BuiltinFn::new("clear_traces", clear_traces),
    BuiltinFn::new("get_tracemalloc_memory", get_tracemalloc_memory),
    BuiltinFn::new("get_traceback_limit", get_traceback_limit),
];

/// Creates the module.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("tracemalloc")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}

/// `start(nframe=1)`: from now on, memory is counted from what is in use now (a second
/// start keeps the first one's base, as CPython keeps its traces).
fn start(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "start", 0, 1, &[])?;
    if let Some(nframe) = a.pos.first().and_then(|n| n.as_i64()) {
        if !(1..=65535).contains(&nframe) {
            return Err(vm.value_error("the number of frames must be in range [1; 65535]"));
        }
    }
    if vm.traced.get().is_none() {
        vm.traced.set(Some(TracedMemory::start(vm.memory_in_use())));
    }
    Ok(vm.none())
}

fn stop(vm: &Vm, _a: Args<'_>) -> PyResult {
    vm.traced.set(None);
    Ok(vm.none())
}

fn is_tracing(vm: &Vm, _a: Args<'_>) -> PyResult {
    Ok(vm.bool(vm.traced.get().is_some()))
}

/// `(current, peak)` in bytes since tracing started; `(0, 0)` when not tracing.
fn get_traced_memory(vm: &Vm, _a: Args<'_>) -> PyResult {
    let (current, peak) = match vm.traced.get() {
        Some(traced) => {
            let in_use = vm.memory_in_use();
            vm.traced.set(Some(traced.seen(in_use)));
            traced.report(in_use)
        }
        None => (0, 0),
    };
    vm.new_tuple(vec![vm.new_int(current as i64)?, vm.new_int(peak as i64)?])
}

/// `reset_peak()`: the peak restarts from what is in use now.
fn reset_peak(vm: &Vm, _a: Args<'_>) -> PyResult {
    if let Some(traced) = vm.traced.get() {
        let in_use = vm.memory_in_use();
        vm.traced.set(Some(TracedMemory {
            peak: in_use,
            ..traced
        }));
    }
    Ok(vm.none())
}

/// `clear_traces()`: counting restarts from what is in use now.
fn clear_traces(vm: &Vm, _a: Args<'_>) -> PyResult {
    if vm.traced.get().is_some() {
        vm.traced.set(Some(TracedMemory::start(vm.memory_in_use())));
    }
    Ok(vm.none())
}

/// Memory tracemalloc itself uses: two words.
fn get_tracemalloc_memory(vm: &Vm, _a: Args<'_>) -> PyResult {
    vm.new_int(std::mem::size_of::<Option<TracedMemory>>() as i64)
}

fn get_traceback_limit(vm: &Vm, _a: Args<'_>) -> PyResult {
    vm.new_int(1)
}
