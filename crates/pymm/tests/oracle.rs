//! Property test: the collector against a plain reachability model.
//!
//! Random mutation sequences (allocate, link, unlink, drop a root, take a weak reference,
//! finalizers that resurrect) run on a real heap and on a model (a graph of ids). After a
//! full collection: exactly the model-unreachable objects are gone, each finalizer ran at
//! most once, and every weak reference answers as the model says. Run with objects that
//! have a finalizer and with objects that have none (the collector's two paths).

use proptest::prelude::*;
use pymm::{Config, Finalize, Gc, Heap, Trace, Weak};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::ops::Deref;
use std::rc::Rc;

mod support;

/// What the model and the objects share: per id, finalizer calls and whether the payload
/// was dropped.
struct Log<K> {
    finalized: RefCell<HashMap<usize, usize>>,
    dropped: RefCell<BTreeSet<usize>>,
    /// Ids whose finalizer resurrects the object (once) into `resurrected`.
    resurrecting: RefCell<BTreeSet<usize>>,
    resurrected: RefCell<Vec<Gc<K>>>,
}

impl<K> Default for Log<K> {
    fn default() -> Log<K> {
        Log {
            finalized: RefCell::default(),
            dropped: RefCell::default(),
            resurrecting: RefCell::default(),
            resurrected: RefCell::default(),
        }
    }
}

/// An object of the graph; `K` is the payload type around it.
#[derive(Trace)]
struct Node<K> {
    #[trace(skip)]
    id: usize,
    edges: RefCell<Vec<Gc<K>>>,
    #[trace(skip)]
    log: Rc<Log<K>>,
}

impl<K> Drop for Node<K> {
    fn drop(&mut self) {
        self.log.dropped.borrow_mut().insert(self.id);
    }
}

/// A payload type of the oracle: with a finalizer (each collection that finds garbage
/// then runs CPython's full sequence: weak references, finalizers, resurrection check) or
/// without (the collector tears garbage down as it finds it).
trait Kind: Trace + Deref<Target = Node<Self>> + Sized + 'static {
    fn wrap(node: Node<Self>) -> Self;
}

/// A node whose finalizer counts its calls and may resurrect it.
#[derive(Trace)]
#[trace(finalize)]
struct Fin(Node<Fin>);

impl Kind for Fin {
    fn wrap(node: Node<Fin>) -> Fin {
        Fin(node)
    }
}

impl Deref for Fin {
    type Target = Node<Fin>;
    fn deref(&self) -> &Node<Fin> {
        &self.0
    }
}

impl Finalize for Fin {
    fn finalize(this: &Gc<Self>) {
        *this.log.finalized.borrow_mut().entry(this.id).or_default() += 1;
        if this.log.resurrecting.borrow_mut().remove(&this.id) {
            this.log.resurrected.borrow_mut().push(this.clone());
        }
    }
}

/// A node without finalizer.
#[derive(Trace)]
struct Plain(Node<Plain>);

impl Kind for Plain {
    fn wrap(node: Node<Plain>) -> Plain {
        Plain(node)
    }
}

impl Deref for Plain {
    type Target = Node<Plain>;
    fn deref(&self) -> &Node<Plain> {
        &self.0
    }
}

#[derive(Clone, Debug)]
enum Op {
    Alloc,
    Link(usize, usize),
    Unlink(usize, usize),
    DropRoot(usize),
    Weak(usize),
    Resurrecting(usize),
    Collect(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => Just(Op::Alloc),
        4 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::Link(a, b)),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::Unlink(a, b)),
        2 => any::<usize>().prop_map(Op::DropRoot),
        1 => any::<usize>().prop_map(Op::Weak),
        1 => any::<usize>().prop_map(Op::Resurrecting),
        1 => (0usize..3).prop_map(Op::Collect),
    ]
}

/// The model: ids alive (not yet freed), edges, roots.
#[derive(Default)]
struct Model {
    edges: HashMap<usize, Vec<usize>>,
    alive: BTreeSet<usize>,
    roots: Vec<usize>,
}

