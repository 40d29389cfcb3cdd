# pymm's sqlite3 module, written in Python after CPython 3.11's Modules/_sqlite (connection.c,
# cursor.c, row.c) over the native _sqlite3, which keeps the databases and statements (SQLite
# itself, bundled) and does the per-row work. Here: connect, Connection, Cursor, Row, the
# DB-API exceptions, 3.11's implicit transactions (a BEGIN before INSERT/UPDATE/DELETE/REPLACE
# unless isolation_level is None), the statement cache, user functions and aggregates,
# adapters and converters (detect_types), collations, window functions, authorizers, progress
# and trace callbacks, blobs, backup and iterdump.

import _sqlite3
import datetime
import sys
import time

__all__ = [
    "connect", "Connection", "Cursor", "Row", "Error", "Warning", "InterfaceError",
    "DatabaseError", "DataError", "OperationalError", "IntegrityError", "InternalError",
    "ProgrammingError", "NotSupportedError", "complete_statement", "register_adapter",
    "register_converter", "enable_callback_tracebacks", "PARSE_DECLTYPES", "PARSE_COLNAMES",
    "sqlite_version", "sqlite_version_info", "paramstyle", "apilevel", "threadsafety",
    "version", "version_info", "adapters", "converters", "PrepareProtocol", "Binary",
]

paramstyle = "qmark"
apilevel = "2.0"
threadsafety = 3
version = "2.6.0"
version_info = (2, 6, 0)
sqlite_version = _sqlite3.sqlite_version
sqlite_version_info = tuple(int(part) for part in sqlite_version.split("."))
PARSE_DECLTYPES = 1
PARSE_COLNAMES = 2
Binary = memoryview
Date = datetime.date
Time = datetime.time
Timestamp = datetime.datetime


def DateFromTicks(ticks):
    return Date(*time.localtime(ticks)[:3])


def TimeFromTicks(ticks):
    return Time(*time.localtime(ticks)[3:6])


def TimestampFromTicks(ticks):
    return Timestamp(*time.localtime(ticks)[:6])


class Warning(Exception):
    pass


class Error(Exception):
    pass


class InterfaceError(Error):
    pass


class DatabaseError(Error):
    pass


class InternalError(DatabaseError):
    pass


class OperationalError(DatabaseError):
    pass


class ProgrammingError(DatabaseError):
    pass


class IntegrityError(DatabaseError):
    pass


class DataError(DatabaseError):
    pass


class NotSupportedError(DatabaseError):
    pass


