//! The `await` protocol (`__await__`, `__aiter__`, `__anext__`, `__aenter__`, `__aexit__`),
//! the awaitable helpers of coroutines and async generators (CPython's `coroutine_wrapper`,
//! `async_generator_asend` and `async_generator_athrow`), and the attributes of generator-like
//! objects (`gi_*`, `cr_*`, `ag_*`).

use super::generator::Step;
use super::{Exc, PyErr, PyResult, Vm};
use crate::objects::frame::{AwaitIter, AwaitKind, AwaitState, FrameState, GenKind};
use crate::objects::iter::IterState;
use crate::objects::{Obj, PyRef};

/// Where an awaitable comes from, for the wording of CPython's errors.
#[derive(Clone, Copy)]
pub enum AwaitContext {
    /// An `await` expression.
    Await,
    /// The result of `__aenter__` in `async with`.
    AEnter,
    /// The result of `__aexit__` in `async with`.
    AExit,
}

impl AwaitContext {
    /// From the operand of `GetAwaitable`.
    pub fn from_flag(flag: u8) -> AwaitContext {
        match flag {
            1 => AwaitContext::AEnter,
            2 => AwaitContext::AExit,
            _ => AwaitContext::Await,
        }
    }
}

impl Vm {
    /// The special method `name` of `obj`'s type, bound to `obj`.
    fn type_method(&self, obj: &PyRef, name: &str) -> PyResult<Option<PyRef>> {
        let class = self.type_of(obj);
        match self.class_lookup(&class, name) {
            Some(attr) => self.bind(attr, obj, &class).map(Some),
            None => Ok(None),
        }
    }

    /// What `await obj` drives: a coroutine itself (or a `types.coroutine` generator), else
    /// the iterator `obj.__await__()` returns.
    pub fn get_awaitable(&self, obj: &PyRef, context: AwaitContext) -> PyResult {
        if let Obj::Generator(g) = &**obj {
            let awaitable = g.kind == GenKind::Coroutine
                || (g.kind == GenKind::Generator && g.code.iterable_coroutine.get());
            if awaitable {
                if g.kind == GenKind::Coroutine && self.gen_awaiting(obj).is_some() {
                    return Err(
                        self.new_exc(Exc::RuntimeError, "coroutine is being awaited already")
                    );
                }
                return Ok(obj.clone());
            }
        }
        let Some(await_) = self.type_method(obj, "__await__")? else {
            let tn = self.type_name(obj);
            return Err(self.type_error(match context {
                AwaitContext::Await => {
                    format!("object {tn} can't be used in 'await' expression")
                }
                AwaitContext::AEnter => format!(
                    "'async with' received an object from __aenter__ that does not implement __await__: {tn}"
                ),
                AwaitContext::AExit => format!(
                    "'async with' received an object from __aexit__ that does not implement __await__: {tn}"
                ),
            }));
        };
        let it = self.call(&await_, &[])?;
        if matches!(&*it, Obj::Generator(g) if g.kind == GenKind::Coroutine) {
            return Err(self.type_error("__await__() returned a coroutine"));
        }
        if !self.is_iterator(&it)? {
            return Err(self.type_error(format!(
                "__await__() returned non-iterator of type '{}'",
                self.type_name(&it)
            )));
        }
        Ok(it)
    }

    /// Whether `obj` is an iterator (has `__next__`).
    fn is_iterator(&self, obj: &PyRef) -> PyResult<bool> {
        Ok(match &**obj {
            Obj::Generator(g) => g.kind == GenKind::Generator,
            Obj::Iter(s) => !matches!(&*s.borrow(), IterState::View { .. }),
            _ => self.class_lookup(&self.type_of(obj), "__next__").is_some(),
        })
    }

