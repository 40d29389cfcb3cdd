# A set or frozenset made from a dict, and dict.fromkeys of a set, frozenset or dict, take
# the hashes their source table keeps: the keys' __hash__ does not run again.


class H(int):
    hash_count = 0

    def __hash__(self):
        self.hash_count += 1
        return int.__hash__(self)


d = dict.fromkeys(map(H, range(10)))


def count():
    return sum(e.hash_count for e in d)


print("fromkeys of a map", count())
s = set(d)
print("set(d)", count(), sorted(s))
f = frozenset(d)
print("frozenset(d)", count(), len(f))
print("difference", len(s.difference(d)), count())
s.symmetric_difference_update(d)
print("symmetric_difference_update", count(), s)
print("dict.fromkeys(set)", sorted(dict.fromkeys(set(d), 1).items()), count())
print("dict.fromkeys(frozenset)", len(dict.fromkeys(frozenset(d))), count())
print("dict.fromkeys(dict)", list(dict.fromkeys(d, 2).values()), count())
print("dict.fromkeys(list)", len(dict.fromkeys(list(d))), count())
