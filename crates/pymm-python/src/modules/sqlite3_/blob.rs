//! Incremental BLOB I/O (`Connection.blobopen`) and online backup (`Connection.backup`) over
//! SQLite's C API. `sqlite3.py`'s `Blob` keeps the offset and CPython's checks; here each open
//! blob and each running backup is kept under an int handle, holding its database(s) open.

use std::cell::RefCell;
use std::ffi::{c_int, CString};
use std::ptr::NonNull;
use std::rc::Rc;

use hashbrown::HashMap;
use rusqlite::ffi;

use super::db::Db;
use super::{db_arg, db_error, handle_arg, next_handle, programming_error};
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::Args;
use crate::vm::{Exc, PyResult, Vm};

/// An open blob; closed on drop.
struct Blob {
    raw: NonNull<ffi::sqlite3_blob>,
    db: Rc<Db>,
    /// The handle of its database, so that closing the database closes it first.
    db_handle: i64,
}

impl Drop for Blob {
    fn drop(&mut self) {
        // SAFETY: `raw` was opened on `self.db`, still open, and is closed only here.
        unsafe { ffi::sqlite3_blob_close(self.raw.as_ptr()) };
    }
}

/// A backup from one database to another; finished on drop if it was not before.
struct Backup {
    /// None once finished.
    raw: Option<NonNull<ffi::sqlite3_backup>>,
    /// The target, whose error a failure reports.
    target: Rc<Db>,
    /// Kept open while the backup reads it.
    _source: Rc<Db>,
}

impl Backup {
    /// Ends the backup: SQLite's result code (SQLITE_OK if it was ended already).
    fn finish(&mut self) -> c_int {
        match self.raw.take() {
            // SAFETY: `raw` was made on the two databases this holds open, and is taken out
            // of `self` so that it is finished once.
            Some(raw) => unsafe { ffi::sqlite3_backup_finish(raw.as_ptr()) },
            None => ffi::SQLITE_OK,
        }
    }
}

impl Drop for Backup {
    fn drop(&mut self) {
        self.finish();
    }
}

thread_local! {
    static BLOBS: RefCell<HashMap<i64, Rc<Blob>>> = RefCell::new(HashMap::new());
    static BACKUPS: RefCell<HashMap<i64, Backup>> = RefCell::new(HashMap::new());
}

/// Closes the blobs of the database under `db_handle` (it is being closed).
pub fn close_blobs_of(db_handle: i64) {
    let mine: Vec<Rc<Blob>> = BLOBS.with(|t| {
        let mut t = t.borrow_mut();
        let keys: Vec<i64> = t
            .iter()
            .filter(|(_, b)| b.db_handle == db_handle)
            .map(|(k, _)| *k)
            .collect();
        keys.into_iter().filter_map(|k| t.remove(&k)).collect()
    });
    drop(mine);
}

/// A str argument as a C string.
fn c_text(vm: &Vm, obj: &PyRef, what: &str) -> PyResult<CString> {
    let text = obj
        .as_str()
        .ok_or_else(|| vm.type_error(format!("{what} must be str")))?;
    CString::new(text).map_err(|_| vm.value_error("embedded null character"))
}

/// The blob under handle `a.pos[0]`.
fn blob_arg(vm: &Vm, a: &Args<'_>) -> PyResult<Rc<Blob>> {
    let h = handle_arg(vm, a, 0)?;
    BLOBS
        .with(|t| t.borrow().get(&h).cloned())
        .ok_or_else(|| programming_error(vm, "Cannot operate on a closed blob."))
}

/// An int argument that fits SQLite's `int`.
fn c_int_arg(vm: &Vm, obj: &PyRef, what: &str) -> PyResult<c_int> {
    c_int::try_from(vm.index_value(obj, what)?).map_err(|_| {
        vm.new_exc(
            Exc::OverflowError,
            "Python int too large to convert to C int",
        )
    })
}

/// `blob_open(db, schema, table, column, row, writable) -> handle`.
pub fn blob_open(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "blob_open", 6, 6, &[])?;
    let db = db_arg(vm, &a)?;
    let schema = c_text(vm, &a.pos[1], "name")?;
    let table = c_text(vm, &a.pos[2], "table")?;
    let column = c_text(vm, &a.pos[3], "column")?;
    let row = vm.index_value(&a.pos[4], "row")?;
    let writable = c_int::from(vm.truthy(&a.pos[5])?);
    let mut raw = std::ptr::null_mut();
    // SAFETY: an open database, NUL-terminated names that outlive the call, and an
    // out-pointer SQLite fills.
    let rc = unsafe {
        ffi::sqlite3_blob_open(
            db.raw(),
            schema.as_ptr(),
            table.as_ptr(),
            column.as_ptr(),
            row,
            writable,
            &mut raw,
        )
    };
    let Some(raw) = NonNull::new(raw).filter(|_| rc == ffi::SQLITE_OK) else {
        return Err(db_error(vm, db.error()));
    };
    let blob = Blob {
        raw,
        db,
        db_handle: handle_arg(vm, &a, 0)?,
    };
    let h = next_handle();
    BLOBS.with(|t| t.borrow_mut().insert(h, Rc::new(blob)));
    vm.new_int(h)
}

