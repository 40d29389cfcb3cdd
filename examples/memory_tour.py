# A program whose memory has a story, for `pymm run --report tour.html examples/memory_tour.py`:
# a heap that grows and shrinks in phases, long-lived data that moves to the old generation,
# and several kinds of garbage cycles for the collector to find.
#
# Phases:
#   0. a first ring of two sessions, freed by a full collection while the heap is small;
#   1. an index of records built from text (many small str, tuple, dict objects);
#   2. a tree of nodes with parent pointers (every node in a cycle with its parent);
#   3. churn: doubly linked sessions opened and dropped (rings of garbage every round);
#   4. the index and the tree are dropped: the arenas empty and go back to the system;
#   5. closures and self-referencing containers (cycles through functions and cells).
import gc
import sys


class Record:
    def __init__(self, key, words):
        self.key = key
        self.words = words
        self.tags = {w[:2] for w in words}


class TreeNode:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


class Session:
    def __init__(self, user):
        self.user = user
        self.prev = self
        self.next = self
        self.log = []

    def join(self, other):
        other.next = self.next
        other.prev = self
        self.next.prev = other
        self.next = other


def build_index(n):
    index = {}
    for i in range(n):
        text = "record %d alpha beta gamma delta %d" % (i, i * 7)
        words = tuple(text.split())
        index[i] = Record(i, words)
    return index


def build_tree(depth, fanout, parent=None, name="root"):
    node = TreeNode(name, parent)
    if depth > 0:
        for k in range(fanout):
            build_tree(depth - 1, fanout, node, name + "." + str(k))
    return node


def count_nodes(root):
    total = 0
    stack = [root]
    while stack:
        node = stack.pop()
        total += 1
        stack.extend(node.children)
    return total


def churn_sessions(rounds, per_round):
    opened = 0
    for r in range(rounds):
        ring = Session("user%d" % r)
        for k in range(per_round):
            s = Session("guest%d" % k)
            s.log.append(("joined", r, k))
            ring.join(s)
            opened += 1
        ring = None
    return opened


def make_counter(start):
    state = {"count": start}

    def step():
        state["count"] += 1
        return state["count"]

    state["step"] = step
    return step


def closures_and_self_references(n):
    last = 0
    for i in range(n):
        step = make_counter(i)
        last = step()
        box = [i]
        box.append(box)
        table = {"me": None}
        table["me"] = table
    return last


first = Session("first")
first.join(Session("second"))
first = None
gc.collect()

print("phase 1: index")
index = build_index(60000)
print("records:", len(index), "size of one:", sys.getsizeof(index[0]) > 0)

print("phase 2: tree with parent pointers")
tree = build_tree(7, 4)
print("tree nodes:", count_nodes(tree))

print("phase 3: session churn")
print("sessions opened:", churn_sessions(400, 60))
print("collected by a full collection:", gc.collect() >= 0)

print("phase 4: drop the index and the tree")
index = None
tree = None
print("tree cycles collected:", gc.collect() > 0)

print("phase 5: closures and self references")
print("last count:", closures_and_self_references(20000))
gc.collect()
print("done")
