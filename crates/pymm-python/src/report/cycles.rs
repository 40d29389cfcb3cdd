//! Garbage cycles: what a collection is about to free, drawn as graphs of objects.
//!
//! pymm's collector has no hook between finding garbage and freeing it, and keeping the
//! garbage alive (as `DEBUG_SAVEALL` does) would change what the program sees. So just
//! before selected collections start, the report runs the collector's own algorithm on a
//! copy of the generations being collected: every object's reference count minus the
//! references from inside the set; what is left above zero is a root; what no root reaches
//! is garbage. The garbage is split into groups of objects connected by references, and a
//! group is kept if the collection then does free objects. (A finalizer may still resurrect
//! a group; that is rare and not checked object by object.)
//!
//! Which collections are analysed does not depend on time, so a program gets the same
//! choice at every run ([`Rations`]): the analyses of each kind of collection (automatic,
//! by generation, or asked for by `gc.collect()`) may examine a grace of objects and
//! references plus one per [`ALLOCATIONS_PER_EXAMINED`] allocations of the run, a
//! collection at most [`MAX_EXAMINED_OBJECTS`] objects and about [`MAX_EXAMINED_REFERENCES`]
//! references (the newest objects of its set: an analysis of part of the set finds part of
//! its garbage and never a live object, as the references from the objects left out count
//! as references from outside). The groups found feed a reservoir sample of
//! [`MAX_GRAPHS`] distinct shapes ([`Cycles`]), so that garbage made late in a run has the
//! same chance to be drawn as garbage made early.
//!
//! The line that allocated each object comes from [`Origins`], a direct-mapped table of
//! the most recent allocation at each address (every allocation of a container, the only
//! objects a cycle can hold, writes one entry): an object whose entry a later allocation
//! overwrote shows no line.

use std::cell::Cell;
use std::hash::{Hash, Hasher};

use hashbrown::{HashMap, HashSet};

use super::model::{CycleGraph, CycleNode};
use crate::objects::Obj;
use crate::rt::{for_each_referent, GcAny};
use crate::vm::trail::Spot;
use crate::vm::Vm;

/// Nodes drawn per group at most.
const MAX_NODES: usize = 40;
/// Groups kept per collection at most.
const GROUPS_PER_COLLECTION: usize = 3;
/// Objects examined per collection at most (the newest of its set). 2,000 rather than the
/// 5,000 of before: the analysis' cost is per object examined, and the first analysis of
/// each kind runs whatever the rations; bm_deltablue's groups of 806 and 405 objects are
/// still found whole (BENCHMARKS.md, "The recording's cost on the five programs nearest
/// the bar").
pub const MAX_EXAMINED_OBJECTS: usize = 2_000;
/// References read per collection: once past this, the remaining objects are left out.
const MAX_EXAMINED_REFERENCES: usize = 8_000;
/// Objects and references each kind of collection's analyses may examine before the pace
/// below applies.
const GRACE_OBJECTS: u64 = 2_000;
/// Each kind of collection's analyses may examine one object or reference per this many
/// allocations.
pub const ALLOCATIONS_PER_EXAMINED: u64 = 256;
/// Distinct shapes remembered (to count repeats) before the ones not kept are forgotten.
const MAX_SHAPES: usize = 1 << 16;

/// Entries of the origins table (a power of two).
const ORIGIN_SLOTS: usize = 1 << 14;
/// An object's entry is chosen by its address in units of this many bytes (no container
/// is smaller), so that objects allocated one after another in a pool write neighbouring
/// entries: the table is written in address order, as the pools are, and stays cheap to
/// write (a hashed index made every container allocation a cache miss).
const ORIGIN_GRAIN: usize = 32;

#[derive(Clone, Copy, Default)]
struct Origin {
    object: usize,
    spot: Spot,
}

