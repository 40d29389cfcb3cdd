# LOAD_GLOBAL caches where it found a name (the globals or the builtins); every change of
# either namespace's keys must be seen. Each site runs in a loop so that it is cached first.
import builtins

counter = 1


def read_counter():
    return counter


def use_len(s):
    return len(s)


for _ in range(3):
    print("global", read_counter(), "builtin", use_len("abc"))

# the value of an existing global changes in place
counter = 2
print("rebound", read_counter())
globals()["counter"] = 3
print("via globals()", read_counter())

# a global shadows a builtin, then goes away again
len = lambda s: -1  # noqa: E731
print("shadowed builtin", use_len("abc"))
del len
print("shadow deleted", use_len("abc"))

# the builtin itself is monkeypatched, then restored
original_len = builtins.len
builtins.len = lambda s: 99
print("patched builtin", use_len("abc"))
builtins.len = original_len
print("restored builtin", use_len("abc"))

# a builtin removed and added back
saved_abs = builtins.abs
del builtins.abs


def use_abs(x):
    return abs(x)


try:
    use_abs(-1)
except NameError as e:
    print("NameError", e)
builtins.abs = saved_abs
for _ in range(3):
    print("abs back", use_abs(-4))

# deleting a cached global raises NameError at the cached site
del counter
try:
    read_counter()
except NameError as e:
    print("NameError", e)
counter = 5
print("defined again", read_counter())

# many new globals (the dict grows and moves its entries) keep the cached site right
for i in range(100):
    globals()["filler_%d" % i] = i
print("after growth", read_counter(), use_len("ab"))
for i in range(100):
    del globals()["filler_%d" % i]
print("after deletions", read_counter(), use_len("ab"))

# functions made by exec in namespaces of their own: each site sees its own globals
ns = {}
exec("def get():\n    return value\n", ns)
ns["value"] = "first"
for _ in range(3):
    print("exec ns", ns["get"]())
get = ns["get"]
ns.clear()
ns["value"] = "after clear"
print("cleared and refilled", get())
ns.pop("value")
try:
    get()
except NameError as e:
    print("NameError", e)
ns.update(value="updated")
print("update", get())
ns.popitem()
ns["value"] = "after popitem"
print("popitem", get())
ns.setdefault("other", 1)
print("setdefault", get())

# the same code in two namespaces
ns2 = {}
src = "def get():\n    return value\n"
exec(src, ns2)
ns2["value"] = "second"
for _ in range(3):
    print("two namespaces", get(), ns2["get"]())


# a namespace dropped while a cached site remembers it
def make():
    space = {"value": "temporary"}
    exec(src, space)
    return space["get"]


for _ in range(3):
    f = make()
    print("fresh namespace", f())
    del f
