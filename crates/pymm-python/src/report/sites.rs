//! Allocation sites: sampled allocations grouped by the line that made them, as
//! `tracemalloc` groups its traces by line, with the call stacks that led there.
//!
//! One allocation in [`SAMPLE_EVERY`] (on average; the gaps are random, so a loop that
//! allocates several objects per turn does not always sample the same one) is recorded with
//! its stack and size, and a handle that tells whether it is still alive ([`Sampled`]). Live
//! bytes per site are measured at the highest heap use seen: the samples still alive give
//! them, each weighted by the sampling rate.

use hashbrown::HashMap;

use super::model::{self, PeakMark};
use crate::objects::{Obj, PyRef};
use crate::rt::{Gc, Weak};
use crate::vm::trail::{Place, Position, Spot, Trail};

/// Mean number of allocations between two samples.
pub const SAMPLE_EVERY: u32 = 1024;
/// Frames kept per stack.
const MAX_DEPTH: usize = 32;
/// Sites listed in the report.
const MAX_SITES: usize = 100;
/// Stacks listed per site.
const MAX_STACKS: usize = 5;

/// Figures of one site (by line).
#[derive(Default)]
struct SiteFigures {
    samples: u64,
    bytes: u64,
    live_samples: u64,
    live_bytes: u64,
    /// Samples per stack (stack ids).
    stacks: HashMap<u32, u64>,
}

/// The recorded sites.
pub struct Sites {
    by_spot: HashMap<Spot, SiteFigures>,
    stacks: Vec<Vec<Spot>>,
    stack_ids: HashMap<Vec<Spot>, u32>,
    /// Sampled objects not yet found dead, with their site.
    alive: Vec<(Sampled, Spot)>,
    /// `alive` is pruned when it reaches this length.
    prune_at: usize,
    samples: u64,
    /// Heap use when live bytes were last measured.
    pub measured_peak: Option<PeakMark>,
    /// Random state for the sampling gaps (xorshift).
    random: u64,
}

impl Default for Sites {
    fn default() -> Self {
        Sites {
            by_spot: HashMap::new(),
            stacks: Vec::new(),
            stack_ids: HashMap::new(),
            alive: Vec::new(),
            prune_at: 1024,
            samples: 0,
            measured_peak: None,
            random: 0x9E37_79B9_7F4A_7C15,
        }
    }
}

impl Sites {
    /// Allocations until the next sample: uniform in `1..2 * SAMPLE_EVERY`, mean
    /// `SAMPLE_EVERY`.
    pub fn next_gap(&mut self) -> u32 {
        let mut x = self.random;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.random = x;
        1 + (x % (2 * SAMPLE_EVERY as u64 - 1)) as u32
    }

    /// Records a sampled allocation of `obj` made with `stack` (innermost first).
    pub fn record(&mut self, obj: &PyRef, stack: Vec<Spot>) {
        let spot = stack.first().copied().unwrap_or_default();
        let id = match self.stack_ids.get(&stack) {
            Some(&id) => id,
            None => {
                let id = self.stacks.len() as u32;
                self.stack_ids.insert(stack.clone(), id);
                self.stacks.push(stack);
                id
            }
        };
        let figures = self.by_spot.entry(spot).or_default();
        figures.samples += 1;
        figures.bytes += size_of_obj(obj) as u64;
        *figures.stacks.entry(id).or_default() += 1;
        self.samples += 1;
        self.alive.push((Sampled::of(obj), spot));
        if self.alive.len() >= self.prune_at {
            self.alive.retain(|(sampled, _)| sampled.is_alive());
            self.prune_at = (self.alive.len() * 2).max(1024);
        }
    }

    /// Measures the live bytes of every site now (the heap is at `peak`); drops the records
    /// of samples that died.
    pub fn measure_live(&mut self, peak: PeakMark) {
        for figures in self.by_spot.values_mut() {
            figures.live_samples = 0;
            figures.live_bytes = 0;
        }
        let by_spot = &mut self.by_spot;
        self.alive.retain(|(sampled, spot)| {
            let Some(obj) = sampled.upgrade() else {
                return false;
            };
            if let Some(figures) = by_spot.get_mut(spot) {
                figures.live_samples += 1;
                figures.live_bytes += size_of_obj(&obj) as u64;
            }
            true
        });
        self.measured_peak = Some(peak);
    }

