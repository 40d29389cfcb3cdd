# set and frozenset: the repr of subclasses (the type's name around the items), of empty
# ones, of a set met again inside its own repr; a set key looked up (in, remove, discard)
# as the frozenset of its items.


class S(set):
    pass


class F(frozenset):
    pass


print("reprs", repr(S([1])), repr(F([2])), repr(S()), repr(F()), repr(set()), repr(frozenset()))
print("exact", repr({3}), repr(frozenset({4})))


class Holder:
    def __init__(self, s):
        self.s = s

    def __hash__(self):
        return 1

    def __repr__(self):
        return repr(self.s)


for kind in (set, S):
    s = kind()
    s.add(Holder(s))
    print("cyclic", kind.__name__, repr(s))

fs = {frozenset([1]), frozenset([2, 3])}
print("in", {1} in fs, S([2, 3]) in fs, {5} in fs, set() in fs)
fs.remove({1})
print("removed", sorted(map(sorted, fs)))
fs.discard(S([2, 3]))
fs.discard({9})
print("discarded", fs)
try:
    fs.remove({7})
except KeyError as e:
    print("KeyError", e.args[0], type(e.args[0]).__name__)
try:
    [1] in fs
except TypeError as e:
    print("list key", e)
