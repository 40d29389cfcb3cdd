//! Property test: collections that skip their scan (every member of a type with fixed
//! edges) against the reachability model. Objects of a fixed type (`Frozen`: handles set
//! at birth) mix with objects whose handles live in cells (`Cellular`), garbage is also
//! made without any count changing (a handle moved out of one cell into its target's own
//! cell), and collections of every generation run often: no object dies while reachable,
//! a collection of a set the collector skips returns 0, and a final full collection leaves
//! exactly the reachable objects alive, with the gc API's counts as a scan leaves them.

use proptest::prelude::*;
use pymm::{Config, Gc, Heap, Trace, Weak};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

mod support;

/// Ids of the payloads dropped so far.
type Dropped = Rc<RefCell<BTreeSet<usize>>>;

/// Handles fixed at birth: `FIXED_EDGES` (derived).
#[derive(Trace)]
struct Frozen {
    #[trace(skip)]
    id: usize,
    frozen: Vec<Gc<Frozen>>,
    cellular: Vec<Gc<Cellular>>,
    #[trace(skip)]
    dropped: Dropped,
}

/// Handles in cells: not `FIXED_EDGES`.
#[derive(Trace)]
struct Cellular {
    #[trace(skip)]
    id: usize,
    frozen: RefCell<Vec<Gc<Frozen>>>,
    cellular: RefCell<Vec<Gc<Cellular>>>,
    #[trace(skip)]
    dropped: Dropped,
}

impl Drop for Frozen {
    fn drop(&mut self) {
        self.dropped.borrow_mut().insert(self.id);
    }
}

impl Drop for Cellular {
    fn drop(&mut self) {
        self.dropped.borrow_mut().insert(self.id);
    }
}

#[derive(Clone)]
enum Handle {
    Frozen(Gc<Frozen>),
    Cellular(Gc<Cellular>),
}

enum WeakHandle {
    Frozen(Weak<Frozen>),
    Cellular(Weak<Cellular>),
}

#[derive(Clone, Debug)]
enum Op {
    /// A fixed object holding handles to up to three reachable objects.
    AllocFrozen(Vec<usize>),
    AllocCellular,
    /// A cellular object gets a handle to another reachable object.
    Link(usize, usize),
    DropRoot(usize),
    /// A cellular object's last cellular handle moves into its target's own cell.
    MoveIntoOwnCell(usize),
    /// A new fixed object gets a handle under `get_mut` (untracked, then tracked again).
    GetMut(usize),
    Collect(usize),
    Freeze,
    Unfreeze,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => prop::collection::vec(any::<usize>(), 0..4).prop_map(Op::AllocFrozen),
        1 => Just(Op::AllocCellular),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::Link(a, b)),
        3 => any::<usize>().prop_map(Op::DropRoot),
        1 => any::<usize>().prop_map(Op::MoveIntoOwnCell),
        1 => any::<usize>().prop_map(Op::GetMut),
        4 => (0usize..3).prop_map(Op::Collect),
        1 => Just(Op::Freeze),
        1 => Just(Op::Unfreeze),
    ]
}

/// The heap and the model: ids, edges between them, roots (held by `roots`).
struct World {
    heap: Heap,
    dropped: Dropped,
    all: Vec<WeakHandle>,
    roots: Vec<(usize, Handle)>,
    edges: HashMap<usize, Vec<usize>>,
}

impl World {
    fn new(stress: bool) -> World {
        World {
            heap: Heap::with_config(Config::default().thresholds(5, 2, 2).stress(stress)),
            dropped: Dropped::default(),
            all: Vec::new(),
            roots: Vec::new(),
            edges: HashMap::new(),
        }
    }

