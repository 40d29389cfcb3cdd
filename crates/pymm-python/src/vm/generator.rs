//! Resuming generators, coroutines and async generators (CPython's `gen_send_ex` and
//! `_gen_throw`): one path for the three kinds, with `send` and `throw` handed on to the
//! iterator a frame is suspended on in `yield from` or `await`.

use super::{Exc, PyErr, PyResult, Vm};
use crate::objects::frame::Exit;
pub use crate::objects::frame::Step;
use crate::objects::frame::{delegates_at, FrameState, GenBox, GenKind, GenObj};
use crate::objects::iter::IterState;
use crate::objects::{Obj, PyRef};

/// How the kinds name themselves in error messages.
fn kind_words(kind: GenKind) -> &'static str {
    match kind {
        GenKind::Generator => "generator",
        GenKind::Coroutine => "coroutine",
        GenKind::AsyncGenerator => "async generator",
    }
}

/// Whether `state` is suspended inside `yield from`/`await` (its delegation instruction
/// runs again when it resumes), rather than at a plain `yield`.
pub fn is_delegating(state: &FrameState) -> bool {
    delegates_at(&state.code, state.ip)
}

impl Vm {
    /// Wraps a frame in a generator, coroutine or async generator object, as its code says.
    pub fn new_generator(&self, frame: Box<FrameState>) -> PyResult {
        let kind = GenKind::of(&frame.code).unwrap_or(GenKind::Generator);
        let gen = GenObj::new(kind, frame, &self.frame_pool, self.none())
            .and_then(|gen| {
                GenBox::try_new_in(gen, crate::rt::ThreadHeapAllocator::new())
                    .map_err(|_| crate::rt::AllocError)
            })
            .map_err(|_| self.memory_error())?;
        self.alloc(Obj::Generator(gen))
    }

    /// Resumes a generator-like object with `value` (or throws `throw` into it): `Some` is
    /// what it yielded, `None` a return of None; a return of another value is a StopIteration
    /// error carrying it.
    pub fn gen_resume(
        &self,
        gen_obj: &PyRef,
        value: PyRef,
        throw: Option<PyErr>,
    ) -> PyResult<Option<PyRef>> {
        match self.gen_step(gen_obj, value, throw)? {
            Step::Yielded(v) => Ok(Some(v)),
            Step::Returned(v) if self.is_none(&v) => Ok(None),
            Step::Returned(v) => Err(self.stop_iteration(v)),
        }
    }

    /// [`Vm::gen_resume`] giving a return as it is, for `await` and `yield from`, which
    /// take the value without a StopIteration made and caught per finished coroutine.
    pub fn gen_step(&self, gen_obj: &PyRef, value: PyRef, throw: Option<PyErr>) -> PyResult<Step> {
        let Obj::Generator(gen) = &**gen_obj else {
            return Err(self.type_error("not a generator"));
        };
        if gen.running.get() {
            let msg = format!("{} already executing", kind_words(gen.kind));
            return Err(self.value_error(msg));
        }
        if throw.is_none() && !self.is_none(&value) && gen.is_unstarted() {
            return Err(self.type_error(format!(
                "can't send non-None value to a just-started {}",
                kind_words(gen.kind)
            )));
        }
        let first = gen.is_unstarted();
        let Some(state) = gen.take_frame(&self.frame_pool, &self.none()) else {
            return match throw {
                Some(err) => Err(err),
                None if gen.kind == GenKind::Coroutine => {
                    Err(self.new_exc(Exc::RuntimeError, "cannot reuse already awaited coroutine"))
                }
                None => Ok(Step::Returned(self.none())),
            };
        };
        gen.running.set(true);
        let exc_base = self.exc_stack.borrow().len();
        let saved = gen.take_handled();
        if !saved.is_empty() {
            self.exc_stack.borrow_mut().extend(saved);
        }
        let result = self.resume_frame(state, value, throw);
        gen.running.set(false);
        let handled = self.handled_since(exc_base);
        match result {
            Ok(Exit::Yield(v, mut state)) => {
                gen.save_handled(handled);
                if first {
                    trim_suspended(&mut state);
                }
                gen.put_frame(state);
                Ok(Step::Yielded(v))
            }
            Ok(Exit::Return(v)) => {
                drop(handled);
                gen.finished.set(true);
                Ok(Step::Returned(v))
            }
            Err(err) => {
                drop(handled);
                gen.finished.set(true);
                Err(self.leaked_stop(gen.kind, err))
            }
        }
    }

