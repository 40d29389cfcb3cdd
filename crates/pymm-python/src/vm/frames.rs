//! Frames and code as Python sees them: `sys._getframe`, frame objects' `f_code`, `f_back`,
//! `f_lineno`, `f_globals`, and code objects (`f.__code__`), one per compiled code.
//!
//! `sys._getframe` needs the frames on the stack, which only the eval loop holds: a call of
//! it is recognised there ([`is_getframe`]) and answered by [`Vm::frame_at`]. Frames of an
//! outer loop (a Python function called back from a built-in) are beyond its reach.

use std::rc::Rc;

use super::builtin::{Args, BuiltinFn, Role};
use super::{Exc, PyResult, Vm};
use crate::objects::frame::FrameState;
use crate::objects::{Code, FrameObj};
use crate::objects::{Obj, PyRef};
use crate::rt::Gc;

/// `sys._getframe`: the eval loop answers direct calls; this runs only for other ones.
pub static GETFRAME: BuiltinFn = BuiltinFn::new("_getframe", getframe_indirect);

/// True if `callable` is `sys._getframe`.
pub fn is_getframe(callable: &PyRef) -> bool {
    matches!(&**callable, Obj::Builtin(def) if std::ptr::eq(*def, &GETFRAME))
}

/// The built-in `callable` is, when a call of it needs nothing of the calling frame (all
/// but `sys._getframe` and the [`Role::FrameReader`]s): the eval loop then invokes it
/// directly, with the arguments on its value stack, as [`Vm::call_args`] would.
#[inline]
pub fn called_in_place(callable: &PyRef) -> Option<&'static BuiltinFn> {
    match &**callable {
        Obj::Builtin(def) if def.role != Role::FrameReader && !std::ptr::eq(*def, &GETFRAME) => {
            Some(*def)
        }
        _ => None,
    }
}

/// True if `callable` is a built-in that reads its caller's globals (`globals()`, `vars()`,
/// `eval` and `exec` without a namespace): the eval loop calls it through
/// [`Vm::with_caller_globals`].
pub fn reads_caller_globals(callable: &PyRef) -> bool {
    matches!(&**callable, Obj::Builtin(def) if def.role == Role::FrameReader)
}

/// A call of `sys._getframe` from Rust (through `map`, `functools.partial`, ...) checks its
/// arguments as a direct one does, but cannot reach the frames.
fn getframe_indirect(vm: &Vm, a: Args<'_>) -> PyResult {
    if !a.kwnames.is_empty() {
        return Err(vm.type_error("_getframe() takes no keyword arguments"));
    }
    let depth = vm.getframe_depth(a.pos)?;
    if depth >= vm.depth.get() {
        return Err(vm.value_error("call stack is not deep enough"));
    }
    Err(vm.new_exc(
        Exc::RuntimeError,
        "sys._getframe() can only be called directly from Python code in pymm",
    ))
}

impl Vm {
    /// Calls the built-in `callable` (see [`reads_caller_globals`]) with the globals of `f`,
    /// the calling frame, and its locals when the call reads them (`locals()`, `dir()`,
    /// `vars()`), restoring the outer caller's afterwards (the call may run Python code that
    /// calls such a built-in again).
    pub fn with_caller_frame(&self, f: &FrameState, callable: &PyRef, args: &[PyRef]) -> PyResult {
        // eval/exec given only their source run in the caller's locals
        let reads_locals = match &**callable {
            Obj::Builtin(def) if matches!(def.name, "locals" | "dir" | "vars") => args.is_empty(),
            Obj::Builtin(def) if matches!(def.name, "eval" | "exec") => args.len() == 1,
            _ => false,
        };
        let locals = if reads_locals {
            Some(self.locals_mapping(f)?)
        } else {
            None
        };
        let outer = self.caller_globals.replace(Some(f.globals.clone()));
        let outer_locals = self.caller_locals.replace(locals);
        let result = self.call_args(callable, Args::new(args));
        *self.caller_globals.borrow_mut() = outer;
        let inner_locals = self.caller_locals.replace(outer_locals);
        drop(inner_locals);
        result
    }