    /// `async for`'s `aiter(obj)`.
    pub fn get_aiter(&self, obj: &PyRef) -> PyResult {
        let Some(aiter) = self.type_method(obj, "__aiter__")? else {
            return Err(self.type_error(format!(
                "'async for' requires an object with __aiter__ method, got {}",
                self.type_name(obj)
            )));
        };
        let it = self.call(&aiter, &[])?;
        if self.class_lookup(&self.type_of(&it), "__anext__").is_none() {
            return Err(self.type_error(format!(
                "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                self.type_name(&it)
            )));
        }
        Ok(it)
    }

    /// `async for`'s step: the awaitable of `aiter.__anext__()`.
    pub fn get_anext(&self, aiter: &PyRef) -> PyResult {
        if matches!(&**aiter, Obj::Generator(g) if g.kind == GenKind::AsyncGenerator) {
            return self.new_await_iter(AwaitKind::ASend, aiter, None);
        }
        let Some(anext) = self.type_method(aiter, "__anext__")? else {
            return Err(self.type_error(format!(
                "'async for' requires an iterator with __anext__ method, got {}",
                self.type_name(aiter)
            )));
        };
        let awaitable = self.call(&anext, &[])?;
        self.get_awaitable(&awaitable, AwaitContext::Await)
            .map_err(|_| {
                self.type_error(format!(
                    "'async for' received an invalid object from __anext__: {}",
                    self.type_name(&awaitable)
                ))
            })
    }

    /// What `yield from obj` drives: a generator as it is, a coroutine only in a
    /// `types.coroutine` generator, anything else through `iter()`.
    pub fn yield_from_iter(&self, f: &FrameState, obj: PyRef) -> PyResult {
        match &*obj {
            Obj::Generator(g) if g.kind == GenKind::Generator => Ok(obj),
            Obj::Generator(g) if g.kind == GenKind::Coroutine => {
                if f.code.iterable_coroutine.get() {
                    Ok(obj)
                } else {
                    Err(self.type_error(
                        "cannot 'yield from' a coroutine object in a non-coroutine generator",
                    ))
                }
            }
            _ => self.get_iter(&obj),
        }
    }

    /// `async with`'s entry: [bound `__aexit__`, awaitable of `__aenter__()`].
    pub fn before_async_with(&self, ctx: &PyRef) -> PyResult<(PyRef, PyRef)> {
        let protocol = || {
            self.type_error(format!(
                "'{}' object does not support the asynchronous context manager protocol",
                self.type_name(ctx)
            ))
        };
        let aenter = self.type_method(ctx, "__aenter__")?.ok_or_else(protocol)?;
        let aexit = self.type_method(ctx, "__aexit__")?.ok_or_else(protocol)?;
        let entered = self.call(&aenter, &[])?;
        Ok((aexit, entered))
    }

    /// In an `async with`'s handler: the awaitable of `__aexit__(type, exc, tb)`.
    pub fn async_with_except_call(&self, aexit: &PyRef, exc: &PyRef) -> PyResult {
        let tb = self
            .instance_get(exc, "__traceback__")
            .unwrap_or_else(|| self.none());
        self.call(aexit, &[self.type_of(exc), exc.clone(), tb])
    }

    /// The iterator a suspended coroutine or generator is awaiting (`cr_await`,
    /// `gi_yieldfrom`), if it is suspended in `await` or `yield from`.
    pub fn gen_awaiting(&self, obj: &PyRef) -> Option<PyRef> {
        let Obj::Generator(g) = &**obj else {
            return None;
        };
        g.awaiting()
    }

    /// A new awaitable helper of `kind` over `target`.
    pub fn new_await_iter(&self, kind: AwaitKind, target: &PyRef, arg: Option<PyRef>) -> PyResult {
        self.new_iter(IterState::Await(Box::new(AwaitIter {
            kind,
            target: target.clone(),
            arg,
            state: std::cell::Cell::new(AwaitState::Init),
        })))
    }

