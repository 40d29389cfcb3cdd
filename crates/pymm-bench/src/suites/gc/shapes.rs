//! The heap shapes of the `gc` suite, written once and instantiated for every contender.
//!
//! Each collector crate has its own pointer type, its own `Trace` derive and its own way to
//! collect, so the shapes are a macro: [`collector_workloads!`] expands, inside a module,
//! to the node types and an implementation of [`Collector`](super::collector::Collector).
//! Every contender thus runs the same code on the same seeded random sequence.
//!
//! No workload recurses over the heap: trees are built bottom-up and walked with an explicit
//! stack, lists are walked with a loop.

/// Builds a tree bottom-up: `join` makes the parent of each pair of nodes of a level, until
/// one node, the root, is left. `nodes` must hold a power of two of at least one.
pub fn join_levels<N>(mut level: Vec<N>, mut join: impl FnMut(N, N) -> N) -> N {
    while level.len() > 1 {
        let mut nodes = level.into_iter();
        let mut parents = Vec::with_capacity(nodes.len() / 2);
        while let (Some(left), Some(right)) = (nodes.next(), nodes.next()) {
            parents.push(join(left, right));
        }
        level = parents;
    }
    level.pop().expect("a tree has a root")
}

/// Nodes of the tree below `root`, counted with an explicit stack (no recursion).
pub fn count_nodes<'a, N>(root: &'a N, children: impl Fn(&'a N) -> [Option<&'a N>; 2]) -> usize {
    let mut stack = vec![root];
    let mut count = 0;
    while let Some(node) = stack.pop() {
        count += 1;
        stack.extend(children(node).into_iter().flatten());
    }
    count
}

/// Expands to nothing: the contender derives its `Trace` impls.
macro_rules! derived_trace {
    ($($anything:tt)*) => {};
}
pub(crate) use derived_trace;

/// bacon_rajan_cc has no derive: implements its `Trace` by visiting the listed fields.
macro_rules! bacon_rajan_trace {
    ($node:ident: $($field:ident),*) => {
        impl bacon_rajan_cc::Trace for $node {
            fn trace(&self, tracer: &mut bacon_rajan_cc::Tracer) {
                $(bacon_rajan_cc::Trace::trace(&self.$field, tracer);)*
            }
        }
    };
}
pub(crate) use bacon_rajan_trace;

/// dumpster's derive loses track of `self` inside macro-generated structs: implements its
/// `TraceWith` by visiting the listed fields instead.
macro_rules! dumpster_trace {
    ($node:ident: $($field:ident),*) => {
        // SAFETY: every field that can hold a `Gc` is visited, always in the same order,
        // and the first error is returned at once, as `TraceWith` requires.
        unsafe impl<V: dumpster::Visitor> dumpster::TraceWith<V> for $node {
            fn accept(&self, visitor: &mut V) -> Result<(), ()> {
                $(dumpster::TraceWith::<V>::accept(&self.$field, visitor)?;)*
                Ok(())
            }
        }
    };
}
pub(crate) use dumpster_trace;

/// The cell `field` of the `Type` object `owner` (a reference to a handle) points at, for
/// a mutation: the field itself, for cells that need nothing more.
macro_rules! field_cell {
    ($owner:expr, $type:ident, $field:ident) => {
        &$owner.$field
    };
}
pub(crate) use field_cell;

