//! The heap's allocator for side buffers: accounting, limits, lifetime past the heap.

use allocator_api2::vec::Vec as AVec;
use pymm::{Config, Gc, Heap, Trace};
use std::cell::RefCell;

#[test]
fn buffers_are_counted_and_limited_by_the_heap() {
    let heap = Heap::with_config(Config::default().limit(Some(64 * 1024)));
    let before = heap.bytes_in_use();
    let mut small: AVec<u8, _> = AVec::new_in(heap.allocator());
    small.extend_from_slice(&[7; 100]);
    assert!(heap.bytes_in_use() >= before + 100);
    // Growing past the limit fails as an allocation error, not a crash.
    let mut big: AVec<u8, _> = AVec::new_in(heap.allocator());
    assert!(big.try_reserve(1 << 20).is_err());
    assert!(big.try_reserve(1000).is_ok());
    drop((small, big));
    assert_eq!(heap.bytes_in_use(), before);
}

#[test]
fn growing_and_shrinking_keep_the_contents() {
    let heap = Heap::new();
    let mut items: AVec<u64, _> = AVec::new_in(heap.allocator());
    for i in 0..10_000u64 {
        items.push(i * 3); // through every size class, then large blocks
    }
    items.truncate(10);
    items.shrink_to_fit();
    assert_eq!(&items[..], &[0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
}

/// An object whose item array lives in its heap's pools.
#[derive(Trace)]
struct Node {
    #[trace(skip)]
    payload: AVec<u32, pymm::HeapAllocator>,
    next: RefCell<Option<Gc<Node>>>,
}

#[test]
fn objects_own_buffers_from_their_heap_and_cycles_free_them() {
    let heap = Heap::new();
    let before = heap.bytes_in_use();
    let make = |n: u32| {
        let mut payload = AVec::new_in(heap.allocator());
        payload.extend(0..n);
        heap.alloc(Node {
            payload,
            next: RefCell::new(None),
        })
    };
    let a = make(1000);
    let b = make(2000);
    *a.next.borrow_mut() = Some(b.clone());
    *b.next.borrow_mut() = Some(a.clone());
    assert_eq!(b.payload[1999], 1999);
    drop((a, b));
    assert_eq!(heap.collect(2), 2);
    assert_eq!(heap.bytes_in_use(), before);
}

#[test]
fn a_buffer_may_outlive_every_heap_handle() {
    let heap = Heap::new();
    let mut items: AVec<u8, _> = AVec::new_in(heap.allocator());
    items.push(1);
    drop(heap);
    items.extend_from_slice(&[2, 3]);
    assert_eq!(&items[..], &[1, 2, 3]);
    drop(items); // the last pin: the heap's memory goes now
}

#[test]
fn the_thread_heap_allocator_is_zero_sized_and_uses_the_default_heap() {
    use pymm::ThreadHeapAllocator;
    assert_eq!(std::mem::size_of::<ThreadHeapAllocator>(), 0);
    let heap = Heap::thread_default();
    let before = heap.bytes_in_use();
    let mut items: AVec<u64, _> = AVec::new_in(ThreadHeapAllocator::new());
    for i in 0..10_000u64 {
        items.push(i); // small blocks, then large ones
    }
    assert!(heap.bytes_in_use() >= before + 80_000);
    items.truncate(3);
    items.shrink_to_fit();
    assert_eq!(&items[..], &[0, 1, 2]);
    drop(items);
    assert_eq!(heap.bytes_in_use(), before);
}

#[test]
fn a_thread_heap_buffer_outlives_its_thread_s_default_heap() {
    use pymm::ThreadHeapAllocator;
    thread_local! {
        // Dropped among the thread's destructors, possibly after the default heap.
        static KEPT: RefCell<Option<AVec<u64, ThreadHeapAllocator>>> = const { RefCell::new(None) };
    }
    std::thread::spawn(|| {
        let mut items = AVec::new_in(ThreadHeapAllocator::new());
        items.extend(0..100u64);
        let on_heap = Gc::new(1u8); // the default heap exists
        KEPT.with(|kept| *kept.borrow_mut() = Some(items));
        drop(on_heap);
    })
    .join()
    .expect("the buffer is freed into its heap whenever the thread ends");
}
