//! The compiled-module cache, seen from outside: an imported module is compiled once and read
//! back at the next run; a changed source, a damaged entry, `PYTHONDONTWRITEBYTECODE`,
//! `sys.dont_write_bytecode` and `PYMM_NO_CODE_CACHE` behave as their docs say; what a
//! program prints never depends on whether its modules came from the cache.
//!
//! Each run sets `PYTHONDONTWRITEBYTECODE` itself (the environment of the tests may set it).

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use support::{pymm_binary, run_with_timeout, Ending};

/// A fresh folder for one test: its program, its module and its cache.
fn scratch(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("code_cache")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("cache")).expect("scratch folder");
    dir
}

/// A module with a bit of everything the compiler makes: nested functions and classes,
/// closures, a generator, constants of every kind, a docstring and a traceback's line.
const MODULE: &str = r#"
"""The module's docstring."""
BIG = 123456789012345678901234567890
CONSTS = (None, True, 1.5, 2j, b"bytes", ..., ("nested", (1, (2,))), -7, frozenset({1}))

class Shape:
    """A class."""
    sides = 0
    def describe(self, *args, scale=1, **kw):
        def inner(x):
            return x * scale
        return [inner(a) for a in args], sorted(kw)

def gen(n):
    total = 0
    for i in range(n):
        total += yield i
    return total

def fails():
    return 1 / 0
"#;

const MAIN: &str = r#"
import mod
print(mod.__doc__, mod.BIG, mod.CONSTS)
print(mod.Shape.__doc__, mod.Shape().describe(1, 2, scale=3, z=1, a=2))
g = mod.gen(3)
print(next(g), g.send(10), g.send(20))
print(mod.gen.__code__.co_varnames, mod.Shape.describe.__code__.co_argcount)
try:
    mod.fails()
except ZeroDivisionError as e:
    tb = e.__traceback__.tb_next
    print(tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_frame.f_code.co_filename)
print(mod.version)
"#;

/// Runs `main.py` in `dir` with the cache in `dir/cache` and `env`; its stdout.
fn run(dir: &Path, env: &[(&str, &str)]) -> String {
    let mut command = Command::new(pymm_binary());
    command
        .current_dir(dir)
        .arg("run")
        .arg("main.py")
        .env("PYMM_CACHE_DIR", dir.join("cache"))
        .env_remove("PYMM_NO_CODE_CACHE")
        .env_remove("PYTHONDONTWRITEBYTECODE");
    for (key, value) in env {
        command.env(key, value);
    }
    let outcome = run_with_timeout(command, Duration::from_secs(60)).expect("pymm starts");
    assert_eq!(
        outcome.ending,
        Ending::Exited(0),
        "stderr: {}",
        outcome.stderr
    );
    outcome.stdout
}

/// Writes the program and its module, `version` told apart by the module's last line.
fn write_program(dir: &Path, version: &str) {
    std::fs::write(dir.join("main.py"), MAIN).expect("main written");
    let module = format!("{MODULE}\nversion = {version:?}\n");
    std::fs::write(dir.join("mod.py"), module).expect("module written");
}

/// The cache's entries (all builds' folders).
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for build in std::fs::read_dir(dir.join("cache"))
        .expect("cache folder")
        .flatten()
    {
        for entry in std::fs::read_dir(build.path())
            .expect("build folder")
            .flatten()
        {
            found.push(entry.path());
        }
    }
    found.sort();
    found
}

/// What python3 prints for the same program (the reference for both runs).
fn expected(dir: &Path) -> String {
    let output = Command::new("python3")
        .current_dir(dir)
        .arg("-B")
        .arg("main.py")
        .output()
        .expect("python3 runs");
    String::from_utf8(output.stdout).expect("utf-8")
}

#[test]
fn a_module_is_compiled_once_and_read_back_alike() {
    let dir = scratch("read_back");
    write_program(&dir, "one");
    let first = run(&dir, &[]);
    assert_eq!(first, expected(&dir));
    let written = entries(&dir);
    assert_eq!(written.len(), 1, "one entry, for mod.py: {written:?}");
    let stamp = std::fs::metadata(&written[0]).and_then(|m| m.modified());
    let second = run(&dir, &[]);
    assert_eq!(second, first, "the cached module runs as the compiled one");
    assert_eq!(
        entries(&dir),
        written,
        "the entry was read, not written again"
    );
    assert_eq!(
        std::fs::metadata(&written[0])
            .and_then(|m| m.modified())
            .ok(),
        stamp.ok()
    );
}

#[test]
fn a_changed_source_is_compiled_again() {
    let dir = scratch("changed");
    write_program(&dir, "one");
    let first = run(&dir, &[]);
    assert!(first.ends_with("one\n"), "{first}");
    write_program(&dir, "two");
    let second = run(&dir, &[]);
    assert!(second.ends_with("two\n"), "never a stale entry: {second}");
    assert_eq!(entries(&dir).len(), 2, "one entry per text");
}

#[test]
fn a_damaged_entry_is_ignored_and_written_again() {
    let dir = scratch("damaged");
    write_program(&dir, "one");
    let first = run(&dir, &[]);
    let entry = entries(&dir).remove(0);
    let mut bytes = std::fs::read(&entry).expect("entry");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&entry, &bytes).expect("damaged");
    assert_eq!(run(&dir, &[]), first, "a damaged entry is not used");
    assert_ne!(std::fs::read(&entry).expect("entry"), bytes, "written anew");
    std::fs::write(&entry, &bytes[..middle]).expect("torn");
    assert_eq!(run(&dir, &[]), first, "nor is a torn one");
    std::fs::write(&entry, b"").expect("emptied");
    assert_eq!(run(&dir, &[]), first, "nor an empty one");
}

#[test]
fn writing_can_be_turned_off_as_in_cpython() {
    let dir = scratch("dont_write");
    write_program(&dir, "one");
    let off = run(&dir, &[("PYMM_NO_CODE_CACHE", "1")]);
    assert_eq!(off, expected(&dir));
    assert!(
        std::fs::read_dir(dir.join("cache"))
            .expect("cache folder")
            .next()
            .is_none(),
        "PYMM_NO_CODE_CACHE: not even a build folder"
    );
    assert_eq!(run(&dir, &[("PYTHONDONTWRITEBYTECODE", "1")]), off);
    assert!(
        entries(&dir).is_empty(),
        "PYTHONDONTWRITEBYTECODE: nothing written"
    );
    std::fs::write(dir.join("main.py"), format!("import textwrap\n{MAIN}")).expect("main");
    assert_eq!(run(&dir, &[("PYTHONDONTWRITEBYTECODE", "1")]), off);
    let standard = entries(&dir);
    assert!(
        !standard.is_empty(),
        "a standard module built into pymm is cached regardless, as CPython's come compiled"
    );
    std::fs::write(
        dir.join("main.py"),
        format!(
            "import sys\nprint(sys.dont_write_bytecode)\nsys.dont_write_bytecode = True\n{MAIN}"
        ),
    )
    .expect("main written");
    let flagged = run(&dir, &[]);
    assert!(flagged.starts_with("False\n"), "{flagged}");
    assert_eq!(
        entries(&dir),
        standard,
        "sys.dont_write_bytecode: mod.py not written"
    );
}
