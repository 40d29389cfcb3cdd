//! Arenas: ordering fullest first, empty arenas kept for reuse, purged after the delay and
//! unmapped later or on `trim`, and the one spare.

use super::*;
use crate::{blocks_per_pool, POOLS_PER_ARENA};

const SIZE: usize = 512;

/// Fills `arenas` whole arenas with 512-byte blocks; returns the blocks arena by arena, pool
/// by pool. Pools come from the fullest arena, so allocation order follows arena order.
fn fill_arenas(heap: &Heap, arenas: usize) -> Vec<Vec<Vec<NonNull<u8>>>> {
    let per_pool = blocks_per_pool(SIZE / 16 - 1);
    (0..arenas)
        .map(|_| {
            (0..POOLS_PER_ARENA)
                .map(|_| alloc_many(heap, SIZE, per_pool))
                .collect()
        })
        .collect()
}

/// Frees `count` whole pools of one arena.
fn free_pools(heap: &Heap, arena: &mut Vec<Vec<NonNull<u8>>>, count: usize) {
    for _ in 0..count {
        free_all(heap, SIZE, arena.pop().expect("a pool left"));
    }
}

#[test]
fn usable_arenas_stay_ordered_fullest_first() {
    let heap = Heap::new();
    let mut arenas = fill_arenas(&heap, 3);
    let third_arena: Vec<usize> = arenas[2].iter().map(|pool| pool_addr(pool[0])).collect();
    assert_eq!(
        heap.usable_free_counts(),
        Vec::<u32>::new(),
        "full arenas are not usable"
    );
    free_pools(&heap, &mut arenas[0], 5);
    free_pools(&heap, &mut arenas[1], 2);
    free_pools(&heap, &mut arenas[2], 9);
    assert_eq!(heap.usable_free_counts(), [2, 5, 9]);
    free_pools(&heap, &mut arenas[1], 5);
    assert_eq!(heap.usable_free_counts(), [5, 7, 9]);
    free_pools(&heap, &mut arenas[0], 2);
    assert_eq!(heap.usable_free_counts(), [7, 7, 9]);

    // A new pool comes from the fullest arena (arena 0 or 1, both at 7; never arena 2).
    let block = heap.alloc(layout(SIZE)).unwrap();
    assert_eq!(heap.usable_free_counts(), [6, 7, 9]);
    assert!(
        !third_arena.contains(&pool_addr(block)),
        "the emptiest arena is left to drain"
    );
    free_all(&heap, SIZE, [block]);
    assert_eq!(heap.usable_free_counts(), [7, 7, 9]);
    assert_stats_add_up(&heap);
    for arena in arenas {
        free_all(&heap, SIZE, arena.into_iter().flatten());
    }
}

#[test]
fn with_no_purge_delay_wholly_free_arenas_are_unmapped_keeping_one_spare() {
    let heap = eager_heap();
    let arenas = fill_arenas(&heap, 3);
    let s = heap.stats();
    assert_eq!(
        (
            s.arenas_current,
            s.arenas_allocated_total,
            s.arenas_high_water
        ),
        (3, 3, 3)
    );
    let mut arenas = arenas.into_iter();

    free_all(&heap, SIZE, arenas.next().unwrap().into_iter().flatten());
    let s = heap.stats();
    assert_eq!(
        (s.arenas_current, s.arenas_reclaimed_total),
        (3, 0),
        "first free arena is the spare"
    );
    assert_eq!(heap.usable_free_counts(), [POOLS_PER_ARENA as u32]);

    free_all(&heap, SIZE, arenas.next().unwrap().into_iter().flatten());
    let s = heap.stats();
    assert_eq!(
        (s.arenas_current, s.arenas_reclaimed_total),
        (2, 1),
        "second one is unmapped"
    );

    free_all(&heap, SIZE, arenas.next().unwrap().into_iter().flatten());
    let s = heap.stats();
    assert_eq!(
        (
            s.arenas_current,
            s.arenas_reclaimed_total,
            s.arenas_high_water
        ),
        (1, 2, 3)
    );
    assert_eq!(s.bytes_mapped, crate::ARENA_SIZE);
    assert_stats_add_up(&heap);

    // The spare is reused before any new arena is mapped.
    let block = heap.alloc(layout(16)).unwrap();
    assert_eq!(heap.stats().arenas_allocated_total, 3);
    free_all(&heap, 16, [block]);
}

