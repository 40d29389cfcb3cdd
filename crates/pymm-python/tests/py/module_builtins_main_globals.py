import json, builtins
print(type(__builtins__).__name__, __builtins__ is builtins)
print(type(json.__builtins__).__name__, json.__builtins__ is builtins.__dict__)
print("__builtins__" in dir(json), "__builtins__" in globals())
print(getattr(__builtins__, "len")([1, 2]))
print(sorted(k for k in globals() if k.startswith("__")))
x: int = 3
print(__annotations__)
