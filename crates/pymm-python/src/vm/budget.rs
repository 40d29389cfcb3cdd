//! The `--max-heap` budget and MemoryError.
//!
//! The budget counts the pymm heap's blocks plus the buffers objects own outside it
//! ([`crate::memory`]). It is checked in two places:
//! - every checked object allocation ([`Vm::alloc`]): a program that grows its data one object
//!   at a time stops at the first allocation past the limit;
//! - before every operation that builds one big buffer in a single step (`[0] * n`,
//!   `'x' * n`, `bytes(n)`, a format width, a huge shift), through [`Vm::reserve`] and the
//!   constructors below, which ask before allocating. They also turn a refusal of the system
//!   allocator into MemoryError instead of aborting the process, limit or not.
//!
//! The same checks sample the peak for `tracemalloc` ([`TracedMemory`]) while it traces.
//!
//! No check needs the exact figure per allocation: each compares first an O(1) upper bound,
//! [`Vm::memory_bound`] (the heap's committed bytes, which change only when the allocator
//! takes or gives back a pool or a large block, plus the external buffers). Only when the
//! bound is past the limit or the peak is the exact figure derived ([`Vm::memory_in_use`],
//! from the allocator's per-class counts), so the outcome is the exact figure's.
//!
//! Once the budget has raised MemoryError, the program needs a little memory to handle it (an
//! `except` clause builds a tuple, a message is printed): as long as its use stays above the
//! limit it may overdraw by [`overdraft`], like CPython, whose small allocations still succeed
//! after a large one failed. Passing the overdraft too raises again.
//!
//! Allocations that must not fail (constants, interned names, results the VM cannot report an
//! error for) are not checked: they may pass the limit by a few objects, and the next checked
//! allocation raises.

use super::{PyErr, PyResult, Vm};

/// What `tracemalloc` reports: memory in use relative to when tracing started, and the
/// highest value seen at the budget's checks since then (or since `reset_peak`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TracedMemory {
    /// [`Vm::memory_in_use`] when tracing started.
    pub base: usize,
    /// The highest [`Vm::memory_in_use`] seen since.
    pub peak: usize,
}

impl TracedMemory {
    /// Tracing from `in_use` on.
    pub fn start(in_use: usize) -> Self {
        TracedMemory {
            base: in_use,
            peak: in_use,
        }
    }

    /// After seeing `in_use` bytes in use.
    pub fn seen(self, in_use: usize) -> Self {
        TracedMemory {
            peak: self.peak.max(in_use),
            ..self
        }
    }

    /// (current, peak) above the base, as `tracemalloc.get_traced_memory()` gives them.
    pub fn report(self, in_use: usize) -> (usize, usize) {
        let seen = self.seen(in_use);
        (
            in_use.saturating_sub(self.base),
            seen.peak.saturating_sub(self.base),
        )
    }
}

impl Vm {
    /// Bytes counted against `--max-heap` now.
    pub fn memory_in_use(&self) -> usize {
        self.heap.bytes_in_use() + crate::memory::external_bytes()
    }

    /// An upper bound of [`Vm::memory_in_use`], read in O(1): the heap's committed bytes
    /// (whole pools held, large blocks) instead of its blocks handed out.
    fn memory_bound(&self) -> usize {
        self.heap.bytes_committed() + crate::memory::external_bytes()
    }

    /// Whether `bytes` more fit under `limit` by the bound alone (`memory_bound` read as
    /// `bound`); then they fit by the exact figure too, so use is not over the limit and an
    /// overdraft granted earlier ends.
    fn fits_by_bound(&self, bound: usize, bytes: usize, limit: usize) -> bool {
        let fits = bound.saturating_add(bytes) <= limit;
        if fits {
            self.overdrawn.set(false);
        }
        fits
    }

    /// The MemoryError to raise: a fresh instance while the heap can still give one (so it
    /// carries its own traceback, released with it, as in CPython), else the preallocated one
    /// (raising that allocates nothing; it never records a traceback, which would keep the
    /// frames of one failure alive until the next).
    pub fn memory_error(&self) -> PyErr {
        let class = self.types.exc(super::Exc::MemoryError).clone();
        let shape = self.instance_shape(&class);
        match crate::objects::InstanceData::alloc(&self.heap, class, shape, None) {
            Ok(exc) => {
                if let Ok(args) = self.new_tuple(Vec::new()) {
                    let _ = self.instance_set(&exc, &self.intern("args"), args);
                }
                PyErr(exc)
            }
            Err(_) => PyErr(self.memory_error.clone()),
        }
    }

    /// Raises MemoryError unless `bytes` more fit under the limit.
    ///
    /// Without a limit, a request larger than the machine's RAM and swap together is refused
    /// too, as Linux refuses such an allocation to CPython: code that cannot ask the allocator
    /// gently (big-int arithmetic) would otherwise abort the process when it fails.
    pub fn reserve(&self, bytes: usize) -> PyResult<()> {
        let limit = self.max_heap.get();
        let most = limit.unwrap_or_else(crate::memory::system_memory);
        if self.fits_by_bound(self.memory_bound(), bytes, most) {
            return Ok(());
        }
        let in_use = self.memory_in_use();
        let limit = match limit {
            Some(limit) => self.effective_limit(limit, in_use),
            None => crate::memory::system_memory(),
        };
        if in_use.saturating_add(bytes) > limit {
            return Err(self.raise_memory_error());
        }
        Ok(())
    }