    /// The locals of frame `f` as `locals()` gives them: a class body's namespace, a
    /// module's globals, or for a function a new dict of its bound local variables, then its
    /// cell and free variables, in CPython's order.
    pub fn locals_mapping(&self, f: &FrameState) -> PyResult {
        if let Some(ns) = &f.namespace {
            return Ok(ns.clone());
        }
        if f.code.kind == crate::compile::CodeKind::Module {
            return Ok(f.globals.clone());
        }
        let dict = self.dict()?;
        for (name, value) in f.code.varnames.iter().zip(&f.locals) {
            if let Some(v) = value {
                self.dict_set(&dict, name.clone(), v.clone())?;
            }
        }
        let cell_names = f.code.cellvars.iter().chain(&f.code.freevars);
        for (name, cell) in cell_names.zip(&f.cells) {
            let value = match &**cell {
                Obj::Cell(c) => c.get(),
                _ => None,
            };
            if let Some(v) = value {
                self.dict_set(&dict, name.clone(), v)?;
            }
        }
        Ok(dict)
    }

    /// The depth argument of `sys._getframe([depth])`.
    pub fn getframe_depth(&self, args: &[PyRef]) -> PyResult<usize> {
        match args {
            [] => Ok(0),
            [depth] => match depth.as_i64() {
                Some(d) => Ok(d.max(0) as usize),
                None => Err(self.not_an_integer(depth)),
            },
            _ => Err(self.type_error(format!(
                "_getframe expected at most 1 argument, got {}",
                args.len()
            ))),
        }
    }

    /// The error for a frame `depth` calls down that this loop does not hold: CPython's
    /// ValueError when the stack is not that deep, else a RuntimeError saying why pymm cannot
    /// reach it (the frame called a built-in, such as a class, that called back into Python).
    fn frame_out_of_reach(&self, depth: usize) -> super::PyErr {
        if depth >= self.depth.get() {
            return self.value_error("call stack is not deep enough");
        }
        self.new_exc(
            Exc::RuntimeError,
            "sys._getframe(): pymm cannot reach a frame beyond a call made by a built-in \
             (such as a class calling __init__)",
        )
    }

    /// The frame object `depth` calls below the running frame `f` (whose callers, innermost
    /// last, are `callers`), with `f_back` linked along the way.
    pub(super) fn frame_at(
        &self,
        f: &mut FrameState,
        callers: &mut [Box<FrameState>],
        depth: usize,
    ) -> PyResult {
        if depth > callers.len() {
            return Err(self.frame_out_of_reach(depth));
        }
        // every frame of this loop gets its object, so that f_back leads to the outermost
        let mut frames: Vec<&mut FrameState> = std::iter::once(f)
            .chain(callers.iter_mut().rev().map(|b| &mut **b))
            .collect();
        let mut objects = Vec::with_capacity(frames.len());
        for frame in frames.iter_mut() {
            let object = self.frame_obj(frame)?;
            self.refresh_frame_obj(frame, &object);
            objects.push(object);
        }
        for pair in objects.windows(2) {
            if let Obj::Frame(fo) = &*pair[0] {
                *fo.back.borrow_mut() = Some(pair[1].clone());
            }
        }
        Ok(objects.swap_remove(depth))
    }

    /// The code object showing `code`: the same object as long as one is alive.
    pub fn code_object(&self, code: &Rc<Code>) -> PyResult {
        let key = Rc::as_ptr(code) as usize;
        let cached = self
            .code_objects
            .borrow()
            .get(&key)
            .and_then(|w| w.upgrade());
        if let Some(object) = cached.filter(|o| matches!(&**o, Obj::Code(c) if Rc::ptr_eq(c, code)))
        {
            return Ok(object);
        }
        let object = self.alloc(Obj::Code(code.clone()))?;
        let mut cache = self.code_objects.borrow_mut();
        cache.retain(|_, w| w.is_alive());
        cache.insert(key, Gc::downgrade(&object));
        Ok(object)
    }

    /// A frame object's attributes.
    pub(super) fn frame_attr(&self, frame: &PyRef, key: &str) -> Option<PyResult> {
        let Obj::Frame(fo) = &**frame else {
            return None;
        };
        Some(match key {
            "f_code" => self.code_object(&fo.code),
            "f_globals" => Ok(fo.globals.clone()),
            "f_lineno" => self.new_int(i64::from(fo.line.get())),
            "f_back" => Ok(fo.back.borrow().clone().unwrap_or_else(|| self.none())),
            "f_builtins" => Ok(self.builtins.clone()),
            "f_locals" => self.frame_locals(fo),
            "f_lasti" => self.new_int(line_offset(&fo.code, fo.line.get())),
            _ => return None,
        })
    }

