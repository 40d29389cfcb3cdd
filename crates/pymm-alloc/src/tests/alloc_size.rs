//! Blocks asked for by size alone (`Heap::alloc_size`, `Heap::dealloc_size`).

use super::*;
use crate::{AllocError, ALIGNMENT};

/// The layout `alloc_size(size)` stands for.
fn size_layout(size: usize) -> Layout {
    Layout::from_size_align(size, ALIGNMENT).expect("valid test layout")
}

#[test]
fn a_size_takes_the_block_its_layout_would_and_frees_by_size() {
    let heap = Heap::new();
    let small = heap.alloc_size(17).unwrap();
    let same_class = heap.alloc(layout(32)).unwrap();
    assert_eq!(
        pool_addr(small),
        pool_addr(same_class),
        "17 bytes: the 32-byte class"
    );
    let (zero, large) = (heap.alloc_size(0).unwrap(), heap.alloc_size(513).unwrap());
    for block in [small, zero, large] {
        assert_eq!(block.as_ptr().addr() % ALIGNMENT, 0);
    }
    assert_eq!(heap.bytes_handed_out(), 32 + 32 + 513);
    assert_eq!(heap.stats().classes[1].blocks_in_use, 2);
    // SAFETY: each block came from `alloc_size` (or `alloc`) with this size, freed once.
    unsafe {
        heap.dealloc_size(small, 17);
        heap.dealloc_size(zero, 0);
        heap.dealloc_size(large, 513);
    }
    free_all(&heap, 32, [same_class]);
    assert_eq!(heap.bytes_handed_out(), 0);
    assert_stats_add_up(&heap);
}

#[test]
fn size_and_layout_calls_free_each_other_s_blocks() {
    let heap = Heap::new();
    let by_size = heap.alloc_size(700).unwrap();
    let by_layout = heap.alloc(size_layout(48)).unwrap();
    // SAFETY: `alloc_size(n)` is `alloc` with `size_layout(n)`, each block freed once.
    unsafe {
        heap.dealloc(by_size, size_layout(700));
        heap.dealloc_size(by_layout, 48);
    }
    assert_eq!(heap.bytes_handed_out(), 0);
}

#[test]
fn a_size_no_layout_can_hold_is_refused() {
    let heap = Heap::new();
    assert_eq!(heap.alloc_size(usize::MAX), Err(AllocError));
    assert_eq!(heap.alloc_size(isize::MAX as usize), Err(AllocError));
    assert_eq!(heap.bytes_handed_out(), 0);
}

#[test]
fn a_limited_heap_refuses_a_size_past_its_limit() {
    let heap = Heap::new();
    heap.set_limit(Some(crate::POOL_SIZE));
    let block = heap.alloc_size(64).unwrap();
    assert_eq!(
        heap.alloc_size(16),
        Err(AllocError),
        "a second pool would pass the limit"
    );
    assert_eq!(heap.alloc_size(4096), Err(AllocError));
    // SAFETY: allocated above with this size, freed once.
    unsafe { heap.dealloc_size(block, 64) };
}
