# from m import *: __all__ when the module has one, else every name without a leading _.
from import_support.plain import *
from import_support.noall import *

print(public, helper(4))
print(alpha, beta)
for name in ["also_public", "_private", "_gamma", "fail"]:
    print(name, name in globals())