# SQLite's result codes, primary and extended (the module exposes them as CPython's does).
_RESULT_CODES = {
    "SQLITE_OK": 0, "SQLITE_ERROR": 1, "SQLITE_INTERNAL": 2, "SQLITE_PERM": 3,
    "SQLITE_ABORT": 4, "SQLITE_BUSY": 5, "SQLITE_LOCKED": 6, "SQLITE_NOMEM": 7,
    "SQLITE_READONLY": 8, "SQLITE_INTERRUPT": 9, "SQLITE_IOERR": 10, "SQLITE_CORRUPT": 11,
    "SQLITE_NOTFOUND": 12, "SQLITE_FULL": 13, "SQLITE_CANTOPEN": 14, "SQLITE_PROTOCOL": 15,
    "SQLITE_EMPTY": 16, "SQLITE_SCHEMA": 17, "SQLITE_TOOBIG": 18, "SQLITE_CONSTRAINT": 19,
    "SQLITE_MISMATCH": 20, "SQLITE_MISUSE": 21, "SQLITE_NOLFS": 22, "SQLITE_AUTH": 23,
    "SQLITE_FORMAT": 24, "SQLITE_RANGE": 25, "SQLITE_NOTADB": 26, "SQLITE_NOTICE": 27,
    "SQLITE_WARNING": 28, "SQLITE_ROW": 100, "SQLITE_DONE": 101,
    "SQLITE_ABORT_ROLLBACK": 516, "SQLITE_AUTH_USER": 279, "SQLITE_BUSY_RECOVERY": 261,
    "SQLITE_BUSY_SNAPSHOT": 517, "SQLITE_BUSY_TIMEOUT": 773, "SQLITE_CANTOPEN_CONVPATH": 1038,
    "SQLITE_CANTOPEN_DIRTYWAL": 1294, "SQLITE_CANTOPEN_FULLPATH": 782,
    "SQLITE_CANTOPEN_ISDIR": 526, "SQLITE_CANTOPEN_NOTEMPDIR": 270,
    "SQLITE_CANTOPEN_SYMLINK": 1550, "SQLITE_CONSTRAINT_CHECK": 275,
    "SQLITE_CONSTRAINT_COMMITHOOK": 531, "SQLITE_CONSTRAINT_FOREIGNKEY": 787,
    "SQLITE_CONSTRAINT_FUNCTION": 1043, "SQLITE_CONSTRAINT_NOTNULL": 1299,
    "SQLITE_CONSTRAINT_PINNED": 2835, "SQLITE_CONSTRAINT_PRIMARYKEY": 1555,
    "SQLITE_CONSTRAINT_ROWID": 2579, "SQLITE_CONSTRAINT_TRIGGER": 1811,
    "SQLITE_CONSTRAINT_UNIQUE": 2067, "SQLITE_CONSTRAINT_VTAB": 2323,
    "SQLITE_CORRUPT_INDEX": 779, "SQLITE_CORRUPT_SEQUENCE": 523, "SQLITE_CORRUPT_VTAB": 267,
    "SQLITE_ERROR_MISSING_COLLSEQ": 257, "SQLITE_ERROR_RETRY": 513,
    "SQLITE_ERROR_SNAPSHOT": 769, "SQLITE_IOERR_ACCESS": 3338, "SQLITE_IOERR_AUTH": 7178,
    "SQLITE_IOERR_BEGIN_ATOMIC": 7434, "SQLITE_IOERR_BLOCKED": 2826,
    "SQLITE_IOERR_CHECKRESERVEDLOCK": 3594, "SQLITE_IOERR_CLOSE": 4106,
    "SQLITE_IOERR_COMMIT_ATOMIC": 7690, "SQLITE_IOERR_CONVPATH": 6666,
    "SQLITE_IOERR_CORRUPTFS": 8458, "SQLITE_IOERR_DATA": 8202, "SQLITE_IOERR_DELETE": 2570,
    "SQLITE_IOERR_DELETE_NOENT": 5898, "SQLITE_IOERR_DIR_CLOSE": 4362,
    "SQLITE_IOERR_DIR_FSYNC": 1290, "SQLITE_IOERR_FSTAT": 1802, "SQLITE_IOERR_FSYNC": 1034,
    "SQLITE_IOERR_GETTEMPPATH": 6410, "SQLITE_IOERR_LOCK": 3850, "SQLITE_IOERR_MMAP": 6154,
    "SQLITE_IOERR_NOMEM": 3082, "SQLITE_IOERR_RDLOCK": 2314, "SQLITE_IOERR_READ": 266,
    "SQLITE_IOERR_ROLLBACK_ATOMIC": 7946, "SQLITE_IOERR_SEEK": 5642,
    "SQLITE_IOERR_SHMLOCK": 5130, "SQLITE_IOERR_SHMMAP": 5386, "SQLITE_IOERR_SHMOPEN": 4618,
    "SQLITE_IOERR_SHMSIZE": 4874, "SQLITE_IOERR_SHORT_READ": 522,
    "SQLITE_IOERR_TRUNCATE": 1546, "SQLITE_IOERR_UNLOCK": 2058, "SQLITE_IOERR_VNODE": 6922,
    "SQLITE_IOERR_WRITE": 778, "SQLITE_LOCKED_SHAREDCACHE": 262, "SQLITE_LOCKED_VTAB": 518,
    "SQLITE_NOTICE_RECOVER_ROLLBACK": 539, "SQLITE_NOTICE_RECOVER_WAL": 283,
    "SQLITE_OK_LOAD_PERMANENTLY": 256, "SQLITE_OK_SYMLINK": 512,
    "SQLITE_READONLY_CANTINIT": 1288, "SQLITE_READONLY_CANTLOCK": 520,
    "SQLITE_READONLY_DBMOVED": 1032, "SQLITE_READONLY_DIRECTORY": 1544,
    "SQLITE_READONLY_RECOVERY": 264, "SQLITE_READONLY_ROLLBACK": 776,
    "SQLITE_WARNING_AUTOINDEX": 284,
}
_ERROR_NAMES = {code: name for name, code in _RESULT_CODES.items()}
globals().update(_RESULT_CODES)

# authorizer action codes and limit categories, as CPython's module has them
globals().update({
    "SQLITE_DENY": 1, "SQLITE_IGNORE": 2, "SQLITE_CREATE_INDEX": 1, "SQLITE_CREATE_TABLE": 2,
    "SQLITE_CREATE_TEMP_INDEX": 3, "SQLITE_CREATE_TEMP_TABLE": 4,
    "SQLITE_CREATE_TEMP_TRIGGER": 5, "SQLITE_CREATE_TEMP_VIEW": 6, "SQLITE_CREATE_TRIGGER": 7,
    "SQLITE_CREATE_VIEW": 8, "SQLITE_DELETE": 9, "SQLITE_DROP_INDEX": 10,
    "SQLITE_DROP_TABLE": 11, "SQLITE_DROP_TEMP_INDEX": 12, "SQLITE_DROP_TEMP_TABLE": 13,
    "SQLITE_DROP_TEMP_TRIGGER": 14, "SQLITE_DROP_TEMP_VIEW": 15, "SQLITE_DROP_TRIGGER": 16,
    "SQLITE_DROP_VIEW": 17, "SQLITE_INSERT": 18, "SQLITE_PRAGMA": 19, "SQLITE_READ": 20,
    "SQLITE_SELECT": 21, "SQLITE_TRANSACTION": 22, "SQLITE_UPDATE": 23, "SQLITE_ATTACH": 24,
    "SQLITE_DETACH": 25, "SQLITE_ALTER_TABLE": 26, "SQLITE_REINDEX": 27,
    "SQLITE_ANALYZE": 28, "SQLITE_CREATE_VTABLE": 29, "SQLITE_DROP_VTABLE": 30,
    "SQLITE_FUNCTION": 31, "SQLITE_SAVEPOINT": 32, "SQLITE_RECURSIVE": 33,
    "SQLITE_LIMIT_LENGTH": 0, "SQLITE_LIMIT_SQL_LENGTH": 1, "SQLITE_LIMIT_COLUMN": 2,
    "SQLITE_LIMIT_EXPR_DEPTH": 3, "SQLITE_LIMIT_COMPOUND_SELECT": 4,
    "SQLITE_LIMIT_VDBE_OP": 5, "SQLITE_LIMIT_FUNCTION_ARG": 6, "SQLITE_LIMIT_ATTACHED": 7,
    "SQLITE_LIMIT_LIKE_PATTERN_LENGTH": 8, "SQLITE_LIMIT_VARIABLE_NUMBER": 9,
    "SQLITE_LIMIT_TRIGGER_DEPTH": 10, "SQLITE_LIMIT_WORKER_THREADS": 11,
})

