//! The modules built into pymm: some in Rust (`sys`, `gc`, `time`, `math`, ...), the others
//! in Python (their source is built into the binary and run on first import, so everything
//! they make lives in the pymm heap). [`builtin`] is the registry the import system's finder
//! ([`crate::import::finder`]) consults.

mod asyncio_future;
mod asyncio_loop;
mod asyncio_step;
mod asyncio_task;
mod collections_native;
mod decimal_accel;
mod elementtree_build;
mod elementtree_element;
mod elementtree_write;
mod gc;
mod hashlib_;
mod importlib;
mod iobuf;
mod itertools_native;
mod json_;
mod math;
mod os;
mod pickle_;
mod pyexpat_scan;
mod random;
mod socket_;
mod sqlite3_;
mod sre;
mod ssl_;
mod struct_;
pub mod sys;
mod time;
mod traceback;
mod tracemalloc;
mod types_native;
mod weakref;

pub use json_::escape::escape_into as json_escape;

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::BuiltinFn;
use crate::vm::{PyResult, Vm};

/// A module built into pymm.
#[derive(Clone, Copy)]
pub enum Builtin {
    /// Written in Rust: the function that builds it.
    Native(fn(&Vm) -> PyResult),
    /// Written in Python: its source, and whether it is a package (has submodules).
    Source {
        /// The module's code.
        source: &'static str,
        /// True for a package such as `collections` (whose `abc` is a submodule).
        package: bool,
    },
}

/// The module built into pymm under the absolute `name`, if any.
pub fn builtin(name: &str) -> Option<Builtin> {
    let native = |build| Some(Builtin::Native(build));
    let source = |source| {
        Some(Builtin::Source {
            source,
            package: false,
        })
    };
    let package = |source| {
        Some(Builtin::Source {
            source,
            package: true,
        })
    };
    match name {
        "builtins" => native(builtins_module),
        "sys" => native(sys::build),
        "gc" => native(gc::build),
        "weakref" => native(weakref::build),
        "time" => native(time::build),
        "math" => native(math::build),
        "importlib" => native(importlib::build),
        "tracemalloc" => native(tracemalloc::build),
        "_traceback" => native(traceback::build),
        "traceback" => source(include_str!("traceback.py")),
        "collections" => package(include_str!("collections.py")),
        "_collections" => native(collections_native::build),
        "collections.abc" => source(include_str!("collections_abc.py")),
        "itertools" => source(include_str!("itertools.py")),
        "_itertools" => native(itertools_native::build),
        "functools" => source(include_str!("functools.py")),
        "dataclasses" => source(include_str!("dataclasses.py")),
        "abc" => source(include_str!("abc.py")),
        "__future__" => source(include_str!("__future__.py")),
        "operator" => source(include_str!("operator.py")),
        "copy" => source(include_str!("copy.py")),
        "contextlib" => source(include_str!("contextlib.py")),
        "heapq" => source(include_str!("heapq.py")),
        "bisect" => source(include_str!("bisect.py")),
        "string" => source(include_str!("string.py")),
        "_random" => native(random::build),
        "_types" => native(types_native::build),
        "asyncio" => source(include_str!("asyncio.py")),
        "random" => source(include_str!("random.py")),
        "_json" => native(json_::build),
        "json" => source(include_str!("json.py")),
        "typing" => source(include_str!("typing.py")),
        "enum" => source(include_str!("enum.py")),
        "_sqlite3" => native(sqlite3_::build),
        "sqlite3" => source(include_str!("sqlite3.py")),
        "_sre" => native(sre::build),
        "re" => source(include_str!("re.py")),
        "_struct" => native(struct_::build),
        "struct" => source(include_str!("struct.py")),
        "textwrap" => source(include_str!("textwrap.py")),
        "pprint" => source(include_str!("pprint.py")),
        "_hashlib" => native(hashlib_::build),
        "hashlib" => source(include_str!("hashlib.py")),
        "types" => source(include_str!("types.py")),
        "datetime" => source(include_str!("datetime.py")),
        "threading" => source(include_str!("threading.py")),
        "atexit" => source(include_str!("atexit.py")),
        "warnings" => source(include_str!("warnings.py")),
        "_codecs" => source(include_str!("_codecs.py")),
        "codecs" => source(include_str!("codecs.py")),
        "copyreg" => source(include_str!("copyreg.py")),
        "_compat_pickle" => source(include_str!("_compat_pickle.py")),
        "pickle" => source(include_str!("pickle.py")),
        "_pickle" => source(include_str!("_pickle.py")),
        "_pymm_builtins" => source(include_str!("_pymm_builtins.py")),
        "_pymm_exception_group" => source(include_str!("_pymm_exception_group.py")),
        "_pickle_codec" => native(pickle_::build),
        "gettext" => source(include_str!("gettext.py")),
        "shutil" => source(include_str!("shutil.py")),
        "argparse" => source(include_str!("argparse.py")),
        "numbers" => source(include_str!("numbers.py")),
        "contextvars" => source(include_str!("contextvars.py")),
        "_asyncio_future" => native(asyncio_future::build),
        "_asyncio_loop" => native(asyncio_loop::build),
        "_asyncio_step" => native(asyncio_step::build),
        "_asyncio_task" => native(asyncio_task::build),
        "decimal" => source(include_str!("decimal.py")),
        "_decimal_accel" => native(decimal_accel::build),
        "logging" => package(include_str!("logging/__init__.py")),
        "array" => source(include_str!("array.py")),
        "fnmatch" => source(include_str!("fnmatch.py")),
        "pathlib" => source(include_str!("pathlib.py")),
        "fractions" => source(include_str!("fractions.py")),
        "_os" => native(os::build),
        "_iobuf" => native(iobuf::build),
        "io" => source(include_str!("io.py")),
        "os" => source(include_str!("os.py")),
        "posixpath" => source(include_str!("posixpath.py")),
        "unittest" => source(include_str!("unittest.py")),
        "tempfile" => source(include_str!("tempfile.py")),
        "_pyexpat_scan" => native(pyexpat_scan::build),
        "pyexpat" => source(include_str!("pyexpat.py")),
        "_elementtree_build" => native(elementtree_build::build),
        "_elementtree_write" => native(elementtree_write::build),
        "_elementtree_element" => native(elementtree_element::build),
        "_elementtree" => source(include_str!("_elementtree.py")),
        "xml" => package(include_str!("xml/__init__.py")),
        "xml.etree" => package(include_str!("xml/etree/__init__.py")),
        "xml.etree.ElementPath" => source(include_str!("xml/etree/ElementPath.py")),
        "xml.etree.ElementTree" => source(include_str!("xml/etree/ElementTree.py")),
        "xml.etree.cElementTree" => source(include_str!("xml/etree/cElementTree.py")),
        "xml.parsers" => package(include_str!("xml/parsers/__init__.py")),
        "xml.parsers.expat" => source(include_str!("xml/parsers/expat.py")),
        "test" => package(include_str!("test/__init__.py")),
        "test.support" => package(include_str!("test/support/__init__.py")),
        "test.support.import_helper" => source(include_str!("test/support/import_helper.py")),
        "test.support.os_helper" => source(include_str!("test/support/os_helper.py")),
        "test.support.script_helper" => source(include_str!("test/support/script_helper.py")),
        "test.support.threading_helper" => source(include_str!("test/support/threading_helper.py")),
        "test.support.warnings_helper" => source(include_str!("test/support/warnings_helper.py")),
        "_socket" => native(socket_::build),
        "socket" => source(include_str!("socket.py")),
        "selectors" => source(include_str!("selectors.py")),
        "_ssl" => native(ssl_::build),
        "ssl" => source(include_str!("ssl.py")),
        "errno" => source(include_str!("errno.py")),
        _ => None,
    }
}

