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
    pub fn thresholds(mut self, t0: usize, t1: usize, t2: usize) -> Config {
        self.thresholds = (t0, t1, t2);
        self
    }

    /// Turns stress mode (a collection at every container allocation) on or off.
    pub fn stress(mut self, on: bool) -> Config {
        self.stress = on;
        self
    }

    /// Sets the allocator's byte limit (`None`: no limit).
    pub fn limit(mut self, bytes: Option<usize>) -> Config {
        self.limit = bytes;
        self
    }
}

/// Whether `PYMM_GC_STRESS=1` is set (read once per process).
///
/// ```
/// let _stress: bool = pymm::stress_from_env();
/// ```
pub fn stress_from_env() -> bool {
    static STRESS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *STRESS.get_or_init(|| std::env::var("PYMM_GC_STRESS").is_ok_and(|v| v.trim() == "1"))
}

/// Per-generation statistics (`gc.get_stats()`).
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct DebugFlags(u32);

impl DebugFlags {
    /// Print statistics during collection (CPython's "gc: collecting generation N..." lines).
    pub const STATS: DebugFlags = DebugFlags(1);
    /// Print collectable objects found.
    pub const COLLECTABLE: DebugFlags = DebugFlags(2);
    /// Print uncollectable objects found.
    pub const UNCOLLECTABLE: DebugFlags = DebugFlags(4);
    /// Keep every unreachable object in [`Heap::garbage`](crate::Heap::garbage) instead of
    /// freeing it.
    pub const SAVEALL: DebugFlags = DebugFlags(32);
    /// `COLLECTABLE | UNCOLLECTABLE | SAVEALL`.
    pub const LEAK: DebugFlags = DebugFlags(2 | 4 | 32);

    /// No flag.
    pub const fn empty() -> DebugFlags {
        DebugFlags(0)
    }

    /// From Python's integer value (unknown bits are kept).
    pub const fn from_bits(bits: u32) -> DebugFlags {
        DebugFlags(bits)
    }

    /// Python's integer value.
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// Whether every flag of `other` is set.
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallbackPhase {
    /// Before a collection.
    Start,
    /// After a collection.
    Stop,
}

impl CallbackPhase {
    /// Python's name for the phase ("start" or "stop").
    pub fn as_str(self) -> &'static str {
        match self {
            CallbackPhase::Start => "start",
            CallbackPhase::Stop => "stop",
        }
    }
}

/// The `info` dict passed to `gc.callbacks` entries.
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CallbackId(pub(crate) u64);
