//! Heap use, generations and collections over time, pause statistics and arena snapshots.
//!
//! Everything is bounded for long runs: samples and markers are thinned by halves when they
//! pass their cap (and the sampling interval doubles), arena snapshots likewise; pauses are
//! kept one number per collection (4 bytes) and reduced to percentiles and a histogram.

use std::time::Duration;

use super::model::{self, ArenaFrame, ArenaRow, Histogram, Marker, Pauses};
use crate::rt::pymm_alloc::{self, ArenaSnapshot, PoolState};

/// Most samples kept; past it every other one goes and the interval doubles.
const MAX_SAMPLES: usize = 2000;
/// Most collection markers kept.
const MAX_MARKERS: usize = 2000;
/// Most arena snapshots kept.
const MAX_FRAMES: usize = 60;
/// Pool characters kept over all snapshots (2 per pool), about 4 MB of JSON at most.
const MAX_POOL_CHARS: usize = 4 << 20;

/// One sample of the timeline.
pub struct Sample {
    /// Seconds since the start.
    pub t: f64,
    /// pymm heap bytes.
    pub heap: usize,
    /// Bytes outside the pymm heap.
    pub external: usize,
    /// Resident set size.
    pub rss: Option<usize>,
    /// Objects per generation and frozen, if counted.
    pub generations: Option<[usize; 4]>,
}

/// The recorded timeline.
pub struct Timeline {
    samples: Vec<Sample>,
    /// Time between interval samples.
    pub interval: Duration,
    markers: Vec<Marker>,
    markers_dropped: usize,
    pauses: [Vec<f32>; 3],
    frames: Vec<ArenaFrame>,
    frames_dropped: usize,
    /// Characters of the pool strings of `frames`.
    pool_chars: usize,
    /// Time between interval snapshots of the arenas.
    pub frame_interval: Duration,
}

impl Default for Timeline {
    fn default() -> Self {
        Timeline {
            samples: Vec::new(),
            interval: Duration::from_millis(1),
            markers: Vec::new(),
            markers_dropped: 0,
            pauses: Default::default(),
            frames: Vec::new(),
            frames_dropped: 0,
            pool_chars: 0,
            frame_interval: Duration::from_millis(50),
        }
    }
}

impl Timeline {
    /// Adds a sample, thinning when full.
    pub fn push(&mut self, sample: Sample) {
        self.samples.push(sample);
        if self.samples.len() > MAX_SAMPLES {
            keep_every_other(&mut self.samples, |_| true);
            self.interval = doubled(self.interval);
        }
    }

    /// Records a finished collection.
    pub fn collection(&mut self, marker: Marker) {
        self.pauses[marker.generation].push(marker.pause_micros as f32);
        self.markers.push(marker);
        if self.markers.len() > MAX_MARKERS {
            let before = self.markers.len();
            // Thin the youngest generation first: older collections are rarer and longer.
            for generation in 0..3 {
                keep_every_other(&mut self.markers, |m| m.generation == generation);
                if self.markers.len() <= MAX_MARKERS * 3 / 4 {
                    break;
                }
            }
            self.markers_dropped += before - self.markers.len();
        }
    }

    /// Adds an arena snapshot, thinning when there are too many or they grow too big.
    pub fn arena_frame(&mut self, t: f64, label: String, map: &[ArenaSnapshot]) {
        let arenas: Vec<ArenaRow> = map.iter().map(row_of).collect();
        self.pool_chars += pool_chars(&arenas);
        self.frames.push(ArenaFrame { t, label, arenas });
        while self.frames.len() > 2
            && (self.frames.len() > MAX_FRAMES || self.pool_chars > MAX_POOL_CHARS)
        {
            let before = self.frames.len();
            // The first and the last snapshot always stay.
            let last = self.frames.pop();
            let first = self.frames.remove(0);
            let mut middle = std::mem::take(&mut self.frames);
            keep_every_other(&mut middle, |_| true);
            self.frames = std::iter::once(first).chain(middle).chain(last).collect();
            self.frames_dropped += before - self.frames.len();
            self.frame_interval = doubled(self.frame_interval);
            self.pool_chars = self.frames.iter().map(|f| pool_chars(&f.arenas)).sum();
        }
    }

