//! `#[derive(Trace)]` and the std `Trace` impls, checked through `referents` (what a trace
//! visits) and the `MAY_CONTAIN_GC` constant (untracked allocation).

use pymm::{referents, Gc, GcAny, Heap, Trace, Weak};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::rc::Rc;

fn leaf(heap: &Heap) -> Gc<u32> {
    heap.alloc(7)
}

fn kids(gc: &GcAny) -> usize {
    referents(gc).len()
}

#[derive(Trace)]
struct Plain {
    a: u32,
    b: String,
}

#[derive(Trace)]
struct Generic<T> {
    value: T,
    next: Option<Gc<u8>>,
}

#[derive(Trace)]
struct Tuple(Gc<u32>, #[trace(skip)] Rc<str>, Vec<Gc<u32>>);

#[derive(Trace)]
enum Shape {
    Empty,
    One(Gc<u32>),
    Two { left: Gc<u32>, right: Gc<u32> },
}

#[derive(Trace)]
struct Skipped {
    #[trace(skip)]
    _hidden: Option<Gc<u32>>,
}

#[test]
fn may_contain_gc_is_the_or_of_the_traced_fields() {
    const { assert!(!<Plain as Trace>::MAY_CONTAIN_GC) };
    const { assert!(<Generic<u8> as Trace>::MAY_CONTAIN_GC) };
    const { assert!(<Shape as Trace>::MAY_CONTAIN_GC) };
    const { assert!(!<Skipped as Trace>::MAY_CONTAIN_GC) };
    const { assert!(!<(u8, String, [f64; 3]) as Trace>::MAY_CONTAIN_GC) };
    const { assert!(<(u8, Option<Gc<u8>>) as Trace>::MAY_CONTAIN_GC) };
    const { assert!(!<Weak<Plain> as Trace>::MAY_CONTAIN_GC) };
    let heap = Heap::new();
    let plain = heap.alloc(Plain {
        a: 1,
        b: "x".into(),
    });
    assert!(
        !Gc::is_tracked(&plain),
        "no handle possible: untracked, 16-byte header"
    );
    assert_eq!(plain.a + plain.b.len() as u32, 2);
}

#[test]
fn derived_traces_visit_every_field_once() {
    let heap = Heap::new();
    let g = heap.alloc(Generic {
        value: leaf(&heap),
        next: Some(heap.alloc(1u8)),
    });
    assert_eq!(kids(&Gc::to_any(&g)), 2);
    let t = heap.alloc(Tuple(
        leaf(&heap),
        Rc::from("skip"),
        vec![leaf(&heap), leaf(&heap)],
    ));
    assert_eq!(kids(&Gc::to_any(&t)), 3);
    assert_eq!(&*t.1, "skip");
    let shapes = [
        heap.alloc(Shape::Empty),
        heap.alloc(Shape::One(leaf(&heap))),
        heap.alloc(Shape::Two {
            left: leaf(&heap),
            right: leaf(&heap),
        }),
    ];
    let counts: Vec<usize> = shapes.iter().map(|s| kids(&Gc::to_any(s))).collect();
    assert_eq!(counts, vec![0, 1, 2]);
}

#[test]
fn std_impls_visit_their_handles() {
    let heap = Heap::new();
    let l = || leaf(&heap);
    let map: HashMap<u8, Gc<u32>> = [(1, l()), (2, l())].into_iter().collect();
    assert_eq!(kids(&Gc::to_any(&heap.alloc(map))), 2);
    let bmap: BTreeMap<u8, (Gc<u32>, Gc<u32>)> = [(1, (l(), l()))].into_iter().collect();
    assert_eq!(kids(&Gc::to_any(&heap.alloc(bmap))), 2);
    let deque: VecDeque<Gc<u32>> = [l(), l(), l()].into_iter().collect();
    assert_eq!(kids(&Gc::to_any(&heap.alloc(deque))), 3);
    let set: HashSet<u8> = [1, 2].into_iter().collect();
    assert_eq!(kids(&Gc::to_any(&heap.alloc(set))), 0);
    let bset: BTreeSet<u8> = [1].into_iter().collect();
    assert_eq!(kids(&Gc::to_any(&heap.alloc(bset))), 0);
    let nested = heap.alloc(RefCell::new(Box::new([Some(l()), None, Some(l())])));
    assert_eq!(kids(&Gc::to_any(&nested)), 2);
    let any = heap.alloc(vec![Gc::into_any(l())]);
    assert_eq!(kids(&Gc::to_any(&any)), 1);
    let cell = heap.alloc((Cell::new(3u8), Weak::<u32>::new(), Ok::<_, String>(l())));
    assert_eq!(kids(&Gc::to_any(&cell)), 1);
}

/// A node whose handles sit in a `Vec` in a cell.
#[derive(Trace)]
struct Fanout {
    label: String,
    edges: RefCell<Vec<Gc<Fanout>>>,
}

/// A ring of `Fanout` nodes (each also holds a handle to the node after next), collected
/// while one node's cell is mutably borrowed: the busy node and everything it reaches
/// survive, and the ring is freed once the borrow ends.
#[test]
fn a_busy_cell_keeps_its_ring_alive_until_the_borrow_ends() {
    let heap = Heap::new();
    let nodes: Vec<Gc<Fanout>> = (0..8)
        .map(|i| {
            heap.alloc(Fanout {
                label: format!("node {i}"),
                edges: RefCell::new(Vec::new()),
            })
        })
        .collect();
    for (i, node) in nodes.iter().enumerate() {
        let mut edges = node.edges.borrow_mut();
        edges.push(nodes[(i + 1) % nodes.len()].clone());
        edges.push(nodes[(i + 2) % nodes.len()].clone());
    }
    let busy = nodes[3].clone();
    drop(nodes);
    let guard = busy.edges.borrow_mut();
    assert_eq!(heap.collect(2), 0, "the busy node keeps the ring alive");
    drop(guard);
    assert_eq!(busy.label, "node 3");
    drop(busy);
    assert_eq!(heap.collect(2), 8);
    assert!(heap.objects(None).is_empty());
}

#[test]
fn busy_refcell_is_reported_not_read() {
    let heap = Heap::new();
    let cell = heap.alloc(RefCell::new(vec![leaf(&heap)]));
    let guard = cell.borrow_mut();
    assert_eq!(kids(&Gc::to_any(&cell)), 0, "a busy cell cannot be read");
    drop(guard);
    assert_eq!(kids(&Gc::to_any(&cell)), 1);
}

#[test]
fn gc_delegates_comparison_hashing_and_formatting() {
    let heap = Heap::new();
    let a = heap.alloc(String::from("a"));
    let b = heap.alloc(String::from("b"));
    let a2 = heap.alloc(String::from("a"));
    assert_eq!(a, a2);
    assert!(!Gc::ptr_eq(&a, &a2));
    assert!(a < b);
    assert_eq!(format!("{a} {b:?}"), "a \"b\"");
    let set: HashSet<Gc<String>> = [a.clone(), a2, b].into_iter().collect();
    assert_eq!(set.len(), 2);
    assert_eq!(Gc::as_ptr(&a), &*a as *const String);
    assert_eq!(Gc::to_any(&a).type_name(), "alloc::string::String");
}

#[test]
fn boxed_slices_and_strs_trace_their_elements() {
    let heap = Heap::new();
    let slice: Box<[Gc<u32>]> = vec![leaf(&heap), leaf(&heap)].into_boxed_slice();
    let boxed = heap.alloc(slice);
    assert_eq!(kids(&Gc::to_any(&boxed)), 2);
    assert!(Gc::is_tracked(&boxed));
    let text = heap.alloc(Box::<str>::from("hello"));
    assert!(!Gc::is_tracked(&text), "a Box<str> owns no handle");
    assert_eq!(&**text, "hello");
    assert!(pymm::getsizeof(&Gc::to_any(&text)) >= 16 + 16 + 5);
}

#[test]
fn shared_pointers_of_atoms_are_leaves() {
    const { assert!(!<Rc<str> as Trace>::MAY_CONTAIN_GC) };
    const { assert!(!<std::sync::Arc<[u8]> as Trace>::MAY_CONTAIN_GC) };
    const { assert!(!<Rc<Plain> as Trace>::MAY_CONTAIN_GC) };
    // A std weak pointer owns nothing, whatever it points at.
    const { assert!(!<std::rc::Weak<RefCell<Option<Gc<u8>>>> as Trace>::MAY_CONTAIN_GC) };
    let heap = Heap::new();
    let name: Rc<str> = Rc::from("shared");
    let a = heap.alloc((name.clone(), 1u8));
    let b = heap.alloc((name.clone(), 2u8));
    assert!(!Gc::is_tracked(&a) && !Gc::is_tracked(&b));
    assert_eq!(Rc::strong_count(&name), 3);
    drop((a, b));
    assert_eq!(Rc::strong_count(&name), 1);
}

#[derive(Trace)]
struct Slot {
    next: Cell<Option<Gc<Slot>>>,
}

#[test]
fn cell_of_option_gc_is_traced_in_place() {
    let heap = Heap::new();
    let a = heap.alloc(Slot {
        next: Cell::new(None),
    });
    let b = heap.alloc(Slot {
        next: Cell::new(Some(a.clone())),
    });
    a.next.set(Some(b.clone()));
    assert_eq!(kids(&Gc::to_any(&a)), 1);
    // take/set in user code; the trace sees whatever is there.
    let taken = a.next.take();
    assert_eq!(kids(&Gc::to_any(&a)), 0);
    a.next.set(taken);
    let weak = Gc::downgrade(&a);
    drop((a, b));
    assert_eq!(heap.collect(2), 2, "the cycle through Cells is found");
    assert!(weak.upgrade().is_none());
}

#[derive(Trace)]
struct Lazy {
    peer: std::cell::OnceCell<Gc<Lazy>>,
}

#[test]
fn once_cell_is_traced_once_set() {
    let heap = Heap::new();
    let a = heap.alloc(Lazy {
        peer: std::cell::OnceCell::new(),
    });
    assert_eq!(kids(&Gc::to_any(&a)), 0);
    let _ = a.peer.set(a.clone());
    assert_eq!(kids(&Gc::to_any(&a)), 1);
    drop(a);
    assert_eq!(heap.collect(2), 1);
}

#[test]
fn more_collections_and_cows_trace_what_they_own() {
    use std::borrow::Cow;
    use std::collections::{BinaryHeap, LinkedList};
    let heap = Heap::new();
    let l = || leaf(&heap);
    let bheap: BinaryHeap<Gc<u32>> = [l(), l(), l()].into_iter().collect();
    assert_eq!(kids(&Gc::to_any(&heap.alloc(bheap))), 3);
    let list: LinkedList<Gc<u32>> = [l(), l()].into_iter().collect();
    assert_eq!(kids(&Gc::to_any(&heap.alloc(list))), 2);
    let owned: Cow<'static, [Gc<u32>]> = Cow::Owned(vec![l()]);
    assert_eq!(kids(&Gc::to_any(&heap.alloc(owned))), 1);
    let borrowed: Cow<'static, str> = Cow::Borrowed("static");
    let text = heap.alloc(borrowed);
    assert!(!Gc::is_tracked(&text));
    assert_eq!(&**text, "static");
    let wrapped = heap.alloc((std::cmp::Reverse(l()), std::num::Wrapping(1u8)));
    assert_eq!(kids(&Gc::to_any(&wrapped)), 1);
}

#[test]
fn ranges_nonzero_and_fn_pointers() {
    use std::num::{NonZeroI64, NonZeroU8};
    const { assert!(!<(NonZeroU8, NonZeroI64, std::ops::Range<u32>) as Trace>::MAY_CONTAIN_GC) };
    const { assert!(!<fn(u32, &'static str) -> bool as Trace>::MAY_CONTAIN_GC) };
    let heap = Heap::new();
    let range = heap.alloc(leaf(&heap)..leaf(&heap));
    assert_eq!(kids(&Gc::to_any(&range)), 2);
    let inclusive = heap.alloc(leaf(&heap)..=leaf(&heap));
    assert_eq!(kids(&Gc::to_any(&inclusive)), 2);
    let from = heap.alloc((leaf(&heap).., ..leaf(&heap), ..=leaf(&heap), ..));
    assert_eq!(kids(&Gc::to_any(&from)), 3);
    fn double(x: u32) -> u32 {
        x * 2
    }
    let f = heap.alloc(double as fn(u32) -> u32);
    assert!(!Gc::is_tracked(&f));
    assert_eq!((*f)(21), 42);
}

/// Implements nothing: only usable where the derive adds no bound on it.
struct NotTrace;

#[derive(Trace)]
struct Tree<T> {
    kids: Vec<Gc<Tree<T>>>,
    _marker: std::marker::PhantomData<T>,
}

#[derive(Trace)]
struct Typed<T, U: Clone + 'static>
where
    U: Default,
{
    value: U,
    weak: Weak<T>,
    callback: fn(u32) -> Option<T>,
    _phantom: std::marker::PhantomData<fn() -> T>,
}

#[derive(Trace)]
struct Borrowing<'a, T: 'static> {
    name: std::borrow::Cow<'a, str>,
    shared: Weak<T>,
    next: Option<Gc<u32>>,
}

#[derive(Trace)]
struct Fixed<T, const N: usize> {
    items: [Option<T>; N],
}

#[derive(Trace)]
struct List<T> {
    head: T,
    tail: Option<Box<List<T>>>,
}

#[derive(Trace)]
struct Projected<I: Iterator> {
    item: Option<I::Item>,
    #[trace(skip)]
    _iter: Option<I>,
}

#[derive(Trace)]
#[trace(bound = "T: Trace + Clone")]
struct Explicit<T> {
    value: T,
}

macro_rules! boxed {
    ($t:ty) => {
        Box<$t>
    };
}

#[derive(Trace)]
struct ThroughMacro<T> {
    value: boxed!(T),
}

#[derive(Trace)]
enum Either<L, R> {
    Left(L),
    Right { value: R, count: u8 },
}

fn is_trace<T: Trace>() -> bool {
    T::MAY_CONTAIN_GC
}

#[test]
fn derive_bounds_only_the_parameters_a_traced_field_needs() {
    // `T` only under PhantomData, Gc, Weak and fn pointers: no bound.
    assert!(is_trace::<Tree<NotTrace>>());
    assert!(!is_trace::<Typed<NotTrace, u8>>());
    assert!(is_trace::<Borrowing<'static, NotTrace>>());
    assert!(!is_trace::<Fixed<u8, 4>>());
    assert!(is_trace::<Fixed<Gc<u8>, 2>>());
    // A recursive type through Box: bounded on `T` alone, no overflow.
    assert!(!is_trace::<List<u8>>());
    assert!(is_trace::<List<Gc<u8>>>());
    // `I::Item: Trace`, not `I: Trace`.
    assert!(is_trace::<Projected<std::vec::IntoIter<Gc<u8>>>>());
    assert!(!is_trace::<Explicit<String>>());
    assert!(is_trace::<Either<u8, Gc<u8>>>());
    assert!(!is_trace::<Either<u8, String>>());
    // A macro type is bounded whole (`Box<T>: Trace`).
    assert!(is_trace::<ThroughMacro<Gc<u8>>>());
    assert!(!is_trace::<ThroughMacro<u8>>());

    let heap = Heap::new();
    let leaf_tree = heap.alloc(Tree::<NotTrace> {
        kids: vec![],
        _marker: std::marker::PhantomData,
    });
    let root = heap.alloc(Tree {
        kids: vec![leaf_tree.clone(), leaf_tree],
        _marker: std::marker::PhantomData,
    });
    assert_eq!(kids(&Gc::to_any(&root)), 2);
    fn never(_: u32) -> Option<NotTrace> {
        None
    }
    let typed = heap.alloc(Typed::<NotTrace, u8> {
        value: 3,
        weak: Weak::new(),
        callback: never,
        _phantom: std::marker::PhantomData,
    });
    assert!(!Gc::is_tracked(&typed), "owns no handle: untracked");
    assert!((typed.callback)(1).is_none() && typed.value == 3 && !typed.weak.is_alive());
    let borrowing = heap.alloc(Borrowing::<NotTrace> {
        name: "b".into(),
        shared: Weak::new(),
        next: Some(leaf(&heap)),
    });
    assert_eq!(kids(&Gc::to_any(&borrowing)), 1);
    assert!(!borrowing.shared.is_alive() && borrowing.name == "b");
    let list = heap.alloc(List {
        head: leaf(&heap),
        tail: Some(Box::new(List {
            head: leaf(&heap),
            tail: None,
        })),
    });
    assert_eq!(kids(&Gc::to_any(&list)), 2);
    let fixed = heap.alloc(Fixed {
        items: [Some(leaf(&heap)), None, Some(leaf(&heap))],
    });
    assert_eq!(kids(&Gc::to_any(&fixed)), 2);
    let projected = heap.alloc(Projected::<std::vec::IntoIter<Gc<u32>>> {
        item: Some(leaf(&heap)),
        _iter: None,
    });
    assert_eq!(kids(&Gc::to_any(&projected)), 1);
    let either = heap.alloc(Either::<Gc<u32>, u8>::Left(leaf(&heap)));
    assert_eq!(kids(&Gc::to_any(&either)), 1);
    let right = heap.alloc(Either::<Gc<u32>, Gc<u32>>::Right {
        value: leaf(&heap),
        count: 1,
    });
    assert_eq!(kids(&Gc::to_any(&right)), 1);
    let explicit = heap.alloc(Explicit {
        value: String::from("e"),
    });
    assert_eq!(explicit.value, "e");
}