/// Where recent objects were allocated, by address: a direct-mapped table, so an entry is
/// lost only when an object at an address [`ORIGIN_SLOTS`] * [`ORIGIN_GRAIN`] bytes away
/// is allocated.
pub struct Origins {
    /// A fixed-size array, so that an allocation's index needs no bounds check (its mask
    /// keeps it in range): three instructions less at every container allocation.
    slots: Box<[Cell<Origin>; ORIGIN_SLOTS]>,
}

impl Default for Origins {
    /// The table is asked of the allocator already zeroed, so that its 256 KiB come as
    /// untouched pages (a fresh mapping), not written entry by entry (which cost a short
    /// run ~100 page faults); the kernel then maps them all in at once
    /// ([`super::process::populate`]). A run's containers spread over more than the
    /// table's span of addresses (512 KiB), so most runs write every page of it: page by
    /// page, as they were first written, bm_deltablue took 57 page faults here (~5 µs each
    /// on these machines, 0.3 ms of a 56 ms run).
    fn default() -> Self {
        let slots = Box::<[Cell<Origin>]>::new_zeroed_slice(ORIGIN_SLOTS);
        // SAFETY: an `Origin` is a `usize` and two `u32`s, for which all zero
        // bits are a valid value (`Origin::default()`, with `spot.code == 0`: no origin);
        // `Cell` has the layout of what it holds.
        let slots = unsafe { slots.assume_init() };
        super::process::populate(&slots);
        let slots = slots
            .try_into()
            .unwrap_or_else(|_| unreachable!("made with ORIGIN_SLOTS entries"));
        Origins { slots }
    }
}

impl Origins {
    fn slot(&self, object: usize) -> &Cell<Origin> {
        &self.slots[(object / ORIGIN_GRAIN) % ORIGIN_SLOTS]
    }

    /// The object at `object` was just allocated at `spot` (one store).
    #[inline(always)]
    pub fn note(&self, object: usize, spot: Spot) {
        self.slot(object).set(Origin { object, spot });
    }

    /// Where the object at `object` was allocated, if its entry is still there.
    pub fn find(&self, object: usize) -> Option<Spot> {
        let origin = self.slot(object).get();
        (origin.object == object && origin.spot.code != 0).then_some(origin.spot)
    }
}

/// A group of garbage found before a collection, with its nodes' allocation spots.
pub struct Draft {
    /// All objects of the group.
    pub objects: usize,
    /// Type names of the drawn nodes.
    pub types: Vec<String>,
    /// Where each drawn node was allocated.
    pub spots: Vec<Option<Spot>>,
    /// References between drawn nodes.
    pub edges: Vec<[usize; 2]>,
}

/// Which collections the garbage analysis examines: a count of the objects and references
/// examined for each kind of collection (automatic ones by generation, and `gc.collect()`),
/// against an allowance that grows with the run's allocations.
#[derive(Default)]
pub struct Rations {
    examined: [u64; KINDS],
}

/// Kinds of collection with a ration each: automatic ones of generations 0, 1 and 2, and
/// the ones the program asks for (`gc.collect()`).
const KINDS: usize = 4;

/// What started a collection, for [`Rations`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An automatic collection of this generation.
    Automatic(usize),
    /// `gc.collect()`.
    Explicit,
}

impl Kind {
    fn index(self) -> usize {
        match self {
            Kind::Automatic(generation) => generation.min(2),
            Kind::Explicit => 3,
        }
    }
}

impl Rations {
    /// Whether a collection of `kind` is analysed, `allocated` objects into the run.
    pub fn allow(&self, kind: Kind, allocated: u64) -> bool {
        self.examined[kind.index()] < GRACE_OBJECTS + allocated / ALLOCATIONS_PER_EXAMINED
    }

    /// Charges an analysis of a collection of `kind` that examined `work` objects and
    /// references.
    pub fn charge(&mut self, kind: Kind, work: usize) {
        self.examined[kind.index()] += work as u64;
    }
}

