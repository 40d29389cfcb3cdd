//! `_sqlite3`: the native half of `sqlite3` (CPython's `Modules/_sqlite`), over the SQLite
//! that rusqlite bundles. `sqlite3.py` keeps the DB-API objects (Connection, Cursor, Row)
//! and their rules; this module keeps the databases and statements, in tables under int
//! handles that those objects hold (as `_hashlib` keeps its digests), and does the per-row
//! work: binding parameters, stepping, and building result rows.
//!
//! SQLite errors are raised as the `sqlite3` module's exception classes, built by its
//! `_make_error(code, message)` (it knows the class and name of each result code).

mod blob;
mod db;
mod functions;
mod hooks;

use std::cell::{Cell, RefCell};
use std::ffi::c_int;
use std::rc::Rc;

use hashbrown::HashMap;
use rusqlite::ffi;

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{Exc, PyErr, PyResult, Vm};
use db::{Db, DbError, Stmt, Value};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("open", open),
    BuiltinFn::new("close", close),
    BuiltinFn::new("prepare", prepare),
    BuiltinFn::new("finalize", finalize),
    BuiltinFn::new("reset", reset),
    BuiltinFn::new("run", run),
    BuiltinFn::new("fetch", fetch),
    BuiltinFn::new("columns", columns),
    BuiltinFn::new("total_changes", total_changes),
    BuiltinFn::new("autocommit", autocommit),
    BuiltinFn::new("exec", exec),
    BuiltinFn::new("create_function", functions::create_function),
    BuiltinFn::new("create_aggregate", functions::create_aggregate),
    BuiltinFn::new("complete_statement", complete_statement),
    BuiltinFn::new("decltypes", decltypes),
    BuiltinFn::new("create_window_function", functions::create_window_function),
    BuiltinFn::new("create_collation", hooks::create_collation),
    BuiltinFn::new("set_authorizer", hooks::set_authorizer),
    BuiltinFn::new("set_progress_handler", hooks::set_progress_handler),
    BuiltinFn::new("set_trace_callback", hooks::set_trace_callback),
    BuiltinFn::new("blob_open", blob::blob_open),
    BuiltinFn::new("blob_close", blob::blob_close),
    BuiltinFn::new("blob_len", blob::blob_len),
    BuiltinFn::new("blob_read", blob::blob_read),
    BuiltinFn::new("blob_write", blob::blob_write),
    BuiltinFn::new("backup_init", blob::backup_init),
    BuiltinFn::new("backup_step", blob::backup_step),
    BuiltinFn::new("backup_finish", blob::backup_finish),
];

thread_local! {
    /// Open databases by handle.
    static DBS: RefCell<HashMap<i64, Rc<Db>>> = RefCell::new(HashMap::new());
    /// Live statements by handle, with the handle of their database.
    static STMTS: RefCell<HashMap<i64, (i64, Rc<Stmt>)>> = RefCell::new(HashMap::new());
    /// The next handle: never reused, so a stale handle finds nothing.
    static NEXT: Cell<i64> = const { Cell::new(1) };
}

/// A fresh handle.
fn next_handle() -> i64 {
    NEXT.with(|n| {
        let h = n.get();
        n.set(h + 1);
        h
    })
}

/// The int handle argument `i`.
fn handle_arg(vm: &Vm, a: &Args<'_>, i: usize) -> PyResult<i64> {
    match a.pos.get(i).map(|h| &**h) {
        Some(Obj::Int(h)) => Ok(*h),
        _ => Err(vm.type_error("an int handle is required")),
    }
}

/// The database under handle `a.pos[0]` (cloned out of the table: user functions that run
/// while it steps may use the table again).
fn db_arg(vm: &Vm, a: &Args<'_>) -> PyResult<Rc<Db>> {
    let h = handle_arg(vm, a, 0)?;
    DBS.with(|t| t.borrow().get(&h).cloned())
        .ok_or_else(|| programming_error(vm, "Cannot operate on a closed database."))
}

/// The statement under handle `a.pos[0]`.
fn stmt_arg(vm: &Vm, a: &Args<'_>) -> PyResult<Rc<Stmt>> {
    let h = handle_arg(vm, a, 0)?;
    STMTS
        .with(|t| t.borrow().get(&h).map(|(_, s)| s.clone()))
        .ok_or_else(|| programming_error(vm, "Cannot operate on a closed database."))
}

