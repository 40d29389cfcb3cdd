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
//! The line that allocated each object comes from [`Origins`], a direct-mapped table of
//! the most recent allocation at each hashed address (every allocation of a container, the
//! only objects a cycle can hold, writes one entry): an object whose entry a later
//! allocation overwrote shows no line.

use std::cell::Cell;
use std::collections::{HashMap, HashSet, VecDeque};

use super::model::{CycleGraph, CycleNode};
use super::trail::Spot;
use crate::objects::Obj;
use crate::rt::{referents, GcAny};
use crate::vm::Vm;

/// Nodes drawn per group at most.
const MAX_NODES: usize = 40;
/// Groups kept per collection at most.
const GROUPS_PER_COLLECTION: usize = 3;
/// Collections whose sets are larger than this are not examined.
pub const MAX_EXAMINED_OBJECTS: usize = 20_000;

/// Sets of the origins table (a power of two), each of [`ORIGIN_WAYS`] entries.
const ORIGIN_SETS: usize = 1 << 11;
/// Entries per set: a new origin replaces the oldest of its set, so that one survives
/// until several later allocations have hashed to the same set (a generation-0 collection
/// looks back at most a threshold's worth of allocations: 700 by default).
const ORIGIN_WAYS: usize = 4;

#[derive(Clone, Copy, Default)]
struct Origin {
    object: usize,
    spot: Spot,
    /// When it was noted (a count of notes), to find the oldest of a set.
    stamp: u64,
}

/// Where recent objects were allocated, by address.
pub struct Origins {
    slots: Box<[Cell<Origin>]>,
    notes: Cell<u64>,
}

impl Default for Origins {
    fn default() -> Self {
        Origins {
            slots: (0..ORIGIN_SETS * ORIGIN_WAYS)
                .map(|_| Cell::default())
                .collect(),
            notes: Cell::new(0),
        }
    }
}

impl Origins {
    fn set(&self, object: usize) -> &[Cell<Origin>] {
        let hash = (object >> 4).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48;
        let first = (hash % ORIGIN_SETS) * ORIGIN_WAYS;
        &self.slots[first..first + ORIGIN_WAYS]
    }

    /// The object at `object` was just allocated at `spot`.
    #[inline(always)]
    pub fn note(&self, object: usize, spot: Spot) {
        let stamp = self.notes.get() + 1;
        self.notes.set(stamp);
        let set = self.set(object);
        // The entry for the same address if it is there (a block reused), else the oldest.
        let slot = set
            .iter()
            .find(|slot| slot.get().object == object)
            .or_else(|| set.iter().min_by_key(|slot| slot.get().stamp))
            .expect("a set has entries");
        slot.set(Origin {
            object,
            spot,
            stamp,
        });
    }

    /// Where the object at `object` was allocated, if its entry is still there.
    pub fn find(&self, object: usize) -> Option<Spot> {
        self.set(object)
            .iter()
            .map(Cell::get)
            .find(|origin| origin.object == object && origin.spot.code != 0)
            .map(|origin| origin.spot)
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

/// Runs the collector's reachability on generations `0..=generation` and returns the groups
/// of garbage (largest first, at most a few).
pub fn find_garbage(vm: &Vm, generation: usize, origins: &Origins) -> Vec<Draft> {
    let objects: Vec<GcAny> = (0..=generation)
        .flat_map(|g| vm.heap.objects(Some(g)))
        .collect();
    let index: HashMap<usize, usize> = objects
        .iter()
        .enumerate()
        .map(|(i, o)| (o.as_ptr() as usize, i))
        .collect();
    // Our own handle is one of the references.
    let mut outside: Vec<isize> = objects.iter().map(|o| o.ref_count() as isize - 1).collect();
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); objects.len()];
    for (i, obj) in objects.iter().enumerate() {
        for child in referents(obj) {
            if let Some(&j) = index.get(&(child.as_ptr() as usize)) {
                outside[j] -= 1;
                edges[i].push(j);
            }
        }
    }
    let garbage = unreachable_from_roots(&outside, &edges);
    let mut groups = groups_of(&garbage, &edges);
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    groups.truncate(GROUPS_PER_COLLECTION);
    groups
        .into_iter()
        .map(|group| draft_of(vm, &objects, &edges, &group, origins))
        .collect()
}

/// Marks what the roots (objects referenced from outside the set) reach; returns the rest.
fn unreachable_from_roots(outside: &[isize], edges: &[Vec<usize>]) -> Vec<bool> {
    let mut reached: Vec<bool> = outside.iter().map(|&n| n > 0).collect();
    let mut queue: VecDeque<usize> = (0..outside.len()).filter(|&i| reached[i]).collect();
    while let Some(i) = queue.pop_front() {
        for &j in &edges[i] {
            if !reached[j] {
                reached[j] = true;
                queue.push_back(j);
            }
        }
    }
    reached.iter().map(|&r| !r).collect()
}