    /// `frame.f_locals`: a module frame's globals, else a dict of the local variables, then
    /// the cell and free variables, as they were when the frame object was last handed out
    /// (or when the frame finished).
    fn frame_locals(&self, fo: &FrameObj) -> PyResult {
        if fo.code.kind == crate::compile::CodeKind::Module {
            return Ok(fo.globals.clone());
        }
        let dict = self.dict()?;
        let values = fo.locals.borrow().clone();
        let nlocals = fo.code.varnames.len().min(values.len());
        for (name, value) in fo.code.varnames.iter().zip(&values[..nlocals]) {
            if let Some(v) = value {
                self.dict_set(&dict, name.clone(), v.clone())?;
            }
        }
        let cell_names = fo.code.cellvars.iter().chain(&fo.code.freevars);
        for (name, cell) in cell_names.zip(&values[nlocals..]) {
            let value = match cell.as_deref() {
                Some(Obj::Cell(c)) => c.get(),
                _ => None,
            };
            if let Some(v) = value {
                self.dict_set(&dict, name.clone(), v)?;
            }
        }
        Ok(dict)
    }

    /// Gives the frame object of `f` its line and a copy of the locals (and cells) now, so
    /// that `f_lineno` and `f_locals` show them.
    pub(super) fn refresh_frame_obj(&self, f: &FrameState, object: &PyRef) {
        if let Obj::Frame(fo) = &**object {
            fo.line.set(f.current_line());
            let mut values = f.locals.clone();
            values.extend(f.cells.iter().cloned().map(Some));
            let old = fo.locals.replace(values);
            drop(old);
        }
    }

    /// A traceback object's attributes: `tb_frame`, `tb_lineno`, `tb_lasti` of its
    /// outermost entry, and `tb_next`, the traceback of the entries inside it.
    pub(super) fn traceback_attr(&self, tb: &PyRef, key: &str) -> Option<PyResult> {
        let Obj::Traceback(entries) = &**tb else {
            return None;
        };
        let entries = entries.borrow().clone();
        let (frame, line) = entries.last()?.clone();
        Some(match key {
            "tb_frame" => Ok(frame),
            "tb_lineno" => self.new_int(i64::from(line)),
            "tb_lasti" => match &*frame {
                Obj::Frame(fo) => self.new_int(line_offset(&fo.code, line)),
                _ => self.new_int(-1),
            },
            "tb_next" if entries.len() > 1 => {
                let inner = entries[..entries.len() - 1].to_vec();
                self.alloc(Obj::Traceback(Box::new(std::cell::RefCell::new(inner))))
            }
            "tb_next" => Ok(self.none()),
            _ => return None,
        })
    }

    /// A code object's attributes.
    pub(super) fn code_attr(&self, code: &PyRef, key: &str) -> Option<PyResult> {
        let Obj::Code(c) = &**code else { return None };
        Some(match key {
            "co_name" => self.str(&*c.name),
            "co_qualname" => self.str(&*c.qualname),
            "co_filename" => self.str(&*c.filename),
            "co_firstlineno" => self.new_int(i64::from(c.first_line)),
            "co_argcount" => self.new_int(i64::from(c.argcount)),
            "co_flags" => self.new_int(code_flags(c)),
            "co_posonlyargcount" => self.new_int(i64::from(c.posonly)),
            "co_varnames" => self.new_tuple(c.varnames.clone()),
            "co_cellvars" => self.new_tuple(c.cellvars.clone()),
            "co_freevars" => self.new_tuple(c.freevars.clone()),
            "co_consts" => self.new_tuple(c.consts.clone()),
            "co_names" => self.new_tuple(c.names.clone()),
            _ => return None,
        })
    }
}

/// `co_flags` as CPython sets them: OPTIMIZED | NEWLOCALS for functions, VARARGS,
/// VARKEYWORDS, GENERATOR, COROUTINE, ITERABLE_COROUTINE, ASYNC_GENERATOR.
fn code_flags(c: &crate::objects::Code) -> i64 {
    let mut flags = 0;
    if c.kind == crate::compile::CodeKind::Function {
        flags |= 0x1 | 0x2;
    }
    if c.varargs {
        flags |= 0x4;
    }
    if c.varkw {
        flags |= 0x8;
    }
    if !c.freevars.is_empty() {
        flags |= 0x10;
    }
    flags |= match (c.is_async, c.is_generator) {
        (false, true) => 0x20,
        (true, false) => 0x80,
        (true, true) => 0x200,
        (false, false) => 0,
    };
    if c.iterable_coroutine.get() {
        flags |= 0x100;
    }
    flags
}

/// The offset (in 2-byte code units, as CPython counts `f_lasti`) of the first instruction
/// of `line` in `code`: pymm's frames keep lines, not instruction offsets.
fn line_offset(code: &Code, line: u32) -> i64 {
    code.lines
        .iter()
        .position(|&l| l == line)
        .map_or(-1, |i| 2 * i as i64)
}
