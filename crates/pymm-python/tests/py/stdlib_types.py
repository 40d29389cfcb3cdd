# The types module: the interpreter's own types by name, SimpleNamespace, MappingProxyType.
import sys
import types


def f():
    yield 1


class C:
    def m(self):
        pass


print("function:", isinstance(f, types.FunctionType), types.FunctionType is types.LambdaType)
print("generator:", isinstance(f(), types.GeneratorType), types.GeneratorType.__name__)
print("method:", isinstance(C().m, types.MethodType), isinstance(C.m, types.MethodType))
print("builtin:", isinstance(len, types.BuiltinFunctionType), types.BuiltinMethodType.__name__)
print("module:", isinstance(sys, types.ModuleType), types.ModuleType.__name__)
print("code:", isinstance(f.__code__, types.CodeType))
print("none:", types.NoneType, types.EllipsisType, types.NotImplementedType)
ns = types.SimpleNamespace(b=2, a=1)
ns.c = [3]
print("namespace:", ns, ns.a, ns == types.SimpleNamespace(a=1, b=2, c=[3]))
try:
    types.SimpleNamespace({"x": 1})
except TypeError as e:
    print("TypeError:", e)
proxy = types.MappingProxyType({"k": 1, "j": 2})
print("proxy:", proxy, proxy["k"], proxy.get("z", 0), "j" in proxy, len(proxy), list(proxy))
print("proxy views:", list(proxy.keys()), list(proxy.values()), list(proxy.items()))
print("proxy copy:", proxy.copy(), type(proxy.copy()).__name__, proxy | {"z": 3})
print("proxy equal:", proxy == {"k": 1, "j": 2}, type(proxy).__name__)
def assign():
    proxy["k"] = 2


for action in (assign, lambda: types.MappingProxyType([1])):
    try:
        action()
    except TypeError as e:
        print("TypeError:", e)
Point = types.new_class("Point", (object,), exec_body=lambda ns: ns.update(x=1))
print("new_class:", Point.__name__, Point.x, Point.__bases__)
