# Packages on sys.path (the script's own folder): __init__.py, submodules, relative imports,
# the order modules run in, and what each import statement binds.
import sys

import import_support
import import_support.pkg.sub.deep
from import_support import events

print("events:", events)
print("binds the top package:", import_support.__name__)
print("submodule attribute:", import_support.pkg.sub.deep.doubled)
import import_support.pkg.sub.deep as deep

print("as binds the submodule:", deep.__name__, deep.doubled)
from import_support.pkg import leaf, name_seen, package_seen

print("from-import:", leaf.value, name_seen, package_seen)
print("leaf package:", leaf.__package__, "deep package:", deep.__package__)
print("pkg has __path__:", hasattr(import_support.pkg, "__path__"))
print("leaf has __path__:", hasattr(leaf, "__path__"))
print("__file__ of a package:", import_support.pkg.__file__.endswith("pkg/__init__.py"))
print("__file__ of a module:", leaf.__file__.endswith("pkg/leaf.py"))
print("repr:", repr(leaf).startswith("<module 'import_support.pkg.leaf' from '"))
print("sys.path[0] is the script folder:", sys.path[0] == __file__.rsplit("/", 1)[0])
print("main:", __name__, __package__, __file__.endswith("import_packages.py"))
names = sorted(k for k in sys.modules if k.startswith("import_support"))
print("sys.modules:", names)
# importing again runs nothing again
import import_support.pkg.leaf

print("events again:", events)
print("same object:", sys.modules["import_support.pkg.leaf"] is leaf)
# __import__ as the statement uses it
top = __import__("import_support.pkg.leaf")
print("__import__ gives the top:", top is import_support)
mod = __import__("import_support.pkg.leaf", globals(), None, ["value"], 0)
print("with a fromlist, the module:", mod is leaf)
# a module imported inside a function binds a local name
def local_import():
    import import_support.plain as p
    from import_support.plain import helper as h
    return p.public, h(21)


print("in a function:", local_import())
print("events at the end:", events)
import import_support.plain as plain_module

print("module docstrings:", plain_module.__doc__, import_support.pkg.leaf.__doc__)
print("main's __doc__ and __spec__:", __doc__, __spec__)