impl Model {
    fn reachable(&self, extra_roots: &[usize]) -> BTreeSet<usize> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<usize> = self.roots.iter().chain(extra_roots).copied().collect();
        while let Some(id) = stack.pop() {
            if seen.insert(id) {
                stack.extend(self.edges.get(&id).into_iter().flatten());
            }
        }
        seen
    }
}

struct World<K: Kind> {
    heap: Heap,
    log: Rc<Log<K>>,
    roots: Vec<Gc<K>>,
    all: Vec<Weak<K>>,
    weaks: Vec<(usize, Weak<K>)>,
    model: Model,
    /// Ids whose weak references the collector may have cleared while they survived.
    weak_cleared: BTreeSet<usize>,
}

impl<K: Kind> World<K> {
    fn new(stress: bool) -> World<K> {
        World {
            heap: Heap::with_config(Config::default().thresholds(7, 3, 3).stress(stress)),
            log: Rc::default(),
            roots: Vec::new(),
            all: Vec::new(),
            weaks: Vec::new(),
            model: Model::default(),
            weak_cleared: BTreeSet::new(),
        }
    }

    fn pick(&self, n: usize) -> Option<usize> {
        (!self.roots.is_empty()).then(|| n % self.roots.len())
    }

    /// A live object by id, reached from the weak handles every object gets at birth.
    fn get(&self, id: usize) -> Option<Gc<K>> {
        self.all[id].upgrade()
    }

    fn apply(&mut self, op: &Op) {
        match *op {
            Op::Alloc => {
                let id = self.all.len();
                let obj = self.heap.alloc(K::wrap(Node {
                    id,
                    edges: RefCell::new(Vec::new()),
                    log: self.log.clone(),
                }));
                self.all.push(Gc::downgrade(&obj));
                self.roots.push(obj);
                self.model.roots.push(id);
                self.model.alive.insert(id);
            }
            Op::Link(a, b) => {
                let alive: Vec<usize> = self.model.alive.iter().copied().collect();
                if alive.is_empty() {
                    return;
                }
                let (from, to) = (alive[a % alive.len()], alive[b % alive.len()]);
                if let (Some(f), Some(t)) = (self.get(from), self.get(to)) {
                    f.edges.borrow_mut().push(t);
                    self.model.edges.entry(from).or_default().push(to);
                }
            }
            Op::Unlink(a, b) => {
                let alive: Vec<usize> = self.model.alive.iter().copied().collect();
                if alive.is_empty() {
                    return;
                }
                let from = alive[a % alive.len()];
                let Some(f) = self.get(from) else { return };
                let len = f.edges.borrow().len();
                if len > 0 {
                    let removed = f.edges.borrow_mut().remove(b % len);
                    drop(removed); // may free (and finalize) things
                    self.model.edges.get_mut(&from).unwrap().remove(b % len);
                }
            }
            Op::DropRoot(n) => {
                if let Some(i) = self.pick(n) {
                    self.roots.swap_remove(i);
                    self.model.roots.swap_remove(i);
                }
            }
            Op::Weak(n) => {
                if let Some(i) = self.pick(n) {
                    let w = Gc::downgrade(&self.roots[i]);
                    self.weaks.push((self.model.roots[i], w));
                }
            }
            Op::Resurrecting(n) => {
                if let Some(i) = self.pick(n) {
                    self.log
                        .resurrecting
                        .borrow_mut()
                        .insert(self.model.roots[i]);
                }
            }
            Op::Collect(g) => {
                self.heap.collect(g);
            }
        }
        self.sync_model();
    }

    /// Reference counting frees acyclic garbage at once; the model can't know *when* a
    /// cycle is collected, so after each step we adopt the heap's view of what died (it is
    /// checked for soundness: only model-unreachable objects may have died).
    fn sync_model(&mut self) {
        self.adopt_resurrected();
        let reachable = self.model.reachable(&[]);
        let dead: Vec<usize> = self
            .model
            .alive
            .iter()
            .copied()
            .filter(|&id| self.log.dropped.borrow().contains(&id))
            .collect();
        for id in dead {
            assert!(!reachable.contains(&id), "object {id} died while reachable");
            self.model.alive.remove(&id);
        }
    }

