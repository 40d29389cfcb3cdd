//! Values between Python and SQLite: binding parameters, and the user functions and
//! aggregates SQL calls back into Python (`create_function`, `create_aggregate`).
//!
//! SQLite calls a user function while a statement steps, that is always inside a call of
//! this module on the interpreter's thread; the callback finds the VM through
//! [`crate::vm::finalize::current`]. What it calls lives in the Python heap, in the dict
//! `_sqlite3.callbacks` under an int key: the closure rusqlite keeps holds only that key
//! (so it is `Send` as rusqlite requires, and holds nothing of the heap), and the collector
//! sees the callables and aggregate instances as the dict's values.

use std::cell::Cell;
use std::ffi::c_int;

use rusqlite::ffi;
use rusqlite::functions::{Aggregate, Context, FunctionFlags, WindowAggregate};
use rusqlite::types::{Value as SqlValue, ValueRef};

use super::db::{Stmt, Value};
use super::{db_arg, db_error, programming_error, sqlite3_error};
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::Args;
use crate::vm::{Exc, PyErr, PyResult, Vm};

thread_local! {
    /// The next key in `_sqlite3.callbacks`.
    static NEXT_KEY: Cell<i64> = const { Cell::new(1) };
}

/// An SQLite value as a Python one (text as str).
pub fn to_python(vm: &Vm, value: &Value<'_>) -> PyResult {
    match *value {
        Value::Null => Ok(vm.none()),
        Value::Integer(i) => vm.new_int(i),
        Value::Real(f) => Ok(vm.float(f)),
        Value::Text(t) => vm.str(String::from_utf8_lossy(t)),
        Value::Blob(b) => Ok(vm.bytes(b)),
    }
}

/// What a Python value binds as, if it is one SQLite stores as it is.
enum Bindable<'a> {
    Value(Value<'a>),
    TooBig,
    Unsupported,
}

fn bindable(obj: &PyRef) -> Bindable<'_> {
    match &**obj {
        Obj::None => Bindable::Value(Value::Null),
        Obj::Int(i) => Bindable::Value(Value::Integer(*i)),
        Obj::Bool(b) => Bindable::Value(Value::Integer(i64::from(*b))),
        Obj::BigInt(_) => Bindable::TooBig,
        Obj::Float(f) => Bindable::Value(Value::Real(*f)),
        Obj::Str(s) => Bindable::Value(Value::Text(s.as_str().as_bytes())),
        Obj::Bytes(b) => Bindable::Value(Value::Blob(b)),
        _ => Bindable::Unsupported,
    }
}

/// Binds `obj` as parameter `i` (1-based) of `stmt`. Objects of other types are
/// first given to `sqlite3._adapt` (registered adapters, `__conform__`).
fn bind_one(vm: &Vm, stmt: &Stmt, i: usize, obj: &PyRef) -> PyResult<()> {
    let adapted;
    let mut obj = obj;
    if matches!(bindable(obj), Bindable::Unsupported) {
        adapted = super::call_sqlite3(vm, "_adapt", std::slice::from_ref(obj))?;
        obj = vm.builtin_receiver(&adapted);
    }
    let rc = match bindable(obj) {
        Bindable::Value(v) => {
            if let Value::Text(b) | Value::Blob(b) = v {
                if c_int::try_from(b.len()).is_err() {
                    return Err(vm.new_exc(Exc::OverflowError, "string longer than INT_MAX bytes"));
                }
            }
            stmt.bind(i, &v)
        }
        Bindable::TooBig => {
            return Err(vm.new_exc(
                Exc::OverflowError,
                "Python int too large to convert to SQLite INTEGER",
            ))
        }
        Bindable::Unsupported => match &**obj {
            Obj::ByteArray(b) => {
                let bytes = b.borrow().clone();
                stmt.bind(i, &Value::Blob(&bytes))
            }
            _ => {
                return Err(programming_error(
                    vm,
                    &format!(
                        "Error binding parameter {i}: type '{}' is not supported",
                        vm.type_name(obj)
                    ),
                ))
            }
        },
    };
    if rc != ffi::SQLITE_OK {
        return Err(db_error(vm, stmt.db().error()));
    }
    Ok(())
}

