//! The small value types of the `gc` API: configuration, statistics, debug flags, callbacks.

use std::ops::{BitOr, BitOrAssign};

/// Settings of a new [`Heap`](crate::Heap), built from [`Config::default`] (or
/// [`Config::from_env`]) with the setters below.
///
/// ```
/// use pymm::{Config, Heap};
/// let config = Config::default().thresholds(100, 10, 10).limit(Some(1 << 20));
/// let heap = Heap::with_config(config);
/// assert_eq!(heap.threshold(), (100, 10, 10));
/// assert_eq!(heap.limit(), Some(1 << 20));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Config {
    /// Collection thresholds of generations 0, 1 and 2 (CPython 3.11: 700, 10, 10).
    pub thresholds: (usize, usize, usize),
    /// Collect at every allocation of a container (generation 0, or an older one when its
    /// counter is due), for testing. Like automatic collection, it pauses while the heap
    /// is disabled ([`Heap::disable`](crate::Heap::disable)).
    pub stress: bool,
    /// Byte limit of the heap's allocator; allocations beyond fail (Python's `MemoryError`).
    pub limit: Option<usize>,
}

impl Default for Config {
    /// Thresholds (700, 10, 10), no stress mode, no limit. Reads no environment.
    fn default() -> Config {
        Config {
            thresholds: (700, 10, 10),
            stress: false,
            limit: None,
        }
    }
}

impl Config {
    /// The defaults, with stress mode on iff the environment variable `PYMM_GC_STRESS` is
    /// `1` (read once per process): what [`Heap::new`](crate::Heap::new) uses, so that a
    /// runtime's whole test suite can run with a collection at every allocation.
    ///
    /// ```
    /// let config = pymm::Config::from_env();
    /// assert_eq!(config.thresholds, (700, 10, 10));
    /// ```
    pub fn from_env() -> Config {
        Config::default().stress(stress_from_env())
    }

    /// Sets the thresholds of generations 0, 1 and 2 (`gc.set_threshold`).
    ///
    /// ```
    /// let heap = pymm::Heap::with_config(pymm::Config::default().thresholds(1000, 20, 20));
    /// assert_eq!(heap.threshold(), (1000, 20, 20));
    /// ```
    pub fn thresholds(mut self, t0: usize, t1: usize, t2: usize) -> Config {
        self.thresholds = (t0, t1, t2);
        self
    }

    /// Turns stress mode (a collection at every container allocation) on or off.
    ///
    /// ```
    /// use pymm::{Config, Heap};
    /// let heap = Heap::with_config(Config::default().stress(true));
    /// let list = heap.alloc(vec![heap.alloc(1)]); // a container allocation: a collection
    /// assert_eq!(heap.stats()[0].collections, 1);
    /// ```
    pub fn stress(mut self, on: bool) -> Config {
        self.stress = on;
        self
    }

    /// Sets the allocator's byte limit (`None`: no limit).
    ///
    /// ```
    /// use pymm::{Config, Heap};
    /// let heap = Heap::with_config(Config::default().limit(Some(0)));
    /// assert!(heap.try_alloc(1u8).is_err(), "MemoryError");
    /// ```
    pub fn limit(mut self, bytes: Option<usize>) -> Config {
        self.limit = bytes;
        self
    }
}

/// Whether `PYMM_GC_STRESS=1` is set (read once per process).
///
/// ```
/// // `PYMM_GC_STRESS=1 cargo test` turns stress mode on for every heap made by `Heap::new`.
/// let stress = pymm::stress_from_env();
/// assert_eq!(pymm::Config::from_env().stress, stress);
/// ```
pub fn stress_from_env() -> bool {
    static STRESS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *STRESS.get_or_init(|| std::env::var("PYMM_GC_STRESS").is_ok_and(|v| v.trim() == "1"))
}

/// Per-generation statistics (`gc.get_stats()`).
///
/// ```
/// let heap = pymm::Heap::new();
/// heap.collect(0);
/// let young: pymm::GenerationStats = heap.stats()[0];
/// assert_eq!((young.collections, young.collected, young.uncollectable), (1, 0, 0));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GenerationStats {
    /// Collections of this generation.
    pub collections: usize,
    /// Objects found unreachable and freed by those collections.
    pub collected: usize,
    /// Unreachable objects that could not be freed (always 0: pymm has no legacy
    /// finalizers, PEP 442 finalizers never make an object uncollectable).
    pub uncollectable: usize,
}

/// Python's `gc.DEBUG_*` flags.
///
/// ```
/// use pymm::DebugFlags;
/// let flags = DebugFlags::STATS | DebugFlags::SAVEALL;
/// assert_eq!(flags.bits(), 1 | 32); // gc.DEBUG_STATS | gc.DEBUG_SAVEALL
/// assert!(flags.contains(DebugFlags::SAVEALL));
/// assert!(!flags.contains(DebugFlags::LEAK));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct DebugFlags(u32);

