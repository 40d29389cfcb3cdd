//! Running a program: a big-stack thread, a fresh heap and VM, the module's execution, error
//! reporting, and the orderly shutdown CPython does (finalizers, globals, a last collection).

use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::compile::encoding::{decode_source, SourceError};
use crate::compile::SyntaxError;
use crate::import::absolute;
use crate::objects::{Obj, PyRef};
use crate::report::Recording;
use crate::rt::{DebugFlags, Heap};
use crate::stack;
use crate::vm::exec::{exec_in, RunError};
use crate::vm::{finalize, Exc, PyResult, Vm};

/// How to run a program.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Print the allocator's table and the collector's statistics at exit (to stderr).
    pub stats: bool,
    /// Report each collection as `gc.set_debug(gc.DEBUG_STATS)` does.
    pub gc_debug: bool,
    /// Heap limit in bytes: allocations beyond raise MemoryError.
    pub max_heap: Option<usize>,
    /// `sys.argv`: the script as given (or `-c`), then its arguments. Empty means `['']`.
    pub argv: Vec<String>,
    /// `--report` / `--report-json`: record the run and write a report at exit.
    pub report: Option<crate::report::ReportSpec>,
}

/// What to run, as python3's command line names it.
#[derive(Clone, Debug)]
pub enum Program {
    /// `pymm run FILE` / `pymm FILE`: a script; `sys.path[0]` is its directory.
    File(PathBuf),
    /// `pymm -c CODE`: source given as text, shown as `name` in tracebacks; `sys.path[0]` is
    /// `''` (the current directory).
    Source {
        /// The name tracebacks show (`<string>`).
        name: String,
        /// The program.
        source: String,
    },
    /// `pymm -m NAME`: a module (or a package's `__main__`) found on `sys.path` and run as
    /// `__main__`; `sys.path[0]` is the current directory.
    Module(String),
}

/// Runs a Python file; returns the process exit code.
pub fn run_file(path: &Path, options: &Options) -> i32 {
    run(Program::File(path.to_path_buf()), options)
}

/// Runs Python source named `name`; returns the process exit code.
pub fn run_source(name: &str, source: &str, options: &Options) -> i32 {
    let (name, source) = (name.to_string(), source.to_string());
    run(Program::Source { name, source }, options)
}

/// Runs the module `name` as `__main__` (`python3 -m name`); returns the process exit code.
pub fn run_module(name: &str, options: &Options) -> i32 {
    run(Program::Module(name.to_string()), options)
}

/// Runs a program on an interpreter thread of its own; returns the process exit code.
pub fn run(program: Program, options: &Options) -> i32 {
    let options = options.clone();
    let worker = std::thread::Builder::new()
        .name("pymm".into())
        .stack_size(stack::STACK_SIZE)
        .spawn(move || run_on_this_thread(&program, &options));
    match worker.map(|w| w.join()) {
        Ok(Ok(code)) => code,
        Ok(Err(_)) => 70,
        Err(e) => {
            eprintln!("pymm: cannot start the interpreter thread: {e}");
            70
        }
    }
}

/// Reports a file that could not be decoded, as CPython does (no traceback).
fn print_source_error(name: &str, error: &SourceError) {
    match error {
        SourceError::Whole(message) => eprintln!("SyntaxError: {message}"),
        SourceError::At { error, text } => {
            eprintln!("  File \"{name}\", line {}", error.line);
            eprintln!("    {}", text.trim());
            eprintln!("SyntaxError: {}", error.message);
        }
    }
}

/// Whether the allocator's arenas go on transparent huge pages: off, as CPython 3.11's
/// pymalloc, unless `PYTHON_PYMALLOC_HUGEPAGES` is a non-zero integer (CPython 3.14's
/// switch). Huge pages save TLB misses on a large heap but hold up to 1 MiB more at its peak,
/// which is most of a small program's bytes per object.
fn huge_pages_from_env() -> bool {
    std::env::var("PYTHON_PYMALLOC_HUGEPAGES")
        .ok()
        .and_then(|value| value.trim().parse::<i64>().ok())
        .is_some_and(|value| value != 0)
}

