class C:
    def __iter__(self):
        return iter(self)
try:
    list(C())
except RecursionError:
    print('rec')
