"""pyperformance's gc_collect shape as a whole program: rings of nodes made garbage and
collected, many times. Runs under python3 and under `pymm run`; prints what it collected."""
import gc

CYCLES = 100
LINKS = 20
RUNS = 300


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


def main():
    total = 0
    for _ in range(RUNS):
        gc.collect()
        roots = create_gc_cycles(CYCLES, LINKS)
        del roots
        found = gc.collect()
        assert found >= CYCLES * (LINKS + 1), found
        total += found
    print("collected", total, "objects in", RUNS, "runs")


main()