#[test]
fn a_lone_arena_is_kept_when_its_last_pool_empties() {
    let heap = Heap::new();
    let block = heap.alloc(layout(100)).unwrap();
    free_all(&heap, 100, [block]);
    let s = heap.stats();
    assert_eq!(
        (s.arenas_current, s.arenas_reclaimed_total, s.unused_pools),
        (1, 0, POOLS_PER_ARENA)
    );
}

/// A heap whose empty arenas keep their memory until `trim` (or a shorter delay is set).
fn patient_heap() -> Heap {
    let heap = Heap::new();
    heap.set_purge_delay(std::time::Duration::from_secs(3600));
    heap
}

#[test]
fn emptied_arenas_stay_mapped_and_are_reused_before_any_new_one() {
    let heap = patient_heap();
    let arenas = fill_arenas(&heap, 3);
    free_all(&heap, SIZE, arenas.into_iter().flatten().flatten());
    let s = heap.stats();
    assert_eq!(
        (s.arenas_current, s.arenas_empty, s.arenas_purged),
        (3, 3, 0)
    );
    assert_eq!(s.arenas_reclaimed_total, 0);
    assert_eq!(s.unused_pools, 3 * POOLS_PER_ARENA);
    assert_stats_add_up(&heap);
    // Allocating again (in another size class) takes the empty arenas' pools: no new arena.
    let again: Vec<_> = (0..3 * POOLS_PER_ARENA)
        .map(|_| alloc_many(&heap, 256, blocks_per_pool(256 / 16 - 1)))
        .collect();
    let s = heap.stats();
    assert_eq!(
        (s.arenas_allocated_total, s.arenas_current, s.arenas_empty),
        (3, 3, 0)
    );
    assert_stats_add_up(&heap);
    free_all(&heap, 256, again.into_iter().flatten());
}

#[test]
fn trim_unmaps_every_empty_arena_and_settles_kept_pools() {
    let heap = patient_heap();
    let arenas = fill_arenas(&heap, 3);
    free_all(&heap, SIZE, arenas.into_iter().flatten().flatten());
    assert_eq!(heap.trim(), 3 * crate::ARENA_SIZE);
    let s = heap.stats();
    assert_eq!(
        (s.arenas_current, s.arenas_empty, s.arenas_reclaimed_total),
        (0, 0, 3)
    );
    // A lone pool emptied and kept for its class is settled first, so its arena goes too.
    let block = heap.alloc(layout(16)).unwrap();
    free_all(&heap, 16, [block]);
    assert_eq!(heap.kept_pools(), 1);
    assert_eq!(heap.trim(), crate::ARENA_SIZE);
    assert_eq!((heap.kept_pools(), heap.stats().arenas_current), (0, 0));
    assert_eq!(heap.trim(), 0, "nothing left to give back");
    let block = heap.alloc(layout(16)).unwrap();
    assert_eq!(heap.stats().arenas_allocated_total, 5);
    free_all(&heap, 16, [block]);
}

#[test]
fn a_purged_arena_serves_pools_again_as_untouched_memory() {
    let heap = eager_heap();
    let arenas = fill_arenas(&heap, 2);
    free_all(&heap, SIZE, arenas.into_iter().flatten().flatten());
    let s = heap.stats();
    assert_eq!(
        (s.arenas_current, s.arenas_empty, s.arenas_purged),
        (1, 1, 1),
        "with no delay: purged at once, all but one unmapped"
    );
    assert_eq!(s.arenas_reclaimed_total, 1);
    assert_stats_add_up(&heap);
    // Its pools are formatted afresh (the purge forgot their headers), in address order
    // after the second block, which a fresh pool hands out first (`pool::init_pool`).
    let blocks = alloc_many(&heap, 48, 3);
    let base = pool_addr(blocks[0]) + crate::POOL_HEADER_SIZE;
    let offsets: Vec<usize> = blocks.iter().map(|b| b.as_ptr().addr() - base).collect();
    assert_eq!(offsets, [48, 0, 96]);
    for &block in &blocks {
        // SAFETY: a live 48-byte block.
        unsafe { block.as_ptr().write_bytes(0xC3, 48) };
    }
    let s = heap.stats();
    assert_eq!(
        (s.arenas_current, s.arenas_empty, s.arenas_purged),
        (1, 0, 0)
    );
    assert_eq!(s.arenas_allocated_total, 2, "the spare was reused");
    free_all(&heap, 48, blocks);
}