    fn reachable(&self) -> BTreeSet<usize> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<usize> = self.roots.iter().map(|(id, _)| *id).collect();
        while let Some(id) = stack.pop() {
            if seen.insert(id) {
                stack.extend(self.edges.get(&id).into_iter().flatten());
            }
        }
        seen
    }

    /// A reachable object, chosen by `n`.
    fn pick(&self, n: usize) -> Option<(usize, Handle)> {
        let live: Vec<usize> = self.reachable().into_iter().collect();
        let id = *live.get(n % live.len().max(1))?;
        let handle = match &self.all[id] {
            WeakHandle::Frozen(w) => Handle::Frozen(w.upgrade()?),
            WeakHandle::Cellular(w) => Handle::Cellular(w.upgrade()?),
        };
        Some((id, handle))
    }

    fn alive(&self, id: usize) -> bool {
        !self.dropped.borrow().contains(&id)
    }

    fn frozen(&mut self, targets: Vec<(usize, Handle)>) -> Gc<Frozen> {
        let id = self.all.len();
        let (mut frozen, mut cellular) = (Vec::new(), Vec::new());
        for (_, t) in &targets {
            match t {
                Handle::Frozen(gc) => frozen.push(gc.clone()),
                Handle::Cellular(gc) => cellular.push(gc.clone()),
            }
        }
        let dropped = self.dropped.clone();
        let gc = self.heap.alloc(Frozen {
            id,
            frozen,
            cellular,
            dropped,
        });
        self.edges
            .insert(id, targets.iter().map(|(t, _)| *t).collect());
        gc
    }

    fn add_root(&mut self, handle: Handle) {
        let id = self.all.len();
        self.all.push(match &handle {
            Handle::Frozen(gc) => WeakHandle::Frozen(Gc::downgrade(gc)),
            Handle::Cellular(gc) => WeakHandle::Cellular(Gc::downgrade(gc)),
        });
        self.roots.push((id, handle));
    }

    fn apply(&mut self, op: &Op) {
        match op {
            Op::AllocFrozen(picks) => {
                let targets = picks.iter().filter_map(|&n| self.pick(n)).collect();
                let gc = self.frozen(targets);
                self.add_root(Handle::Frozen(gc));
            }
            Op::AllocCellular => {
                let dropped = self.dropped.clone();
                let gc = self.heap.alloc(Cellular {
                    id: self.all.len(),
                    frozen: RefCell::default(),
                    cellular: RefCell::default(),
                    dropped,
                });
                self.add_root(Handle::Cellular(gc));
            }
            Op::Link(a, b) => {
                let (Some((from, f)), Some((to, t))) = (self.pick(*a), self.pick(*b)) else {
                    return;
                };
                let Handle::Cellular(f) = f else { return };
                match t {
                    Handle::Frozen(t) => f.frozen.borrow_mut().push(t),
                    Handle::Cellular(t) => f.cellular.borrow_mut().push(t),
                }
                self.edges.entry(from).or_default().push(to);
            }
            Op::DropRoot(n) => {
                if !self.roots.is_empty() {
                    let n = n % self.roots.len();
                    self.roots.swap_remove(n);
                }
            }
            Op::MoveIntoOwnCell(n) => {
                let Some((from, Handle::Cellular(f))) = self.pick(*n) else {
                    return;
                };
                let Some(moved) = f.cellular.borrow_mut().pop() else {
                    return;
                };
                drop(f);
                let to = moved.id;
                let cell: *const RefCell<Vec<Gc<Cellular>>> = &moved.cellular;
                // SAFETY: the object stays allocated: the handle moved into its own cell
                // keeps it alive, and nothing drops that cell's content meanwhile. The
                // handle moves, so no count changes.
                unsafe { &*cell }.borrow_mut().push(moved);
                let from_edges = self.edges.get_mut(&from).unwrap();
                let at = from_edges.iter().rposition(|&e| e == to).unwrap();
                from_edges.remove(at);
                self.edges.entry(to).or_default().push(to);
            }
            Op::GetMut(n) => {
                let Some((to, target)) = self.pick(*n) else {
                    return;
                };
                let mut gc = self.frozen(Vec::new());
                let mut guard = Gc::get_mut(&mut gc).expect("the only handle");
                match target {
                    Handle::Frozen(t) => guard.frozen.push(t),
                    Handle::Cellular(t) => guard.cellular.push(t),
                }
                drop(guard);
                self.edges.insert(self.all.len(), vec![to]);
                self.add_root(Handle::Frozen(gc));
            }
            Op::Collect(g) => {
                let before = self.heap.stats()[*g];
                let found = self.heap.collect(*g);
                let after = self.heap.stats()[*g];
                assert_eq!(after.collections, before.collections + 1);
                assert_eq!(after.collected, before.collected + found);
                let sizes = self.heap.generation_sizes();
                if *g < 2 {
                    assert!(
                        sizes.generations[..=*g].iter().all(|&n| n == 0),
                        "{sizes:?}"
                    );
                } else {
                    assert_eq!(sizes.generations[..2], [0, 0], "{sizes:?}");
                }
            }
            Op::Freeze => self.heap.freeze(),
            Op::Unfreeze => self.heap.unfreeze(),
        }
        self.check();
    }

    /// Nothing reachable died; every live object is in exactly one list.
    fn check(&self) {
        for id in self.reachable() {
            assert!(self.alive(id), "object {id} died while reachable");
        }
        let alive = (0..self.all.len()).filter(|&id| self.alive(id)).count();
        let sizes = self.heap.generation_sizes();
        assert_eq!(
            sizes.generations.iter().sum::<usize>() + sizes.frozen,
            alive
        );
        assert_eq!(self.heap.validate(), Ok(()));
    }
}

