//! Misuse caught by debug builds, with a clear message.
#![cfg(debug_assertions)]

use super::*;

#[test]
#[should_panic(expected = "double free of small block")]
fn double_free_of_a_small_block_panics() {
    let heap = Heap::new();
    let keep = heap.alloc(layout(32)).unwrap(); // keeps the pool in use
    let block = heap.alloc(layout(32)).unwrap();
    free_all(&heap, 32, [block, block]);
    free_all(&heap, 32, [keep]);
}

#[test]
#[should_panic(expected = "double free of large block")]
fn double_free_of_a_large_block_panics() {
    let heap = Heap::new();
    let block = heap.alloc(layout(2000)).unwrap();
    free_all(&heap, 2000, [block, block]);
}

#[test]
#[should_panic(expected = "which no arena of this heap contains")]
fn freeing_another_heaps_small_block_panics() {
    let (one, two) = (Heap::new(), Heap::new());
    let block = one.alloc(layout(32)).unwrap();
    free_all(&two, 32, [block]);
}

#[test]
#[should_panic(expected = "not a live large block of this heap")]
fn freeing_another_heaps_large_block_panics() {
    let (one, two) = (Heap::new(), Heap::new());
    let block = one.alloc(layout(2000)).unwrap();
    free_all(&two, 2000, [block]);
}

#[test]
#[should_panic(expected = "layout does not match the allocation")]
fn freeing_with_the_wrong_class_panics() {
    let heap = Heap::new();
    let block = heap.alloc(layout(32)).unwrap();
    free_all(&heap, 100, [block]);
}

#[test]
#[should_panic(expected = "double free of small block")]
fn freeing_an_interior_pointer_panics() {
    let heap = Heap::new();
    let block = heap.alloc(layout(64)).unwrap();
    // SAFETY: in bounds of the 64-byte block.
    let inside = unsafe { block.add(16) };
    free_all(&heap, 64, [inside]);
}

#[test]
#[should_panic(expected = "points inside a block, not at its start")]
fn freeing_a_misaligned_interior_pointer_panics() {
    let heap = Heap::new();
    let block = heap.alloc(layout(64)).unwrap();
    // SAFETY: in bounds of the 64-byte block.
    let inside = unsafe { block.add(8) };
    free_all(&heap, 64, [inside]);
}