fn run_on_this_thread(program: &Program, options: &Options) -> i32 {
    stack::mark_top();
    // The thread's default heap (made with `Config::from_env()`, on this fresh thread): the
    // side buffers of dicts and sets come from it through a zero-sized allocator.
    let heap = Heap::thread_default();
    heap.set_huge_pages(huge_pages_from_env());
    if options.gc_debug {
        heap.set_debug(DebugFlags::STATS);
    }
    let vm = Rc::new(Vm::new(heap.clone()));
    crate::builtins::install(&vm);
    vm.max_heap.set(options.max_heap);
    *vm.argv.borrow_mut() = options.argv.clone();
    finalize::set_current(Some(vm.clone()));
    let callback = heap.add_callback(crate::modules::gc_callback);
    let recording = options
        .report
        .as_ref()
        .map(|spec| Recording::start(&vm, spec));
    let mut code = match init_sys_path(&vm, program) {
        Ok(()) => run_main(&vm, program),
        Err(err) => exit_code_for(&vm, &err.0),
    };
    if let Some(recording) = &recording {
        recording.program_ended(&vm);
    }
    shutdown(&vm);
    heap.remove_callback(callback);
    if let Some(recording) = recording {
        code = recording.finish(&vm, &program.display_name(), &options.argv, code);
    }
    if options.stats {
        print_stats(&vm);
    }
    vm.flush_stdout();
    finalize::set_current(None);
    drop(vm);
    code
}

/// `sys.path` as python3 starts it: the program's directory, then `PYTHONPATH`'s entries
/// (the standard modules, built into pymm, are found after them).
fn init_sys_path(vm: &Vm, program: &Program) -> PyResult<()> {
    let first = match program {
        // the script's real directory: symbolic links and `..` resolved, as CPython does
        Program::File(path) => std::fs::canonicalize(path)
            .unwrap_or_else(|_| absolute(path))
            .parent()
            .map(|dir| dir.display().to_string())
            .unwrap_or_default(),
        Program::Source { .. } => String::new(),
        Program::Module(_) => absolute(Path::new(".")).display().to_string(),
    };
    let from_env = std::env::var("PYTHONPATH").unwrap_or_default();
    let entries = std::iter::once(first).chain(
        from_env
            .split(':')
            .filter(|e| !e.is_empty())
            .map(str::to_string),
    );
    for entry in entries {
        let entry = vm.str(entry)?;
        if let Obj::List(items) = &*vm.sys_path {
            items.borrow_mut().push(entry);
        }
    }
    Ok(())
}

/// Runs the program in a fresh `__main__`; gives the exit code.
impl Program {
    /// The program as a report names it: the file, `<string>`, or the module.
    fn display_name(&self) -> String {
        match self {
            Program::File(path) => path.display().to_string(),
            Program::Source { name, .. } => name.clone(),
            Program::Module(module) => module.clone(),
        }
    }
}

fn run_main(vm: &Vm, program: &Program) -> i32 {
    let (filename, source, package) = match main_source(vm, program) {
        Ok(Ok(found)) => found,
        Ok(Err(code)) => return code,
        Err(err) => return exit_code_for(vm, &err.0),
    };
    let main = match main_module(vm, program, &filename, package.as_deref()) {
        Ok(m) => m,
        Err(err) => return exit_code_for(vm, &err.0),
    };
    let ns = vm.module_dict(&main);
    match exec_in(vm, &source, &filename, &ns) {
        Ok(_) => 0,
        Err(RunError::Syntax(e)) => {
            print_syntax_error(vm, &filename, &e);
            1
        }
        Err(RunError::Exception(exc)) => exit_code_for(vm, &exc),
    }
}

/// The main program: its file name (as tracebacks show it), its source and for `-m` its
/// package; or, after printing why there is nothing to run, the exit code.
type MainSource = Result<(String, String, Option<String>), i32>;

