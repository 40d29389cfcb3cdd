//! The callbacks SQLite makes about a database rather than a value: the authorizer, the
//! progress handler, the trace callback (set through SQLite's C API, whose user-data
//! pointer carries the callable's key in `_sqlite3.callbacks`), and collations (through
//! rusqlite). As for user functions, each finds the VM through
//! [`crate::vm::finalize::current`] and the callable through its key; an exception it raises
//! is reported as CPython 3.11 reports it ([`report_failure`]) and never crosses SQLite.

use std::cell::RefCell;
use std::ffi::{c_char, c_int, c_uint, c_void, CStr};
use std::rc::Rc;

use rusqlite::ffi;

use super::db_arg;
use super::functions::{callback, register, report_failure};
use crate::objects::PyRef;
use crate::vm::builtin::Args;
use crate::vm::{PyErr, PyResult, Vm};

thread_local! {
    /// The first exception a collation raised while a statement stepped: SQLite cannot be
    /// told of it, so the step's caller raises it afterwards, as CPython's does.
    static PENDING: RefCell<Option<PyErr>> = const { RefCell::new(None) };
}

/// The exception a collation raised during the last step, if any.
pub fn take_pending() -> Option<PyErr> {
    PENDING.with(|p| p.borrow_mut().take())
}

/// The key a hook's user-data pointer carries.
fn key_of(ctx: *mut c_void) -> i64 {
    ctx as usize as i64
}

/// The user-data pointer for `key` (a number, never dereferenced).
fn ctx_of(key: i64) -> *mut c_void {
    key as usize as *mut c_void
}

/// The callable argument `a.pos[1]`, registered: its key, or None for None.
fn hook_arg(vm: &Vm, a: &Args<'_>) -> PyResult<Option<i64>> {
    match a.pos.get(1) {
        Some(f) if !vm.is_none(f) => Ok(Some(register(vm, f.clone())?)),
        _ => Ok(None),
    }
}

/// The key (or None) `set_*` returns for `sqlite3.Connection` to keep.
fn key_result(vm: &Vm, key: Option<i64>) -> PyResult {
    match key {
        Some(key) => vm.new_int(key),
        None => Ok(vm.none()),
    }
}

/// Calls the callable under `key` with `args`; an exception is reported and gives None.
fn call_hook(key: i64, args: impl FnOnce(&Vm) -> PyResult<Vec<PyRef>>) -> Option<(Rc<Vm>, PyRef)> {
    let vm = crate::vm::finalize::current()?;
    let result = callback(&vm, key).and_then(|f| vm.call(&f, &args(&vm)?));
    match result {
        Ok(value) => Some((vm, value)),
        Err(err) => {
            report_failure(&vm, err, key);
            None
        }
    }
}

/// A C string argument SQLite passes, as str or None.
///
/// # Safety
/// `text` must be null or a NUL-terminated string valid for the call.
unsafe fn text_or_none(vm: &Vm, text: *const c_char) -> PyResult {
    if text.is_null() {
        return Ok(vm.none());
    }
    // SAFETY: the caller's promise.
    vm.str(unsafe { CStr::from_ptr(text) }.to_string_lossy())
}

/// SQLite's authorizer callback: `authorizer(action, arg1, arg2, db_name, source)`; an int
/// result is SQLite's answer, anything else (or an exception) denies.
unsafe extern "C" fn authorize(
    ctx: *mut c_void,
    action: c_int,
    arg1: *const c_char,
    arg2: *const c_char,
    db_name: *const c_char,
    source: *const c_char,
) -> c_int {
    let called = call_hook(key_of(ctx), |vm| {
        // SAFETY: SQLite passes null or NUL-terminated strings valid during the callback.
        unsafe {
            Ok(vec![
                vm.new_int(i64::from(action))?,
                text_or_none(vm, arg1)?,
                text_or_none(vm, arg2)?,
                text_or_none(vm, db_name)?,
                text_or_none(vm, source)?,
            ])
        }
    });
    match called {
        Some((_, answer)) => answer
            .as_i64()
            .and_then(|n| c_int::try_from(n).ok())
            .unwrap_or(ffi::SQLITE_DENY),
        None => ffi::SQLITE_DENY,
    }
}

/// `set_authorizer(db, callable or None) -> key or None`.
pub fn set_authorizer(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "set_authorizer", 2, 2, &[])?;
    let db = db_arg(vm, &a)?;
    let key = hook_arg(vm, &a)?;
    // SAFETY: an open database; the callback reads only its key from the user data.
    let rc = unsafe {
        match key {
            Some(k) => ffi::sqlite3_set_authorizer(db.raw(), Some(authorize), ctx_of(k)),
            None => ffi::sqlite3_set_authorizer(db.raw(), None, std::ptr::null_mut()),
        }
    };
    if rc != ffi::SQLITE_OK {
        return Err(super::db_error(vm, db.error()));
    }
    key_result(vm, key)
}