    /// Time of the last sample (0 before the first).
    pub fn last_t(&self) -> f64 {
        self.samples.last().map_or(0.0, |s| s.t)
    }

    /// Longest pause (generation, microseconds).
    pub fn largest_pause(&self) -> Option<model::Pause> {
        self.markers_or_pauses()
            .max_by(|a, b| a.micros.total_cmp(&b.micros))
    }

    fn markers_or_pauses(&self) -> impl Iterator<Item = model::Pause> + '_ {
        self.pauses.iter().enumerate().flat_map(|(generation, p)| {
            p.iter().map(move |&micros| model::Pause {
                generation,
                micros: micros as f64,
            })
        })
    }

    /// Seconds spent in collections.
    pub fn gc_seconds(&self) -> f64 {
        self.pauses.iter().flatten().map(|&p| p as f64 / 1e6).sum()
    }

    /// Collections per generation.
    pub fn collections(&self) -> [usize; 3] {
        std::array::from_fn(|g| self.pauses[g].len())
    }

    /// The model's timeline, arena and pause sections.
    pub fn into_model(self) -> (model::Timeline, model::Arenas, Vec<Pauses>) {
        let pauses = self
            .pauses
            .iter()
            .enumerate()
            .map(|(g, p)| pause_stats(g, p))
            .collect();
        let mut timeline = model::Timeline {
            markers: self.markers,
            markers_dropped: self.markers_dropped,
            ..Default::default()
        };
        for s in self.samples {
            timeline.t.push(s.t);
            timeline.heap_bytes.push(s.heap);
            timeline.external_bytes.push(s.external);
            timeline.rss_bytes.push(s.rss);
            for (g, column) in timeline.generations.iter_mut().enumerate() {
                column.push(s.generations.map(|counts| counts[g]));
            }
        }
        let classes = 0..pymm_alloc::NUM_SIZE_CLASSES;
        let arenas = model::Arenas {
            block_sizes: classes.clone().map(pymm_alloc::class_size).collect(),
            blocks_per_pool: classes.map(pymm_alloc::blocks_per_pool).collect(),
            snapshots: self.frames,
            snapshots_dropped: self.frames_dropped,
        };
        (timeline, arenas, pauses)
    }
}

/// Longest interval between samples or snapshots.
const MAX_INTERVAL: Duration = Duration::from_secs(3600);

/// Twice `interval`, at most [`MAX_INTERVAL`].
fn doubled(interval: Duration) -> Duration {
    interval.saturating_mul(2).min(MAX_INTERVAL)
}

fn pool_chars(arenas: &[ArenaRow]) -> usize {
    arenas.iter().map(|a| a.pools.len()).sum()
}

/// Keeps the items `thin` does not select, and every other one of those it does.
fn keep_every_other<T>(items: &mut Vec<T>, thin: impl Fn(&T) -> bool) {
    let mut selected = 0usize;
    items.retain(|item| {
        if !thin(item) {
            return true;
        }
        selected += 1;
        selected % 2 == 1
    });
}

/// Class letters: `A`..`Z` then `a`..`f` for classes 0..31.
const CLASS_LETTERS: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef";

/// Two characters per pool: `.` untouched or `-` empty (then `0`), or the class letter and
/// the fill rounded up to tenths (`1`..`9`, `9` also for full).
fn row_of(arena: &ArenaSnapshot) -> ArenaRow {
    let mut pools = String::with_capacity(arena.pools.len() * 2);
    for pool in &arena.pools {
        let (state, fill) = match *pool {
            PoolState::Untouched => (b'.', b'0'),
            PoolState::Empty => (b'-', b'0'),
            PoolState::Used {
                class,
                blocks_in_use,
            } => {
                let capacity = pymm_alloc::blocks_per_pool(class);
                let tenths = (blocks_in_use * 10).div_ceil(capacity).clamp(1, 9);
                (CLASS_LETTERS[class], b'0' + tenths as u8)
            }
        };
        pools.push(state as char);
        pools.push(fill as char);
    }
    ArenaRow {
        base: format!("{:#x}", arena.base),
        pools,
    }
}

