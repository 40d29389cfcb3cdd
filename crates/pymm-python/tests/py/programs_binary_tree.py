# Binary trees: build, count, depth; trees with parent pointers need the collector.
import gc

class Tree:
    def __init__(self, left, right, parent=None):
        self.left = left
        self.right = right
        self.parent = parent

def build(depth):
    if depth == 0:
        return Tree(None, None)
    return Tree(build(depth - 1), build(depth - 1))

def count(tree):
    total = 0
    stack = [tree]
    while stack:
        node = stack.pop()
        if node is not None:
            total += 1
            stack.append(node.left)
            stack.append(node.right)
    return total

def link_parents(tree):
    stack = [tree]
    while stack:
        node = stack.pop()
        for child in (node.left, node.right):
            if child is not None:
                child.parent = node
                stack.append(child)

gc.disable()
gc.collect()
t = build(8)
print("nodes in a depth-8 tree:", count(t))
del t
print("without parents, reference counting frees it:", gc.collect())
t = build(6)
link_parents(t)
print("nodes:", count(t))
del t
print("with parent pointers, the collector frees them all:", gc.collect())
gc.enable()
