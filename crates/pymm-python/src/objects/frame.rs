//! Execution state of a Python frame, and the heap objects that hold one: finished frames
//! kept by tracebacks, and suspended generators.

mod packed;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::PyRef;
use crate::compile::Instr;
use crate::objects::Code;
use crate::rt::{AllocError, ThreadHeapAllocator, Tracer};
pub use packed::PackedFrame;

/// A try block or handler in progress.
#[derive(Clone, Copy, Debug)]
pub struct Block {
    /// Where to jump when an exception arrives (0 for a handler block).
    pub handler: u32,
    /// Stack depth to restore.
    pub depth: u32,
    /// True for a running `except` handler (its exception is on `vm.exc_stack`).
    pub is_handler: bool,
}

/// Everything a running frame needs. Owned by the VM while it runs (its values are then roots,
/// held by Rust), by a generator object while suspended (traced from there).
pub struct FrameState {
    /// The code being run.
    pub code: Rc<Code>,
    /// Index of the next instruction.
    pub ip: u32,
    /// An `__init__` that a class call runs in the eval loop: the new instance waits on the
    /// caller's value stack, and the call gives it once `__init__` returned None (a flag in
    /// the padding after `ip`, so that frames, generators' among them, keep their size).
    pub returns_init: bool,
    /// The value stack.
    pub stack: Vec<PyRef>,
    /// Local variable slots.
    pub locals: Vec<Option<PyRef>>,
    /// Cells: the code's cellvars, then its freevars.
    pub cells: Vec<PyRef>,
    /// Active try blocks.
    pub blocks: Vec<Block>,
    /// Module namespace (dict).
    pub globals: PyRef,
    /// Class-body namespace (dict), for `LOAD_NAME`/`STORE_NAME`.
    pub namespace: Option<PyRef>,
    /// The frame object, made on demand for tracebacks.
    pub frame_obj: Option<PyRef>,
}

impl FrameState {
    /// A frame of `code` at its first instruction, with no values yet.
    pub fn empty(code: Rc<Code>, globals: PyRef) -> Box<FrameState> {
        Box::new(FrameState {
            code,
            ip: 0,
            stack: Vec::new(),
            locals: Vec::new(),
            cells: Vec::new(),
            blocks: Vec::new(),
            globals,
            namespace: None,
            frame_obj: None,
            returns_init: false,
        })
    }

    /// Bytes of the frame's box and vectors (what a boxed generator frame costs).
    pub fn size(&self) -> usize {
        use std::mem::size_of;
        size_of::<FrameState>()
            + self.stack.capacity() * size_of::<PyRef>()
            + self.locals.capacity() * size_of::<Option<PyRef>>()
            + self.cells.capacity() * size_of::<PyRef>()
            + self.blocks.capacity() * size_of::<Block>()
    }

    /// Visits every value the frame holds.
    pub fn trace(&self, tracer: &mut Tracer<'_>) {
        self.stack.iter().for_each(|v| tracer.visit(v));
        self.locals.iter().flatten().for_each(|v| tracer.visit(v));
        self.cells.iter().for_each(|v| tracer.visit(v));
        tracer.visit(&self.globals);
        if let Some(ns) = &self.namespace {
            tracer.visit(ns);
        }
        if let Some(f) = &self.frame_obj {
            tracer.visit(f);
        }
    }

    /// Binds a call's arguments into the local slots of this new frame (whose slots are
    /// empty): `self_arg` first, then the values of `stack` from `start`, which leave it, then
    /// unbound slots up to `fill_to`. One reservation and one pass of plain writes, where
    /// `extend(drain(..).map(Some))` then `resize` cost some 130 instructions a call.
    #[inline(always)]
    pub fn bind_from_stack(
        &mut self,
        self_arg: Option<PyRef>,
        stack: &mut Vec<PyRef>,
        start: usize,
        fill_to: usize,
    ) {
        debug_assert!(self.locals.is_empty(), "a new frame's slots are empty");
        let nargs = stack.len() - start;
        let first = usize::from(self_arg.is_some());
        let total = (first + nargs).max(fill_to);
        self.locals.reserve(total);
        let slots = self.locals.as_mut_ptr();
        // SAFETY: `total` slots are reserved (above, before anything moved) and the vector
        // is empty; each slot below `total` is written once before `set_len` covers it. The
        // arguments are read once each from the stack's slots `start..`, which the stack no
        // longer counts (its length is cut to `start` first), so each value has one owner;
        // nothing between the cut and the writes can panic.
        unsafe {
            if let Some(receiver) = self_arg {
                slots.write(Some(receiver));
            }
            let args = stack.as_ptr().add(start);
            stack.set_len(start);
            for i in 0..nargs {
                slots.add(first + i).write(Some(args.add(i).read()));
            }
            for i in first + nargs..total {
                slots.add(i).write(None);
            }
            self.locals.set_len(total);
        }
    }

