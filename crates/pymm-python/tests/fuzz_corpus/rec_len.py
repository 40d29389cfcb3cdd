class C:
    def __len__(self):
        return len(self)
try:
    len(C())
except RecursionError:
    print('rec')
