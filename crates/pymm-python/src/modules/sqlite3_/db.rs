//! A database and its prepared statements, over SQLite's C API (the `bundled` SQLite that
//! rusqlite builds). rusqlite opens and closes the database and registers user functions;
//! statements use the C API directly, because a cursor steps its statement one row at a
//! time across many Python calls (CPython's `_sqlite` does the same), which rusqlite's
//! borrowed `Statement`/`Rows` pair cannot be kept across.
//!
//! Every [`Stmt`] holds its [`Db`] (an `Rc`), so a database is closed only after all its
//! statements are finalized: SQLite's close then never finds one still open.

use std::ffi::{c_int, CStr};
use std::ptr::NonNull;
use std::rc::Rc;

use rusqlite::ffi;

/// An SQLite error: its extended result code and message.
pub struct DbError {
    /// `sqlite3_extended_errcode` (the primary code is its low byte).
    pub code: c_int,
    /// `sqlite3_errmsg`.
    pub message: String,
}

/// An open database.
pub struct Db {
    conn: rusqlite::Connection,
}

/// A value SQLite gives for a column or a function argument, borrowed from SQLite.
pub enum Value<'a> {
    Null,
    Integer(i64),
    Real(f64),
    Text(&'a [u8]),
    Blob(&'a [u8]),
}

impl Db {
    /// Opens `path` (":memory:" for a private in-memory one); `uri` lets `file:` names be
    /// URIs, as CPython's `uri=True`.
    pub fn open(path: &str, uri: bool, timeout_ms: u64) -> Result<Db, DbError> {
        use rusqlite::OpenFlags;
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if uri {
            flags |= OpenFlags::SQLITE_OPEN_URI;
        }
        // SQLite's message for the code (rusqlite's adds the path, CPython's does not)
        let conn = rusqlite::Connection::open_with_flags(path, flags).map_err(|e| {
            let code = from_rusqlite(e).code;
            DbError {
                code,
                message: errstr(code),
            }
        })?;
        conn.busy_timeout(std::time::Duration::from_millis(timeout_ms))
            .map_err(from_rusqlite)?;
        Ok(Db { conn })
    }

    /// The rusqlite connection (for registering functions).
    pub fn conn(&self) -> &rusqlite::Connection {
        &self.conn
    }

    pub(super) fn raw(&self) -> *mut ffi::sqlite3 {
        // SAFETY: the handle is used only for calls that leave rusqlite's own state alone
        // (prepare, error codes, counters); the database is closed only by rusqlite's drop.
        unsafe { self.conn.handle() }
    }

    /// The database's last error.
    pub fn error(&self) -> DbError {
        let db = self.raw();
        // SAFETY: `db` is open; errmsg's text stays valid until the next call on `db`,
        // and is copied at once.
        unsafe {
            DbError {
                code: ffi::sqlite3_extended_errcode(db),
                message: CStr::from_ptr(ffi::sqlite3_errmsg(db))
                    .to_string_lossy()
                    .into_owned(),
            }
        }
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    pub fn changes(&self) -> i64 {
        // SAFETY: `db` is open.
        unsafe { ffi::sqlite3_changes64(self.raw()) }
    }

    /// Rows changed since the database was opened.
    pub fn total_changes(&self) -> i64 {
        // SAFETY: `db` is open.
        unsafe { ffi::sqlite3_total_changes64(self.raw()) }
    }

    /// The rowid of the last successful INSERT.
    pub fn last_insert_rowid(&self) -> i64 {
        // SAFETY: `db` is open.
        unsafe { ffi::sqlite3_last_insert_rowid(self.raw()) }
    }

    /// True outside a transaction.
    pub fn autocommit(&self) -> bool {
        // SAFETY: `db` is open.
        unsafe { ffi::sqlite3_get_autocommit(self.raw()) != 0 }
    }

    /// Compiles the first statement of `sql`. Returns the statement (None when `sql` holds
    /// only blanks and comments, which SQLite compiles to nothing) and the byte offset of
    /// the rest of `sql`.
    pub fn prepare(self: &Rc<Db>, sql: &str) -> Result<(Stmt, usize), DbError> {
        let Ok(len) = c_int::try_from(sql.len()) else {
            return Err(DbError {
                code: ffi::SQLITE_TOOBIG,
                message: "query string is too large".into(),
            });
        };
        let mut raw = std::ptr::null_mut();
        let mut tail = std::ptr::null();
        // SAFETY: `sql` is valid for `len` bytes (SQLite reads no further, no NUL needed);
        // `raw` and `tail` are out-pointers SQLite fills.
        let rc = unsafe {
            ffi::sqlite3_prepare_v2(self.raw(), sql.as_ptr().cast(), len, &mut raw, &mut tail)
        };
        if rc != ffi::SQLITE_OK {
            return Err(self.error());
        }
        // `tail` points into `sql` (or at its end)
        let rest = (tail as usize)
            .saturating_sub(sql.as_ptr() as usize)
            .min(sql.len());
        let stmt = Stmt {
            raw: NonNull::new(raw),
            db: self.clone(),
        };
        Ok((stmt, rest))
    }

    /// Runs every statement of `sql` in turn, each to its end (`executescript`, `BEGIN`,
    /// `COMMIT`); user functions may run.
    pub fn exec_script(self: &Rc<Db>, mut sql: &str) -> Result<(), DbError> {
        loop {
            let (stmt, rest) = self.prepare(sql)?;
            loop {
                match stmt.step() {
                    ffi::SQLITE_ROW => continue,
                    ffi::SQLITE_DONE => break,
                    _ => return Err(self.error()),
                }
            }
            drop(stmt);
            sql = &sql[rest..];
            if sql.is_empty() || rest == 0 {
                return Ok(());
            }
        }
    }
}

/// SQLite's English text for a result code.
fn errstr(code: c_int) -> String {
    // SAFETY: sqlite3_errstr returns a static NUL-terminated string for any code.
    unsafe { CStr::from_ptr(ffi::sqlite3_errstr(code)) }
        .to_string_lossy()
        .into_owned()
}

/// A rusqlite error as a [`DbError`].
pub fn from_rusqlite(err: rusqlite::Error) -> DbError {
    match err {
        rusqlite::Error::SqliteFailure(e, message) => DbError {
            code: e.extended_code,
            message: message.unwrap_or_else(|| e.to_string()),
        },
        other => DbError {
            code: ffi::SQLITE_ERROR,
            message: other.to_string(),
        },
    }
}

/// A prepared statement (none for SQL of only blanks and comments: it steps to its end at
/// once). Finalized on drop.
pub struct Stmt {
    raw: Option<NonNull<ffi::sqlite3_stmt>>,
    /// Kept open while the statement lives.
    db: Rc<Db>,
}

impl Drop for Stmt {
    fn drop(&mut self) {
        if let Some(raw) = self.raw {
            // SAFETY: `raw` was prepared on `self.db`, which is still open, and is
            // finalized only here.
            unsafe { ffi::sqlite3_finalize(raw.as_ptr()) };
        }
    }
}

impl Stmt {
    /// The database this statement runs on.
    pub fn db(&self) -> &Rc<Db> {
        &self.db
    }

    /// One step: SQLITE_ROW, SQLITE_DONE or an error code (see [`Db::error`]).
    pub fn step(&self) -> c_int {
        match self.raw {
            // SAFETY: a live statement of an open database.
            Some(raw) => unsafe { ffi::sqlite3_step(raw.as_ptr()) },
            None => ffi::SQLITE_DONE,
        }
    }

    /// Back to the start, bindings kept.
    pub fn reset(&self) {
        if let Some(raw) = self.raw {
            // SAFETY: a live statement of an open database.
            unsafe { ffi::sqlite3_reset(raw.as_ptr()) };
        }
    }

    /// True if the statement only reads the database.
    pub fn readonly(&self) -> bool {
        // SAFETY: a live statement of an open database.
        self.raw
            .is_none_or(|raw| unsafe { ffi::sqlite3_stmt_readonly(raw.as_ptr()) != 0 })
    }

    /// How many `?`/`:name` parameters the statement has.
    pub fn param_count(&self) -> usize {
        // SAFETY: a live statement of an open database.
        self.raw.map_or(0, |raw| unsafe {
            ffi::sqlite3_bind_parameter_count(raw.as_ptr()) as usize
        })
    }

    /// The name of parameter `i` (1-based) with its `:`, `@` or `$`; None for a `?`.
    pub fn param_name(&self, i: usize) -> Option<String> {
        let raw = self.raw?;
        // SAFETY: a live statement; the name lives as long as the statement and is copied.
        unsafe {
            let name = ffi::sqlite3_bind_parameter_name(raw.as_ptr(), i as c_int);
            (!name.is_null()).then(|| CStr::from_ptr(name).to_string_lossy().into_owned())
        }
    }

    /// Binds parameter `i` (1-based); SQLite's result code.
    pub fn bind(&self, i: usize, value: &Value<'_>) -> c_int {
        let Some(raw) = self.raw else {
            return ffi::SQLITE_RANGE;
        };
        let (st, i) = (raw.as_ptr(), i as c_int);
        // SAFETY: a live statement; SQLITE_TRANSIENT makes SQLite copy text and blobs,
        // whose lengths were checked to fit an int by the caller.
        unsafe {
            match *value {
                Value::Null => ffi::sqlite3_bind_null(st, i),
                Value::Integer(v) => ffi::sqlite3_bind_int64(st, i, v),
                Value::Real(v) => ffi::sqlite3_bind_double(st, i, v),
                Value::Text(t) => ffi::sqlite3_bind_text(
                    st,
                    i,
                    t.as_ptr().cast(),
                    t.len() as c_int,
                    ffi::SQLITE_TRANSIENT(),
                ),
                Value::Blob(b) => ffi::sqlite3_bind_blob(
                    st,
                    i,
                    b.as_ptr().cast(),
                    b.len() as c_int,
                    ffi::SQLITE_TRANSIENT(),
                ),
            }
        }
    }

    /// Columns in the result (0 for a statement returning no rows).
    pub fn column_count(&self) -> usize {
        // SAFETY: a live statement of an open database.
        self.raw.map_or(0, |raw| unsafe {
            ffi::sqlite3_column_count(raw.as_ptr()) as usize
        })
    }

    /// Columns of the current row (0 when the statement is not on a row).
    pub fn data_count(&self) -> usize {
        // SAFETY: a live statement of an open database.
        self.raw.map_or(0, |raw| unsafe {
            ffi::sqlite3_data_count(raw.as_ptr()) as usize
        })
    }

    /// The name of column `i`.
    pub fn column_name(&self, i: usize) -> String {
        let Some(raw) = self.raw else {
            return String::new();
        };
        // SAFETY: a live statement, `i` below its column count; the name is copied.
        unsafe {
            let name = ffi::sqlite3_column_name(raw.as_ptr(), i as c_int);
            if name.is_null() {
                return String::new();
            }
            CStr::from_ptr(name).to_string_lossy().into_owned()
        }
    }

    /// The declared type of result column `i` (None for an expression's column).
    pub fn decltype(&self, i: usize) -> Option<String> {
        let raw = self.raw?;
        // SAFETY: a live statement, `i` below its column count; the text is copied.
        unsafe {
            let decl = ffi::sqlite3_column_decltype(raw.as_ptr(), i as c_int);
            (!decl.is_null()).then(|| CStr::from_ptr(decl).to_string_lossy().into_owned())
        }
    }

    /// Column `i` of the current row as bytes, whatever its type (SQLite's text form of a
    /// number), or None for NULL: what a converter is given.
    pub fn column_bytes(&self, i: usize) -> Option<&[u8]> {
        let raw = self.raw?;
        let (st, i) = (raw.as_ptr(), i as c_int);
        // SAFETY: a live statement on a row and `i` below its data count; the blob pointer
        // stays valid until the statement moves, which needs `&self` again.
        unsafe {
            if ffi::sqlite3_column_type(st, i) == ffi::SQLITE_NULL {
                return None;
            }
            let blob = ffi::sqlite3_column_blob(st, i);
            let len = ffi::sqlite3_column_bytes(st, i) as usize;
            Some(slice(blob.cast(), len))
        }
    }

    /// Column `i` of the current row; valid until the next step or reset of `self`.
    pub fn column(&self, i: usize) -> Value<'_> {
        let Some(raw) = self.raw else {
            return Value::Null;
        };
        let (st, i) = (raw.as_ptr(), i as c_int);
        // SAFETY: a live statement on a row and `i` below its data count; text and blob
        // pointers stay valid until the statement moves, which needs `&self` again.
        unsafe {
            match ffi::sqlite3_column_type(st, i) {
                ffi::SQLITE_INTEGER => Value::Integer(ffi::sqlite3_column_int64(st, i)),
                ffi::SQLITE_FLOAT => Value::Real(ffi::sqlite3_column_double(st, i)),
                ffi::SQLITE_TEXT => {
                    let text = ffi::sqlite3_column_text(st, i);
                    let len = ffi::sqlite3_column_bytes(st, i) as usize;
                    Value::Text(slice(text, len))
                }
                ffi::SQLITE_BLOB => {
                    let blob = ffi::sqlite3_column_blob(st, i);
                    let len = ffi::sqlite3_column_bytes(st, i) as usize;
                    Value::Blob(slice(blob.cast(), len))
                }
                _ => Value::Null,
            }
        }
    }
}

/// The `len` bytes at `ptr` (none for a null pointer, which SQLite gives for empty values).
///
/// # Safety
/// `ptr` must be null or valid for `len` bytes for the returned lifetime.
unsafe fn slice<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if ptr.is_null() || len == 0 {
        &[]
    } else {
        // SAFETY: the caller's promise.
        unsafe { std::slice::from_raw_parts(ptr, len) }
    }
}
