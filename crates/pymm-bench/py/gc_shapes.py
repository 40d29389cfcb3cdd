"""Heap shapes of pymm-bench's `gc` suite, built by CPython and timed around gc.collect().

Usage: python3 gc_shapes.py WORKLOAD NUMBERS...
Prints the nanoseconds of processor time spent in the measured part (and nothing else on
stdout):
  cyclic_garbage PAIRS          one collection of PAIRS dropped two-list cycles
  live_heap CHAINS LENGTH       one full collection over CHAINS live chains of LENGTH
                                tuples (each holds the next: links fixed at birth, as the
                                Rust contenders' `Chain`), none garbage
  live_heap_cells CHAINS LENGTH the same chains of one-item lists (links that can change,
                                as the Rust contenders' `CellChain` in a cell)
  gc_collect CYCLES LINKS RUNS  RUNS collections, each of CYCLES rings of LINKS+1 nodes
                                (pyperformance bm_gc_collect)
  gc_traversal LEVELS RUNS      RUNS collections over nested lists (pyperformance
                                bm_gc_traversal), nothing to collect
"""
import gc
import sys
import time


def timed_collect():
    # The thread's processor time, as the Rust contenders are timed (see
    # src/suites/gc/collector.rs): time slices given to other processes are not counted.
    start = time.thread_time_ns()
    found = gc.collect()
    return time.thread_time_ns() - start, found


def cyclic_garbage(pairs):
    gc.collect()
    gc.disable()
    for _ in range(pairs):
        first = []
        second = [first]
        first.append(second)
    del first, second
    elapsed, found = timed_collect()
    gc.enable()
    if found < 2 * pairs:
        sys.exit(f"cyclic_garbage: collected {found}, expected at least {2 * pairs}")
    return elapsed


def build_chains(chains, length, link):
    """Rooted chains made as the Rust contenders make theirs: each link holds the one
    made before it, the first holds None."""
    roots = []
    for _ in range(chains):
        head = link(None)
        for _ in range(1, length):
            head = link(head)
        roots.append(head)
    return roots


def timed_live_collect(name, roots):
    gc.disable()
    elapsed, found = timed_collect()
    gc.enable()
    if found != 0:
        sys.exit(f"{name}: collected {found}, expected 0")
    return elapsed


def live_heap(chains, length):
    gc.collect()
    gc.disable()
    roots = build_chains(chains, length, lambda following: (following,))
    return timed_live_collect("live_heap", roots)


def live_heap_cells(chains, length):
    gc.collect()
    gc.disable()
    roots = build_chains(chains, length, lambda following: [following])
    return timed_live_collect("live_heap_cells", roots)


class Node:
    def __init__(self):
        self.next = None
        self.prev = None

    def link_next(self, next_node):
        self.next = next_node
        self.next.prev = self


def create_cycle(node, links):
    current = node
    for _ in range(links):
        next_node = Node()
        current.link_next(next_node)
        current = next_node
    current.link_next(node)


def create_gc_cycles(cycles, links):
    roots = []
    for _ in range(cycles):
        node = Node()
        roots.append(node)
        create_cycle(node, links)
    return roots


def gc_collect(cycles, links, runs):
    total = 0
    for _ in range(runs):
        gc.collect()
        roots = create_gc_cycles(cycles, links)
        del roots
        elapsed, found = timed_collect()
        if found < cycles * (links + 1):
            sys.exit(f"gc_collect: collected {found}, expected {cycles * (links + 1)}")
        total += elapsed
    return total


def create_recursive_containers(levels):
    current = []
    for width in range(levels):
        new_list = [None] * width
        for index in range(width):
            new_list[index] = current
        current = new_list
    return current


def gc_traversal(levels, runs):
    top = create_recursive_containers(levels)
    gc.collect()
    # One reading of the clock around all of them, as the Rust contenders do.
    start = time.thread_time_ns()
    found = [gc.collect() for _ in range(runs)]
    total = time.thread_time_ns() - start
    if any(found):
        sys.exit(f"gc_traversal: collected {found}, expected none")
    del top
    return total


SHAPES = {
    "cyclic_garbage": cyclic_garbage,
    "live_heap": live_heap,
    "live_heap_cells": live_heap_cells,
    "gc_collect": gc_collect,
    "gc_traversal": gc_traversal,
}


def main(arguments):
    if not arguments or arguments[0] not in SHAPES:
        sys.exit(f"usage: gc_shapes.py {{{','.join(SHAPES)}}} NUMBERS...")
    numbers = [int(argument) for argument in arguments[1:]]
    print(SHAPES[arguments[0]](*numbers))


if __name__ == "__main__":
    main(sys.argv[1:])
