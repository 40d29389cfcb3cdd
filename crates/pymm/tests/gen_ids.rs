//! Property test: the generation of every tracked container (its list id mapped through
//! the heap's table, `heap::gen_ids`) against a plain model that keeps one generation
//! number per object. Random allocations (fixed and barriered types), links, untracks and
//! tracks, freed roots, garbage cycles (new, or made of a root and a new object),
//! collections of each generation, freezes and unfreezes; with the heap's list ids
//! limited to a few, so that the members are retagged when the ids run out (every few
//! collections) as well as without a limit. After every step: `objects(Some(g))` holds
//! exactly the model's generation `g`, `is_tracked` agrees, the heap validates (each
//! member's id maps to its list's generation), and each collection finds exactly the
//! garbage cycles whose members are all in the generations it collects.

use proptest::prelude::*;
use pymm::{write_field, Config, Gc, GcAny, GcRefCell, Heap, Trace, Write};
use std::collections::BTreeMap;

mod support;

/// Handles fixed at birth: collections of these alone skip their scan.
#[derive(Trace)]
struct Fixed {
    next: Option<Gc<Fixed>>,
}

/// Handles behind the write barrier: its writes and decrements are noted as events of
/// the object's generation (read through the id table).
#[derive(Trace)]
struct Barriered {
    next: GcRefCell<Option<Gc<Barriered>>>,
}

fn next(gc: &Gc<Barriered>) -> &Write<GcRefCell<Option<Gc<Barriered>>>> {
    write_field!(Gc::write(gc), Barriered, next)
}

#[derive(Clone)]
enum Root {
    Fixed(Gc<Fixed>),
    Barriered(Gc<Barriered>),
}

impl Root {
    fn any(&self) -> GcAny {
        match self {
            Root::Fixed(gc) => Gc::to_any(gc),
            Root::Barriered(gc) => Gc::to_any(gc),
        }
    }
}

/// The model's generation of a container: 0-2, 3 for the permanent one, `None` untracked.
type Generation = Option<usize>;

const PERMANENT: usize = 3;

/// An object the model knows: a root (held by the test) or a member of a garbage cycle.
struct Object {
    /// The test's handle, `None` once dropped (a garbage member).
    root: Option<Root>,
    address: *const (),
    generation: Generation,
    /// Roots' handles to it held by other roots (it cannot be freed while any).
    referrers: usize,
    /// The root whose handle it holds, if any.
    target: Option<usize>,
    /// The garbage cycle it belongs to.
    cycle: Option<usize>,
}

#[derive(Clone, Debug)]
enum Op {
    AllocFixed(Option<usize>),
    AllocBarriered,
    Link(usize, usize),
    Untrack(usize),
    Track(usize),
    DropRoot(usize),
    /// A new two-object cycle, dropped at once.
    Cycle,
    /// A root and a new object made a cycle, then the root dropped.
    Orphan(usize),
    Collect(usize),
    Freeze,
    Unfreeze,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => prop::option::of(0..64usize).prop_map(Op::AllocFixed),
        4 => Just(Op::AllocBarriered),
        3 => (0..64usize, 0..64usize).prop_map(|(a, b)| Op::Link(a, b)),
        1 => (0..64usize).prop_map(Op::Untrack),
        1 => (0..64usize).prop_map(Op::Track),
        2 => (0..64usize).prop_map(Op::DropRoot),
        2 => Just(Op::Cycle),
        2 => (0..64usize).prop_map(Op::Orphan),
        5 => (0..3usize).prop_map(Op::Collect),
        1 => Just(Op::Freeze),
        1 => Just(Op::Unfreeze),
    ]
}

struct World {
    heap: Heap,
    objects: Vec<Object>,
    /// Live cycles: their members' indices.
    cycles: BTreeMap<usize, Vec<usize>>,
    next_cycle: usize,
}

impl World {
    fn new(stress: bool, ids: Option<usize>) -> World {
        let heap = Heap::with_config(Config::default().stress(stress));
        // Collections only when the test asks (stress mode pauses too): the model decides.
        heap.disable();
        if let Some(ids) = ids {
            heap.limit_list_ids(ids);
        }
        World {
            heap,
            objects: Vec::new(),
            cycles: BTreeMap::new(),
            next_cycle: 0,
        }
    }

