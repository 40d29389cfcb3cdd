# getattr(obj, name, default) and hasattr(obj, name) on instances: the default for a
# missing attribute however it goes missing (no attribute, __getattr__ or a property
# raising AttributeError, an unset slot), every other exception passed on, and what is
# found through the instance, its class, descriptors, __getattr__ and __getattribute__.


class Plain:
    klass = "class attribute"

    def __init__(self):
        self.here = "instance attribute"

    def method(self):
        return "bound"


class Hooked:
    def __getattr__(self, name):
        if name.startswith("virtual_"):
            return name.upper()
        if name == "boom":
            raise KeyError(name)
        raise AttributeError(name)


class Props:
    @property
    def missing(self):
        raise AttributeError("not today")

    @property
    def broken(self):
        raise ValueError("broken getter")

    @property
    def fine(self):
        return "property value"


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1


class Guarded:
    def __getattribute__(self, name):
        if name == "secret":
            raise AttributeError("hidden")
        if name == "fail":
            raise RuntimeError("no")
        return object.__getattribute__(self, name)


class Descriptor:
    def __get__(self, obj, owner):
        if obj is None:
            return self
        raise AttributeError("descriptor says no")


class WithDescriptor:
    d = Descriptor()


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


sentinel = "<default>"
p = Plain()
for name in ("here", "klass", "method", "nothing", "__class__", "__dict__"):
    show(f"plain {name}", lambda: getattr(p, name, sentinel) if name != "method" else getattr(p, name)())
    show(f"plain has {name}", lambda: hasattr(p, name))
show("plain no default", lambda: getattr(p, "nothing"))
h = Hooked()
for name in ("virtual_x", "other", "boom"):
    show(f"hooked {name}", lambda: getattr(h, name, sentinel))
    show(f"hooked has {name}", lambda: hasattr(h, name))
pr = Props()
for name in ("missing", "broken", "fine"):
    show(f"props {name}", lambda: getattr(pr, name, sentinel))
    show(f"props has {name}", lambda: hasattr(pr, name))
s = Slotted()
for name in ("a", "b", "c"):
    show(f"slotted {name}", lambda: getattr(s, name, sentinel))
g = Guarded()
g.secret = 1
g.open = 2
for name in ("secret", "open", "fail", "absent"):
    show(f"guarded {name}", lambda: getattr(g, name, sentinel))
    show(f"guarded has {name}", lambda: hasattr(g, name))
show("descriptor", lambda: getattr(WithDescriptor(), "d", sentinel))
show("descriptor has", lambda: hasattr(WithDescriptor(), "d"))
show("non-str name", lambda: getattr(p, 1, sentinel))
show("non-str name has", lambda: hasattr(p, 1))
show("int attr", lambda: getattr(5, "real", sentinel))
show("int missing", lambda: getattr(5, "nothing", sentinel))
import math
show("module missing", lambda: getattr(math, "nothing", sentinel))
show("class missing", lambda: getattr(Plain, "nothing", sentinel))
show("exception value", lambda: getattr(StopIteration(7), "value", sentinel))