/// Frees all blocks but one of the arena's last pool: the class keeps a pool with room, so
/// the pools emptied afterwards are not alone in their class, hence not kept (`kept.rs`)
/// but given back to their arenas at once. Returns the survivor.
fn keep_a_pool_with_room(heap: &Heap, arena: &mut Vec<Vec<NonNull<u8>>>) -> NonNull<u8> {
    let mut pool = arena.pop().expect("a pool left");
    let survivor = pool.pop().expect("a block left");
    free_all(heap, SIZE, pool);
    survivor
}

/// Real time passes here (sleeps of tens of milliseconds); Miri's clock would also advance
/// with the work done between the readings, so the intermediate states are only checked
/// natively. The same transitions run under Miri with no delay (`eager_heap`).
///
/// Four arenas: the first on its own, the second and third sharing a 2 MiB frame (purged
/// together, `os::purge_frame`), the fourth the lower half of a frame not carved further
/// (purged alone).
#[test]
#[cfg_attr(miri, ignore)]
fn empty_arenas_are_purged_after_the_delay_and_unmapped_ten_delays_later() {
    use std::time::Duration;
    let delay = Duration::from_millis(50);
    let heap = patient_heap();
    let mut arenas = fill_arenas(&heap, 4).into_iter();
    let (mut first, second, third, fourth) = (
        arenas.next().unwrap(),
        arenas.next().unwrap(),
        arenas.next().unwrap(),
        arenas.next().unwrap(),
    );
    heap.set_purge_delay(delay);
    let survivor = keep_a_pool_with_room(&heap, &mut first);
    free_all(&heap, SIZE, fourth.into_iter().chain(third).flatten());
    std::thread::sleep(delay + delay / 5);
    // The second arena empties: the deadlines are checked. The fourth is purged; the third
    // waits for its frame's partner, the second, which has only just emptied.
    free_all(&heap, SIZE, second.into_iter().flatten());
    let s = heap.stats();
    assert_eq!(
        (s.arenas_current, s.arenas_empty, s.arenas_purged),
        (4, 3, 1)
    );
    std::thread::sleep(delay * 11);
    // The first arena empties: the second and third are purged together, the fourth
    // (purged ten delays ago) is unmapped; the first keeps its memory for now.
    free_all(&heap, SIZE, first.into_iter().flatten().chain([survivor]));
    let s = heap.stats();
    assert_eq!(
        (s.arenas_current, s.arenas_empty, s.arenas_purged),
        (3, 3, 2)
    );
    assert_eq!(s.arenas_reclaimed_total, 1);
    assert_stats_add_up(&heap);
    // The frame purged whole (its pools 0 with it) serves pools again, formatted afresh.
    let again = fill_arenas(&heap, 3);
    let s = heap.stats();
    assert_eq!((s.arenas_current, s.arenas_allocated_total), (3, 4));
    assert_stats_add_up(&heap);
    free_all(&heap, SIZE, again.into_iter().flatten().flatten());
    assert_eq!(heap.trim(), 3 * crate::ARENA_SIZE);
}