/// `blob_close(handle)` (a stale handle is ignored).
pub fn blob_close(vm: &Vm, a: Args<'_>) -> PyResult {
    let h = handle_arg(vm, &a, 0)?;
    let blob = BLOBS.with(|t| t.borrow_mut().remove(&h));
    drop(blob);
    Ok(vm.none())
}

/// `blob_len(handle)`: the blob's size in bytes.
pub fn blob_len(vm: &Vm, a: Args<'_>) -> PyResult {
    let blob = blob_arg(vm, &a)?;
    // SAFETY: an open blob.
    let n = unsafe { ffi::sqlite3_blob_bytes(blob.raw.as_ptr()) };
    vm.new_int(i64::from(n))
}

/// `blob_read(handle, offset, n) -> bytes` (the caller keeps the range inside the blob).
pub fn blob_read(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "blob_read", 3, 3, &[])?;
    let blob = blob_arg(vm, &a)?;
    let offset = c_int_arg(vm, &a.pos[1], "offset")?;
    let n = c_int_arg(vm, &a.pos[2], "n")?.max(0);
    let mut buf = vm.vec_with_capacity::<u8>(n as usize)?;
    buf.resize(n as usize, 0);
    // SAFETY: an open blob; `buf` has room for `n` bytes.
    let rc =
        unsafe { ffi::sqlite3_blob_read(blob.raw.as_ptr(), buf.as_mut_ptr().cast(), n, offset) };
    if rc != ffi::SQLITE_OK {
        return Err(db_error(vm, blob.db.error()));
    }
    Ok(vm.bytes(&buf))
}

/// `blob_write(handle, offset, data)` (the caller keeps the range inside the blob).
pub fn blob_write(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "blob_write", 3, 3, &[])?;
    let blob = blob_arg(vm, &a)?;
    let offset = c_int_arg(vm, &a.pos[1], "offset")?;
    let Obj::Bytes(data) = &*a.pos[2] else {
        return Err(vm.type_error("data must be bytes"));
    };
    let n = c_int::try_from(data.len())
        .map_err(|_| vm.new_exc(Exc::OverflowError, "data longer than INT_MAX bytes"))?;
    // SAFETY: an open blob; `data` holds `n` bytes.
    let rc = unsafe { ffi::sqlite3_blob_write(blob.raw.as_ptr(), data.as_ptr().cast(), n, offset) };
    if rc != ffi::SQLITE_OK {
        return Err(db_error(vm, blob.db.error()));
    }
    Ok(vm.none())
}

/// `backup_init(target, source, name) -> handle`: a backup of the source's database `name`
/// into the target's "main".
pub fn backup_init(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "backup_init", 3, 3, &[])?;
    let target = db_arg(vm, &a)?;
    let source_args = Args::new(&a.pos[1..2]);
    let source = db_arg(vm, &source_args)?;
    let name = c_text(vm, &a.pos[2], "name")?;
    // SAFETY: two open databases and NUL-terminated names that outlive the call.
    let raw = unsafe {
        ffi::sqlite3_backup_init(target.raw(), c"main".as_ptr(), source.raw(), name.as_ptr())
    };
    let Some(raw) = NonNull::new(raw) else {
        return Err(db_error(vm, target.error()));
    };
    let h = next_handle();
    let backup = Backup {
        raw: Some(raw),
        target,
        _source: source,
    };
    BACKUPS.with(|t| t.borrow_mut().insert(h, backup));
    vm.new_int(h)
}

/// `backup_step(handle, pages) -> (rc, remaining, pagecount)`.
pub fn backup_step(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "backup_step", 2, 2, &[])?;
    let h = handle_arg(vm, &a, 0)?;
    let pages = c_int_arg(vm, &a.pos[1], "pages")?;
    let raw = BACKUPS
        .with(|t| t.borrow().get(&h).and_then(|b| b.raw))
        .ok_or_else(|| programming_error(vm, "backup is finished"))?;
    // SAFETY: a backup in the table, whose databases it holds open.
    let (rc, remaining, count) = unsafe {
        let rc = ffi::sqlite3_backup_step(raw.as_ptr(), pages);
        (
            rc,
            ffi::sqlite3_backup_remaining(raw.as_ptr()),
            ffi::sqlite3_backup_pagecount(raw.as_ptr()),
        )
    };
    Ok(vm.tuple(vec![
        vm.new_int(i64::from(rc))?,
        vm.new_int(i64::from(remaining))?,
        vm.new_int(i64::from(count))?,
    ]))
}

/// `backup_finish(handle, check)`: ends the backup; with `check`, its failure raises the
/// target's error.
pub fn backup_finish(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "backup_finish", 2, 2, &[])?;
    let h = handle_arg(vm, &a, 0)?;
    let Some(mut backup) = BACKUPS.with(|t| t.borrow_mut().remove(&h)) else {
        return Ok(vm.none());
    };
    let rc = backup.finish();
    if rc != ffi::SQLITE_OK && vm.truthy(&a.pos[1])? {
        return Err(db_error(vm, backup.target.error()));
    }
    Ok(vm.none())
}