# the exception class for each primary result code (CPython's _pysqlite_seterror)
_ERROR_CLASSES = {
    2: InternalError, 12: InternalError, 11: DatabaseError, 18: DataError,
    19: IntegrityError, 20: IntegrityError, 21: InterfaceError, 25: InterfaceError,
}
for _code in (1, 3, 4, 5, 6, 8, 9, 10, 13, 14, 15, 16, 17):
    _ERROR_CLASSES[_code] = OperationalError


def _make_error(code, message):
    """The exception for SQLite's (extended) result `code`, as _sqlite3 raises it."""
    if code & 0xFF == 7:
        return MemoryError()
    exc = _ERROR_CLASSES.get(code & 0xFF, DatabaseError)(message)
    exc.sqlite_errorcode = code
    exc.sqlite_errorname = _ERROR_NAMES.get(code, _ERROR_NAMES.get(code & 0xFF, "unknown error code"))
    return exc


class PrepareProtocol:
    def __init__(self, *args, **kwargs):
        pass


adapters = {}
converters = {}
_callback_tracebacks = False


def register_adapter(type, adapter, /):
    adapters[(type, PrepareProtocol)] = adapter


def register_converter(typename, converter, /):
    converters[typename.upper()] = converter


def enable_callback_tracebacks(enable, /):
    global _callback_tracebacks
    _callback_tracebacks = bool(enable)


class _UnraisableHookArgs:
    """What sys.unraisablehook is given (CPython's sys.UnraisableHookArgs)."""

    def __init__(self, exc, obj):
        self.exc_type = type(exc)
        self.exc_value = exc
        self.exc_traceback = exc.__traceback__
        self.err_msg = None
        self.object = obj


def _callback_failed(exc, obj):
    """A callback SQLite called raised `exc`: reported through sys.unraisablehook when
    enable_callback_tracebacks(True) was called, else dropped (CPython's
    print_or_clear_traceback)."""
    if not _callback_tracebacks:
        return
    hook = getattr(sys, "unraisablehook", None)
    if hook is not None:
        hook(_UnraisableHookArgs(exc, obj))
        return
    import traceback
    print(f"Exception ignored in: {obj!r}", file=sys.stderr)
    traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)


def register_adapters_and_converters():
    """The adapters and converters CPython 3.11's sqlite3 registers (its dbapi2.py)."""

    def adapt_date(val):
        return val.isoformat()

    def adapt_datetime(val):
        return val.isoformat(" ")

    def convert_date(val):
        return datetime.date(*map(int, val.split(b"-")))

    def convert_timestamp(val):
        datepart, timepart = val.split(b" ")
        year, month, day = map(int, datepart.split(b"-"))
        timepart_full = timepart.split(b".")
        hours, minutes, seconds = map(int, timepart_full[0].split(b":"))
        if len(timepart_full) == 2:
            microseconds = int("{:0<6.6}".format(timepart_full[1].decode()))
        else:
            microseconds = 0
        return datetime.datetime(year, month, day, hours, minutes, seconds, microseconds)

    register_adapter(datetime.date, adapt_date)
    register_adapter(datetime.datetime, adapt_datetime)
    register_converter("date", convert_date)
    register_converter("timestamp", convert_timestamp)


register_adapters_and_converters()
del register_adapters_and_converters


def adapt(obj, proto=PrepareProtocol, alt=None, /):
    adapter = adapters.get((type(obj), proto))
    if adapter is not None:
        return adapter(obj)
    conform = getattr(obj, "__conform__", None)
    if conform is not None:
        adapted = conform(proto)
        if adapted is not None:
            return adapted
    if alt is not None:
        return alt
    raise ProgrammingError("can't adapt")


def _adapt(obj):
    """What _sqlite3 binds for a value of a type SQLite does not store as it is."""
    return adapt(obj, PrepareProtocol, obj)


