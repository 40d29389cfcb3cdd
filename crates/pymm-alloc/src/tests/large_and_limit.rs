//! Large blocks, the heap limit, and owner tags.

use super::*;
use crate::{owner_tag, POOL_SIZE};

#[test]
fn large_blocks_keep_alignment_and_are_counted() {
    let heap = Heap::new();
    let layouts = [
        Layout::from_size_align(0, 1).unwrap(),
        Layout::from_size_align(513, 8).unwrap(),
        Layout::from_size_align(32, 64).unwrap(),
        Layout::from_size_align(5000, 4096).unwrap(),
    ];
    let blocks: Vec<_> = layouts.iter().map(|l| heap.alloc(*l).unwrap()).collect();
    for (block, l) in blocks.iter().zip(&layouts) {
        assert_eq!(block.as_ptr().addr() % l.align(), 0);
        assert!(!crate::is_small(*l));
        // SAFETY: live block valid for l.size() bytes.
        unsafe { block.as_ptr().write_bytes(0x5A, l.size()) };
    }
    let s = heap.stats();
    assert_eq!((s.large_blocks, s.large_bytes), (4, 513 + 32 + 5000));
    assert_eq!((s.arenas_current, s.bytes_handed_out), (0, 513 + 32 + 5000));
    // Free all but one; the heap's Drop frees the last (Miri checks for leaks).
    for (block, l) in blocks.iter().zip(&layouts).skip(1) {
        // SAFETY: allocated above with this layout, freed once.
        unsafe { heap.dealloc(*block, *l) };
    }
    assert_eq!(heap.stats().large_blocks, 1);
}

#[test]
fn is_small_covers_exactly_1_to_512_with_small_alignment() {
    let small = |size, align| crate::is_small(Layout::from_size_align(size, align).unwrap());
    assert!(small(1, 1) && small(512, 16) && small(100, 8));
    assert!(!small(0, 1) && !small(513, 1) && !small(16, 32));
}

#[test]
fn limit_is_checked_when_a_pool_is_taken_not_per_block() {
    let heap = Heap::new();
    assert_eq!(heap.limit(), None);
    heap.set_limit(Some(POOL_SIZE + 1000));
    assert_eq!(heap.limit(), Some(POOL_SIZE + 1000));
    let first = heap.alloc(layout(500)).unwrap(); // takes a pool: 16 KiB charged
                                                  // Every other block of that pool is covered by its charge.
    let rest = alloc_many(&heap, 500, crate::blocks_per_pool(31) - 1);
    assert!(rest.iter().all(|&b| pool_addr(b) == pool_addr(first)));
    assert_eq!(heap.bytes_handed_out(), crate::blocks_per_pool(31) * 512);
    // The pool is full, and a second one would pass the limit, for any class.
    assert_eq!(heap.alloc(layout(500)), Err(crate::AllocError));
    assert_eq!(heap.alloc(layout(16)), Err(crate::AllocError));
    let large = Layout::from_size_align(1000, 8).unwrap();
    assert_eq!(
        heap.alloc(Layout::from_size_align(1001, 8).unwrap()),
        Err(crate::AllocError),
        "large blocks count by their size"
    );
    let big = heap.alloc(large).unwrap();
    // SAFETY: `big` is live with `large`; on Err it stays live.
    assert!(unsafe { heap.realloc(big, large, 1001) }.is_err());
    let s = heap.stats();
    assert_eq!(
        (s.bytes_committed, s.limit),
        (POOL_SIZE + 1000, heap.limit())
    );
    assert!(s.bytes_handed_out <= s.bytes_committed);
    assert!(s.to_string().contains("# bytes committed (limit counts)"));
    // A freed block makes room in the pool held: no new charge.
    free_all(&heap, 500, [first]);
    let again = heap.alloc(layout(500)).unwrap();
    assert_eq!(again, first);
    heap.set_limit(None);
    let other = heap.alloc(layout(16)).unwrap();
    free_all(&heap, 500, rest.into_iter().chain([again]));
    free_all(&heap, 16, [other]);
    // SAFETY: allocated above with this layout, freed once.
    unsafe { heap.dealloc(big, large) };
    assert_eq!(heap.bytes_handed_out(), 0);
    assert!(crate::AllocError.to_string().contains("heap limit"));
}

#[test]
fn overflowing_layouts_fail_cleanly() {
    let heap = Heap::new();
    let huge = Layout::from_size_align(isize::MAX as usize - 63, 64).unwrap();
    assert_eq!(heap.alloc(huge), Err(crate::AllocError));
    let huge = Layout::from_size_align(isize::MAX as usize - 15, 16).unwrap();
    assert_eq!(heap.alloc(huge), Err(crate::AllocError));
    assert_eq!(heap.bytes_handed_out(), 0);
}

#[test]
fn owner_tag_names_the_heap_for_small_and_large_blocks() {
    let (one, two) = (Heap::new(), Heap::new());
    let (first, second) = (0u8, 0u8);
    let (tag_one, tag_two) = (
        &raw const first as *const (),
        &raw const second as *const (),
    );
    let small = layout(64);
    let large = Layout::from_size_align(4000, 8).unwrap();
    let blocks = [one.alloc(small).unwrap(), one.alloc(large).unwrap()];
    let other = two.alloc(small).unwrap();
    one.set_owner_tag(tag_one);
    two.set_owner_tag(tag_two);
    assert_eq!(one.get_owner_tag(), tag_one);
    // SAFETY: all blocks are live with these layouts.
    unsafe {
        assert_eq!(owner_tag(blocks[0], small), tag_one);
        assert_eq!(owner_tag(blocks[1], large), tag_one);
        assert_eq!(owner_tag(other, small), tag_two);
        one.dealloc(blocks[0], small);
        one.dealloc(blocks[1], large);
        two.dealloc(other, small);
    }
}

#[test]
fn a_lowered_limit_refuses_everything_until_enough_pools_are_given_back() {
    let heap = Heap::new();
    let small = heap.alloc(layout(32)).unwrap();
    let other = heap.alloc(layout(64)).unwrap();
    assert_eq!(heap.stats().bytes_committed, 2 * POOL_SIZE);
    heap.set_limit(Some(POOL_SIZE));
    // The 32-byte pool has room, but the heap is over its lowered limit.
    assert_eq!(heap.alloc(layout(32)), Err(crate::AllocError));
    assert_eq!(heap.alloc(layout(600)), Err(crate::AllocError));
    // The 64-byte pool empties; kept for its class it is still charged, until an
    // allocation finds the heap over its limit and gives kept pools back.
    free_all(&heap, 64, [other]);
    let second = heap.alloc(layout(32)).unwrap();
    assert_eq!(pool_addr(second), pool_addr(small));
    assert_eq!(heap.stats().bytes_committed, POOL_SIZE);
    // Under the limit again: the fast path is open, and a new pool is still refused.
    let more = alloc_many(&heap, 32, 10);
    assert!(more.iter().all(|&b| pool_addr(b) == pool_addr(small)));
    assert_eq!(heap.alloc(layout(64)), Err(crate::AllocError));
    heap.set_limit(None);
    let other = heap.alloc(layout(64)).unwrap();
    assert_eq!(heap.bytes_handed_out(), 12 * 32 + 64);
    free_all(&heap, 32, more.into_iter().chain([small, second]));
    free_all(&heap, 64, [other]);
    assert_eq!(heap.bytes_handed_out(), 0);
}