    /// The exceptions a frame left on the handled-exception stack above `base` (those whose
    /// handlers it suspended in), taken off it.
    fn handled_since(&self, base: usize) -> Vec<PyRef> {
        let mut stack = self.exc_stack.borrow_mut();
        if stack.len() > base {
            stack.split_off(base)
        } else {
            Vec::new()
        }
    }

    /// PEP 479: a StopIteration (or, from an async generator, StopAsyncIteration) escaping
    /// the frame becomes a RuntimeError caused by it.
    fn leaked_stop(&self, kind: GenKind, err: PyErr) -> PyErr {
        let leaked = if self.exc_matches(&err.0, Exc::StopIteration) {
            "StopIteration"
        } else if kind == GenKind::AsyncGenerator
            && self.exc_matches(&err.0, Exc::StopAsyncIteration)
        {
            "StopAsyncIteration"
        } else {
            return err;
        };
        let msg = format!("{} raised {leaked}", kind_words(kind));
        let wrapped = self.new_exc(Exc::RuntimeError, msg);
        let _ = self.instance_set(&wrapped.0, &self.intern("__cause__"), err.0.clone());
        let _ = self.instance_set(&wrapped.0, &self.intern("__context__"), err.0);
        wrapped
    }

    /// Runs a suspended frame again: a thrown exception goes first to the iterator it is
    /// delegating to, if any; that iterator finishing resumes the frame after the delegation.
    fn resume_frame(
        &self,
        mut state: Box<FrameState>,
        value: PyRef,
        throw: Option<PyErr>,
    ) -> PyResult<Exit> {
        let Some(err) = throw else {
            if state.ip > 0 {
                state.stack.push(value);
            }
            return self.run_frame(state, None);
        };
        if !is_delegating(&state) {
            return self.run_frame(state, Some(err));
        }
        let Some(sub) = state.stack.last().cloned() else {
            return self.run_frame(state, Some(err));
        };
        let finished = match self.delegate_throw(&sub, err) {
            Ok(Some(v)) => return Ok(Exit::Yield(v, state)),
            Ok(None) => self.none(),
            Err(e) if self.exc_matches(&e.0, Exc::StopIteration) => self.stop_value(&e),
            Err(e) => return self.run_frame(state, Some(e)),
        };
        drop(sub);
        drop(state.stack.pop());
        state.stack.push(finished);
        state.ip += 1;
        self.run_frame(state, None)
    }

    /// The value a StopIteration carries (None without one).
    pub fn stop_value(&self, err: &PyErr) -> PyRef {
        self.exc_args(&err.0)
            .into_iter()
            .next()
            .unwrap_or_else(|| self.none())
    }

    /// Sends `value` into the iterator a `yield from`/`await` drives: what it yielded, or
    /// the value it finished with.
    pub fn delegate_send(&self, sub: &PyRef, value: PyRef) -> PyResult<Step> {
        match &**sub {
            Obj::Generator(_) => return self.gen_step(sub, value, None),
            Obj::Iter(s) if matches!(&*s.borrow(), IterState::Await(_)) => {
                return self.await_iter_step(sub, value);
            }
            _ => {}
        }
        let sent = self.send_to_iterator(sub, value);
        match sent {
            Ok(Some(v)) => Ok(Step::Yielded(v)),
            Ok(None) => Ok(Step::Returned(self.none())),
            Err(e) if self.exc_matches(&e.0, Exc::StopIteration) => {
                Ok(Step::Returned(self.stop_value(&e)))
            }
            Err(e) => Err(e),
        }
    }

    /// [`Vm::delegate_send`] to an iterator other than a generator: `Some` is a value it
    /// yielded; its end is `None` or a StopIteration error with its value.
    fn send_to_iterator(&self, sub: &PyRef, value: PyRef) -> PyResult<Option<PyRef>> {
        match &**sub {
            Obj::Iter(s) if matches!(&*s.borrow(), IterState::Await(_)) => {
                self.await_iter_send(sub, value, None)
            }
            Obj::Instance(_) => {
                let method = if self.is_none(&value) {
                    self.get_attr(sub, &self.intern("__next__"))?
                } else {
                    self.get_attr(sub, &self.intern("send"))?
                };
                let args = if self.is_none(&value) {
                    Vec::new()
                } else {
                    vec![value]
                };
                self.call(&method, &args).map(Some)
            }
            _ if self.is_none(&value) => self.next(sub),
            _ => {
                let send = self.get_attr(sub, &self.intern("send"))?;
                self.call(&send, &[value]).map(Some)
            }
        }
    }

