//! The `time` module: clocks, and (with its Python half, `time.py`) `struct_time`,
//! `gmtime`, `localtime`, `mktime` and `strftime` over the C library's calendar functions.

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
    BuiltinFn::new("time_ns", time_ns),
    BuiltinFn::new("sleep", sleep),
    BuiltinFn::new("_broken_down", broken_down),
    BuiltinFn::new("_mktime", mktime),
    BuiltinFn::new("_strftime", strftime),
];

/// The Python half of the module.
const PRELUDE: &str = include_str!("time.py");

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

fn time_ns(vm: &Vm, _a: Args<'_>) -> PyResult {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    vm.new_int(now as i64)
}

/// `_broken_down(seconds, local)`: the calendar fields of a time since the epoch, in UTC or
/// local time: `(year, month, mday, hour, minute, second, wday, yday, isdst, zone, gmtoff)`
/// with Python's conventions (month from 1, Monday = 0, yday from 1).
fn broken_down(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "_broken_down", 2, 2, &[])?;
    let secs = super::math::real(vm, &a.pos[0])?;
    if !secs.is_finite() || secs.abs() > 1e17 {
        return Err(vm.new_exc(
            crate::vm::Exc::OverflowError,
            "timestamp out of range for platform time_t",
        ));
    }
    let t = secs.floor() as libc::time_t;
    // SAFETY: `tm` is plain data that gmtime_r/localtime_r fill in; both get valid pointers
    // to locals that outlive the call, and are the reentrant versions (no static buffer).
    let tm = unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        let filled = if vm.truthy(&a.pos[1])? {
            libc::localtime_r(&t, &mut tm)
        } else {
            libc::gmtime_r(&t, &mut tm)
        };
        if filled.is_null() {
            return Err(vm.new_exc(crate::vm::Exc::OSError, "Value too large"));
        }
        tm
    };
    let zone = if tm.tm_zone.is_null() {
        String::new()
    } else {
        // SAFETY: a non-null tm_zone points to a NUL-terminated name with static lifetime
        // in the C library's time zone tables.
        unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
            .to_string_lossy()
            .into_owned()
    };
    let fields = [
        i64::from(tm.tm_year) + 1900,
        i64::from(tm.tm_mon) + 1,
        i64::from(tm.tm_mday),
        i64::from(tm.tm_hour),
        i64::from(tm.tm_min),
        i64::from(tm.tm_sec),
        (i64::from(tm.tm_wday) + 6) % 7,
        i64::from(tm.tm_yday) + 1,
        i64::from(tm.tm_isdst),
    ];
    let mut items = fields
        .iter()
        .map(|&f| vm.new_int(f))
        .collect::<PyResult<Vec<_>>>()?;
    items.push(vm.str(&zone)?);
    items.push(vm.new_int(tm.tm_gmtoff)?);
    vm.new_tuple(items)
}

/// A C `tm` from the first nine items of a struct_time-like tuple (Python's conventions).
fn tm_of(vm: &Vm, fields: &PyRef) -> PyResult<libc::tm> {
    let items = vm.collect(fields)?;
    if items.len() < 9 {
        return Err(vm.type_error("time tuple must have 9 elements"));
    }
    let mut values = [0i32; 9];
    for (value, item) in values.iter_mut().zip(&items) {
        *value = item
            .as_i64()
            .and_then(|v| i32::try_from(v).ok())
            .ok_or_else(|| vm.type_error("an integer is required in a time tuple"))?;
    }
    // SAFETY: libc::tm is plain data (integers and a pointer), for which all-zero is valid.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_year = values[0] - 1900;
    tm.tm_mon = values[1] - 1;
    tm.tm_mday = values[2];
    tm.tm_hour = values[3];
    tm.tm_min = values[4];
    tm.tm_sec = values[5];
    tm.tm_wday = (values[6] + 1) % 7;
    tm.tm_yday = values[7] - 1;
    tm.tm_isdst = values[8];
    Ok(tm)
}

/// `_mktime(tuple)`: the seconds since the epoch of a local time.
fn mktime(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "mktime", 1, 1, &[])?;
    let mut tm = tm_of(vm, &a.pos[0])?;
    tm.tm_wday = -1;
    // SAFETY: `tm` is a valid, initialised local that mktime may normalise in place.
    let t = unsafe { libc::mktime(&mut tm) };
    if t == -1 && tm.tm_wday == -1 {
        return Err(vm.new_exc(
            crate::vm::Exc::OverflowError,
            "mktime argument out of range",
        ));
    }
    Ok(vm.float(t as f64))
}

/// `_strftime(format, tuple)`: the C library's strftime (in the C locale pymm runs in).
fn strftime(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "strftime", 2, 2, &[])?;
    let format = a.pos[0]
        .as_str()
        .ok_or_else(|| vm.type_error("strftime() argument 1 must be str"))?;
    let tm = tm_of(vm, &a.pos[1])?;
    let Ok(c_format) = std::ffi::CString::new(format) else {
        return Err(vm.value_error("embedded null character"));
    };
    let mut size = 256 + format.len() * 16;
    loop {
        let mut buf = vec![0u8; size];
        // SAFETY: `buf` has `size` writable bytes, `c_format` is NUL-terminated and `tm` is a
        // valid initialised struct; strftime writes at most `size` bytes and returns how many.
        let n = unsafe { libc::strftime(buf.as_mut_ptr().cast(), size, c_format.as_ptr(), &tm) };
        // 0 means "did not fit" unless the result is really empty
        if n > 0 || format.is_empty() || size > 1 << 20 {
            buf.truncate(n);
            return vm.str(String::from_utf8_lossy(&buf));
        }
        size *= 4;
    }
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
    crate::vm::exec::exec_in(vm, PRELUDE, "<time>", &vm.module_dict(&m))?;
    Ok(m)
}