/// The objects a collection of `generation` is about to examine, at most
/// [`MAX_EXAMINED_OBJECTS`]: the newest (see `Heap::newest_objects`).
pub fn newest(vm: &Vm, generation: usize) -> Vec<GcAny> {
    vm.heap.newest_objects(generation, MAX_EXAMINED_OBJECTS)
}

/// The garbage analysis' tables, kept from one analysis to the next: made anew for each,
/// their pages (up to a few hundred KiB for a set of [`MAX_EXAMINED_OBJECTS`]) were fresh
/// page faults at every analysed collection. Each analysis clears them first; between
/// analyses they hold addresses and numbers only, no handle. Objects are named by their
/// index in the set as a `u32` (a set has at most [`MAX_EXAMINED_OBJECTS`]), so that the
/// tables take half the pages `usize`s would.
#[derive(Default)]
pub struct Scratch {
    /// Each object's references from outside the set (its count less those inside).
    outside: Vec<isize>,
    /// Each object's index in the set, by address.
    index: HashMap<usize, u32>,
    /// The references inside the set, by index.
    edges: Edges,
    /// What the roots reach (then: what is garbage).
    reached: Vec<bool>,
    /// The breadth-first walk's queue.
    queue: Vec<u32>,
    /// The garbage's groups.
    groups: Groups,
}

/// Runs the collector's reachability on `objects` (a collection's set, or its newest part)
/// and returns the groups of garbage (largest first, at most a few) and the number of
/// references it read. `scratch` lends its tables.
pub fn find_garbage(
    vm: &Vm,
    objects: &[GcAny],
    origins: &Origins,
    scratch: &mut Scratch,
) -> (Vec<Draft>, usize) {
    // The index first, so that each reference is looked up as the trace shows it: no
    // table of every reference's address is kept.
    let index = &mut scratch.index;
    index.clear();
    index.extend(
        objects
            .iter()
            .enumerate()
            .map(|(i, o)| (o.as_ptr() as usize, i as u32)),
    );
    // The references of the objects in order, until MAX_EXAMINED_REFERENCES are read: the
    // objects after that are left out of the analysis (a part of the set, as above).
    let edges = &mut scratch.edges;
    edges.clear();
    let mut references = 0;
    for obj in objects {
        if references >= MAX_EXAMINED_REFERENCES {
            break;
        }
        for_each_referent(obj, |child| {
            references += 1;
            if let Some(&j) = index.get(&(child as usize)) {
                edges.targets.push(j);
            }
        });
        edges.starts.push(edges.targets.len() as u32);
    }
    let objects = &objects[..edges.len()];
    // References to objects left out count as references from outside the set.
    edges.keep_below(objects.len() as u32);
    // Counts: our own handle to each object is one of its references.
    let outside = &mut scratch.outside;
    outside.clear();
    outside.extend(objects.iter().map(|o| o.ref_count() as isize - 1));
    for &j in &edges.targets {
        outside[j as usize] -= 1;
    }
    let garbage = &mut scratch.reached;
    unreachable_from_roots(outside, edges, garbage, &mut scratch.queue);
    if !garbage.contains(&true) {
        // Most analysed collections of a program without cycles: no groups to split.
        return (Vec::new(), references);
    }
    let groups = &mut scratch.groups;
    groups.split(garbage, edges);
    let drafts = groups
        .largest()
        .map(|group| draft_of(vm, objects, edges, group, origins))
        .collect();
    (drafts, references)
}

/// The references between the objects of a set, by index, in one vector: object `i`'s
/// are `targets[starts[i]..starts[i + 1]]`.
struct Edges {
    starts: Vec<u32>,
    targets: Vec<u32>,
}

impl Default for Edges {
    fn default() -> Self {
        Edges {
            starts: vec![0],
            targets: Vec::new(),
        }
    }
}

