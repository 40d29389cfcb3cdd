class C:
    def __init__(self):
        C()
try:
    C()
except RecursionError:
    print('rec')