fn main_source(vm: &Vm, program: &Program) -> PyResult<MainSource> {
    let (file, package) = match program {
        Program::Source { name, source } => {
            return Ok(Ok((name.clone(), source.clone(), None)));
        }
        Program::File(path) => (path.clone(), None),
        Program::Module(name) => match crate::import::main_module_file(vm, name)? {
            Ok((file, package)) => (file, Some(package)),
            Err(message) => {
                vm.flush_stdout();
                eprintln!("pymm: {message}");
                return Ok(Err(1));
            }
        },
    };
    let shown = absolute(&file).display().to_string();
    let bytes = match std::fs::read(&file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("pymm: can't open file '{}': {e}", file.display());
            return Ok(Err(2));
        }
    };
    match decode_source(&bytes, &shown) {
        Ok(src) => Ok(Ok((shown, src, package))),
        Err(error) => {
            print_source_error(&shown, &error);
            Ok(Err(1))
        }
    }
}

/// The `__main__` module, registered in `sys.modules`.
fn main_module(vm: &Vm, program: &Program, filename: &str, package: Option<&str>) -> PyResult {
    let main = vm.new_module("__main__")?;
    vm.dict_set(&vm.modules, vm.str("__main__")?, main.clone())?;
    let package = match package {
        Some(p) => vm.str(p)?,
        None => vm.none(),
    };
    vm.module_set(&main, "__package__", package)?;
    // `__main__` sees the builtins module itself, imported modules its namespace dict
    vm.module_set(&main, "__builtins__", vm.import_absolute("builtins")?)?;
    // CPython's `__main__` starts with an empty annotations dict (add_main_module)
    vm.module_set(&main, "__annotations__", vm.dict()?)?;
    if !matches!(program, Program::Source { .. }) {
        vm.module_set(&main, "__file__", vm.str(filename)?)?;
        vm.module_set(&main, "__cached__", vm.none())?;
    }
    if let Program::Module(_) = program {
        set_argv0(vm, filename)?;
    }
    Ok(main)
}

/// `sys.argv[0] = value` (for `-m`, the module's file).
fn set_argv0(vm: &Vm, value: &str) -> PyResult<()> {
    if let Some(first) = vm.argv.borrow_mut().first_mut() {
        *first = value.to_string();
    }
    if let Some(sys) = vm.sys_module("sys") {
        let argv = vm.get_attr(&sys, &vm.intern("argv"))?;
        vm.set_item(&argv, vm.int(0), vm.str(value)?)?;
    }
    Ok(())
}

fn exit_code_for(vm: &Vm, exc: &PyRef) -> i32 {
    if vm.exc_matches(exc, Exc::SystemExit) {
        let args = vm.exc_args(exc);
        return match args.first().map(|a| &**a) {
            None | Some(Obj::None) => 0,
            Some(Obj::Int(i)) => *i as i32,
            Some(Obj::Bool(b)) => *b as i32,
            Some(_) => {
                vm.flush_stdout();
                eprintln!("{}", vm.to_str(&args[0]).unwrap_or_default());
                1
            }
        };
    }
    vm.print_exception(exc);
    1
}

/// Reports a SyntaxError in the main program as CPython does: no traceback, the location,
/// the line with carets under the error, the message.
fn print_syntax_error(vm: &Vm, name: &str, e: &SyntaxError) {
    let err = vm.syntax_error_at(e, name, None);
    vm.print_exception(&err.0);
}

