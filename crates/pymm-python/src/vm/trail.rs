//! The frames that are running, as a watching tool (the report's allocation sites) sees them.
//!
//! The eval loop owns its frames (`run_frame` keeps them in locals), so nothing outside it can
//! read a frame's instruction pointer while an instruction runs. The loop *publishes* the
//! instruction it runs into the VM's [`Position`] wherever it can be read before the next
//! one starts: at an instruction that may allocate (the recorder reads the position at
//! allocations), call (a frame entered pushes its caller's spot) or drop an object's last
//! reference (a `__del__` runs Python code). The loads, stores of locals, jumps and tests
//! that make up most of a run publish nothing, as CPython's `tracemalloc` reads
//! `prev_instr` only when it needs it. The loop publishes whether or not a report is
//! recorded (a 4-byte store into the VM, next to no cost), so that `run_frame` is one
//! instance of the loop for both runs: two instances put two copies of the loop at two
//! addresses, and this processor's time for each moved 7-20% with its address, so that a
//! run with `--report` and one without were not the same code. When a report is recorded,
//! the loop also tells a [`Trail`] about each frame it enters and leaves (a test of the
//! VM's trail at every call, return and generator resumption). Debug builds check that
//! every allocation and every frame entered sees the instruction that truly runs (see
//! [`Trail::check_published`]).
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

use crate::objects::Code;

/// The instruction the innermost frame runs, as the eval loop last published it; held by
/// the VM ([`crate::vm::Vm`]'s `position`), written with or without a report.
///
/// The recorder reads it (a 4-byte load) a few dozen instructions after the loop's 4-byte
/// store, often while the store is still in the processor's store buffer: the load is
/// forwarded from it. (The code number, which the trail keeps, once sat beside the
/// instruction and the two were read as one 8-byte load, which no 4-byte store can forward
/// to: a store-forwarding stall at every container allocation, ~10% of bm_nqueens' time
/// with `--report`. Here no load reads more than the instruction.)
#[derive(Default)]
pub struct Position {
    ip: Cell<u32>,
    /// Debug builds: the instruction the innermost frame truly runs, set at every start.
    #[cfg(debug_assertions)]
    truth: Cell<u32>,
}

impl Position {
    /// The innermost frame runs the instruction at `ip`, which may allocate, call or drop a
    /// last reference.
    #[inline(always)]
    pub fn publish(&self, ip: u32) {
        self.ip.set(ip);
    }

    /// The innermost frame starts the instruction at `ip` (every instruction; debug builds
    /// only, where it is the truth [`Trail::check_published`] compares with).
    #[inline(always)]
    pub fn started(&self, _ip: u32) {
        #[cfg(debug_assertions)]
        self.truth.set(_ip);
    }

    /// The instruction last published.
    #[inline(always)]
    pub fn ip(&self) -> u32 {
        self.ip.get()
    }
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

/// The running frames, innermost last.
pub struct Trail {
    /// Frames below the innermost, each at the instruction it was running when it called.
    /// An `UnsafeCell`, not a `RefCell`: it is pushed and popped on every call, return and
    /// generator resumption, where a `RefCell`'s borrow flag (test, set, clear) was ~0.46 M
    /// of bm_generators' 4.9 M instructions of recording. Only [`Trail::outer`] reaches it.
    outer: UnsafeCell<Vec<Spot>>,
    /// The innermost frame's code number (0 outside any frame); its instruction is the
    /// VM's [`Position`].
    inner: Cell<u32>,
    /// Every code seen, in order of first entry (code number `n` is `codes[n - 1]`), kept
    /// alive so that its address is its own while it is a key of `numbers`.
    codes: RefCell<Vec<Rc<Code>>>,
    /// The number of each code seen, by address.
    numbers: RefCell<HashMap<usize, u32>>,
    /// Recently entered codes: address and number (a hint, checked against the address).
    seen: [Cell<(usize, u32)>; SEEN_SLOTS],
}

impl Default for Trail {
    fn default() -> Self {
        Trail {
            outer: UnsafeCell::new(Vec::with_capacity(64)),
            inner: Cell::new(0),
            codes: RefCell::new(Vec::new()),
            numbers: RefCell::new(HashMap::new()),
            seen: std::array::from_fn(|_| Cell::new((0, 0))),
        }
    }
}

impl Trail {
    /// A frame running `code` at instruction `ip` starts (on top of the current one, which
    /// is at the instruction `at` holds).
    #[inline]
    pub fn enter(&self, code: &Rc<Code>, ip: u32, at: &Position) {
        // the caller's spot goes into the stack: it must be its call's instruction
        self.check_published(at);
        let number = self.number(code);
        let outer = self.here(at);
        self.outer(|stack| stack.push(outer));
        self.inner.set(number);
        at.publish(ip);
        at.started(ip);
    }

    /// The innermost frame is gone: `at` goes back to its caller's instruction.
    #[inline]
    pub fn leave(&self, at: &Position) {
        let outer = self.outer(Vec::pop).unwrap_or_default();
        self.inner.set(outer.code);
        at.publish(outer.ip);
        // the caller resumes at the instruction it published for its call
        at.started(outer.ip);
    }

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
    pub fn here(&self, at: &Position) -> Spot {
        Spot {
            code: self.inner.get(),
            ip: at.ip(),
        }
    }

    /// Debug builds: panics if the innermost frame's published instruction is not the one
    /// it runs, that is if an instruction that allocates, calls or drops a last reference
    /// was left out of the eval loop's publishing (its allocations would be given an
    /// earlier instruction's line). Called at every allocation the recorder hears of and
    /// every frame entered; nothing in release builds.
    #[inline(always)]
    pub fn check_published(&self, _at: &Position) {
        #[cfg(debug_assertions)]
        {
            let here = self.here(_at);
            assert!(
                here.code == 0 || here.ip == _at.truth.get(),
                "the trail's instruction {} is not the running one, {}, in {:?}",
                here.ip,
                _at.truth.get(),
                self.code(here).map(|c| c.qualname.clone()),
            );
        }
    }

    /// Up to `depth` frames, innermost first.
    pub fn stack(&self, at: &Position, depth: usize) -> Vec<Spot> {
        let inner = self.here(at);
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
        let at = Position::default();
        let mut spots = Vec::new();
        for round in 0..2 {
            for code in &all {
                trail.enter(code, 0, &at);
                let spot = trail.here(&at);
                trail.leave(&at);
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
        let at = Position::default();
        trail.enter(&a, 0, &at);
        at.started(3);
        at.publish(3);
        trail.check_published(&at);
        // the next instruction calls without publishing: the caller's spot would say 3
        at.started(4);
        trail.enter(&b, 0, &at);
    }

    #[test]
    fn the_stack_is_innermost_first_with_each_caller_at_its_instruction() {
        let vm = Vm::new(Heap::new());
        let [a, b]: [Rc<Code>; 2] = codes(&vm, 2).try_into().ok().unwrap();
        let trail = Trail::default();
        let at = Position::default();
        assert_eq!(trail.stack(&at, 8), []);
        trail.enter(&a, 0, &at);
        at.started(5);
        at.publish(5);
        trail.enter(&b, 0, &at);
        at.started(7);
        at.publish(7);
        trail.enter(&a, 0, &at);
        let stack = trail.stack(&at, 8);
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
        assert_eq!(trail.stack(&at, 2).len(), 2);
        trail.leave(&at);
        assert_eq!(trail.here(&at), stack[1]);
        trail.leave(&at);
        trail.leave(&at);
        assert_eq!(trail.here(&at), Spot::default());
        assert_eq!(trail.stack(&at, 8), []);
    }
}
