# pyperformance 1.0.9, benchmarks/bm_pprint/run_benchmark.py (MIT licence), with the
# pyperf harness replaced by a plain loop that prints what it computed (never a time).
"""Test the performance of pprint.PrettyPrinter.

This benchmark was available as `python -m pprint` until Python 3.12.

Authors: Fred Drake (original), Oleg Iarygin (pyperformance port).
"""

import sys
from pprint import PrettyPrinter


printable = [('string', (1, 2), [3, 4], {5: 6, 7: 8})] * 100_000
p = PrettyPrinter()



def main(loops, items):
    """pyperformance's two benchmarks, `loops` times, on the first `items` of `printable`;
    prints the text they made (its size, its first and last lines)."""
    data = printable[:items]
    for _ in range(loops):
        if hasattr(p, '_safe_repr'):
            text, readable, recursive = p._safe_repr(data, {}, None, 0)
        formatted = p.pformat(data)
    print("pprint_safe_repr", len(text), readable, recursive, text[:60])
    lines = formatted.splitlines()
    print("pprint_pformat", len(formatted), len(lines))
    print("\n".join(lines[:6] + lines[-6:]))


if __name__ == '__main__':
    if len(sys.argv) > 1:
        # pyperformance's size: the whole list
        main(int(sys.argv[1]), len(printable))
    else:
        # the test's size: a part of it
        main(1, 1_000)
