import gc
keep = []
class R:
    def __del__(self):
        keep.append(self)
        self.me = self
for i in range(100):
    r = R(); r.me = r
del r
gc.collect()
keep.clear()
gc.collect()
print(len(keep))