    /// Throws `err` into the iterator a `yield from`/`await` drives. GeneratorExit closes
    /// it instead and comes back as the error, to be raised in the delegating frame.
    pub fn delegate_throw(&self, sub: &PyRef, err: PyErr) -> PyResult<Option<PyRef>> {
        if self.exc_matches(&err.0, Exc::GeneratorExit) {
            self.close_iterator(sub)?;
            return Err(err);
        }
        match &**sub {
            Obj::Generator(_) => self.gen_resume(sub, self.none(), Some(err)),
            Obj::Iter(s) if matches!(&*s.borrow(), IterState::Await(_)) => {
                self.await_iter_send(sub, self.none(), Some(err))
            }
            _ => {
                let Ok(throw) = self.get_attr(sub, &self.intern("throw")) else {
                    return Err(err);
                };
                let tb = self
                    .instance_get(&err.0, "__traceback__")
                    .unwrap_or_else(|| self.none());
                let typ = self.type_of(&err.0);
                self.call(&throw, &[typ, err.0, tb]).map(Some)
            }
        }
    }

    /// Closes what a `yield from`/`await` drives, when it can be closed.
    fn close_iterator(&self, sub: &PyRef) -> PyResult<()> {
        match &**sub {
            Obj::Generator(_) => self.gen_close(sub),
            Obj::Iter(s) if matches!(&*s.borrow(), IterState::Await(_)) => {
                self.await_iter_close(sub);
                Ok(())
            }
            Obj::Iter(_) => Ok(()),
            _ => match self.get_attr(sub, &self.intern("close")) {
                Ok(close) => self.call(&close, &[]).map(drop),
                Err(_) => Ok(()),
            },
        }
    }

    /// `gen.close()`: throws GeneratorExit in; fine if it finishes or re-raises it.
    pub fn gen_close(&self, gen_obj: &PyRef) -> PyResult<()> {
        let Obj::Generator(gen) = &**gen_obj else {
            return Ok(());
        };
        let started = gen.suspended_ip().is_some_and(|ip| ip > 0);
        if !started {
            gen.finished.set(true);
            gen.discard_frame();
            return Ok(());
        }
        let exit = self.new_exc(Exc::GeneratorExit, "");
        match self.gen_resume(gen_obj, self.none(), Some(exit)) {
            Ok(Some(_)) => Err(self.new_exc(
                Exc::RuntimeError,
                format!("{} ignored GeneratorExit", kind_words(gen.kind)),
            )),
            Ok(None) => Ok(()),
            Err(e)
                if self.exc_matches(&e.0, Exc::GeneratorExit)
                    || self.exc_matches(&e.0, Exc::StopIteration) =>
            {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// `StopIteration(value)`.
    pub fn stop_iteration(&self, value: PyRef) -> PyErr {
        match self.instantiate_exception(self.types.exc(Exc::StopIteration).clone(), vec![value]) {
            Ok(e) => PyErr(e),
            Err(e) => e,
        }
    }
}

/// A generator's frame, at its first suspension, comes from the frame pool with the
/// capacity of whatever frame used it before (up to `FramePool::MAX_SLOTS` values each):
/// trimmed to what it holds, plus room for a few pushes, so that a suspended generator or
/// coroutine keeps about its own values (async_tree holds 56,000 coroutines suspended at
/// once; each kept ~340 bytes of spare capacity). Once only: later suspensions keep the
/// capacity the frame grew to, so that a resumed frame does not reallocate each time.
fn trim_suspended(frame: &mut FrameState) {
    const ROOM: usize = 4;
    let stack = frame.stack.len() + ROOM;
    frame.stack.shrink_to(stack);
    frame.locals.shrink_to_fit();
    frame.cells.shrink_to_fit();
    let blocks = frame.blocks.len() + 1;
    frame.blocks.shrink_to(blocks);
}