/// Garbage objects connected by references either way, each group in breadth-first order.
fn groups_of(garbage: &[bool], edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); garbage.len()];
    for (i, targets) in edges.iter().enumerate() {
        for &j in targets.iter().filter(|&&j| garbage[i] && garbage[j]) {
            neighbours[i].push(j);
            neighbours[j].push(i);
        }
    }
    let mut seen = vec![false; garbage.len()];
    let mut groups = Vec::new();
    for start in (0..garbage.len()).filter(|&i| garbage[i]) {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut group = vec![start];
        let mut next = 0;
        while next < group.len() {
            let i = group[next];
            next += 1;
            for &j in &neighbours[i] {
                if !seen[j] {
                    seen[j] = true;
                    group.push(j);
                }
            }
        }
        groups.push(group);
    }
    groups
}

fn draft_of(
    vm: &Vm,
    objects: &[GcAny],
    edges: &[Vec<usize>],
    group: &[usize],
    origins: &Origins,
) -> Draft {
    let drawn = &group[..group.len().min(MAX_NODES)];
    let position: HashMap<usize, usize> = drawn.iter().enumerate().map(|(p, &i)| (i, p)).collect();
    let mut pairs = HashSet::new();
    for (p, &i) in drawn.iter().enumerate() {
        for j in &edges[i] {
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
            .map(|&i| python_type_name(vm, &objects[i]))
            .collect(),
        spots: drawn
            .iter()
            .map(|&i| origins.find(objects[i].as_ptr() as usize))
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

/// Graphs kept, deduplicated by shape.
#[derive(Default)]
pub struct Cycles {
    /// Collections examined.
    pub examined: usize,
    graphs: Vec<CycleGraph>,
    shapes: HashMap<Vec<CycleNode>, usize>,
}

/// Distinct graphs kept at most.
pub const MAX_GRAPHS: usize = 8;

impl Cycles {
    /// Whether more graphs are wanted.
    pub fn wants_more(&self) -> bool {
        self.graphs.len() < MAX_GRAPHS
    }

    /// Keeps a graph unless one of the same shape is kept (then counts it as a repeat).
    pub fn keep(&mut self, graph: CycleGraph) {
        let mut shape = graph.nodes.clone();
        shape.sort_by(|a, b| (&a.type_name, &a.allocated_at).cmp(&(&b.type_name, &b.allocated_at)));
        match self.shapes.get(&shape) {
            Some(&at) => self.graphs[at].repeats += 1,
            None if self.wants_more() => {
                self.shapes.insert(shape, self.graphs.len());
                self.graphs.push(graph);
            }
            None => {}
        }
    }

    /// The model's section.
    pub fn into_model(self) -> super::model::Cycles {
        super::model::Cycles {
            collections_examined: self.examined,
            graphs: self.graphs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_keep_what_they_reach_and_the_rest_is_garbage() {
        // 0 -> 1, with 0 referenced from outside; 2 <-> 3 a cycle; 4 -> 3, 4 unreferenced.
        let edges = vec![vec![1], vec![], vec![3], vec![2], vec![3]];
        let counts = [1isize, 1, 1, 2, 0];
        let mut outside = counts.to_vec();
        for &j in edges.iter().flatten() {
            outside[j] -= 1;
        }
        let garbage = unreachable_from_roots(&outside, &edges);
        assert_eq!(garbage, [false, false, true, true, true]);
        let groups = groups_of(&garbage, &edges);
        assert_eq!(groups.len(), 1);
        let mut group = groups[0].clone();
        group.sort();
        assert_eq!(group, [2, 3, 4]);
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
    fn an_origin_outlives_fewer_colliding_notes_than_a_set_has_ways() {
        let origins = Origins::default();
        let first = 0x10_0000;
        let same_set =
            |a: usize| std::ptr::eq(origins.set(a).as_ptr(), origins.set(first).as_ptr());
        let colliding: Vec<usize> = (1..)
            .map(|i| first + i * 16)
            .filter(|&a| same_set(a))
            .take(ORIGIN_WAYS)
            .collect();
        let spot = |ip| Spot { code: 8, ip };
        origins.note(first, spot(1));
        for (i, &a) in colliding[..ORIGIN_WAYS - 1].iter().enumerate() {
            origins.note(a, spot(2 + i as u32));
        }
        assert_eq!(
            origins.find(first),
            Some(spot(1)),
            "three collisions: still there"
        );
        origins.note(colliding[ORIGIN_WAYS - 1], spot(9));
        assert_eq!(origins.find(first), None, "the oldest of the set went");
        assert_eq!(origins.find(colliding[0]), Some(spot(2)));
    }
}