    /// The index of the `pick`-th live root, if any.
    fn root(&self, pick: usize) -> Option<usize> {
        let roots: Vec<usize> = (0..self.objects.len())
            .filter(|&i| self.objects[i].root.is_some())
            .collect();
        (!roots.is_empty()).then(|| roots[pick % roots.len()])
    }

    fn add(&mut self, root: Option<Root>, address: *const (), target: Option<usize>) -> usize {
        if let Some(t) = target {
            self.objects[t].referrers += 1;
        }
        self.objects.push(Object {
            root,
            address,
            generation: Some(0),
            referrers: 0,
            target,
            cycle: None,
        });
        self.objects.len() - 1
    }

    fn barriered(&self, i: usize) -> Option<Gc<Barriered>> {
        match &self.objects[i].root {
            Some(Root::Barriered(gc)) => Some(gc.clone()),
            _ => None,
        }
    }

    fn set_target(&mut self, i: usize, target: Option<usize>) {
        if let Some(old) = self.objects[i].target.take() {
            self.objects[old].referrers -= 1;
        }
        if let Some(t) = target {
            self.objects[t].referrers += 1;
        }
        self.objects[i].target = target;
    }

    fn apply(&mut self, op: &Op) {
        match *op {
            Op::AllocFixed(target) => {
                let target = target.and_then(|pick| self.root(pick));
                let next = target.and_then(|t| match &self.objects[t].root {
                    Some(Root::Fixed(gc)) => Some(gc.clone()),
                    _ => None,
                });
                let target = next.as_ref().and(target);
                let gc = self.heap.alloc(Fixed { next });
                let address = Gc::as_ptr(&gc).cast();
                self.add(Some(Root::Fixed(gc)), address, target);
            }
            Op::AllocBarriered => {
                let gc = self.heap.alloc(Barriered {
                    next: GcRefCell::new(None),
                });
                let address = Gc::as_ptr(&gc).cast();
                self.add(Some(Root::Barriered(gc)), address, None);
            }
            Op::Link(a, b) => {
                let (Some(a), Some(b)) = (self.root(a), self.root(b)) else {
                    return;
                };
                let (Some(from), Some(to)) = (self.barriered(a), self.barriered(b)) else {
                    return;
                };
                *next(&from).borrow_mut() = Some(to);
                self.set_target(a, Some(b));
            }
            Op::Untrack(pick) => {
                if let Some(i) = self.root(pick) {
                    match self.objects[i].root.as_ref().unwrap() {
                        Root::Fixed(gc) => Gc::untrack(gc),
                        Root::Barriered(gc) => Gc::untrack(gc),
                    }
                    self.objects[i].generation = None;
                }
            }
            Op::Track(pick) => {
                if let Some(i) = self.root(pick) {
                    match self.objects[i].root.as_ref().unwrap() {
                        Root::Fixed(gc) => Gc::track(gc),
                        Root::Barriered(gc) => Gc::track(gc),
                    }
                    let generation = &mut self.objects[i].generation;
                    generation.get_or_insert(0);
                }
            }
            Op::DropRoot(pick) => {
                let Some(i) = self.root(pick) else { return };
                if self.objects[i].referrers > 0 {
                    return;
                }
                self.objects[i].root = None;
                self.set_target(i, None);
                self.objects[i].generation = None;
            }
            Op::Cycle => {
                let a = self.heap.alloc(Barriered {
                    next: GcRefCell::new(None),
                });
                let b = self.heap.alloc(Barriered {
                    next: GcRefCell::new(Some(a.clone())),
                });
                *next(&a).borrow_mut() = Some(b.clone());
                let ia = self.add(None, Gc::as_ptr(&a).cast(), None);
                let ib = self.add(None, Gc::as_ptr(&b).cast(), None);
                self.cycle(vec![ia, ib]);
            }
            Op::Orphan(pick) => {
                let Some(i) = self.root(pick) else { return };
                let Some(old) = self.barriered(i) else { return };
                // Untracked members would leak the cycle for good (their handles are roots).
                if self.objects[i].referrers > 0 || self.objects[i].generation.is_none() {
                    return;
                }
                let new = self.heap.alloc(Barriered {
                    next: GcRefCell::new(Some(old.clone())),
                });
                *next(&old).borrow_mut() = Some(new.clone());
                self.set_target(i, None);
                self.objects[i].root = None;
                let j = self.add(None, Gc::as_ptr(&new).cast(), None);
                self.cycle(vec![i, j]);
            }
            Op::Collect(generation) => self.collect(generation),
            Op::Freeze => {
                self.heap.freeze();
                for o in &mut self.objects {
                    if let Some(g) = &mut o.generation {
                        *g = PERMANENT;
                    }
                }
            }
            Op::Unfreeze => {
                self.heap.unfreeze();
                for o in &mut self.objects {
                    if o.generation == Some(PERMANENT) {
                        o.generation = Some(2);
                    }
                }
            }
        }
    }

