//! The `gc` module, backed by pymm's collector.

use crate::objects::{Obj, PyRef};
use crate::rt::{CallbackInfo, CallbackPhase, DebugFlags, Gc, GcAny};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("collect", collect),
    BuiltinFn::new("enable", enable),
    BuiltinFn::new("disable", disable),
    BuiltinFn::new("isenabled", isenabled),
    BuiltinFn::new("get_count", get_count),
    BuiltinFn::new("get_threshold", get_threshold),
    BuiltinFn::new("set_threshold", set_threshold),
    BuiltinFn::new("get_stats", get_stats),
    BuiltinFn::new("freeze", freeze),
    BuiltinFn::new("unfreeze", unfreeze),
    BuiltinFn::new("get_freeze_count", get_freeze_count),
    BuiltinFn::new("set_debug", set_debug),
    BuiltinFn::new("get_debug", get_debug),
    BuiltinFn::new("get_objects", get_objects),
    BuiltinFn::new("get_referrers", get_referrers),
    BuiltinFn::new("get_referents", get_referents),
    BuiltinFn::new("is_tracked", is_tracked),
    BuiltinFn::new("is_finalized", is_finalized),
];

fn collect(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "collect", 0, 1, &["generation"])?;
    let gen = match a.get(0, "generation") {
        Some(g) => match g.as_i64() {
            Some(g @ 0..=2) => g as usize,
            _ => return Err(vm.value_error("invalid generation")),
        },
        None => 2,
    };
    let observer = vm.observer.get();
    observer.inspect(|o| o.explicit_collection(true));
    let n = vm.heap.collect(gen);
    observer.inspect(|o| o.explicit_collection(false));
    vm.new_int(n as i64)
}

fn enable(vm: &Vm, _a: Args<'_>) -> PyResult {
    vm.heap.enable();
    Ok(vm.none())
}

fn disable(vm: &Vm, _a: Args<'_>) -> PyResult {
    vm.heap.disable();
    Ok(vm.none())
}

fn isenabled(vm: &Vm, _a: Args<'_>) -> PyResult {
    Ok(vm.bool(vm.heap.is_enabled()))
}

fn triple(vm: &Vm, t: (usize, usize, usize)) -> PyResult {
    vm.new_tuple(vec![
        vm.new_int(t.0 as i64)?,
        vm.new_int(t.1 as i64)?,
        vm.new_int(t.2 as i64)?,
    ])
}

fn get_count(vm: &Vm, _a: Args<'_>) -> PyResult {
    triple(vm, vm.heap.count())
}

fn get_threshold(vm: &Vm, _a: Args<'_>) -> PyResult {
    triple(vm, vm.heap.threshold())
}

fn set_threshold(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "set_threshold", 1, 3, &[])?;
    let (old0, old1, old2) = vm.heap.threshold();
    let get = |i: usize, old: usize| -> PyResult<usize> {
        match a.pos.get(i) {
            Some(v) => match v.as_i64() {
                Some(n) if n >= 0 => Ok(n as usize),
                _ => Err(vm.value_error("thresholds must be non-negative integers")),
            },
            None => Ok(old),
        }
    };
    vm.heap
        .set_threshold(get(0, old0)?, get(1, old1)?, get(2, old2)?);
    Ok(vm.none())
}

fn get_stats(vm: &Vm, _a: Args<'_>) -> PyResult {
    let mut out = Vec::new();
    for s in vm.heap.stats() {
        let d = vm.dict()?;
        vm.dict_set(
            &d,
            vm.str("collections")?,
            vm.new_int(s.collections as i64)?,
        )?;
        vm.dict_set(&d, vm.str("collected")?, vm.new_int(s.collected as i64)?)?;
        vm.dict_set(&d, vm.str("uncollectable")?, vm.new_int(0)?)?;
        out.push(d);
    }
    vm.list(out)
}

fn freeze(vm: &Vm, _a: Args<'_>) -> PyResult {
    vm.heap.freeze();
    Ok(vm.none())
}

fn unfreeze(vm: &Vm, _a: Args<'_>) -> PyResult {
    vm.heap.unfreeze();
    Ok(vm.none())
}

fn get_freeze_count(vm: &Vm, _a: Args<'_>) -> PyResult {
    vm.new_int(vm.heap.freeze_count() as i64)
}