    /// The fields of an awaitable helper.
    fn await_parts(&self, it: &PyRef) -> PyResult<(AwaitKind, PyRef, Option<PyRef>, AwaitState)> {
        if let Obj::Iter(s) = &**it {
            if let IterState::Await(a) = &*s.borrow() {
                return Ok((a.kind, a.target.clone(), a.arg.clone(), a.state.get()));
            }
        }
        Err(self.type_error("not an awaitable helper"))
    }

    fn set_await_state(&self, it: &PyRef, state: AwaitState) {
        if let Obj::Iter(s) = &**it {
            if let IterState::Await(a) = &*s.borrow() {
                a.state.set(state);
            }
        }
    }

    /// `send(value)` / `throw(err)` on an awaitable helper: `Some` is a value passed on to
    /// whoever drives the await; the end is `None` or a StopIteration error with the result.
    pub fn await_iter_send(
        &self,
        it: &PyRef,
        value: PyRef,
        throw: Option<PyErr>,
    ) -> PyResult<Option<PyRef>> {
        let (kind, target, arg, state) = self.await_parts(it)?;
        match kind {
            AwaitKind::CoroWrapper => self.gen_resume(&target, value, throw),
            AwaitKind::ASend => match self.asend_step(it, &target, arg, state, value, throw)? {
                Step::Yielded(v) => Ok(Some(v)),
                Step::Returned(v) => Err(self.async_yield_stop(v)),
            },
            AwaitKind::AThrow | AwaitKind::AClose => {
                self.athrow_step(it, kind, &target, arg, state, value, throw)
            }
        }
    }

    /// The StopIteration that ends an awaitable helper's `send` with what the async
    /// generator yielded: `StopIteration()` for None, as CPython's `PyErr_SetObject`
    /// normalizes it, else `StopIteration(value)`.
    fn async_yield_stop(&self, value: PyRef) -> PyErr {
        if !self.is_none(&value) {
            return self.stop_iteration(value);
        }
        let cls = self.types.exc(Exc::StopIteration).clone();
        match self.instantiate_exception(cls, Vec::new()) {
            Ok(e) => PyErr(e),
            Err(e) => e,
        }
    }

    /// [`Vm::await_iter_send`] for `await` and `async for`, which take the value the await
    /// ends with as it is: an async generator's `yield` is not made into a StopIteration
    /// that the awaiting frame would catch at once (CPython's lazily normalized
    /// `_PyGen_SetStopIterationValue` spares it the same way).
    pub fn await_iter_step(&self, it: &PyRef, value: PyRef) -> PyResult<Step> {
        let (kind, target, arg, state) = self.await_parts(it)?;
        match kind {
            AwaitKind::CoroWrapper => self.gen_step(&target, value, None),
            AwaitKind::ASend => self.asend_step(it, &target, arg, state, value, None),
            AwaitKind::AThrow | AwaitKind::AClose => {
                match self.athrow_step(it, kind, &target, arg, state, value, None) {
                    Ok(Some(v)) => Ok(Step::Yielded(v)),
                    Ok(None) => Ok(Step::Returned(self.none())),
                    Err(e) if self.exc_matches(&e.0, Exc::StopIteration) => {
                        Ok(Step::Returned(self.stop_value(&e)))
                    }
                    Err(e) => Err(e),
                }
            }
        }
    }

    /// `close()` on an awaitable helper: it can no longer be awaited.
    pub fn await_iter_close(&self, it: &PyRef) {
        self.set_await_state(it, AwaitState::Closed);
    }