/// SQLite's progress callback: a true result (or an exception) interrupts the statement.
unsafe extern "C" fn progress(ctx: *mut c_void) -> c_int {
    match call_hook(key_of(ctx), |_| Ok(Vec::new())) {
        Some((vm, result)) => match vm.truthy(&result) {
            Ok(stop) => c_int::from(stop),
            Err(err) => {
                report_failure(&vm, err, key_of(ctx));
                -1
            }
        },
        None => -1,
    }
}

/// `set_progress_handler(db, callable or None, n) -> key or None`.
pub fn set_progress_handler(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "set_progress_handler", 3, 3, &[])?;
    let db = db_arg(vm, &a)?;
    let n = c_int::try_from(vm.index_value(&a.pos[2], "n")?).unwrap_or(c_int::MAX);
    let key = hook_arg(vm, &a)?;
    // SAFETY: an open database; the callback reads only its key from the user data.
    unsafe {
        match key {
            Some(k) => ffi::sqlite3_progress_handler(db.raw(), n, Some(progress), ctx_of(k)),
            None => ffi::sqlite3_progress_handler(db.raw(), 0, None, std::ptr::null_mut()),
        }
    }
    key_result(vm, key)
}

/// SQLite's trace callback for each statement started: the callable gets its SQL with the
/// bound parameters expanded (the SQL as written if it cannot be expanded).
unsafe extern "C" fn trace(
    event: c_uint,
    ctx: *mut c_void,
    stmt: *mut c_void,
    sql: *mut c_void,
) -> c_int {
    if event != ffi::SQLITE_TRACE_STMT as c_uint {
        return 0;
    }
    let stmt = stmt.cast::<ffi::sqlite3_stmt>();
    // SAFETY: for SQLITE_TRACE_STMT, `stmt` is the statement starting and `sql` its text,
    // NUL-terminated; the expanded copy is ours to free.
    let text = unsafe {
        let expanded = ffi::sqlite3_expanded_sql(stmt);
        if expanded.is_null() {
            CStr::from_ptr(sql.cast::<c_char>())
                .to_string_lossy()
                .into_owned()
        } else {
            let text = CStr::from_ptr(expanded).to_string_lossy().into_owned();
            ffi::sqlite3_free(expanded.cast());
            text
        }
    };
    call_hook(key_of(ctx), |vm| Ok(vec![vm.str(&text)?]));
    0
}

/// `set_trace_callback(db, callable or None) -> key or None`.
pub fn set_trace_callback(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "set_trace_callback", 2, 2, &[])?;
    let db = db_arg(vm, &a)?;
    let key = hook_arg(vm, &a)?;
    // SAFETY: an open database; the callback reads only its key from the user data.
    let rc = unsafe {
        match key {
            Some(k) => ffi::sqlite3_trace_v2(
                db.raw(),
                ffi::SQLITE_TRACE_STMT as c_uint,
                Some(trace),
                ctx_of(k),
            ),
            None => ffi::sqlite3_trace_v2(db.raw(), 0, None, std::ptr::null_mut()),
        }
    };
    if rc != ffi::SQLITE_OK {
        return Err(super::db_error(vm, db.error()));
    }
    key_result(vm, key)
}

/// `create_collation(db, name, callable or None) -> key or None`: the callable compares two
/// strings, its int result's sign ordering them (another result: equal; an exception:
/// equal, and raised once the step is over).
pub fn create_collation(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "create_collation", 3, 3, &[])?;
    let db = db_arg(vm, &a)?;
    let name = a.pos[1]
        .as_str()
        .ok_or_else(|| vm.type_error("collation name must be str"))?
        .to_string();
    if vm.is_none(&a.pos[2]) {
        let removed = db.conn().remove_collation(name.as_str());
        removed.map_err(|e| super::db_error(vm, super::db::from_rusqlite(e)))?;
        return Ok(vm.none());
    }
    let key = register(vm, a.pos[2].clone())?;
    let made = db.conn().create_collation(name.as_str(), move |x, y| {
        let Some(vm) = crate::vm::finalize::current() else {
            return std::cmp::Ordering::Equal;
        };
        let called = callback(&vm, key).and_then(|f| vm.call(&f, &[vm.str(x)?, vm.str(y)?]));
        match called {
            Ok(result) => result.as_i64().unwrap_or(0).cmp(&0),
            Err(err) => {
                PENDING.with(|p| {
                    p.borrow_mut().get_or_insert(err);
                });
                std::cmp::Ordering::Equal
            }
        }
    });
    made.map_err(|e| super::db_error(vm, super::db::from_rusqlite(e)))?;
    vm.new_int(key)
}
