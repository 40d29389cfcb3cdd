//! The `time` module.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use crate::objects::PyRef;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("perf_counter", perf_counter),
    BuiltinFn::new("perf_counter_ns", perf_counter_ns),
    BuiltinFn::new("monotonic", perf_counter),
    BuiltinFn::new("process_time", perf_counter),
    BuiltinFn::new("time", time),
    BuiltinFn::new("sleep", sleep),
];

thread_local! {
    static START: Instant = Instant::now();
}

fn elapsed() -> std::time::Duration {
    START.with(|s| s.elapsed())
}

fn perf_counter(vm: &Vm, _a: Args<'_>) -> PyResult {
    Ok(vm.float(elapsed().as_secs_f64()))
}

fn perf_counter_ns(vm: &Vm, _a: Args<'_>) -> PyResult {
    vm.new_int(elapsed().as_nanos() as i64)
}

fn time(vm: &Vm, _a: Args<'_>) -> PyResult {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0);
    Ok(vm.float(now))
}

fn sleep(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "sleep", 1, 1, &[])?;
    let secs = match &*a.pos[0] {
        crate::objects::Obj::Float(f) => *f,
        other => other.as_i64().unwrap_or(0) as f64,
    };
    if !(0.0..=1e6).contains(&secs) {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    std::thread::sleep(std::time::Duration::from_secs_f64(secs));
    Ok(vm.none())
}

/// Creates the module.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("time")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}
