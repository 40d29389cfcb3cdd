//! The frames that are running, as a watching tool (the report's allocation sites) sees them.
//!
//! The eval loop owns its frames (`run_frame` keeps them in locals), so nothing outside it can
//! read a frame's instruction pointer while an instruction runs. When a report is recorded,
//! `run_frame` tells a [`Trail`] about each frame it enters and leaves and about the
//! instruction each step starts; without a report it uses `()`, whose [`FrameWatch`] methods
//! are empty and compile to nothing.
//!
//! Codes are named by address. Every code that enters the trail is kept alive by it for the
//! rest of the run, so an address never comes to name another code.

use hashbrown::HashMap;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::objects::Code;

/// What `run_frame` reports about its frames.
pub trait FrameWatch {
    /// A frame running `code` starts (on top of the current one).
    fn enter(&self, code: &Rc<Code>);
    /// The innermost frame starts the instruction at `ip`.
    fn step(&self, ip: u32);
    /// The innermost frame is gone.
    fn leave(&self);
}

impl FrameWatch for () {
    #[inline(always)]
    fn enter(&self, _code: &Rc<Code>) {}
    #[inline(always)]
    fn step(&self, _ip: u32) {}
    #[inline(always)]
    fn leave(&self) {}
}

/// Where a frame is: its code (by address) and the instruction it runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Spot {
    /// Address of the frame's code; 0 outside any frame.
    pub code: usize,
    /// Index of the instruction being run.
    pub ip: u32,
}

/// Slots of the cache of codes already registered.
const SEEN_SLOTS: usize = 256;

/// The running frames, innermost last.
pub struct Trail {
    /// Frames below the innermost, each at the instruction it was running when it called.
    outer: RefCell<Vec<Spot>>,
    /// The innermost frame's code (0 outside any frame).
    inner_code: Cell<usize>,
    /// The innermost frame's instruction, set by every step (one store).
    inner_ip: Cell<u32>,
    /// Every code seen, kept alive so that its address stays its own.
    codes: RefCell<HashMap<usize, Rc<Code>>>,
    /// Codes known to be in `codes`, by a hash of their address (a hint, checked in full).
    seen: [Cell<usize>; SEEN_SLOTS],
}

impl Default for Trail {
    fn default() -> Self {
        Trail {
            outer: RefCell::new(Vec::new()),
            inner_code: Cell::new(0),
            inner_ip: Cell::new(0),
            codes: RefCell::new(HashMap::new()),
            seen: std::array::from_fn(|_| Cell::new(0)),
        }
    }
}

impl FrameWatch for Trail {
    fn enter(&self, code: &Rc<Code>) {
        let address = Rc::as_ptr(code) as usize;
        self.register(address, code);
        let outer = self.here();
        self.outer.borrow_mut().push(outer);
        self.inner_code.set(address);
        self.inner_ip.set(0);
    }

    #[inline(always)]
    fn step(&self, ip: u32) {
        self.inner_ip.set(ip);
    }

    fn leave(&self) {
        let outer = self.outer.borrow_mut().pop().unwrap_or_default();
        self.inner_code.set(outer.code);
        self.inner_ip.set(outer.ip);
    }
}

impl Trail {
    fn register(&self, address: usize, code: &Rc<Code>) {
        let slot = &self.seen[(address >> 4) % SEEN_SLOTS];
        if slot.get() != address {
            self.codes
                .borrow_mut()
                .entry(address)
                .or_insert_with(|| code.clone());
            slot.set(address);
        }
    }

    /// The innermost frame's spot (code 0 outside any frame).
    #[inline(always)]
    pub fn here(&self) -> Spot {
        Spot {
            code: self.inner_code.get(),
            ip: self.inner_ip.get(),
        }
    }

    /// Up to `depth` frames, innermost first.
    pub fn stack(&self, depth: usize) -> Vec<Spot> {
        let inner = self.here();
        if inner.code == 0 {
            return Vec::new();
        }
        let outer = self.outer.borrow();
        std::iter::once(inner)
            .chain(outer.iter().rev().copied().filter(|s| s.code != 0))
            .take(depth)
            .collect()
    }

    /// At the end of a recorded run, when no spot is read any more: lets go of the codes
    /// without dropping the trail's handles, as the process is about to exit. Those handles
    /// are often the codes' last (their functions and modules are gone by then), and
    /// freeing every code of the run with its constants cost a run as short as
    /// bm_comprehensions 2% of its instructions; the memory goes back with the process.
    pub fn forget_codes(&self) {
        std::mem::forget(self.codes.take());
    }

    /// The code a spot names, if it names one.
    pub fn code(&self, spot: Spot) -> Option<Rc<Code>> {
        self.codes.borrow().get(&spot.code).cloned()
    }
}

/// Where a spot is in the source: file, line and function.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Place {
    /// Source file.
    pub file: Rc<str>,
    /// Line (1-based).
    pub line: u32,
    /// Qualified name of the function (`<module>` for module code).
    pub function: Rc<str>,
}

impl Place {
    /// The place of `ip` in `code`.
    pub fn of(code: &Code, ip: u32) -> Place {
        Place {
            file: code.filename.clone(),
            line: code
                .lines
                .get(ip as usize)
                .copied()
                .unwrap_or(code.first_line),
            function: code.qualname.clone(),
        }
    }
}