/// While an arena is empty, taking pools from the others checks the deadlines too, so that
/// a heap that keeps allocating elsewhere still gives the empty arena's memory back: after
/// the delay if its frame's partner is empty too, else after ten delays (a purge of one
/// half splits the frame's huge page, so it waits for the partner first).
#[test]
#[cfg_attr(miri, ignore)]
fn taking_pools_while_an_arena_is_empty_purges_it_after_the_delay() {
    use std::time::Duration;
    let delay = Duration::from_millis(20);
    let heap = patient_heap();
    let mut arenas = fill_arenas(&heap, 3).into_iter();
    let (mut first, second, mut third) = (
        arenas.next().unwrap(),
        arenas.next().unwrap(),
        arenas.next().unwrap(),
    );
    heap.set_purge_delay(delay);
    let survivor = keep_a_pool_with_room(&heap, &mut first);
    free_pools(&heap, &mut first, 40);
    free_pools(&heap, &mut third, 40);
    free_all(&heap, SIZE, second.into_iter().flatten());
    std::thread::sleep(delay * 2);
    assert_eq!(heap.stats().arenas_purged, 0, "nothing checked yet");
    // One pool more than a check's worth: the first may come back from a pool kept for its
    // class rather than from an arena.
    let take = |heap: &Heap| -> Vec<_> {
        (0..=crate::arena::CHECK_EVERY)
            .map(|_| alloc_many(heap, 256, blocks_per_pool(256 / 16 - 1)))
            .collect()
    };
    let taken = take(&heap);
    let s = heap.stats();
    assert_eq!(
        (s.arenas_current, s.arenas_empty, s.arenas_purged),
        (3, 1, 0),
        "the pools came from the fuller arenas; the empty one waits for its partner in use"
    );
    free_all(&heap, 256, taken.into_iter().flatten());
    std::thread::sleep(delay * 11);
    let taken = take(&heap);
    let s = heap.stats();
    assert_eq!(
        (s.arenas_current, s.arenas_empty, s.arenas_purged),
        (3, 1, 1),
        "ten delays on, the empty one was purged alone"
    );
    free_all(&heap, 256, taken.into_iter().flatten());
    free_all(&heap, SIZE, first.into_iter().chain(third).flatten());
    free_all(&heap, SIZE, [survivor]);
}

/// A heap that frees everything and allocates again after a pause draws on its empty arenas
/// one after the other: while it does, the ones not reached yet keep their memory (no page
/// faults on reuse); once the demand stops for a delay, what is empty is purged.
#[test]
#[cfg_attr(miri, ignore)]
fn empty_arenas_are_not_purged_while_the_heap_draws_on_them_again() {
    use std::time::Duration;
    // Long enough that freeing or refilling an arena's pools (debug build, loaded machine)
    // does not outlast it.
    let delay = Duration::from_millis(150);
    let heap = patient_heap();
    let arenas = fill_arenas(&heap, 3);
    heap.set_purge_delay(delay);
    free_all(&heap, SIZE, arenas.into_iter().flatten().flatten());
    std::thread::sleep(delay * 2);
    // Two arenas' worth of pools: every one taken from an empty arena, the purge deadlines
    // checked on the way (more than `CHECK_EVERY` pools taken while arenas are empty).
    let again = fill_arenas(&heap, 2);
    let s = heap.stats();
    assert_eq!(
        (s.arenas_current, s.arenas_empty, s.arenas_purged),
        (3, 1, 0),
        "the arenas drawn on again were reused with their memory, and the last one waits"
    );
    assert_eq!(s.arenas_allocated_total, 3, "no new arena mapped");
    std::thread::sleep(delay * 2);
    // The demand stopped a delay ago: the arenas emptied now find the spare's delay passed
    // (the heap drew on two arenas since it began drawing on empty ones again).
    free_all(&heap, SIZE, again.into_iter().flatten().flatten());
    let s = heap.stats();
    assert_eq!((s.arenas_empty, s.arenas_purged), (3, 1));
    assert_stats_add_up(&heap);
    assert_eq!(heap.trim(), 3 * crate::ARENA_SIZE);
}