def complete_statement(statement):
    if not isinstance(statement, str):
        raise TypeError("complete_statement() argument 'statement' must be str, not "
                        + type(statement).__name__)
    return _sqlite3.complete_statement(statement)


def enable_shared_cache(enable):
    return None


_MISSING = object()
_ISOLATION_LEVELS = ("", "DEFERRED", "IMMEDIATE", "EXCLUSIVE")


def _check_isolation_level(level):
    if level is None:
        return None
    if not isinstance(level, str):
        raise TypeError("isolation_level must be str or None")
    level = level.upper()
    if level not in _ISOLATION_LEVELS:
        raise ValueError("isolation_level string must be '', 'DEFERRED', 'IMMEDIATE', "
                         "or 'EXCLUSIVE'")
    return level


class _Statement:
    """A compiled statement: its _sqlite3 handle, whether it opens a transaction (DML),
    and whether a cursor is stepping it."""

    __slots__ = ("handle", "is_dml", "readonly", "in_use", "__weakref__")

    def __init__(self, db, sql):
        self.handle = None
        self.handle, self.is_dml, self.readonly = _sqlite3.prepare(db, sql)
        self.in_use = False

    def reset(self):
        if self.in_use:
            _sqlite3.reset(self.handle)
            self.in_use = False

    def __del__(self):
        if self.handle is not None:
            _sqlite3.finalize(self.handle)


