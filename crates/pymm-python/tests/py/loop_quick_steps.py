# The eval loop's quick steps for `for` over iterators, backward jumps, methods of built-in
# types (`items.append`, `d.get`) and calls of built-ins in place: the same results, errors,
# tracebacks' lines and exceptions through calls as any other path.
import traceback


def appends(n):
    items = []
    for i in range(n):
        items.append(i * 2)
    return items


print("append:", appends(5), len(appends(1000)))


def gets(d, keys):
    out = []
    for k in keys:
        out.append(d.get(k))
        out.append(d.get(k, -1))
    return out


print("get:", gets({1: "a", "x": 2, (1, 2): 3}, [1, "x", (1, 2), 9, 2.0, 1.0, True]))


def one_site(receivers):
    # one LOAD_METHOD site over receivers of several built-in types, a subclass and an
    # instance with its own `count`
    out = []
    for r in receivers:
        out.append(r.count(1))
    return out


class MyList(list):
    def count(self, v):
        return "own count"


class Counter:
    def count(self, v):
        return "instance method"


print("one site:", one_site([[1, 1, 2], (1,), MyList([1]), Counter(), [1], b"\x01", (2, 1, 1)]))


def wrong_arity(items):
    for i in range(3):
        try:
            if i == 2:
                items.append()
            else:
                items.append(i)
        except TypeError as e:
            print("arity:", e, "at line", e.__traceback__.tb_lineno)
    return items


print(wrong_arity([]))


def missing_key(d):
    total = 0
    for k in ["a", "b", "c"]:
        total += d.get(k, 0)
        total += d[k]
    return total


try:
    missing_key({"a": 1, "b": 2})
except KeyError as e:
    tb = traceback.extract_tb(e.__traceback__)
    print("KeyError", e, [(fr.name, fr.lineno) for fr in tb])


def failing_iter():
    yield 1
    yield 2
    raise ValueError("from the iterator")


def consume():
    seen = []
    for v in failing_iter():
        seen.append(v)
    return seen


try:
    consume()
except ValueError as e:
    tb = traceback.extract_tb(e.__traceback__)
    print("ValueError", e, [(fr.name, fr.lineno) for fr in tb])


class BadIter:
    def __iter__(self):
        return self

    def __next__(self):
        raise RuntimeError("next failed")


def over_bad():
    for _ in BadIter():
        pass


try:
    over_bad()
except RuntimeError as e:
    print("RuntimeError", e, [fr.lineno for fr in traceback.extract_tb(e.__traceback__)])


def nested_loops():
    out = []
    for i in range(3):
        for j in range(i):
            if j == 1:
                break
            out.append((i, j))
        else:
            out.append("else")
        while len(out) < 2:
            out.append("w")
    return out


print("nested:", nested_loops())


def big_range():
    # ints past the small-int cache, written into the dying box of the loop variable
    total = 0
    for i in range(10**6, 10**6 + 2000, 7):
        total += i
    last = None
    for i in range(2**62, 2**62 + 3):
        last = i
    return total, last


print("big range:", big_range())


def generator_loop():
    def gen():
        for i in range(5):
            got = yield i
            if got:
                yield got
    g = gen()
    out = [next(g), g.send("x"), next(g), next(g)]
    out.extend(g)
    return out


print("generator:", generator_loop())


def builtins_in_place(xs):
    out = []
    for x in xs:
        out.append((len(x), abs(-len(x)), isinstance(x, str), max(x) if x else None))
    return out


print("builtins:", builtins_in_place(["ab", [3, 1], (), "z"]))


def method_of_bool_and_none():
    out = []
    for v in [True, 3, 2.5, None, "s"]:
        out.append(v.__class__.__name__)
        out.append(str(v).upper())
    return out


print("misc:", method_of_bool_and_none())
