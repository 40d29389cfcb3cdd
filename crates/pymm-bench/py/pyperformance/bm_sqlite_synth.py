# pyperformance 1.0.9, benchmarks/bm_sqlite_synth/run_benchmark.py (MIT licence), with the
# pyperf harness replaced by a plain loop that prints what it computed (never a time).
"""
SQLite benchmark.

The goal of the benchmark is to test CFFI performance and going back and forth
between SQLite and Python a lot. Therefore the queries themselves are really
simple.
"""

import sqlite3
import math

import sys


class AvgLength(object):

    def __init__(self):
        self.sum = 0
        self.count = 0

    def step(self, x):
        if x is not None:
            self.count += 1
            self.sum += len(x)

    def finalize(self):
        return self.sum / float(self.count)


def bench_sqlite(loops):
    conn = sqlite3.connect(":memory:")
    conn.execute('create table cos (x, y, z);')
    for i in range(loops):
        cos_i = math.cos(i)
        conn.execute('insert into cos values (?, ?, ?)',
                     [i, cos_i, str(i)])

    conn.create_function("cos", 1, math.cos)
    checked = 0
    for x, cosx1, cosx2 in conn.execute("select x, cos(x), y from cos"):
        assert math.cos(x) == cosx1 == cosx2
        checked += 1

    conn.create_aggregate("avglength", 1, AvgLength)
    cursor = conn.execute("select avglength(z) from cos;")
    average = cursor.fetchone()[0]

    conn.execute("delete from cos;")
    conn.close()

    return checked, average


if __name__ == "__main__":
    # pyperf calls bench_sqlite(loops) with the row count it calibrated; here each of LOOPS
    # runs (1 by default) inserts, reads back and averages ROWS rows (500 without LOOPS, for
    # a debug build's test; 10000 with it, as `pymm-bench python` runs it).
    loops = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    rows = 10000 if len(sys.argv) > 1 else 500
    for _ in range(loops):
        checked, average = bench_sqlite(rows)
    print("rows checked:", checked, "average length of z:", average)
