# globals(), vars(), eval and exec without a namespace read the calling frame's module, not
# __main__, when called in an imported module.
from import_support import globals_probe as probe

marker = "main module"
print("module level __name__:", probe.module_level_name)
print("module level vars() is globals():", probe.module_level_vars_is_globals)
print("function __name__:", probe.own_name())
g = probe.own_globals()
print("is the module's dict:", g is vars(probe), g is probe.__dict__)
print("not main's:", g is globals())
print("marker seen:", g["marker"])
print("eval sees the module:", probe.eval_here("marker"))
print("exec reads the module:", probe.exec_here("seen_by_exec.append(marker.upper())"))
print("main still main:", globals()["__name__"], marker)
print("eval in main:", eval("marker"))
# a frame reader called by a built-in on behalf of Python code
print("through map:", [k for k in map(lambda f: f()["__name__"], [probe.own_globals])])
