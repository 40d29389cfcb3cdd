class C:
    def __str__(self):
        return str(self)
try:
    print(C())
except RecursionError:
    print('rec')