/// Binds `params` to `stmt` as CPython does: a dict by name, any other sequence by
/// position (and their count must match).
pub fn bind_all(vm: &Vm, stmt: &Stmt, params: &PyRef) -> PyResult<()> {
    let needed = stmt.param_count();
    let base = vm.builtin_receiver(params);
    let by_position: Option<Vec<PyRef>> = match &**params {
        Obj::Tuple(items) => Some(items.to_vec()),
        Obj::List(items) => Some(items.borrow().to_vec()),
        _ if matches!(&**base, Obj::Dict(_)) => None,
        _ if is_sequence(vm, params) => {
            let n = vm.len(params)?;
            let items = (0..n)
                .map(|i| vm.get_item(params, &vm.new_int(i as i64)?))
                .collect::<PyResult<Vec<_>>>()?;
            Some(items)
        }
        _ => return Err(programming_error(vm, "parameters are of unsupported type")),
    };
    match by_position {
        Some(items) => {
            if items.len() != needed {
                return Err(programming_error(
                    vm,
                    &format!(
                        "Incorrect number of bindings supplied. The current statement uses \
                         {needed}, and there are {} supplied.",
                        items.len()
                    ),
                ));
            }
            for (i, item) in items.iter().enumerate() {
                bind_one(vm, stmt, i + 1, item)?;
            }
        }
        None => {
            for i in 1..=needed {
                let Some(name) = stmt.param_name(i) else {
                    return Err(programming_error(
                        vm,
                        &format!(
                            "Binding {i} has no name, but you supplied a dictionary (which has \
                             only names)."
                        ),
                    ));
                };
                let key = vm.str(&name[1..])?;
                let missing = || {
                    programming_error(
                        vm,
                        &format!("You did not supply a value for binding parameter {name}."),
                    )
                };
                let value = if matches!(&**params, Obj::Dict(_)) {
                    vm.dict_get(params, &key)?.ok_or_else(missing)?
                } else {
                    match vm.get_item(params, &key) {
                        Ok(v) => v,
                        Err(e) if vm.exc_matches(&e.0, Exc::LookupError) => return Err(missing()),
                        Err(e) => return Err(e),
                    }
                };
                bind_one(vm, stmt, i, &value)?;
            }
        }
    }
    Ok(())
}

/// CPython's `PySequence_Check` for the parameters: str, bytes and objects with
/// `__getitem__` (a dict was handled before).
fn is_sequence(vm: &Vm, obj: &PyRef) -> bool {
    match &**obj {
        Obj::Str(_) | Obj::Bytes(_) | Obj::ByteArray(_) | Obj::Range(_) => true,
        Obj::Instance(_) => vm.user_method(obj, "__getitem__").is_some(),
        _ => false,
    }
}

/// An argument SQLite passes to a user function, as a Python value.
fn arg_value(vm: &Vm, value: ValueRef<'_>) -> PyResult {
    to_python(
        vm,
        &match value {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Integer(i),
            ValueRef::Real(f) => Value::Real(f),
            ValueRef::Text(t) => Value::Text(t),
            ValueRef::Blob(b) => Value::Blob(b),
        },
    )
}

/// The arguments of a user function call.
fn call_args(vm: &Vm, ctx: &Context<'_>) -> PyResult<Vec<PyRef>> {
    (0..ctx.len())
        .map(|i| arg_value(vm, ctx.get_raw(i)))
        .collect()
}

/// An error a callback reports to SQLite: the statement fails with `code` and `message`.
fn sql_error(code: c_int, message: &str) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(ffi::Error::new(code), Some(message.to_string()))
}

