//! The evaluation loop.
//!
//! Python-to-Python calls push a frame on this loop's own frame list instead of recursing on
//! the Rust stack; only calls made from Rust (special methods run by built-ins, `__init__`,
//! finalizers, generator resumption) enter a new loop. Both count toward the recursion limit.

use std::rc::Rc;

use super::builtin::Args;
use super::fast_ops::{self, store_subscr_fast};
use super::{Exc, PyErr, PyResult, Vm};
use crate::compile::{CodeKind, Instr};
use crate::objects::frame::{Block, Exit, FrameState, Step};
use crate::objects::{FrameObj, Obj, PyRef};
use crate::rt::Gc;

/// What an instruction asks the loop to do next.
enum Flow {
    Next,
    /// Push this new frame (a Python call). Boxed, so that every step's result stays small.
    Call(Box<FrameState>),
    Return(PyRef),
    Yield(PyRef),
    /// `sys._getframe(depth)`: the loop, which holds the callers, answers it.
    GetFrame(usize),
}

impl Vm {
    /// Enters one more Python frame, or raises RecursionError (also when the Rust stack,
    /// used by calls made from Rust, runs low).
    pub fn enter_frame(&self) -> PyResult<()> {
        if crate::stack::stack_is_low() {
            return Err(self.recursion_error());
        }
        self.enter_loop_frame()
    }

    /// [`Vm::enter_frame`] for a frame this loop pushes on its own frame list: it takes no
    /// Rust stack, so only the recursion limit is checked.
    #[inline]
    fn enter_loop_frame(&self) -> PyResult<()> {
        let depth = self.depth.get() + 1;
        if depth > self.recursion_limit.get() {
            return Err(self.recursion_error());
        }
        self.depth.set(depth);
        Ok(())
    }

    /// The RecursionError of a frame entered past the limit (or of a Rust stack running low).
    #[cold]
    pub(super) fn recursion_error(&self) -> PyErr {
        self.new_exc(Exc::RecursionError, "maximum recursion depth exceeded")
    }

    /// Runs `body` one recursion level deeper, or raises CPython's RecursionError
    /// ("maximum recursion depth exceeded" + `context`) when the limit or the stack is
    /// reached, as `Py_EnterRecursiveCall` does for C code that recurses (json, pickle).
    pub fn nested_call<T>(&self, context: &str, body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
        let depth = self.depth.get() + 1;
        if depth > self.recursion_limit.get() || crate::stack::stack_is_low() {
            return Err(self.new_exc(
                Exc::RecursionError,
                format!("maximum recursion depth exceeded{context}"),
            ));
        }
        self.depth.set(depth);
        let result = body();
        self.leave_frame();
        result
    }

    /// Leaves a Python frame.
    pub fn leave_frame(&self) {
        self.depth.set(self.depth.get().saturating_sub(1));
    }

    /// Runs `frame` (and every Python call it makes) to its end or first yield. With
    /// `throw`, the exception is raised at the frame's current instruction first.
    ///
    /// One loop for runs with and without `--report`: the loop publishes the instruction
    /// it runs into the VM's [`Position`](super::trail::Position) either way, and tells the
    /// VM's trail, if there is one, about the frames it enters and leaves (see
    /// [`super::trail`]). Never inlined: left to itself the compiler would put a copy of
    /// the loop into each caller (generator resumption), each at its own address.
    #[inline(never)]
    pub fn run_frame(&self, frame: Box<FrameState>, throw: Option<PyErr>) -> PyResult<Exit> {
        self.enter_frame()?;
        if let Some(trail) = self.trail.get() {
            trail.enter(&frame.code, frame.ip, &self.position);
        }
        let mut callers: Vec<Box<FrameState>> = Vec::new();
        let mut f = frame;
        let mut pending = throw;
        loop {
            let result = match pending.take() {
                Some(err) => Err(err),
                None => self.run_steps(&mut f),
            };
            match result {
                Ok(Flow::Next) => {}
                Ok(Flow::Call(new)) => {
                    if let Err(e) = self.enter_loop_frame() {
                        pending = Some(e);
                        continue;
                    }
                    if let Some(trail) = self.trail.get() {
                        trail.enter(&new.code, new.ip, &self.position);
                    }
                    callers.push(std::mem::replace(&mut f, new));
                }
                Ok(Flow::Return(value)) => {
                    self.leave_frame();
                    if let Some(trail) = self.trail.get() {
                        trail.leave(&self.position);
                    }
                    let Some(caller) = callers.pop() else {
                        debug_assert!(!f.returns_init, "an __init__ frame has a caller");
                        self.retire(f);
                        return Ok(Exit::Return(value));
                    };
                    let finished = std::mem::replace(&mut f, caller);
                    if finished.returns_init {
                        self.retire(finished);
                        let instance = f.stack.pop().expect("the instance waits for its __init__");
                        match self.init_result(instance, &value) {
                            Ok(instance) => f.push(instance),
                            Err(e) => pending = Some(e),
                        }
                        continue;
                    }
                    self.retire(finished);
                    f.push(value);
                }
                Ok(Flow::GetFrame(depth)) => match self.frame_at(&mut f, &mut callers, depth) {
                    Ok(frame) => f.push(frame),
                    Err(e) => pending = Some(e),
                },
                Ok(Flow::Yield(value)) => {
                    self.leave_frame();
                    if let Some(trail) = self.trail.get() {
                        trail.leave(&self.position);
                    }
                    return Ok(Exit::Yield(value, f));
                }
                Err(err) => {
                    let err = match self.handle_error(&mut f, err) {
                        Ok(()) => continue,
                        Err(err) => err,
                    };
                    self.leave_frame();
                    if let Some(trail) = self.trail.get() {
                        trail.leave(&self.position);
                    }
                    let Some(caller) = callers.pop() else {
                        self.retire(f);
                        return Err(err);
                    };
                    self.retire(std::mem::replace(&mut f, caller));
                    pending = Some(err);
                }
            }
        }
    }

    /// Runs `f`'s instructions until one asks the loop for more than the next one (a call,
    /// a return, an error...): the loop's fast path, with no pending error to look at.
    /// The instruction is published wherever it may allocate, call or end an object (the
    /// quick steps that may; every instruction past them).
    #[inline(always)]
    fn run_steps(&self, f: &mut FrameState) -> PyResult<Flow> {
        loop {
            self.position.started(f.ip);
            if self.quick_step(f)? {
                continue;
            }
            self.position.publish(f.ip);
            // a Python call or a return: the loop pushes or pops a frame, with no call of
            // `step` (whose prologue and epilogue cost each about 30 instructions)
            match f.code.instrs[f.ip as usize] {
                Instr::Call(n) => {
                    if let Some(frame) = self.quick_call(f, n as usize, false) {
                        return Ok(Flow::Call(frame));
                    }
                }
                Instr::CallMethod(n) => {
                    if let Some(frame) = self.quick_call(f, n as usize, true) {
                        return Ok(Flow::Call(frame));
                    }
                }
                Instr::Return => {
                    f.ip += 1;
                    return Ok(Flow::Return(pop(f)));
                }
                _ => {}
            }
            match self.step(f) {
                Ok(Flow::Next) => {}
                other => return other,
            }
        }
    }