    /// One step of `agen.asend(v)` (CPython's `async_gen_asend_send`).
    fn asend_step(
        &self,
        it: &PyRef,
        agen: &PyRef,
        arg: Option<PyRef>,
        state: AwaitState,
        value: PyRef,
        throw: Option<PyErr>,
    ) -> PyResult<Step> {
        let Obj::Generator(g) = &**agen else {
            return Err(self.type_error("not an async generator"));
        };
        if state == AwaitState::Closed {
            return Err(self.new_exc(
                Exc::RuntimeError,
                "cannot reuse already awaited __anext__()/asend()",
            ));
        }
        let mut value = value;
        if state == AwaitState::Init {
            if g.running_async.get() {
                return Err(self.new_exc(
                    Exc::RuntimeError,
                    "anext(): asynchronous generator is already running",
                ));
            }
            if self.is_none(&value) {
                value = arg.unwrap_or_else(|| self.none());
            }
            self.set_await_state(it, AwaitState::Iter);
            g.running_async.set(true);
        }
        let step = self.gen_resume(agen, value, throw);
        self.unwrap_async_gen_step(it, agen, step)
    }

    /// What a step of an async generator means to the awaitable driving it (CPython's
    /// `async_gen_unwrap_value`): a `yield` ends the await with that value (`Returned`), a
    /// value passed up from an `await` inside goes on to the event loop (`Yielded`), the
    /// generator's end is StopAsyncIteration.
    fn unwrap_async_gen_step(
        &self,
        it: &PyRef,
        agen: &PyRef,
        step: PyResult<Option<PyRef>>,
    ) -> PyResult<Step> {
        let Obj::Generator(g) = &**agen else {
            return step.map(|v| match v {
                Some(v) => Step::Yielded(v),
                None => Step::Returned(self.none()),
            });
        };
        let done = || {
            g.running_async.set(false);
            self.set_await_state(it, AwaitState::Closed);
        };
        match step {
            Ok(Some(v)) if self.gen_awaiting(agen).is_none() => {
                done();
                Ok(Step::Returned(v))
            }
            Ok(Some(v)) => Ok(Step::Yielded(v)),
            Ok(None) => {
                done();
                Err(self.new_exc(Exc::StopAsyncIteration, ""))
            }
            Err(e) => {
                done();
                Err(e)
            }
        }
    }

    /// One step of `agen.athrow(...)` or `agen.aclose()` (CPython's
    /// `async_gen_athrow_send`).
    #[allow(clippy::too_many_arguments)]
    fn athrow_step(
        &self,
        it: &PyRef,
        kind: AwaitKind,
        agen: &PyRef,
        arg: Option<PyRef>,
        state: AwaitState,
        value: PyRef,
        throw: Option<PyErr>,
    ) -> PyResult<Option<PyRef>> {
        let Obj::Generator(g) = &**agen else {
            return Err(self.type_error("not an async generator"));
        };
        let closing = kind == AwaitKind::AClose;
        if state == AwaitState::Closed {
            return Err(self.new_exc(
                Exc::RuntimeError,
                "cannot reuse already awaited aclose()/athrow()",
            ));
        }
        if g.finished.get() {
            self.set_await_state(it, AwaitState::Closed);
            return Ok(None);
        }
        let step = if state == AwaitState::Init {
            if g.running_async.get() {
                self.set_await_state(it, AwaitState::Closed);
                let what = if closing { "aclose" } else { "athrow" };
                return Err(self.new_exc(
                    Exc::RuntimeError,
                    format!("{what}(): asynchronous generator is already running"),
                ));
            }
            if !self.is_none(&value) {
                return Err(self.new_exc(
                    Exc::RuntimeError,
                    "can't send non-None value to a just-started coroutine",
                ));
            }
            self.set_await_state(it, AwaitState::Iter);
            g.running_async.set(true);
            let err = match (throw, arg) {
                (Some(err), _) => err,
                (None, Some(exc)) if !closing => PyErr(exc),
                _ => self.new_exc(Exc::GeneratorExit, ""),
            };
            self.gen_resume(agen, self.none(), Some(err))
        } else {
            match throw {
                Some(err) => self.gen_resume(agen, self.none(), Some(err)),
                None => self.gen_resume(agen, value, None),
            }
        };
        if !closing {
            return match self.unwrap_async_gen_step(it, agen, step)? {
                Step::Yielded(v) => Ok(Some(v)),
                Step::Returned(v) => Err(self.async_yield_stop(v)),
            };
        }
        let done = || {
            g.running_async.set(false);
            self.set_await_state(it, AwaitState::Closed);
        };
        match step {
            Ok(Some(_)) if self.gen_awaiting(agen).is_none() => {
                done();
                Err(self.new_exc(Exc::RuntimeError, "async generator ignored GeneratorExit"))
            }
            Ok(Some(v)) => Ok(Some(v)),
            Ok(None) => {
                done();
                Ok(None)
            }
            Err(e)
                if self.exc_matches(&e.0, Exc::StopAsyncIteration)
                    || self.exc_matches(&e.0, Exc::GeneratorExit) =>
            {
                done();
                Ok(None)
            }
            Err(e) => {
                done();
                Err(e)
            }
        }
    }