/// A heap that cycles (fills its arenas, frees them all, fills them again) with a cycle
/// longer than the delay keeps the arena one cycle did not need resident for the next: as
/// many empty arenas as it had in use at its recent peak are spared. Once it has drawn on no
/// empty arena for ten delays, the peak is forgotten and what is empty is purged.
#[test]
#[cfg_attr(miri, ignore)]
fn empty_arenas_within_the_recent_peak_stay_resident_across_slow_cycles() {
    use std::time::Duration;
    let delay = Duration::from_millis(30);
    let heap = patient_heap();
    let arenas = fill_arenas(&heap, 3);
    free_all(&heap, SIZE, arenas.into_iter().flatten().flatten());
    // A cycle on the empty arenas: three in use at its peak.
    let arenas = fill_arenas(&heap, 3);
    free_all(&heap, SIZE, arenas.into_iter().flatten().flatten());
    heap.set_purge_delay(delay);
    // The next cycle needs two arenas only; one block of it outlives the cycle.
    let mut again = fill_arenas(&heap, 2);
    let survivor = keep_a_pool_with_room(&heap, &mut again[0]);
    std::thread::sleep(delay * 2);
    free_all(&heap, SIZE, again.into_iter().flatten().flatten());
    let s = heap.stats();
    assert_eq!(
        (s.arenas_current, s.arenas_empty, s.arenas_purged),
        (3, 2, 0),
        "the arena the cycle did not need is past its delay but within the peak of 3"
    );
    std::thread::sleep(delay * 11);
    // Ten delays without drawing on an empty arena: the last arena empties, the peak is
    // forgotten, and the two empty past their delay are purged.
    free_all(&heap, SIZE, [survivor]);
    let s = heap.stats();
    assert_eq!(
        (s.arenas_current, s.arenas_empty, s.arenas_purged),
        (3, 3, 2)
    );
    assert_stats_add_up(&heap);
    assert_eq!(heap.trim(), 3 * crate::ARENA_SIZE);
}

/// Arenas are mapped at addresses aligned to their size (the pools' records are found by
/// masking), and their first pool holds the records: no block is ever handed out from it.
#[test]
fn arenas_are_aligned_to_their_size_and_pool_0_serves_no_block() {
    let heap = Heap::new();
    let arenas = fill_arenas(&heap, 2);
    let map = heap.arena_map();
    assert_eq!(map.len(), 2);
    for snapshot in &map {
        assert_eq!(
            snapshot.base % crate::ARENA_SIZE,
            0,
            "arena aligned to its size"
        );
        assert_eq!(snapshot.pools.len(), POOLS_PER_ARENA);
    }
    for block in arenas.iter().flatten().flatten() {
        let offset = block.as_ptr().addr() % crate::ARENA_SIZE;
        assert!(offset >= crate::POOL_SIZE, "a block in pool 0 at {block:p}");
    }
    assert_stats_add_up(&heap);
    free_all(&heap, SIZE, arenas.into_iter().flatten().flatten());
    assert_stats_add_up(&heap);
}

/// The `VmFlags` line of the mapping holding `addr`, from `/proc/self/smaps`.
fn vm_flags_at(addr: usize) -> Option<String> {
    let smaps = std::fs::read_to_string("/proc/self/smaps").expect("/proc/self/smaps");
    let mut inside = false;
    for line in smaps.lines() {
        let range = line
            .split(' ')
            .next()
            .and_then(|range| range.split_once('-'));
        let parsed = range.and_then(|(start, end)| {
            Some((
                usize::from_str_radix(start, 16).ok()?,
                usize::from_str_radix(end, 16).ok()?,
            ))
        });
        if let Some((start, end)) = parsed {
            inside = (start..end).contains(&addr);
        } else if inside && line.starts_with("VmFlags:") {
            return Some(line.to_string());
        }
    }
    None
}

