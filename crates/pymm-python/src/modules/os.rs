//! `_os`: the operating system calls `os`, `os.path` and `io` (Python, built in) stand on:
//! files by descriptor, directories, stat, the environment. Open files are Rust `File`s kept
//! by descriptor, so closing one (or the interpreter ending) releases it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{Exc, PyErr, PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("open", open),
    BuiltinFn::new("read", read),
    BuiltinFn::new("write", write),
    BuiltinFn::new("close", close),
    BuiltinFn::new("lseek", lseek),
    BuiltinFn::new("stat", stat),
    BuiltinFn::new("listdir", listdir),
    BuiltinFn::new("mkdir", mkdir),
    BuiltinFn::new("rmdir", rmdir),
    BuiltinFn::new("unlink", unlink),
    BuiltinFn::new("rename", rename),
    BuiltinFn::new("getcwd", getcwd),
    BuiltinFn::new("chdir", chdir),
    BuiltinFn::new("environ", environ),
    BuiltinFn::new("getpid", getpid),
    BuiltinFn::new("urandom", urandom),
];

/// `os.open` flags, as Linux numbers them.
const O_WRONLY: i64 = 0o1;
const O_RDWR: i64 = 0o2;
const O_CREAT: i64 = 0o100;
const O_EXCL: i64 = 0o200;
const O_TRUNC: i64 = 0o1000;
const O_APPEND: i64 = 0o2000;

thread_local! {
    /// Files opened by `os.open`, by descriptor.
    static FILES: RefCell<HashMap<i32, File>> = RefCell::new(HashMap::new());
}

/// OSError (or the subclass CPython picks for the errno) with CPython's message.
pub(crate) fn os_error(vm: &Vm, err: &std::io::Error, path: Option<&str>) -> PyErr {
    let filename = match path.map(|p| vm.str(p)).transpose() {
        Ok(filename) => filename,
        Err(err) => return err,
    };
    errno_error(vm, err.raw_os_error().unwrap_or(0), filename)
}

/// `OSError(errno, strerror[, filename])` of the subclass for `errno`, its strerror the C
/// library's text.
pub(crate) fn errno_error(vm: &Vm, errno: i32, filename: Option<PyRef>) -> PyErr {
    let text = std::io::Error::from_raw_os_error(errno).to_string();
    let text = text.split(" (os error").next().unwrap_or_default();
    match new_os_error(vm, Exc::for_errno(errno), errno, text, filename) {
        Ok(err) | Err(err) => err,
    }
}

/// An instance of the OSError subclass `kind` with its `args` (errno, strerror) and its
/// `errno`, `strerror` and `filename` attributes (what `OSError.__init__` sets).
pub(crate) fn new_os_error(
    vm: &Vm,
    kind: Exc,
    errno: i32,
    text: &str,
    filename: Option<PyRef>,
) -> PyResult<PyErr> {
    let (errno, text) = (vm.new_int(i64::from(errno))?, vm.str(text)?);
    let exc = vm.instantiate_exception(
        vm.types.exc(kind).clone(),
        vec![errno.clone(), text.clone()],
    )?;
    vm.instance_set(&exc, &vm.intern("errno"), errno)?;
    vm.instance_set(&exc, &vm.intern("strerror"), text)?;
    vm.instance_set(
        &exc,
        &vm.intern("filename"),
        filename.unwrap_or_else(|| vm.none()),
    )?;
    Ok(PyErr(exc))
}

fn path_arg<'a>(vm: &Vm, a: &Args<'a>, i: usize, fname: &str) -> PyResult<&'a str> {
    a.pos
        .get(i)
        .and_then(|p| p.as_str())
        .ok_or_else(|| vm.type_error(format!("{fname}: path should be string")))
}

fn int_arg(vm: &Vm, a: &Args<'_>, i: usize) -> PyResult<i64> {
    a.pos
        .get(i)
        .and_then(|v| v.as_i64())
        .ok_or_else(|| vm.type_error("an integer is required"))
}

/// `open(path, flags, mode=0o777)`: a descriptor.
fn open(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "open", 2, 3, &[])?;
    let path = path_arg(vm, &a, 0, "open")?;
    let flags = int_arg(vm, &a, 1)?;
    let mode = a.pos.get(2).and_then(|m| m.as_i64()).unwrap_or(0o777) as u32;
    let mut options = OpenOptions::new();
    let access = flags & 0o3;
    options
        .read(access != O_WRONLY)
        .write(access == O_WRONLY || access == O_RDWR)
        .append(flags & O_APPEND != 0)
        .truncate(flags & O_TRUNC != 0)
        .mode(mode);
    if flags & O_CREAT != 0 {
        if flags & O_EXCL != 0 {
            options.create_new(true);
        } else {
            options.create(true);
        }
    }
    let file = options
        .open(path)
        .map_err(|e| os_error(vm, &e, Some(path)))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) && access != 0 {
        let err = std::io::Error::from_raw_os_error(libc::EISDIR);
        return Err(os_error(vm, &err, Some(path)));
    }
    let fd = file.as_raw_fd();
    FILES.with(|f| f.borrow_mut().insert(fd, file));
    vm.new_int(i64::from(fd))
}

/// Runs `action` on the open file `fd`; EBADF when there is none.
fn with_file<T>(
    vm: &Vm,
    fd: i64,
    action: impl FnOnce(&mut File) -> std::io::Result<T>,
) -> PyResult<T> {
    let result = FILES.with(|files| {
        let mut files = files.borrow_mut();
        let file = i32::try_from(fd).ok().and_then(|fd| files.get_mut(&fd));
        file.map(action)
    });
    match result {
        Some(Ok(value)) => Ok(value),
        Some(Err(e)) => Err(os_error(vm, &e, None)),
        None => Err(os_error(
            vm,
            &std::io::Error::from_raw_os_error(libc::EBADF),
            None,
        )),
    }
}

