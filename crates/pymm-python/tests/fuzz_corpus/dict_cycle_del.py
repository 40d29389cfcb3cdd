import gc
class K:
    def __del__(self):
        d.clear()
d = {}
for i in range(100):
    d[i] = K()
del d[0]
d.clear()
print(len(d))