#[test]
#[cfg_attr(
    miri,
    ignore = "Miri's arenas come from std::alloc, not from a reservation"
)]
fn arenas_after_the_first_are_carved_in_order_from_a_huge_page_reservation() {
    const HUGE_PAGE: usize = 2 * 1024 * 1024;
    let heap = Heap::new();
    let arenas = fill_arenas(&heap, 4);
    let bases: Vec<usize> = arenas
        .iter()
        .map(|arena| arena[0][0].as_ptr().addr() & !(crate::ARENA_SIZE - 1))
        .collect();
    assert_eq!(
        bases[1] % HUGE_PAGE,
        0,
        "a reservation starts on a huge page"
    );
    assert_eq!(
        [bases[2], bases[3]],
        [
            bases[1] + crate::ARENA_SIZE,
            bases[1] + 2 * crate::ARENA_SIZE
        ],
        "carved in address order"
    );
    assert_eq!(
        heap.reservation_uncarved(),
        crate::os::RESERVATION_SIZE - 3 * crate::ARENA_SIZE
    );
    if cfg!(target_os = "linux") {
        let flags = vm_flags_at(bases[2]).expect("the arena is mapped");
        assert!(
            flags.split_whitespace().any(|flag| flag == "hg"),
            "advised MADV_HUGEPAGE: {flags}"
        );
        let first = vm_flags_at(bases[0]).expect("the first arena is mapped");
        assert!(
            !first.split_whitespace().any(|flag| flag == "hg"),
            "the first arena stays on small pages: {first}"
        );
    }
    assert_stats_add_up(&heap);
    free_all(&heap, SIZE, arenas.into_iter().flatten().flatten());
    assert_eq!(heap.trim(), 4 * crate::ARENA_SIZE);
    assert_eq!(heap.reservation_uncarved(), 0, "trim gives the rest back");
    assert_eq!(vm_flags_at(bases[3] + crate::ARENA_SIZE), None, "unmapped");
    // A heap growing again starts from its own first arena and a new reservation.
    let again = fill_arenas(&heap, 2);
    let second = again[1][0][0].as_ptr().addr() & !(crate::ARENA_SIZE - 1);
    assert_eq!(second % HUGE_PAGE, 0);
    free_all(&heap, SIZE, again.into_iter().flatten().flatten());
}

#[test]
#[cfg_attr(
    miri,
    ignore = "Miri's arenas come from std::alloc, not from a reservation"
)]
fn a_reservation_used_up_is_followed_by_another() {
    let per_reservation = crate::os::RESERVATION_SIZE / crate::ARENA_SIZE;
    let heap = Heap::new();
    let arenas = fill_arenas(&heap, per_reservation + 2);
    assert_eq!(
        heap.reservation_uncarved(),
        crate::os::RESERVATION_SIZE - crate::ARENA_SIZE,
        "the first arena on its own, a whole reservation, one arena of the next"
    );
    assert_stats_add_up(&heap);
    free_all(&heap, SIZE, arenas.into_iter().flatten().flatten());
    heap.trim();
    assert_eq!(heap.stats().arenas_current, 0);
}

#[test]
#[cfg_attr(
    miri,
    ignore = "Miri's arenas come from std::alloc, not from a reservation"
)]
fn without_huge_pages_arenas_are_neither_advised_nor_paired() {
    let heap = Heap::new();
    let first = fill_arenas(&heap, 2);
    assert_eq!(
        heap.reservation_uncarved(),
        crate::os::RESERVATION_SIZE - crate::ARENA_SIZE
    );
    heap.set_huge_pages(false);
    assert!(!heap.huge_pages());
    assert_eq!(
        heap.reservation_uncarved(),
        0,
        "what was reserved with the other advice is given back"
    );
    let more = fill_arenas(&heap, 2);
    let base =
        |arena: &Vec<Vec<NonNull<u8>>>| arena[0][0].as_ptr().addr() & !(crate::ARENA_SIZE - 1);
    if cfg!(target_os = "linux") {
        let flags = vm_flags_at(base(&more[1])).expect("the arena is mapped");
        assert!(
            !flags.split_whitespace().any(|flag| flag == "hg"),
            "not advised MADV_HUGEPAGE: {flags}"
        );
        let before = vm_flags_at(base(&first[1])).expect("the arena is mapped");
        assert!(
            before.split_whitespace().any(|flag| flag == "hg"),
            "an arena carved before keeps its advice: {before}"
        );
    }
    assert_eq!(heap.paired_arenas(), 0, "no frames to purge together");
    assert_stats_add_up(&heap);
    free_all(
        &heap,
        SIZE,
        first.into_iter().chain(more).flatten().flatten(),
    );
    heap.trim();
    assert_eq!(heap.stats().arenas_current, 0);
}
