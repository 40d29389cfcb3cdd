"""copy.deepcopy of nested containers, dataclass-like instances and a cycle (pyperformance
bm_deepcopy)."""
import copy
import sys
from dataclasses import dataclass


@dataclass
class A:
    string: str
    lst: list
    boolean: bool


def benchmark_reduce(n):
    """deepcopy of an object with a __reduce__-free instance dict."""
    class C(object):
        def __init__(self):
            self.a = 1
            self.b = 2
    obj = [C() for _ in range(20)]
    total = 0
    for _ in range(n):
        c = copy.deepcopy(obj)
        total += sum(x.a + x.b for x in c)
    return total


def benchmark_memo(n):
    a = {"x": [1, 2, 3]}
    obj = [a] * 50
    shared = 0
    for _ in range(n):
        c = copy.deepcopy(obj)
        shared += all(item is c[0] for item in c)
    return shared


def benchmark(n):
    a = {
        "list": [1, 2, 3, 43],
        "t": (1, 2, 3),
        "str": "hello",
        "subdict": {"a": True},
    }
    dc = A("hello", [1, 2, 3], True)
    total = 0
    for _ in range(n):
        for _ in range(30):
            b = copy.deepcopy(a)
            total += len(b["list"])
        for _ in range(30):
            e = copy.deepcopy(dc)
            total += len(e.lst)
    cyclic = [1, 2]
    cyclic.append(cyclic)
    d = copy.deepcopy(cyclic)
    return total, d[2] is d, b == a, e == dc, e is not dc


def main(loops):
    print("deepcopy:", benchmark(loops * 10))
    print("reduce:", benchmark_reduce(loops * 20))
    print("memo:", benchmark_memo(loops * 20))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