/// What a user function returned, as an SQLite result (CPython's `_pysqlite_set_result`):
/// an int too big gives SQLITE_TOOBIG, an unsupported type `failed`'s message.
fn result_value(vm: &Vm, obj: &PyRef, failed: &str) -> rusqlite::Result<SqlValue> {
    Ok(match bindable(vm.builtin_receiver(obj)) {
        Bindable::Value(Value::Null) => SqlValue::Null,
        Bindable::Value(Value::Integer(i)) => SqlValue::Integer(i),
        Bindable::Value(Value::Real(f)) => SqlValue::Real(f),
        Bindable::Value(Value::Text(t)) => SqlValue::Text(String::from_utf8_lossy(t).into_owned()),
        Bindable::Value(Value::Blob(b)) => SqlValue::Blob(b.to_vec()),
        // no message: SQLite's own for the code ("string or blob too big"), as CPython's
        // sqlite3_result_error_toobig gives (a message would turn the code into SQLITE_ERROR)
        Bindable::TooBig => {
            return Err(rusqlite::Error::SqliteFailure(
                ffi::Error::new(ffi::SQLITE_TOOBIG),
                None,
            ))
        }
        Bindable::Unsupported => match &**obj {
            Obj::ByteArray(b) => SqlValue::Blob(b.borrow().clone()),
            _ => return Err(sql_error(ffi::SQLITE_ERROR, failed)),
        },
    })
}

/// The callable or instance under `key` in `_sqlite3.callbacks`.
pub(super) fn callback(vm: &Vm, key: i64) -> PyResult {
    let registry = registry(vm)?;
    vm.dict_get(&registry, &vm.new_int(key)?)?
        .ok_or_else(|| vm.new_exc(Exc::KeyError, "sqlite3 callback is gone"))
}

/// The dict `_sqlite3.callbacks` (found by interned names: SQLite calls back per row).
fn registry(vm: &Vm) -> PyResult {
    let module = vm
        .dict_get(&vm.modules, &vm.intern_static("_sqlite3"))?
        .ok_or_else(|| vm.new_exc(Exc::ImportError, "_sqlite3 is not imported"))?;
    vm.get_attr(&module, &vm.intern_static("callbacks"))
}

/// Stores `obj` in `_sqlite3.callbacks` under a fresh key.
pub(super) fn register(vm: &Vm, obj: PyRef) -> PyResult<i64> {
    let key = NEXT_KEY.with(|k| {
        let key = k.get();
        k.set(key + 1);
        key
    });
    vm.dict_set(&registry(vm)?, vm.new_int(key)?, obj)?;
    Ok(key)
}

/// Removes `key` from `_sqlite3.callbacks`.
fn unregister(vm: &Vm, key: i64) {
    if let (Ok(registry), Ok(key)) = (registry(vm), vm.new_int(key)) {
        let _ = vm.dict_remove(&registry, &key);
    }
}

/// Runs `f` with the VM of this thread; a failure (a Python exception, reported by
/// [`report_failure`]) fails the statement with `message`. `key` is the callback's.
fn with_vm<T>(
    message: &str,
    key: i64,
    f: impl FnOnce(&Vm) -> PyResult<rusqlite::Result<T>>,
) -> rusqlite::Result<T> {
    aggregate_call(message, message, key, f)
}

/// A callback (the one under `key`) raised `err`: `sqlite3._callback_failed` passes it to
/// `sys.unraisablehook` if `enable_callback_tracebacks(True)` was called, as CPython does,
/// else drops it. Nothing can be raised from inside SQLite: a failure to report is dropped.
pub(super) fn report_failure(vm: &Vm, err: PyErr, key: i64) {
    let obj = callback(vm, key).unwrap_or_else(|_| vm.none());
    let _ = super::call_sqlite3(vm, "_callback_failed", &[err.0, obj]);
}

/// [`with_vm`] for an aggregate's method `step` or `finalize`: an AttributeError (the
/// class lacks the method) fails the statement with `not_defined` instead, as CPython's.
fn aggregate_call<T>(
    message: &str,
    not_defined: &str,
    key: i64,
    f: impl FnOnce(&Vm) -> PyResult<rusqlite::Result<T>>,
) -> rusqlite::Result<T> {
    let Some(vm) = crate::vm::finalize::current() else {
        return Err(sql_error(ffi::SQLITE_ERROR, message));
    };
    match f(&vm) {
        Ok(result) => result,
        Err(e) => {
            let missing = vm.exc_matches(&e.0, Exc::AttributeError);
            report_failure(&vm, e, key);
            Err(sql_error(
                ffi::SQLITE_ERROR,
                if missing { not_defined } else { message },
            ))
        }
    }
}