    /// The attributes of generators (`gi_*`), coroutines (`cr_*`) and async generators
    /// (`ag_*`), and their `__name__` and `__qualname__`.
    pub(super) fn gen_attr(&self, obj: &PyRef, key: &str) -> Option<PyResult> {
        let Obj::Generator(g) = &**obj else {
            return None;
        };
        let prefix = match g.kind {
            GenKind::Generator => "gi_",
            GenKind::Coroutine => "cr_",
            GenKind::AsyncGenerator => "ag_",
        };
        if key == "__name__" {
            return Some(self.str(&*g.code.name));
        }
        if key == "__qualname__" {
            return Some(self.str(&*g.code.qualname));
        }
        let field = key.strip_prefix(prefix)?;
        Some(match field {
            "running" => Ok(self.bool(g.running.get())),
            "code" => self.code_object(&g.code),
            "frame" => self.gen_frame(obj),
            "await" if g.kind != GenKind::Generator => {
                Ok(self.gen_awaiting(obj).unwrap_or_else(|| self.none()))
            }
            "yieldfrom" if g.kind == GenKind::Generator => {
                Ok(self.gen_awaiting(obj).unwrap_or_else(|| self.none()))
            }
            "suspended" if g.kind == GenKind::Generator => {
                Ok(self.bool(!g.running.get() && !g.is_unstarted() && g.suspended_ip().is_some()))
            }
            "origin" if g.kind == GenKind::Coroutine => Ok(self.none()),
            "running_async" if g.kind == GenKind::AsyncGenerator => {
                Ok(self.bool(g.running_async.get()))
            }
            _ => return None,
        })
    }

    /// `gi_frame`/`cr_frame`/`ag_frame`: the frame object of the suspended frame (None
    /// once finished).
    fn gen_frame(&self, obj: &PyRef) -> PyResult {
        let Obj::Generator(g) = &**obj else {
            return Ok(self.none());
        };
        let Some(mut frame) = g.take_frame(&self.frame_pool, &self.none()) else {
            return Ok(self.none());
        };
        let object = self.frame_obj(&mut frame);
        if let Ok(object) = &object {
            self.refresh_frame_obj(&frame, object);
        }
        g.put_frame(frame);
        object
    }

    /// A coroutine dies without having been awaited: CPython's RuntimeWarning.
    pub fn warn_unawaited(&self, coro: &PyRef) {
        let Obj::Generator(g) = &**coro else { return };
        let msg = format!("coroutine '{}' was never awaited", g.code.qualname);
        let warned = self.import_absolute("warnings").and_then(|warnings| {
            let warn = self.get_attr(&warnings, &self.intern("warn"))?;
            let category = self.types.exc(Exc::RuntimeWarning).clone();
            self.call(&warn, &[self.str(msg)?, category])
        });
        if let Err(err) = warned {
            self.report_unraisable(
                &format!(
                    "Exception ignored in: {}",
                    self.repr(coro).unwrap_or_default()
                ),
                &err.0,
            );
        }
    }
}