    fn cycle(&mut self, members: Vec<usize>) {
        for &m in &members {
            self.objects[m].cycle = Some(self.next_cycle);
        }
        self.cycles.insert(self.next_cycle, members);
        self.next_cycle += 1;
    }

    fn collect(&mut self, generation: usize) {
        let found_cycles: Vec<usize> = self
            .cycles
            .iter()
            .filter(|(_, members)| {
                members
                    .iter()
                    .all(|&m| matches!(self.objects[m].generation, Some(g) if g <= generation))
            })
            .map(|(&c, _)| c)
            .collect();
        let mut expected = 0;
        for c in found_cycles {
            for m in self.cycles.remove(&c).unwrap() {
                self.objects[m].generation = None;
                expected += 1;
            }
        }
        let found = self.heap.collect(generation);
        assert_eq!(found, expected, "collection of generation {generation}");
        let joined = (generation + 1).min(2);
        for o in &mut self.objects {
            if let Some(g) = &mut o.generation {
                if *g <= generation {
                    *g = joined;
                }
            }
        }
    }

    fn check(&self) {
        self.heap.validate().unwrap();
        for generation in 0..3 {
            let listed: Vec<*const ()> = self
                .heap
                .objects(Some(generation))
                .iter()
                .map(GcAny::as_ptr)
                .collect();
            let mut model: Vec<*const ()> = self
                .objects
                .iter()
                .filter(|o| o.generation == Some(generation))
                .map(|o| o.address)
                .collect();
            let mut listed_sorted = listed.clone();
            listed_sorted.sort();
            model.sort();
            assert_eq!(listed_sorted, model, "generation {generation}'s members");
        }
        for o in &self.objects {
            if let Some(root) = &o.root {
                assert_eq!(root.any().is_tracked(), o.generation.is_some());
            }
        }
    }
}

fn run(ops: &[Op], stress: bool, ids: Option<usize>) {
    let mut world = World::new(stress, ids);
    for op in ops {
        world.apply(op);
        world.check();
    }
    // Everything frozen comes back and every cycle is found by a full collection.
    world.apply(&Op::Unfreeze);
    world.apply(&Op::Collect(2));
    world.check();
    assert!(world.cycles.is_empty());
    // Roots may link each other in cycles: tracked, they are found once dropped.
    for o in &mut world.objects {
        if let Some(root) = o.root.take() {
            match &root {
                Root::Fixed(gc) => Gc::track(gc),
                Root::Barriered(gc) => Gc::track(gc),
            }
        }
    }
    world.heap.collect(2);
    assert_eq!(world.heap.generation_sizes().generations, [0, 0, 0]);
}

fn ops_len() -> std::ops::Range<usize> {
    0..if cfg!(miri) { 40 } else { 150 }
}

