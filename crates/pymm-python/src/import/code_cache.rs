//! The compiled-module cache: an imported module's code is kept on disk and read back the
//! next time the same text is imported by the same interpreter, as CPython keeps it in
//! `__pycache__/*.pyc`, so that a program pays for the parser and the code generator once,
//! not at every run (typing, enum and dataclasses cost ~40 M instructions to compile, more
//! than many small programs spend running).
//!
//! Where: `$PYMM_CACHE_DIR`, else `$XDG_CACHE_HOME/pymm`, else `$HOME/.cache/pymm`; inside it
//! one folder per build of the interpreter (`code-<build>`: a rebuilt compiler never reads
//! what an older one wrote; folders of builds unused for a week are removed when a new one is
//! made), and in it one file per module text, named by the hash of the file name and the
//! text (a changed source is a new entry, never a stale hit).
//!
//! A file is a magic word, a checksum of its payload and the payload (`compile::marshal`);
//! one that does not check out is ignored and written again. The hashes are SipHash with
//! fixed keys (the file name takes two, for 128 bits): they guard against accidents (a
//! changed file, a torn or damaged entry), not against someone who can write the cache's
//! folder, who could as well replace the interpreter; std's hasher may change between Rust
//! releases, but a new release makes a new build, whose folder is new. Files are written
//! under a temporary name and renamed into place, so runs in parallel never see half a file.
//!
//! As in CPython, only imports use the cache (not the main script, `exec` or `compile`).
//! `sys.dont_write_bytecode` (from `PYTHONDONTWRITEBYTECODE`) stops the writing for the
//! program's own modules; the standard modules built into pymm are cached regardless, as
//! CPython's standard library comes compiled with the interpreter and that setting does not
//! apply to it. `PYMM_NO_CODE_CACHE=1` turns the cache off altogether (to measure the
//! compiler).

use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use crate::compile::marshal::{self, Plain};
use crate::compile::{compile_module, SyntaxError};
use crate::objects::Code;
use crate::vm::Vm;

/// The first bytes of every cache file (the format's version is in the folder's name).
const MAGIC: &[u8; 8] = b"pymmcode";

/// Bumped when the file layout changes (the code's own layout is covered by the build id).
const FORMAT: u32 = 1;

/// How long a build's folder may go unused before a newer build removes it.
const STALE_AFTER: Duration = Duration::from_secs(7 * 24 * 3600);

/// The code of the module whose text is `source`, from the cache when it holds it, else
/// compiled and stored (a program's own module only when writing is allowed; `builtin`: a
/// standard module built into pymm).
pub fn compile_cached(
    vm: &Vm,
    source: &str,
    filename: &str,
    builtin: bool,
) -> Result<Rc<Code>, SyntaxError> {
    let Some(folder) = build_folder() else {
        return compile_module(vm, source, filename);
    };
    let entry = folder.join(entry_name(source, filename));
    if let Some(plain) = read(&entry) {
        return Ok(marshal::realize(plain, vm));
    }
    let plain = compile_module(&Plain(vm), source, filename)?;
    if builtin || may_write(vm) {
        write(&entry, &marshal::encode(&plain));
    }
    Ok(marshal::realize(plain, vm))
}

/// The cached code at `entry`, if the file is there and checks out.
fn read(entry: &Path) -> Option<Rc<crate::compile::Code<marshal::Const>>> {
    let bytes = fs::read(entry).ok()?;
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (sum, payload) = rest.split_at_checked(8)?;
    if sum != checksum(payload).to_le_bytes() {
        return None;
    }
    marshal::decode(payload)
}

/// Stores `payload` at `entry`; a failure (a full disk, a read-only home) only costs the
/// next run a compilation.
fn write(entry: &Path, payload: &[u8]) {
    let temporary = entry.with_extension(format!("tmp{}", std::process::id()));
    let written = fs::File::create(&temporary).and_then(|mut file| {
        file.write_all(MAGIC)?;
        file.write_all(&checksum(payload).to_le_bytes())?;
        file.write_all(payload)
    });
    if written
        .and_then(|()| fs::rename(&temporary, entry))
        .is_err()
    {
        let _ = fs::remove_file(&temporary);
    }
}

/// False when `sys.dont_write_bytecode` is true (its first value, while `sys` is not loaded).
fn may_write(vm: &Vm) -> bool {
    let Ok(Some(sys)) = vm.str("sys").and_then(|key| vm.dict_get(&vm.modules, &key)) else {
        return !crate::modules::sys::dont_write_bytecode();
    };
    let flag = vm
        .str("dont_write_bytecode")
        .and_then(|name| vm.get_attr(&sys, &name));
    !flag.and_then(|flag| vm.truthy(&flag)).unwrap_or(false)
}

/// The entry's file name: the hash of the module's file name and text.
fn entry_name(source: &str, filename: &str) -> String {
    let half = |seed: u8| {
        let mut hash = DefaultHasher::new();
        hash.write_u8(seed);
        hash.write(filename.as_bytes());
        hash.write_u8(0xff);
        hash.write(source.as_bytes());
        hash.finish()
    };
    format!("{:016x}{:016x}", half(1), half(2))
}

/// The checksum of a payload.
fn checksum(payload: &[u8]) -> u64 {
    let mut hash = DefaultHasher::new();
    hash.write(payload);
    hash.finish()
}

/// This build's folder, made if missing; `None` when the cache is off or has no home.
fn build_folder() -> Option<&'static Path> {
    static FOLDER: OnceLock<Option<PathBuf>> = OnceLock::new();
    FOLDER
        .get_or_init(|| {
            if set_var("PYMM_NO_CODE_CACHE").is_some() {
                return None;
            }
            let root = cache_root()?;
            let folder = root.join(format!("code-{}", build_id()?));
            if !folder.is_dir() {
                fs::create_dir_all(&folder).ok()?;
                remove_stale_builds(&root, &folder);
            }
            Some(folder)
        })
        .as_deref()
}

/// Where the cache lives (see the module docs).
fn cache_root() -> Option<PathBuf> {
    if let Some(dir) = set_var("PYMM_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = set_var("XDG_CACHE_HOME") {
        return Some(PathBuf::from(dir).join("pymm"));
    }
    set_var("HOME").map(|home| PathBuf::from(home).join(".cache").join("pymm"))
}

/// The environment variable `name`, if it is set to something (an empty value counts as
/// unset, as for CPython's `PYTHON*` variables).
fn set_var(name: &str) -> Option<std::ffi::OsString> {
    std::env::var_os(name).filter(|v| !v.is_empty())
}

/// What tells this interpreter's build from another: its executable's path, size and time of
/// change, the crate's version and the file format.
fn build_id() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = fs::metadata(&exe).ok()?;
    let changed = meta
        .modified()
        .ok()?
        .duration_since(SystemTime::UNIX_EPOCH)
        .ok()?;
    let mut hash = DefaultHasher::new();
    hash.write(exe.as_os_str().as_encoded_bytes());
    hash.write_u64(meta.len());
    hash.write_u128(changed.as_nanos());
    hash.write(env!("CARGO_PKG_VERSION").as_bytes());
    hash.write_u32(FORMAT);
    Some(format!("{:016x}", hash.finish()))
}

/// Removes the folders of other builds unused for [`STALE_AFTER`].
fn remove_stale_builds(root: &Path, keep: &Path) {
    let Ok(entries) = fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_build = entry.file_name().to_string_lossy().starts_with("code-");
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if is_build && stale && path != keep {
            let _ = fs::remove_dir_all(&path);
        }
    }
}