/// Percentiles and a log-scale histogram of one generation's pauses.
fn pause_stats(generation: usize, pauses: &[f32]) -> Pauses {
    let mut sorted: Vec<f64> = pauses.iter().map(|&p| p as f64).collect();
    sorted.sort_by(f64::total_cmp);
    let rank = |q: f64| -> Option<f64> {
        let n = sorted.len();
        (n > 0).then(|| sorted[((q * n as f64).ceil() as usize).clamp(1, n) - 1])
    };
    Pauses {
        generation,
        count: sorted.len(),
        total_micros: sorted.iter().sum(),
        p50_micros: rank(0.50),
        p90_micros: rank(0.90),
        p99_micros: rank(0.99),
        max_micros: sorted.last().copied(),
        histogram: histogram(&sorted),
    }
}

/// Bins a quarter of a power of two wide (in microseconds), from the smallest pause's bin
/// to the largest's.
fn histogram(sorted: &[f64]) -> Histogram {
    let (Some(&lo), Some(&hi)) = (sorted.first(), sorted.last()) else {
        return Histogram::default();
    };
    let bin = |x: f64| (x.max(0.01).log2() * 4.0).floor() as i64;
    let (first, last) = (bin(lo), bin(hi));
    let edge = |b: i64| 2f64.powf(b as f64 / 4.0);
    let mut counts = vec![0usize; (last - first + 1) as usize];
    for &x in sorted {
        counts[(bin(x) - first) as usize] += 1;
    }
    Histogram {
        edges_micros: (first..=last + 1).map(edge).collect(),
        counts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let pauses: Vec<f32> = (1..=100).map(|i| i as f32).collect();
        let stats = pause_stats(0, &pauses);
        assert_eq!(stats.p50_micros, Some(50.0));
        assert_eq!(stats.p90_micros, Some(90.0));
        assert_eq!(stats.p99_micros, Some(99.0));
        assert_eq!(stats.max_micros, Some(100.0));
        assert_eq!(stats.histogram.counts.iter().sum::<usize>(), 100);
        let edges = &stats.histogram.edges_micros;
        assert!(edges[0] <= 1.0 && *edges.last().unwrap() > 100.0);
    }

    #[test]
    fn markers_stay_bounded_and_older_generations_stay() {
        let mut timeline = Timeline::default();
        for i in 0..10_000 {
            timeline.collection(Marker {
                t: i as f64,
                generation: usize::from(i % 100 == 0),
                pause_micros: 1.0,
                collected: 0,
            });
        }
        assert!(timeline.markers.len() <= MAX_MARKERS);
        let gen1 = timeline
            .markers
            .iter()
            .filter(|m| m.generation == 1)
            .count();
        assert_eq!(gen1, 100);
        assert_eq!(timeline.markers.len() + timeline.markers_dropped, 10_000);
        assert_eq!(timeline.collections(), [9_900, 100, 0]);
    }

    #[test]
    fn snapshots_stay_bounded_however_many_are_taken() {
        let mut timeline = Timeline::default();
        let map = [ArenaSnapshot {
            base: 0x10000,
            pools: vec![PoolState::Empty; 64],
        }];
        for i in 0..100_000 {
            timeline.arena_frame(i as f64, format!("{i}"), &map);
        }
        assert!(timeline.frames.len() <= MAX_FRAMES);
        assert_eq!(timeline.frames[0].label, "0");
        assert_eq!(timeline.frames.last().unwrap().label, "99999");
        assert_eq!(timeline.frame_interval, MAX_INTERVAL);
        for i in 0..100_000 {
            timeline.push(Sample {
                t: i as f64,
                heap: 0,
                external: 0,
                rss: None,
                generations: None,
            });
        }
        assert!(timeline.samples.len() <= MAX_SAMPLES);
    }

    #[test]
    fn pools_are_two_characters() {
        let map = ArenaSnapshot {
            base: 0x10000,
            pools: vec![
                PoolState::Untouched,
                PoolState::Empty,
                PoolState::Used {
                    class: 1,
                    blocks_in_use: 1,
                },
                PoolState::Used {
                    class: 31,
                    blocks_in_use: pymm_alloc::blocks_per_pool(31),
                },
            ],
        };
        assert_eq!(row_of(&map).pools, ".0-0B1f9");
    }
}