impl Edges {
    /// The objects `i` refers to.
    fn of(&self, i: usize) -> &[u32] {
        &self.targets[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// How many objects the set has.
    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Empties the set.
    fn clear(&mut self) {
        self.starts.clear();
        self.starts.push(0);
        self.targets.clear();
    }

    /// Drops the references to objects `n` and later, in place, the order of the rest kept.
    fn keep_below(&mut self, n: u32) {
        if self.targets.iter().all(|&j| j < n) {
            return;
        }
        let mut kept = 0;
        let mut from = 0;
        for i in 0..self.len() {
            let to = self.starts[i + 1] as usize;
            for k in from..to {
                let j = self.targets[k];
                if j < n {
                    self.targets[kept] = j;
                    kept += 1;
                }
            }
            from = to;
            self.starts[i + 1] = kept as u32;
        }
        self.targets.truncate(kept);
    }
}

/// Marks what the roots (objects referenced from outside the set) reach; leaves in
/// `garbage` the rest (true for an object no root reaches). `queue` is the walk's.
fn unreachable_from_roots(
    outside: &[isize],
    edges: &Edges,
    garbage: &mut Vec<bool>,
    queue: &mut Vec<u32>,
) {
    let reached = garbage;
    reached.clear();
    reached.extend(outside.iter().map(|&n| n > 0));
    queue.clear();
    queue.extend((0..outside.len() as u32).filter(|&i| reached[i as usize]));
    spread(edges, reached, queue, 0);
    reached.iter_mut().for_each(|r| *r = !*r);
}

/// Walks `edges` breadth-first from the objects in `walked[first..]` (marked already):
/// each object reached for the first time is marked and appended to `walked`.
fn spread(edges: &Edges, marked: &mut [bool], walked: &mut Vec<u32>, first: usize) {
    let mut next = first;
    while let Some(&i) = walked.get(next) {
        next += 1;
        for &j in edges.of(i as usize) {
            if !marked[j as usize] {
                marked[j as usize] = true;
                walked.push(j);
            }
        }
    }
}

/// Garbage objects connected by references either way, each group in breadth-first order
/// from its first object, the groups in the order of their first objects. The tables are
/// kept from one analysis to the next, as [`Scratch`]'s.
#[derive(Default)]
struct Groups {
    /// The references between garbage objects, either way (each object's neighbours).
    links: Edges,
    /// Where the next neighbour of each object goes in `links` while it is filled.
    cursor: Vec<u32>,
    /// Objects already put in a group.
    seen: Vec<bool>,
    /// The groups' members one group after another.
    members: Vec<u32>,
    /// Group `g` is `members[starts[g]..starts[g + 1]]`.
    starts: Vec<u32>,
}

impl Groups {
    /// Splits `garbage` (true for an object that is) into groups, replacing the last ones.
    fn split(&mut self, garbage: &[bool], edges: &Edges) {
        let Groups {
            links,
            cursor,
            seen,
            members,
            starts,
        } = self;
        let n = garbage.len();
        // Each object's neighbours in one vector, in the order the references are read
        // (a reference i -> j makes j a neighbour of i and i one of j): counted first, then
        // placed. No vector per object; plain loops over the garbage objects only (an
        // iterator of flattened closures cost ~20 instructions a reference).
        cursor.clear();
        cursor.resize(n + 1, 0);
        for i in (0..n).filter(|&i| garbage[i]) {
            for &j in edges.of(i) {
                if garbage[j as usize] {
                    cursor[i + 1] += 1;
                    cursor[j as usize + 1] += 1;
                }
            }
        }
        for i in 0..n {
            cursor[i + 1] += cursor[i];
        }
        links.starts.clear();
        links.starts.extend_from_slice(cursor);
        links.targets.clear();
        links.targets.resize(cursor[n] as usize, 0);
        for i in (0..n).filter(|&i| garbage[i]) {
            for &j in edges.of(i) {
                let j = j as usize;
                if garbage[j] {
                    links.targets[cursor[i] as usize] = j as u32;
                    cursor[i] += 1;
                    links.targets[cursor[j] as usize] = i as u32;
                    cursor[j] += 1;
                }
            }
        }
        seen.clear();
        seen.resize(n, false);
        members.clear();
        starts.clear();
        starts.push(0);
        for start in (0..n).filter(|&i| garbage[i]) {
            if seen[start] {
                continue;
            }
            seen[start] = true;
            let first = members.len();
            members.push(start as u32);
            spread(links, seen, members, first);
            starts.push(members.len() as u32);
        }
    }

    /// How many groups there are.
    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// The members of group `g`.
    fn get(&self, g: usize) -> &[u32] {
        &self.members[self.starts[g] as usize..self.starts[g + 1] as usize]
    }

    /// The [`GROUPS_PER_COLLECTION`] largest groups, largest first (of equal ones, the
    /// first found).
    fn largest(&self) -> impl Iterator<Item = &[u32]> {
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.sort_by_key(|&g| std::cmp::Reverse(self.get(g).len()));
        order.truncate(GROUPS_PER_COLLECTION);
        order.into_iter().map(|g| self.get(g))
    }
}

fn draft_of(vm: &Vm, objects: &[GcAny], edges: &Edges, group: &[u32], origins: &Origins) -> Draft {
    let drawn = &group[..group.len().min(MAX_NODES)];
    let position: HashMap<u32, usize> = drawn.iter().enumerate().map(|(p, &i)| (i, p)).collect();
    let mut pairs = HashSet::new();
    for (p, &i) in drawn.iter().enumerate() {
        for j in edges.of(i as usize) {
            if let Some(&q) = position.get(j) {
                pairs.insert([p, q]);
            }
        }
    }
    let mut edges: Vec<[usize; 2]> = pairs.into_iter().collect();
    edges.sort();
    Draft {
        objects: group.len(),
        types: drawn
            .iter()
            .map(|&i| python_type_name(vm, &objects[i as usize]))
            .collect(),
        spots: drawn
            .iter()
            .map(|&i| origins.find(objects[i as usize].as_ptr() as usize))
            .collect(),
        edges,
    }
}

fn python_type_name(vm: &Vm, obj: &GcAny) -> String {
    match obj.clone().downcast::<Obj>() {
        Ok(obj) => vm.type_name(&obj),
        Err(other) => other.type_name().to_string(),
    }
}

/// Distinct graphs kept at most.
pub const MAX_GRAPHS: usize = 8;

/// Graphs kept: a reservoir sample of the distinct shapes found (Vitter's algorithm R, with
/// a fixed seed), each shape once with a count of its repeats.
pub struct Cycles {
    /// Collections examined.
    pub examined: usize,
    graphs: Vec<CycleGraph>,
    /// Shape of each kept graph.
    kept_shapes: Vec<u64>,
    /// Shapes seen, with the index of their graph if it is kept.
    shapes: HashMap<u64, Option<usize>>,
    /// Distinct shapes seen over the run.
    distinct: u64,
    /// Random state for the reservoir (xorshift).
    random: u64,
}

impl Default for Cycles {
    fn default() -> Self {
        Cycles {
            examined: 0,
            graphs: Vec::new(),
            kept_shapes: Vec::new(),
            shapes: HashMap::new(),
            distinct: 0,
            random: 0x2545_F491_4F6C_DD1D,
        }
    }
}

impl Cycles {
    /// Offers a graph to the sample: a shape already seen counts as a repeat (of its graph if
    /// kept); the `n`th new shape replaces a random kept one with probability `MAX_GRAPHS / n`.
    pub fn offer(&mut self, graph: CycleGraph) {
        let shape = shape_of(&graph.nodes);
        match self.shapes.get(&shape) {
            Some(&Some(at)) => self.graphs[at].repeats += 1,
            Some(None) => {}
            None => {
                self.distinct += 1;
                if self.shapes.len() >= MAX_SHAPES {
                    self.shapes.retain(|_, kept| kept.is_some());
                }
                let slot = self.slot_for_new_shape();
                if let Some(at) = slot {
                    if at < self.graphs.len() {
                        self.shapes.insert(self.kept_shapes[at], None);
                        self.graphs[at] = graph;
                        self.kept_shapes[at] = shape;
                    } else {
                        self.graphs.push(graph);
                        self.kept_shapes.push(shape);
                    }
                }
                self.shapes.insert(shape, slot);
            }
        }
    }

    /// Where the newest distinct shape goes in the sample, if anywhere.
    fn slot_for_new_shape(&mut self) -> Option<usize> {
        if self.graphs.len() < MAX_GRAPHS {
            return Some(self.graphs.len());
        }
        let mut x = self.random;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.random = x;
        let pick = x % self.distinct;
        (pick < MAX_GRAPHS as u64).then_some(pick as usize)
    }

    /// The model's section, graphs in the order of their collections.
    pub fn into_model(mut self) -> super::model::Cycles {
        self.graphs.sort_by(|a, b| a.t.total_cmp(&b.t));
        super::model::Cycles {
            collections_examined: self.examined,
            distinct_shapes: self.distinct,
            graphs: self.graphs,
        }
    }
}

/// A graph's shape: the types and allocating lines of its nodes, in any order (a fixed
/// hash, so that the sample is the same at every run).
fn shape_of(nodes: &[CycleNode]) -> u64 {
    let mut sorted: Vec<&CycleNode> = nodes.iter().collect();
    sorted.sort_by(|a, b| (&a.type_name, &a.allocated_at).cmp(&(&b.type_name, &b.allocated_at)));
    let mut hasher = std::hash::DefaultHasher::new();
    sorted.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_keep_what_they_reach_and_the_rest_is_garbage() {
        // 0 -> 1, with 0 referenced from outside; 2 <-> 3 a cycle; 4 -> 3, 4 unreferenced.
        let edges = Edges {
            starts: vec![0, 1, 1, 2, 3, 4],
            targets: vec![1, 3, 2, 3],
        };
        assert_eq!(edges.of(4), [3]);
        let counts = [1isize, 1, 1, 2, 0];
        let mut outside = counts.to_vec();
        for &j in &edges.targets {
            outside[j as usize] -= 1;
        }
        // tables left over from a larger analysis: cleared before use
        let mut garbage = vec![true; 9];
        let mut queue = vec![7, 8];
        unreachable_from_roots(&outside, &edges, &mut garbage, &mut queue);
        assert_eq!(garbage, [false, false, true, true, true]);
        let mut groups = Groups::default();
        groups.split(
            &[true; 7],
            &edges_of(&[&[1], &[2], &[0], &[4], &[5], &[6], &[3]]),
        );
        groups.split(&garbage, &edges);
        assert_eq!(groups.len(), 1, "the last split's groups only");
        let mut group = groups.get(0).to_vec();
        group.sort();
        assert_eq!(group, [2, 3, 4]);
    }

    /// The references of objects `0..refs.len()`: object `i`'s are `refs[i]`.
    fn edges_of(refs: &[&[u32]]) -> Edges {
        let mut edges = Edges::default();
        for &targets in refs {
            edges.targets.extend_from_slice(targets);
            edges.starts.push(edges.targets.len() as u32);
        }
        edges
    }

    #[test]
    fn groups_come_largest_first_each_in_breadth_first_order() {
        // Groups {0, 1}, {2, 3, 4, 5} and {6, 7}; 8 is not garbage (its reference to 0
        // joins nothing).
        let edges = edges_of(&[&[1], &[0], &[5, 3], &[], &[2], &[4], &[7], &[], &[0]]);
        let mut garbage = [true; 9];
        garbage[8] = false;
        let mut groups = Groups::default();
        groups.split(&garbage, &edges);
        assert_eq!(groups.len(), 3);
        let largest: Vec<&[u32]> = groups.largest().collect();
        // 2's neighbours in the order the references are read: 5 and 3 (its own), then
        // 4 (4 -> 2); from 5: 4, already seen.
        assert_eq!(largest, [&[2, 5, 3, 4][..], &[0, 1], &[6, 7]]);
    }

    #[test]
    fn references_to_objects_left_out_are_dropped_in_place() {
        let mut edges = edges_of(&[&[3, 1, 4], &[], &[2, 5, 0]]);
        edges.keep_below(3);
        assert_eq!(edges.starts, [0, 1, 1, 3]);
        assert_eq!(edges.targets, [1, 2, 0]);
        assert_eq!(edges.of(2), [2, 0]);
        edges.keep_below(3);
        assert_eq!(edges.targets, [1, 2, 0], "nothing more to drop");
    }

    #[test]
    fn origins_forget_overwritten_entries() {
        let origins = Origins::default();
        let spot = Spot { code: 8, ip: 3 };
        origins.note(0x1000, spot);
        assert_eq!(origins.find(0x1000), Some(spot));
        assert_eq!(origins.find(0x2000), None);
    }

    #[test]
    fn an_origin_is_lost_only_to_an_object_a_table_span_away() {
        let origins = Origins::default();
        let spot = |ip| Spot { code: 8, ip };
        let first = 0x10_0000;
        origins.note(first, spot(1));
        for i in 1..ORIGIN_SLOTS {
            origins.note(first + i * ORIGIN_GRAIN, spot(2));
        }
        assert_eq!(
            origins.find(first),
            Some(spot(1)),
            "its neighbours kept away"
        );
        origins.note(first + ORIGIN_SLOTS * ORIGIN_GRAIN, spot(3));
        assert_eq!(
            origins.find(first),
            None,
            "a table span away takes its entry"
        );
    }

    fn graph_of_type(type_name: String) -> CycleGraph {
        CycleGraph {
            t: 0.0,
            generation: 0,
            objects: 1,
            repeats: 0,
            nodes: vec![CycleNode {
                type_name,
                allocated_at: None,
            }],
            edges: vec![[0, 0]],
        }
    }

    #[test]
    fn the_sample_keeps_late_shapes_too_and_counts_repeats() {
        let mut cycles = Cycles::default();
        for i in 0..1000 {
            cycles.offer(graph_of_type(format!("T{i}")));
        }
        assert_eq!(cycles.graphs.len(), MAX_GRAPHS);
        assert_eq!(cycles.distinct, 1000);
        let index = |g: &CycleGraph| g.nodes[0].type_name[1..].parse::<usize>().unwrap();
        let late = cycles.graphs.iter().filter(|g| index(g) >= 500).count();
        assert!(late >= 1, "some of the later half stays in the sample");
        assert!(late < MAX_GRAPHS, "and some of the earlier half");
        let kept = cycles.graphs[3].nodes[0].type_name.clone();
        cycles.offer(graph_of_type(kept.clone()));
        assert_eq!(cycles.graphs[3].repeats, 1);
        assert_eq!(cycles.distinct, 1000, "a repeat is no new shape");
        assert_eq!(
            Cycles::default().sampled(1000),
            Cycles::default().sampled(1000),
            "the same stream, the same sample (no seed from the clock)"
        );
    }

    impl Cycles {
        fn sampled(mut self, n: usize) -> Vec<String> {
            for i in 0..n {
                self.offer(graph_of_type(format!("T{i}")));
            }
            self.graphs
                .into_iter()
                .map(|g| g.nodes[0].type_name.clone())
                .collect()
        }
    }

    #[test]
    fn rations_grow_with_allocations_per_generation() {
        let mut rations = Rations::default();
        let young = Kind::Automatic(0);
        assert!(rations.allow(young, 0));
        rations.charge(young, GRACE_OBJECTS as usize);
        assert!(!rations.allow(young, 0), "the grace is spent");
        assert!(
            rations.allow(Kind::Automatic(2), 0),
            "each generation has its own"
        );
        assert!(rations.allow(Kind::Explicit, 0), "and gc.collect() too");
        assert!(rations.allow(young, ALLOCATIONS_PER_EXAMINED));
    }
}
