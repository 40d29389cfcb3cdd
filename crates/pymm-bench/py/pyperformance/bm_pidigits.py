"""Digits of pi by the spigot algorithm on big ints (pyperformance bm_pidigits)."""
import itertools
import sys

DEFAULT_DIGITS = 300


def gen_x():
    return map(lambda k: (k, 4 * k + 2, 0, 2 * k + 1), itertools.count(1))


def compose(a, b):
    aq, ar, as_, at = a
    bq, br, bs, bt = b
    return (aq * bq, aq * br + ar * bt, as_ * bq + at * bs, as_ * br + at * bt)


def extract(z, j):
    q, r, s, t = z
    return (q * j + r) // (s * j + t)


def gen_pi_digits():
    z = (1, 0, 0, 1)
    x = gen_x()
    while 1:
        y = extract(z, 3)
        while y != extract(z, 4):
            z = compose(z, next(x))
            y = extract(z, 3)
        z = compose((10, -10 * y, 0, 1), z)
        yield y


def calc_ndigits(n):
    return list(itertools.islice(gen_pi_digits(), n))


def main(loops):
    for _ in range(loops):
        digits = calc_ndigits(DEFAULT_DIGITS)
    print("".join(map(str, digits[:60])))
    print("sum of digits:", sum(digits))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
