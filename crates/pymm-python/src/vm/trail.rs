//! The frames that are running, as a watching tool (the report's allocation sites) sees them.
//!
//! The eval loop owns its frames (`run_frame` keeps them in locals), so nothing outside it can
//! read a frame's instruction pointer while an instruction runs. When a report is recorded,
//! `run_frame` tells a [`Trail`] about each frame it enters and leaves and publishes the
//! instruction it runs wherever the trail can be read before the next one starts: at an
//! instruction that may allocate (the recorder reads the trail at allocations), call (a
//! frame entered pushes its caller's spot) or drop an object's last reference (a `__del__`
//! runs Python code). The loads, stores of locals, jumps and tests that make up most of a
//! run publish nothing, as CPython's `tracemalloc` reads `prev_instr` only when it needs
//! it. Without a report the loop uses `()`, whose [`FrameWatch`] methods are empty and
//! compile to nothing. Debug builds check that every allocation and every frame entered
//! sees the instruction that truly runs (see [`Trail::check_published`]).
//!
//! Codes are named by a small number, their order of first entry (1 for the first; 0 is no
//! frame). Every code that enters the trail is kept by it for the rest of the run, so a
//! number never comes to name another code. Entering a frame (a call, and every resume of a
//! generator, about as often) costs a look into a small cache keyed by the code's address,
//! which answers the number; only a code not in the cache goes to the map. The stack below
//! the innermost frame is a vector of 8-byte spots.

use hashbrown::HashMap;
use std::cell::{Cell, RefCell, UnsafeCell};
use std::rc::Rc;

use crate::objects::{Code, PyRef};
use crate::rt::Gc;

/// What `run_frame` reports about its frames.
pub trait FrameWatch {
    /// A frame running `code` at instruction `ip` starts (on top of the current one).
    fn enter(&self, code: &Rc<Code>, ip: u32);
    /// The innermost frame runs the instruction at `ip`, which may allocate, call or drop a
    /// last reference.
    fn publish(&self, ip: u32);
    /// The innermost frame runs the instruction at `ip`, which drops `dying`: published if
    /// that is `dying`'s last reference (its end may run a `__del__`).
    fn publish_if_last(&self, ip: u32, dying: &PyRef);
    /// The innermost frame starts the instruction at `ip` (every instruction; debug builds
    /// only, where it is the truth [`Trail::check_published`] compares with).
    fn started(&self, ip: u32);
    /// The innermost frame is gone.
    fn leave(&self);
}

impl FrameWatch for () {
    #[inline(always)]
    fn enter(&self, _code: &Rc<Code>, _ip: u32) {}
    #[inline(always)]
    fn publish(&self, _ip: u32) {}
    #[inline(always)]
    fn publish_if_last(&self, _ip: u32, _dying: &PyRef) {}
    #[inline(always)]
    fn started(&self, _ip: u32) {}
    #[inline(always)]
    fn leave(&self) {}
}

/// Where a frame is: its code (by number, see the module's docs) and the instruction it runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Spot {
    /// Number of the frame's code in its trail; 0 outside any frame.
    pub code: u32,
    /// Index of the instruction being run.
    pub ip: u32,
}

/// Slots of the cache of codes already numbered.
const SEEN_SLOTS: usize = 256;

/// The cache's slot for a code's address: the top bits of a multiplicative hash, so that
/// codes whose addresses differ only in their high bits (blocks of one size class) spread.
#[inline(always)]
fn seen_slot(address: usize) -> usize {
    address.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (usize::BITS - SEEN_SLOTS.trailing_zeros())
}

/// The innermost frame's spot: the instruction, then the code number 8 bytes on. The eval
/// loop's [`Trail::publish`] stores the instruction alone (a 4-byte store) a few dozen
/// instructions before the recorder reads the spot (at the allocation it publishes for), so
/// the store is often still in the processor's store buffer when the spot is read. Side by
/// side, the two cells were read as one 8-byte load, which no 4-byte store can forward to:
/// the load waited for the store to reach the cache (a store-forwarding stall, at every
/// container allocation and every frame entered): bm_nqueens with `--report` took ~10%
/// more processor time for it, which no instruction count shows. Kept apart, each cell is
/// its own 4-byte load, and the instruction's is forwarded from the store.
#[repr(C)]
#[derive(Default)]
struct Inner {
    ip: Cell<u32>,
    /// Not read: keeps `code` out of the 8 bytes that hold `ip`, so that no load reads both.
    _apart: u32,
    code: Cell<u32>,
}

impl Inner {
    #[inline(always)]
    fn get(&self) -> Spot {
        Spot {
            code: self.code.get(),
            ip: self.ip.get(),
        }
    }

    #[inline(always)]
    fn set(&self, spot: Spot) {
        self.code.set(spot.code);
        self.ip.set(spot.ip);
    }
}