/// The `builtins` module: its namespace is the builtins dict every frame falls back to, so
/// that `builtins.len` is `len` and assigning `builtins.x` makes `x` a built-in.
fn builtins_module(vm: &Vm) -> PyResult {
    let name = vm.str("builtins")?;
    for (key, value) in [("__name__", name.clone()), ("__package__", vm.str("")?)] {
        vm.dict_set(&vm.builtins, vm.intern(key), value)?;
    }
    vm.alloc(Obj::Module(Box::new((name, vm.builtins.clone()))))
}

/// True for the modules CPython builds into its executable (`sys.builtin_module_names`):
/// they are found before `sys.path`, so a file of the same name cannot shadow them.
pub fn found_before_path(name: &str) -> bool {
    BUILTIN_MODULE_NAMES.contains(&name)
}

/// `sys.builtin_module_names` of the modules pymm has, as in CPython 3.11 on Linux.
pub const BUILTIN_MODULE_NAMES: &[&str] = &["builtins", "gc", "itertools", "sys", "time"];

impl Vm {
    /// A new module with a fresh namespace.
    pub fn new_module(&self, name: &str) -> PyResult {
        let ns = self.dict()?;
        self.dict_set(&ns, self.intern("__name__"), self.str(name)?)?;
        // what CPython's module objects start with; the loader fills in the rest
        for attr in ["__doc__", "__package__", "__loader__", "__spec__"] {
            self.dict_set(&ns, self.intern(attr), self.none())?;
        }
        self.alloc(Obj::Module(Box::new((self.str(name)?, ns))))
    }

    /// The namespace dict of a module.
    pub fn module_dict(&self, module: &PyRef) -> PyRef {
        match &**module {
            Obj::Module(m) => m.1.clone(),
            _ => self.none(),
        }
    }

    /// Sets `module.name = value`.
    pub fn module_set(&self, module: &PyRef, name: &str, value: PyRef) -> PyResult<()> {
        self.dict_set(&self.module_dict(module), self.intern(name), value)
    }

    /// Adds built-in functions to a module.
    pub fn module_add_functions(
        &self,
        module: &PyRef,
        functions: &'static [BuiltinFn],
    ) -> PyResult<()> {
        for f in functions {
            let obj = self.alloc(Obj::Builtin(f))?;
            self.module_set(module, f.name, obj)?;
        }
        Ok(())
    }
}

/// pymm collection callback: `gc.callbacks` and `gc.garbage`.
pub fn gc_callback(
    _heap: &crate::rt::Heap,
    phase: crate::rt::CallbackPhase,
    info: &crate::rt::CallbackInfo,
) {
    gc::on_collection(phase, info);
}