class Connection:
    def __init__(self, database, timeout=5.0, detect_types=0, isolation_level="",
                 check_same_thread=True, factory=None, cached_statements=128, uri=False):
        self._db = None
        if isinstance(database, bytes):
            database = database.decode()
        elif not isinstance(database, str):
            fspath = getattr(type(database), "__fspath__", None)
            if fspath is None:
                raise TypeError("expected str, bytes or os.PathLike object, not "
                                + type(database).__name__)
            database = fspath(database)
            if isinstance(database, bytes):
                database = database.decode()
        self._isolation_level = _check_isolation_level(isolation_level)
        self._db = _sqlite3.open(database, uri, int(timeout * 1000))
        self._cache = {}
        self._cache_size = cached_statements
        self._callbacks = {}
        self._on_row = {}
        self._detect_types = detect_types
        self.row_factory = None
        self.text_factory = str
        self.Warning = Warning
        self.Error = Error
        self.InterfaceError = InterfaceError
        self.DatabaseError = DatabaseError
        self.DataError = DataError
        self.OperationalError = OperationalError
        self.IntegrityError = IntegrityError
        self.InternalError = InternalError
        self.ProgrammingError = ProgrammingError
        self.NotSupportedError = NotSupportedError

    def _check(self):
        if self._db is None:
            raise ProgrammingError("Cannot operate on a closed database.")

    def _statement(self, sql):
        """The compiled `sql` from the cache (most recently used last), or compiled now."""
        cache = self._cache
        stmt = cache.pop(sql, None)
        if stmt is None:
            stmt = _Statement(self._db, sql)
            if len(cache) >= self._cache_size > 0:
                del cache[next(iter(cache))]
        if self._cache_size > 0:
            cache[sql] = stmt
        return stmt

    def _release_dropped(self):
        """Resets the statements left on a row by cursors that are gone: CPython's cursor
        resets its statement when freed, and an active one keeps the tables it reads locked
        and its collations fixed. Statements that ended are forgotten."""
        for stmt, cursor in list(self._on_row.items()):
            if stmt.in_use and cursor() is None:
                stmt.reset()
            if not stmt.in_use or cursor() is None:
                del self._on_row[stmt]

    def _begin(self):
        _sqlite3.exec(self._db, "BEGIN " + self._isolation_level)

    @property
    def isolation_level(self):
        return self._isolation_level

    @isolation_level.setter
    def isolation_level(self, level):
        level = _check_isolation_level(level)
        if level is None:
            self.commit()
        self._isolation_level = level

    @property
    def in_transaction(self):
        self._check()
        return not _sqlite3.autocommit(self._db)

    @property
    def total_changes(self):
        self._check()
        return _sqlite3.total_changes(self._db)

    def cursor(self, factory=None):
        if self._db is None:
            self._check()
        cursor = Cursor(self) if factory is None else factory(self)
        if not isinstance(cursor, Cursor):
            raise TypeError("factory must return a cursor, not " + type(cursor).__name__)
        if self.row_factory is not None and cursor.row_factory is None:
            cursor.row_factory = self.row_factory
        return cursor

    def execute(self, sql=_MISSING, parameters=(), /):
        if sql is _MISSING:
            raise TypeError("execute expected at least 1 argument, got 0")
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql=_MISSING, parameters=_MISSING, /):
        if parameters is _MISSING:
            raise TypeError(f"executemany expected 2 arguments, got {int(sql is not _MISSING)}")
        return self.cursor().executemany(sql, parameters)

    def executescript(self, sql_script, /):
        return self.cursor().executescript(sql_script)

    def commit(self):
        self._check()
        if not _sqlite3.autocommit(self._db):
            _sqlite3.exec(self._db, "COMMIT")

    def rollback(self):
        self._check()
        if not _sqlite3.autocommit(self._db):
            _sqlite3.exec(self._db, "ROLLBACK")

    def close(self):
        if self._db is not None:
            _sqlite3.close(self._db)
            self._db = None
            self._cache.clear()
            self._on_row.clear()
            for key in self._callbacks.values():
                _sqlite3.callbacks.pop(key, None)
            self._callbacks.clear()

    def __del__(self):
        self.close()

    def _register(self, kind, name, narg, key):
        old = self._callbacks.pop((kind, name.lower(), narg), None)
        if old is not None:
            _sqlite3.callbacks.pop(old, None)
        self._callbacks[(kind, name.lower(), narg)] = key

    def create_function(self, name, narg, func, *, deterministic=False):
        self._check()
        if not isinstance(name, str):
            raise TypeError("create_function() argument 'name' must be str, not "
                            + type(name).__name__)
        narg = narg.__index__()
        self._register("f", name, narg,
                       _sqlite3.create_function(self._db, name, narg, func, deterministic))

    def create_aggregate(self, name, n_arg, aggregate_class):
        self._check()
        if not isinstance(name, str):
            raise TypeError("create_aggregate() argument 'name' must be str, not "
                            + type(name).__name__)
        n_arg = n_arg.__index__()
        self._register("a", name, n_arg,
                       _sqlite3.create_aggregate(self._db, name, n_arg, aggregate_class))

    def create_window_function(self, name, num_params, aggregate_class, /):
        self._check()
        if not isinstance(name, str):
            raise TypeError("create_window_function() argument 1 must be str, not "
                            + type(name).__name__)
        num_params = num_params.__index__()
        self._register("w", name, num_params,
                       _sqlite3.create_window_function(self._db, name, num_params,
                                                       aggregate_class))

    def create_collation(self, name, callback, /):
        self._check()
        if not isinstance(name, str):
            raise TypeError("create_collation() argument 1 must be str, not "
                            + type(name).__name__)
        if callback is not None and not callable(callback):
            raise TypeError("parameter must be callable")
        self._release_dropped()
        self._register("c", name, 0, _sqlite3.create_collation(self._db, name, callback))

    def _hook(self, kind, callback, *args):
        """Sets (or with None, removes) the authorizer, progress handler or trace callback."""
        self._check()
        self._register(kind, "", 0, getattr(_sqlite3, kind)(self._db, callback, *args))

    def set_authorizer(self, authorizer_callback):
        if authorizer_callback is not None and not callable(authorizer_callback):
            raise TypeError("parameter must be callable")
        self._hook("set_authorizer", authorizer_callback)

    def set_progress_handler(self, progress_handler, n):
        n = n.__index__()
        if progress_handler is not None and not callable(progress_handler):
            raise TypeError("parameter must be callable")
        self._hook("set_progress_handler", progress_handler, n)

    def set_trace_callback(self, trace_callback):
        if trace_callback is not None and not callable(trace_callback):
            raise TypeError("parameter must be callable")
        self._hook("set_trace_callback", trace_callback)

    def blobopen(self, table, column, row, /, *, readonly=False, name="main"):
        self._check()
        for arg, value in (("1", table), ("2", column), ("'name'", name)):
            if not isinstance(value, str):
                raise TypeError(f"blobopen() argument {arg} must be str, not "
                                + type(value).__name__)
        row = row.__index__()
        return Blob(self, _sqlite3.blob_open(self._db, name, table, column, row,
                                             not readonly))

    def backup(self, target, *, pages=-1, progress=None, name="main", sleep=0.250):
        self._check()
        if not isinstance(target, Connection):
            raise TypeError("backup() argument 'target' must be sqlite3.Connection, not "
                            + type(target).__name__)
        if target is self:
            raise ValueError("target cannot be the same connection instance")
        target._check()
        if progress is not None and not callable(progress):
            raise TypeError("progress argument must be a callable")
        if not isinstance(name, str):
            raise TypeError("backup() argument 'name' must be str, not " + type(name).__name__)
        pages = pages.__index__()
        if pages == 0:
            pages = -1
        handle = _sqlite3.backup_init(target._db, self._db, name)
        try:
            while True:
                rc, remaining, pagecount = _sqlite3.backup_step(handle, pages)
                if progress is not None:
                    progress(rc, remaining, pagecount)
                if rc in (SQLITE_BUSY, SQLITE_LOCKED):
                    time.sleep(sleep)
                elif rc != SQLITE_OK:
                    break
        except BaseException:
            _sqlite3.backup_finish(handle, False)
            raise
        _sqlite3.backup_finish(handle, True)

    def iterdump(self):
        self._check()
        return _iterdump(self)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        if exc_type is None:
            self.commit()
        else:
            self.rollback()
        return False

    def __call__(self, sql):
        self._check()
        if not isinstance(sql, str):
            raise TypeError("expected str, got " + type(sql).__name__)
        return self._statement(sql)


