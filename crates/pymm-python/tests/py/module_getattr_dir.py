import sys, types
m = types.ModuleType("lazy")
def __getattr__(name):
    if name == "answer":
        return 42
    raise AttributeError(f"module 'lazy' has no attribute {name!r}")
m.__getattr__ = __getattr__
m.__dir__ = lambda: ["answer", "z"]
print(m.answer, getattr(m, "nope", "dflt"), hasattr(m, "answer"), dir(m))
try:
    m.nope
except AttributeError as e:
    print("AttributeError:", e)
sys.modules["lazy"] = m
from lazy import answer
print(answer)
m2 = types.ModuleType("plain")
try:
    m2.missing
except AttributeError as e:
    print("AttributeError:", e)

# a module file of its own with __getattr__ and __dir__, read in a loop (the eval loop's
# cached module attribute reads must fall back to the hook too)
import os, tempfile
d = tempfile.mkdtemp()
with open(os.path.join(d, "lazymod.py"), "w") as f:
    f.write("present = 1\n"
            "def __getattr__(name):\n"
            "    if name.startswith('gen_'):\n"
            "        return name[4:] * 2\n"
            "    raise AttributeError(f'module {__name__!r} has no attribute {name!r}')\n"
            "def __dir__():\n"
            "    return ['present', 'gen_x']\n")
sys.path.insert(0, d)
import lazymod
out = []
for i in range(3):
    out.append((lazymod.present, lazymod.gen_ab))
print(out, dir(lazymod))
from lazymod import gen_q
print(gen_q)
try:
    from lazymod import other
except ImportError as e:
    print("ImportError:", e.name, "other" in str(e))
try:
    lazymod.other
except AttributeError as e:
    print("AttributeError:", e)
