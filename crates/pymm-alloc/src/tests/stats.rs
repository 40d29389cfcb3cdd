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
