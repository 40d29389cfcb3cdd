//! realloc: in place within a class, moving otherwise, contents preserved.

use super::*;

/// Fills `len` bytes at `block` with `byte`.
fn fill(block: NonNull<u8>, len: usize, byte: u8) {
    // SAFETY: callers pass a live block valid for `len` bytes.
    unsafe { block.as_ptr().write_bytes(byte, len) };
}

/// Whether the first `len` bytes at `block` all equal `byte`.
fn holds(block: NonNull<u8>, len: usize, byte: u8) -> bool {
    // SAFETY: callers pass a live block whose first `len` bytes were written.
    unsafe { std::slice::from_raw_parts(block.as_ptr(), len) }
        .iter()
        .all(|&b| b == byte)
}

#[test]
fn realloc_stays_in_place_within_the_class() {
    let heap = Heap::new();
    let block = heap.alloc(layout(20)).unwrap();
    fill(block, 20, 7);
    // SAFETY: live block with layout(20).
    let grown = unsafe { heap.realloc(block, layout(20), 32) }.unwrap();
    assert_eq!(grown, block);
    assert!(holds(grown, 20, 7));
    assert_eq!(heap.stats().classes[1].blocks_in_use, 1);
    // SAFETY: live block, now with layout(32).
    let shrunk = unsafe { heap.realloc(grown, layout(32), 17) }.unwrap();
    assert_eq!(shrunk, block);
    assert_eq!(heap.bytes_handed_out(), 32);
    free_all(&heap, 17, [shrunk]);
}

#[test]
fn realloc_moves_across_classes_and_to_and_from_large() {
    let heap = Heap::new();
    let small = heap.alloc(layout(20)).unwrap();
    fill(small, 20, 1);
    // SAFETY: each step passes the live block with the layout it now has.
    unsafe {
        let bigger = heap.realloc(small, layout(20), 40).unwrap();
        assert_ne!(bigger, small);
        assert!(holds(bigger, 20, 1));
        fill(bigger, 40, 2);
        let large = heap.realloc(bigger, layout(40), 3000).unwrap();
        assert!(holds(large, 40, 2));
        assert_eq!(
            (
                heap.stats().large_blocks,
                heap.stats().small_blocks_in_use()
            ),
            (1, 0)
        );
        fill(large, 3000, 3);
        let larger = heap.realloc(large, layout(3000), 100_000).unwrap();
        assert!(holds(larger, 3000, 3));
        assert_eq!(heap.stats().large_bytes, 100_000);
        let back = heap.realloc(larger, layout(100_000), 64).unwrap();
        assert!(holds(back, 64, 3));
        assert_eq!(
            (
                heap.stats().large_blocks,
                heap.stats().small_blocks_in_use()
            ),
            (0, 1)
        );
        heap.dealloc(back, layout(64));
    }
    assert_eq!(heap.bytes_handed_out(), 0);
}

#[test]
fn realloc_to_an_impossible_size_fails_and_keeps_the_block() {
    let heap = Heap::new();
    let block = heap.alloc(layout(600)).unwrap();
    fill(block, 600, 9);
    // SAFETY: live block with layout(600); on Err it stays live.
    unsafe {
        assert!(heap.realloc(block, layout(600), usize::MAX).is_err());
        assert!(heap
            .realloc(block, layout(600), isize::MAX as usize - 8)
            .is_err());
    }
    assert!(holds(block, 600, 9));
    free_all(&heap, 600, [block]);
}
