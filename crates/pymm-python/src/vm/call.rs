//! Calling: argument binding into a new frame, class instantiation, generators.

use std::rc::Rc;

use smallvec::SmallVec;

use super::builtin::Args;
use super::{Exc, PyErr, PyResult, Vm};
use crate::objects::cell::CellObj;
use crate::objects::class::TypeKind;
use crate::objects::frame::Exit;
use crate::objects::frame::FrameState;

use crate::objects::{ClassObj, Code, FunctionObj, Obj, PyRef};

/// Keywords [`keyword_slots`] binds at most (a call with more takes the general path).
pub const MAX_FAST_KEYWORDS: usize = 8;

/// The local slot of each of `kwnames` in a call of `code` (with `ndefaults` defaults)
/// given `npos` positional values, when the call binds without anything but positional
/// parameters: no `*args`, `**kwargs` or keyword-only parameter, each keyword the name of a
/// positional parameter that is not positional-only and not given already, and every
/// parameter without a default given. None for any other call, which the general binding
/// takes (and gives the error of, if it is one).
pub fn keyword_slots(
    code: &crate::objects::Code,
    npos: usize,
    kwnames: &[PyRef],
    ndefaults: usize,
) -> Option<SmallVec<[u8; MAX_FAST_KEYWORDS]>> {
    let argcount = code.argcount as usize;
    if code.varargs
        || code.varkw
        || code.kwonly != 0
        || kwnames.len() > MAX_FAST_KEYWORDS
        || npos > argcount
        || argcount > 63
        || ndefaults > argcount
    {
        return None;
    }
    let mut bound: u64 = (1 << npos) - 1;
    let mut slots = SmallVec::new();
    let named = &code.varnames[code.posonly as usize..argcount];
    for name in kwnames {
        let at = named
            .iter()
            .position(|n| crate::rt::Gc::ptr_eq(n, name) || n.as_str() == name.as_str())?;
        let slot = at + code.posonly as usize;
        if bound & (1 << slot) != 0 {
            return None;
        }
        bound |= 1 << slot;
        slots.push(u8::try_from(slot).ok()?);
    }
    let required: u64 = (1 << (argcount - ndefaults)) - 1;
    (bound & required == required).then_some(slots)
}

