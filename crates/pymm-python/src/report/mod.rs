//! `pymm run --report FILE.html` and `--report-json FILE`: a picture of a run's memory.
//!
//! A [`Recorder`] watches the run from the VM's side: the collector's callbacks give the
//! collections (generation, pause, objects freed), the allocation path gives sampled
//! allocation sites ([`sites`]), the eval loop tells a [`Trail`] which frames run, and
//! occasional snapshots read the heap (bytes in use, objects per generation, the arena and
//! pool map). At the end [`Recording::finish`] turns it into a [`model::Report`], written as
//! JSON and as one self-contained HTML page ([`html`]).
//!
//! Cost: without `--report` the VM holds no recorder, the eval loop (one loop for both
//! runs) still publishes its instruction at the instructions that may allocate (a store
//! into the VM) and tests the VM's empty trail at each frame entered and left, and each
//! allocation tests one empty cell. With it, each
//! allocation of a container notes its origin (one store), each allocation counts down to
//! the next sample; the walks of the heap for the timeline and the sites (generation sizes
//! and RSS, arena maps, live bytes per site) are rationed to 0.5% of the processor time each
//! ([`Budget`]), and the garbage analysis by counts of objects ([`cycles::Rations`]), so
//! that which cycles are drawn does not depend on time. BENCHMARKS.md has the measured
//! figures.

pub mod cycles;
pub mod html;
pub mod model;
pub mod process;
pub mod sites;
pub mod timeline;

use std::cell::{Cell, RefCell};
use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};

use crate::objects::PyRef;
use crate::rt::{CallbackId, CallbackInfo, CallbackPhase, Gc};
use crate::vm::observer::Observer;
pub use crate::vm::trail::{Place, Position, Spot, Trail};
use crate::vm::Vm;
use cycles::{Cycles, Origins};
use model::{CycleGraph, CycleNode, Marker, PeakMark};
use process::{peak_resident_bytes, thread_cpu_time, ResidentSize};
use sites::Sites;
use timeline::{Sample, Timeline};

/// Where to write the report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportSpec {
    /// The HTML page.
    pub html: Option<PathBuf>,
    /// The JSON document.
    pub json: Option<PathBuf>,
}

/// Share of the thread's processor time each kind of heap walk may take.
const BUDGET_SHARE: f64 = 0.005;
/// Time each kind of walk may take before the share applies (small programs get every
/// snapshot).
const BUDGET_GRACE: Duration = Duration::from_millis(2);
/// Live bytes per site are measured again once the heap passed the last measured peak
/// by this factor.
const PEAK_STEP: f64 = 1.05;

/// Rations one kind of the recorder's heap walks to [`BUDGET_SHARE`] of the processor time
/// the thread has used. A paced budget also spreads its walks out: after a walk that cost
/// `c`, the next waits until the thread has used `c / BUDGET_SHARE` more (for the periodic
/// walks; the walks that answer an event, a collection or a new peak, are not paced). Both
/// sides are processor time of this thread, so a busy machine (the thread waiting for a
/// processor) neither stretches the allowance nor costs the program anything.
#[derive(Default)]
struct Budget {
    paced: bool,
    spent: Duration,
    /// Processor time of the thread before which a paced walk waits.
    resume_at: Duration,
}

impl Budget {
    fn paced() -> Budget {
        Budget {
            paced: true,
            ..Budget::default()
        }
    }

    /// Whether a walk may run now that the thread has used `cpu`.
    fn allows(&self, cpu: Duration) -> bool {
        self.spent < BUDGET_GRACE + cpu.mul_f64(BUDGET_SHARE) && cpu >= self.resume_at
    }

    /// Runs `walk` and charges its time.
    fn charge<R>(&mut self, walk: impl FnOnce() -> R) -> R {
        let started = thread_cpu_time();
        let result = walk();
        let finished = thread_cpu_time();
        let cost = finished.saturating_sub(started);
        self.spent += cost;
        if self.paced {
            self.resume_at = finished + cost.div_f64(BUDGET_SHARE);
        }
        result
    }
}

/// One budget per kind of walk, so that a costly kind cannot starve a cheap one.
struct Budgets {
    /// Generation sizes and the RSS, with each timeline sample that can afford them.
    generations: Budget,
    arenas: Budget,
    live_sites: Budget,
    /// Only counts the time of the garbage analysis (rationed by [`cycles::Rations`]).
    garbage: Budget,
}

impl Default for Budgets {
    fn default() -> Self {
        Budgets {
            generations: Budget::paced(),
            arenas: Budget::paced(),
            live_sites: Budget::default(),
            garbage: Budget::default(),
        }
    }
}