fn run(ops: &[Op], stress: bool) {
    let mut world = World::new(stress);
    for op in ops {
        world.apply(op);
    }
    world.heap.unfreeze();
    world.heap.collect(2);
    let reachable = world.reachable();
    for id in 0..world.all.len() {
        assert_eq!(
            world.alive(id),
            reachable.contains(&id),
            "object {id} after a full collection"
        );
    }
    world.check();
    world.roots.clear();
    world.heap.collect(2);
    assert_eq!(world.heap.generation_sizes().generations, [0, 0, 0]);
    assert_eq!(world.heap.alloc_stats().small_blocks_in_use(), 0);
}

proptest! {
    #![proptest_config(support::proptest_config())]

    #[test]
    fn skipped_collections_match_reachability_model(ops in prop::collection::vec(op(), 0..if cfg!(miri) { 40 } else { 200 })) {
        run(&ops, pymm::stress_from_env());
    }

    /// Stress mode scans every set a collection could skip and fails if it finds garbage.
    #[test]
    fn sets_skipped_hold_no_garbage_in_stress_mode(ops in prop::collection::vec(op(), 0..if cfg!(miri) { 20 } else { 120 })) {
        run(&ops, true);
    }
}

/// The invariant's limit: a fixed object referred to from a cycle of cellular objects is
/// found with them; a heap of fixed objects alone is skipped (no object ever visited) yet
/// every count and statistic moves as for a collection that scanned and found nothing.
#[test]
fn fixed_objects_skip_and_cycles_through_cells_are_found() {
    let heap = Heap::new();
    let dropped = Dropped::default();
    let leaf = heap.alloc(Frozen {
        id: 0,
        frozen: vec![],
        cellular: vec![],
        dropped: dropped.clone(),
    });
    let top = heap.alloc(Frozen {
        id: 1,
        frozen: vec![leaf.clone(), leaf],
        cellular: vec![],
        dropped: dropped.clone(),
    });
    assert_eq!(heap.collect(0), 0);
    assert_eq!(heap.generation_sizes().generations, [0, 2, 0]);
    assert_eq!(heap.collect(2), 0);
    assert_eq!(heap.generation_sizes().generations, [0, 0, 2]);
    assert_eq!(heap.collect(2), 0);
    assert_eq!(heap.stats()[2].collections, 2);
    // A cycle through a cell, holding a fixed object.
    let cell = heap.alloc(Cellular {
        id: 2,
        frozen: RefCell::default(),
        cellular: RefCell::default(),
        dropped: dropped.clone(),
    });
    let holder = heap.alloc(Frozen {
        id: 3,
        frozen: vec![top.clone()],
        cellular: vec![cell.clone()],
        dropped: dropped.clone(),
    });
    cell.frozen.borrow_mut().push(holder);
    drop(cell);
    assert_eq!(
        heap.collect(2),
        2,
        "the cellular object and the fixed one in its cycle"
    );
    assert_eq!(*dropped.borrow(), BTreeSet::from([2, 3]));
    assert_eq!(heap.generation_sizes().generations, [0, 0, 2]);
    drop(top);
    assert_eq!(heap.collect(2), 0);
    assert_eq!(dropped.borrow().len(), 4, "freed by their counts");
}
