"""Generators: a tree walked recursively with yield from (pyperformance bm_generators)."""
import sys


class Tree:
    def __init__(self, left, value, right):
        self.left = left
        self.value = value
        self.right = right

    def __iter__(self):
        if self.left:
            yield from self.left
        yield self.value
        if self.right:
            yield from self.right


def tree(input):
    n = len(input)
    if n == 0:
        return None
    i = n // 2
    return Tree(tree(input[:i]), input[i], tree(input[i + 1:]))


def main(loops):
    t = tree(range(1000))
    for _ in range(loops):
        total = 0
        for value in t:
            total += value
    print("sum:", total, "ordered:", list(t) == list(range(1000)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
