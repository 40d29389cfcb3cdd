from gc import *
print(collect())
import gc as g, sys as s
print(g.isenabled())