/// `read(fd, n)`: up to n bytes (n < 0: to the end).
fn read(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "read", 2, 2, &[])?;
    let (fd, n) = (int_arg(vm, &a, 0)?, int_arg(vm, &a, 1)?);
    let data = with_file(vm, fd, |file| {
        let mut data = Vec::new();
        if n < 0 {
            file.read_to_end(&mut data)?;
        } else {
            Read::by_ref(file).take(n as u64).read_to_end(&mut data)?;
        }
        Ok(data)
    })?;
    vm.reserve(data.len())?;
    Ok(vm.bytes(data))
}

/// `write(fd, data)`: the number of bytes written.
fn write(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "write", 2, 2, &[])?;
    let fd = int_arg(vm, &a, 0)?;
    let Obj::Bytes(data) = &*a.pos[1] else {
        return Err(vm.type_error("a bytes-like object is required"));
    };
    with_file(vm, fd, |file| file.write_all(data))?;
    vm.new_int(data.len() as i64)
}

fn close(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "close", 1, 1, &[])?;
    let fd = int_arg(vm, &a, 0)?;
    let closed = FILES.with(|f| f.borrow_mut().remove(&(fd as i32)));
    match closed {
        Some(file) => {
            drop(file);
            Ok(vm.none())
        }
        None => Err(os_error(
            vm,
            &std::io::Error::from_raw_os_error(libc::EBADF),
            None,
        )),
    }
}

/// `lseek(fd, pos, how)`: the new position.
fn lseek(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "lseek", 3, 3, &[])?;
    let (fd, pos, how) = (
        int_arg(vm, &a, 0)?,
        int_arg(vm, &a, 1)?,
        int_arg(vm, &a, 2)?,
    );
    let from = match how {
        0 => SeekFrom::Start(pos.max(0) as u64),
        1 => SeekFrom::Current(pos),
        2 => SeekFrom::End(pos),
        _ => return Err(vm.value_error("invalid whence")),
    };
    let at = with_file(vm, fd, |file| file.seek(from))?;
    vm.new_int(at as i64)
}

/// `stat(path)`: (mode, size, mtime, is_dir, is_file) — what `os.stat_result` is built from.
fn stat(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "stat", 1, 1, &[])?;
    let path = path_arg(vm, &a, 0, "stat")?;
    let meta = std::fs::metadata(path).map_err(|e| os_error(vm, &e, Some(path)))?;
    let mtime = meta.mtime() as f64 + meta.mtime_nsec() as f64 * 1e-9;
    vm.new_tuple(vec![
        vm.new_int(i64::from(meta.permissions().mode()))?,
        vm.new_int(meta.len() as i64)?,
        vm.float(mtime),
        vm.bool(meta.is_dir()),
        vm.bool(meta.is_file()),
    ])
}

fn listdir(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "listdir", 0, 1, &[])?;
    let path = if a.pos.is_empty() {
        "."
    } else {
        path_arg(vm, &a, 0, "listdir")?
    };
    let entries = std::fs::read_dir(path).map_err(|e| os_error(vm, &e, Some(path)))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| os_error(vm, &e, Some(path)))?;
        names.push(vm.str(entry.file_name().to_string_lossy())?);
    }
    vm.list(names)
}

/// Runs a filesystem call on one path, mapping its error as CPython does.
fn on_path(vm: &Vm, a: &Args<'_>, name: &str, call: fn(&str) -> std::io::Result<()>) -> PyResult {
    let path = path_arg(vm, a, 0, name)?;
    call(path).map_err(|e| os_error(vm, &e, Some(path)))?;
    Ok(vm.none())
}

fn mkdir(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "mkdir", 1, 2, &["mode"])?;
    on_path(vm, &a, "mkdir", |p| std::fs::create_dir(p))
}

fn rmdir(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "rmdir", 1, 1, &[])?;
    on_path(vm, &a, "rmdir", |p| std::fs::remove_dir(p))
}

fn unlink(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "unlink", 1, 1, &[])?;
    on_path(vm, &a, "unlink", |p| std::fs::remove_file(p))
}

fn chdir(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "chdir", 1, 1, &[])?;
    on_path(vm, &a, "chdir", |p| std::env::set_current_dir(p))
}

fn rename(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "rename", 2, 2, &[])?;
    let (from, to) = (
        path_arg(vm, &a, 0, "rename")?,
        path_arg(vm, &a, 1, "rename")?,
    );
    std::fs::rename(from, to).map_err(|e| os_error(vm, &e, Some(from)))?;
    Ok(vm.none())
}

fn getcwd(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "getcwd", 0, 0, &[])?;
    let dir = std::env::current_dir().map_err(|e| os_error(vm, &e, None))?;
    vm.str(dir.to_string_lossy())
}

/// `environ()`: the environment as a new dict.
fn environ(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "environ", 0, 0, &[])?;
    let dict = vm.dict()?;
    for (key, value) in std::env::vars_os() {
        let key = vm.str(key.to_string_lossy())?;
        vm.dict_set(&dict, key, vm.str(value.to_string_lossy())?)?;
    }
    Ok(dict)
}

fn getpid(vm: &Vm, _a: Args<'_>) -> PyResult {
    vm.new_int(i64::from(std::process::id()))
}

/// `urandom(n)`: n bytes from the operating system's generator.
fn urandom(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "urandom", 1, 1, &[])?;
    let n = int_arg(vm, &a, 0)?;
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    let mut data = vec![0u8; n as usize];
    File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut data))
        .map_err(|e| os_error(vm, &e, None))?;
    Ok(vm.bytes(data))
}

/// Creates the module.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("_os")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}