impl Budgets {
    fn spent(&self) -> Duration {
        self.generations.spent + self.arenas.spent + self.live_sites.spent + self.garbage.spent
    }

    fn by_walk(&self) -> model::RecordingWalks {
        model::RecordingWalks {
            generations: self.generations.spent.as_secs_f64(),
            arenas: self.arenas.spent.as_secs_f64(),
            live_sites: self.live_sites.spent.as_secs_f64(),
            garbage: self.garbage.spent.as_secs_f64(),
        }
    }
}

/// Everything recorded, behind one `RefCell` (never borrowed while Python code can run).
struct State {
    budget: Budgets,
    timeline: Timeline,
    sites: Sites,
    cycles: Cycles,
    rations: cycles::Rations,
    resident: ResidentSize,
    next_sample: Duration,
    next_frame: Duration,
    peak: PeakMark,
    /// Collection running: when it started (after the garbage analysis) and its drafts.
    collecting: Option<(Instant, Vec<cycles::Draft>)>,
    collected: u64,
}

/// Watches a run; held by the VM (`Vm::observer`) while the program runs.
pub struct Recorder {
    started: Instant,
    trail: Rc<Trail>,
    origins: Origins,
    /// Allocations left before the next sampled one.
    countdown: Cell<u32>,
    /// Allocations up to and including the next sampled one: the run's allocations so far
    /// are `counted - countdown` ([`Recorder::allocations`]), so that an allocation
    /// writes the countdown alone, not a count of its own too.
    counted: Cell<u64>,
    /// The next collection is one the program asked for.
    explicit: Cell<bool>,
    state: RefCell<State>,
    /// The garbage analysis' tables, kept between analyses.
    scratch: RefCell<cycles::Scratch>,
}

impl Observer for Recorder {
    fn trail(&self) -> &Rc<Trail> {
        &self.trail
    }

    #[inline]
    fn allocated(&self, vm: &Vm, obj: &PyRef) {
        self.trail.check_published(&vm.position);
        // Only containers can be in a garbage cycle: the others need no origin.
        if Gc::is_container(obj) {
            self.origins
                .note(Gc::as_ptr(obj) as usize, self.trail.here(&vm.position));
        }
        let left = self.countdown.get() - 1;
        self.countdown.set(left);
        if left == 0 {
            self.sample(vm, obj);
        }
    }

    fn explicit_collection(&self, running: bool) {
        self.explicit.set(running);
    }
}

impl Recorder {
    fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// Objects allocated so far in the run.
    fn allocations(&self) -> u64 {
        self.counted.get() - u64::from(self.countdown.get())
    }

    #[cold]
    fn sample(&self, vm: &Vm, obj: &PyRef) {
        let stack = Sites::stack_of(&self.trail, &vm.position);
        let due = {
            let mut state = self.state.borrow_mut();
            state.sites.record(obj, stack);
            let gap = state.sites.next_gap();
            self.countdown.set(gap);
            self.counted.set(self.counted.get() + u64::from(gap));
            self.elapsed() >= state.next_sample
        };
        if due {
            self.take_sample(vm, None);
        }
    }

    /// Records one timeline sample (after a collection of `collection`, if given); takes
    /// an arena snapshot when one is due.
    fn take_sample(&self, vm: &Vm, collection: Option<usize>) {
        let elapsed = self.elapsed();
        let t = elapsed.as_secs_f64();
        let cpu = thread_cpu_time();
        let mut state = self.state.borrow_mut();
        let state = &mut *state;
        let budget = &mut state.budget;
        let resident = &state.resident;
        let (generations, rss) = if budget.generations.allows(cpu) {
            budget.generations.charge(|| {
                let sizes = vm.heap.generation_sizes();
                let [g0, g1, g2] = sizes.generations;
                (Some([g0, g1, g2, sizes.frozen]), resident.bytes())
            })
        } else {
            (None, None)
        };
        let heap = vm.heap.bytes_in_use();
        let external = crate::memory::external_bytes();
        state.timeline.push(Sample {
            t,
            heap,
            external,
            rss,
            generations,
        });
        state.next_sample = elapsed + state.timeline.interval;
        let in_use = heap + external;
        if in_use > state.peak.heap_bytes {
            state.peak = PeakMark {
                t,
                heap_bytes: in_use,
            };
            let measured = state.sites.measured_peak.map_or(0, |p| p.heap_bytes);
            let budget = &mut state.budget.live_sites;
            if in_use as f64 >= measured as f64 * PEAK_STEP && budget.allows(cpu) {
                let peak = state.peak;
                let sites = &mut state.sites;
                budget.charge(|| sites.measure_live(peak));
            }
        }
        let frame_due = elapsed >= state.next_frame;
        if frame_due && state.budget.arenas.allows(cpu) {
            let label = match collection {
                Some(g) => format!("collection {g}"),
                None => "interval".to_string(),
            };
            Self::arena_frame(vm, state, t, label);
        }
    }