    /// Pushes `value` on the value stack. Inlined into the eval loop, where `Vec::push` is
    /// not (the loop is too large for the compiler to inline it) and cost a call per push.
    #[inline(always)]
    pub fn push(&mut self, value: PyRef) {
        if self.stack.len() == self.stack.capacity() {
            self.grow_stack();
        }
        let len = self.stack.len();
        // SAFETY: `len < capacity` (grown just above if needed), so the slot at `len` is
        // allocated and unused; it is written before the length covers it.
        unsafe {
            self.stack.as_mut_ptr().add(len).write(value);
            self.stack.set_len(len + 1);
        }
    }

    #[cold]
    #[inline(never)]
    fn grow_stack(&mut self) {
        self.stack.reserve(1);
    }

    /// Line of the instruction last started.
    pub fn current_line(&self) -> u32 {
        let ip = self.ip.saturating_sub(1) as usize;
        self.code
            .lines
            .get(ip)
            .copied()
            .unwrap_or(self.code.first_line)
    }
}

/// Finished frames, emptied and kept for the next calls (as CPython keeps its frames in one
/// preallocated stack and reuses them LIFO): a Python call then gets its frame, value stack
/// and local slots without asking the allocator, and its stack does not grow again step by
/// step. A kept frame holds no Python value (its globals are the placeholder given back with
/// it), so that the pool keeps nothing alive and the collector need not see it.
///
/// ```
/// use pymm_python::objects::frame::FramePool;
///
/// let pool = FramePool::default();
/// assert!(pool.take().is_none());
/// ```
#[derive(Default)]
pub struct FramePool {
    /// Boxed: the box is what is reused (the loop, generators and the pool pass frames as
    /// boxes, and a frame moves between them without being copied or reallocated).
    #[allow(clippy::vec_box)]
    spare: RefCell<Vec<Box<FrameState>>>,
}

impl FramePool {
    /// Frames kept at most: deeper recursion than this allocates as before.
    const MAX_KEPT: usize = 64;
    /// A frame whose stack or slots grew beyond this many is let go rather than kept.
    const MAX_SLOTS: usize = 256;

    /// An emptied frame (code and globals still to set), if one is kept.
    #[inline]
    pub fn take(&self) -> Option<Box<FrameState>> {
        self.spare.borrow_mut().pop()
    }

    /// Empties `frame` and keeps it for a later [`FramePool::take`], with `placeholder` for
    /// globals. The values it held are dropped first, with no borrow of the pool held: a
    /// finalizer they run may call Python functions, which take frames themselves. Its code
    /// stays until the frame is reused (a code holds constants only: no finalizer waits on
    /// it).
    pub fn give_back(&self, mut frame: Box<FrameState>, placeholder: PyRef) {
        frame.stack.clear();
        frame.locals.clear();
        frame.cells.clear();
        frame.blocks.clear();
        frame.namespace = None;
        frame.frame_obj = None;
        drop(std::mem::replace(&mut frame.globals, placeholder));
        if frame.stack.capacity() > Self::MAX_SLOTS || frame.locals.capacity() > Self::MAX_SLOTS {
            return;
        }
        let mut spare = self.spare.borrow_mut();
        if spare.len() < Self::MAX_KEPT {
            spare.push(frame);
        }
    }
}

/// A frame object as tracebacks see it: code, globals, and (once the frame finished) locals.
pub struct FrameObj {
    /// The code.
    pub code: Rc<Code>,
    /// Module namespace.
    pub globals: PyRef,
    /// Locals and cells, moved here when the frame finished while still referenced.
    pub locals: RefCell<Vec<Option<PyRef>>>,
    /// `f_back`: the caller's frame object, linked when `sys._getframe` walks the stack.
    pub back: RefCell<Option<PyRef>>,
    /// `f_lineno`: the line running when the frame object was last handed out.
    pub line: Cell<u32>,
}

/// What a generator-like object is: the three kinds share one frame-resuming machinery, as
/// CPython's genobject.c shares it between generators, coroutines and async generators.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GenKind {
    /// A generator function's result (`def` with `yield`).
    Generator,
    /// An `async def` without `yield`.
    Coroutine,
    /// An `async def` with `yield`.
    AsyncGenerator,
}

impl GenKind {
    /// The kind a call of `code` makes, if it makes one.
    pub fn of(code: &Code) -> Option<GenKind> {
        match (code.is_async, code.is_generator) {
            (false, true) => Some(GenKind::Generator),
            (true, false) => Some(GenKind::Coroutine),
            (true, true) => Some(GenKind::AsyncGenerator),
            (false, false) => None,
        }
    }

