class C:
    def __hash__(self):
        return hash(self)
try:
    {C()}
except RecursionError:
    print('rec')
