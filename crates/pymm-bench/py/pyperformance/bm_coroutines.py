# pyperformance 1.11.0, benchmarks/bm_coroutines/run_benchmark.py (MIT licence), with the
# pyperf harness replaced by a plain loop that prints what it computed (never a time).
"""
Benchmark for recursive coroutines.

Author: Kumar Aditya
"""

import sys


async def fibonacci(n: int) -> int:
    if n <= 1:
        return n
    return await fibonacci(n - 1) + await fibonacci(n - 2)


def bench_coroutines(loops: int) -> int:
    range_it = range(loops)
    for _ in range_it:
        coro = fibonacci(25)
        try:
            while True:
                coro.send(None)
        except StopIteration as stop:
            result = stop.value
    return result


if __name__ == "__main__":
    loops = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    print("fibonacci(25):", bench_coroutines(loops))