/// CPython's order at exit: the `atexit` functions and `weakref.finalize` callbacks, then
/// the main module's globals (names with one leading underscore first), then a last
/// collection.
fn shutdown(vm: &Vm) {
    if let Some(atexit) = vm.sys_module("atexit") {
        if let Ok(f) = vm.get_attr(&atexit, &vm.intern("_run_exitfuncs")) {
            if let Err(e) = vm.call(&f, &[]) {
                vm.report_unraisable("Exception ignored in atexit callback", &e.0);
            }
        }
    }
    let weakref = vm.sys_module("weakref");
    if let Some(w) = weakref {
        if let Ok(f) = vm.get_attr(&w, &vm.intern("_run_exit_finalizers")) {
            if let Err(e) = vm.call(&f, &[]) {
                vm.report_unraisable("Exception ignored in atexit callback", &e.0);
            }
        }
    }
    if let Some(ns) = vm.main_globals() {
        let _ = clear_namespace(vm, &ns);
    }
    vm.heap.collect(2);
    let modules: Vec<PyRef> = match vm.table_of(&vm.modules) {
        Ok(table) => {
            let entries = table.borrow_mut().take_contents();
            entries.iter().map(|e| e.value.clone()).collect()
        }
        Err(_) => Vec::new(),
    };
    for m in &modules {
        let ns = vm.module_dict(m);
        let _ = clear_namespace(vm, &ns);
    }
    drop(modules);
    vm.heap.collect(2);
}

fn clear_namespace(vm: &Vm, ns: &PyRef) -> PyResult<()> {
    let keys: Vec<PyRef> = vm
        .table_of(ns)?
        .borrow()
        .iter()
        .map(|e| e.key.clone())
        .collect();
    let single_underscore = |k: &PyRef| {
        k.as_str()
            .is_some_and(|s| s.starts_with('_') && !s.starts_with("__"))
    };
    for pass in [true, false] {
        for k in keys.iter().filter(|k| single_underscore(k) == pass) {
            if k.as_str() == Some("__builtins__") {
                continue;
            }
            vm.dict_set(ns, k.clone(), vm.none())?;
        }
    }
    Ok(())
}

fn print_stats(vm: &Vm) {
    vm.flush_stdout();
    eprint!("{}", vm.heap.alloc_stats());
    for (gen, s) in vm.heap.stats().iter().enumerate() {
        eprintln!(
            "gc: generation {gen}: {} collections, {} objects collected",
            s.collections, s.collected
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{run_source, Options};

    /// Runs a program whose `assert`s check the interpreter; true when it exits with 0.
    fn passes(src: &str) -> bool {
        run_source("<test>", src, &Options::default()) == 0
    }

    #[test]
    fn refcounts_match_cpython() {
        assert!(passes(
            "import sys\nx = [1, 2, 3]\nassert sys.getrefcount(x) == 2\n"
        ));
        assert!(passes(
            "import sys\ndef f():\n    y = []\n    return sys.getrefcount(y)\nassert f() == 2\n"
        ));
    }

    #[test]
    fn cycles_are_collected() {
        let src = "import gc\nclass N:\n    pass\ngc.collect()\na = N(); b = N()\n\
                   a.o = b; b.o = a\ndel a, b\nassert gc.collect() == 2\n";
        assert!(passes(src));
    }

    #[test]
    fn del_runs_at_once() {
        let src = "log = []\nclass D:\n    def __del__(self):\n        log.append(1)\n\
                   d = D()\ndel d\nassert log == [1]\n";
        assert!(passes(src));
    }

    #[test]
    fn errors_exit_with_one() {
        assert!(!passes("1 / 0\n"));
        assert!(!passes("def f(:\n"));
        assert!(!passes("def f(): return f()\nf()\n"));
    }

    #[test]
    fn heap_limit_raises_memory_error() {
        let options = Options {
            max_heap: Some(4 << 20),
            ..Options::default()
        };
        let src = "x = []\ntry:\n    while True:\n        x.append([0] * 100)\n\
                   except MemoryError:\n    x = None\n    print('MemoryError raised')\n";
        assert_eq!(run_source("<test>", src, &options), 0);
    }

    #[test]
    fn closures_generators_and_classes() {
        let src = "def counter():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n\
                   \x20       return n\n    return inc\nc = counter(); c()\nassert c() == 2\n\
                   def gen():\n    x = yield 1\n    yield x * 2\ng = gen(); next(g)\nassert g.send(21) == 42\n\
                   class A:\n    def f(self): return 'A'\nclass B(A):\n    def f(self): return 'B' + super().f()\n\
                   assert B().f() == 'BA'\n";
        assert!(passes(src));
    }
}