impl DebugFlags {
    /// Print statistics during collection (CPython's "gc: collecting generation N..." lines).
    ///
    /// ```
    /// let heap = pymm::Heap::new();
    /// heap.set_debug(pymm::DebugFlags::STATS); // prints "gc: collecting generation 0..." to stderr
    /// heap.collect(0);
    /// ```
    pub const STATS: DebugFlags = DebugFlags(1);
    /// Print collectable objects found.
    ///
    /// ```
    /// assert_eq!(pymm::DebugFlags::COLLECTABLE.bits(), 2); // gc.DEBUG_COLLECTABLE
    /// ```
    pub const COLLECTABLE: DebugFlags = DebugFlags(2);
    /// Print uncollectable objects found.
    ///
    /// ```
    /// assert_eq!(pymm::DebugFlags::UNCOLLECTABLE.bits(), 4); // gc.DEBUG_UNCOLLECTABLE
    /// ```
    pub const UNCOLLECTABLE: DebugFlags = DebugFlags(4);
    /// Keep every unreachable object in [`Heap::garbage`](crate::Heap::garbage) instead of
    /// freeing it.
    ///
    /// ```
    /// use pymm::{DebugFlags, Gc, Heap};
    /// let heap = Heap::new();
    /// heap.set_debug(DebugFlags::SAVEALL);
    /// let a = heap.alloc(std::cell::RefCell::new(None::<Gc<u8>>));
    /// drop(a); // freed by reference counting: not garbage of a collection
    /// assert_eq!(heap.collect(2), 0);
    /// assert!(heap.garbage().is_empty());
    /// ```
    pub const SAVEALL: DebugFlags = DebugFlags(32);
    /// `COLLECTABLE | UNCOLLECTABLE | SAVEALL`.
    ///
    /// ```
    /// use pymm::DebugFlags;
    /// assert!(DebugFlags::LEAK.contains(DebugFlags::SAVEALL | DebugFlags::COLLECTABLE));
    /// ```
    pub const LEAK: DebugFlags = DebugFlags(2 | 4 | 32);

    /// No flag.
    ///
    /// ```
    /// assert_eq!(pymm::DebugFlags::empty().bits(), 0);
    /// ```
    pub const fn empty() -> DebugFlags {
        DebugFlags(0)
    }

    /// From Python's integer value (unknown bits are kept).
    ///
    /// ```
    /// use pymm::DebugFlags;
    /// assert_eq!(DebugFlags::from_bits(34), DebugFlags::SAVEALL | DebugFlags::COLLECTABLE);
    /// ```
    pub const fn from_bits(bits: u32) -> DebugFlags {
        DebugFlags(bits)
    }

    /// Python's integer value.
    ///
    /// ```
    /// assert_eq!(pymm::DebugFlags::LEAK.bits(), 38);
    /// ```
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// Whether every flag of `other` is set.
    ///
    /// ```
    /// use pymm::DebugFlags;
    /// assert!(DebugFlags::LEAK.contains(DebugFlags::SAVEALL));
    /// assert!(!DebugFlags::SAVEALL.contains(DebugFlags::LEAK));
    /// ```
    pub const fn contains(self, other: DebugFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

impl BitOr for DebugFlags {
    type Output = DebugFlags;
    fn bitor(self, rhs: DebugFlags) -> DebugFlags {
        DebugFlags(self.0 | rhs.0)
    }
}

impl BitOrAssign for DebugFlags {
    fn bitor_assign(&mut self, rhs: DebugFlags) {
        self.0 |= rhs.0;
    }
}

/// When a `gc.callbacks` entry is called.
///
/// ```
/// use pymm::{CallbackPhase, Heap};
/// use std::{cell::RefCell, rc::Rc};
/// let heap = Heap::new();
/// let phases = Rc::new(RefCell::new(Vec::new()));
/// let log = phases.clone();
/// heap.add_callback(move |_, phase, _| log.borrow_mut().push(phase));
/// heap.collect(0);
/// assert_eq!(*phases.borrow(), [CallbackPhase::Start, CallbackPhase::Stop]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallbackPhase {
    /// Before a collection.
    Start,
    /// After a collection.
    Stop,
}

impl CallbackPhase {
    /// Python's name for the phase ("start" or "stop").
    ///
    /// ```
    /// use pymm::CallbackPhase;
    /// assert_eq!(CallbackPhase::Start.as_str(), "start");
    /// assert_eq!(CallbackPhase::Stop.as_str(), "stop");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            CallbackPhase::Start => "start",
            CallbackPhase::Stop => "stop",
        }
    }
}

/// The `info` dict passed to `gc.callbacks` entries.
///
/// ```
/// use pymm::{CallbackInfo, CallbackPhase, Gc, Heap};
/// use std::{cell::RefCell, rc::Rc};
/// let heap = Heap::new();
/// let last = Rc::new(RefCell::new(None));
/// let sink = last.clone();
/// heap.add_callback(move |_, phase, info: &CallbackInfo| {
///     if phase == CallbackPhase::Stop {
///         *sink.borrow_mut() = Some(*info);
///     }
/// });
/// let a = heap.alloc(RefCell::new(None::<Gc<RefCell<Option<Gc<u8>>>>>));
/// drop(a);
/// heap.collect(2);
/// let info = last.borrow().unwrap();
/// assert_eq!((info.generation, info.collected, info.uncollectable), (2, 0, 0));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallbackInfo {
    /// The generation being collected.
    pub generation: usize,
    /// Objects freed (0 at `Start`).
    pub collected: usize,
    /// Uncollectable objects (0 at `Start`).
    pub uncollectable: usize,
}

/// Identifies a registered callback, for [`Heap::remove_callback`](crate::Heap::remove_callback).
///
/// ```
/// let heap = pymm::Heap::new();
/// let first = heap.add_callback(|_, _, _| {});
/// let second = heap.add_callback(|_, _, _| {});
/// assert_ne!(first, second);
/// heap.remove_callback(first);
/// heap.remove_callback(second);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CallbackId(pub(crate) u64);