    /// Stacks the trail shows now, for [`Sites::record`].
    pub fn stack_of(trail: &Trail, at: &Position) -> Vec<Spot> {
        trail.stack(at, MAX_DEPTH)
    }

    /// The model's sites section; `place` names a spot. Spots of one line (several
    /// instructions) make one site, as stacks that differ only in instructions make one stack.
    pub fn into_model(self, place: impl Fn(Spot) -> Place) -> model::Sites {
        let scale = SAMPLE_EVERY as u64;
        let stacks: Vec<Vec<Place>> = self
            .stacks
            .iter()
            .map(|stack| stack.iter().map(|&s| place(s)).collect())
            .collect();
        let mut by_line: HashMap<Place, LineFigures> = HashMap::new();
        for (spot, f) in self.by_spot {
            let line = by_line.entry(place(spot)).or_default();
            line.samples += f.samples;
            line.bytes += f.bytes;
            line.live_samples += f.live_samples;
            line.live_bytes += f.live_bytes;
            for (id, n) in f.stacks {
                *line.stacks.entry(stacks[id as usize].clone()).or_default() += n;
            }
        }
        let mut lines: Vec<(Place, LineFigures)> = by_line.into_iter().collect();
        lines.sort_by(|(pa, a), (pb, b)| {
            (b.live_bytes, b.bytes)
                .cmp(&(a.live_bytes, a.bytes))
                .then_with(|| pa.cmp(pb))
        });
        let dropped = lines.len().saturating_sub(MAX_SITES);
        lines.truncate(MAX_SITES);
        let sites = lines
            .into_iter()
            .map(|(place, f)| {
                let mut by_count: Vec<(Vec<Place>, u64)> = f.stacks.into_iter().collect();
                by_count.sort_by(|(fa, a), (fb, b)| b.cmp(a).then_with(|| fa.cmp(fb)));
                model::Site {
                    place,
                    allocated_bytes: f.bytes * scale,
                    allocated_objects: f.samples * scale,
                    live_bytes_at_peak: f.live_bytes * scale,
                    live_objects_at_peak: f.live_samples * scale,
                    stacks: by_count
                        .into_iter()
                        .take(MAX_STACKS)
                        .map(|(frames, samples)| model::Stack { samples, frames })
                        .collect(),
                }
            })
            .collect();
        model::Sites {
            sample_every: SAMPLE_EVERY,
            samples: self.samples,
            peak: self.measured_peak,
            sites,
            sites_dropped: dropped,
        }
    }
}

/// A sampled object, as the sites follow it until it dies.
///
/// Numbers (exact ints and floats) are held by a strong handle, and count as dead once that
/// handle is their last: the eval loop writes a result into a dying number box whose
/// handles are all its own ([`crate::objects::float::recycle`]), and a weak handle would
/// not stop it, so that the box would live on at the sampled site with another value. The
/// extra handle keeps a sampled box from being written into, and a box only the sites hold
/// is unreachable for the program (a number refers to nothing and has no finalizer) until
/// the next prune frees it. Other objects are held weakly, their life untouched.
enum Sampled {
    Number(PyRef),
    Other(Weak<Obj>),
}

impl Sampled {
    fn of(obj: &PyRef) -> Sampled {
        match &**obj {
            Obj::Int(_) | Obj::Float(_) => Sampled::Number(obj.clone()),
            _ => Sampled::Other(Gc::downgrade(obj)),
        }
    }

    fn is_alive(&self) -> bool {
        match self {
            Sampled::Number(obj) => Gc::ref_count(obj) > 1,
            Sampled::Other(weak) => weak.is_alive(),
        }
    }

    fn upgrade(&self) -> Option<PyRef> {
        match self {
            Sampled::Number(obj) => (Gc::ref_count(obj) > 1).then(|| obj.clone()),
            Sampled::Other(weak) => weak.upgrade(),
        }
    }
}

/// A site's figures once its spots are merged by line.
#[derive(Default)]
struct LineFigures {
    samples: u64,
    bytes: u64,
    live_samples: u64,
    live_bytes: u64,
    stacks: HashMap<Vec<Place>, u64>,
}

/// `sys.getsizeof(obj)`.
fn size_of_obj(obj: &PyRef) -> usize {
    crate::rt::getsizeof(&Gc::to_any(obj))
}