/// Calls `sqlite3.<name>(args)`, the module being imported or imported already.
fn call_sqlite3(vm: &Vm, name: &str, args: &[PyRef]) -> PyResult {
    let module = vm
        .dict_get(&vm.modules, &vm.str("sqlite3")?)?
        .ok_or_else(|| vm.new_exc(Exc::ImportError, "sqlite3 is not imported"))?;
    let f = vm.get_attr(&module, &vm.intern(name))?;
    vm.call(&f, args)
}

/// The `sqlite3` exception for an SQLite error.
fn db_error(vm: &Vm, err: DbError) -> PyErr {
    let made = vm
        .new_int(i64::from(err.code))
        .and_then(|code| Ok((code, vm.str(&err.message)?)))
        .and_then(|(code, msg)| call_sqlite3(vm, "_make_error", &[code, msg]));
    match made {
        Ok(exc) => PyErr(exc),
        Err(err) => err,
    }
}

/// `sqlite3.<class>(message)`.
fn sqlite3_error(vm: &Vm, class: &str, message: &str) -> PyErr {
    let made = vm.str(message).and_then(|msg| {
        let module = vm
            .dict_get(&vm.modules, &vm.str("sqlite3")?)?
            .ok_or_else(|| vm.new_exc(Exc::ImportError, "sqlite3 is not imported"))?;
        let class = vm.get_attr(&module, &vm.intern(class))?;
        vm.instantiate_exception(class, vec![msg])
    });
    match made {
        Ok(exc) => PyErr(exc),
        Err(err) => err,
    }
}

fn programming_error(vm: &Vm, message: &str) -> PyErr {
    sqlite3_error(vm, "ProgrammingError", message)
}

/// `open(path, uri, timeout_ms) -> handle`.
fn open(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "open", 3, 3, &[])?;
    let path = a.pos[0]
        .as_str()
        .ok_or_else(|| vm.type_error("database path must be str"))?;
    let uri = vm.truthy(&a.pos[1])?;
    let timeout = u64::try_from(vm.index_value(&a.pos[2], "timeout")?).unwrap_or(0);
    let db = Db::open(path, uri, timeout).map_err(|e| db_error(vm, e))?;
    let h = next_handle();
    DBS.with(|t| t.borrow_mut().insert(h, Rc::new(db)));
    vm.new_int(h)
}

/// `close(handle)`: finalizes the database's statements and closes it (once the last of
/// them is done, should one be stepping further up the stack).
fn close(vm: &Vm, a: Args<'_>) -> PyResult {
    let h = handle_arg(vm, &a, 0)?;
    let db = DBS.with(|t| t.borrow_mut().remove(&h));
    let stmts: Vec<_> = STMTS.with(|t| {
        let mut t = t.borrow_mut();
        let mine: Vec<i64> = t
            .iter()
            .filter(|(_, (d, _))| *d == h)
            .map(|(k, _)| *k)
            .collect();
        mine.into_iter().filter_map(|k| t.remove(&k)).collect()
    });
    drop(stmts);
    blob::close_blobs_of(h);
    drop(db);
    Ok(vm.none())
}

/// True if `rest` (what follows a statement) holds more than blanks and comments: CPython's
/// check for "one statement at a time".
fn more_sql(rest: &str) -> bool {
    !strip_sql(rest).is_empty()
}

/// `sql` without its leading blanks and comments (CPython's `lstrip_sql`).
fn strip_sql(mut sql: &str) -> &str {
    loop {
        let trimmed = sql.trim_start_matches([' ', '\t', '\n', '\r', '\x0c']);
        if let Some(comment) = trimmed.strip_prefix("--") {
            match comment.find('\n') {
                Some(end) => sql = &comment[end + 1..],
                None => return "",
            }
        } else if let Some(comment) = trimmed.strip_prefix("/*") {
            match comment.find("*/") {
                Some(end) => sql = &comment[end + 2..],
                None => return "",
            }
        } else {
            return trimmed;
        }
    }
}

/// True for an INSERT, UPDATE, DELETE or REPLACE, which open a transaction implicitly.
fn is_dml(sql: &str) -> bool {
    let head = strip_sql(sql).as_bytes();
    ["insert", "update", "delete", "replace"]
        .iter()
        .any(|kw| head.len() >= kw.len() && head[..kw.len()].eq_ignore_ascii_case(kw.as_bytes()))
}