    /// Raises MemoryError once the limit has been passed (the check of every checked
    /// allocation and of every loop iteration). Inlined: without a limit or a trace (the
    /// usual run) it is two loads, where a call cost every loop iteration 16 instructions.
    #[inline]
    pub(crate) fn check_budget(&self) -> PyResult<()> {
        if self.budget_unwatched() {
            return Ok(());
        }
        self.check_budget_watched()
    }

    /// True when no memory limit is set and no use is traced: [`Vm::check_budget`] has
    /// nothing to do (the eval loop's quick backward jump asks it).
    #[inline(always)]
    pub(crate) fn budget_unwatched(&self) -> bool {
        self.max_heap.get().is_none() && self.traced.get().is_none()
    }

    /// [`Vm::check_budget`] under a limit or a trace.
    #[inline(never)]
    fn check_budget_watched(&self) -> PyResult<()> {
        let bound = self.memory_bound();
        let traced = self.traced.get();
        let no_new_peak = traced.is_none_or(|traced| bound <= traced.peak);
        if no_new_peak && self.fits_by_bound(bound, 0, self.max_heap.get().unwrap_or(usize::MAX)) {
            return Ok(());
        }
        let in_use = self.memory_in_use();
        if let Some(traced) = traced {
            self.traced.set(Some(traced.seen(in_use)));
        }
        let Some(limit) = self.max_heap.get() else {
            return Ok(());
        };
        if in_use > self.effective_limit(limit, in_use) {
            return Err(self.raise_memory_error());
        }
        Ok(())
    }

    /// The limit, plus the overdraft while one is granted; the grant ends once use is back
    /// under the limit.
    fn effective_limit(&self, limit: usize, in_use: usize) -> usize {
        if !self.overdrawn.get() {
            return limit;
        }
        if in_use <= limit {
            self.overdrawn.set(false);
            return limit;
        }
        limit.saturating_add(overdraft(limit))
    }

    /// MemoryError, granting the overdraft the handler will need.
    fn raise_memory_error(&self) -> PyErr {
        self.overdrawn.set(self.max_heap.get().is_some());
        self.memory_error()
    }

    /// An empty vector with room for `n` items, or MemoryError.
    pub fn vec_with_capacity<T>(&self, n: usize) -> PyResult<Vec<T>> {
        let bytes = n
            .checked_mul(std::mem::size_of::<T>())
            .ok_or_else(|| self.memory_error())?;
        self.reserve(bytes)?;
        let mut v = Vec::new();
        v.try_reserve_exact(n).map_err(|_| self.memory_error())?;
        Ok(v)
    }

    /// An empty string with room for `n` bytes, or MemoryError.
    pub fn string_with_capacity(&self, n: usize) -> PyResult<String> {
        self.reserve(n)?;
        let mut s = String::new();
        s.try_reserve_exact(n).map_err(|_| self.memory_error())?;
        Ok(s)
    }

    /// `count` copies of `item` one after another, or MemoryError.
    pub fn repeat_slice<T: Clone>(&self, item: &[T], count: usize) -> PyResult<Vec<T>> {
        let total = item
            .len()
            .checked_mul(count)
            .ok_or_else(|| self.memory_error())?;
        let mut out = self.vec_with_capacity(total)?;
        for _ in 0..count {
            out.extend_from_slice(item);
        }
        Ok(out)
    }

    /// `left` copies of `fill`, then `text`, then `right` copies of `fill` (padding to a
    /// width), or MemoryError.
    pub fn surround(&self, fill: char, left: usize, text: &str, right: usize) -> PyResult<String> {
        let fills = left
            .checked_add(right)
            .and_then(|n| n.checked_mul(fill.len_utf8()))
            .and_then(|n| n.checked_add(text.len()))
            .ok_or_else(|| self.memory_error())?;
        let mut out = self.string_with_capacity(fills)?;
        out.extend(std::iter::repeat_n(fill, left));
        out.push_str(text);
        out.extend(std::iter::repeat_n(fill, right));
        Ok(out)
    }

    /// `count` copies of `text`, or MemoryError.
    pub fn repeat_str(&self, text: &str, count: usize) -> PyResult<String> {
        let bytes = self.repeat_slice(text.as_bytes(), count)?;
        Ok(String::from_utf8(bytes).expect("copies of UTF-8 text are UTF-8"))
    }
}

/// What a program may use beyond its limit while it handles MemoryError: a sixteenth of the
/// limit, at least 64 KiB.
pub fn overdraft(limit: usize) -> usize {
    (limit / 16).max(64 << 10)
}
