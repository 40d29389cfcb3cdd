# An import cycle as CPython runs it: the module being imported is already in sys.modules,
# partly initialised; names defined after the cycle are not there yet.
import sys

import import_support.circ_a
from import_support import events

for e in events:
    print(e)
print("both loaded:", "import_support.circ_b" in sys.modules)
print("late defined now:", import_support.circ_a.late)
print("circ_b kept the partial module:", import_support.circ_b.partial is import_support.circ_a)
