class C:
    def __getattr__(self, n):
        return getattr(self, n)
try:
    C().x
except RecursionError:
    print('rec')