/// What calling a built-in type runs (CPython's `tp_new`): the VM, the class called (the
/// type itself, or a subclass whose built-in value is being made) and the arguments.
pub type Constructor = fn(&Vm, &PyRef, Args<'_>) -> PyResult;

impl Vm {
    /// Calls `callable` with positional arguments (re-entering the VM for Python code).
    pub fn call(&self, callable: &PyRef, args: &[PyRef]) -> PyResult {
        self.call_args(callable, Args::new(args))
    }

    /// Calls `callable` with positional and keyword arguments.
    pub fn call_args(&self, callable: &PyRef, args: Args<'_>) -> PyResult {
        match &**callable {
            Obj::Builtin(def) => def.invoke(self, args),
            Obj::BoundBuiltin(pair) => {
                let with_self = prepend(&pair.0, args.pos);
                pair.1.invoke(
                    self,
                    Args {
                        pos: &with_self,
                        ..args
                    },
                )
            }
            Obj::Function(func) => {
                let mut all: Vec<PyRef> = args.pos.to_vec();
                all.extend(args.kwvals.iter().cloned());
                let frame = self.bind_frame(func, all, args.kwnames)?;
                self.run_function_frame(frame)
            }
            Obj::Method(pair) => {
                let with_self = prepend(&pair.1, args.pos);
                self.call_args(
                    &pair.0,
                    Args {
                        pos: &with_self,
                        ..args
                    },
                )
            }
            Obj::Class(c) => match c
                .metaclass
                .as_ref()
                .and_then(|meta| self.class_lookup(meta, "__call__"))
                .filter(|f| matches!(&**f, Obj::Function(_)))
            {
                // a metaclass's own __call__ decides what calling the class does
                Some(call) => {
                    let with_cls = prepend(callable, args.pos);
                    self.call_args(
                        &call,
                        Args {
                            pos: &with_cls,
                            ..args
                        },
                    )
                }
                None => self.instantiate(callable, args),
            },
            Obj::Instance(_) => match self.user_method(callable, "__call__") {
                Some(call) => {
                    let with_self = prepend(callable, args.pos);
                    self.call_args(
                        &call,
                        Args {
                            pos: &with_self,
                            ..args
                        },
                    )
                }
                // an instance of a subclass of weakref.ref calls as the reference it extends
                None => match self.base_value(callable) {
                    Some(base) if matches!(&**base, Obj::WeakRef(_)) => self.call_args(base, args),
                    _ => Err(self.not_callable(callable)),
                },
            },
            Obj::StaticMethod(f) => self.call_args(f, args),
            Obj::WeakRef(w) => {
                let target = w.target.borrow().as_ref().and_then(|t| t.upgrade());
                Ok(target.unwrap_or_else(|| self.none()))
            }
            _ => Err(self.not_callable(callable)),
        }
    }

    /// `callable(obj)`.
    pub fn is_callable(&self, obj: &PyRef) -> bool {
        match &**obj {
            Obj::Function(_)
            | Obj::Method(_)
            | Obj::Builtin(_)
            | Obj::BoundBuiltin(_)
            | Obj::Class(_)
            | Obj::WeakRef(_) => true,
            Obj::Instance(_) => {
                self.user_method(obj, "__call__").is_some()
                    || self
                        .base_value(obj)
                        .is_some_and(|b| matches!(&**b, Obj::WeakRef(_)))
            }
            _ => false,
        }
    }

    fn not_callable(&self, obj: &PyRef) -> PyErr {
        self.type_error(format!("'{}' object is not callable", self.type_name(obj)))
    }

    /// Runs a bound frame: a generator object for generator functions, else the result.
    pub fn run_function_frame(&self, frame: Box<FrameState>) -> PyResult {
        if frame.code.makes_generator() {
            return self.new_generator(frame);
        }
        match self.run_frame(frame, None)? {
            Exit::Return(v) => Ok(v),
            Exit::Yield(_, _) => Err(self.new_exc(Exc::RuntimeError, "yield outside a generator")),
        }
    }

    /// Binds arguments (positionals then keyword values in `args`) into a new frame.
    pub fn bind_frame(
        &self,
        func: &FunctionObj,
        mut args: Vec<PyRef>,
        kwnames: &[PyRef],
    ) -> PyResult<Box<FrameState>> {
        let mut frame = self.blank_frame(func);
        if kwnames.is_empty()
            && frame
                .code
                .binds_positionally(args.len(), func.ndefaults(&frame.code))
        {
            frame.locals.extend(args.into_iter().map(Some));
        } else {
            let kwvals = args.split_off(args.len() - kwnames.len());
            frame.locals = self.bind_complex(func, args, kwnames, kwvals)?;
        }
        self.frame_with(func, frame)
    }

    /// Binds a call with keywords into `frame` (from [`Vm::blank_frame`]), where
    /// [`keyword_slots`] found the slot of each keyword (`slots`, one per keyword value on
    /// top of `stack`) and that every parameter without a default is given: `self_arg` and
    /// the positional values of `stack` from `start` to the first slots, the keyword values
    /// to theirs, defaults to the rest, all taken off `stack`. No vector is made, where the
    /// general binding ([`Vm::bind_frame`]) collects the arguments, splits off the keyword
    /// values and makes the local slots apart: about 1 000 instructions a call
    /// (`square.find(update=True)` in go).
    pub(super) fn bind_keywords_from_stack(
        &self,
        func: &FunctionObj,
        mut frame: Box<FrameState>,
        self_arg: Option<PyRef>,
        stack: &mut Vec<PyRef>,
        start: usize,
        slots: &[u8],
    ) -> PyResult<Box<FrameState>> {
        let code = &frame.code;
        let defaults = func.defaults_for(code);
        let locals = &mut frame.locals;
        locals.resize(code.varnames.len(), None);
        let kw_start = stack.len() - slots.len();
        for (slot, value) in slots.iter().zip(stack.drain(kw_start..)) {
            locals[usize::from(*slot)] = Some(value);
        }
        let first = usize::from(self_arg.is_some());
        if let Some(receiver) = self_arg {
            locals[0] = Some(receiver);
        }
        for (i, value) in stack.drain(start..).enumerate() {
            locals[first + i] = Some(value);
        }
        let argcount = code.argcount as usize;
        let first_default = argcount - defaults.len();
        for (local, default) in locals[first_default..argcount]
            .iter_mut()
            .zip(&defaults[..])
        {
            if local.is_none() {
                *local = Some(default.clone());
            }
        }
        self.frame_with(func, frame)
    }

    /// An empty frame of `func` at its first instruction, from the frame pool when it keeps
    /// one: its local slots are to be filled with the arguments, then [`Vm::frame_with`]
    /// completes it.
    #[inline]
    pub fn blank_frame(&self, func: &FunctionObj) -> Box<FrameState> {
        self.blank_frame_of(func.code(), func)
    }

    /// [`Vm::blank_frame`] for `code`, the function's code the caller has read already.
    #[inline]
    pub fn blank_frame_of(&self, code: Rc<Code>, func: &FunctionObj) -> Box<FrameState> {
        let Some(mut frame) = self.frame_pool.take() else {
            return FrameState::empty(code, func.globals.clone());
        };
        frame.code = code;
        frame.globals = func.globals.clone();
        frame.ip = 0;
        frame.returns_init = false;
        frame
    }

    /// Completes `frame`, a frame of `func` (from [`Vm::blank_frame`]) whose arguments are
    /// bound already, in its first local slots, except for trailing parameters that take
    /// their default values (as [`Code::binds_positionally`] allows): fills those, makes its
    /// cells and the rest of its local slots.
    ///
    /// [`Code::binds_positionally`]: crate::compile::Code::binds_positionally
    pub fn frame_with(
        &self,
        func: &FunctionObj,
        mut frame: Box<FrameState>,
    ) -> PyResult<Box<FrameState>> {
        let code = &frame.code;
        let (given, argcount) = (frame.locals.len(), code.argcount as usize);
        let (cells, nlocals) = (!code.cellvars.is_empty(), code.varnames.len());
        if given < argcount {
            debug_assert!(
                given + func.ndefaults(code) >= argcount,
                "frame_with: an argument is missing"
            );
            func.put_defaults(code, given, &mut frame.locals);
        }
        if cells || func.closure.is_some() {
            self.make_cells(func, &mut frame)?;
        }
        if frame.locals.len() < nlocals {
            frame.locals.resize(nlocals, None);
        }
        Ok(frame)
    }

    /// The cells of a new frame of `func`: its cell variables (a parameter's moved from its
    /// local slot), then the closure's.
    fn make_cells(&self, func: &FunctionObj, frame: &mut FrameState) -> PyResult<()> {
        let code = &frame.code;
        frame
            .cells
            .reserve(code.cellvars.len() + code.freevars.len());
        for i in 0..code.cellvars.len() {
            let initial = code
                .cell_params
                .iter()
                .find(|(ci, _)| *ci as usize == i)
                .and_then(|(_, slot)| frame.locals.get_mut(*slot as usize).and_then(Option::take));
            let cell = self.alloc(Obj::Cell(CellObj::new(initial)))?;
            frame.cells.push(cell);
        }
        if let Some(closure) = &func.closure {
            if let Obj::Tuple(items) = &**closure {
                frame.cells.extend(items.iter().cloned());
            }
        }
        Ok(())
    }

    fn bind_complex(
        &self,
        func: &FunctionObj,
        pos: Vec<PyRef>,
        kwnames: &[PyRef],
        kwvals: Vec<PyRef>,
    ) -> PyResult<Vec<Option<PyRef>>> {
        let code = &func.code();
        // CPython 3.11 names the function by its qualified name in these errors
        let name = &code.qualname;
        let argcount = code.argcount as usize;
        let kwonly = code.kwonly as usize;
        let mut locals: Vec<Option<PyRef>> = vec![None; code.varnames.len()];
        let given = pos.len();
        let mut extra = Vec::new();
        for (i, v) in pos.into_iter().enumerate() {
            if i < argcount {
                locals[i] = Some(v);
            } else {
                extra.push(v);
            }
        }
        let mut slot = argcount + kwonly;
        if code.varargs {
            locals[slot] = Some(self.new_tuple(extra)?);
            slot += 1;
        } else if !extra.is_empty() {
            let s = if argcount == 1 { "" } else { "s" };
            let was = if given == 1 { "was" } else { "were" };
            let defaults = func.defaults_for(code).len();
            let takes = match defaults {
                0 => argcount.to_string(),
                _ => format!("from {} to {argcount}", argcount - defaults),
            };
            return Err(self.type_error(format!(
                "{name}() takes {takes} positional argument{s} but {given} {was} given"
            )));
        }
        let varkw = if code.varkw { Some(self.dict()?) } else { None };
        if let Some(d) = &varkw {
            locals[slot] = Some(d.clone());
        }
        for (k, v) in kwnames.iter().zip(kwvals) {
            let key = k.as_str().unwrap_or("");
            let found = code.varnames[code.posonly as usize..argcount + kwonly]
                .iter()
                .position(|n| n.as_str() == Some(key))
                .map(|p| p + code.posonly as usize);
            match (found, &varkw) {
                (Some(i), _) if locals[i].is_some() => {
                    return Err(self
                        .type_error(format!("{name}() got multiple values for argument '{key}'")))
                }
                (Some(i), _) => locals[i] = Some(v),
                (None, Some(d)) => self.dict_set(d, k.clone(), v)?,
                (None, None) => {
                    return Err(self.type_error(format!(
                        "{name}() got an unexpected keyword argument '{key}'"
                    )))
                }
            }
        }
        self.fill_defaults(func, code, &mut locals)?;
        Ok(locals)
    }

    fn fill_defaults(
        &self,
        func: &FunctionObj,
        code: &Code,
        locals: &mut [Option<PyRef>],
    ) -> PyResult<()> {
        let argcount = code.argcount as usize;
        let defaults = func.defaults_for(code);
        let first_default = argcount - defaults.len();
        let mut missing = Vec::new();
        for (i, local) in locals.iter_mut().enumerate().take(argcount) {
            if local.is_none() {
                if i >= first_default {
                    *local = Some(defaults[i - first_default].clone());
                } else {
                    missing.push(format!("'{}'", code.varnames[i].as_str().unwrap_or("")));
                }
            }
        }
        if !missing.is_empty() {
            let n = missing.len();
            let list = join_names(&missing);
            let s = if n == 1 { "" } else { "s" };
            return Err(self.type_error(format!(
                "{}() missing {n} required positional argument{s}: {list}",
                code.qualname
            )));
        }
        for (i, local) in locals
            .iter_mut()
            .enumerate()
            .skip(argcount)
            .take(code.kwonly as usize)
        {
            if local.is_none() {
                let name = code.varnames[i].clone();
                let default = match &func.kwdefaults() {
                    Some(d) => self.dict_get(d, &name)?,
                    None => None,
                };
                match default {
                    Some(d) => *local = Some(d),
                    None => {
                        return Err(self.type_error(format!(
                            "{}() missing 1 required keyword-only argument: '{}'",
                            code.qualname,
                            name.as_str().unwrap_or("")
                        )))
                    }
                }
            }
        }
        Ok(())
    }

    /// `cls(*args)`: `__new__` makes the instance (the default allocates it), then, if it is an
    /// instance of `cls`, `__init__` initialises it.
    pub fn instantiate(&self, cls: &PyRef, args: Args<'_>) -> PyResult {
        let errno_class = self.errno_subclass(cls, args.pos);
        let cls = errno_class.as_ref().unwrap_or(cls);
        if let Some(result) = self.construct_builtin(cls, args) {
            return result;
        }
        let inst = match self.user_new(cls) {
            Some(new) => {
                let with_cls = prepend(cls, args.pos);
                let inst = self.call_args(
                    &new,
                    Args {
                        pos: &with_cls,
                        ..args
                    },
                )?;
                if !self.is_subclass(&self.type_of(&inst), cls) {
                    return Ok(inst);
                }
                inst
            }
            None => self.allocate_instance(cls, args)?,
        };
        self.run_init(cls, &inst, args)?;
        Ok(inst)
    }

    /// `cls(*args)` for a built-in type: what its constructor makes, or CPython's TypeError
    /// for one that cannot be instantiated from Python; None for a class of user code.
    fn construct_builtin(&self, cls: &PyRef, args: Args<'_>) -> Option<PyResult> {
        let Obj::Class(c) = &**cls else {
            return None;
        };
        if let Some(construct) = self.constructor(cls) {
            return Some(construct(self, cls, args));
        }
        (c.kind == TypeKind::Builtin)
            .then(|| Err(self.type_error(format!("cannot create '{}' instances", c.name))))
    }

    /// Makes `constructor` the slot that calling the built-in type `class` runs.
    pub fn set_constructor(&self, class: &PyRef, constructor: Constructor) {
        let Obj::Class(c) = &**class else {
            panic!("set_constructor: {} is not a class", self.type_name(class));
        };
        let mut table = self.constructors.borrow_mut();
        table.push(constructor);
        let index = u8::try_from(table.len()).expect("at most 255 built-in constructors");
        c.constructor.set(index);
    }

    /// The constructor registered for the built-in type `class`, if any.
    pub fn constructor(&self, class: &PyRef) -> Option<Constructor> {
        let Obj::Class(c) = &**class else {
            return None;
        };
        let index = usize::from(c.constructor.get()).checked_sub(1)?;
        self.constructors.borrow().get(index).copied()
    }

    /// The `__init__` that calling `cls` runs, when the rest of the call is only allocating a
    /// plain instance: a class of user code with no metaclass, no `__new__` of its own, no
    /// built-in base value, not an exception, whose `__init__` is a plain Python function.
    /// The eval loop then makes the instance ([`Vm::new_instance`]) and runs `__init__` as
    /// one of its frames, as [`Vm::instantiate`] would through a call from Rust.
    pub(super) fn plain_init(&self, cls: &PyRef) -> Option<PyRef> {
        let Obj::Class(c) = &**cls else {
            return None;
        };
        let extends_builtin = c.flags.get() & ClassObj::EXTENDS_BUILTIN != 0;
        if c.kind == TypeKind::Builtin || c.metaclass.is_some() || extends_builtin {
            return None;
        }
        if self.user_new(cls).is_some() {
            return None;
        }
        let init = self.class_lookup(cls, "__init__")?;
        let plain = matches!(&*init, Obj::Function(f) if !f.code().makes_generator());
        (plain && !self.is_subclass(cls, self.types.exc(Exc::BaseException))).then_some(init)
    }

    /// What a class call whose `__init__` ran in the eval loop gives: the instance, once
    /// `__init__` returned None.
    pub(super) fn init_result(&self, instance: PyRef, returned: &PyRef) -> PyResult {
        if !self.is_none(returned) {
            return Err(self.type_error(format!(
                "__init__() should return None, not '{}'",
                self.type_name(returned)
            )));
        }
        Ok(instance)
    }

    /// A `__new__` defined by user code for `cls` (the default one only allocates).
    fn user_new(&self, cls: &PyRef) -> Option<PyRef> {
        let flags = match &**cls {
            Obj::Class(c) => c.flags.get(),
            _ => 0,
        };
        if flags & crate::objects::ClassObj::USER_NEW == 0 {
            return None;
        }
        match &*self.class_lookup(cls, "__new__")? {
            Obj::StaticMethod(f) if matches!(&**f, Obj::Function(_)) => Some(f.clone()),
            Obj::StaticMethod(f) if super::exception_group::is_group_new(f) => Some(f.clone()),
            _ => None,
        }
    }

    /// `OSError(errno, strerror, ...)` called on OSError itself makes the subclass CPython
    /// picks for the errno (`OSError(111, "...")` is a ConnectionRefusedError), as
    /// `OSError.__new__` does; None for every other call.
    fn errno_subclass(&self, cls: &PyRef, args: &[PyRef]) -> Option<PyRef> {
        let os_error = self.types.exc(Exc::OSError);
        if !crate::rt::Gc::ptr_eq(cls, os_error) || !(2..=5).contains(&args.len()) {
            return None;
        }
        let errno = i32::try_from(args[0].as_i64()?).ok()?;
        match Exc::for_errno(errno) {
            Exc::OSError => None,
            kind => Some(self.types.exc(kind).clone()),
        }
    }

    /// `object.__new__(cls, *args)`: a new instance of `cls`. An instance of a subclass of a
    /// built-in type gets its built-in value (see [`super::type_new::new_base_value`]);
    /// an exception keeps its arguments.
    pub fn allocate_instance(&self, cls: &PyRef, args: Args<'_>) -> PyResult {
        let base = extends_builtin(cls)
            .then(|| super::type_new::builtin_ancestor(cls))
            .flatten();
        if base
            .as_ref()
            .is_some_and(|b| crate::rt::Gc::ptr_eq(b, &self.types.type_))
        {
            // calling a metaclass: its instances are classes
            let with_cls = prepend(cls, args.pos);
            return super::type_new::type_new(
                self,
                Args {
                    pos: &with_cls,
                    ..args
                },
            );
        }
        let base_value = match base {
            Some(base) => Some(super::type_new::new_base_value(self, cls, &base, args)?),
            None => None,
        };
        let inst = self.new_instance(cls, base_value)?;
        self.adopt_weakref(&inst);
        crate::objects::property::init_subclass_instance(self, &inst)?;
        if crate::rt::Gc::ptr_eq(cls, &self.types.object) {
            // `object()` can hold no reference (it has no `__dict__`): not tracked, as in CPython
            crate::rt::Gc::untrack(&inst);
        }
        if self.is_subclass(cls, self.types.exc(Exc::BaseException)) {
            let tuple = self.new_tuple(args.pos.to_vec())?;
            self.instance_set(&inst, &self.intern("args"), tuple)?;
            if self.is_subclass(cls, self.types.exc(Exc::OSError)) {
                self.os_error_init(&inst, args.pos)?;
            }
        }
        Ok(inst)
    }

    /// Runs a user-defined `__init__` on a new instance. Without one, arguments are an error
    /// unless something else took them (a built-in base value, an exception, a `__new__`).
    fn run_init(&self, cls: &PyRef, inst: &PyRef, args: Args<'_>) -> PyResult<()> {
        let init = self.class_lookup(cls, "__init__");
        match init {
            Some(init) if matches!(&*init, Obj::Function(_)) => {
                let with_self = prepend(inst, args.pos);
                let result = self.call_args(
                    &init,
                    Args {
                        pos: &with_self,
                        ..args
                    },
                )?;
                self.init_result(inst.clone(), &result)?;
            }
            _ if !args.pos.is_empty() || !args.kwnames.is_empty() => {
                let takes_args = extends_builtin(cls)
                    || self.user_new(cls).is_some()
                    || self.is_subclass(cls, self.types.exc(Exc::BaseException));
                if !takes_args {
                    return Err(
                        self.type_error(format!("{}() takes no arguments", self.class_name(cls)))
                    );
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// `[first] + rest`, on the stack for the usual small argument counts.
pub fn prepend(first: &PyRef, rest: &[PyRef]) -> SmallVec<[PyRef; 6]> {
    let mut v = SmallVec::with_capacity(rest.len() + 1);
    v.push(first.clone());
    v.extend(rest.iter().cloned());
    v
}

fn join_names(names: &[String]) -> String {
    match names.len() {
        1 => names[0].clone(),
        2 => format!("{} and {}", names[0], names[1]),
        _ => {
            let (last, head) = names.split_last().unwrap_or((&names[0], &[]));
            format!("{}, and {}", head.join(", "), last)
        }
    }
}

/// Whether instances of `class` extend a built-in value.
fn extends_builtin(class: &PyRef) -> bool {
    matches!(&**class, Obj::Class(c) if c.flags.get() & crate::objects::ClassObj::EXTENDS_BUILTIN != 0)
}