/// `prepare(db, sql) -> (handle, is_dml, readonly)`: compiles one statement.
fn prepare(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "prepare", 2, 2, &[])?;
    let db = db_arg(vm, &a)?;
    let sql = a.pos[1]
        .as_str()
        .ok_or_else(|| vm.type_error("sql must be str"))?;
    if sql.contains('\0') {
        return Err(programming_error(vm, "the query contains a null character"));
    }
    let (stmt, rest) = db.prepare(sql).map_err(|e| db_error(vm, e))?;
    if more_sql(&sql[rest..]) {
        return Err(programming_error(
            vm,
            "You can only execute one statement at a time.",
        ));
    }
    let readonly = stmt.readonly();
    let h = next_handle();
    let owner = handle_arg(vm, &a, 0)?;
    STMTS.with(|t| t.borrow_mut().insert(h, (owner, Rc::new(stmt))));
    Ok(vm.tuple(vec![
        vm.new_int(h)?,
        vm.bool(is_dml(sql)),
        vm.bool(readonly),
    ]))
}

/// `finalize(stmt)`: the statement is no longer used (a stale handle is ignored).
fn finalize(vm: &Vm, a: Args<'_>) -> PyResult {
    let h = handle_arg(vm, &a, 0)?;
    let stmt = STMTS.with(|t| t.borrow_mut().remove(&h));
    drop(stmt);
    Ok(vm.none())
}

/// `reset(stmt)`: back to its start (a stale handle is ignored).
fn reset(vm: &Vm, a: Args<'_>) -> PyResult {
    let h = handle_arg(vm, &a, 0)?;
    if let Some((_, stmt)) = STMTS.with(|t| t.borrow().get(&h).cloned()) {
        stmt.reset();
    }
    Ok(vm.none())
}

/// `run(stmt, parameters, is_dml) -> (on_a_row, changes, columns, lastrowid)`: binds
/// `parameters` and takes the first step; a statement that is done is reset at once.
/// `changes` is the rows a DML statement changed (0 for others), `columns` the result's
/// column count, `lastrowid` the database's last inserted rowid: what `Cursor.execute`
/// needs after each step, in one call.
fn run(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "run", 3, 3, &[])?;
    let stmt = stmt_arg(vm, &a)?;
    functions::bind_all(vm, &stmt, &a.pos[1])?;
    let rc = stmt.step();
    if let Some(err) = hooks::take_pending() {
        stmt.reset();
        return Err(err);
    }
    if rc != ffi::SQLITE_ROW && rc != ffi::SQLITE_DONE {
        let err = stmt.db().error();
        stmt.reset();
        return Err(db_error(vm, err));
    }
    let db = stmt.db();
    let changes = if vm.truthy(&a.pos[2])? {
        db.changes()
    } else {
        0
    };
    let columns = stmt.column_count();
    if rc == ffi::SQLITE_DONE {
        stmt.reset();
    }
    Ok(vm.tuple(vec![
        vm.bool(rc == ffi::SQLITE_ROW),
        vm.new_int(changes)?,
        vm.new_int(columns as i64)?,
        vm.new_int(db.last_insert_rowid())?,
    ]))
}

/// `columns(stmt)`: the names of the result's columns.
fn columns(vm: &Vm, a: Args<'_>) -> PyResult {
    let stmt = stmt_arg(vm, &a)?;
    let names = (0..stmt.column_count())
        .map(|i| vm.str(stmt.column_name(i)))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(vm.tuple(names))
}

