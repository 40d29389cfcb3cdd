//! Large blocks, the heap limit, and owner tags.

use super::*;
use crate::owner_tag;

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
fn limit_turns_into_alloc_error() {
    let heap = Heap::new();
    assert_eq!(heap.limit(), None);
    heap.set_limit(Some(1000));
    assert_eq!(heap.limit(), Some(1000));
    let a = heap.alloc(layout(500)).unwrap(); // counted as 512
    assert_eq!(heap.alloc(layout(500)), Err(crate::AllocError));
    assert_eq!(
        heap.alloc(layout(800)),
        Err(crate::AllocError),
        "large blocks count too"
    );
    let b = heap.alloc(layout(480)).unwrap(); // 512 + 480 = 992
                                              // SAFETY: `b` is live with layout(480); on Err it stays live.
    assert!(unsafe { heap.realloc(b, layout(480), 600) }.is_err());
    assert_eq!(heap.bytes_handed_out(), 992);
    heap.set_limit(None);
    let c = heap.alloc(layout(800)).unwrap();
    free_all(&heap, 500, [a]);
    free_all(&heap, 480, [b]);
    free_all(&heap, 800, [c]);
    assert_eq!(heap.bytes_handed_out(), 0);
    assert!(crate::AllocError.to_string().contains("allocation failed"));
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
fn a_limit_closes_the_fast_path_and_removing_it_reopens_it() {
    let heap = Heap::new();
    let first = heap.alloc(layout(32)).unwrap();
    heap.set_limit(Some(heap.bytes_handed_out() + 32));
    // The pool has room for many more blocks, but only one more fits under the limit: every
    // allocation is checked while a limit is set.
    let second = heap.alloc(layout(32)).unwrap();
    assert_eq!(pool_addr(second), pool_addr(first));
    assert_eq!(heap.alloc(layout(32)), Err(crate::AllocError));
    assert_eq!(heap.alloc(layout(16)), Err(crate::AllocError));
    free_all(&heap, 32, [second]);
    let third = heap.alloc(layout(32)).unwrap();
    assert_eq!(third, second, "freed blocks fit again");
    heap.set_limit(None);
    let more = alloc_many(&heap, 32, 10);
    assert!(more.iter().all(|&b| pool_addr(b) == pool_addr(first)));
    assert_eq!(heap.bytes_handed_out(), 12 * 32);
    free_all(&heap, 32, more.into_iter().chain([first, third]));
    assert_eq!(heap.bytes_handed_out(), 0);
}