    /// `FOR_ITER` (`f.ip` past it): the iterator's next item pushed, or the iterator popped
    /// and a jump to `end` once it is exhausted.
    #[inline(always)]
    fn for_iter(&self, f: &mut FrameState, end: u32) -> PyResult<()> {
        match self.for_iter_next(top(f), store_target(f))? {
            Some(v) => f.push(v),
            None => {
                drop(pop(f));
                f.ip = end;
            }
        }
        Ok(())
    }

    /// `CALL` / `CALL_METHOD` at `f.ip` with `argc` arguments of a built-in called in place
    /// (`len(x)`, `items.append(v)`, `d.get(k)`: PEP 659's `CALL_BUILTIN_O` /
    /// `CALL_METHOD_DESCRIPTOR` family), run without [`Vm::step`], whose prologue and
    /// epilogue (its largest arms' registers and stack space) cost each call about 40
    /// instructions: true, or false, running nothing, for another callable.
    #[inline(always)]
    fn call_in_place(&self, f: &mut FrameState, argc: usize, method: bool) -> PyResult<bool> {
        let len = f.stack.len();
        let mut start = len - argc;
        let func_pos = if method { start - 2 } else { start - 1 };
        let Some(def) = crate::vm::frames::called_in_place(&f.stack[func_pos]) else {
            return Ok(false);
        };
        if method && !matches!(&*f.stack[start - 1], Obj::Null) {
            start -= 1;
        }
        f.ip += 1;
        let result = def.invoke(self, Args::new(&f.stack[start..]));
        f.stack.truncate(func_pos);
        f.push(result?);
        Ok(true)
    }

    /// `CALL` / `CALL_METHOD` at `f.ip` with `argc` arguments of a Python function (a
    /// method's `self` counted) whose code [takes exactly] that many, or fewer with
    /// [defaults] for the rest (PEP 659's `CALL_PY_EXACT_ARGS`, `CALL_PY_WITH_DEFAULTS`):
    /// the new frame, the arguments moved into its local slots, the defaults after them,
    /// and the callable popped; None, running nothing, for any other call. What the
    /// general path ([`Vm::push_function_frame`]) would also do has nothing to do here: no
    /// keyword, cell or generator.
    ///
    /// [takes exactly]: crate::compile::Code::takes_exactly
    /// [defaults]: crate::compile::Code::takes_with_defaults
    #[inline(always)]
    fn quick_call(&self, f: &mut FrameState, argc: usize, method: bool) -> Option<Box<FrameState>> {
        let len = f.stack.len();
        let mut start = len - argc;
        let func_pos = if method { start - 2 } else { start - 1 };
        if method && !matches!(&*f.stack[start - 1], Obj::Null) {
            // the receiver `LOAD_METHOD` left above the function is the first argument
            start -= 1;
        }
        let given = len - start;
        let (mut frame, with_defaults) = {
            let Obj::Function(func) = &*f.stack[func_pos] else {
                return None;
            };
            // read once: the call runs the code the function holds now
            let code = func.code();
            let with_defaults = if code.takes_exactly(given) {
                false
            } else if code.takes_with_defaults(given, func.ndefaults(&code)) {
                true
            } else {
                return None;
            };
            (self.blank_frame_of(code, func), with_defaults)
        };
        // the frame holds the code and globals it runs with: the function itself may go
        let nlocals = frame.code.varnames.len();
        frame.bind_from_stack(None, &mut f.stack, start, nlocals);
        if with_defaults {
            // the defaults are put in once the arguments have left the stack, from the
            // function still below them
            if let Obj::Function(func) = &*f.stack[func_pos] {
                func.put_defaults(&frame.code, given, &mut frame.locals);
            }
        }
        f.stack.truncate(func_pos);
        f.ip += 1;
        Some(frame)
    }

    /// A frame leaves the stack: if a traceback still holds its frame object, the locals
    /// move there (so the exception keeps them alive, as in CPython).
    fn retire(&self, mut f: Box<FrameState>) {
        if let Some(fo) = f.frame_obj.take() {
            if Gc::ref_count(&fo) > 1 {
                if let Obj::Frame(frame) = &*fo {
                    frame.line.set(f.current_line());
                    let mut locals = std::mem::take(&mut f.locals);
                    locals.extend(f.cells.drain(..).map(Some));
                    *frame.locals.borrow_mut() = locals;
                }
            }
        }
        self.frame_pool.give_back(f, self.none());
    }

    /// The frame object of `f`, made on first use.
    pub(super) fn frame_obj(&self, f: &mut FrameState) -> PyResult {
        if let Some(fo) = &f.frame_obj {
            return Ok(fo.clone());
        }
        let fo = self.alloc(Obj::Frame(Box::new(FrameObj {
            code: f.code.clone(),
            globals: f.globals.clone(),
            locals: std::cell::RefCell::new(Vec::new()),
            back: std::cell::RefCell::new(None),
            line: std::cell::Cell::new(f.current_line()),
        })))?;
        f.frame_obj = Some(fo.clone());
        Ok(fo)
    }

    /// Records the frame in the traceback and jumps to the innermost handler, or gives the
    /// error back when the frame has none.
    fn handle_error(&self, f: &mut FrameState, err: PyErr) -> Result<(), PyErr> {
        let exc = err.0;
        let reraised = self.reraised.replace(0) == self.addr(&exc);
        if !reraised && !Gc::ptr_eq(&exc, &self.memory_error) {
            if let Ok(fo) = self.frame_obj(f) {
                let _ = self.add_traceback(&exc, fo, f.current_line());
            }
        }
        self.set_context(&exc);
        while let Some(block) = f.blocks.pop() {
            if block.is_handler {
                let old = self.exc_stack.borrow_mut().pop();
                drop(old);
                continue;
            }
            let dropped = f.stack.split_off(block.depth as usize);
            drop(dropped);
            f.blocks.push(Block {
                handler: 0,
                depth: block.depth,
                is_handler: true,
            });
            self.exc_stack.borrow_mut().push(exc.clone());
            f.push(exc);
            f.ip = block.handler;
            return Ok(());
        }
        Err(PyErr(exc))
    }

    /// Sets `__context__` to the exception being handled, if any.
    fn set_context(&self, exc: &PyRef) {
        let current = self.exc_stack.borrow().last().cloned();
        if let Some(ctx) = current {
            if !Gc::ptr_eq(&ctx, exc) && self.instance_get(exc, "__context__").is_none() {
                let _ = self.instance_set(exc, &self.intern("__context__"), ctx);
            }
        }
    }