def _column_type(name):
    """The type named in brackets in a column's name ('x [date]'), if any."""
    start = None
    for i, ch in enumerate(name):
        if ch == "[":
            start = i + 1
        elif ch == "]" and start is not None:
            return name[start:i]
    return None


def _column_name(name):
    """A column's name without its bracketed type (and the blank before it)."""
    cut = name.find("[")
    if cut < 0:
        return name
    if cut > 0 and name[cut - 1] == " ":
        cut -= 1
    return name[:cut]


class _Readonly:
    """A read-only attribute kept under another name (CPython's READONLY members)."""

    def __init__(self, slot):
        self.slot = slot

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.slot)

    def __set__(self, obj, value):
        raise AttributeError("readonly attribute")


class Cursor:
    def __init__(self, connection, /):
        if not isinstance(connection, Connection):
            raise TypeError("argument 1 must be sqlite3.Connection, not "
                            + type(connection).__name__)
        self._connection = connection
        self._description = None
        self._lastrowid = None
        self._rowcount = -1
        self._stmt = None
        self._closed = False
        self._locked = False
        self.arraysize = 1
        self.row_factory = None

    # the converter of each column while detect_types finds one (set by _describe): a class
    # default keeps the cursors that never convert (most) an attribute smaller
    _converters = None

    connection = _Readonly("_connection")
    description = _Readonly("_description")
    lastrowid = _Readonly("_lastrowid")
    rowcount = _Readonly("_rowcount")

    def _check(self):
        if self._closed:
            raise ProgrammingError("Cannot operate on a closed cursor.")
        if self._locked:
            raise ProgrammingError("Recursive use of cursors not allowed.")
        self._connection._check()

    def execute(self, sql=_MISSING, parameters=(), /):
        if sql is _MISSING:
            raise TypeError("execute expected at least 1 argument, got 0")
        if not isinstance(sql, str):
            raise TypeError("execute() argument 1 must be str, not " + type(sql).__name__)
        return self._query(sql, (parameters,), False)

    def executemany(self, sql=_MISSING, seq_of_parameters=_MISSING, /):
        if seq_of_parameters is _MISSING:
            raise TypeError(f"executemany expected 2 arguments, got {int(sql is not _MISSING)}")
        if not isinstance(sql, str):
            raise TypeError("executemany() argument 1 must be str, not " + type(sql).__name__)
        return self._query(sql, seq_of_parameters, True)

    def _query(self, sql, parameters_iter, multiple):
        """CPython's _pysqlite_query_execute."""
        # the checks of _check, read here first: they pass on every execute but the faulty
        if self._closed or self._locked or self._connection._db is None:
            self._check()
        self._locked = True
        try:
            parameters_iter = iter(parameters_iter)
            if self._stmt is not None:
                self._stmt.reset()
            self._description = None
            self._rowcount = 0
            conn = self._connection
            stmt = conn._statement(sql)
            if multiple and stmt.readonly:
                raise ProgrammingError("executemany() can only execute DML statements.")
            if conn._on_row and not stmt.readonly:
                conn._release_dropped()
            if stmt.in_use:
                stmt = _Statement(conn._db, sql)
            self._stmt = stmt
            self._rowcount = 0 if stmt.is_dml else -1
            if (conn._isolation_level is not None and stmt.is_dml
                    and _sqlite3.autocommit(conn._db)):
                conn._begin()
            handle = stmt.handle
            is_dml = stmt.is_dml
            lastrowid = None
            for parameters in parameters_iter:
                stmt.in_use = True
                # a statement that is done comes back reset
                on_row, changes, columns, lastrowid = _sqlite3.run(handle, parameters, is_dml)
                if columns and self._description is None:
                    self._describe(handle)
                if not on_row:
                    self._rowcount += changes
                    stmt.in_use = False
            if not multiple:
                self._lastrowid = lastrowid
            if stmt.in_use:
                conn._on_row[stmt] = _sqlite3.ref(self)
            else:
                self._stmt = None
        except BaseException:
            if self._stmt is not None:
                self._stmt.reset()
                self._stmt = None
            self._rowcount = -1
            raise
        finally:
            self._locked = False
        return self

    def _describe(self, handle):
        """The description, and with detect_types the converter of each column (CPython's
        _pysqlite_build_column_name and pysqlite_build_row_cast_map)."""
        names = _sqlite3.columns(handle)
        detect = self._connection._detect_types
        found = []
        if detect:
            decltypes = _sqlite3.decltypes(handle) if detect & PARSE_DECLTYPES else None
            for i, name in enumerate(names):
                converter = None
                if detect & PARSE_COLNAMES:
                    typename = _column_type(name)
                    if typename is not None:
                        converter = converters.get(typename.upper())
                if converter is None and decltypes is not None and decltypes[i] is not None:
                    decl = decltypes[i]
                    cut = min((p for p in (decl.find(" "), decl.find("(")) if p >= 0),
                              default=len(decl))
                    converter = converters.get(decl[:cut].upper())
                found.append(converter)
            if detect & PARSE_COLNAMES:
                names = [_column_name(name) for name in names]
        if any(c is not None for c in found):
            self._converters = tuple(found)
        elif self._converters is not None:
            self._converters = None
        self._description = tuple((name, None, None, None, None, None, None) for name in names)

    def executescript(self, sql_script, /):
        if not isinstance(sql_script, str):
            raise TypeError("executescript() argument must be str, not "
                            + type(sql_script).__name__)
        self._check()
        db = self._connection._db
        if not _sqlite3.autocommit(db):
            _sqlite3.exec(db, "COMMIT")
        _sqlite3.exec(db, sql_script)
        return self

    def __iter__(self):
        return self

    def __next__(self):
        # as in _query: _check's conditions read here, the call made only to raise
        if self._closed or self._locked or self._connection._db is None:
            self._check()
        stmt = self._stmt
        if stmt is None:
            raise StopIteration
        row = _sqlite3.fetch(stmt.handle, self._connection.text_factory, self._converters)
        if row is None:
            stmt.in_use = False
            self._stmt = None
            raise StopIteration
        if self.row_factory is not None:
            return self.row_factory(self, row)
        return row

    def fetchone(self):
        try:
            return self.__next__()
        except StopIteration:
            return None

    def fetchmany(self, size=None):
        if size is None:
            size = self.arraysize
        else:
            size = size.__index__()
        rows = []
        for row in self:
            rows.append(row)
            if len(rows) == size:
                break
        return rows

    def fetchall(self):
        return list(self)

    def close(self):
        self._connection._check()
        if self._stmt is not None:
            self._stmt.reset()
            self._stmt = None
        self._closed = True

    def setinputsizes(self, sizes, /):
        return None

    def setoutputsize(self, size, column=None, /):
        return None