fn set_debug(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "set_debug", 1, 1, &[])?;
    let bits = a.pos[0]
        .as_i64()
        .ok_or_else(|| vm.type_error("an integer is required"))?;
    vm.heap.set_debug(DebugFlags::from_bits(bits as u32));
    Ok(vm.none())
}

fn get_debug(vm: &Vm, _a: Args<'_>) -> PyResult {
    vm.new_int(vm.heap.debug().bits() as i64)
}

/// Python objects among pymm handles (the heap holds only `Obj`s, but stay safe).
fn as_objects(handles: Vec<GcAny>) -> Vec<PyRef> {
    handles
        .into_iter()
        .filter_map(|h| h.downcast::<Obj>().ok())
        .collect()
}

fn get_objects(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "get_objects", 0, 1, &["generation"])?;
    let gen = match a.get(0, "generation") {
        Some(g) if !vm.is_none(g) => match g.as_i64() {
            Some(g) if g < 0 => {
                return Err(vm.value_error("generation parameter must be non-negative"))
            }
            Some(g) if g > 2 => return Err(vm.value_error(
                "generation parameter must be less than the number of available generations (3)",
            )),
            Some(g) => Some(g as usize),
            None => return Err(vm.type_error("an integer is required")),
        },
        _ => None,
    };
    vm.list(as_objects(vm.heap.objects(gen)))
}

fn get_referrers(vm: &Vm, a: Args<'_>) -> PyResult {
    let targets: Vec<GcAny> = a.pos.iter().map(Gc::to_any).collect();
    vm.list(as_objects(vm.heap.referrers(&targets)))
}

fn get_referents(vm: &Vm, a: Args<'_>) -> PyResult {
    let mut out = Vec::new();
    for obj in a.pos {
        out.extend(as_objects(crate::rt::referents(&Gc::to_any(obj))));
    }
    vm.list(out)
}

fn is_tracked(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "is_tracked", 1, 1, &[])?;
    Ok(vm.bool(Gc::is_tracked(&a.pos[0])))
}

fn is_finalized(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "is_finalized", 1, 1, &[])?;
    Ok(vm.bool(Gc::is_finalized(&a.pos[0])))
}

/// Runs `gc.callbacks` and moves DEBUG_SAVEALL garbage into `gc.garbage`.
pub fn on_collection(phase: CallbackPhase, info: &CallbackInfo) {
    let Some(vm) = crate::vm::finalize::current() else {
        return;
    };
    if phase == CallbackPhase::Stop {
        let saved = vm.heap.garbage();
        if !saved.is_empty() {
            vm.heap.clear_garbage();
            if let Obj::List(l) = &*vm.gc_garbage {
                let objs = as_objects(saved);
                l.borrow_mut().extend(objs);
            }
        }
    }
    let callbacks = match &*vm.gc_callbacks {
        Obj::List(l) => l.borrow().to_vec(),
        _ => return,
    };
    if callbacks.is_empty() {
        return;
    }
    let run = || -> PyResult<()> {
        let phase_obj = vm.str(phase.as_str())?;
        let d = vm.dict()?;
        vm.dict_set(
            &d,
            vm.str("generation")?,
            vm.new_int(info.generation as i64)?,
        )?;
        vm.dict_set(&d, vm.str("collected")?, vm.new_int(info.collected as i64)?)?;
        vm.dict_set(
            &d,
            vm.str("uncollectable")?,
            vm.new_int(info.uncollectable as i64)?,
        )?;
        for cb in &callbacks {
            if let Err(e) = vm.call(cb, &[phase_obj.clone(), d.clone()]) {
                vm.report_unraisable(
                    &format!("Exception ignored in: {}", vm.repr(cb).unwrap_or_default()),
                    &e.0,
                );
            }
        }
        Ok(())
    };
    let _ = run();
}

/// Creates the module.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("gc")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    vm.module_set(&m, "callbacks", vm.gc_callbacks.clone())?;
    vm.module_set(&m, "garbage", vm.gc_garbage.clone())?;
    for (name, bits) in [
        ("DEBUG_STATS", DebugFlags::STATS),
        ("DEBUG_COLLECTABLE", DebugFlags::COLLECTABLE),
        ("DEBUG_UNCOLLECTABLE", DebugFlags::UNCOLLECTABLE),
        ("DEBUG_SAVEALL", DebugFlags::SAVEALL),
        ("DEBUG_LEAK", DebugFlags::LEAK),
    ] {
        vm.module_set(&m, name, vm.new_int(bits.bits() as i64)?)?;
    }
    Ok(m)
}