    /// Takes an arena snapshot now; the next interval snapshot is due an interval later.
    fn arena_frame(vm: &Vm, state: &mut State, t: f64, label: String) {
        let timeline = &mut state.timeline;
        state
            .budget
            .arenas
            .charge(|| timeline.arena_frame(t, label, &vm.heap.arena_map()));
        state.next_frame = Duration::from_secs_f64(t) + state.timeline.frame_interval;
    }

    /// The collector's callback.
    fn on_collection(&self, vm: &Vm, phase: CallbackPhase, info: &CallbackInfo) {
        match phase {
            CallbackPhase::Start => {
                let drafts = self.examine_garbage(vm, info.generation);
                self.state.borrow_mut().collecting = Some((Instant::now(), drafts));
            }
            CallbackPhase::Stop => {
                let Some((began, drafts)) = self.state.borrow_mut().collecting.take() else {
                    return;
                };
                let pause = began.elapsed();
                self.collection_done(info, began, pause, drafts);
                // The marker records every collection; the heap is sampled when a sample is
                // due (a program may collect thousands of times a second).
                let due = self.elapsed() >= self.state.borrow().next_sample;
                if due {
                    self.take_sample(vm, Some(info.generation));
                }
            }
        }
    }

    /// Runs the garbage analysis before a collection of `generation` if the ration of its
    /// kind allows (a count of objects: see [`cycles::Rations`]).
    fn examine_garbage(&self, vm: &Vm, generation: usize) -> Vec<cycles::Draft> {
        let kind = match self.explicit.replace(false) {
            true => cycles::Kind::Explicit,
            false => cycles::Kind::Automatic(generation),
        };
        if !self.state.borrow().rations.allow(kind, self.allocations()) {
            return Vec::new();
        }
        let mut budget = Budget::default();
        let (work, drafts) = budget.charge(|| {
            let objects = cycles::newest(vm, generation);
            let mut scratch = self.scratch.borrow_mut();
            let (drafts, references) =
                cycles::find_garbage(vm, &objects, &self.origins, &mut scratch);
            (objects.len() + references, drafts)
        });
        let mut state = self.state.borrow_mut();
        state.budget.garbage.spent += budget.spent;
        state.rations.charge(kind, work);
        state.cycles.examined += 1;
        drafts
    }

    fn collection_done(
        &self,
        info: &CallbackInfo,
        began: Instant,
        pause: Duration,
        drafts: Vec<cycles::Draft>,
    ) {
        let t = began.duration_since(self.started).as_secs_f64();
        let mut state = self.state.borrow_mut();
        state.collected += info.collected as u64;
        state.timeline.collection(Marker {
            t,
            generation: info.generation,
            pause_micros: pause.as_secs_f64() * 1e6,
            collected: info.collected,
        });
        if info.collected == 0 {
            return;
        }
        for draft in drafts {
            let nodes = draft
                .types
                .into_iter()
                .zip(draft.spots)
                .map(|(type_name, spot)| CycleNode {
                    type_name,
                    allocated_at: spot.and_then(|s| self.place_of(s)),
                })
                .collect();
            state.cycles.offer(CycleGraph {
                t,
                generation: info.generation,
                objects: draft.objects,
                repeats: 0,
                nodes,
                edges: draft.edges,
            });
        }
    }

    fn place_of(&self, spot: Spot) -> Option<Place> {
        self.trail.code(spot).map(|code| Place::of(&code, spot.ip))
    }
}

/// A recording in progress: the recorder, its callback and what to write at the end.
pub struct Recording {
    spec: ReportSpec,
    recorder: Rc<Recorder>,
    callback: CallbackId,
    blocks_at_start: usize,
}

