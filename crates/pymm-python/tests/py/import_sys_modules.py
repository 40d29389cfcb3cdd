# sys.modules is a real dict: programs read it, add to it, remove from it; sys.path is a list
# the program may change; importlib.import_module and reload.
import importlib
import sys

print("sys.modules is a dict:", type(sys.modules).__name__)
print("sys in sys.modules:", sys.modules["sys"] is sys)
print("__main__ registered:", sys.modules["__main__"].__name__)


class Fake:
    answer = 42


sys.modules["fake_module"] = Fake
import fake_module

print("a planted entry is imported:", fake_module.answer)
sys.modules["blocked"] = None
try:
    import blocked
except ModuleNotFoundError as e:
    print("None blocks:", e)
plain = importlib.import_module("import_support.plain")
print("import_module gives the module itself:", plain.__name__)
leaf = importlib.import_module(".leaf", "import_support.pkg")
print("relative import_module:", leaf.__name__, leaf.value)
try:
    importlib.import_module(".leaf")
except TypeError as e:
    print("TypeError:", e)
from import_support import events

before = list(events)
del sys.modules["import_support.plain"]
again = importlib.import_module("import_support.plain")
print("removed, then imported afresh:", again is not plain, events[len(before):])
again.public = "changed"
reloaded = importlib.reload(again)
print("reload runs the code again in the same module:", reloaded is again, again.public)
try:
    importlib.reload(plain)
except ImportError as e:
    print("ImportError:", e)
try:
    import import_support.raises
except ValueError as e:
    print("import raised:", e)
print("a failed module leaves sys.modules:", "import_support.raises" in sys.modules)
sys.path.append(__file__.rsplit("/", 1)[0] + "/import_support/ns_portion")
import nspkg.mod

print("namespace package:", nspkg.mod.where, hasattr(nspkg, "__file__"))
print("namespace __path__ entries:", len(list(nspkg.__path__)))
print("builtin_module_names has sys:", "sys" in sys.builtin_module_names)
