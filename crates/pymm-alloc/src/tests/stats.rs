//! The statistics table.

use super::*;

#[test]
fn display_prints_a_debugmallocstats_table() {
    let heap = Heap::new();
    let blocks = alloc_many(&heap, 30, 3);
    let table = heap.stats().to_string();
    assert!(table.starts_with("Small block threshold = 512, in 32 size classes."));
    let row = table
        .lines()
        .find(|line| line.trim_start().starts_with("1 "))
        .expect("class 1 row");
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        cells,
        [
            "1",
            "32",
            "1",
            "3",
            &(crate::blocks_per_pool(1) - 3).to_string()
        ]
    );
    assert!(
        !table
            .lines()
            .any(|line| line.trim_start().starts_with("0 ")),
        "unused class shown"
    );
    assert!(table.contains("1 arenas * 1048576 bytes/arena     =            1,048,576"));
    assert!(table.contains("# arenas empty (awaiting purge)    =                    0"));
    assert!(table.contains("# heap limit                       =                 none"));
    free_all(&heap, 30, blocks);
}

#[test]
fn grouped_numbers_use_thousands_separators() {
    use crate::stats::grouped;
    assert_eq!(grouped(0), "0");
    assert_eq!(grouped(999), "999");
    assert_eq!(grouped(1000), "1,000");
    assert_eq!(grouped(233_832_448), "233,832,448");
}

/// The bytes handed out are derived from per-class counts that change only when pools change
/// places on their lists, or a block goes back behind the head (`used_lists.rs`): exact after
/// every step while pools fill up, leave the list full, come back to it and empty in any
/// order; `bytes_committed` bounds them by whole pools.
#[test]
fn bytes_handed_out_are_derived_exactly_as_pools_change_places() {
    let heap = Heap::new();
    let per_pool = crate::blocks_per_pool(3); // the 64-byte class
    let mut blocks = alloc_many(&heap, 64, 3 * per_pool + 5);
    let small = alloc_many(&heap, 16, 7);
    let large = heap.alloc(layout(1000)).expect("memory");
    let mut expected = blocks.len() * 64 + 7 * 16 + 1000;
    assert_eq!(heap.bytes_handed_out(), expected);
    assert_eq!(heap.bytes_committed(), 5 * crate::POOL_SIZE + 1000);
    // Frees in a scattered order (a stride prime to the count): full pools get a block back
    // and go to the head, heads change, pools empty behind the head and at it.
    let n = blocks.len();
    let mut order: Vec<usize> = (0..n).map(|i| (i * 97) % n).collect();
    order.dedup();
    assert_eq!(order.len(), n, "a permutation");
    for (step, &index) in order.iter().enumerate() {
        // SAFETY: each block was allocated above with this layout and is freed once.
        unsafe { heap.dealloc(blocks[index], layout(64)) };
        expected -= 64;
        assert_eq!(heap.bytes_handed_out(), expected, "after free {step}");
        assert!(heap.bytes_committed() >= expected);
        if step % 64 == 0 {
            assert_eq!(heap.stats().bytes_handed_out, expected);
            // Allocating again takes from the head: the count follows.
            blocks[index] = heap.alloc(layout(64)).expect("memory");
            expected += 64;
            assert_eq!(heap.bytes_handed_out(), expected);
            // SAFETY: just allocated with this layout, freed once.
            unsafe { heap.dealloc(blocks[index], layout(64)) };
            expected -= 64;
        }
    }
    free_all(&heap, 16, small);
    // SAFETY: allocated above with this layout, freed once.
    unsafe { heap.dealloc(large, layout(1000)) };
    assert_eq!(heap.bytes_handed_out(), 0);
    assert_stats_add_up(&heap);
}