    /// Resurrected objects become roots of the model.
    /// Everything reachable from them may have had its weak references cleared (they were
    /// garbage when the collector cleared weak references, before finalizers ran).
    fn adopt_resurrected(&mut self) {
        let back = std::mem::take(&mut *self.log.resurrected.borrow_mut());
        let ids: Vec<usize> = back.iter().map(|o| o.id).collect();
        let saved_roots = std::mem::take(&mut self.model.roots);
        self.weak_cleared.extend(self.model.reachable(&ids));
        self.model.roots = saved_roots;
        for obj in back {
            self.model.roots.push(obj.id);
            self.roots.push(obj);
        }
    }

    fn check_after_full_collection(&mut self) {
        self.heap.collect(2);
        self.sync_model();
        // Resurrected objects are roots now; collect again so the rest goes.
        self.heap.collect(2);
        self.sync_model();
        let reachable = self.model.reachable(&[]);
        let resurrected = &self.weak_cleared;
        for id in 0..self.all.len() {
            let alive = !self.log.dropped.borrow().contains(&id);
            assert_eq!(alive, reachable.contains(&id), "object {id}");
            if !resurrected.contains(&id) {
                assert_eq!(self.all[id].is_alive(), alive, "weak of {id}");
            }
        }
        for (id, weak) in &self.weaks {
            if resurrected.contains(id) {
                assert!(
                    weak.upgrade().is_none() || reachable.contains(id),
                    "weak to {id}"
                );
            } else {
                assert_eq!(
                    weak.upgrade().is_some(),
                    reachable.contains(id),
                    "weak to {id}"
                );
            }
        }
        self.check_counts();
        for (id, n) in self.log.finalized.borrow().iter() {
            assert!(*n <= 1, "finalizer of {id} ran {n} times");
        }
    }
}

impl<K: Kind> World<K> {
    /// Every strong count equals the handles the model knows of: roots plus edges from
    /// live objects (the collector works on scratch counts, never on these).
    fn check_counts(&self) {
        let mut expected: HashMap<usize, usize> = HashMap::new();
        for &id in &self.model.roots {
            *expected.entry(id).or_default() += 1;
        }
        for (from, tos) in &self.model.edges {
            if self.model.alive.contains(from) {
                for &to in tos {
                    *expected.entry(to).or_default() += 1;
                }
            }
        }
        for root in &self.roots {
            assert_eq!(
                Gc::ref_count(root),
                expected[&root.id],
                "count of {}",
                root.id
            );
        }
    }
}

fn run<K: Kind>(ops: &[Op], stress: bool) {
    let mut world = World::<K>::new(stress);
    for op in ops {
        world.apply(op);
    }
    world.check_after_full_collection();
    world.log.resurrecting.borrow_mut().clear(); // so that the end is the end
    world.roots.clear();
    world.model.roots.clear();
    world.check_after_full_collection();
    assert_eq!(world.heap.alloc_stats().small_blocks_in_use(), 0);
}

proptest! {
    #![proptest_config(support::proptest_config())]

    #[test]
    fn collector_matches_reachability_model(ops in prop::collection::vec(op(), 0..if cfg!(miri) { 40 } else { 200 })) {
        run::<Fin>(&ops, pymm::stress_from_env());
    }

    #[test]
    fn collector_matches_model_in_stress_mode(ops in prop::collection::vec(op(), 0..if cfg!(miri) { 20 } else { 120 })) {
        run::<Fin>(&ops, true);
    }

    #[test]
    fn collector_without_finalizers_matches_reachability_model(ops in prop::collection::vec(op(), 0..if cfg!(miri) { 40 } else { 200 })) {
        run::<Plain>(&ops, pymm::stress_from_env());
    }

    #[test]
    fn collector_without_finalizers_matches_model_in_stress_mode(ops in prop::collection::vec(op(), 0..if cfg!(miri) { 20 } else { 120 })) {
        run::<Plain>(&ops, true);
    }
}
