# ImportError and ModuleNotFoundError with CPython's messages and attributes.
import sys

try:
    import no_such_module_anywhere
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    import import_support.no_such_sub
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    import import_support.plain.not_a_package
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
try:
    from import_support.plain import missing_name
except ImportError as e:
    print(type(e).__name__, str(e).replace(sys.path[0], "DIR"), e.name)
try:
    from sys import missing_name
except ImportError as e:
    print(type(e).__name__, e)
print("ModuleNotFoundError is an ImportError:", issubclass(ModuleNotFoundError, ImportError))
try:
    __import__("")
except ValueError as e:
    print("ValueError:", e)
try:
    exec("from . import x", {"__name__": "top", "__package__": ""})
except ImportError as e:
    print("ImportError:", e)
try:
    exec("from ... import x", {"__name__": "a.b", "__package__": "a"})
except ImportError as e:
    print("ImportError:", e)
