# collections.UserList: the MutableSequence API over a list in .data.
from collections import UserList
u = UserList([3, 1, 2])
u.append(5); u.sort(); print(u, len(u), u[0], u[-2:], type(u[-2:]).__name__)
v = u + [9]; print(v, type(v).__name__, 2 * u == u * 2, 1 in u, u.index(2), u.count(3))
u.reverse(); u.extend((7,)); u.insert(0, 0); print(u.pop(), u.pop(0), u, u.copy() == u, u < [4])
u += [8]; u *= 2; print(u, repr(UserList()), u.data is not None)
del u[0]; u.remove(8); u.clear(); print(u, bool(u))
class L(UserList):
    pass
print(type(L([1]) + [2]).__name__, isinstance(u, __import__("collections.abc").abc.MutableSequence))