/// The `name`, `narg` and deterministic flag of a create_function/create_aggregate call,
/// and the flags SQLite is given.
fn signature(vm: &Vm, a: &Args<'_>) -> PyResult<(String, c_int, FunctionFlags)> {
    let name = a.pos[1]
        .as_str()
        .ok_or_else(|| vm.type_error("function name must be str"))?
        .to_string();
    let narg = c_int::try_from(vm.index_value(&a.pos[2], "narg")?).map_err(|_| {
        vm.new_exc(
            Exc::OverflowError,
            "Python int too large to convert to C int",
        )
    })?;
    let mut flags = FunctionFlags::SQLITE_UTF8;
    if a.pos.len() > 4 && vm.truthy(&a.pos[4])? {
        flags |= FunctionFlags::SQLITE_DETERMINISTIC;
    }
    Ok((name, narg, flags))
}

/// `create_function(db, name, narg, func, deterministic) -> key`.
pub fn create_function(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "create_function", 5, 5, &[])?;
    let db = db_arg(vm, &a)?;
    let (name, narg, flags) = signature(vm, &a)?;
    let key = register(vm, a.pos[3].clone())?;
    let made = db
        .conn()
        .create_scalar_function(name.as_str(), narg, flags, move |ctx| {
            const FAILED: &str = "user-defined function raised exception";
            with_vm(FAILED, key, |vm| {
                let f = callback(vm, key)?;
                let args = call_args(vm, ctx)?;
                let result = vm.call(&f, &args)?;
                Ok(result_value(vm, &result, FAILED))
            })
        });
    finish_registration(vm, made, key)
}

/// Fails with the `sqlite3` error for a failed registration (forgetting its callable).
fn finish_registration(vm: &Vm, made: rusqlite::Result<()>, key: i64) -> PyResult {
    match made {
        Ok(()) => vm.new_int(key),
        Err(e) => {
            unregister(vm, key);
            Err(sqlite3_error(
                vm,
                "OperationalError",
                &super::db::from_rusqlite(e).message,
            ))
        }
    }
}

/// A Python aggregate class: each use makes an instance (kept in `_sqlite3.callbacks`
/// under the key the aggregate state holds), calls its `step` per row and its `finalize`.
struct PyAggregate {
    class_key: i64,
}

/// The state of one aggregate use: the key of its instance (0 while it has none).
struct Instance(i64);

impl Aggregate<Instance, SqlValue> for PyAggregate {
    fn init(&self, _: &mut Context<'_>) -> rusqlite::Result<Instance> {
        with_vm(
            "user-defined aggregate's '__init__' method raised error",
            self.class_key,
            |vm| {
                let class = callback(vm, self.class_key)?;
                let instance = vm.call(&class, &[])?;
                Ok(Ok(Instance(register(vm, instance)?)))
            },
        )
    }

    fn step(&self, ctx: &mut Context<'_>, acc: &mut Instance) -> rusqlite::Result<()> {
        self.call_method(ctx, acc, &STEP)
    }

    fn finalize(&self, _: &mut Context<'_>, acc: Option<Instance>) -> rusqlite::Result<SqlValue> {
        const FAILED: &str = "user-defined aggregate's 'finalize' method raised error";
        let Some(Instance(key)) = acc else {
            // no row: CPython returns NULL without making an instance
            return Ok(SqlValue::Null);
        };
        let not_defined = "user-defined aggregate's 'finalize' method not defined";
        aggregate_call(FAILED, not_defined, self.class_key, |vm| {
            let instance = callback(vm, key);
            unregister(vm, key);
            let finalize = vm.get_attr(&instance?, &vm.intern("finalize"))?;
            let result = vm.call(&finalize, &[])?;
            Ok(result_value(vm, &result, FAILED))
        })
    }
}