/// The running frames, innermost last.
pub struct Trail {
    /// Frames below the innermost, each at the instruction it was running when it called.
    /// An `UnsafeCell`, not a `RefCell`: it is pushed and popped on every call, return and
    /// generator resumption, where a `RefCell`'s borrow flag (test, set, clear) was ~0.46 M
    /// of bm_generators' 4.9 M instructions of recording. Only [`Trail::outer`] reaches it.
    outer: UnsafeCell<Vec<Spot>>,
    /// The innermost frame: its code number (0 outside any frame) and its instruction, set
    /// by every step.
    inner: Inner,
    /// Every code seen, in order of first entry (code number `n` is `codes[n - 1]`), kept
    /// alive so that its address is its own while it is a key of `numbers`.
    codes: RefCell<Vec<Rc<Code>>>,
    /// The number of each code seen, by address.
    numbers: RefCell<HashMap<usize, u32>>,
    /// Recently entered codes: address and number (a hint, checked against the address).
    seen: [Cell<(usize, u32)>; SEEN_SLOTS],
    /// Debug builds: the instruction the innermost frame truly runs, set at every start.
    #[cfg(debug_assertions)]
    truth: Cell<u32>,
}

impl Default for Trail {
    fn default() -> Self {
        Trail {
            outer: UnsafeCell::new(Vec::with_capacity(64)),
            inner: Inner::default(),
            codes: RefCell::new(Vec::new()),
            numbers: RefCell::new(HashMap::new()),
            seen: std::array::from_fn(|_| Cell::new((0, 0))),
            #[cfg(debug_assertions)]
            truth: Cell::new(0),
        }
    }
}

impl FrameWatch for Trail {
    #[inline]
    fn enter(&self, code: &Rc<Code>, ip: u32) {
        // the caller's spot goes into the stack: it must be its call's instruction
        self.check_published();
        let number = self.number(code);
        let outer = self.inner.get();
        self.outer(|stack| stack.push(outer));
        self.inner.set(Spot { code: number, ip });
        self.started(ip);
    }

    #[inline(always)]
    fn publish(&self, ip: u32) {
        // a 4-byte store, which the recorder's 4-byte read of `ip` is forwarded from
        self.inner.ip.set(ip);
    }

    #[inline(always)]
    fn publish_if_last(&self, ip: u32, dying: &PyRef) {
        if Gc::ref_count(dying) == 1 {
            self.publish(ip);
        }
    }

    #[inline(always)]
    fn started(&self, _ip: u32) {
        #[cfg(debug_assertions)]
        self.truth.set(_ip);
    }

    #[inline]
    fn leave(&self) {
        let outer = self.outer(Vec::pop).unwrap_or_default();
        self.inner.set(outer);
        // the caller resumes at the instruction it published for its call
        self.started(outer.ip);
    }
}

impl Trail {
    /// The number of `code`, from the cache when it was entered recently.
    #[inline(always)]
    fn number(&self, code: &Rc<Code>) -> u32 {
        let address = Rc::as_ptr(code) as usize;
        let slot = &self.seen[seen_slot(address)];
        let (cached, number) = slot.get();
        if cached == address {
            return number;
        }
        let number = self.register(address, code);
        slot.set((address, number));
        number
    }

    /// The number of a code not in the cache, given one if it is new.
    #[cold]
    #[inline(never)]
    fn register(&self, address: usize, code: &Rc<Code>) -> u32 {
        *self.numbers.borrow_mut().entry(address).or_insert_with(|| {
            let mut codes = self.codes.borrow_mut();
            codes.push(code.clone());
            u32::try_from(codes.len()).expect("fewer than 2^32 codes")
        })
    }

    /// The innermost frame's spot (code 0 outside any frame).
    #[inline(always)]
    pub fn here(&self) -> Spot {
        self.inner.get()
    }

    /// Debug builds: panics if the innermost frame's published instruction is not the one
    /// it runs, that is if an instruction that allocates, calls or drops a last reference
    /// was left out of the eval loop's publishing (its allocations would be given an
    /// earlier instruction's line). Called at every allocation the recorder hears of and
    /// every frame entered; nothing in release builds.
    #[inline(always)]
    pub fn check_published(&self) {
        #[cfg(debug_assertions)]
        {
            let here = self.here();
            assert!(
                here.code == 0 || here.ip == self.truth.get(),
                "the trail's instruction {} is not the running one, {}, in {:?}",
                here.ip,
                self.truth.get(),
                self.code(here).map(|c| c.qualname.clone()),
            );
        }
    }

    /// Up to `depth` frames, innermost first.
    pub fn stack(&self, depth: usize) -> Vec<Spot> {
        let inner = self.here();
        if inner.code == 0 {
            return Vec::new();
        }
        self.outer(|outer| {
            std::iter::once(inner)
                .chain(outer.iter().rev().copied().filter(|s| s.code != 0))
                .take(depth)
                .collect()
        })
    }