class Row:
    """A row whose columns are reached by index or by name (case-insensitive)."""

    __slots__ = ("_names", "_values")

    def __init__(self, cursor, data, /):
        if not isinstance(cursor, Cursor):
            raise TypeError("Row() argument 1 must be sqlite3.Cursor, not "
                            + type(cursor).__name__)
        if not isinstance(data, tuple):
            raise TypeError("Row() argument 2 must be tuple, not " + type(data).__name__)
        description = cursor.description
        self._names = tuple(d[0] for d in description) if description else ()
        self._values = data

    def keys(self):
        return list(self._names)

    def __getitem__(self, key):
        if isinstance(key, str):
            folded = key.lower()
            for i, name in enumerate(self._names):
                if name.lower() == folded:
                    return self._values[i]
            raise IndexError("No item with that key")
        return self._values[key]

    def __len__(self):
        return len(self._values)

    def __iter__(self):
        return iter(self._values)

    def __hash__(self):
        return hash(self._names) ^ hash(self._values)

    def __eq__(self, other):
        if not isinstance(other, Row):
            return NotImplemented
        return self._names == other._names and self._values == other._values

    def __ne__(self, other):
        if not isinstance(other, Row):
            return NotImplemented
        return not self == other


class Blob:
    """An open BLOB, read and written in place (CPython's blob.c)."""

    def __init__(self, connection, handle):
        self._connection = connection
        self._handle = handle
        self._offset = 0

    def _check(self):
        self._connection._check()
        if self._handle is None:
            raise ProgrammingError("Cannot operate on a closed blob.")

    def close(self):
        self._connection._check()
        if self._handle is not None:
            _sqlite3.blob_close(self._handle)
            self._handle = None

    def __del__(self):
        if getattr(self, "_handle", None) is not None:
            _sqlite3.blob_close(self._handle)

    def __len__(self):
        self._check()
        return _sqlite3.blob_len(self._handle)

    def read(self, length=-1, /):
        self._check()
        length = length.__index__()
        size = _sqlite3.blob_len(self._handle)
        left = size - self._offset
        if length < 0 or length > left:
            length = left
        if length <= 0:
            return b""
        data = _sqlite3.blob_read(self._handle, self._offset, length)
        self._offset += length
        return data

    def write(self, data, /):
        self._check()
        data = bytes(memoryview(data))
        if len(data) > _sqlite3.blob_len(self._handle) - self._offset:
            raise ValueError("data longer than blob length")
        _sqlite3.blob_write(self._handle, self._offset, data)
        self._offset += len(data)

    def seek(self, offset, origin=0, /):
        self._check()
        offset = offset.__index__()
        origin = origin.__index__()
        size = _sqlite3.blob_len(self._handle)
        if origin == 1:
            offset += self._offset
        elif origin == 2:
            offset += size
        elif origin != 0:
            raise ValueError("'origin' should be os.SEEK_SET, os.SEEK_CUR, or os.SEEK_END")
        if offset > 2147483647:
            raise OverflowError("seek offset results in overflow")
        if offset < 0 or offset > size:
            raise ValueError("offset out of blob range")
        self._offset = offset

    def tell(self):
        self._check()
        return self._offset

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.close()
        return False

    def _index(self, key, size):
        """An int index into the blob, or the (start, stop, step) of a slice."""
        if isinstance(key, slice):
            return key.indices(size)
        if not hasattr(type(key), "__index__"):
            raise TypeError("Blob indices must be integers")
        index = key.__index__()
        if index < 0:
            index += size
        if index < 0 or index >= size:
            raise IndexError("Blob index out of range")
        return index

    def __getitem__(self, key):
        self._check()
        size = _sqlite3.blob_len(self._handle)
        where = self._index(key, size)
        if isinstance(where, int):
            return _sqlite3.blob_read(self._handle, where, 1)[0]
        start, stop, step = where
        if step == 1:
            return _sqlite3.blob_read(self._handle, start, max(stop - start, 0))
        whole = _sqlite3.blob_read(self._handle, 0, size)
        return whole[start:stop:step]

    def __setitem__(self, key, value):
        self._check()
        size = _sqlite3.blob_len(self._handle)
        where = self._index(key, size)
        if isinstance(where, int):
            if not hasattr(type(value), "__index__"):
                raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as "
                                "an integer")
            byte = value.__index__()
            if not 0 <= byte <= 255:
                raise ValueError("byte must be in range(0, 256)")
            _sqlite3.blob_write(self._handle, where, bytes((byte,)))
            return
        data = bytes(memoryview(value))
        start, stop, step = where
        indices = range(start, stop, step)
        if len(data) != len(indices):
            raise IndexError("Blob slice assignment is wrong size")
        if step == 1:
            _sqlite3.blob_write(self._handle, start, data)
            return
        whole = bytearray(_sqlite3.blob_read(self._handle, 0, size))
        whole[start:stop:step] = data
        _sqlite3.blob_write(self._handle, 0, bytes(whole))

    def __delitem__(self, key):
        self._check()
        if isinstance(key, slice):
            raise TypeError("Blob doesn't support slice deletion")
        raise TypeError("Blob doesn't support item deletion")