    /// The type name, as CPython spells it.
    pub fn type_name(self) -> &'static str {
        match self {
            GenKind::Generator => "generator",
            GenKind::Coroutine => "coroutine",
            GenKind::AsyncGenerator => "async_generator",
        }
    }
}

// A generator's box is a 48-byte block of pymm's pools: what it holds besides its frame is
// a few flags and words.
const _: () = assert!(std::mem::size_of::<GenObj>() <= 48);

/// Whether a frame of `code` about to run instruction `ip` is suspended inside `yield
/// from`/`await` (its delegation instruction runs again when it resumes), rather than at a
/// plain `yield`.
pub fn delegates_at(code: &Code, ip: u32) -> bool {
    ip > 0 && matches!(code.instrs.get(ip as usize), Some(Instr::YieldFrom))
}

/// How a frame run by the eval loop (`Vm::run_frame`) ended. The loop, the calls that run
/// a frame to its end and the generators that resume one all speak it, so it lives below
/// them.
pub enum Exit {
    /// It returned a value.
    Return(PyRef),
    /// A generator frame yielded; here is its state to resume later.
    Yield(PyRef, Box<FrameState>),
}

/// What resuming a generator-like object gave: the eval loop, which runs the generator's
/// frame, and the VM's resumption (`vm/generator.rs`), which the loop calls for `yield
/// from`/`await`, both speak it, so it lives below both.
pub enum Step {
    /// A value it yielded.
    Yielded(PyRef),
    /// The value it returned, as it finished.
    Returned(PyRef),
}

/// Where a generator object lives: a box in the thread heap's pools, one word wide.
pub type GenBox = crate::rt::allocator_api2::boxed::Box<GenObj, ThreadHeapAllocator>;

/// A generator, coroutine or async generator object.
pub struct GenObj {
    /// Which of the three it is.
    pub kind: GenKind,
    /// The suspended frame of a generator that has run (or of a coroutine): the running
    /// frame's box, kept for the next resumption (`None` while running, once finished,
    /// and while the frame is packed).
    state: RefCell<Option<Box<FrameState>>>,
    /// The frame of a generator (not a coroutine) that has not started, packed into one
    /// block of pymm's pools ([`PackedFrame`]); unpacked into `state`'s shape when it
    /// first runs.
    packed: Cell<Option<PackedFrame>>,
    /// True while the generator's frame runs.
    pub running: Cell<bool>,
    /// True once it returned or raised.
    pub finished: Cell<bool>,
    /// The function's code (for its name).
    pub code: Rc<Code>,
    /// The exceptions its frame was handling when it last suspended (CPython's
    /// `gi_exc_state`): put back on the handled-exception stack when it resumes. Boxed and
    /// absent when there are none (nearly always), so that it costs a generator one word
    /// (a `Vec` in place would be three).
    #[allow(clippy::box_collection)]
    exc_state: Cell<Option<Box<Vec<PyRef>>>>,
    /// An async generator whose `asend`/`athrow` awaitable is being driven
    /// (`ag_running_async`).
    pub running_async: Cell<bool>,
}

impl GenObj {
    /// A suspended-at-start object of `kind` over `frame`. A generator or async generator
    /// packs the frame's values into one pool block and gives the box back to `pool`
    /// (with `placeholder` for its globals); a coroutine keeps the box: it is awaited as
    /// soon as it is made nearly always, and packing it would only be undone at once.
    pub fn new(
        kind: GenKind,
        mut frame: Box<FrameState>,
        pool: &FramePool,
        placeholder: PyRef,
    ) -> Result<GenObj, AllocError> {
        let code = frame.code.clone();
        let (state, packed) = if kind == GenKind::Coroutine {
            (Some(frame), None)
        } else {
            let packed = PackedFrame::new(&mut frame, placeholder.clone())?;
            pool.give_back(frame, placeholder);
            (None, Some(packed))
        };
        Ok(GenObj {
            kind,
            code,
            state: RefCell::new(state),
            packed: Cell::new(packed),
            running: Cell::new(false),
            finished: Cell::new(false),
            exc_state: Cell::new(None),
            running_async: Cell::new(false),
        })
    }

    /// The packed frame of a generator that has not started.
    fn packed(&self) -> Option<&PackedFrame> {
        // SAFETY: the cell is only emptied by `take_frame` and `discard_frame`, which hold
        // no reference from here (callers use it briefly, running no Python code).
        unsafe { (*self.packed.as_ptr()).as_ref() }
    }

    /// The suspended frame's next instruction (`None` while running or once finished).
    pub fn suspended_ip(&self) -> Option<u32> {
        match &*self.state.try_borrow().ok()? {
            Some(frame) => Some(frame.ip),
            None => self.packed().map(PackedFrame::ip),
        }
    }

