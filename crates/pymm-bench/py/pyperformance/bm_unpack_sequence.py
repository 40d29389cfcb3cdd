"""Microbenchmark for unpacking lists and tuples (pyperformance bm_unpack_sequence)."""
import sys


def do_unpacking(loops, to_unpack):
    total = 0
    for _ in range(loops):
        a, b, c, d, e, f, g, h, i, j = to_unpack
        a, b, c, d, e, f, g, h, i, j = to_unpack
        a, b, c, d, e, f, g, h, i, j = to_unpack
        a, b, c, d, e, f, g, h, i, j = to_unpack
        a, b, c, d, e, f, g, h, i, j = to_unpack
        total += a + b + c + d + e + f + g + h + i + j
    return total


def main(loops):
    print("tuple:", do_unpacking(loops * 2000, tuple(range(10))))
    print("list:", do_unpacking(loops * 2000, list(range(10))))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