def _iterdump(connection):
    """The database as SQL text, one statement at a time (CPython's sqlite3/dump.py)."""
    writeable_schema = False
    cu = connection.cursor()
    yield "BEGIN TRANSACTION;"
    q = """
        SELECT "name", "type", "sql"
        FROM "sqlite_master"
            WHERE "sql" NOT NULL AND
            "type" == 'table'
            ORDER BY "name"
        """
    schema_res = cu.execute(q)
    sqlite_sequence = []
    for table_name, type, sql in schema_res.fetchall():
        if table_name == "sqlite_sequence":
            rows = cu.execute('SELECT * FROM "sqlite_sequence";').fetchall()
            sqlite_sequence = ['DELETE FROM "sqlite_sequence"']
            sqlite_sequence += [
                f"INSERT INTO \"sqlite_sequence\" VALUES('{row[0]}',{row[1]})"
                for row in rows
            ]
            continue
        elif table_name == "sqlite_stat1":
            yield 'ANALYZE "sqlite_master";'
        elif table_name.startswith("sqlite_"):
            continue
        elif sql.startswith("CREATE VIRTUAL TABLE"):
            if not writeable_schema:
                writeable_schema = True
                yield "PRAGMA writable_schema=ON;"
            yield ("INSERT INTO sqlite_master(type,name,tbl_name,rootpage,sql)"
                   "VALUES('table','{0}','{0}',0,'{1}');".format(
                       table_name.replace("'", "''"),
                       sql.replace("'", "''"),
                   ))
        else:
            yield "{0};".format(sql)
        # an INSERT statement for each row of the table
        table_name_ident = table_name.replace('"', '""')
        res = cu.execute('PRAGMA table_info("{0}")'.format(table_name_ident))
        column_names = [str(table_info[1]) for table_info in res.fetchall()]
        q = """SELECT 'INSERT INTO "{0}" VALUES({1})' FROM "{0}";""".format(
            table_name_ident,
            ",".join("""'||quote("{0}")||'""".format(col.replace('"', '""'))
                     for col in column_names))
        for row in cu.execute(q):
            yield "{0};".format(row[0])
    q = """
        SELECT "name", "type", "sql"
        FROM "sqlite_master"
            WHERE "sql" NOT NULL AND
            "type" IN ('index', 'trigger', 'view')
        """
    for name, type, sql in cu.execute(q).fetchall():
        yield "{0};".format(sql)
    if writeable_schema:
        yield "PRAGMA writable_schema=OFF;"
    # the sqlite_sequence statements come last (gh-79009)
    for row in sqlite_sequence:
        yield "{0};".format(row)
    yield "COMMIT;"


for _cls in (Blob, Connection, Cursor, Row, PrepareProtocol, Warning, Error, InterfaceError,
             DatabaseError, DataError, OperationalError, IntegrityError, InternalError,
             ProgrammingError, NotSupportedError):
    _cls.__module__ = "sqlite3"


def connect(database, timeout=5.0, detect_types=0, isolation_level="", check_same_thread=True,
            factory=Connection, cached_statements=128, uri=False):
    return factory(database, timeout, detect_types, isolation_level, check_same_thread,
                   factory, cached_statements, uri)