    /// Runs `change` on the stack of outer frames. `change` is one of this module's
    /// closures, which touch the vector only (no Python code, no other trail method), so
    /// the mutable reference is the only one while it lives.
    #[inline(always)]
    fn outer<R>(&self, change: impl FnOnce(&mut Vec<Spot>) -> R) -> R {
        // SAFETY: `Trail` is neither `Sync` nor `Send` (its `Cell`s and `Rc`s), so only
        // this thread reaches `outer`, and only through this function, whose callers above
        // pass closures that call nothing that could come back here: no other reference to
        // the vector exists while `change` runs.
        change(unsafe { &mut *self.outer.get() })
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
        let index = (spot.code as usize).checked_sub(1)?;
        self.codes.borrow().get(index).cloned()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::compile_module;
    use crate::rt::Heap;
    use crate::vm::Vm;

    /// `n` distinct module codes.
    fn codes(vm: &Vm, n: usize) -> Vec<Rc<Code>> {
        (0..n)
            .map(|i| compile_module(vm, &format!("x = {i}\n"), &format!("m{i}.py")))
            .map(|code| code.expect("compiles"))
            .collect()
    }

    #[test]
    fn a_spot_names_its_code_after_the_cache_forgot_it() {
        let vm = Vm::new(Heap::new());
        // More codes than cache slots: some share a slot and push each other out.
        let all = codes(&vm, 3 * SEEN_SLOTS);
        let trail = Trail::default();
        let mut spots = Vec::new();
        for round in 0..2 {
            for code in &all {
                trail.enter(code, 0);
                let spot = trail.here();
                trail.leave();
                if round == 0 {
                    spots.push(spot);
                } else {
                    assert_eq!(spot, spots[spots.len() - all.len()], "one number per code");
                    spots.push(spot);
                }
            }
        }
        for (code, spot) in all.iter().zip(&spots) {
            assert!(Rc::ptr_eq(&trail.code(*spot).expect("named"), code));
        }
        assert!(trail.code(Spot::default()).is_none());
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "is not the running one")]
    fn an_instruction_left_unpublished_is_caught_in_debug_builds() {
        let vm = Vm::new(Heap::new());
        let [a, b]: [Rc<Code>; 2] = codes(&vm, 2).try_into().ok().unwrap();
        let trail = Trail::default();
        trail.enter(&a, 0);
        trail.started(3);
        trail.publish(3);
        trail.check_published();
        // the next instruction calls without publishing: the caller's spot would say 3
        trail.started(4);
        trail.enter(&b, 0);
    }

    /// The recorder's read of the instruction must be forwarded from the eval loop's 4-byte
    /// store of it (see [`Inner`]): no aligned 8-byte word may hold both cells, or the
    /// compiler reads the spot with one 8-byte load that waits for the store.
    #[test]
    fn the_instruction_and_the_code_number_are_never_one_load() {
        let ip = std::mem::offset_of!(Inner, ip);
        let code = std::mem::offset_of!(Inner, code);
        assert_eq!(std::mem::align_of::<Inner>() % 4, 0);
        assert_ne!(
            ip / 8,
            code / 8,
            "ip at {ip} and code at {code} share a word"
        );
        let inner = Inner::default();
        inner.set(Spot { code: 3, ip: 7 });
        assert_eq!(inner.get(), Spot { code: 3, ip: 7 });
    }

    #[test]
    fn the_stack_is_innermost_first_with_each_caller_at_its_instruction() {
        let vm = Vm::new(Heap::new());
        let [a, b]: [Rc<Code>; 2] = codes(&vm, 2).try_into().ok().unwrap();
        let trail = Trail::default();
        assert_eq!(trail.stack(8), []);
        trail.enter(&a, 0);
        trail.started(5);
        trail.publish(5);
        trail.enter(&b, 0);
        trail.started(7);
        trail.publish(7);
        trail.enter(&a, 0);
        let stack = trail.stack(8);
        let named: Vec<_> = stack
            .iter()
            .map(|s| (trail.code(*s).unwrap().filename.to_string(), s.ip))
            .collect();
        assert_eq!(
            named,
            [
                ("m0.py".into(), 0),
                ("m1.py".into(), 7),
                ("m0.py".into(), 5)
            ]
        );
        assert_eq!(stack[0].code, stack[2].code);
        assert_eq!(trail.stack(2).len(), 2);
        trail.leave();
        assert_eq!(trail.here(), stack[1]);
        trail.leave();
        trail.leave();
        assert_eq!(trail.here(), Spot::default());
        assert_eq!(trail.stack(8), []);
    }
}