    /// Executes one instruction.
    fn step(&self, f: &mut FrameState) -> PyResult<Flow> {
        let instr = f.code.instrs[f.ip as usize];
        f.ip += 1;
        match instr {
            Instr::Nop => {}
            Instr::PopTop => drop(pop(f)),
            Instr::DupTop => {
                let top = top(f).clone();
                f.push(top);
            }
            Instr::DupTopTwo => {
                let n = f.stack.len();
                let (a, b) = (f.stack[n - 2].clone(), f.stack[n - 1].clone());
                f.push(a);
                f.push(b);
            }
            Instr::RotTwo => {
                let n = f.stack.len();
                f.stack.swap(n - 1, n - 2);
            }
            Instr::RotThree => {
                let n = f.stack.len();
                f.stack[n - 3..].rotate_right(1);
            }
            Instr::LoadConst(i) => {
                let c = f.code.consts[i as usize].clone();
                f.push(c);
            }
            Instr::LoadFast(i) => match &f.locals[i as usize] {
                Some(v) => {
                    let v = v.clone();
                    f.push(v);
                }
                None => return Err(self.unbound_local(f, i)),
            },
            Instr::StoreFast(i) => {
                let v = pop(f);
                let old = f.locals[i as usize].replace(v);
                drop(old);
            }
            Instr::DeleteFast(i) => match f.locals[i as usize].take() {
                Some(old) => drop(old),
                None => return Err(self.unbound_local(f, i)),
            },
            Instr::LoadDeref(i) | Instr::LoadClosure(i) => {
                self.load_deref(f, i, matches!(instr, Instr::LoadClosure(_)))?
            }
            Instr::StoreDeref(i) => {
                let v = pop(f);
                if let Obj::Cell(c) = &*f.cells[i as usize] {
                    drop(c.set(Some(v)));
                }
            }
            Instr::DeleteDeref(i) => {
                if let Obj::Cell(c) = &*f.cells[i as usize] {
                    drop(c.set(None));
                }
            }
            Instr::LoadGlobal(i) => {
                let v = self.load_global_cached(
                    &f.code,
                    f.ip as usize - 1,
                    &f.globals,
                    &f.code.names[i as usize],
                )?;
                f.push(v);
            }
            Instr::StoreGlobal(i) => {
                let v = pop(f);
                self.dict_set(&f.globals, f.code.names[i as usize].clone(), v)?;
            }
            Instr::DeleteGlobal(i) => {
                self.delete_name(&f.globals.clone(), &f.code.names[i as usize])?
            }
            Instr::LoadName(i) => {
                let name = &f.code.names[i as usize];
                let found = match &f.namespace {
                    Some(ns) => self.namespace_get(ns, name)?,
                    None => None,
                };
                let v = match found {
                    Some(v) => v,
                    None => self.load_global(&f.globals, name)?,
                };
                f.push(v);
            }
            Instr::StoreName(i) => {
                let v = pop(f);
                let ns = f.namespace.clone().unwrap_or_else(|| f.globals.clone());
                let name = f.code.names[i as usize].clone();
                match &*ns {
                    Obj::Dict(_) => self.dict_set(&ns, name, v)?,
                    // a `__prepare__` mapping sees every store of the class body
                    _ => self.set_item(&ns, name, v)?,
                }
            }
            Instr::DeleteName(i) => {
                let ns = f.namespace.clone().unwrap_or_else(|| f.globals.clone());
                self.delete_name(&ns, &f.code.names[i as usize])?;
            }
            Instr::LoadAttr(i) => {
                let obj = pop(f);
                let v = self.load_attr_cached(
                    &f.code,
                    f.ip as usize - 1,
                    &obj,
                    &f.code.names[i as usize],
                )?;
                drop(obj);
                f.push(v);
            }
            Instr::StoreAttr(i) => {
                let obj = pop(f);
                let v = pop(f);
                self.store_attr_cached(
                    &f.code,
                    f.ip as usize - 1,
                    &obj,
                    &f.code.names[i as usize],
                    v,
                )?;
            }
            Instr::DeleteAttr(i) => {
                let obj = pop(f);
                self.del_attr(&obj, &f.code.names[i as usize])?;
            }
            Instr::LoadMethod(i) => {
                let obj = pop(f);
                let (meth, this) = self.load_method_cached(
                    &f.code,
                    f.ip as usize - 1,
                    &obj,
                    &f.code.names[i as usize],
                )?;
                drop(obj);
                f.push(meth);
                f.push(this.unwrap_or_else(|| self.null()));
            }
            Instr::LoadSuperAttr(i) => {
                let (v, _) = self.op_load_super(f, i, false)?;
                f.push(v);
            }
            Instr::LoadSuperMethod(i) => {
                let (meth, this) = self.op_load_super(f, i, true)?;
                f.push(meth);
                f.push(this.unwrap_or_else(|| self.null()));
            }
            Instr::LoadSubscr => {
                let key = pop(f);
                let obj = pop(f);
                let v = match self.subscr_fast(&obj, &key) {
                    Some(v) => v,
                    None => self.get_item(&obj, &key)?,
                };
                f.push(v);
            }
            Instr::StoreSubscr => {
                let key = pop(f);
                let obj = pop(f);
                let v = pop(f);
                match store_subscr_fast(&obj, &key, v) {
                    Ok(old) => drop(old),
                    Err(v) => self.set_item(&obj, key, v)?,
                }
            }
            Instr::DeleteSubscr => {
                let key = pop(f);
                let obj = pop(f);
                self.del_item(&obj, &key)?;
            }
            Instr::Binary(op) | Instr::Inplace(op) => {
                let b = pop(f);
                let a = pop(f);
                let v = match self.binary_fast(&a, &b, op, store_target(f)) {
                    Some(v) => v?,
                    None => self.binary_op(&a, &b, op, matches!(instr, Instr::Inplace(_)))?,
                };
                drop((a, b));
                f.push(v);
            }
            Instr::Unary(op) => {
                let a = pop(f);
                let v = self.unary_op(&a, op)?;
                f.push(v);
            }
            Instr::Compare(op) => {
                let b = pop(f);
                let a = pop(f);
                let v = match self.compare_fast(&a, &b, op) {
                    Some(v) => v,
                    None => self.compare(&a, &b, op)?,
                };
                f.push(v);
            }
            Instr::Is(negate) => {
                let b = pop(f);
                let a = pop(f);
                f.push(self.bool(Gc::ptr_eq(&a, &b) != negate));
            }
            Instr::Contains(negate) => {
                let container = pop(f);
                let item = pop(f);
                let found = self.contains(&container, &item)?;
                f.push(self.bool(found != negate));
            }
            Instr::Jump(t) => {
                // A backward jump closes a loop iteration: the place to notice that a loop
                // growing buffers without allocating objects (`x.append(0)`) passed the limit.
                if t < f.ip {
                    self.check_budget()?;
                }
                f.ip = t;
            }
            Instr::PopJumpIfFalse(t) => {
                let v = pop(f);
                if !self.truthy(&v)? {
                    f.ip = t;
                }
            }
            Instr::PopJumpIfTrue(t) => {
                let v = pop(f);
                if self.truthy(&v)? {
                    f.ip = t;
                }
            }
            Instr::JumpIfFalseOrPop(t) => {
                if !self.truthy(top(f))? {
                    f.ip = t;
                } else {
                    drop(pop(f));
                }
            }
            Instr::JumpIfTrueOrPop(t) => {
                if self.truthy(top(f))? {
                    f.ip = t;
                } else {
                    drop(pop(f));
                }
            }
            Instr::GetIter => {
                let obj = pop(f);
                let it = self.get_iter(&obj)?;
                f.push(it);
            }
            Instr::ForIter(t) => self.for_iter(f, t)?,
            Instr::BuildTuple(n) => {
                let items = popn(f, n);
                let t = self.new_tuple(items)?;
                f.push(t);
            }
            Instr::BuildList(n) => {
                let items = popn(f, n);
                let l = self.list(items)?;
                f.push(l);
            }
            Instr::BuildSet(n) => {
                let items = popn(f, n);
                let s = self.set(false)?;
                for item in items {
                    self.set_add(&s, item)?;
                }
                f.push(s);
            }
            Instr::BuildConstSet(n) => {
                let items = popn(f, n);
                let first = self.set(true)?;
                for item in items {
                    self.set_add(&first, item)?;
                }
                let constant = self.set(true)?;
                for item in self.collect(&first)? {
                    self.set_add(&constant, item)?;
                }
                let s = self.set_copy(&constant, false)?;
                f.push(s);
            }
            Instr::BuildMap(n) => {
                let items = popn(f, n * 2);
                let d = self.dict()?;
                let mut it = items.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    self.dict_set(&d, k, v)?;
                }
                f.push(d);
            }
            Instr::BuildSlice(n) => {
                let step = if n == 3 { pop(f) } else { self.none() };
                let stop = pop(f);
                let start = pop(f);
                let s = self.alloc(Obj::Slice(Box::new([start, stop, step])))?;
                f.push(s);
            }
            Instr::BuildString(n) => {
                let parts = popn(f, n);
                let mut out = String::new();
                for p in &parts {
                    out.push_str(p.as_str().unwrap_or(""));
                }
                let s = self.str(out)?;
                f.push(s);
            }
            Instr::ListAppend(n) => {
                let v = pop(f);
                let target = f.stack[f.stack.len() - n as usize].clone();
                if let Obj::List(l) = &*target {
                    l.append(v);
                }
            }
            Instr::SetAdd(n) => {
                let v = pop(f);
                let target = f.stack[f.stack.len() - n as usize].clone();
                self.set_add(&target, v)?;
            }
            Instr::MapAdd(n) => {
                let v = pop(f);
                let k = pop(f);
                let target = f.stack[f.stack.len() - n as usize].clone();
                self.dict_set(&target, k, v)?;
            }
            Instr::ListExtend(n) => {
                let iterable = pop(f);
                let target = f.stack[f.stack.len() - n as usize].clone();
                let items = self.collect(&iterable)?;
                if let Obj::List(l) = &*target {
                    l.borrow_mut().extend(items);
                }
            }
            Instr::DictUpdate(n) => {
                let mapping = pop(f);
                let target = f.stack[f.stack.len() - n as usize].clone();
                self.dict_update(&target, &mapping)?;
            }
            Instr::ListToTuple => {
                let l = pop(f);
                let items = match &*l {
                    Obj::List(items) => items.replace(Vec::new()),
                    _ => Vec::new(),
                };
                let t = self.new_tuple(items)?;
                f.push(t);
            }
            Instr::UnpackSequence(n) => {
                let seq = pop(f);
                if !unpack_exact(f, &seq, n as usize) {
                    let items = self.unpack(&seq, n as usize)?;
                    f.stack.extend(items.into_iter().rev());
                }
            }
            Instr::UnpackEx(before, after) => {
                let seq = pop(f);
                let items = self.unpack_ex(&seq, before as usize, after as usize)?;
                f.stack.extend(items.into_iter().rev());
            }
            Instr::FormatValue(conv, has_spec) => {
                let spec = if has_spec { Some(pop(f)) } else { None };
                let v = pop(f);
                let s = self.format_value(&v, conv, spec.as_ref())?;
                f.push(s);
            }
            Instr::Call(n) => return self.op_call(f, n as usize, 0, false),
            Instr::CallMethod(n) => return self.op_call(f, n as usize, 0, true),
            Instr::CallKw(n) => {
                let names = pop(f);
                let nkw = match &*names {
                    Obj::Tuple(t) => t.len(),
                    _ => 0,
                };
                return self.op_call_kw(f, n as usize, nkw, names);
            }
            Instr::CallEx(has_kw) => return self.op_call_ex(f, has_kw),
            Instr::MakeFunction(i, flags) => self.make_function(f, i, flags)?,
            Instr::Return => return Ok(Flow::Return(pop(f))),
            Instr::Yield => return Ok(Flow::Yield(pop(f))),
            Instr::GetYieldFromIter => {
                let obj = pop(f);
                let it = self.yield_from_iter(f, obj)?;
                f.push(it);
            }
            Instr::YieldFrom => return self.yield_from(f),
            Instr::GetAwaitable(context) => {
                let obj = pop(f);
                let context = super::coroutine::AwaitContext::from_flag(context);
                f.push(self.get_awaitable(&obj, context)?);
            }
            Instr::GetAIter => {
                let obj = pop(f);
                f.push(self.get_aiter(&obj)?);
            }
            Instr::GetANext => {
                let awaitable = self.get_anext(top(f))?;
                f.push(awaitable);
            }
            Instr::EndAsyncFor => {
                let exc = pop(f);
                f.blocks.pop();
                let old = self.exc_stack.borrow_mut().pop();
                drop(old);
                if !self.exc_matches(&exc, Exc::StopAsyncIteration) {
                    return Err(self.reraise(exc));
                }
                drop(pop(f));
            }
            Instr::BeforeAsyncWith => {
                let ctx = pop(f);
                let (aexit, entered) = self.before_async_with(&ctx)?;
                f.push(aexit);
                f.push(entered);
            }
            Instr::SetupAsyncWith(t) => {
                f.blocks.push(Block {
                    handler: t,
                    depth: f.stack.len() as u32 - 1,
                    is_handler: false,
                });
            }
            Instr::AsyncWithExceptCall => {
                let exc = pop(f);
                let aexit = pop(f);
                let awaitable = self.async_with_except_call(&aexit, &exc)?;
                f.push(exc);
                f.push(awaitable);
            }
            Instr::AsyncWithExceptEnd => {
                let result = pop(f);
                let exc = pop(f);
                f.blocks.pop();
                let old = self.exc_stack.borrow_mut().pop();
                drop(old);
                if !self.truthy(&result)? {
                    return Err(self.reraise(exc));
                }
            }
            Instr::SetupExcept(t) | Instr::SetupFinally(t) => {
                f.blocks.push(Block {
                    handler: t,
                    depth: f.stack.len() as u32,
                    is_handler: false,
                });
            }
            Instr::PopBlock => {
                f.blocks.pop();
            }
            Instr::PopExcept => {
                f.blocks.pop();
                let old = self.exc_stack.borrow_mut().pop();
                drop(old);
            }
            Instr::Reraise => {
                let exc = pop(f);
                f.blocks.pop();
                let old = self.exc_stack.borrow_mut().pop();
                drop(old);
                return Err(self.reraise(exc));
            }
            Instr::Raise(n) => return Err(self.op_raise(f, n)),
            Instr::CheckExcMatch => {
                let class = pop(f);
                let matched = self.exception_matches(top(f), &class)?;
                f.push(self.bool(matched));
            }
            Instr::CheckEgMatch(t) => self.check_eg_match(f, t)?,
            Instr::PrepReraiseStar(t) => {
                let raised = pop(f);
                let orig = pop(f);
                match self.prep_reraise_star(&orig, &raised)? {
                    Some(exc) => f.push(exc),
                    None => f.ip = t,
                }
            }
            Instr::BeforeWith(t) => {
                let ctx = pop(f);
                let protocol = |_| {
                    self.type_error(format!(
                        "'{}' object does not support the context manager protocol",
                        self.type_name(&ctx)
                    ))
                };
                let enter = self
                    .get_attr(&ctx, &self.intern("__enter__"))
                    .map_err(protocol)?;
                let exit = self
                    .get_attr(&ctx, &self.intern("__exit__"))
                    .map_err(protocol)?;
                f.push(exit);
                f.blocks.push(Block {
                    handler: t,
                    depth: f.stack.len() as u32,
                    is_handler: false,
                });
                let v = self.call(&enter, &[])?;
                f.push(v);
            }
            Instr::WithExit => {
                let exit = pop(f);
                let none = self.none();
                self.call(&exit, &[none.clone(), none.clone(), none])?;
            }
            Instr::WithExcept => {
                let exc = pop(f);
                let exit = pop(f);
                let tb = self
                    .instance_get(&exc, "__traceback__")
                    .unwrap_or_else(|| self.none());
                let result = self.call(&exit, &[self.type_of(&exc), exc.clone(), tb])?;
                f.blocks.pop();
                let old = self.exc_stack.borrow_mut().pop();
                drop(old);
                if !self.truthy(&result)? {
                    return Err(self.reraise(exc));
                }
            }
            Instr::ImportName(i) => {
                let fromlist = pop(f);
                let level = pop(f);
                let fromlist = match &*fromlist {
                    Obj::Tuple(items) => items.to_vec(),
                    _ => Vec::new(),
                };
                let level = level.as_i64().unwrap_or(0) as usize;
                let name = f.code.names[i as usize].as_str().unwrap_or_default();
                let m = self.import_name(name, Some(&f.globals), &fromlist, level)?;
                f.push(m);
            }
            Instr::ImportFrom(i) => {
                let v = self.import_from(top(f), &f.code.names[i as usize])?;
                f.push(v);
            }
            Instr::ImportStar => {
                let module = pop(f);
                let ns = f.namespace.clone().unwrap_or_else(|| f.globals.clone());
                self.import_star(&module, &ns)?;
            }
            Instr::BuildClass(nbases) => {
                let bases = f.stack.split_off(f.stack.len() - nbases as usize);
                let name = pop(f);
                let func = pop(f);
                let class = self.build_class(&func, &name, bases, None)?;
                f.push(class);
            }
            Instr::BuildClassWithKeywords(nbases) => {
                let keywords = pop(f);
                let bases = f.stack.split_off(f.stack.len() - nbases as usize);
                let name = pop(f);
                let func = pop(f);
                let class = self.build_class(&func, &name, bases, Some(keywords))?;
                f.push(class);
            }
            Instr::BuildClassEx(has_keywords) => {
                let keywords = if has_keywords { Some(pop(f)) } else { None };
                let bases = match &*pop(f) {
                    Obj::Tuple(items) => items.to_vec(),
                    _ => Vec::new(),
                };
                let name = pop(f);
                let func = pop(f);
                let class = self.build_class(&func, &name, bases, keywords)?;
                f.push(class);
            }
            Instr::LoadAssertionError => f.push(self.types.exc(Exc::AssertionError).clone()),
            Instr::LoadLocals => {
                let d = self.dict()?;
                f.push(d);
            }
            Instr::MatchSequence(n, star) => {
                let matched = self.match_sequence(top(f), n as usize, star != 0)?;
                f.push(self.bool(matched));
            }
            Instr::MatchMapping(_, rest) => {
                let keys = pop(f);
                let subject = pop(f);
                let keys = match &*keys {
                    Obj::Tuple(k) => &k[..],
                    _ => &[],
                };
                match self.match_mapping(&subject, keys, rest != 0)? {
                    Some((values, rest_dict)) => {
                        f.stack.extend(rest_dict);
                        f.push(values);
                    }
                    None => {
                        if rest != 0 {
                            f.push(self.none());
                        }
                        f.push(self.none());
                    }
                }
            }
            Instr::MatchClass(npos) => {
                let kwnames = pop(f);
                let class = pop(f);
                let subject = pop(f);
                let kwnames = match &*kwnames {
                    Obj::Tuple(k) => &k[..],
                    _ => &[],
                };
                let attrs = self.match_class(&subject, &class, npos as usize, kwnames)?;
                f.push(attrs.unwrap_or_else(|| self.none()));
            }
        }
        Ok(Flow::Next)
    }

    /// A re-raised exception keeps its traceback; the current frame is not added again.
    /// Raises `exc` again as CPython's RERAISE does: with no new traceback entry.
    fn reraise(&self, exc: PyRef) -> PyErr {
        self.reraised.set(self.addr(&exc));
        PyErr(exc)
    }

    fn unbound_local(&self, f: &FrameState, i: u32) -> PyErr {
        let name = f.code.varnames[i as usize]
            .as_str()
            .unwrap_or("")
            .to_string();
        self.new_exc(
            Exc::UnboundLocalError,
            format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    }

    fn load_deref(&self, f: &mut FrameState, i: u32, cell_itself: bool) -> PyResult<()> {
        let cell = f.cells[i as usize].clone();
        if cell_itself {
            f.push(cell);
            return Ok(());
        }
        let value = match &*cell {
            Obj::Cell(c) => c.get(),
            _ => None,
        };
        match value {
            Some(v) => {
                f.push(v);
                Ok(())
            }
            None => {
                let ncell = f.code.cellvars.len();
                let name = if (i as usize) < ncell {
                    &f.code.cellvars[i as usize]
                } else {
                    &f.code.freevars[i as usize - ncell]
                };
                Err(self.new_exc(
                    Exc::NameError,
                    format!(
                        "cannot access free variable '{}' where it is not associated with a value in enclosing scope",
                        name.as_str().unwrap_or("")
                    ),
                ))
            }
        }
    }

    fn delete_name(&self, ns: &PyRef, name: &PyRef) -> PyResult<()> {
        if !matches!(&**ns, Obj::Dict(_)) {
            return self
                .del_item(ns, name)
                .map_err(|e| self.key_error_as_name_error(e, name));
        }
        match self.dict_remove(ns, name)? {
            Some(old) => {
                drop(old);
                Ok(())
            }
            None => Err(self.new_exc(
                Exc::NameError,
                format!("name '{}' is not defined", name.as_str().unwrap_or("")),
            )),
        }
    }

    /// `namespace[name]` for `LOAD_NAME`: a dict read directly, any other mapping (a
    /// `__prepare__` namespace) through its `__getitem__`; `None` when the name is missing.
    fn namespace_get(&self, ns: &PyRef, name: &PyRef) -> PyResult<Option<PyRef>> {
        if matches!(&**ns, Obj::Dict(_)) {
            return self.dict_get(ns, name);
        }
        match self.get_item(ns, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) if self.exc_matches(&e.0, Exc::KeyError) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A KeyError from deleting a name out of a mapping namespace, as the NameError
    /// CPython's `DELETE_NAME` raises.
    fn key_error_as_name_error(&self, error: super::PyErr, name: &PyRef) -> super::PyErr {
        if !self.exc_matches(&error.0, Exc::KeyError) {
            return error;
        }
        self.new_exc(
            Exc::NameError,
            format!("name '{}' is not defined", name.as_str().unwrap_or("")),
        )
    }

    /// `LoadSuperAttr` / `LoadSuperMethod`: pops [super, `__class__`, first argument].
    fn op_load_super(
        &self,
        f: &mut FrameState,
        name: u32,
        method: bool,
    ) -> PyResult<(PyRef, Option<PyRef>)> {
        let obj = pop(f);
        let start = pop(f);
        let sup = pop(f);
        let at = f.ip as usize - 1;
        let name = &f.code.names[name as usize];
        self.load_super_cached(&f.code, at, &sup, &start, &obj, name, method)
    }

    /// CALL / CALL_METHOD: the callable and arguments are on the stack.
    fn op_call(
        &self,
        f: &mut FrameState,
        argc: usize,
        _nkw: usize,
        method: bool,
    ) -> PyResult<Flow> {
        let len = f.stack.len();
        let mut start = len - argc;
        let func_pos = if method { start - 2 } else { start - 1 };
        if method && !matches!(&*f.stack[start - 1], Obj::Null) {
            start -= 1;
        }
        if let Some(def) = crate::vm::frames::called_in_place(&f.stack[func_pos]) {
            // a built-in (`len(x)`, `items.append(v)`): its arguments are read where they are
            let result = def.invoke(self, Args::new(&f.stack[start..]));
            f.stack.truncate(func_pos);
            f.push(result?);
            return Ok(Flow::Next);
        }
        if len - start == 1 && Gc::ptr_eq(&f.stack[func_pos], &self.types.type_) {
            // `type(x)` (CPython 3.11's `PRECALL_NO_KW_TYPE_1`): the class, with no call
            let class = self.type_of(&f.stack[start]);
            f.stack.truncate(func_pos);
            f.push(class);
            return Ok(Flow::Next);
        }
        let callable = f.stack[func_pos].clone();
        if let Some(flow) = self.try_push_frame(f, &callable, func_pos, start, &[])? {
            return Ok(flow);
        }
        if crate::vm::frames::is_getframe(&callable) {
            let depth = self.getframe_depth(&f.stack[start..])?;
            drop(f.stack.split_off(func_pos));
            return Ok(Flow::GetFrame(depth));
        }
        let result = if crate::vm::frames::reads_caller_globals(&callable) {
            self.with_caller_frame(f, &callable, &f.stack[start..])
        } else {
            self.call_args(&callable, Args::new(&f.stack[start..]))
        };
        f.stack.truncate(func_pos);
        drop(callable);
        f.push(result?);
        Ok(Flow::Next)
    }

    /// Python function (or method of one): bind arguments into a new frame for the loop.
    fn try_push_frame(
        &self,
        f: &mut FrameState,
        callable: &PyRef,
        func_pos: usize,
        start: usize,
        kwnames: &[PyRef],
    ) -> PyResult<Option<Flow>> {
        // `callable` is the caller's own handle: what it holds outlives the stack's pops
        let (func_obj, self_arg) = match &**callable {
            Obj::Function(_) => (callable, None),
            Obj::Method(pair) if matches!(&*pair.0, Obj::Function(_)) => {
                (&pair.0, Some(pair.1.clone()))
            }
            Obj::Class(_) => return self.try_push_init(f, callable, func_pos, start, kwnames),
            _ => return Ok(None),
        };
        self.push_function_frame(f, func_obj, self_arg, func_pos, start, kwnames)
    }

    /// `cls(...)` for a class whose instances need only allocating (see [`Vm::plain_init`]):
    /// the instance is made here and its `__init__` runs as a frame of this loop, which
    /// gives the instance when it returns None.
    #[inline(never)]
    fn try_push_init(
        &self,
        f: &mut FrameState,
        cls: &PyRef,
        func_pos: usize,
        start: usize,
        kwnames: &[PyRef],
    ) -> PyResult<Option<Flow>> {
        let Some(init) = self.plain_init_cached(&f.code, f.ip as usize - 1, cls) else {
            return Ok(None);
        };
        let instance = self.new_instance(cls, None)?;
        let mut flow =
            self.push_function_frame(f, &init, Some(instance.clone()), func_pos, start, kwnames)?;
        if let Some(Flow::Call(frame)) = &mut flow {
            // the arguments and the class are off the caller's stack: the instance takes
            // their place until `__init__` returns (or an exception unwinds past it)
            f.push(instance);
            frame.returns_init = true;
        }
        Ok(flow)
    }

    /// Binds the arguments on `f`'s stack from `start` (after `self_arg`, if any) to a new
    /// frame of the Python function `func_obj`, popping them and the callable at `func_pos`:
    /// the frame to push, or (for a generator function) a step that pushed the generator.
    /// Inlined: it is the body of every Python call, and a call of it of its own costs each
    /// one its argument moves.
    #[inline(always)]
    fn push_function_frame(
        &self,
        f: &mut FrameState,
        func_obj: &PyRef,
        self_arg: Option<PyRef>,
        func_pos: usize,
        start: usize,
        kwnames: &[PyRef],
    ) -> PyResult<Option<Flow>> {
        let Obj::Function(func) = &**func_obj else {
            return Ok(None);
        };
        let given = f.stack.len() - start + usize::from(self_arg.is_some());
        // read once: the call runs the code and defaults the function holds now
        let code = func.code();
        let ndefaults = func.ndefaults(&code);
        let generator = code.makes_generator();
        let frame = if kwnames.is_empty() && code.binds_positionally(given, ndefaults) {
            // the arguments go straight from this stack into the new frame's local slots,
            // and when none takes a default the other slots are made unbound at once
            let fill_to = match given >= code.argcount as usize {
                true => code.varnames.len(),
                false => 0,
            };
            let mut frame = self.blank_frame_of(code, func);
            frame.bind_from_stack(self_arg, &mut f.stack, start, fill_to);
            // the callable (and CALL_METHOD's NULL) below the arguments
            f.stack.truncate(func_pos);
            self.frame_with(func, frame)?
        } else if let Some(slots) =
            super::call::keyword_slots(&code, given - kwnames.len(), kwnames, ndefaults)
        {
            let frame = self.blank_frame_of(code, func);
            let bound =
                self.bind_keywords_from_stack(func, frame, self_arg, &mut f.stack, start, &slots);
            f.stack.truncate(func_pos);
            bound?
        } else {
            let mut args = Vec::with_capacity(given);
            args.extend(self_arg);
            args.extend(f.stack.drain(start..));
            f.stack.truncate(func_pos);
            self.bind_frame(func, args, kwnames)?
        };
        if generator {
            let g = self.new_generator(frame)?;
            f.push(g);
            return Ok(Some(Flow::Next));
        }
        Ok(Some(Flow::Call(frame)))
    }

    fn op_call_kw(
        &self,
        f: &mut FrameState,
        argc: usize,
        nkw: usize,
        names: PyRef,
    ) -> PyResult<Flow> {
        let len = f.stack.len();
        let start = len - argc;
        let func_pos = start - 1;
        let callable = f.stack[func_pos].clone();
        let Obj::Tuple(kwnames) = &*names else {
            return Err(self.type_error("bad keyword names"));
        };
        if let Some(flow) = self.try_push_frame(f, &callable, func_pos, start, kwnames)? {
            return Ok(flow);
        }
        let split = len - nkw;
        let args = Args {
            pos: &f.stack[start..split],
            kwnames,
            kwvals: &f.stack[split..],
        };
        let result = self.call_args(&callable, args);
        let dropped = f.stack.split_off(func_pos);
        drop(dropped);
        f.push(result?);
        Ok(Flow::Next)
    }

    fn op_call_ex(&self, f: &mut FrameState, has_kw: bool) -> PyResult<Flow> {
        let kwargs = if has_kw { Some(pop(f)) } else { None };
        let args = pop(f);
        let callable = pop(f);
        let mut all: Vec<PyRef> = match &*args {
            Obj::Tuple(t) => t.to_vec(),
            _ => self.collect(&args)?,
        };
        let mut names = Vec::new();
        if let Some(kw) = &kwargs {
            let entries: Vec<(PyRef, PyRef)> = self
                .table_of(kw)?
                .borrow()
                .iter()
                .map(|e| (e.key.clone(), e.value.clone()))
                .collect();
            for (k, v) in entries {
                if k.as_str().is_none() {
                    return Err(self.type_error("keywords must be strings"));
                }
                names.push(k);
                all.push(v);
            }
        }
        // a Python function runs in this loop (so that sys._getframe sees its callers)
        if matches!(&*callable, Obj::Function(_) | Obj::Method(_)) {
            let func_pos = f.stack.len();
            f.push(callable.clone());
            f.stack.append(&mut all);
            if let Some(flow) = self.try_push_frame(f, &callable, func_pos, func_pos + 1, &names)? {
                return Ok(flow);
            }
            all = f.stack.split_off(func_pos + 1);
            f.stack.truncate(func_pos);
        }
        let npos = all.len() - names.len();
        let result = self.call_args(
            &callable,
            Args {
                pos: &all[..npos],
                kwnames: &names,
                kwvals: &all[npos..],
            },
        )?;
        f.push(result);
        Ok(Flow::Next)
    }

    fn make_function(&self, f: &mut FrameState, i: u32, flags: u8) -> PyResult<()> {
        let code = f.code.codes[i as usize].clone();
        let closure = if flags & 8 != 0 { Some(pop(f)) } else { None };
        let kwdefaults = if flags & 2 != 0 { Some(pop(f)) } else { None };
        let defaults = if flags & 1 != 0 { Some(pop(f)) } else { None };
        let func = self.function(crate::objects::FunctionObj::new(
            code,
            f.globals.clone(),
            defaults,
            kwdefaults,
            closure,
        ))?;
        f.push(func);
        Ok(())
    }

    fn op_raise(&self, f: &mut FrameState, n: u8) -> PyErr {
        if n == 0 {
            let current = self.exc_stack.borrow().last().cloned();
            return match current {
                Some(exc) => self.reraise(exc),
                None => self.new_exc(Exc::RuntimeError, "No active exception to reraise"),
            };
        }
        let cause = if n == 2 { Some(pop(f)) } else { None };
        let value = pop(f);
        let exc = match self.make_exception(&value) {
            Ok(e) => e,
            Err(e) => return e,
        };
        if let Some(cause) = cause {
            let cause = if self.is_none(&cause) {
                Ok(cause)
            } else {
                self.make_exception(&cause).map(|e| e.0)
            };
            match cause {
                Ok(c) => {
                    let set = self
                        .instance_set(&exc.0, &self.intern("__cause__"), c)
                        .and_then(|()| {
                            self.instance_set(
                                &exc.0,
                                &self.intern("__suppress_context__"),
                                self.bool(true),
                            )
                        });
                    if let Err(e) = set {
                        return e;
                    }
                }
                Err(e) => return e,
            }
        }
        exc
    }

    /// `raise X`: X is an exception instance, or a class to instantiate.
    pub fn make_exception(&self, value: &PyRef) -> Result<PyErr, PyErr> {
        let base = self.types.exc(Exc::BaseException);
        match &**value {
            Obj::Class(_) if self.is_subclass(value, base) => Ok(PyErr(self.call(value, &[])?)),
            Obj::Instance(inst) if self.is_subclass(&inst.class(), base) => {
                Ok(PyErr(value.clone()))
            }
            _ => Err(self.type_error("exceptions must derive from BaseException")),
        }
    }

    /// `except T:` matching, T a class or a tuple of classes.
    pub fn exception_matches(&self, exc: &PyRef, class: &PyRef) -> PyResult<bool> {
        match &**class {
            Obj::Tuple(items) => {
                for c in items.iter() {
                    if self.exception_matches(exc, c)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Obj::Class(_) => Ok(self.is_subclass(&self.type_of(exc), class)),
            _ => Err(self.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    fn yield_from(&self, f: &mut FrameState) -> PyResult<Flow> {
        let value = pop(f);
        let sub = top(f).clone();
        match self.delegate_send(&sub, value)? {
            Step::Yielded(v) => {
                // come back to this instruction when resumed
                f.ip -= 1;
                Ok(Flow::Yield(v))
            }
            Step::Returned(v) => {
                drop(pop(f));
                f.push(v);
                Ok(Flow::Next)
            }
        }
    }

    /// Runs a class body and makes the class (`__build_class__`): the bases resolved
    /// (PEP 560), the metaclass derived, its `__prepare__` asked for the namespace, the
    /// body run in it, and the metaclass called.
    fn build_class(
        &self,
        func: &PyRef,
        name: &PyRef,
        bases: Vec<PyRef>,
        keywords: Option<PyRef>,
    ) -> PyResult {
        use super::type_new;
        let Obj::Function(fobj) = &**func else {
            return Err(self.type_error("bad class body"));
        };
        let (bases, written_bases) = type_new::resolve_bases(self, bases)?;
        let (explicit, keywords) = type_new::split_keywords(self, keywords)?;
        let metaclass = type_new::derive_metaclass(self, explicit, &bases)?;
        let ns = type_new::prepare_namespace(self, &metaclass, name, &bases, &keywords)?;
        let module = self.dict_get(&fobj.globals, &self.intern("__name__"))?;
        let module = module.unwrap_or_else(|| self.intern("__main__"));
        self.set_item(&ns, self.intern("__module__"), module)?;
        let qualname = self.str(&*fobj.code().qualname)?;
        self.set_item(&ns, self.intern("__qualname__"), qualname)?;
        let mut frame = self.bind_frame(fobj, Vec::new(), &[])?;
        debug_assert_eq!(fobj.code().kind, CodeKind::Class);
        frame.namespace = Some(ns.clone());
        let cell = match self.run_frame(frame, None)? {
            Exit::Return(v) => v,
            Exit::Yield(v, _) => v,
        };
        if let Some(written) = written_bases {
            self.set_item(&ns, self.intern("__orig_bases__"), written)?;
        }
        let class = type_new::create_class(self, name, bases, &ns, &metaclass, keywords)?;
        if let Obj::Cell(c) = &*cell {
            drop(c.set(Some(class.clone())));
        }
        Ok(class)
    }

    /// Runs the instruction at `f.ip` if it is one of the commonest that need nothing of the
    /// loop: a local or constant loaded, a local stored, a jump, the attribute, method and
    /// global loads, attribute stores and number comparisons whose inline cache or fast path
    /// answers without making anything, and (these may raise) `FOR_ITER` and the call of a
    /// built-in in place. Here, in the loop, they cost no call of [`Vm::step`], whose
    /// prologue and epilogue (the registers and the stack space of its largest arms) are as
    /// long as their work. False, running nothing, for any other (or when the cache does
    /// not answer: `step` then takes the instruction's whole path).
    #[inline(always)]
    fn quick_step(&self, f: &mut FrameState) -> PyResult<bool> {
        let at = f.ip as usize;
        match f.code.instrs[at] {
            // the frequent instructions that may raise but need nothing of the loop (no
            // frame pushed or popped): decoded once, here, rather than again in `step`.
            // those that may allocate, call or drop a last reference publish their instruction
            // (the loads, jumps and tests of one `bool` need not say where they are).
            Instr::ForIter(t) => {
                self.position.publish(f.ip);
                f.ip += 1;
                self.for_iter(f, t)?;
                return Ok(true);
            }
            Instr::CallMethod(n) => {
                self.position.publish(f.ip);
                return self.call_in_place(f, n as usize, true);
            }
            Instr::Call(n) => {
                self.position.publish(f.ip);
                return self.call_in_place(f, n as usize, false);
            }
            Instr::LoadFast(i) => match &f.locals[i as usize] {
                Some(v) => {
                    let v = v.clone();
                    f.push(v);
                }
                None => return Ok(false),
            },
            Instr::LoadConst(i) => {
                let c = f.code.consts[i as usize].clone();
                f.push(c);
            }
            // the value a local held may die here (its `__del__` runs Python code): one
            // store publishes the instruction, fewer instructions than a test of the
            // value's count before it
            Instr::StoreFast(i) => {
                self.position.publish(f.ip);
                let v = pop(f);
                drop(f.locals[i as usize].replace(v));
            }
            // the result of an expression statement (`obj.method()`), dropped as STORE_FAST
            // drops the value it replaces
            Instr::PopTop => {
                self.position.publish(f.ip);
                drop(pop(f));
            }
            Instr::PopJumpIfFalse(t) | Instr::PopJumpIfTrue(t) => {
                let Some(Obj::Bool(b)) = f.stack.last().map(|v| &**v) else {
                    return Ok(false);
                };
                let jump = *b == matches!(f.code.instrs[at], Instr::PopJumpIfTrue(_));
                drop(pop(f));
                if jump {
                    f.ip = t;
                    return Ok(true);
                }
            }
            Instr::LoadAttr(i) => {
                self.position.publish(f.ip);
                let name = &f.code.names[i as usize];
                let Some(v) = self.quick_load_attr(&f.code, at, top(f), name) else {
                    return Ok(false);
                };
                drop(std::mem::replace(top_mut(f), v));
            }
            Instr::LoadMethod(_) => {
                self.position.publish(f.ip);
                let Some((meth, bound)) = self.quick_load_method(&f.code, at, top(f)) else {
                    return Ok(false);
                };
                let this = std::mem::replace(top_mut(f), meth);
                if bound {
                    // the receiver stays, as `self`, above the function
                    f.push(this);
                } else {
                    drop(this);
                    f.push(self.null());
                }
            }
            Instr::StoreAttr(_) => {
                self.position.publish(f.ip);
                let obj = pop(f);
                let v = pop(f);
                match self.quick_store_attr(&f.code, at, &obj, v) {
                    Ok(old) => drop((old, obj)),
                    Err(v) => {
                        f.push(v);
                        f.push(obj);
                        return Ok(false);
                    }
                }
            }
            Instr::LoadGlobal(_) => {
                let Some(v) = self.quick_load_global(&f.code, at, &f.globals) else {
                    return Ok(false);
                };
                f.push(v);
            }
            // a backward jump checks the memory budget (see `step`), which has nothing to
            // do unless a limit is set or use traced
            Instr::Jump(t) if t as usize > at || self.budget_unwatched() => {
                f.ip = t;
                return Ok(true);
            }
            // numbers and subscripts (fast_ops.rs): the ip moves on when they answer
            Instr::Binary(op) | Instr::Inplace(op) => {
                self.position.publish(f.ip);
                return Ok(self.quick_binary(f, op));
            }
            Instr::LoadSubscr => {
                self.position.publish(f.ip);
                return Ok(self.quick_subscr(f));
            }
            Instr::StoreSubscr => {
                self.position.publish(f.ip);
                return Ok(fast_ops::quick_store_subscr(f));
            }
            Instr::UnpackSequence(n) => {
                self.position.publish(f.ip);
                return Ok(fast_ops::quick_unpack(f, n));
            }
            Instr::Compare(op) => {
                if fast_ops::quick_compare_jump(f, op) {
                    return Ok(true);
                }
                let n = f.stack.len();
                let Some(v) = self.compare_fast(&f.stack[n - 2], &f.stack[n - 1], op) else {
                    return Ok(false);
                };
                drop(pop(f));
                drop(std::mem::replace(top_mut(f), v));
            }
            _ => return Ok(false),
        }
        f.ip += 1;
        Ok(true)
    }
}

/// The local the instruction at `f.ip` stores into, if it is a `STORE_FAST` of a bound
/// local: its old value dies there, so a number result may be written into its box (see
/// [`crate::objects::float::recycle`]).
#[inline(always)]
fn store_target(f: &FrameState) -> Option<&PyRef> {
    match f.code.instrs.get(f.ip as usize)? {
        Instr::StoreFast(i) => f.locals[*i as usize].as_ref(),
        _ => None,
    }
}

/// `a, b = seq` for a tuple or list of exactly `n` items (PEP 659's
/// `UNPACK_SEQUENCE_TUPLE` / `_LIST`): pushes the items, the first on top, without the
/// vector [`Vm::unpack`] collects; false, pushing nothing, for anything else.
#[inline]
fn unpack_exact(f: &mut FrameState, seq: &PyRef, n: usize) -> bool {
    match &**seq {
        Obj::Tuple(items) if items.len() == n => {
            items.iter().rev().for_each(|v| f.push(v.clone()));
            true
        }
        Obj::List(items) => {
            let items = items.borrow();
            let exact = items.len() == n;
            if exact {
                items.iter().rev().for_each(|v| f.push(v.clone()));
            }
            exact
        }
        _ => false,
    }
}

#[inline]
fn pop(f: &mut FrameState) -> PyRef {
    match f.stack.pop() {
        Some(v) => v,
        None => stack_underflow(&f.code),
    }
}

#[inline]
fn top_mut(f: &mut FrameState) -> &mut PyRef {
    match f.stack.last_mut() {
        Some(v) => v,
        None => stack_underflow(&f.code),
    }
}

#[inline]
fn top(f: &FrameState) -> &PyRef {
    match f.stack.last() {
        Some(v) => v,
        None => stack_underflow(&f.code),
    }
}

fn popn(f: &mut FrameState, n: u32) -> Vec<PyRef> {
    let at = f.stack.len() - n as usize;
    f.stack.split_off(at)
}

#[cold]
fn stack_underflow(code: &Rc<crate::objects::Code>) -> ! {
    panic!(
        "pymm-python: value stack underflow in {} (compiler bug)",
        code.qualname
    )
}