/// An aggregate's per-row method: its name and the messages of its failures.
struct RowMethod {
    name: &'static str,
    failed: &'static str,
    not_defined: &'static str,
}

const STEP: RowMethod = RowMethod {
    name: "step",
    failed: "user-defined aggregate's 'step' method raised error",
    not_defined: "user-defined aggregate's 'step' method not defined",
};

const INVERSE: RowMethod = RowMethod {
    name: "inverse",
    failed: "user-defined aggregate's 'inverse' method raised error",
    not_defined: "user-defined aggregate's 'inverse' method not defined",
};

impl PyAggregate {
    /// Calls the instance's `step` or `inverse` with the row's arguments (once per row:
    /// the method is called unbound, without a bound method object, as the eval loop's
    /// `LOAD_METHOD` does).
    fn call_method(
        &self,
        ctx: &Context<'_>,
        acc: &Instance,
        method: &RowMethod,
    ) -> rusqlite::Result<()> {
        with_vm(method.failed, self.class_key, |vm| {
            let instance = callback(vm, acc.0)?;
            // any failure to find the method (not only AttributeError) is CPython's "not
            // defined"; a failure of the call, even an AttributeError, is "raised error"
            let (f, receiver) = match vm.load_method(&instance, &vm.intern_static(method.name)) {
                Ok(found) => found,
                Err(e) => {
                    report_failure(vm, e, self.class_key);
                    return Ok(Err(sql_error(ffi::SQLITE_ERROR, method.not_defined)));
                }
            };
            let mut args = Vec::with_capacity(ctx.len() + 1);
            args.extend(receiver);
            for i in 0..ctx.len() {
                args.push(arg_value(vm, ctx.get_raw(i))?);
            }
            vm.call(&f, &args)?;
            Ok(Ok(()))
        })
    }
}

/// A window function's class: an aggregate that also gives its `value` for the current
/// window and takes rows out of it with `inverse`.
impl WindowAggregate<Instance, SqlValue> for PyAggregate {
    fn value(&self, acc: Option<&mut Instance>) -> rusqlite::Result<SqlValue> {
        const FAILED: &str = "user-defined aggregate's 'value' method raised error";
        let not_defined = "user-defined aggregate's 'value' method not defined";
        let Some(Instance(key)) = acc.map(|a| Instance(a.0)) else {
            return Ok(SqlValue::Null);
        };
        aggregate_call(FAILED, not_defined, self.class_key, |vm| {
            let value = vm.get_attr(&callback(vm, key)?, &vm.intern("value"))?;
            let result = vm.call(&value, &[])?;
            Ok(result_value(vm, &result, FAILED))
        })
    }

    fn inverse(&self, ctx: &mut Context<'_>, acc: &mut Instance) -> rusqlite::Result<()> {
        self.call_method(ctx, acc, &INVERSE)
    }
}

/// `create_window_function(db, name, narg, class or None) -> key or None`.
pub fn create_window_function(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "create_window_function", 4, 4, &[])?;
    let db = db_arg(vm, &a)?;
    let (name, narg, flags) = signature(vm, &a)?;
    if vm.is_none(&a.pos[3]) {
        let removed = db.conn().remove_function(name.as_str(), narg);
        return finish_registration(vm, removed, 0).map(|_| vm.none());
    }
    let class_key = register(vm, a.pos[3].clone())?;
    let made =
        db.conn()
            .create_window_function(name.as_str(), narg, flags, PyAggregate { class_key });
    finish_registration(vm, made, class_key)
}

/// `create_aggregate(db, name, narg, class) -> key`.
pub fn create_aggregate(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "create_aggregate", 4, 4, &[])?;
    let db = db_arg(vm, &a)?;
    let (name, narg, flags) = signature(vm, &a)?;
    let class_key = register(vm, a.pos[3].clone())?;
    let made =
        db.conn()
            .create_aggregate_function(name.as_str(), narg, flags, PyAggregate { class_key });
    finish_registration(vm, made, class_key)
}