    /// The suspended frame, to run (the generator holds none until
    /// [`GenObj::put_frame`]).
    #[inline]
    pub fn take_frame(&self, pool: &FramePool, placeholder: &PyRef) -> Option<Box<FrameState>> {
        let frame = self.state.borrow_mut().take();
        frame.or_else(|| self.unpack_frame(pool, placeholder))
    }

    /// The frame of a generator about to start, unpacked into a frame from `pool` (or a
    /// new one, with `placeholder` for globals until the stored ones move in).
    #[cold]
    fn unpack_frame(&self, pool: &FramePool, placeholder: &PyRef) -> Option<Box<FrameState>> {
        let packed = self.packed.take()?;
        let mut frame = match pool.take() {
            Some(mut frame) => {
                frame.code = self.code.clone();
                frame
            }
            None => FrameState::empty(self.code.clone(), placeholder.clone()),
        };
        packed.unpack(&mut frame);
        Some(frame)
    }

    /// Suspends `frame` (from [`GenObj::take_frame`]) in the generator.
    #[inline]
    pub fn put_frame(&self, frame: Box<FrameState>) {
        *self.state.borrow_mut() = Some(frame);
    }

    /// Drops the suspended frame, if any (closing an unstarted generator), after taking it
    /// out: a finalizer its values run may look at the generator.
    pub fn discard_frame(&self) {
        let state = self.state.borrow_mut().take();
        drop(state);
        drop(self.packed.take());
    }

    /// The iterator the suspended frame delegates to in `yield from`/`await`, if it does
    /// (an unstarted frame does not).
    pub fn awaiting(&self) -> Option<PyRef> {
        match &*self.state.try_borrow().ok()? {
            Some(frame) if delegates_at(&frame.code, frame.ip) => frame.stack.last().cloned(),
            _ => None,
        }
    }

    /// Bytes the generator owns outside its object's block (its box, and its frame: packed
    /// or boxed), for `sys.getsizeof`.
    pub fn extra_size(&self) -> usize {
        let boxed = match self.state.try_borrow().as_deref() {
            Ok(Some(frame)) => frame.size(),
            _ => 0,
        };
        std::mem::size_of::<GenObj>() + self.packed().map_or(0, PackedFrame::size) + boxed
    }

    /// Visits the suspended frame and the exceptions it was handling.
    pub fn trace(&self, tracer: &mut Tracer<'_>) {
        match self.state.try_borrow() {
            Ok(state) => {
                if let Some(frame) = state.as_ref() {
                    frame.trace(tracer);
                }
            }
            Err(_) => tracer.mark_busy(),
        }
        if let Some(packed) = self.packed() {
            packed.trace(tracer);
        }
        // SAFETY: the saved exceptions are only replaced by `save_handled` and
        // `take_handled`, which hold no reference into the cell and never run during a
        // trace (visiting runs no Python code); this reference ends here.
        if let Some(excs) = unsafe { &*self.exc_state.as_ptr() } {
            excs.iter().for_each(|e| tracer.visit(e));
        }
    }

    /// Keeps the exceptions the frame was handling as it suspends (nothing if none).
    #[inline]
    pub fn save_handled(&self, handled: Vec<PyRef>) {
        let saved = (!handled.is_empty()).then(|| Box::new(handled));
        drop(self.exc_state.replace(saved));
    }

    /// The exceptions the frame was handling when it suspended, to put back as it resumes.
    pub fn take_handled(&self) -> Vec<PyRef> {
        self.exc_state.take().map_or_else(Vec::new, |saved| *saved)
    }

    /// Whether it has not started yet (its frame is there, at its first instruction).
    pub fn is_unstarted(&self) -> bool {
        self.suspended_ip() == Some(0)
    }
}

/// What an awaitable helper object drives (CPython's `coroutine_wrapper`,
/// `async_generator_asend` and `async_generator_athrow`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AwaitKind {
    /// `coro.__await__()`: iterates the coroutine.
    CoroWrapper,
    /// `agen.asend(value)` / `agen.__anext__()`.
    ASend,
    /// `agen.athrow(...)`.
    AThrow,
    /// `agen.aclose()`.
    AClose,
}

/// Where an awaitable helper is in its life.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AwaitState {
    /// Not sent to yet.
    Init,
    /// Driving the generator.
    Iter,
    /// Done: sending again is an error.
    Closed,
}

/// An awaitable helper: the coroutine or async generator it drives, the value to send or
/// the exception to throw first, and its state.
pub struct AwaitIter {
    /// What it does.
    pub kind: AwaitKind,
    /// The coroutine or async generator.
    pub target: PyRef,
    /// The first value to send (`ASend`) or the exception to throw (`AThrow`).
    pub arg: Option<PyRef>,
    /// Its state.
    pub state: Cell<AwaitState>,
}