proptest! {
    #![proptest_config(support::proptest_config())]

    /// Ids limited to 1-3: the heap's members are retagged every few collections.
    #[test]
    fn generations_match_model_with_few_ids(ops in prop::collection::vec(op(), ops_len()), ids in 1..4usize) {
        run(&ops, pymm::stress_from_env(), Some(ids));
    }

    #[test]
    fn generations_match_model(ops in prop::collection::vec(op(), ops_len())) {
        run(&ops, pymm::stress_from_env(), None);
    }

    /// Stress mode also checks the known lengths of the generations at full collections.
    #[test]
    fn generations_match_model_in_stress_mode(ops in prop::collection::vec(op(), ops_len()), ids in 1..4usize) {
        run(&ops, true, Some(ids));
    }
}

/// Merges after the ids ran out: with one id to spare, every collection but the first
/// retags the heap's members; each generation keeps its members, and a cycle between the
/// oldest generation and the youngest is found by the full collection only.
#[test]
fn merges_after_the_ids_run_out() {
    let heap = Heap::with_config(Config::default());
    heap.disable();
    heap.limit_list_ids(1);
    let new = || {
        heap.alloc(Barriered {
            next: GcRefCell::new(None),
        })
    };
    let keep = new();
    for round in 0..10 {
        let old = new();
        assert_eq!(heap.collect(1), 0);
        let young = new();
        assert_eq!(
            heap.generation_sizes().generations,
            [1, 0, 2],
            "round {round}"
        );
        *next(&old).borrow_mut() = Some(young.clone());
        *next(&young).borrow_mut() = Some(old.clone());
        drop((old, young));
        heap.validate().unwrap();
        assert_eq!(
            heap.collect(0),
            0,
            "round {round}: its old member is outside"
        );
        assert_eq!(
            heap.generation_sizes().generations,
            [0, 1, 2],
            "round {round}"
        );
        heap.validate().unwrap();
        assert_eq!(heap.collect(1), 0, "round {round}");
        assert_eq!(
            heap.generation_sizes().generations,
            [0, 0, 3],
            "round {round}"
        );
        assert_eq!(heap.collect(2), 2, "round {round}: the cycle");
        heap.validate().unwrap();
        assert!(Gc::is_tracked(&keep));
        assert_eq!(heap.objects(Some(2)).len(), 1, "round {round}");
    }
    drop(keep);
    heap.collect(2);
    assert_eq!(heap.generation_sizes().generations, [0, 0, 0]);
}

thread_local! {
    static SAVED: std::cell::RefCell<Vec<Gc<Freezer>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Resurrects itself and freezes its heap from its finalizer, mid-collection.
#[derive(Trace)]
#[trace(finalize)]
struct Freezer {
    other: std::cell::RefCell<Option<Gc<Freezer>>>,
}

impl pymm::Finalize for Freezer {
    fn finalize(this: &Gc<Self>) {
        SAVED.with(|saved| saved.borrow_mut().push(this.clone()));
        Gc::heap(this).freeze();
    }
}

/// A finalizer that resurrects its cycle and freezes the heap during a collection of
/// generation 0: the resurrected objects keep the ids the collection renamed (the ids do
/// not start again), so they are generation 1's, and a later young collection does not
/// take them for members of its set.
#[test]
fn a_freeze_from_a_finalizer_keeps_the_resurrected_in_their_generation() {
    let heap = Heap::with_config(Config::default());
    heap.disable();
    for _ in 0..3 {
        heap.collect(0); // a few ids taken: restarting them would be seen
    }
    let a = heap.alloc(Freezer {
        other: std::cell::RefCell::new(None),
    });
    let b = heap.alloc(Freezer {
        other: std::cell::RefCell::new(Some(a.clone())),
    });
    *a.other.borrow_mut() = Some(b.clone());
    drop((a, b));
    assert_eq!(heap.collect(0), 0, "resurrected");
    heap.validate().unwrap();
    assert_eq!(heap.generation_sizes().generations, [0, 2, 0]);
    let young = heap.alloc(Freezer {
        other: std::cell::RefCell::new(None),
    });
    assert_eq!(heap.collect(0), 0);
    heap.validate().unwrap();
    assert_eq!(heap.generation_sizes().generations, [0, 3, 0]);
    drop(young);
    heap.unfreeze();
    SAVED.with(|saved| saved.borrow_mut().clear());
    heap.collect(2);
    assert_eq!(heap.generation_sizes().generations, [0, 0, 0]);
}
