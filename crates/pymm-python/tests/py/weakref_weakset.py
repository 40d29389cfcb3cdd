# WeakSet: a MutableSet whose members leave when they die.
import collections.abc, weakref, gc
gc.disable()
class K:
    pass
a, b, c = K(), K(), K()
s = weakref.WeakSet([a, b])
print(isinstance(s, collections.abc.MutableSet), len(s), a in s, c in s)
s.add(c); s.discard(b); print(len(s))
t = weakref.WeakSet([a])
print(t <= s, s >= t, len(s | t), len(s & t), len(s - t), len(s ^ t), t.issubset(s))
del c
print(len(s), s == weakref.WeakSet([a]))
s.clear(); print(len(s), bool(s))
