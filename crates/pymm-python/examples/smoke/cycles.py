# A two-node cycle survives reference counting; the collector finds it (seed section 3.2).
import gc


class Node:
    def __init__(self):
        self.other = None


gc.collect()
a, b = Node(), Node()
a.other, b.other = b, a
del a, b
print("unreachable objects found:", gc.collect())
print("thresholds:", gc.get_threshold())
