# `super().name` and `super().name(...)` are looked up without a super object and cached per
# site; every change that could make the cached lookup wrong must be seen. Each site runs
# several times so that it is cached before the change.


class A:
    label = "A.label"

    def f(self):
        return "A.f"

    def g(self, x):
        return ("A.g", x)

    @property
    def prop(self):
        return "A.prop of " + type(self).__name__

    @staticmethod
    def st(x):
        return ("A.st", x)

    @classmethod
    def cm(cls):
        return ("A.cm", cls.__name__)

    @classmethod
    def make(cls):
        return ("A.make", cls.__name__)


class B(A):
    def f(self):
        return "B>" + super().f()

    def g(self, x):
        return super().g(x + 1)

    def label_of(self):
        return super().label

    def prop_of(self):
        return super().prop

    def st_of(self):
        return super().st(5), super().st

    def cm_of(self):
        return super().cm()

    @classmethod
    def make(cls):
        return ("B.make",) + super().make()

    def bound(self):
        m = super().f
        return m()

    def special(self):
        return super().__class__.__name__, super().__doc__

    def missing(self):
        return super().nothing_here


def run(label, fn, times=4):
    print(label, [fn() for _ in range(times)][-1])


b = B()
run("f", b.f)
run("g", lambda: b.g(1))
run("label", b.label_of)
run("prop", b.prop_of)
run("st", lambda: b.st_of()[0])
print("st plain function", b.st_of()[1](7))
run("cm", b.cm_of)
run("classmethod via instance", b.make)
run("classmethod via class", B.make)
run("bound", b.bound)
run("special", b.special)
for _ in range(3):
    try:
        b.missing()
    except AttributeError as e:
        print("AttributeError", e)

# the base class's method replaced, then deleted, after the site was cached
A.f = lambda self: "A.f replaced"
run("after replace", b.f)
del A.f
try:
    b.f()
except AttributeError as e:
    print("after delete", e)
A.f = lambda self: "A.f again"
run("after restore", b.f)

# a class attribute made a property, an instance value of the same name is not seen
A.label = property(lambda self: "label property")
run("label property", b.label_of)
b.__dict__["label"] = "instance value"
run("label with instance value", b.label_of)


# an intermediate class gains the name: the lookup starts after B, so it is seen
class Mid(A):
    pass


class Low(Mid):
    def f(self):
        return "Low>" + super().f()


low = Low()
run("Low before", low.f)
Mid.f = lambda self: "Mid.f"
run("Low after Mid.f", low.f)


# __class__ assignment: the receiver's class, hence its resolution order, changes
class Other(A):
    def f(self):
        return "Other.f"


class B2(B, Other):
    pass


class X(B):
    pass


x = X()
run("X before", x.f)
x.__class__ = B2
run("as B2", x.f)
x.__class__ = X
run("X again", x.f)


# multiple inheritance: the same method's site sees receivers whose orders differ
class Left(A):
    def f(self):
        return "Left>" + super().f()


class Right(A):
    def f(self):
        return "Right>" + super().f()


class Both(Left, Right):
    pass


class BothRev(Right, Left):
    pass


class Base5(A):
    pass


for obj in [Left(), Right(), Both(), BothRev(), Both(), Left(), BothRev(), Right()] * 2:
    print(type(obj).__name__, obj.f())


# the same code in classes made in a loop: each has its own __class__ cell
def make_class(base, tag):
    class K(base):
        def f(self):
            return tag + ">" + super().f()

    return K


classes = []
base = A
for tag in "pqrs":
    base = make_class(base, tag)
    classes.append(base)
for k in classes * 2:
    print(k.__name__, k().f())


# a name `super` that is not the built-in is called as written, with no arguments
class Proxy:
    def __init__(self, *args):
        self.args = args

    def __getattr__(self, name):
        return lambda *a: ("proxy", len(self.args), name, a)


class UsesLocalSuper(A):
    def f(self):
        return super().f()

    def g(self, x):
        return super().g(x)


u = UsesLocalSuper()
run("built-in super", u.f)
super = Proxy
run("shadowed super f", u.f)
run("shadowed super g", lambda: u.g(3))
del super
run("built-in super again", u.f)


# built-in base classes: their methods found through super()
class MyList(list):
    def append(self, x):
        super().append(x * 10)
        return len(self)

    def __init__(self, *a):
        super().__init__(*a)
        self.note = super().__len__()


ml = MyList([1, 2])
print("MyList", ml.note, [ml.append(i) for i in range(3)], list(ml))


class Plain:
    def __init__(self):
        super().__init__()
        self.ok = True

    def __setattr__(self, name, value):
        super().__setattr__(name, value)


print("Plain", [Plain().ok for _ in range(3)])


# __init_subclass__ is a classmethod: super() there gets a class as its second argument
class Registry:
    seen = []

    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        Registry.seen.append(cls.__name__)


class R1(Registry):
    pass


class R2(R1):
    pass


print("registry", Registry.seen)


# the first argument rebound in the method: super() uses what it holds then
class Rebind(A):
    def f(self):
        self = Rebind2()
        return super().f()


class Rebind2(Rebind):
    def f(self):
        return "Rebind2.f"


run("rebind", Rebind().f)