/// Generates one contender's node types and workloads. Arguments:
/// - `name`: contender name; `collects_cycles`: false for `Rc`;
/// - `pointer`/`cell`: the counted pointer and the interior-mutability cell to use;
/// - `write`: a macro `(owner, Type, field)` giving the cell to mutate (`field_cell`, or
///   the contender's write barrier);
/// - `derive`: the derives that implement the contender's `Trace` (and `Finalize`);
/// - `manual_trace`: a macro implementing `Trace` by hand, or `derived_trace`;
/// - `collect`, `pause_auto`, `resume_auto`: function bodies that run a full collection, stop
///   automatic collections, and restore them.
macro_rules! collector_workloads {
    (
        name: $name:literal,
        pointer: $($pointer:ident)::+,
        cell: $($cell:ident)::+,
        write: $write:ident,
        derive: [$($derive:path),*],
        collects_cycles: $collects_cycles:literal,
        manual_trace: $manual_trace:ident,
        collect: $collect:block,
        pause_auto: $pause_auto:block,
        resume_auto: $resume_auto:block $(,)?
    ) => {
        use crate::suites::gc::collector::{timed, timed_runs};
        use crate::suites::gc::collector::{Collector, Sizes};
        use rand::rngs::SmallRng;
        use rand::{RngExt, SeedableRng};
        use std::hint::black_box;
        use std::time::Duration;

        type P<T> = $($pointer)::+<T>;
        type C<T> = $($cell)::+<T>;

        /// A full collection.
        fn collect_now() $collect

        /// Stops automatic collections (those that start inside an allocation or a drop).
        fn pause_auto() $pause_auto

        /// Restores the default automatic collections.
        fn resume_auto() $resume_auto

        /// A small container object, holding nothing in the churn.
        #[derive($($derive),*)]
        pub struct Churn {
            value: u64,
            child: Option<P<Churn>>,
        }
        $manual_trace!(Churn: value, child);

        /// One half of a two-object cycle.
        #[derive($($derive),*)]
        pub struct Pair {
            other: C<Option<P<Pair>>>,
        }
        $manual_trace!(Pair: other);

        /// A link of a live chain.
        #[derive($($derive),*)]
        pub struct Chain {
            next: Option<P<Chain>>,
        }
        $manual_trace!(Chain: next);

        /// A link of a live chain whose handle sits in a cell (it could be changed later, so
        /// a collector must scan it).
        #[derive($($derive),*)]
        pub struct CellChain {
            next: C<Option<P<CellChain>>>,
        }
        $manual_trace!(CellChain: next);

        /// dumpster's multiref node.
        #[derive($($derive),*)]
        pub struct Multi {
            refs: C<Vec<P<Multi>>>,
        }
        $manual_trace!(Multi: refs);

        /// A binary tree node (a leaf has no children).
        #[derive($($derive),*)]
        pub struct Tree {
            left: Option<P<Tree>>,
            right: Option<P<Tree>>,
        }
        $manual_trace!(Tree: left, right);

        /// A binary tree node whose inner children point back at it.
        #[derive($($derive),*)]
        pub struct ParentTree {
            parent: C<Option<P<ParentTree>>>,
            left: Option<P<ParentTree>>,
            right: Option<P<ParentTree>>,
        }
        $manual_trace!(ParentTree: parent, left, right);

        /// A doubly linked list node (`next: None` is the list's end, Nil).
        #[derive($($derive),*)]
        pub struct ListNode {
            next: Option<P<ListNode>>,
            previous: C<Option<P<ListNode>>>,
        }
        $manual_trace!(ListNode: next, previous);

        /// A node of the stress test's random graph.
        #[derive($($derive),*)]
        pub struct GraphNode {
            label: String,
            edges: C<Vec<P<GraphNode>>>,
        }
        $manual_trace!(GraphNode: label, edges);

        /// A node of pyperformance gc_collect's rings.
        #[derive($($derive),*)]
        pub struct Ring {
            next: C<Option<P<Ring>>>,
            prev: C<Option<P<Ring>>>,
        }
        $manual_trace!(Ring: next, prev);

        /// A container of pyperformance gc_traversal: many references to the level below.
        #[derive($($derive),*)]
        pub struct Nest {
            items: Vec<P<Nest>>,
        }
        $manual_trace!(Nest: items);

        /// This contender.
        pub struct Contender;

        impl Collector for Contender {
            fn name(&self) -> &'static str {
                $name
            }

            fn collects_cycles(&self) -> bool {
                $collects_cycles
            }

            fn acyclic_churn(&self, sizes: &Sizes) -> Duration {
                timed(|| {
                    for value in 0..sizes.churn_objects as u64 {
                        let object = P::new(Churn { value, child: None });
                        black_box(object.value + u64::from(object.child.is_some()));
                    }
                    collect_now();
                })
                .1
            }

            fn cyclic_garbage(&self, sizes: &Sizes) -> Duration {
                pause_auto();
                for _ in 0..sizes.cycle_pairs {
                    let first = P::new(Pair { other: C::new(None) });
                    let second = P::new(Pair { other: C::new(Some(first.clone())) });
                    *$write!(&first, Pair, other).borrow_mut() = Some(second);
                }
                let (_, elapsed) = timed(collect_now);
                resume_auto();
                elapsed
            }

            fn live_heap(&self, sizes: &Sizes) -> Duration {
                pause_auto();
                let roots = build_chains(sizes);
                let (_, elapsed) = timed(collect_now);
                black_box(roots.first().map(chain_length));
                drop(roots);
                collect_now();
                resume_auto();
                elapsed
            }

            fn live_heap_cells(&self, sizes: &Sizes) -> Duration {
                pause_auto();
                let roots = build_cell_chains(sizes);
                let (_, elapsed) = timed(collect_now);
                black_box(roots.first().map(cell_chain_length));
                drop(roots);
                collect_now();
                resume_auto();
                elapsed
            }

            fn multiref_churn(&self, sizes: &Sizes, seed: u64) -> Duration {
                timed(|| {
                    let mut rng = SmallRng::seed_from_u64(seed);
                    let mut roots: Vec<P<Multi>> = (0..50).map(|_| new_multi()).collect();
                    for _ in 0..sizes.multiref_operations {
                        multiref_step(&mut roots, &mut rng);
                    }
                    drop(roots);
                    collect_now();
                })
                .1
            }

            fn binary_trees(&self, sizes: &Sizes) -> Duration {
                timed(|| {
                    for depth in (4..sizes.tree_depth).step_by(2) {
                        let iterations = 1usize << (sizes.tree_depth - depth + 4);
                        let check: usize = (0..iterations).map(|_| count_tree(&build_tree(depth))).sum();
                        black_box(check);
                    }
                    collect_now();
                })
                .1
            }

            fn binary_trees_with_parents(&self, sizes: &Sizes) -> Duration {
                timed(|| {
                    for depth in (4..sizes.tree_depth).step_by(2) {
                        let iterations = 1usize << (sizes.tree_depth - depth + 4);
                        let check: usize =
                            (0..iterations).map(|_| count_parent_tree(&build_parent_tree(depth))).sum();
                        black_box(check);
                    }
                    collect_now();
                })
                .1
            }

            fn linked_lists(&self, sizes: &Sizes) -> Duration {
                timed(|| {
                    for _ in 0..sizes.list_count {
                        let head = build_list(sizes.list_length);
                        black_box(list_length(&head));
                    }
                    collect_now();
                })
                .1
            }

            fn stress_test(&self, sizes: &Sizes, seed: u64) -> Duration {
                timed(|| {
                    run_stress_test(sizes.stress_log2, seed);
                    collect_now();
                })
                .1
            }

            fn gc_collect(&self, sizes: &Sizes) -> Duration {
                let mut total = Duration::ZERO;
                for _ in 0..sizes.collections_per_sample {
                    collect_now();
                    drop(black_box(build_rings(sizes.rings, sizes.ring_links)));
                    total += timed(collect_now).1;
                }
                total
            }

            fn gc_traversal(&self, sizes: &Sizes) -> Duration {
                let top = build_nest(sizes.traversal_levels);
                collect_now();
                // Over enough collections to be read: one here can take less than reading
                // the thread's processor time (a system call).
                let total = timed_runs(sizes.collections_per_sample, collect_now);
                black_box(top.items.len());
                drop(top);
                collect_now();
                total
            }
        }

        /// Rooted chains, each link made by cloning the previous head and then dropping the
        /// old handle: every object has been decremented once, as objects in a running
        /// program have, so collectors that only scan suspects must scan these too.
        fn build_chains(sizes: &Sizes) -> Vec<P<Chain>> {
            (0..sizes.live_chains)
                .map(|_| {
                    let mut head = P::new(Chain { next: None });
                    for _ in 1..sizes.chain_length {
                        head = P::new(Chain { next: Some(head.clone()) });
                    }
                    head
                })
                .collect()
        }

        /// [`build_chains`] with each handle in a cell.
        fn build_cell_chains(sizes: &Sizes) -> Vec<P<CellChain>> {
            (0..sizes.live_chains)
                .map(|_| {
                    let mut head = P::new(CellChain { next: C::new(None) });
                    for _ in 1..sizes.chain_length {
                        head = P::new(CellChain { next: C::new(Some(head.clone())) });
                    }
                    head
                })
                .collect()
        }

        /// Links in a chain of cells, walked with a loop.
        fn cell_chain_length(head: &P<CellChain>) -> usize {
            let mut link = head.clone();
            let mut length = 1;
            loop {
                let next = link.next.borrow().clone();
                match next {
                    Some(next) => link = next,
                    None => return length,
                }
                length += 1;
            }
        }

        /// Links in a chain, walked with a loop.
        fn chain_length(head: &P<Chain>) -> usize {
            let mut link: &Chain = &**head;
            let mut length = 1;
            while let Some(next) = link.next.as_deref() {
                link = next;
                length += 1;
            }
            length
        }

        fn new_multi() -> P<Multi> {
            P::new(Multi { refs: C::new(Vec::new()) })
        }

        /// One random operation of dumpster's multiref benchmark.
        fn multiref_step(roots: &mut Vec<P<Multi>>, rng: &mut SmallRng) {
            if roots.is_empty() {
                roots.push(new_multi());
                return;
            }
            match rng.random_range(0..4u8) {
                0 => roots.push(new_multi()),
                1 => {
                    if roots.len() > 1 {
                        let from = rng.random_range(0..roots.len());
                        let to = rng.random_range(0..roots.len());
                        let edge = roots[to].clone();
                        $write!(&roots[from], Multi, refs).borrow_mut().push(edge);
                    }
                }
                2 => {
                    let victim = rng.random_range(0..roots.len());
                    roots.swap_remove(victim);
                }
                _ => {
                    let from = rng.random_range(0..roots.len());
                    let mut refs = $write!(&roots[from], Multi, refs).borrow_mut();
                    if !refs.is_empty() {
                        let victim = rng.random_range(0..refs.len());
                        // The borrow ends before the edge is dropped: a collector may run
                        // inside that drop and must be able to read every cell.
                        let removed = refs.swap_remove(victim);
                        drop(refs);
                        drop(removed);
                    }
                }
            }
        }

        /// A full binary tree of `depth` levels below the root, built bottom-up.
        fn build_tree(depth: usize) -> P<Tree> {
            let leaves = (0..1usize << depth).map(|_| P::new(Tree { left: None, right: None }));
            $crate::suites::gc::shapes::join_levels(leaves.collect(), |left, right| {
                P::new(Tree { left: Some(left), right: Some(right) })
            })
        }

        /// Nodes in a tree.
        fn count_tree(root: &P<Tree>) -> usize {
            $crate::suites::gc::shapes::count_nodes(&**root, |n| [n.left.as_deref(), n.right.as_deref()])
        }

        /// Like [`build_tree`], and every inner node's children point back to it (leaves do
        /// not, as in rust-cc-benchmarks where they are a plain `End`).
        fn build_parent_tree(depth: usize) -> P<ParentTree> {
            let leaf = || P::new(ParentTree { parent: C::new(None), left: None, right: None });
            let leaves = (0..1usize << depth).map(|_| leaf());
            $crate::suites::gc::shapes::join_levels(leaves.collect(), |left, right| {
                let parent = P::new(ParentTree {
                    parent: C::new(None),
                    left: Some(left.clone()),
                    right: Some(right.clone()),
                });
                for child in [left, right] {
                    if child.left.is_some() {
                        *$write!(&child, ParentTree, parent).borrow_mut() = Some(parent.clone());
                    }
                }
                parent
            })
        }

        /// Nodes in a parent-pointer tree.
        fn count_parent_tree(root: &P<ParentTree>) -> usize {
            $crate::suites::gc::shapes::count_nodes(&**root, |n| [n.left.as_deref(), n.right.as_deref()])
        }

        /// A doubly linked list of `length` nodes in front of a Nil node; returns the head.
        fn build_list(length: usize) -> P<ListNode> {
            let mut head = P::new(ListNode { next: None, previous: C::new(None) });
            for _ in 0..length {
                let cons = P::new(ListNode { next: Some(head.clone()), previous: C::new(None) });
                if head.next.is_some() {
                    *$write!(&head, ListNode, previous).borrow_mut() = Some(cons.clone());
                }
                head = cons;
            }
            head
        }

        /// Nodes in front of Nil, walked with a loop.
        fn list_length(head: &P<ListNode>) -> usize {
            let mut node: &ListNode = &**head;
            let mut length = 0;
            while let Some(next) = node.next.as_deref() {
                node = next;
                length += 1;
            }
            length
        }

        /// rust-cc-benchmarks' stress test: 2^k+1 rooted nodes, 2^k+1 random edges, then
        /// roots dropped from the end a slice at a time, with a collection after each slice.
        fn run_stress_test(log2: u32, seed: u64) {
            let node_count = 1usize << log2;
            let shrink_every = (node_count >> 5).max(1);
            let mut rng = SmallRng::seed_from_u64(seed);
            let mut nodes: Vec<P<GraphNode>> = (0..=node_count)
                .map(|index| P::new(GraphNode { label: format!("Node {index}"), edges: C::new(Vec::new()) }))
                .collect();
            for _ in 0..=node_count {
                let from = rng.random_range(0..nodes.len());
                let to = rng.random_range(0..nodes.len());
                let edge = nodes[to].clone();
                $write!(&nodes[from], GraphNode, edges).borrow_mut().push(edge);
            }
            for index in (0..node_count).step_by(shrink_every) {
                nodes.truncate(node_count - index);
                collect_now();
                black_box(nodes.len());
            }
            black_box(nodes.first().map(|node| node.label.len()));
        }

        /// `rings` cycles of `links + 1` doubly linked nodes, as pyperformance builds them.
        fn build_rings(rings: usize, links: usize) -> Vec<P<Ring>> {
            let link = |from: &P<Ring>, to: &P<Ring>| {
                *$write!(from, Ring, next).borrow_mut() = Some(to.clone());
                *$write!(to, Ring, prev).borrow_mut() = Some(from.clone());
            };
            let new_ring = || P::new(Ring { next: C::new(None), prev: C::new(None) });
            (0..rings)
                .map(|_| {
                    let first = new_ring();
                    let mut current = first.clone();
                    for _ in 0..links {
                        let next = new_ring();
                        link(&current, &next);
                        current = next;
                    }
                    link(&current, &first);
                    first
                })
                .collect()
        }

        /// pyperformance gc_traversal's nested containers: level n holds n references to
        /// level n-1.
        fn build_nest(levels: usize) -> P<Nest> {
            let mut current = P::new(Nest { items: Vec::new() });
            for width in 0..levels {
                let items = (0..width).map(|_| current.clone()).collect();
                current = P::new(Nest { items });
            }
            current
        }
    };
}
pub(crate) use collector_workloads;
