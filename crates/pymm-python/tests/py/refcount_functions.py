# Arguments, locals and return values hold references while a call runs.
import sys

def count_inside(obj):
    # the caller's name, the parameter, and getrefcount's own argument
    return sys.getrefcount(obj) - 1

def keep_two(obj):
    alias = obj
    return sys.getrefcount(obj) - 1

data = {"a": 1}
print("outside:", sys.getrefcount(data) - 1)
print("inside a call:", count_inside(data))
print("with a local alias:", keep_two(data))
print("after the calls:", sys.getrefcount(data) - 1)

def make():
    fresh = [0] * 3
    return fresh

made = make()
print("returned object, one name:", sys.getrefcount(made) - 1)

def stash(obj, into):
    into.append(obj)

box = []
stash(made, box)
print("stashed by a call:", sys.getrefcount(made) - 1)
box.pop()
print("unstashed:", sys.getrefcount(made) - 1)