impl Recording {
    /// Starts recording `vm`'s run.
    pub fn start(vm: &Vm, spec: &ReportSpec) -> Recording {
        let recorder = Rc::new(Recorder {
            started: Instant::now(),
            trail: Rc::default(),
            origins: Origins::default(),
            countdown: Cell::new(1),
            counted: Cell::new(1),
            explicit: Cell::new(false),
            state: RefCell::new(State {
                resident: ResidentSize::open(),
                ..State::default()
            }),
            scratch: RefCell::default(),
        });
        vm.watch(recorder.clone());
        let watched = Rc::downgrade(&recorder);
        let callback = vm.heap.add_callback(move |_heap, phase, info| {
            let (Some(recorder), Some(vm)) = (watched.upgrade(), crate::vm::finalize::current())
            else {
                return;
            };
            recorder.on_collection(&vm, phase, info);
        });
        Self::snapshot(&recorder, vm, "start");
        recorder.take_sample(vm, None);
        Recording {
            spec: spec.clone(),
            recorder,
            callback,
            blocks_at_start: live_blocks(vm),
        }
    }

    /// The program's code finished (before the shutdown's clean-up).
    pub fn program_ended(&self, vm: &Vm) {
        Self::snapshot(&self.recorder, vm, "end of program");
        self.recorder.take_sample(vm, None);
    }

    fn snapshot(recorder: &Recorder, vm: &Vm, label: &str) {
        let t = recorder.elapsed().as_secs_f64();
        let mut state = recorder.state.borrow_mut();
        Recorder::arena_frame(vm, &mut state, t, label.to_string());
    }

    /// Stops recording (after the shutdown) and writes the files; returns `exit_code`, or 1
    /// if a file could not be written (the error is printed).
    pub fn finish(self, vm: &Vm, script: &str, argv: &[String], exit_code: i32) -> i32 {
        let program = model::Program {
            script: script.to_string(),
            argv: argv.to_vec(),
            exit_code,
        };
        Self::snapshot(&self.recorder, vm, "after shutdown");
        self.recorder.take_sample(vm, None);
        vm.heap.remove_callback(self.callback);
        let spec = self.spec.clone();
        let recorder = self.recorder.clone();
        let report = self.build(vm, program);
        recorder.trail.forget_codes();
        match html::write_files(&report, &spec) {
            Ok(()) => exit_code,
            Err(message) => {
                eprintln!("pymm: {message}");
                if exit_code == 0 {
                    1
                } else {
                    exit_code
                }
            }
        }
    }

    fn build(self, vm: &Vm, program: model::Program) -> model::Report {
        let recorder = self.recorder;
        let wall_seconds = recorder.elapsed().as_secs_f64();
        let allocated = recorder.allocations();
        let still_allocated = live_blocks(vm).saturating_sub(self.blocks_at_start) as u64;
        let state = recorder.state.take();
        let freed_by_collector = state.collected;
        let summary = model::Summary {
            wall_seconds,
            gc_seconds: state.timeline.gc_seconds(),
            peak_heap_bytes: state.peak.heap_bytes,
            peak_rss_bytes: peak_resident_bytes(),
            objects_allocated: allocated,
            freed_by_refcount: allocated.saturating_sub(freed_by_collector + still_allocated),
            freed_by_collector,
            collections: state.timeline.collections(),
            garbage_found: freed_by_collector,
            largest_pause: state.timeline.largest_pause(),
            recording_seconds: state.budget.spent().as_secs_f64(),
            recording_walks: state.budget.by_walk(),
        };
        let (timeline, arenas, pauses) = state.timeline.into_model();
        let place = |spot: Spot| {
            recorder.place_of(spot).unwrap_or_else(|| Place {
                file: "<pymm>".into(),
                line: 0,
                function: "<no Python frame>".into(),
            })
        };
        model::Report {
            format: model::FORMAT,
            version: model::VERSION,
            program,
            summary,
            timeline,
            arenas,
            pauses,
            sites: state.sites.into_model(place),
            cycles: state.cycles.into_model(),
        }
    }
}

impl Default for State {
    fn default() -> Self {
        State {
            budget: Budgets::default(),
            timeline: Timeline::default(),
            sites: Sites::default(),
            cycles: Cycles::default(),
            rations: cycles::Rations::default(),
            // Opened by `Recording::start` only: `build` takes the state, leaving a
            // default one behind, which reads no file.
            resident: ResidentSize::closed(),
            next_sample: Duration::ZERO,
            next_frame: Duration::ZERO,
            peak: PeakMark {
                t: 0.0,
                heap_bytes: 0,
            },
            collecting: None,
            collected: 0,
        }
    }
}

/// Blocks of the heap handed out now (objects, as pymm-python allocates nothing else there).
fn live_blocks(vm: &Vm) -> usize {
    let stats = vm.heap.alloc_stats();
    stats.small_blocks_in_use() + stats.large_blocks
}