/// `decltypes(stmt)`: the declared type of each result column (None for expressions).
fn decltypes(vm: &Vm, a: Args<'_>) -> PyResult {
    let stmt = stmt_arg(vm, &a)?;
    let types = (0..stmt.column_count())
        .map(|i| match stmt.decltype(i) {
            Some(t) => vm.str(&t),
            None => Ok(vm.none()),
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(vm.tuple(types))
}

/// `fetch(stmt, text_factory, converters=None)`: the current row as a tuple, then one step
/// on; None when the statement is not on a row. At the end the statement is reset. A
/// column with a converter (`detect_types`) is given to it as bytes (NULL stays None).
fn fetch(vm: &Vm, a: Args<'_>) -> PyResult {
    let stmt = stmt_arg(vm, &a)?;
    let n = stmt.data_count();
    if n == 0 {
        stmt.reset();
        return Ok(vm.none());
    }
    let text_factory = a.pos.get(1);
    let converters = match a.pos.get(2).map(|c| &**c) {
        Some(Obj::Tuple(items)) => Some(items.to_vec()),
        _ => None,
    };
    let mut row = Vec::with_capacity(n);
    for i in 0..n {
        let converter = converters
            .as_ref()
            .and_then(|c| c.get(i))
            .filter(|c| !vm.is_none(c));
        let value = match converter {
            Some(convert) => match stmt.column_bytes(i) {
                Some(bytes) => {
                    let raw = vm.bytes(bytes);
                    vm.call(convert, &[raw])?
                }
                None => vm.none(),
            },
            None => column_value(vm, &stmt, i, text_factory)?,
        };
        row.push(value);
    }
    let rc = stmt.step();
    if let Some(err) = hooks::take_pending() {
        stmt.reset();
        return Err(err);
    }
    match rc {
        ffi::SQLITE_ROW => {}
        ffi::SQLITE_DONE => stmt.reset(),
        _ => return Err(db_error(vm, stmt.db().error())),
    }
    Ok(vm.tuple(row))
}

/// Column `i` of the current row as a Python value; text through `text_factory` unless
/// it is `str`.
fn column_value(vm: &Vm, stmt: &Stmt, i: usize, text_factory: Option<&PyRef>) -> PyResult {
    match stmt.column(i) {
        Value::Text(text) => match text_factory {
            Some(f) if !crate::rt::Gc::ptr_eq(f, &vm.types.str) => {
                let raw = vm.bytes(text);
                if crate::rt::Gc::ptr_eq(f, &vm.types.bytes) {
                    Ok(raw)
                } else {
                    vm.call(f, &[raw])
                }
            }
            _ => match std::str::from_utf8(text) {
                Ok(s) => vm.str(s),
                Err(_) => Err(sqlite3_error(
                    vm,
                    "OperationalError",
                    &format!(
                        "Could not decode to UTF-8 column '{}' with text '{}'",
                        stmt.column_name(i),
                        String::from_utf8_lossy(text)
                    ),
                )),
            },
        },
        other => functions::to_python(vm, &other),
    }
}

/// `total_changes(db)` and `autocommit(db)`.
fn total_changes(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.new_int(db_arg(vm, &a)?.total_changes())
}

fn autocommit(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(vm.bool(db_arg(vm, &a)?.autocommit()))
}

/// `exec(db, sql)`: runs every statement of `sql` (executescript, BEGIN, COMMIT, ROLLBACK).
fn exec(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "exec", 2, 2, &[])?;
    let db = db_arg(vm, &a)?;
    let sql = a.pos[1]
        .as_str()
        .ok_or_else(|| vm.type_error("sql must be str"))?;
    if sql.contains('\0') {
        return Err(vm.value_error("embedded null character"));
    }
    let done = db.exec_script(sql);
    if let Some(err) = hooks::take_pending() {
        return Err(err);
    }
    done.map_err(|e| db_error(vm, e))?;
    Ok(vm.none())
}

/// `complete_statement(sql)`: True if `sql` ends a complete statement.
fn complete_statement(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "complete_statement", 1, 1, &[])?;
    let sql = a.pos[0]
        .as_str()
        .ok_or_else(|| vm.type_error("complete_statement() argument 'statement' must be str"))?;
    let Ok(c) = std::ffi::CString::new(sql) else {
        return Err(vm.value_error("embedded null character"));
    };
    // SAFETY: `c` is a NUL-terminated string that outlives the call.
    let complete: c_int = unsafe { ffi::sqlite3_complete(c.as_ptr()) };
    Ok(vm.bool(complete != 0))
}

/// Creates the module; `sqlite_version` is the bundled SQLite's.
pub fn build(vm: &Vm) -> PyResult {
    let m = vm.new_module("_sqlite3")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    vm.module_set(&m, "sqlite_version", vm.str(rusqlite::version())?)?;
    vm.module_set(&m, "callbacks", vm.dict()?)?;
    // the weak reference type, for `sqlite3.py` without importing `weakref` (whose Python
    // half costs more than all of `sqlite3`'s import)
    vm.module_set(&m, "ref", vm.types.weakref.clone())?;
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::{is_dml, more_sql, strip_sql};

    #[test]
    fn comments_and_blanks_are_stripped_from_the_front() {
        assert_eq!(strip_sql("  -- note\n /* a */ select 1"), "select 1");
        assert_eq!(strip_sql("-- only a comment"), "");
        assert_eq!(strip_sql("/* unterminated"), "");
        assert_eq!(strip_sql("\t\r\nx"), "x");
    }

    #[test]
    fn dml_is_insert_update_delete_or_replace_in_any_case() {
        assert!(is_dml("INSERT into t values (1)"));
        assert!(is_dml(" /* c */ Replace into t values (1)"));
        assert!(is_dml("update t set a = 1"));
        assert!(is_dml("-- x\ndelete from t"));
        assert!(!is_dml("select 1"));
        assert!(!is_dml("create table t (a)"));
        assert!(!is_dml("ins"));
    }

    #[test]
    fn only_comments_may_follow_a_statement() {
        assert!(!more_sql("  -- done"));
        assert!(!more_sql(" /* done */ "));
        assert!(more_sql(" select 2"));
    }
}
