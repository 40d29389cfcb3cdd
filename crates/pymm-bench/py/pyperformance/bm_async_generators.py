# pyperformance 1.11.0, benchmarks/bm_async_generators/run_benchmark.py (MIT licence), with the
# pyperf harness replaced by a plain loop that prints what it computed (never a time).
"""
Benchmark recursive async generators implemented in python
by traversing a binary tree.

Author: Kumar Aditya
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncio
import sys


class Tree:
    def __init__(self, left: Tree | None, value: int, right: Tree | None) -> None:
        self.left = left
        self.value = value
        self.right = right

    async def __aiter__(self) -> AsyncIterator[int]:
        if self.left:
            async for i in self.left:
                yield i
        yield self.value
        if self.right:
            async for i in self.right:
                yield i


def tree(input: range) -> Tree | None:
    n = len(input)
    if n == 0:
        return None
    i = n // 2
    return Tree(tree(input[:i]), input[i], tree(input[i + 1:]))

async def bench_async_generators() -> int:
    count = total = 0
    async for value in tree(range(100000)):
        count += 1
        total += value
    return count, total

if __name__ == "__main__":
    loops = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    for _ in range(loops):
        count, total = asyncio.run(bench_async_generators())
    print("values:", count, "sum:", total)
